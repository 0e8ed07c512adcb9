#!/usr/bin/env bats
# aidant-annuaire stats and stale: counts per service, label and commune, the services
# no place of a commune offers, and the places whose date_maj is older than a duration.

load fixtures/annuaire/query-helpers

@test "stats counts places per service, every service of the schema listed" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson stats
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '{"kind":"total","value":null,"places":7}' ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.kind == "service") | "\(.places) \(.value)"' | paste -sd';' -)" = \
	  "5 Aide aux démarches administratives;1 Maîtrise des outils numériques du quotidien;0 Insertion professionnelle via le numérique;0 Utilisation sécurisée du numérique;0 Parentalité et éducation avec le numérique;1 Loisirs et créations numériques;0 Compréhension du monde numérique;2 Accès internet et matériel informatique;0 Acquisition de matériel informatique à prix solidaire" ]
}

@test "stats counts labels, most frequent first" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson stats
	[ "$(printf '%s\n' "$output" | jq -r 'select(.kind == "label") | "\(.places) \(.value)"' | paste -sd';' -)" = \
	  "2 Point d'accès numérique CAF;1 Conseillers numériques;1 Formé à « Mon Espace Santé »;1 France Services" ]
}

@test "stats lists each commune with the services none of its places offers" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson stats
	[ "$(printf '%s\n' "$output" | jq -c 'select(.kind == "commune") | [.code, .value, .places, (.missing_services | length)]' | paste -sd' ' -)" = \
	  '["73008","Aix-les-Bains",1,8] ["73065","Chambéry",4,6] ["73179","La Motte-Servolex",2,7]' ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.code == "73179") | .missing_services | join("|")')" = \
	  "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Utilisation sécurisée du numérique|Parentalité et éducation avec le numérique|Compréhension du monde numérique|Accès internet et matériel informatique|Acquisition de matériel informatique à prix solidaire" ]
}

@test "stats as CSV has fixed columns" {
	import_fixture
	run --separate-stderr aidant-annuaire --format csv stats
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "kind,value,code,places,missing_services" ]
	[ "${lines[1]}" = "total,,,7," ]
}

@test "stats of an empty directory: zero everywhere, no commune" {
	run --separate-stderr aidant-annuaire --format ndjson stats
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '{"kind":"total","value":null,"places":0}' ]
	[ "$(printf '%s\n' "$output" | jq -s 'map(select(.kind == "service" and .places == 0)) | length')" -eq 9 ]
	[ "$(printf '%s\n' "$output" | jq -s 'map(select(.kind == "commune")) | length')" -eq 0 ]
}

@test "stale lists places older than 6 months by default, oldest first" {
	import_fixture
	AIDANT_NOW=2026-11-23T10:00 run --separate-stderr aidant-annuaire --format ndjson stale
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | jq -c '[.id, .date_maj, .age_days]' | paste -sd' ' -)" = \
	  '["query-6","2024-02-01",1026] ["query-2","2025-01-15",677] ["query-7","2026-02-01",295] ["query-5","2026-05-05",202]' ]
	[ "$stderr" = "aidant-annuaire: the clock is set by AIDANT_NOW to 2026-11-23T10:00" ]
}

@test "stale --older-than takes days, weeks, months and years" {
	import_fixture
	AIDANT_NOW=2026-11-23T10:00 run --separate-stderr aidant-annuaire --format ndjson stale --older-than 1y
	[ "$(ids "$output")" = "query-6 query-2" ]
	AIDANT_NOW=2026-11-23T10:00 run --separate-stderr aidant-annuaire --format ndjson stale --older-than 60d
	[ "$(ids "$output")" = "query-6 query-2 query-7 query-5 query-3 query-4" ]
	AIDANT_NOW=2026-11-23T10:00 run --separate-stderr aidant-annuaire --format ndjson stale --older-than 3y
	[ "$output" = "" ]
}

@test "bad stale and stats arguments are usage errors (64)" {
	run --separate-stderr aidant-annuaire stale --older-than 6 months
	[ "$status" -eq 64 ]
	run --separate-stderr aidant-annuaire stale --older-than 6x
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: --older-than: '6x' is not a duration (31d, 6m, 1y)" ]
	run --separate-stderr env $(french) aidant-annuaire stale --older-than 6x
	[ "${stderr_lines[0]}" = "aidant-annuaire : erreur : --older-than : « 6x » n’est pas une durée (31d, 6m, 1y)" ]
	run --separate-stderr aidant-annuaire stats Chambéry
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: unexpected argument 'Chambéry'" ]
	run --separate-stderr aidant-annuaire stats --by commune
	[ "$status" -eq 64 ]
}

@test "real lists: the counts of stats agree with search" {
	need_data
	run --separate-stderr aidant-annuaire --quiet import "$AIDANT_DATA"/annuaire/20230517-hub-du-sud-*.json
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson stats
	total=$(printf '%s\n' "$output" | jq -r 'select(.kind == "total") | .places')
	aide=$(printf '%s\n' "$output" | jq -r 'select(.value == "Aide aux démarches administratives") | .places')
	communes=$(printf '%s\n' "$output" | jq -s 'map(select(.kind == "commune") | .places) | add')
	[ "$total" -gt 500 ]
	[ "$communes" -eq "$total" ]
	[ "$(aidant-annuaire export --format ndjson --service 'Aide aux démarches administratives' | wc -l)" -eq "$aide" ]
}
