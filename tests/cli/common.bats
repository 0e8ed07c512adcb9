#!/usr/bin/env bats
# What every aidant program shares, seen from the shell: global options, help,
# version, usage errors (64), the home folder, French messages, the man page and
# completions, and an installed copy that finds its own data.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	export LANG=C.UTF-8
	unset LC_ALL LANGUAGE
}

@test "--version prints the program and its version" {
	run aidant-annuaire --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^aidant-annuaire\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "--help lists every command and exits 0" {
	run aidant-annuaire --help
	[ "$status" -eq 0 ]
	[[ "$output" == usage:\ aidant-annuaire\ * ]]
	for c in import validate search show rm stats stale export hours dedupe unmerge; do
		echo "$output" | grep -qE "^  $c +[a-z]" || { echo "missing $c"; return 1; }
	done
}

@test "every command has --help and help <command>, on stdout with exit 0" {
	for c in import validate search show rm stats stale export hours dedupe unmerge; do
		run aidant-annuaire "$c" --help
		[ "$status" -eq 0 ] || { echo "$c --help: $status"; return 1; }
		[[ "${lines[0]}" == "usage: aidant-annuaire $c"* ]] || { echo "$c: ${lines[0]}"; return 1; }
		run aidant-annuaire help "$c"
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: aidant-annuaire $c"* ]]
	done
	run aidant-annuaire import --help
	[[ "$output" == *"  --keep-going "* ]]
}

@test "no command: usage on stderr, exit 64" {
	run --separate-stderr aidant-annuaire
	[ "$status" -eq 64 ]
	[ -z "$output" ]
	[[ "$stderr" == usage:\ aidant-annuaire* ]]
}

@test "unknown command: one error line and the usage, exit 64" {
	run --separate-stderr aidant-annuaire frobnicate
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: unknown command 'frobnicate'" ]
	[ "${stderr_lines[1]}" = "try 'aidant-annuaire --help'" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	run aidant-annuaire help frobnicate
	[ "$status" -eq 64 ]
}

@test "unknown or incomplete global options exit 64" {
	run --separate-stderr aidant-annuaire --colour stats
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: unknown option '--colour'" ]
	run --separate-stderr aidant-annuaire --format xml stats
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: unknown format 'xml'" ]
	run --separate-stderr aidant-annuaire --home
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: option '--home' needs a value" ]
}

@test "unknown command option exits 64 with the command's usage" {
	run --separate-stderr aidant-annuaire stale --newer-than 3m
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: unknown option '--newer-than'" ]
	[ "${stderr_lines[1]}" = "try 'aidant-annuaire stale --help'" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

@test "--home puts the store there, before AIDANT_HOME" {
	run aidant-annuaire --home "$BATS_TEST_TMPDIR/elsewhere" stats
	[ "$status" -eq 0 ]
	[ -f "$BATS_TEST_TMPDIR/elsewhere/annuaire.db" ]
	[ ! -e "$AIDANT_HOME" ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/elsewhere")" = 700 ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/elsewhere/annuaire.db")" = 600 ]
	run aidant-annuaire --home="$BATS_TEST_TMPDIR/third" stats
	[ "$status" -eq 0 ]
	[ -f "$BATS_TEST_TMPDIR/third/annuaire.db" ]
}

@test "AIDANT_HOME, else XDG_DATA_HOME, else ~/.local/share/aidant" {
	run aidant-annuaire stats
	[ "$status" -eq 0 ]
	[ -f "$AIDANT_HOME/annuaire.db" ]
	unset AIDANT_HOME
	XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg" run aidant-annuaire stats
	[ "$status" -eq 0 ]
	[ -f "$BATS_TEST_TMPDIR/xdg/aidant/annuaire.db" ]
	HOME="$BATS_TEST_TMPDIR/me" XDG_DATA_HOME= run aidant-annuaire stats
	[ "$status" -eq 0 ]
	[ -f "$BATS_TEST_TMPDIR/me/.local/share/aidant/annuaire.db" ]
}

@test "a home that cannot be created exits 73" {
	touch "$BATS_TEST_TMPDIR/file"
	run --separate-stderr aidant-annuaire --home "$BATS_TEST_TMPDIR/file/sub" stats
	[ "$status" -eq 73 ]
	[[ "${stderr_lines[0]}" == "aidant-annuaire: error: cannot create the folder $BATS_TEST_TMPDIR/file/sub: Not a directory" ]]
}

@test "a store from a newer version exits 78 and is left alone" {
	mkdir -p "$AIDANT_HOME"
	sqlite3 "$AIDANT_HOME/annuaire.db" 'PRAGMA user_version = 999'
	run --separate-stderr aidant-annuaire stats
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"made by a newer version of this program (schema 999)" ]]
	[ "$(sqlite3 "$AIDANT_HOME/annuaire.db" 'PRAGMA user_version')" = 999 ]
}

@test "a locked store exits 75" {
	run aidant-annuaire stats
	[ "$status" -eq 0 ]
	# a writer holds the lock while the import tries to write
	mkfifo "$BATS_TEST_TMPDIR/hold"
	{ echo 'BEGIN IMMEDIATE; CREATE TABLE lockme(x);'; cat "$BATS_TEST_TMPDIR/hold"; echo 'ROLLBACK;'; } |
		sqlite3 "$AIDANT_HOME/annuaire.db" &
	sleep 0.3
	[ -n "${AIDANT_DATA:-}" ] && [ -d "$AIDANT_DATA/annuaire" ] || {
		echo >"$BATS_TEST_TMPDIR/hold"; wait; skip "shared data absent: $AIDANT_DATA/annuaire"; }
	AIDANT_BUSY_TIMEOUT=100 run --separate-stderr aidant-annuaire import \
		"$AIDANT_DATA/annuaire/standard-mediation-num-exemple-valide.csv"
	echo >"$BATS_TEST_TMPDIR/hold"
	wait
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"the store is in use by another command, try again"* ]]
}

