#!/usr/bin/env bats
# The papers of aidant-diag as they come out of a printer: the paper form of a desk
# without a screen (every question and every choice with its box) and the person's
# summary (the verification code), printed to PDF by headless Chromium and read back.

bats_require_minimum_version 1.5.0
load diag_setup
load papers_setup

setup() {
	diag_setup
	papers_need_pdf
	export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated"
	cd "$BATS_TEST_TMPDIR"
}

# form_prints FORM: its paper form on A4, with every question and every choice boxed.
form_prints() {
	aidant-diag -q form print "$1" --format html -o "$1.html"
	papers_pdf "$1.html"
	papers_a4 "$1.pdf"
	text=$(papers_flow "$1.pdf")
	aidant-diag -q --format json form show "$1" >"$1.json"
	[[ "$text" == *"$(jq -r .title.fr "$1.json")"* ]]
	[[ "$text" == *"Pseudonyme"* ]]
	n=$(jq '.questions | length' "$1.json")
	for q in $(seq 0 $((n - 1))); do
		t=$(jq -r ".questions[$q].text.fr" "$1.json" | tr -s ' \n\t' ' ' | cut -c 1-40)
		[[ "$text" == *"$((q + 1)). $t"* ]] || { echo "question $((q + 1)) not printed: $t"; return 1; }
	done
	boxes=$(pdftotext "$1.pdf" - | grep -o '☐' | wc -l)
	[ "$boxes" -eq "$(jq '[.questions[].choices[]] | length' "$1.json")" ]
}

@test "the quick form prints on A4, every question numbered and every choice with its box" {
	form_prints rapide
	[ "$(papers_pages rapide.pdf)" -le 3 ]
	papers_png rapide.pdf diag-form-rapide
}

@test "the full form prints on A4 too" {
	form_prints complet
}

@test "the summary prints on one A4 page with what the person can do first and the code" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	id=$(aidant-diag -q --format json show 1 | jq -r .id | tr a-f A-F)
	aidant-diag -q summary 1 --format html -o s.html
	papers_pdf s.html
	[ "$(papers_pages s.pdf)" = 1 ]
	papers_a4 s.pdf
	text=$(papers_flow s.pdf)
	[[ "$text" == *"Vos compétences numériques"* ]]
	[[ "$text" == *"Diagnostic du 23 novembre 2026"* ]]
	[[ "$text" == *"Ce que vous savez déjà faire"*"Ce que vous pouvez apprendre ensuite"* ]]
	[[ "$text" == *"pas d’adresse e-mail"* ]]
	[[ "$text" == *"${id:0:4} ${id:4:4}"* ]]
	papers_png s.pdf diag-summary
}
