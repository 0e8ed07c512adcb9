#!/usr/bin/env bats
# The completions of aidant-annuaire as a person meets them: a word typed in a real bash,
# zsh and fish (in tmux), a Tab, and the command line that results. Values with spaces,
# parentheses and apostrophes must come out quoted so that the shell reads them back.

bats_require_minimum_version 1.5.0

load completion

setup() {
	tool=aidant-annuaire
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	stop
}

# The same completions in each shell: label and need values quoted, options.
check_shell() {
	start "$1"
	[ "$(complete_line 'aidant-annuaire search --label Relais')" = 'aidant-annuaire search --label Relais\ numérique\ \(Emmaüs\ Connect\)' ]
	[ "$(complete_line "aidant-annuaire search --label Point")" = "aidant-annuaire search --label Point\\ d\\'accès\\ numérique\\ CAF" ]
	[ "$(complete_line 'aidant-annuaire search --prise-en-charge Langues\ étrangères\ \(ang')" = 'aidant-annuaire search --prise-en-charge Langues\ étrangères\ \(anglais\)' ]
	[ "$(complete_line 'aidant-annuaire search --frais Gratuit\ s')" = 'aidant-annuaire search --frais Gratuit\ sous\ condition' ]
	[ "$(complete_line 'aidant-annuaire export --service Acq')" = 'aidant-annuaire export --service Acquisition\ de\ matériel\ informatique\ à\ prix\ solidaire' ]
	got=$(complete_line 'aidant-annuaire search --que')
	[ "$got" = 'aidant-annuaire search --query' ] || [ "$got" = 'aidant-annuaire search --query=' ]
	got=$(complete_line 'aidant-annuaire import --encoding cp')
	[ "$got" = 'aidant-annuaire import --encoding cp1252' ]
}

@test "bash completes values quoted for the command line" {
	check_shell bash
	# inside a quote the word opened, the value is closed by the same quote
	[ "$(complete_line 'aidant-annuaire search --label "Relais')" = 'aidant-annuaire search --label "Relais numérique (Emmaüs Connect)"' ]
}

@test "zsh completes values quoted for the command line" {
	check_shell zsh
}

@test "fish completes values quoted for the command line" {
	check_shell fish
}

@test "a completed value is read back by the program as the schema's value" {
	start bash
	place='[{"id": "r-1", "pivot": "00000000000000", "nom": "Relais", "commune": "Lyon", "code_postal": "69001", "adresse": "1 rue", "date_maj": "2026-10-01", "dispositif_programmes_nationaux": ["Relais numérique (Emmaüs Connect)"]}]'
	AIDANT_HOME="$BATS_TEST_TMPDIR/aidant" aidant-annuaire --quiet import - <<<"$place"
	cmd=$(complete_line 'aidant-annuaire --format ndjson search --label Relais')
	run bash -c "AIDANT_HOME='$BATS_TEST_TMPDIR/aidant' $cmd"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .id)" = r-1 ]
}
