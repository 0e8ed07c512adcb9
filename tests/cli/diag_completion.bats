#!/usr/bin/env bats
# The completions of aidant-diag in a real bash (without the bash-completion package), zsh
# and fish: commands, options (init, export and the passphrase sources), forms, formats,
# and file names with spaces, parentheses and apostrophes quoted for the command line.

bats_require_minimum_version 1.5.0

load completion

setup() {
	tool=aidant-diag
	cd "$BATS_TEST_TMPDIR"
	touch "Diagnostic (Mme L.) l'été.json"
}

teardown() {
	stop
}

check_shell() {
	start "$1"
	[ "$(complete_line 'aidant-diag exp')" = 'aidant-diag export' ]
	[ "$(complete_line 'aidant-diag --de')" = 'aidant-diag --demo' ]
	[ "$(complete_line 'aidant-diag init --sir')" = 'aidant-diag init --siret' ]
	[ "$(complete_line 'aidant-diag export 1 --passphrase-fi')" = 'aidant-diag export 1 --passphrase-file' ]
	[ "$(complete_line 'aidant-diag record --form ra')" = 'aidant-diag record --form rapide' ]
	[ "$(complete_line 'aidant-diag summary 1 --format ht')" = 'aidant-diag summary 1 --format html' ]
	[ "$(complete_line 'aidant-diag frameworks --cross')" = 'aidant-diag frameworks --crosswalk' ]
	[ "$(complete_line 'aidant-diag verify Diag')" = "aidant-diag verify Diagnostic\\ \\(Mme\\ L.\\)\\ l\\'été.json" ]
}

@test "bash completes without bash-completion, file names quoted" {
	start bash
	run tmux -L "$sock" send-keys -l 'type _init_completion >/dev/null 2>&1 || echo NO-BASH-COMPLETION' \; send-keys Enter
	sleep 0.3
	tmux -L "$sock" capture-pane -p | grep -q NO-BASH-COMPLETION
	stop
	check_shell bash
}

@test "zsh completes, file names quoted" {
	check_shell zsh
}

@test "fish completes, file names quoted" {
	check_shell fish
}

@test "a completed file name is read back by the program" {
	command -v minisign >/dev/null || skip "minisign is not installed"
	export AIDANT_HOME="$BATS_TEST_TMPDIR/aidant" AIDANT_KDF_LIGHT=1
	export AIDANT_SHARE AIDANT_NOW=2026-11-23T10:00:00+01:00
	rm "Diagnostic (Mme L.) l'été.json"
	printf 'pw\n' >pw
	aidant-diag -q init --name "CCAS" --siret 26730002600015 --passphrase-file pw >/dev/null
	printf '{"usager":"u-a","answers":{"email":"non"}}' | aidant-diag -q record --form rapide >/dev/null
	aidant-diag -q export 1 -o "Diagnostic (Mme L.) l'été.json" --passphrase-file pw >/dev/null
	start bash
	cmd=$(complete_line 'aidant-diag verify Diag')
	[ "$cmd" = "aidant-diag verify Diagnostic\\ \\(Mme\\ L.\\)\\ l\\'été.json" ]
	run --separate-stderr bash -c "$cmd"
	[ "$status" -eq 0 ]
	[[ "$output" == "valid: diagnosis "* ]] || { echo "$output"; return 1; }
}
