#!/usr/bin/env bats
# aidant-diag frameworks, forms, form check|show|print: the reference data and the forms.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
}

@test "frameworks: Pix 16 competences in 5 domains on 8 levels, DigComp 21, CléA 4 domains" {
	run aidant-diag --format ndjson frameworks
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(echo "${lines[0]}" | jq -r '"\(.id) \(.competences) \(.levels)"')" = "pix 16 8" ]
	[ "$(echo "${lines[1]}" | jq -r '"\(.id) \(.competences) \(.levels)"')" = "digcomp 21 8" ]
	[ "$(echo "${lines[2]}" | jq -r '"\(.id) \(.competences)"')" = "clea 4" ]
	run aidant-diag --format json frameworks pix
	[ "$(echo "$output" | jq -r '[.[].domain] | unique | join(",")')" = "1,2,3,4,5" ]
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-diag --format json frameworks pix
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated"
	[ "$(echo "$output" | jq -r '.[] | select(.code == "2.4") | .title')" = "S’insérer dans le monde numérique" ]
	[ "$(echo "$output" | jq -r '.[] | select(.code == "4.3") | .title')" = "Protéger la santé, le bien-être et l’environnement" ]
}

@test "the crosswalk marks each pair exact or approximate and covers both frameworks" {
	run aidant-diag --format json frameworks pix --crosswalk
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[] | select(.code == "1.1") | .crosswalk')" = "1.1 (exact), 1.2 (approximate)" ]
	[ "$(echo "$output" | jq '[.[] | select(.crosswalk == "")] | length')" -eq 0 ]
	run aidant-diag --format json frameworks digcomp --crosswalk
	[ "$(echo "$output" | jq 'length')" -eq 21 ]
	[ "$(echo "$output" | jq '[.[] | select(.crosswalk == "")] | length')" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[] | select(.code == "2.6") | .crosswalk')" = "2.4 (approximate)" ]
	run aidant-diag frameworks clea --crosswalk
	[ "$status" -eq 64 ]
	run aidant-diag frameworks klingon
	[ "$status" -eq 66 ]
}

@test "forms lists the shipped forms; rapide has at most 10 questions" {
	run aidant-diag --format json forms
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[] | select(.id == "rapide") | .questions')" -le 10 ]
	[ "$(echo "$output" | jq -r '.[] | select(.id == "rapide") | .shipped')" = true ]
}

@test "every shipped form is valid" {
	for f in "$AIDANT_ROOT"/share/aidant/diag/forms/*.yaml; do
		run aidant-diag form check "$f"
		[ "$status" -eq 0 ] || { echo "$output"; return 1; }
		[[ "$output" == *"valid form"* ]]
	done
}

@test "form check names every error with file:line and exits 1" {
	run --separate-stderr aidant-diag form check "$FIX/bad-form.yaml"
	[ "$status" -eq 1 ]
	f="$FIX/bad-form.yaml"
	echo "$stderr"
	[[ "$stderr" == *"error: $f:6: questions[email]: unknown competence code '9.9' of framework pix"* ]]
	[[ "$stderr" == *"error: $f:10: questions[email].choices[oui]: level '12' is out of range (0 to 8)"* ]]
	[[ "$stderr" == *"error: $f:10: questions[email]: choice id 'oui' given twice (first on line 9)"* ]]
	[[ "$stderr" == *"error: $f:11: questions[email]: question id given twice (first on line 5)"* ]]
	[[ "$stderr" == *"error: $f:14: questions[email].choices[oui]: unknown flag 'sans_argent'"* ]]
	[[ "$stderr" == *"error: $f:15: questions[email].choices[non]: unknown field 'colour'"* ]]
	[ "${#stderr_lines[@]}" -eq 6 ]
	run aidant-diag form check "$FIX/good-form.yaml" "$f"
	[ "$status" -eq 1 ]
	run aidant-diag form check "$BATS_TEST_TMPDIR/none.yaml"
	[ "$status" -eq 66 ]
	printf 'id: [unclosed\n' >"$BATS_TEST_TMPDIR/syntax.yaml"
	run aidant-diag form check "$BATS_TEST_TMPDIR/syntax.yaml"
	[ "$status" -eq 1 ]
	[[ "$output" == *"syntax.yaml:2: yaml: "* ]]
}

@test "a structure's own form is found by id in the home and may use another framework" {
	mkdir -p "$AIDANT_HOME/diag/forms"
	cp "$FIX/good-form.yaml" "$AIDANT_HOME/diag/forms/mediatheque.yaml"
	run aidant-diag -q --format json forms
	[ "$(echo "$output" | jq -r '.[] | select(.id == "mediatheque") | "\(.shipped) \(.framework)"')" = "false digcomp" ]
	echo '{"answers":{"email":"non","langue":"autre"}}' | aidant-diag -q record --form mediatheque --usager u-1 >/dev/null
	run aidant-diag -q --format json show 1
	[ "$(echo "$output" | jq -r '.diagnosis.result.levels["2.1"]')" = 0 ]
	[ "$(echo "$output" | jq -r '.diagnosis.result.barriers | join(",")')" = "sans_email,langue" ]
	run aidant-diag record --form nowhere /dev/null
	[ "$status" -eq 66 ]
	[[ "$output" == *"unknown form 'nowhere'"* ]]
}

@test "form show --format json is the stable interface; the template is accepted by record" {
	run aidant-diag --format json form show rapide
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r 'keys | join(",")')" = "framework,hash,id,questions,title,version" ]
	[ "$(echo "$output" | jq -r '.questions[2] | "\(.id) \(.competences[0]) \(.choices[0].id) \(.choices[0].level)"')" = "email 2.1 seul 3" ]
	[ "$(echo "$output" | jq -r '.questions[2].text.fr')" = "Avez-vous une adresse e-mail ?" ]
	version=$(echo "$output" | jq -r .version)
	aidant-diag form show rapide --answers-template >"$BATS_TEST_TMPDIR/t.json"
	[ "$(jq -r .version "$BATS_TEST_TMPDIR/t.json")" = "$version" ]
	[ "$(jq -r '.answers | length' "$BATS_TEST_TMPDIR/t.json")" -eq 10 ]
	run aidant-diag -q record --form rapide "$BATS_TEST_TMPDIR/t.json"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
}

@test "form show on a terminal-like table numbers questions and choices" {
	run aidant-diag --format table form show rapide
	[ "$status" -eq 0 ]
	[[ "$output" == *"3. [email] Do you have an e-mail address?"* ]]
	[[ "$output" == *"   4) No  [non, level 0]"* ]]
}

@test "form print writes a paper form in text and HTML" {
	run aidant-diag form print rapide --format text
	[ "$status" -eq 0 ]
	[[ "$output" == *"- ☐ A smartphone"* ]]
	[[ "$output" == *"Pseudonym  ________________"* ]]
	aidant-diag form print rapide --format html -o "$BATS_TEST_TMPDIR/f.html"
	grep -q '<li>☐ None</li>' "$BATS_TEST_TMPDIR/f.html"
	grep -q '@page{size:A4' "$BATS_TEST_TMPDIR/f.html"
	run aidant-diag form print rapide --format pdf
	[ "$status" -eq 64 ]
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-diag form print rapide
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated"
	[[ "$output" == *"- ☐ Un smartphone (téléphone avec écran tactile)"* ]]
	[[ "$output" == *"(cochez toutes les réponses qui conviennent)"* ]]
}

@test "every command has --help; usage errors exit 64 with the usage line" {
	for c in init frameworks forms form run resume record show list compare orient summary rm forget export verify import trust; do
		run aidant-diag "$c" --help
		[ "$status" -eq 0 ] || { echo "$c: $status"; return 1; }
		[[ "${lines[0]}" == "usage: aidant-diag $c"* ]]
	done
	run --separate-stderr aidant-diag form frobnicate
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-diag: error: unknown subcommand 'frobnicate'" ]
	[ "${stderr_lines[1]}" = "try 'aidant-diag form --help'" ]
	run aidant-diag record rapide
	[ "$status" -eq 64 ]
}

@test "the man page renders, has a section per command and documents every option" {
	page="$AIDANT_ROOT/share/man/man1/aidant-diag.1"
	if command -v man >/dev/null; then
		run bash -c "MANWIDTH=80 man --warnings -l '$page' 2>&1 >/dev/null"
		[ -z "$output" ]
		run bash -c "MANWIDTH=80 man -l '$page' 2>/dev/null"
		for c in init frameworks forms form run resume record show list compare orient summary rm forget export verify import trust; do
			echo "$output" | grep -qE "^       $c( |$)" || { echo "man: no section for $c"; return 1; }
		done
	fi
	for o in $(grep -oE -- '--[a-z][a-z-]+' "$AIDANT_ROOT/cmd/aidant-diag/main.c" | sort -u); do
		grep -qF -- "$(echo "$o" | sed 's/-/\\-/g')" "$page" || { echo "man lacks $o"; return 1; }
	done
}

@test "the completions parse; bash completes commands, forms and formats" {
	f="$AIDANT_ROOT/completions/bash/aidant-diag"
	run bash -c "source '$f'
		COMP_WORDS=(aidant-diag or); COMP_CWORD=1; _aidant_diag; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-diag record --form ra); COMP_CWORD=3; _aidant_diag; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-diag summary 1 --format h); COMP_CWORD=4; _aidant_diag; echo \"\${COMPREPLY[*]}\""
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "orient" ]
	[ "${lines[1]}" = "rapide" ]
	[ "${lines[2]}" = "html" ]
	if command -v zsh >/dev/null; then zsh -n "$AIDANT_ROOT/completions/zsh/_aidant-diag"; fi
	if command -v fish >/dev/null; then fish -n "$AIDANT_ROOT/completions/fish/aidant-diag.fish"; fi
}

@test "complet: every Pix competence, two situations or more each, levels 1 to 5 reachable" {
	run aidant-diag -q --format json form show complet
	[ "$status" -eq 0 ]
	form=$output
	[ "$(echo "$form" | jq '[.questions[].competences[]] | group_by(.) | map(select(length >= 2)) | length')" -eq 16 ]
	# every competence reaches 0, 1, 2, 3, 4 (3 and 5) and 5
	for pair in "aucun aucun 0" "aide aide 1" "essai essai 2" "seul seul 3" "seul expert 4" "expert expert 5"; do
		set -- $pair
		echo "$form" | jq -c --arg a "$1" --arg b "$2" --arg u "u-$1-$2" '{usager: $u, answers: (reduce (.questions[] | select(.competences | length > 0)) as $q ({}; . + {($q.id): (if (to_entries | map(.value) | length) % 2 == 0 then $a else $b end)}))}' >"$BATS_TEST_TMPDIR/a.json"
		n=$(aidant-diag -q record --form complet "$BATS_TEST_TMPDIR/a.json")
		levels=$(aidant-diag -q --format json show "$n" | jq -r '[.diagnosis.result.levels[]] | unique | map(tostring) | join(",")')
		[ "$levels" = "$3" ] || { echo "$pair: $levels"; return 1; }
	done
}
