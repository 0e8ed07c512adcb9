#!/usr/bin/env bats
# aidant-diag run and resume, as a helper uses them with the person beside them: in a real
# terminal (tmux), one question at a time, back, skip, quit, and resume with nothing lost.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	command -v tmux >/dev/null || skip "tmux is not installed"
	SOCK="$BATS_TEST_TMPDIR/tmux"
}

teardown() {
	[ -n "${SOCK:-}" ] && tmux -S "$SOCK" kill-server 2>/dev/null || true
}

# start COMMAND...: runs the command in a detached 100x50 terminal, then a shell.
start() {
	tmux -S "$SOCK" new-session -d -s t -x 100 -y 50 \
		"env PATH='$PATH' AIDANT_HOME='$AIDANT_HOME' AIDANT_SHARE='$AIDANT_SHARE' AIDANT_NOW='$AIDANT_NOW' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=$TZ $*; echo \"exit=\$?\"; sleep 60"
}

screen() {
	tmux -S "$SOCK" capture-pane -p -J -t t -S -2000
}

# wait_for TEXT: until the terminal shows it (5 s at most).
wait_for() {
	for _ in $(seq 50); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	echo "never shown: $1"; screen
	return 1
}

keys() {
	tmux -S "$SOCK" send-keys -t t "$1" Enter
}

@test "run asks one question at a time, goes back, skips, and records the diagnosis" {
	start aidant-diag -q run --form rapide --usager u-desk
	wait_for "Question 1/10  [appareils]"
	screen | grep -qF "  1) A smartphone"
	keys "1 2"
	wait_for "Question 2/10  [connexion]"
	keys "b"
	wait_for "  *2) A computer"
	keys "1"
	wait_for "Question 2/10"
	keys "9"
	wait_for "please answer with a number from 1 to 3, or b, s, q"
	keys "3"
	wait_for "Question 3/10  [email]"
	keys "4"
	keys "s"
	for a in 2 1 3 1 3; do keys "$a"; done
	wait_for "Question 10/10  [apprendre]"
	keys "1 3"
	wait_for "diagnosis 1 recorded"
	wait_for "exit=0"
	run aidant-diag -q --format json show 1
	d=$(echo "$output" | jq -c .diagnosis)
	[ "$(echo "$d" | jq -r '.answers.appareils | join(",")')" = "smartphone" ]
	[ "$(echo "$d" | jq -r '.answers.connexion[0]')" = "non" ]
	[ "$(echo "$d" | jq -r '.answers.mots_de_passe')" = null ]
	[ "$(echo "$d" | jq -r '.answers.apprendre | join(",")')" = "email,demarches" ]
	[ "$(echo "$d" | jq -r '.usager')" = u-desk ]
	[ "$(echo "$d" | jq -r '.result.barriers | join(",")')" = "sans_connexion,sans_email" ]
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" 'SELECT count(*) FROM run')" = 0 ]
}

@test "quit keeps every answer; resume goes on from the question where it stopped" {
	start aidant-diag -q run --form rapide --usager u-later
	wait_for "Question 1/10"
	keys "1"
	keys "1"
	wait_for "Question 3/10"
	keys "q"
	wait_for "saved after 2 of 10 questions: 'aidant-diag resume 1' goes on"
	wait_for "exit=0"
	tmux -S "$SOCK" kill-server
	run aidant-diag -q --format json resume
	[ "$(echo "$output" | jq -r '.[0] | "\(.run) \(.usager) \(.answered)"')" = "1 u-later 2" ]
	start aidant-diag -q resume 1
	wait_for "Question 3/10  [email]"
	keys "b"
	wait_for "  *1) Yes, a broadband box or wifi"
	keys "1"
	for a in 1 1 1 1 1 1 1; do keys "$a"; done
	wait_for "Question 10/10"
	keys "8"
	wait_for "diagnosis 1 recorded"
	run aidant-diag -q --format json show 1
	[ "$(echo "$output" | jq -r '.diagnosis.answers | length')" -eq 10 ]
	[ "$(echo "$output" | jq -r '.diagnosis.answers.appareils[0]')" = smartphone ]
	[ "$(echo "$output" | jq -r '.diagnosis.usager')" = u-later ]
	run aidant-diag -q resume 1
	[ "$status" -eq 66 ]
}

@test "end of input (Ctrl-D) saves like quit" {
	start aidant-diag -q run --form complet
	wait_for "Question 1/36"
	keys "2"
	wait_for "Question 2/36"
	tmux -S "$SOCK" send-keys -t t C-d
	wait_for "saved after 1 of 36 questions"
	# the store is read once the program has closed it
	wait_for "exit=0"
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" 'SELECT answers FROM run')" = '{"appareils":["ordinateur"]}' ]
}

@test "without a terminal, run and resume refuse and point to record" {
	run --separate-stderr aidant-diag -q run --form rapide </dev/null
	[ "$status" -eq 64 ]
	[[ "${stderr_lines[0]}" == "aidant-diag: error: the questionnaire needs a terminal; for answers given on paper or in a file use 'aidant-diag record --form rapide FILE'" ]]
	[ ! -e "$AIDANT_HOME/diag.db" ]
	run aidant-diag -q run
	[ "$status" -eq 64 ]
	run aidant-diag -q resume 4
	[ "$status" -eq 66 ]
}
