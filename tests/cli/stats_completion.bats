#!/usr/bin/env bats
# The completions of aidant-stats as a person meets them: a word typed in a real bash,
# zsh and fish (in tmux), a Tab, and the command line that results: commands, options,
# the values of the record fields (a list after a comma too), dialects and periods.

bats_require_minimum_version 1.5.0

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed (make deps)"
	sock="aidant-stats-completion-$$-$BATS_TEST_NUMBER"
}

teardown() {
	tmux -L "$sock" kill-server 2>/dev/null || true
}

# The pane's last prompt line, without the prompt.
line() {
	tmux -L "$sock" capture-pane -p -J | grep '^READY\$ ' | tail -n 1 | sed 's/^READY\$ //; s/ *$//'
}

# Starts shell $1 with the completion of aidant-stats loaded and a prompt "READY$ ", in
# a folder holding one CSV file.
start() {
	local root=$AIDANT_ROOT cmd init
	command -v "$1" >/dev/null || skip "$1 is not installed (make deps)"
	case $1 in
	bash)
		cmd="bash --norc --noprofile -i"
		init="source $root/completions/bash/aidant-stats; PS1='READY\$ '"
		;;
	zsh)
		cmd="zsh -f -i"
		init="fpath=($root/completions/zsh \$fpath); autoload -U compinit; compinit -u -D; PS1='READY\$ '"
		;;
	fish)
		cmd="fish --no-config -i"
		init="source $root/completions/fish/aidant-stats.fish; function fish_prompt; echo -n 'READY\$ '; end; function fish_greeting; end"
		;;
	esac
	mkdir -p "$BATS_TEST_TMPDIR/home" "$BATS_TEST_TMPDIR/work"
	echo "id,type" >"$BATS_TEST_TMPDIR/work/novembre-activites.csv"
	tmux -L "$sock" -f /dev/null new-session -d -x 220 -y 20 -c "$BATS_TEST_TMPDIR/work" \
		"env -i HOME=$BATS_TEST_TMPDIR/home PATH=$PATH LANG=C.UTF-8 TERM=screen $cmd"
	sleep 0.3
	tmux -L "$sock" send-keys -l "$init"
	tmux -L "$sock" send-keys Enter
	for _ in $(seq 50); do
		tmux -L "$sock" send-keys C-l
		sleep 0.1
		[ "$(tmux -L "$sock" capture-pane -p | grep -c '^READY\$')" -gt 0 ] && return 0
	done
	echo "$1 did not start"
	return 1
}

# Types $1, presses Tab, prints the command line once it changed, then clears it.
complete_line() {
	local got
	tmux -L "$sock" send-keys -l "$1"
	tmux -L "$sock" send-keys Tab
	for _ in $(seq 30); do
		sleep 0.1
		got=$(line)
		[ "$got" != "$1" ] && break
	done
	echo "$got"
	tmux -L "$sock" send-keys C-u
	tmux -L "$sock" send-keys C-l
	sleep 0.2
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
