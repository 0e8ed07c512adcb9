#!/usr/bin/env bats
# The completions of aidant-vault in a real bash (without the bash-completion package),
# zsh and fish: commands, options (the secret sources, verify --accept), domains, and
# file names with spaces, parentheses and apostrophes quoted for the command line.

bats_require_minimum_version 1.5.0

load completion

setup() {
	tool=aidant-vault
	cd "$BATS_TEST_TMPDIR"
	touch "Relais (Emmaüs) l'été.pdf"
}

teardown() {
	stop
}

check_shell() {
	start "$1"
	[ "$(complete_line 'aidant-vault ver')" = 'aidant-vault verify' ]
	[ "$(complete_line 'aidant-vault verify --acc')" = 'aidant-vault verify --accept' ]
	[ "$(complete_line 'aidant-vault add --domain ide')" = 'aidant-vault add --domain identite' ]
	[ "$(complete_line 'aidant-vault add --domain impots --type avis-')" = 'aidant-vault add --domain impots --type avis-impot' ]
	[ "$(complete_line 'aidant-vault passwd --new-passphrase-fi')" = 'aidant-vault passwd --new-passphrase-file' ]
	[ "$(complete_line 'aidant-vault recover --recovery-code-fi')" = 'aidant-vault recover --recovery-code-file' ]
	[ "$(complete_line 'aidant-vault secret set caf --password-fi')" = 'aidant-vault secret set caf --password-file' ]
	[ "$(complete_line "aidant-vault add --domain identite Rel")" = "aidant-vault add --domain identite Relais\\ \\(Emmaüs\\)\\ l\\'été.pdf" ]
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
	start bash
	export AIDANT_HOME="$BATS_TEST_TMPDIR/aidant" AIDANT_KDF_LIGHT=1
	printf 'pw\n' > pw
	aidant-vault init --owner X --passphrase-file pw > /dev/null 2>&1
	cmd=$(complete_line 'aidant-vault add --domain identite Rel')
	run bash -c "$cmd --passphrase-file pw"
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-vault --format json list --passphrase-file pw
	[ "$(echo "$output" | jq -r '.[0].file')" = "Relais (Emmaüs) l'été.pdf" ]
}
