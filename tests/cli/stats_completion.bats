#!/usr/bin/env bats
# The completions of aidant-stats as a person meets them: a word typed in a real bash,
# zsh and fish (in tmux), a Tab, and the command line that results: commands, options,
# the values of the record fields (a list after a comma too), dialects and periods.

bats_require_minimum_version 1.5.0

load completion

setup() {
	tool=aidant-stats
	mkdir -p "$BATS_TEST_TMPDIR/work"
	cd "$BATS_TEST_TMPDIR/work"
	echo "id,type" >novembre-activites.csv
}

teardown() {
	stop
}

# $1 completed is $2, or $2 followed by the space the shell adds after a whole word.
expect() {
	local got
	got=$(complete_line "$1")
	[ "$got" = "$2" ] || [ "$got" = "$2 " ] || { echo "'$1' completed to '$got', not '$2'"; return 1; }
}

# The same completions in each shell.
check_shell() {
	start "$1"
	expect 'aidant-stats rep' 'aidant-stats report'
	expect 'aidant-stats add --type-lieu dom' 'aidant-stats add --type-lieu domicile'
	expect 'aidant-stats add --thematique banq' 'aidant-stats add --thematique banque_et_achats_en_ligne'
	expect 'aidant-stats amend b-1 --autonomie parti' 'aidant-stats amend b-1 --autonomie partiellement_autonome'
	expect 'aidant-stats add --structure-de-redirection operat' 'aidant-stats add --structure-de-redirection operateur_ou_organisme_en_charge'
	expect 'aidant-stats import --dialect cn' 'aidant-stats import --dialect cnfs-v1'
	expect 'aidant-stats import --dia' 'aidant-stats import --dialect'
	expect 'aidant-stats import nov' 'aidant-stats import novembre-activites.csv'
	expect 'aidant-stats ingest man' 'aidant-stats ingest mandate'
	expect 'aidant-stats export --for-n' 'aidant-stats export --for-network'
	expect 'aidant-stats report --by type_l' 'aidant-stats report --by type_lieu'
	expect 'aidant-stats mask --total' 'aidant-stats mask --total-col'
}

@test "bash completes commands, options, field values and files" {
	check_shell bash
	# a list of thématiques: the value after the comma
	expect 'aidant-stats add --thematique email,sant' 'aidant-stats add --thematique email,sante'
}

@test "zsh completes commands, options, field values and files" {
	check_shell zsh
}

@test "fish completes commands, options, field values and files" {
	check_shell fish
}

@test "a completed command line is read back by the program" {
	start bash
	export AIDANT_HOME="$BATS_TEST_TMPDIR/aidant" AIDANT_NOW=2026-11-20T10:00:00
	aidant-stats -q init
	cmd=$(complete_line 'aidant-stats add --type individuel --date 2026-11-19 --duree 30 --type-lieu a_dis')
	cmd="$cmd --thematique $(complete_line 'aidant-stats add --thematique email,sant' | sed 's/.* //')"
	run bash -c "$cmd"
	[ "$status" -eq 0 ]
	run aidant-stats -q list --format ndjson
	[ "$(echo "$output" | jq -r .type_lieu)" = a_distance ]
	[ "$(echo "$output" | jq -c .thematiques)" = '["email","sante"]' ]
}