@test "an invalid AIDANT_NOW is a configuration error (78)" {
	AIDANT_NOW=yesterday run --separate-stderr aidant-annuaire hours 'Mo-Su 00:00-24:00'
	[ "$status" -eq 78 ]
	[ "$stderr" = "aidant-annuaire: error: AIDANT_NOW: 'yesterday' is not an ISO 8601 date or time" ]
}

@test "AIDANT_NOW fixes the clock, with a notice; --quiet silences it" {
	AIDANT_NOW=2026-11-24T10:00 run --separate-stderr aidant-annuaire hours 'Tu 09:00-12:00'
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"aidant-annuaire: the clock is set by AIDANT_NOW to 2026-11-24T10:00"* ]]
	AIDANT_NOW=2026-11-24T13:00 run --separate-stderr aidant-annuaire --quiet hours 'Tu 09:00-12:00'
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
}

@test "a full disk on stdout is an error (74), not a success" {
	run bash -c 'aidant-annuaire --help >/dev/full'
	[ "$status" -eq 74 ]
	[[ "$output" == "aidant-annuaire: error: cannot write the output: No space left on device" ]]
	run bash -c 'aidant-annuaire --version >/dev/full'
	[ "$status" -eq 74 ]
	run bash -c 'aidant-annuaire help search >/dev/full'
	[ "$status" -eq 74 ]
}

@test "LANG=fr_FR.UTF-8 gives French messages" {
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated (make deps)"
	LANG=fr_FR.UTF-8 run --separate-stderr aidant-annuaire frobnicate
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire : erreur : commande inconnue « frobnicate »" ]
	[ "${stderr_lines[1]}" = "essayez « aidant-annuaire --help »" ]
	LANG=fr_FR.UTF-8 run aidant-annuaire --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"commandes :"* ]]
	[[ "$output" == *"L’annuaire des lieux d’aide au numérique"* ]]
	[[ "$output" == *"  dedupe           trouver les lieux listés deux fois et les fusionner"* ]]
	LANG=fr_FR.UTF-8 run aidant-annuaire help stale
	[[ "$output" == *"ancienneté de date_maj"* ]]
}

