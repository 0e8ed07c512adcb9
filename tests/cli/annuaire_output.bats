#!/usr/bin/env bats
# What aidant-annuaire writes: numbers as they were given in every format and locale, one
# JSON writer, the report of an import that stored nothing, the GeoJSON's places left
# out, values as the official schema spells them, and the exit codes of the man page.

load fixtures/annuaire/query-helpers

@test "show --format table prints coordinates as they were given" {
	import_fixture
	run --separate-stderr aidant-annuaire --format table show query-1
	[ "$status" -eq 0 ]
	[[ $output == *$'\nlatitude                         45.5646\n'* ]]
	[[ $output == *$'\nlongitude                        5.9178\n'* ]]
	[[ $output == *$'\nservices                         Aide aux démarches administratives | Accès internet et matériel informatique\n'* ]]
}

@test "numbers keep every digit they were given, in every format" {
	cat >"$BATS_TEST_TMPDIR/p.json" <<-'EOF'
		[{"id": "n-1", "pivot": "00000000000000", "nom": "Lieu", "commune": "Bordeaux",
		  "code_postal": "33000", "adresse": "1 rue", "date_maj": "2026-10-01",
		  "latitude": 44.839574881764, "longitude": -0.5792, "horaires": "Mo 09:00-12:00"}]
	EOF
	aidant-annuaire --quiet import "$BATS_TEST_TMPDIR/p.json"
	run aidant-annuaire --format json show n-1
	[[ $output == *'"latitude": 44.839574881764,'* ]]
	[[ $output == *'"longitude": -0.5792,'* ]]
	run aidant-annuaire export --format csv
	[[ ${lines[1]} == *',44.839574881764,-0.5792,'* ]]
	run aidant-annuaire export --format yaml
	[[ $output == *'latitude: 44.839574881764'* ]]
	run aidant-annuaire export --format geojson
	[[ $output == *'"coordinates": [-0.5792, 44.839574881764]'* ]]
	run aidant-annuaire --format ndjson search --near 44.84,-0.58
	[ "$(echo "$output" | jq .distance_km)" = 0.079 ]
}

@test "a French locale writes numbers with a point, and reads them" {
	import_fixture
	fr=$(french)
	run --separate-stderr env "$fr" aidant-annuaire export --format json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[0].latitude')" = 45.5646 ]
	run --separate-stderr env "$fr" aidant-annuaire export --format ndjson
	[ "$(echo "$output" | jq -s length)" -eq 7 ]
	run --separate-stderr env "$fr" aidant-annuaire --format ndjson search --near 45.5646,5.9178 --radius 2.5
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-1 query-2 query-3" ]
	run --separate-stderr env "$fr" aidant-annuaire export --format geojson
	[ "$(echo "$output" | jq '.features | length')" -eq 7 ]
}

@test "an import that stores nothing says what would have been stored" {
	{
		echo 'id,pivot,nom,commune,code_postal,adresse,date_maj'
		echo 'w-1,00000000000000,Un,Chambéry,73000,1 rue,2026-10-01'
		echo 'w-2,00000000000000,Deux,Chambéry,7300,2 rue,2026-10-01'
	} >"$BATS_TEST_TMPDIR/l.csv"
	run --separate-stderr aidant-annuaire --format json import "$BATS_TEST_TMPDIR/l.csv"
	[ "$status" -eq 65 ]
	[ "$(echo "$output" | jq -c '[.would_insert, .would_update, .unchanged, .would_remove, .stored]')" = "[1,0,0,0,false]" ]
	[ "$(echo "$output" | jq -c 'has("inserted"), has("updated"), has("removed")' | paste -sd' ')" = "false false false" ]
	run --separate-stderr env "$(french)" aidant-annuaire --format table import "$BATS_TEST_TMPDIR/l.csv"
	[[ $output == *"à ajouter          1"* ]]
	[[ $output == *"enregistré       non"* ]]
	[[ $output != *"ajoutés"* ]]
	run --separate-stderr aidant-annuaire --format table import --keep-going "$BATS_TEST_TMPDIR/l.csv"
	[ "$status" -eq 0 ]
	[[ $output == *"inserted           1"* ]]
	[[ $output == *"stored           yes"* ]]
}

@test "GeoJSON says how many places without coordinates it left out" {
	import_fixture
	printf '[{"id": "g-1", "pivot": "00000000000000", "nom": "Sans", "commune": "Chambéry", "code_postal": "73000", "adresse": "1 rue", "date_maj": "2026-10-01"}]' >"$BATS_TEST_TMPDIR/g.json"
	aidant-annuaire --quiet import "$BATS_TEST_TMPDIR/g.json"
	run --separate-stderr aidant-annuaire export --format geojson
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq '.features | length')" -eq 7 ]
	[ "$stderr" = "aidant-annuaire: places without coordinates left out of the GeoJSON: 1 of 8" ]
	run --separate-stderr aidant-annuaire --quiet export --format geojson
	[ "$stderr" = "" ]
	run --separate-stderr aidant-annuaire export --format geojson --commune 73179
	[ "$stderr" = "" ]
}

@test "labels are written as the schema's pattern spells them, no-break spaces trimmed" {
	printf '[{"id": "e-1", "pivot": "00000000000000", "nom": "Coworking\xc2\xa0", "commune": "Nice", "code_postal": "06000", "adresse": "1 rue", "date_maj": "2026-10-01", "formations_labels": ["Étapes numériques (La Poste)\xc2\xa0"], "typologie": "ASSO\xc2\xa0"}]' >"$BATS_TEST_TMPDIR/e.json"
	aidant-annuaire --quiet import "$BATS_TEST_TMPDIR/e.json"
	run aidant-annuaire export --format csv
	[[ ${lines[1]} == "e-1,00000000000000,Coworking,Nice,06000,,1 rue,,,,ASSO,"*",Étapes numériques(La Poste),"* ]]
	run --separate-stderr aidant-annuaire --format ndjson search --label "Étapes numériques (La Poste)"
	[ "$(ids "$output")" = "e-1" ]
}

@test "an unknown id is 66, as in every aidant program" {
	import_fixture
	run --separate-stderr aidant-annuaire show nope
	[ "$status" -eq 66 ]
	run --separate-stderr aidant-annuaire rm query-1 nope
	[ "$status" -eq 66 ]
	[ "$(aidant-annuaire --format ndjson search --limit 100 | jq -s length)" -eq 7 ]
	run --separate-stderr aidant-annuaire unmerge 42
	[ "$status" -eq 66 ]
}

@test "the man page states the exit codes of every aidant program" {
	page="$AIDANT_ROOT/share/man/man1/aidant-annuaire.1"
	section=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH ENVIRONMENT/p' "$page")
	for code in 0 1 64 65 66 70 73 74 75 78; do
		grep -qx ".B $code" <<<"$section" || { echo "no $code"; return 1; }
	done
	text=$(tr '\n' ' ' <<<"$section")
	[[ $text == *"an unknown place id"* ]]
	[[ $text == *"AIDANT_BUSY_TIMEOUT"* ]]
	[[ $text == *"never exits 77"* ]]
}
