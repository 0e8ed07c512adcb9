#!/usr/bin/env bats
# The completions of aidant-mandate in a real bash (without the bash-completion package),
# zsh and fish: commands, subcommands, the options of the trust work (verify --pubkey,
# checkpoint --rotate), values (démarches in a list, durations), and file names with
# spaces, parentheses and apostrophes quoted so that the shell reads them back.

bats_require_minimum_version 1.5.0

load completion

setup() {
	tool=aidant-mandate
	cd "$BATS_TEST_TMPDIR"
	touch "clé (Médiathèque) d'été.pub"
}

teardown() {
	stop
}

check_shell() {
	start "$1"
	[ "$(complete_line 'aidant-mandate struc')" = 'aidant-mandate structure' ]
	[ "$(complete_line 'aidant-mandate checkpoint --rot')" = 'aidant-mandate checkpoint --rotate' ]
	[ "$(complete_line 'aidant-mandate verify --pub')" = 'aidant-mandate verify --pubkey' ]
	[ "$(complete_line 'aidant-mandate verify --checkp')" = 'aidant-mandate verify --checkpoint' ]
	[ "$(complete_line 'aidant-mandate create --duration 18')" = 'aidant-mandate create --duration 182d' ]
	[ "$(complete_line 'aidant-mandate revoke 1 --by us')" = 'aidant-mandate revoke 1 --by usager' ]
	[ "$(complete_line 'aidant-mandate check --demarche etr')" = 'aidant-mandate check --demarche etranger' ]
	[ "$(complete_line "aidant-mandate verify --pubkey cl")" = "aidant-mandate verify --pubkey clé\\ \\(Médiathèque\\)\\ d\\'été.pub" ]
}

@test "bash completes without bash-completion, file names quoted" {
	start bash
	tmux -L "$sock" send-keys -l 'type _init_completion >/dev/null 2>&1 || echo NO-BASH-COMPLETION' \; send-keys Enter
	sleep 0.3
	tmux -L "$sock" capture-pane -p | grep -q NO-BASH-COMPLETION
	stop
	check_shell bash
	start bash
	[ "$(complete_line 'aidant-mandate create --demarche social,arg')" = 'aidant-mandate create --demarche social,argent' ]
}

@test "zsh completes, file names quoted" {
	check_shell zsh
}

@test "fish completes, file names quoted" {
	check_shell fish
}