@test "the man page renders without warnings" {
	command -v man >/dev/null || skip "man is not installed"
	page="$AIDANT_ROOT/share/man/man1/aidant-annuaire.1"
	run bash -c "MANWIDTH=80 man --warnings -l '$page' 2>&1 >/dev/null"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run bash -c "MANWIDTH=80 man -l '$page' 2>/dev/null"
	for c in import validate search show rm stats stale export hours dedupe unmerge; do
		echo "$output" | grep -qE "^   $c( |$)" || { echo "man: no section for $c"; return 1; }
	done
}

@test "the man page documents every option of the command table" {
	page="$AIDANT_ROOT/share/man/man1/aidant-annuaire.1"
	opts=$(grep -oE -- '--[a-z][a-z-]+' "$AIDANT_ROOT/cmd/aidant-annuaire/main.c" | sort -u)
	[ -n "$opts" ]
	for o in $opts; do
		grep -qF -- "$(echo "$o" | sed 's/-/\\-/g')" "$page" || { echo "man lacks $o"; return 1; }
	done
}

@test "the bash completion parses and completes commands, options and services" {
	f="$AIDANT_ROOT/completions/bash/aidant-annuaire"
	run bash -n "$f"
	[ "$status" -eq 0 ]
	run bash -c "source '$f'
		COMP_WORDS=(aidant-annuaire de); COMP_CWORD=1; _aidant_annuaire; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-annuaire search --service Acc); COMP_CWORD=3; _aidant_annuaire; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-annuaire export --format g); COMP_CWORD=3; _aidant_annuaire; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-annuaire import --keep); COMP_CWORD=2; _aidant_annuaire; echo \"\${COMPREPLY[*]}\""
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "dedupe" ]
	[ "${lines[1]}" = 'Accès\ internet\ et\ matériel\ informatique' ]
	[ "${lines[2]}" = "geojson" ]
	[ "${lines[3]}" = "--keep-going" ]
}

@test "the zsh completion parses" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	run zsh -n "$AIDANT_ROOT/completions/zsh/_aidant-annuaire"
	[ "$status" -eq 0 ]
}

@test "the fish completion parses" {
	command -v fish >/dev/null || skip "fish is not installed"
	run fish -n "$AIDANT_ROOT/completions/fish/aidant-annuaire.fish"
	[ "$status" -eq 0 ]
}

@test "the demo runs every part in a temporary home, then removes it" {
	run env BUILD="$AIDANT_BUILD" TMPDIR="$BATS_TEST_TMPDIR" NO_COLOR=1 \
		sh "$AIDANT_ROOT/share/aidant/demo/run.sh"
	[ "$status" -eq 0 ] || { echo "$output" | tail -n 20; return 1; }
	for s in "$AIDANT_ROOT"/share/aidant/demo/[0-9][0-9]-*.sh; do
		echo "$output" | grep -q "^==== $(basename "$s" .sh): " || { echo "no part $s"; return 1; }
	done
	[[ "$output" == *"(exit status 65, as expected)"* ]]
	[[ "${lines[${#lines[@]} - 1]}" == "demo finished; the temporary home "*" is removed" ]]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep aidant-demo)" ]
	[ ! -e "$AIDANT_HOME" ]
}

