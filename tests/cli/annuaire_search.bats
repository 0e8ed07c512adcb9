#!/usr/bin/env bats
# aidant-annuaire search: words (case and accents ignored), each filter, --near with
# distances and sorting, opening times, limits, refusals and their exit codes.

load fixtures/annuaire/query-helpers

@test "search on an empty directory prints an empty list and says so" {
	run --separate-stderr aidant-annuaire --format json search CAF
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq length)" -eq 0 ]
	[ "$stderr" = "aidant-annuaire: no place matches the search" ]
}

@test "words ignore case and accents, and match prefixes" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search MEDIATHEQUE rousseau
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-2" ]
	run --separate-stderr aidant-annuaire --format ndjson search "démarch" chambéry
	[ "$(ids "$output")" = "query-4 query-1 query-3" ]
	# FTS5 syntax in the words is taken as text: quotes, stars, parentheses, operators
	run --separate-stderr aidant-annuaire --format ndjson search 'caf"' '*' '(' '-' ')'
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-3 query-1" ]
	run --separate-stderr aidant-annuaire --format ndjson search 'NEAR(caf' OR
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

@test "--service canonicalises leniently and every --service must match" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --service "aide aux demarches administratives" --commune chambery
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-1 query-4 query-3" ]
	run --separate-stderr aidant-annuaire --format ndjson search --service "Aide aux démarches administratives" --service "acces internet et materiel informatique"
	[ "$(ids "$output")" = "query-1" ]
}

@test "--public, --prise-en-charge, --frais and --label filter on the schema's values" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --public seniors
	[ "$(ids "$output")" = "query-1" ]
	run --separate-stderr aidant-annuaire --format ndjson search --prise-en-charge surdite
	[ "$(ids "$output")" = "query-1" ]
	run --separate-stderr aidant-annuaire --format ndjson search --frais "gratuit sous condition"
	[ "$(ids "$output")" = "query-4" ]
	run --separate-stderr aidant-annuaire --format ndjson search --label "point d'acces numerique caf"
	[ "$(ids "$output")" = "query-1 query-3" ]
	run --separate-stderr aidant-annuaire --format ndjson search --label "Formé à « Mon Espace Santé »"
	[ "$(ids "$output")" = "query-5" ]
	run --separate-stderr aidant-annuaire --format ndjson search --label "numerique savoyard"
	[ "$(ids "$output")" = "query-6" ]
}

@test "--commune takes a name or an INSEE code, --code-postal a postcode" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --commune "AIX LES BAINS"
	[ "$(ids "$output")" = "query-5" ]
	run --separate-stderr aidant-annuaire --format ndjson search --commune 73179
	[ "$(ids "$output")" = "query-6 query-7" ]
	run --separate-stderr aidant-annuaire --format ndjson search --code-postal 73000 --limit 2
	[ "$(ids "$output")" = "query-1 query-4" ]
}

@test "--near a postcode sorts by distance from its places' centroid, with distance_km" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --near 73000 --radius 20
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.id, .distance_km]' | paste -sd' ' -)" = \
	  '["query-2",0.593] ["query-3",0.711] ["query-1",0.838] ["query-4",1.73] ["query-6",4.268] ["query-7",4.269] ["query-5",12.978]' ]
	run --separate-stderr aidant-annuaire --format ndjson search --near 73000
	[ "$(ids "$output")" = "query-2 query-3 query-1 query-4 query-6 query-7" ]
}

@test "--near LAT,LON and a commune name, --radius and --limit" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --near 45.6885,5.9153 --radius 1
	[ "$(echo "$output" | jq -c '[.id, .distance_km]')" = '["query-5",0]' ]
	run --separate-stderr aidant-annuaire --format ndjson search --near "la motte servolex" --radius 0.5
	[ "$(ids "$output")" = "query-7 query-6" ]
	run --separate-stderr aidant-annuaire --format ndjson search --near 45.5646,5.9178 --limit 2
	[ "$(ids "$output")" = "query-1 query-2" ]
}

@test "Mme X, CAF file, near 73000, Tuesday morning: open places only, unknown hours left out" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --service "aide aux démarches administratives" --near 73000 --open-at 2026-11-24T10:00
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.id, .nom, .distance_km]')" = '["query-1","Espace France Services de Chambéry",0.838]' ]
	run --separate-stderr aidant-annuaire --format ndjson search CAF --open-at 2026-11-24T15:00
	[ "$(ids "$output")" = "query-3 query-1" ]
	AIDANT_NOW=2026-11-28T11:00 run --separate-stderr aidant-annuaire --format ndjson search --open-now
	[ "$(ids "$output")" = "query-2" ]
}

@test "table output on request shows the distance first" {
	import_fixture
	run --separate-stderr aidant-annuaire --format table search --near 73000 --limit 1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == distance_km* ]]
	[[ "${lines[1]}" == 0.593*Médiathèque\ Jean-Jacques\ Rousseau* ]]
}

@test "an unknown postcode or commune for --near exits 66" {
	import_fixture
	run --separate-stderr aidant-annuaire search --near 75001
	[ "$status" -eq 66 ]
	[ "$stderr" = "aidant-annuaire: error: --near: no place of the directory with coordinates is in '75001', give LAT,LON instead" ]
	run --separate-stderr aidant-annuaire search --near Tombouctou
	[ "$status" -eq 66 ]
}

@test "bad arguments are usage errors (64)" {
	for args in "--near 45.5,abc" "--near 91,5" "--near 7300" "--radius 3" "--near 73000 --radius -1" \
		"--near 73000 --radius x" "--service nothing" "--public martiens" "--frais cher" \
		"--code-postal 7300" "--open-at mardi" "--open-at 2026-11-24T10:00 --open-now" \
		"--limit 0" "--limit many" "--bogus"; do
		run --separate-stderr aidant-annuaire search $args
		[ "$status" -eq 64 ] || { echo "search $args: exit $status"; return 1; }
		[[ "$stderr" == aidant-annuaire:\ error:\ * ]] || { echo "search $args: $stderr"; return 1; }
	done
}

@test "messages in French" {
	import_fixture
	run --separate-stderr env $(french) aidant-annuaire search --near 75001
	[ "$status" -eq 66 ]
	[ "$stderr" = "aidant-annuaire : erreur : --near : aucun lieu de l’annuaire avec des coordonnées n’est à « 75001 », donnez LAT,LON à la place" ]
	run --separate-stderr env $(french) aidant-annuaire search --service rien
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire : erreur : --service : « rien » n’est pas une des valeurs du schéma" ]
	run --separate-stderr env $(french) aidant-annuaire search zzzz
	[ "$stderr" = "aidant-annuaire : aucun lieu ne correspond à la recherche" ]
}

@test "real lists: --near Martigues is sorted by distance within the radius" {
	need_data
	run --separate-stderr aidant-annuaire --quiet import "$AIDANT_DATA"/annuaire/20230517-hub-du-sud-*.json
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson search --near Martigues --radius 5 --limit 100
	[ "$status" -eq 0 ]
	n=$(echo "$output" | wc -l)
	[ "$n" -ge 5 ]
	echo "$output" | jq -s -e 'map(.distance_km) | (. == sort) and all(. <= 5)'
	echo "$output" | jq -s -e 'map(.commune | ascii_downcase) | index("martigues") != null'
}
