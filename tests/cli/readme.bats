#!/usr/bin/env bats
# The README's examples, run as written: every ```sh block from "Trying the examples" to
# "Conventions", in order, in one shell, from the top of the clone, as a reader follows
# them. The passphrase prompts are answered in a real terminal (tmux), as a person
# would type them. The programs are those of build/test-bin (the installed ones are
# tested in common.bats); AIDANT_KDF_LIGHT keeps their scrypt quick.

bats_require_minimum_version 1.5.0

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	command -v minisign >/dev/null || skip "minisign is not installed"
	SOCK="$BATS_TEST_TMPDIR/tmux"
	mkdir -p "$BATS_TEST_TMPDIR/home" "$BATS_TEST_TMPDIR/tmp"
}

teardown() {
	tmux -S "$SOCK" kill-server 2>/dev/null || true
}

# readme_script: the blocks of the README's tool sections, as one bash script that stops
# at the first command that fails and names it.
readme_script() {
	echo 'set -eo pipefail'
	echo 'trap '\''echo "README-FAILED (status $?): $BASH_COMMAND"'\'' ERR'
	awk '/^## Trying the examples/ { on = 1 } /^## Conventions/ { on = 0 }
	     on && /^```sh$/ { code = 1; next } code && /^```$/ { code = 0; next } on && code' \
		"$AIDANT_ROOT/README.md"
	echo 'echo "README-DONE $PWD"'
}

# answer_prompts LOG: until the script ends (5 minutes at most), types the passphrase at
# each prompt the terminal shows (the prompts are on the terminal, the output in LOG).
answer_prompts() {
	local answered=0 shown end=$((SECONDS + 300))
	while [ "$SECONDS" -lt "$end" ]; do
		grep -q '^README-\(DONE\|FAILED\)' "$1" 2>/dev/null && return 0
		shown=$(tmux -S "$SOCK" capture-pane -p -J -t t -S - |
			grep -c '\(assphrase\|Again\|Password\|Recovery code\)[^:]*: *$' || true)
		if [ "$shown" -gt "$answered" ]; then
			tmux -S "$SOCK" send-keys -t t "lecture du README 2026" Enter
			answered=$((answered + 1))
		fi
		sleep 0.2
	done
	echo "the README's examples did not end within 5 minutes; the terminal shows:"
	tmux -S "$SOCK" capture-pane -p -J -t t -S -
	tail -20 "$1"
	return 1
}

@test "the README's examples run as written, in order, prompts answered at the terminal" {
	readme_script >"$BATS_TEST_TMPDIR/readme.sh"
	[ "$(grep -c '^aidant-' "$BATS_TEST_TMPDIR/readme.sh")" -gt 40 ]
	log="$BATS_TEST_TMPDIR/readme.log"
	tmux -S "$SOCK" new-session -d -s t -x 160 -y 50 -c "$AIDANT_ROOT" \
		"env -u AIDANT_HOME HOME='$BATS_TEST_TMPDIR/home' XDG_DATA_HOME='$BATS_TEST_TMPDIR/home/.local/share' TMPDIR='$BATS_TEST_TMPDIR/tmp' PATH='$PATH' AIDANT_SHARE='$AIDANT_SHARE' AIDANT_LOCALEDIR='$AIDANT_LOCALEDIR' AIDANT_KDF_LIGHT=1 LANG=C.UTF-8 bash '$BATS_TEST_TMPDIR/readme.sh' >'$log' 2>&1; sleep 600"
	answer_prompts "$log"
	cat "$log"
	run ! grep '^README-FAILED' "$log"
	done_line=$(grep '^README-DONE ' "$log")
	work=${done_line#README-DONE }
	# what a reader sees along the way
	grep -qx 'closed (exit status 1)' "$log"
	grep -qx 'Signature and comment signature verified' "$log"
	grep -q '^yes: mandate 1 covers social until ' "$log"
	# the files the examples wrote, where they said
	[ "$(jq -r .type "$work/lieux.geojson")" = FeatureCollection ]
	[ "$(head -1 "$work/lieux.csv" | tr ',' '\n' | wc -l)" -eq 32 ]
	minisign -Vm "$work/attestation.txt" -p "$work/structure.pub" >/dev/null
	cmp "$work/cni.pdf" "$AIDANT_ROOT/share/aidant/demo/data/cni-recto.pdf"
	grep -q '^AGE-SECRET-KEY-1' "$work/my-key.txt"
	[ "$(head -c 2 "$work/observatoire.xlsx")" = PK ]
	ls "$work"/envoi/reseau-21010053100017-*.json
	grep -qx '73000,0,s,31,58,77,s,29,61,77,0' "$work/publiable.csv"
	# the home was the one the README made, not the reader's
	[ ! -e "$BATS_TEST_TMPDIR/home/.local/share/aidant" ]
}
