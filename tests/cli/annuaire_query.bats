#!/usr/bin/env bats
# aidant-annuaire search --query: the query document an orientation writes (DESIGN.md
# "Annuaire query documents"): lists of needs matched "any" by default, "all" on demand,
# flags that replace a field, lenient values, and bad documents named with file:line.

load fixtures/annuaire/query-helpers

doc() {
	printf '%s\n' "$1" >"$BATS_TEST_TMPDIR/q.json"
	echo "$BATS_TEST_TMPDIR/q.json"
}

@test "a document's lists are needs: one value of each list is enough" {
	import_fixture
	q=$(doc '{"services": ["aide aux demarches administratives", "Loisirs et créations numériques"],
	 "frais_a_charge": ["Gratuit", "Payant"]}')
	run --separate-stderr aidant-annuaire --format ndjson search --query "$q"
	[ "$status" -eq 0 ]
	# query-4 is "Gratuit sous condition", query-7 gives no fees: both left out
	[ "$(ids "$output")" = "query-6 query-1 query-5 query-3" ]
	# the same document from the standard input
	run --separate-stderr aidant-annuaire --format ndjson search --query - <"$q"
	[ "$(ids "$output")" = "query-6 query-1 query-5 query-3" ]
}

@test "match all asks every value of each list" {
	import_fixture
	q=$(doc '{"services": ["Aide aux démarches administratives", "acces internet et materiel informatique"], "match": "all"}')
	run --separate-stderr aidant-annuaire --format ndjson search --query "$q"
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-1" ]
	q=$(doc '{"services": ["Aide aux démarches administratives", "acces internet et materiel informatique"], "match": "any"}')
	run --separate-stderr aidant-annuaire --format ndjson search --query "$q"
	[ "$(ids "$output")" = "query-7 query-1 query-5 query-4 query-2 query-3" ]
}

