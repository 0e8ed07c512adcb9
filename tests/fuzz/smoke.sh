#!/bin/sh
# make fuzz-smoke: runs every libFuzzer harness of a fuzz build for a few seconds on a
# copy of its seed corpus (the corpus in the tree stays as committed) and fails when
# one crashes, leaks or times out. Usage: smoke.sh BUILD-FUZZ SECONDS
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: smoke.sh BUILD-FUZZ SECONDS}
seconds=${2:-20}
case $build in /*) ;; *) build="$root/$build" ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/aidant-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
crashes="$build/fuzz/crashes"
mkdir -p "$crashes"
ran=0 failed=0

for harness in "$build"/fuzz/fuzz_*; do
	[ -x "$harness" ] || continue
	name=$(basename "$harness")
	name=${name#fuzz_}
	ran=$((ran + 1))
	mkdir -p "$work/$name"
	if [ -d "$root/tests/fuzz/corpus/$name" ]; then
		cp -R "$root/tests/fuzz/corpus/$name/." "$work/$name/"
		rm -f "$work/$name"/crash-* "$work/$name"/leak-* "$work/$name"/timeout-*
	else
		echo "fuzz: $name has no seed corpus in tests/fuzz/corpus/$name" >&2
	fi
	seeds=$(find "$work/$name" -type f | wc -l)
	if "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/$name-" "$work/$name" >"$work/$name.log" 2>&1; then
		execs=$(sed -n 's/.*stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$work/$name.log")
		[ -n "$execs" ] || execs=$(grep -oE '#[0-9]+' "$work/$name.log" | tail -n 1 | tr -d '#')
		echo "ok   fuzz_$name: ${seconds}s, $seeds seeds, ${execs:-?} runs"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz_$name: see the input saved as $(ls -t "$crashes/$name-"* 2>/dev/null | head -n 1)"
		grep -E 'ERROR|SUMMARY|==[0-9]+==' "$work/$name.log" | head -n 15 | sed 's/^/  /'
	fi
done
echo "fuzz: $ran harnesses, $failed failed"
[ "$ran" -gt 0 ] || { echo "fuzz: no harness in $build/fuzz" >&2; exit 1; }
[ "$failed" -eq 0 ]
