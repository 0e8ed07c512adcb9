#!/usr/bin/env bats
# The completions of aidant-annuaire as a person meets them: a word typed in a real bash,
# zsh and fish (in tmux), a Tab, and the command line that results. Values with spaces,
# parentheses and apostrophes must come out quoted so that the shell reads them back.

bats_require_minimum_version 1.5.0

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed (make deps)"
	sock="aidant-completion-$$-$BATS_TEST_NUMBER"
}

teardown() {
	tmux -L "$sock" kill-server 2>/dev/null || true
}

# The pane's last prompt line, without the prompt.
line() {
	tmux -L "$sock" capture-pane -p -J | grep '^READY\$ ' | tail -n 1 | sed 's/^READY\$ //; s/ *$//'
}

# Starts shell $1 with the completion of aidant-annuaire loaded and a prompt "READY$ ".
start() {
	local root=$AIDANT_ROOT cmd init
	command -v "$1" >/dev/null || skip "$1 is not installed (make deps)"
	case $1 in
	bash)
		cmd="bash --norc --noprofile -i"
		init="source $root/completions/bash/aidant-annuaire; PS1='READY\$ '"
		;;
	zsh)
		cmd="zsh -f -i"
		init="fpath=($root/completions/zsh \$fpath); autoload -U compinit; compinit -u -D; PS1='READY\$ '"
		;;
	fish)
		cmd="fish --no-config -i"
		init="source $root/completions/fish/aidant-annuaire.fish; function fish_prompt; echo -n 'READY\$ '; end; function fish_greeting; end"
		;;
	esac
	mkdir -p "$BATS_TEST_TMPDIR/home"
	tmux -L "$sock" -f /dev/null new-session -d -x 220 -y 20 \
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
