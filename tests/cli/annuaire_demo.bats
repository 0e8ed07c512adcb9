#!/usr/bin/env bats
# aidant-annuaire --demo: a sandbox filled on first use with the fictitious places of
# share/aidant/demo/data, and everything it prints marked: "demo": true in JSON, NDJSON,
# YAML and GeoJSON, the banner "DÉMONSTRATION — sans valeur" above tables.

load fixtures/annuaire/query-helpers

setup() {
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg"
	export AIDANT_HOME="$BATS_TEST_TMPDIR/real"
	export TZ=Europe/Paris LANG=C.UTF-8
	unset LC_ALL LANGUAGE AIDANT_NOW AIDANT_DEMO
	FIX="$BATS_TEST_DIRNAME/fixtures/annuaire"
	demo_data="$AIDANT_ROOT/share/aidant/demo/data"
}

@test "the sandbox is filled on first use with the demo places, apart from the real home" {
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format ndjson export
	[ "$status" -eq 0 ]
	want=$(($(jq length "$demo_data/reseau-73.json") + $(grep -c '^sav-' "$demo_data/savoie-lieux.csv")))
	[ "$(echo "$output" | wc -l)" -eq "$want" ]
	[ -f "$XDG_DATA_HOME/aidant-demo/annuaire.db" ]
	[ ! -e "$AIDANT_HOME" ]
	run --separate-stderr env -u AIDANT_HOME AIDANT_DEMO=1 aidant-annuaire --format json show r73-clic-partage
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .nom)" != null ]
}

@test "what the demo prints for scripts carries demo: true" {
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format json search CAF
	[ "$(echo "$output" | jq '[.[] | .demo] | unique')" = '[
  true
]' ]
	[ "$(echo "$output" | jq -r '.[0] | keys_unsorted[0]')" = demo ]
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format ndjson stats
	[ "$(echo "$output" | jq -s 'all(.demo == true)')" = true ]
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format yaml stale --older-than 1d
	[[ ${lines[0]} == "- demo: true" ]]
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo export --format geojson
	[ "$(echo "$output" | jq .demo)" = true ]
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format json show r73-clic-partage
	[ "$(echo "$output" | jq .demo)" = true ]
	run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format json import --dry-run "$FIX/query-savoie.json"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.demo, .would_insert]')" = "[true,7]" ]
}

@test "tables the demo prints open with the banner" {
	for cmd in "search CAF" "stats" "show r73-clic-partage" "import --dry-run $FIX/query-savoie.json" "dedupe"; do
		run --separate-stderr env -u AIDANT_HOME aidant-annuaire --demo --format table $cmd
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "DÉMONSTRATION — sans valeur" ] || { echo "$cmd: ${lines[0]}"; return 1; }
	done
}

@test "outside the demo nothing is marked" {
	import_fixture
	run --separate-stderr aidant-annuaire --format json search CAF
	[ "$(echo "$output" | jq '[.[] | has("demo")] | any')" = false ]
	run --separate-stderr aidant-annuaire --format table stats
	[[ ${lines[0]} != *DÉMONSTRATION* ]]
	run --separate-stderr aidant-annuaire export --format geojson
	[ "$(echo "$output" | jq 'has("demo")')" = false ]
	[ ! -e "$XDG_DATA_HOME/aidant-demo" ]
}
