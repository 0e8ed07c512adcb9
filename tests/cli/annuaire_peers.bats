#!/usr/bin/env bats
# aidant-annuaire's exports checked by references nobody here wrote: the official schema of
# LaMednum/standard-mediation-num (fixtures/annuaire/standard-mediation-num-schema.json:
# schema.json of that repository at commit e347ff40, v1.0.2, Licence Ouverte) with a Table
# Schema validator (npm tableschema), and two GeoJSON validators (npm
# @placemarkio/check-geojson and geojson-validation). They run when node and npm are there
# and skip, saying so, otherwise; the packages are installed once in the build folder.

load fixtures/annuaire/query-helpers

# The folder a peer package is installed in, or a skip.
peer() {
	local pkg=$1 version=$2 dir
	command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are not installed"
	dir="${AIDANT_BUILD:-$AIDANT_ROOT/build}/peers/${pkg//\//_}-$version"
	if [ ! -f "$dir/node_modules/$pkg/package.json" ]; then
		mkdir -p "$dir"
		npm install --prefix "$dir" --no-audit --no-fund --no-save --silent "$pkg@$version" >/dev/null 2>&1 ||
			skip "npm could not install $pkg@$version"
	fi
	echo "$dir"
}

schema() {
	echo "$AIDANT_ROOT/tests/cli/fixtures/annuaire/standard-mediation-num-schema.json"
}

# The Table Schema validator's report on a CSV: {rows, errors}.
table_schema() {
	node "$AIDANT_ROOT/tests/peer/annuaire_table_schema.js" "$ts" "$(schema)" "$1"
}

@test "every value of every enumeration, exported, passes the official schema" {
	ts=$(peer tableschema 1.12.6)
	node "$AIDANT_ROOT/tests/peer/annuaire_table_schema.js" "$ts" "$(schema)" values >"$BATS_TEST_TMPDIR/all.json"
	# the same values spelled otherwise, as partners write them
	sed 's/numériques(La Poste)/numériques (La Poste)/; s/« Mon Espace Santé »/\\"Mon Espace Santé\\"/' \
		"$BATS_TEST_TMPDIR/all.json" >"$BATS_TEST_TMPDIR/lenient.json"
	for f in all lenient; do
		rm -rf "$AIDANT_HOME"
		aidant-annuaire --quiet import "$BATS_TEST_TMPDIR/$f.json"
		aidant-annuaire export --format csv >"$BATS_TEST_TMPDIR/$f.csv"
		run table_schema "$BATS_TEST_TMPDIR/$f.csv"
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | jq -c '[.rows, .headers, .errors]')" = '[1,32,[]]' ]
	done
	# and they are the schema's values themselves, all of them
	[ "$(aidant-annuaire --format json show tous-1 | jq -S 'del(.source)')" = "$(jq -S '.[0] | del(.itinerance)' "$BATS_TEST_TMPDIR/all.json")" ]
}

@test "the validator used refuses what the official one refuses" {
	ts=$(peer tableschema 1.12.6)
	{
		aidant-annuaire export --format csv # the header alone: the directory is empty
		echo 'x-1,00000000000000,Nom,Lyon,6900,,1 rue,,,,,,,,,,,,,,2026-10-01,,,,,,Formé à « Mon Espace Santé »|Étapes numériques (La Poste)|ORDI 3.0,,,,,'
	} >"$BATS_TEST_TMPDIR/bad.csv"
	run table_schema "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 0 ]
	# a wrong value amid right ones too: the patterns match whole values, as Python
	# frictionless (the official validator's) matches them
	[ "$(echo "$output" | jq -r '[.errors[].column] | join(" ")')" = "5 27" ]
}

@test "the real lists, exported as CSV, pass the official schema" {
	need_data
	ts=$(peer tableschema 1.12.6)
	for f in "$AIDANT_DATA"/annuaire/*.json; do
		aidant-annuaire --quiet import "$f"
	done
	aidant-annuaire --quiet import --source exemple "$AIDANT_DATA/annuaire/standard-mediation-num-exemple-valide.csv"
	for s in angers corse gironde hub-lo la-creuse; do
		aidant-annuaire --quiet import --keep-going --map "$AIDANT_DATA/annuaire/raw/$s.config.json" \
			"$AIDANT_DATA/annuaire/raw/$s.json" 2>/dev/null
	done
	places=$(aidant-annuaire export --format ndjson | wc -l)
	[ "$places" -gt 1900 ]
	aidant-annuaire export --format csv >"$BATS_TEST_TMPDIR/export.csv"
	run table_schema "$BATS_TEST_TMPDIR/export.csv"
	[ "$status" -eq 0 ]
	echo "$output" | jq -c '.errors[0:5]'
	[ "$(echo "$output" | jq -c '[.rows, .headers, (.errors | length)]')" = "[$places,32,0]" ]
}

@test "the GeoJSON export passes two GeoJSON validators and says what it left out" {
	need_data
	check=$(peer @placemarkio/check-geojson 0.1.14)
	gjv=$(peer geojson-validation 1.0.2)
	for f in "$AIDANT_DATA"/annuaire/*.json; do
		aidant-annuaire --quiet import "$f"
	done
	places=$(aidant-annuaire export --format ndjson | wc -l)
	aidant-annuaire export --format geojson >"$BATS_TEST_TMPDIR/lieux.geojson" 2>"$BATS_TEST_TMPDIR/err"
	run node "$AIDANT_ROOT/tests/peer/annuaire_geojson.js" "$check" "$gjv" "$BATS_TEST_TMPDIR/lieux.geojson"
	[ "$status" -eq 0 ]
	echo "$output"
	[ "$(echo "$output" | jq -c '[.check_geojson, .geojson_validation]')" = '[[],[]]' ]
	features=$(echo "$output" | jq .features)
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "aidant-annuaire: places without coordinates left out of the GeoJSON: $((places - features)) of $places" ]
	[ "$features" -gt 900 ]
}
