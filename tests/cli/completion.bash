# Completion tests as a person meets them: a word typed in a real bash, zsh or fish (in
# tmux), a Tab, and the command line that results. Sourced by <tool>_completion.bats,
# which sets $tool (aidant-vault) before calling start.

# The pane's last prompt line, without the prompt.
line() {
	tmux -L "$sock" capture-pane -p -J | grep '^READY\$ ' | tail -n 1 | sed 's/^READY\$ //; s/ *$//'
}

# Starts shell $1 with the completion of $tool loaded and a prompt "READY$ ".
start() {
	local root=$AIDANT_ROOT cmd init
	command -v tmux >/dev/null || skip "tmux is not installed (make deps)"
	command -v "$1" >/dev/null || skip "$1 is not installed (make deps)"
	sock="aidant-completion-$$-$BATS_TEST_NUMBER"
	case $1 in
	bash)
		cmd="bash --norc --noprofile -i"
		init="source $root/completions/bash/$tool; PS1='READY\$ '"
		;;
	zsh)
		cmd="zsh -f -i"
		init="fpath=($root/completions/zsh \$fpath); autoload -U compinit; compinit -u -D; PS1='READY\$ '"
		;;
	fish)
		cmd="fish --no-config -i"
		init="source $root/completions/fish/$tool.fish; function fish_prompt; echo -n 'READY\$ '; end; function fish_greeting; end"
		;;
	esac
	mkdir -p "$BATS_TEST_TMPDIR/home"
	tmux -L "$sock" -f /dev/null new-session -d -x 220 -y 20 -c "$PWD" \
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

stop() {
	[ -z "${sock:-}" ] || tmux -L "$sock" kill-server 2>/dev/null || true
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