@test "prise_en_charge_specifique, modalites_acces and publics filter too, in YAML as well" {
	import_fixture
	printf 'prise_en_charge_specifique:\n  - surdite\n  - Illettrisme\n' >"$BATS_TEST_TMPDIR/q.yaml"
	run --separate-stderr aidant-annuaire --format ndjson search --query "$BATS_TEST_TMPDIR/q.yaml"
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-1" ]
	# a single text stands for a list of one
	run --separate-stderr aidant-annuaire --format ndjson search --query - <<<'{"publics_specifiquement_adresses": "jeunes"}'
	[ "$(ids "$output")" = "query-5" ]
	run --separate-stderr aidant-annuaire --format ndjson search --query - <<<'{"modalites_acces": ["Se présenter"]}'
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

@test "a flag replaces the same field of the document, with the flag's meaning" {
	import_fixture
	q=$(doc '{"services": ["Loisirs et créations numériques"], "text": "caf"}')
	run --separate-stderr aidant-annuaire --format ndjson search --query "$q"
	[ "$output" = "" ]
	# --service replaces services; the document's text still applies
	run --separate-stderr aidant-annuaire --format ndjson search --query "$q" --service "Aide aux démarches administratives"
	[ "$(ids "$output")" = "query-3 query-1" ]
	# the words of the command line replace the text
	run --separate-stderr aidant-annuaire --format ndjson search mediatheque --query "$q" --service "Accès internet et matériel informatique"
	[ "$(ids "$output")" = "query-2" ]
	# flags for other fields add to the document
	run --separate-stderr aidant-annuaire --format ndjson search --query - --commune chambery <<<'{"services": ["Aide aux démarches administratives"]}'
	[ "$(ids "$output")" = "query-1 query-4 query-3" ]
	# several --service still all must match, whatever the document's match says
	run --separate-stderr aidant-annuaire --format ndjson search --query - --service "Aide aux démarches administratives" --service "Accès internet et matériel informatique" <<<'{"match": "any"}'
	[ "$(ids "$output")" = "query-1" ]
}

@test "the query document works with --near and --open-at, and for export" {
	import_fixture
	run --separate-stderr aidant-annuaire --format ndjson search --query - --near 45.5646,5.9178 --radius 5 <<<'{"services": ["Maîtrise des outils numériques du quotidien"]}'
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-2" ]
	run --separate-stderr aidant-annuaire export --format ndjson --query - <<<'{"frais_a_charge": ["Payant"]}'
	[ "$status" -eq 0 ]
	[ "$(ids "$output")" = "query-6" ]
}

@test "a bad value is named with its file, line and field, exit 65" {
	import_fixture
	q=$(doc '{
  "services": [
    "Aide aux démarches administratives",
    "Aide aux impôts"
  ]
}')
	run --separate-stderr aidant-annuaire search --query "$q"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $q:4: services: 'Aide aux impôts' is not one of the values of the schema" ]
	printf 'services:\n  - Aide aux démarches administratives\n  - x\n' >"$BATS_TEST_TMPDIR/q.yaml"
	run --separate-stderr aidant-annuaire search --query "$BATS_TEST_TMPDIR/q.yaml"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/q.yaml:3: services: 'x' is not one of the values of the schema" ]
}

@test "unknown fields, bad match, wrong types, syntax errors and several documents exit 65" {
	q=$(doc '{"services": [], "servics": ["Aide aux démarches administratives"]}')
	run --separate-stderr aidant-annuaire search --query "$q"
	[ "$status" -eq 65 ]
	[[ $stderr == "aidant-annuaire: error: $q:1: servics: not a field of a query document (services, "* ]]
	run --separate-stderr aidant-annuaire search --query - <<<'{"match": "most"}'
	[ "$status" -eq 65 ]
	[ "$stderr" = 'aidant-annuaire: error: <stdin>:1: match: expected "any" or "all"' ]
	run --separate-stderr aidant-annuaire search --query - <<<'{"frais_a_charge": [1]}'
	[ "$status" -eq 65 ]
	[ "$stderr" = 'aidant-annuaire: error: <stdin>:1: frais_a_charge: expected a list of values of the schema' ]
	run --separate-stderr aidant-annuaire search --query - <<<'{"text": ["caf"]}'
	[ "$status" -eq 65 ]
	[ "$stderr" = 'aidant-annuaire: error: <stdin>:1: text: expected a text' ]
	run --separate-stderr aidant-annuaire search --query - < <(printf '{\n"services": [\n')
	[ "$status" -eq 65 ]
	[[ $stderr == "aidant-annuaire: error: <stdin>:3"* ]]
	run --separate-stderr aidant-annuaire search --query - < <(printf '{"text": "a"}\n{"text": "b"}\n')
	[ "$status" -eq 65 ]
	[ "$stderr" = 'aidant-annuaire: error: <stdin>:2: one query document expected, another one starts here' ]
	run --separate-stderr aidant-annuaire search --query - </dev/null
	[ "$status" -eq 65 ]
	[ "$stderr" = 'aidant-annuaire: error: <stdin>:1: the query document is empty' ]
}

@test "a missing query document exits 66 and the store is not created" {
	run --separate-stderr aidant-annuaire search --query "$BATS_TEST_TMPDIR/none.json"
	[ "$status" -eq 66 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/none.json: No such file or directory" ]
	[ ! -e "$AIDANT_HOME/annuaire.db" ]
}

@test "the errors of a query document are in French" {
	run --separate-stderr env "$(french)" aidant-annuaire search --query - <<<'{"services": ["x"]}'
	[ "$status" -eq 65 ]
	[[ $stderr == *" <stdin>:1 : services : « x » n’est pas une des valeurs du schéma" ]]
}

@test "search --help documents --query" {
	run aidant-annuaire search --help
	[ "$status" -eq 0 ]
	[[ $output == *"--query <file>"* ]]
	[[ $output == *"a flag replaces the document's field"* ]]
}
