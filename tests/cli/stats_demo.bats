#!/usr/bin/env bats
# aidant-stats in the demo: the sandbox (--demo) filled with a fictitious month of a
# France Services desk, marked in what it prints; the demo scene, run after the scenes
# whose journal and diagnoses it ingests.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	unset AIDANT_HOME
}

@test "--demo fills the sandbox once with November 2026 of a France Services desk, marked" {
	run aidant-stats -q --demo list --month 2026-11 --format ndjson
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 180 ]
	[ "$(echo "${lines[0]}" | jq -r 'keys_unsorted[0]')" = demo ]
	[ -f "$XDG_DATA_HOME/aidant-demo/stats.db" ]
	[ ! -e "$XDG_DATA_HOME/aidant" ]
	run aidant-stats -q --demo list --month 2026-11 --format ndjson
	[ "${#lines[@]}" -eq 180 ]
	run aidant-stats -q --demo --format table report --month 2026-11
	[ "${lines[0]}" = "DÉMONSTRATION — sans valeur" ]
	[[ "$output" == *"Activités"*"180"* ]]
	run aidant-stats -q --demo export --public --month 2026-11 --format json
	[ "$(echo "$output" | jq -r 'keys_unsorted[0]')" = demo ]
	run aidant-stats -q --demo --format json show fs-2026-11-000
	[ "$(echo "$output" | jq -r 'keys_unsorted[0]')" = demo ]
	run aidant-stats -q --demo --format table show fs-2026-11-000
	[ "${lines[0]}" = "DÉMONSTRATION — sans valeur" ]
	run aidant-stats -q --demo --home "$BATS_TEST_TMPDIR/h" list
	[ "$status" -eq 64 ]
}

@test "the demo scene: the month imported, the journal and diagnoses ingested once, the exports" {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" AIDANT_DEMO_PAPERS="$BATS_TEST_TMPDIR/papers"
	mkdir -p "$AIDANT_HOME" "$AIDANT_DEMO_PAPERS"
	cd "$AIDANT_HOME"
	for s in 10-annuaire 20-mandate 40-diag; do
		sh "$AIDANT_SHARE/demo/$s.sh" >"$BATS_TEST_TMPDIR/$s.log" 2>&1 || { tail "$BATS_TEST_TMPDIR/$s.log"; return 1; }
	done
	mkdir -p "$BATS_TEST_TMPDIR/nochromium" && printf "#!/bin/sh\nexit 1\n" >"$BATS_TEST_TMPDIR/nochromium/chromium" && chmod +x "$BATS_TEST_TMPDIR/nochromium/chromium"
	# the page is printed to PDF by other tests: not here
	PATH="$BATS_TEST_TMPDIR/nochromium:$PATH" run sh "$AIDANT_SHARE/demo/50-stats.sh"
	[ "$status" -eq 0 ] || { echo "$output" | tail -n 20; return 1; }
	[[ "$output" == *"inserted          180"* ]]
	# the journal read twice: counted once
	[ "$(echo "$output" | grep -A 2 '^read  *11$' | grep -c '^counted  *4$')" -eq 1 ]
	[ "$(echo "$output" | grep -A 3 '^read  *11$' | grep -c '^unchanged  *4$')" -eq 1 ]
	[[ "$output" == *"Démarches faites sous mandat"* ]]
	[[ "$output" == *"observatoire-2026-11.csv is kept"* ]]
	for f in csv xlsx html; do [ -s "$AIDANT_DEMO_PAPERS/observatoire-2026-11.$f" ] || { echo "no $f"; return 1; }; done
	[ "$(awk -F, '$2 == "total" && $3 == "activites" { print $5 }' "$AIDANT_DEMO_PAPERS/observatoire-2026-11.csv")" = 180 ]
	[ "$(awk -F, '$2 == "diagnostic" && $3 == "diagnostics" { print $7 }' "$AIDANT_DEMO_PAPERS/observatoire-2026-11.csv")" = 1 ]
	# the network: two structures' signed months merged, a changed file refused
	[[ "$output" == *"minisign: signature OK"* ]]
	[ "$(echo "$output" | grep -cE '^[^ ]+ +(21010053100017|41234567800019) .* new$')" -eq 2 ]
	[[ "$output" == *"change.json: changed after it was signed"*"(exit status 65, as expected)"* ]]
	[[ "$output" == *"== 21010053100017 =="*"== 41234567800019 =="* ]]
	[ -s "$AIDANT_DEMO_PAPERS/observatoire-reseau-2026-11.html" ]
	[ "$(aidant-stats -q --home "$AIDANT_HOME/coordination" report --month 2026-11 --format csv | awk -F, '$3 == "total" && $4 == "activites" { print $7 }')" = 270 ]
}
