#!/usr/bin/env bats
# aidant-diag --demo: the sandbox filled on first use with fictitious diagnoses, and its
# output marked so that it cannot pass for a real one.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	unset AIDANT_HOME
}

@test "--demo fills the sandbox once with five people's diagnoses, marked as demo" {
	run aidant-diag -q --demo list --format ndjson
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 6 ]
	[ "$(echo "${lines[5]}" | jq -r '"\(.usager) \(.form) \(.demo)"')" = "u-demo-josiane complet true" ]
	[ -f "$XDG_DATA_HOME/aidant-demo/diag.db" ]
	[ ! -e "$XDG_DATA_HOME/aidant" ]
	# filled once: a second call finds the same six
	run aidant-diag -q list --demo --format ndjson
	[ "${#lines[@]}" -eq 6 ]
	run aidant-diag -q --demo --format table show 6
	[ "${lines[0]}" = "DÉMONSTRATION — sans valeur" ]
	run aidant-diag -q --demo --format json show 6
	[ "$(echo "$output" | jq -r 'keys_unsorted[0]')" = demo ]
	run aidant-diag -q --demo --format table list
	[ "${lines[0]}" = "DÉMONSTRATION — sans valeur" ]
	[ "$(echo "$output" | grep -c DÉMONSTRATION)" -eq 1 ]
	run aidant-diag -q --demo --format json compare 1 6
	[ "$(echo "$output" | jq -r '.[] | select(.competence == "4.2") | .change')" -gt 0 ]
	run aidant-diag -q --demo summary 6
	[[ "$output" == *"DÉMONSTRATION — sans valeur"* ]]
	AIDANT_DEMO=1 run aidant-diag -q orient 3
	[ "$(echo "$output" | jq -r '.prise_en_charge_specifique | join(",")')" = "Langues étrangères (anglais),Langues étrangères (autres)" ]
}

@test "--demo with --home is a usage error (64)" {
	run aidant-diag -q --demo --home "$BATS_TEST_TMPDIR/h" list
	[ "$status" -eq 64 ]
}