@test "make install lays out programs, man pages, completions, data and catalog" {
	dest="$BATS_TEST_TMPDIR/dest"
	prefix=$(sed -n 's/^#define AIDANT_SHARE_DIR "\(.*\)\/share\/aidant"$/\1/p' "$AIDANT_BUILD/config.h")
	[ -n "$prefix" ]
	# the prefix the build was made with: nothing is recompiled
	# MAKEFLAGS is kept: under make sanitize it carries the sanitizer flags
	run make -s -C "$AIDANT_ROOT" BUILD="$AIDANT_BUILD" PREFIX="$prefix" DESTDIR="$dest" install
	[ "$status" -eq 0 ]
	r="$dest$prefix"
	for t in "$AIDANT_BUILD"/bin/aidant-*; do
		[ -x "$r/bin/$(basename "$t")" ] || { echo "missing $t"; return 1; }
	done
	[ -f "$r/share/man/man1/aidant-annuaire.1" ]
	[ -f "$r/share/locale/fr/LC_MESSAGES/aidant.mo" ]
	[ -f "$r/share/bash-completion/completions/aidant-annuaire" ]
	[ -f "$r/share/zsh/site-functions/_aidant-annuaire" ]
	[ -f "$r/share/fish/vendor_completions.d/aidant-annuaire.fish" ]
	[ -f "$r/share/aidant/demo/run.sh" ]
	[ -f "$r/share/aidant/demo/10-annuaire.sh" ]
}

@test "the installed program finds its catalog and data under its prefix" {
	command -v unshare >/dev/null || skip "unshare is not installed"
	unshare --mount --map-root-user true 2>/dev/null || skip "no user namespaces here: cannot mount the prefix"
	dest="$BATS_TEST_TMPDIR/dest"
	prefix=$(sed -n 's/^#define AIDANT_SHARE_DIR "\(.*\)\/share\/aidant"$/\1/p' "$AIDANT_BUILD/config.h")
	make -s -C "$AIDANT_ROOT" BUILD="$AIDANT_BUILD" PREFIX="$prefix" DESTDIR="$dest" install >&2
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated (make deps)"
	mkdir -p "$prefix" 2>/dev/null || true
	# the installed tree is mounted at the real prefix in a private mount namespace;
	# aidant-mandate reads the helpers' charter from the share folder
	run env -u AIDANT_SHARE -u AIDANT_LOCALEDIR LANG=fr_FR.UTF-8 PATH="$prefix/bin:/usr/bin:/bin" \
		AIDANT_HOME="$BATS_TEST_TMPDIR/h" \
		unshare --mount --map-root-user sh -c "mount --bind '$dest$prefix' '$prefix' &&
			command -v aidant-annuaire && aidant-annuaire frobnicate; echo \"exit \$?\";
			aidant-mandate -q init --name Test --siret 21010053100017 --unencrypted >/dev/null 2>&1 &&
			aidant-mandate -q aidant add --name Camille >/dev/null &&
			aidant-mandate -q aidant accept-charter 1 >/dev/null && echo charter-read"
	echo "$output"
	[ "${lines[0]}" = "$prefix/bin/aidant-annuaire" ]
	[ "${lines[1]}" = "aidant-annuaire : erreur : commande inconnue « frobnicate »" ]
	[ "${lines[3]}" = "exit 64" ]
	[ "${lines[4]}" = "charter-read" ]
}

@test "a plain make, then make install PREFIX=elsewhere: the programs use that prefix" {
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated (make deps)"
	b="$BATS_TEST_TMPDIR/build" p="$BATS_TEST_TMPDIR/opt/aidant"
	run make -s -C "$AIDANT_ROOT" BUILD="$b"
	[ "$status" -eq 0 ]
	run make -s -C "$AIDANT_ROOT" BUILD="$b" PREFIX="$p" install
	[ "$status" -eq 0 ]
	run env -u AIDANT_SHARE -u AIDANT_LOCALEDIR LANG=fr_FR.UTF-8 AIDANT_HOME="$BATS_TEST_TMPDIR/h" \
		"$p/bin/aidant-vault" frobnicate
	[ "$status" -eq 64 ]
	[ "${lines[0]}" = "aidant-vault : erreur : commande inconnue « frobnicate »" ]
	export -n AIDANT_SHARE AIDANT_LOCALEDIR
	run env -u AIDANT_SHARE -u AIDANT_LOCALEDIR AIDANT_HOME="$BATS_TEST_TMPDIR/h" sh -c "
		'$p/bin/aidant-mandate' -q init --name Test --siret 21010053100017 --unencrypted &&
		'$p/bin/aidant-mandate' -q aidant add --name Camille &&
		'$p/bin/aidant-mandate' -q aidant accept-charter 1"
	[ "$status" -eq 0 ]
	[ -f "$p/share/aidant/charte.md" ]
}

