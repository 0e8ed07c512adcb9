#!/usr/bin/env bats
# aidant-annuaire export: the schema's CSV (a round trip reproduces the official valid
# example field by field), JSON, NDJSON, YAML, GeoJSON for uMap, search filters, refusals.

load fixtures/annuaire/query-helpers

@test "CSV round trip of the official valid example, field by field" {
	need_data
	valid="$AIDANT_DATA/annuaire/standard-mediation-num-exemple-valide.csv"
	run --separate-stderr aidant-annuaire --quiet import "$valid"
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire export --format csv
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out.csv"
	mlr --icsv --ojson --infer-none cat "$valid" >"$BATS_TEST_TMPDIR/want.json"
	mlr --icsv --ojson --infer-none cat "$BATS_TEST_TMPDIR/out.csv" >"$BATS_TEST_TMPDIR/got.json"
	diff "$BATS_TEST_TMPDIR/want.json" "$BATS_TEST_TMPDIR/got.json"
}

@test "CSV has exactly the schema's 32 columns in order, lists joined with |" {
	import_fixture
	run --separate-stderr aidant-annuaire export --format csv --commune chambery
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv" ]
	[ "${#lines[@]}" -eq 5 ]
	[ "$(printf '%s\n' "$output" | mlr --icsv --ojson --infer-none filter '$id == "query-1"' then cut -o -f latitude,longitude,services,dispositif_programmes_nationaux | jq -c '.[0]')" = \
	  '{"latitude":"45.5646","longitude":"5.9178","services":"Aide aux démarches administratives|Accès internet et matériel informatique","dispositif_programmes_nationaux":"France Services|Point d'"'"'accès numérique CAF"}' ]
}

@test "CSV of a --near export keeps the 32 columns, no distance" {
	import_fixture
	run --separate-stderr aidant-annuaire export --format csv --near 73000 --radius 1
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[0]}" | tr ',' '\n' | wc -l)" -eq 32 ]
	[ "$(printf '%s\n' "$output" | mlr --icsv --onidx cut -f id | paste -sd' ' -)" = "query-2 query-3 query-1" ]
}

@test "GeoJSON is a FeatureCollection of lon,lat points for uMap" {
	import_fixture
	run --separate-stderr aidant-annuaire export --format geojson --code-postal 73100
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '{type, n: (.features | length), t: .features[0].type, g: .features[0].geometry, nom: .features[0].properties.nom}')" = \
	  '{"type":"FeatureCollection","n":1,"t":"Feature","g":{"type":"Point","coordinates":[5.9153,45.6885]},"nom":"Espace numérique d'"'"'Aix-les-Bains"}' ]
}

@test "JSON, NDJSON and YAML hold every place, in the order they were imported" {
	import_fixture
	run --separate-stderr aidant-annuaire export --format json
	[ "$(echo "$output" | jq -r 'map(.id) | join(" ")')" = "query-1 query-2 query-3 query-4 query-5 query-6 query-7" ]
	run --separate-stderr aidant-annuaire export --format ndjson --service "Aide aux démarches administratives" --frais gratuit
	[ "$(ids "$output")" = "query-1 query-3 query-5" ]
	run --separate-stderr aidant-annuaire export --format yaml --public jeunes
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "- id: query-5" ]
	[ "$(printf '%s\n' "$output" | grep -c '^- id: ')" -eq 1 ]
}

@test "the global --format is used when export has none" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson export --limit 2
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-1 query-2" ]
}

@test "export of an empty directory is an empty document" {
	run --separate-stderr aidant-annuaire export --format json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq length)" -eq 0 ]
	run --separate-stderr aidant-annuaire export --format geojson
	[ "$(echo "$output" | jq -c '.features')" = "[]" ]
}

@test "bad formats and filters are usage errors (64)" {
	for args in "--format table" "--format xml" "--near 45.5," "--limit -3" "--radius 5" "--service x"; do
		run --separate-stderr aidant-annuaire export $args
		[ "$status" -eq 64 ] || { echo "export $args: exit $status"; return 1; }
	done
	run --separate-stderr aidant-annuaire export --format xml
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: --format: 'xml' is not csv, json, ndjson, yaml or geojson" ]
}

@test "real lists: every stored place is exported once, GeoJSON skips those without coordinates" {
	need_data
	run --separate-stderr aidant-annuaire --quiet import "$AIDANT_DATA"/annuaire/2023*.json "$AIDANT_DATA"/annuaire/2024*.json
	[ "$status" -eq 0 ]
	total=$(aidant-annuaire export --format ndjson | wc -l)
	[ "$total" -gt 500 ]
	[ "$(aidant-annuaire export --format csv | mlr --icsv --ojson cat | jq length)" -eq "$total" ]
	located=$(aidant-annuaire export --format ndjson | jq -s 'map(select(.latitude != null)) | length')
	[ "$(aidant-annuaire export --format geojson | jq '.features | length')" -eq "$located" ]
	aidant-annuaire export --format geojson | jq -e 'all(.features[]; .geometry.coordinates[0] > -180 and .geometry.coordinates[1] > -90)'
}
