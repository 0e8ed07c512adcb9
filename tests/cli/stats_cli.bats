#!/usr/bin/env bats
# aidant-stats as the shell sees it: help for every command, usage errors, the man page
# (a section per command, every option), the completions, French messages.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	commands=$(aidant-stats --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ && on { on = 0 }')
}

@test "every command of the table has --help and help <command>, exit 0" {
	[ "$(echo "$commands" | wc -l)" -ge 10 ]
	for c in $commands; do
		run aidant-stats "$c" --help
		[ "$status" -eq 0 ] || { echo "$c: $status"; return 1; }
		[[ "${lines[0]}" == "usage: aidant-stats $c"* ]]
		run aidant-stats help "$c"
		[ "$status" -eq 0 ]
	done
}

@test "usage errors: one line, the command's usage, exit 64" {
	run --separate-stderr aidant-stats report --frobnicate
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: unknown option '--frobnicate'" ]
	[ "${stderr_lines[1]}" = "try 'aidant-stats report --help'" ]
	run --separate-stderr aidant-stats -q report --by colour
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: --by: 'colour' is not a field to break down by" ]
}

@test "the man page renders, with a section for every command and every option" {
	page="$AIDANT_ROOT/share/man/man1/aidant-stats.1"
	if command -v man >/dev/null; then
		run bash -c "MANWIDTH=80 man --warnings -l '$page' 2>&1 >/dev/null"
		[ -z "$output" ]
	fi
	for c in $commands; do
		grep -qE "^(\\.B |\\\\fB)$c" "$page" || { echo "man: no section for $c"; return 1; }
		for o in $(aidant-stats help "$c" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
			grep -qF -- "$(echo "$o" | sed 's/-/\\-/g')" "$page" || { echo "man lacks $o ($c)"; return 1; }
		done
	done
}

@test "the completions parse and name every command; bash completes without bash-completion" {
	f="$AIDANT_ROOT/completions/bash/aidant-stats"
	run bash -n "$f"
	[ "$status" -eq 0 ]
	run bash -c "source '$f'
		COMP_WORDS=(aidant-stats re); COMP_CWORD=1; _aidant_stats; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-stats add --type-lieu a); COMP_CWORD=3; _aidant_stats; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-stats add --thematique email,sa); COMP_CWORD=3; _aidant_stats; echo \"\${COMPREPLY[*]}\"
		COMP_WORDS=(aidant-stats import --dia); COMP_CWORD=2; _aidant_stats; echo \"\${COMPREPLY[*]}\""
	[ "${lines[0]}" = "report" ]
	[ "${lines[1]}" = "a_distance autre" ]
	[ "${lines[2]}" = "email,sante" ]
	[ "${lines[3]}" = "--dialect" ]
	for c in $commands; do
		grep -q "$c" "$f" || { echo "bash completion lacks $c"; return 1; }
		grep -q "$c" "$AIDANT_ROOT/completions/fish/aidant-stats.fish" || { echo "fish lacks $c"; return 1; }
		grep -q "'$c:" "$AIDANT_ROOT/completions/zsh/_aidant-stats" || { echo "zsh lacks $c"; return 1; }
	done
	if command -v zsh >/dev/null; then zsh -n "$AIDANT_ROOT/completions/zsh/_aidant-stats"; fi
	if command -v fish >/dev/null; then fish -n "$AIDANT_ROOT/completions/fish/aidant-stats.fish"; fi
}

@test "French messages with LANG=fr_FR.UTF-8" {
	locale -a 2>/dev/null | grep -qi '^fr_FR.utf-\?8$' || skip "the fr_FR.UTF-8 locale is absent"
	stats_init
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run --separate-stderr aidant-stats -q add --type individuel --type-lieu domicile --thematique emial --duree 30
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats : erreur : thematiques : valeur inconnue « emial » (vouliez-vous dire « email » ?)" ]
	# French typography: typographic apostrophes, « » and a space before the colon
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run --separate-stderr aidant-stats -q mask "$BATS_TEST_TMPDIR/absent.csv"
	[ "$status" -eq 66 ]
	[[ "$stderr" == "aidant-stats : erreur : impossible d’ouvrir $BATS_TEST_TMPDIR/absent.csv : "* ]]
	# no straight apostrophe, no colon, semicolon, ? or ! glued to its word in the fragment
	run ! grep -nE '[[:alpha:]]'"'"'[[:alpha:]]|[[:alnum:]»)][:;?!]( |\\n|"$)' \
		<(sed -n '/^msgstr/,/^$/p' "$AIDANT_ROOT/share/locale/fr/stats.po" | grep -v '^"[A-Z][-A-Za-z]*: ')
}
