#!/bin/sh
# Runs the Check suites and the command tests, then prints one closing line
# "N passed, N failed, N skipped". Exit status 1 when anything failed.
# BUILD names the build folder; ONLY=unit|cli runs one half.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

export AIDANT_SHARE="$root/share/aidant"
export AIDANT_LOCALEDIR="$build/locale"
export AIDANT_DATA="$root/../shared/data"
export AIDANT_ROOT="$root" AIDANT_BUILD="$build"
# the test builds of the programs (test knobs compiled in), see the Makefile
export PATH="$build/test-bin:$PATH"
export CK_FORK=yes

if [ "${ONLY:-unit}" = unit ]; then
	for t in "$build"/tests/check_*; do
		[ -x "$t" ] || continue
		if "$t" >"$log" 2>&1; then st=0; else st=1; fi
		line=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -n 1)
		n=$(echo "$line" | sed -n 's/.*Checks: \([0-9]*\).*/\1/p')
		f=$(echo "$line" | sed -n 's/.*Failures: \([0-9]*\).*/\1/p')
		e=$(echo "$line" | sed -n 's/.*Errors: \([0-9]*\).*/\1/p')
		if [ -z "$n" ]; then
			echo "FAIL $(basename "$t"): no Check summary (exit $st)"; sed 's/^/  /' "$log" | tail -n 20
			failed=$((failed + 1)); continue
		fi
		bad=$((f + e))
		# a test that printed "skipped: <why>" (tests/unit/skip.h) is skipped, not passed
		s=$(grep -c '^skipped: ' "$log")
		passed=$((passed + n - bad - s)); failed=$((failed + bad)); skipped=$((skipped + s))
		if [ "$bad" -ne 0 ] || [ $st -ne 0 ]; then
			echo "FAIL $(basename "$t"): $line"; grep -E ':[EF]:' "$log" | sed 's/^/  /'
			[ "$bad" -ne 0 ] || failed=$((failed + 1))
		else
			echo "ok   $(basename "$t"): $n checks$([ "$s" -eq 0 ] || echo ", $s skipped")"
		fi
		grep '^skipped: ' "$log" | sed 's/^/  /'
	done
fi

if [ "${ONLY:-cli}" = cli ]; then
	for t in "$root"/tests/cli/*.bats; do
		[ -f "$t" ] || continue
		bats --tap "$t" >"$log" 2>&1
		p=$(grep -cE '^ok [0-9]+' "$log"); s=$(grep -cE '^ok [0-9]+.* # skip' "$log")
		f=$(grep -cE '^not ok [0-9]+' "$log")
		passed=$((passed + p - s)); skipped=$((skipped + s)); failed=$((failed + f))
		if [ "$f" -ne 0 ] || { [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; }; then
			echo "FAIL $(basename "$t")"; grep -vE '^ok ' "$log" | sed 's/^/  /' | head -n 60
			[ "$f" -ne 0 ] || failed=$((failed + 1))
		else
			echo "ok   $(basename "$t"): $p tests$([ "$s" -eq 0 ] || echo ", $s skipped")"
		fi
		grep -E '^ok [0-9]+.* # skip' "$log" | sed 's/^/  skipped: /'
	done
	# no check in the command tests is dead (tests/lint.sh)
	if sh "$root/tests/lint.sh" >"$log" 2>&1; then
		passed=$((passed + 1)); echo "ok   command tests: no negation that cannot fail"
	else
		failed=$((failed + 1)); echo "FAIL command tests: negations that cannot fail (use 'run !')"
		sed 's/^/  /' "$log"
	fi
	# the French catalog covers every message of the sources
	if [ -f "$build/aidant.pot" ] && [ -f "$build/fr.po" ]; then
		untr=$(msgattrib --untranslated --no-obsolete "$build/fr.po" 2>/dev/null | grep -c '^msgid ')
		if msgcmp -N "$build/fr.po" "$build/aidant.pot" >"$log" 2>&1 && [ "$untr" -eq 0 ]; then
			passed=$((passed + 1)); echo "ok   french catalog complete"
		else
			failed=$((failed + 1)); echo "FAIL french catalog: messages without a French translation"
			sed 's/^/  /' "$log" | head -n 30
		fi
		# and translates nothing the sources no longer say (a dead translation)
		msgmerge -q --no-fuzzy-matching "$build/fr.po" "$build/aidant.pot" -o - 2>/dev/null |
			msgattrib --only-obsolete 2>/dev/null | grep '^#~ msgid' >"$log" || true
		if [ ! -s "$log" ]; then
			passed=$((passed + 1)); echo "ok   french catalog: no translation of a message gone from the sources"
		else
			failed=$((failed + 1)); echo "FAIL french catalog: translations of messages the sources no longer have"
			sed 's/^#~ /  /' "$log" | head -n 30
		fi
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
