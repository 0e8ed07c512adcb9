#!/usr/bin/env bats
# The bad input of issue 9, one case at a time: a form with a duplicate question id, a
# level out of range, an unknown competence code, an answer outside the choices. Each is
# one clear line naming file, line and field, the exit code of DESIGN.md, and the store
# as it was. (The portable diagnoses truncated, re-signed or signed by an unknown key,
# and the locked store, are in diag_portable.bats and diag_record.bats.)

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	T=$BATS_TEST_TMPDIR
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
}

dump() { sqlite3 "$AIDANT_HOME/diag.db" .dump; }

# A copy of the library's form with one line replaced: form LINE TEXT
form() {
	sed "${1}s/.*/$2/" "$AIDANT_ROOT/tests/cli/fixtures/diag/good-form.yaml" >"$T/form.yaml"
}

# The form is refused by form check (1) and by record (65), with its one error first.
refused() { # expected error after "file:"
	run --separate-stderr aidant-diag -q form check "$T/form.yaml"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "$stderr" = "aidant-diag: error: $T/form.yaml:$1" ]
	before=$(dump)
	run --separate-stderr aidant-diag -q record --form "$T/form.yaml" <<<'{"answers":{}}'
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-diag: error: $T/form.yaml:$1" ]
	[ "${stderr_lines[1]}" = "aidant-diag: error: the form $T/form.yaml is invalid ('aidant-diag form check $T/form.yaml')" ]
	[ -z "$output" ]
	[ "$(dump)" = "$before" ]
}

@test "the fixture form is valid, so that each case below has one error" {
	form 1 "# valid"
	run aidant-diag -q form check "$T/form.yaml"
	[ "$status" -eq 0 ]
}

@test "a form with a duplicate question id" {
	form 12 "  - id: email"
	refused "12: questions[email]: question id given twice (first on line 6)"
}

@test "a form with a level out of range" {
	form 10 '      - {id: oui, text: "Oui", level: 9}'
	refused "10: questions[email].choices[oui]: level '9' is out of range (0 to 8)"
}

@test "a form with an unknown competence code" {
	form 7 '    competences: ["2.1", "2.7"]'
	refused "7: questions[email]: unknown competence code '2.7' of framework digcomp"
}

@test "an answer outside the choices: one line, 65, the store as it was" {
	before=$(dump)
	printf '{"usager":"u-b","answers":{"email":"peut-etre"}}\n' >"$T/a.json"
	run --separate-stderr aidant-diag -q record --form rapide "$T/a.json"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-diag: error: $T/a.json:1: email: \"peut-etre\" is not one of its choices (seul, aide, oubliee, non)" ]
	[ "${stderr_lines[1]}" = "aidant-diag: error: nothing was stored: 1 answers documents with errors" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "$(dump)" = "$before" ]
	# a choice of another question, and a list for a question that takes one
	printf '{"usager":"u-b","answers":{"email":"box","connexion":["box","forfait"]}}\n' >"$T/a.json"
	run aidant-diag -q record --form rapide "$T/a.json"
	[ "$status" -eq 65 ]
	[ "$(dump)" = "$before" ]
}

@test "in French, the refusal reads as French is written: typographic apostrophes, « »" {
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated"
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run --separate-stderr aidant-diag -q run --form rapide </dev/null
	[ "$status" -eq 64 ]
	[[ "${stderr_lines[0]}" == *"le questionnaire a besoin d’un terminal ; pour des réponses données sur papier ou dans un fichier, utilisez « aidant-diag record --form rapide FICHIER »" ]]
	# no straight apostrophe between two letters in the fragment's translations
	run ! grep -nE '[[:alpha:]]'"'"'[[:alpha:]]' \
		<(sed -n '/^msgstr/,/^$/p' "$AIDANT_ROOT/share/locale/fr/diag.po" | grep -v '^"[A-Z][-A-Za-z]*: ')
}