# every command of every tool, as its --help lists them
each_command() {
	for t in "$AIDANT_BUILD"/bin/aidant-*; do
		t=$(basename "$t")
		for c in $("$t" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
			echo "$t $c"
		done
	done
}

@test "every command of every tool reads the global options after it, spelt whole" {
	n=0
	while read -r t c; do
		run --separate-stderr "$t" "$c" --homework x
		[ "$status" -eq 64 ] || { echo "$t $c: exit $status: $stderr"; false; }
		[[ "${stderr_lines[0]}" == "$t: error: unknown option '--homework'"* ||
			"${stderr_lines[0]}" == "$t: error: unknown subcommand '--homework'" ]] ||
			{ echo "$t $c: $stderr"; false; }
		run --separate-stderr "$t" "$c" --hom x
		[ "$status" -eq 64 ]
		[[ "$stderr" == *"unknown"*"'--hom'"* ]] || { echo "$t $c: $stderr"; false; }
		n=$((n + 1))
	done < <(each_command)
	[ "$n" -ge 40 ]
}

@test "global options after the command: --format, --home, --quiet" {
	run --separate-stderr aidant-annuaire stats --format csv --home "$BATS_TEST_TMPDIR/h2"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "kind,value,code,places,missing_services" ]
	[ -e "$BATS_TEST_TMPDIR/h2/annuaire.db" ]
	run --separate-stderr aidant-vault types --format ndjson
	[ "$status" -eq 0 ]
	[ "$(echo "${lines[0]}" | jq -r .type)" = cni ]
	AIDANT_NOW=2026-01-01 run --separate-stderr aidant-annuaire stale --quiet
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "one exit code per situation in every tool: before init 78, unknown id 66, usage 64" {
	export AIDANT_KDF_LIGHT=1
	# before init: 78, naming the init command
	for c in "aidant-mandate show 1" "aidant-vault list --passphrase-file /dev/null" \
		"aidant-vault get 0123456789ab --passphrase-file /dev/null"; do
		run --separate-stderr $c
		[ "$status" -eq 78 ] || { echo "$c: $status $stderr"; false; }
		[[ "$stderr" == *"init"* ]]
	done
	# an unknown id: 66
	echo 'correct horse' > "$BATS_TEST_TMPDIR/pw"
	aidant-mandate -q init --name "Test" --siret 21010053100017 --passphrase-file "$BATS_TEST_TMPDIR/pw"
	aidant-vault -q init --owner "X" --passphrase-file "$BATS_TEST_TMPDIR/pw" >/dev/null
	for c in "aidant-annuaire show nope" "aidant-mandate show 99" "aidant-diag show 99" \
		"aidant-vault get 0123456789ab --passphrase-file $BATS_TEST_TMPDIR/pw"; do
		run --separate-stderr $c
		[ "$status" -eq 66 ] || { echo "$c: $status $stderr"; false; }
	done
	# usage: 64, one error line, then the hint
	while read -r t c; do
		run --separate-stderr "$t" "$c" --no-such-option
		[ "$status" -eq 64 ] || { echo "$t $c: $status"; false; }
		[ "${#stderr_lines[@]}" -le 2 ]
		[[ "${stderr_lines[1]:-try}" == "try '$t"* ]] || { echo "$t $c: $stderr"; false; }
	done < <(each_command)
}

@test "numbers keep their point in French: output, options and the stores" {
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated (make deps)"
	export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
	run aidant-annuaire import "$AIDANT_SHARE/demo/data/reseau-73.json"
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format json search --near 45.5646,5.9178 --radius 2.5
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'length > 0 and all(.[]; (.distance_km | type) == "number" and (.latitude | type) == "number")'
	run --separate-stderr aidant-annuaire --format csv export
	[ "$status" -eq 0 ]
	[[ "$output" == *",45.5"* ]]
}
