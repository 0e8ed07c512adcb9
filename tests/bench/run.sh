#!/bin/sh
# make bench: runs every tests/bench/bench-*.sh against the programs of a build folder,
# then prints one summary table of their results, and stops with status 1 when one of
# them fails. Usage: run.sh BUILD
#
# A benchmark gives each of its results to the table with one line on its output:
#     sh "$here/run.sh" result MEASURE FIGURE PEER RATIO TARGET MET
# which prints (fields separated by tabs, none empty: "-" for none)
#     RESULT<TAB>MEASURE<TAB>FIGURE<TAB>PEER<TAB>RATIO<TAB>TARGET<TAB>MET
# MEASURE names what is measured ("import 100000 places"), FIGURE is the value with its
# unit ("1.23 s"), PEER the peer and its value in the same run ("mlr 2.50 s"), RATIO the
# figure over the peer's ("0.49"), TARGET the goal ("ratio <= 0.5"), MET "yes" or "no".
set -u
if [ "${1:-}" = result ]; then
	[ $# -eq 7 ] || { echo "bench: result MEASURE FIGURE PEER RATIO TARGET MET ($# given)" >&2; exit 64; }
	shift
	case $6 in yes | no) ;; *) echo "bench: result: MET is yes or no, not '$6'" >&2; exit 64 ;; esac
	line=RESULT
	for f in "$@"; do
		f=$(printf '%s' "$f" | tr '\t\n' '  ')
		line="$line	${f:--}"
	done
	printf '%s\n' "$line"
	exit 0
fi
# verdicts BENCH: the rows of a benchmark that prints no RESULT line, from its lines
# "<measure>: <figure> (peer: <peer>, ratio <r>x, target <t>): met|NOT met".
verdicts() {
	awk -v bench="$1" -F '\t' '
		function cut(re, text) { return match(text, re) ? substr(text, RSTART, RLENGTH) : "-" }
		/target[^:]*: (met|NOT met)\)?$/ {
			line = $0
			m = index(line, ": "); measure = substr(line, 1, m - 1); rest = substr(line, m + 2)
			figure = rest; sub(/ \(.*/, "", figure)
			peer = cut("peer:? [^,;)]*", rest); sub(/^peer:? /, "", peer)
			ratio = cut("ratio [0-9.]+", rest); sub(/^ratio /, "", ratio)
			target = cut("target [^:)]*", rest)
			met = line ~ /NOT met\)?$/ ? "no" : "yes"
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", bench, measure, figure, peer, ratio, target, met
		}'
}
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$(pwd)/$build" ;; esac
[ -d "$build/bin" ] || { echo "bench: no programs in $build/bin (run make first)" >&2; exit 66; }
results=$(mktemp "${TMPDIR:-/tmp}/aidant-bench-results.XXXXXX")
trap 'rm -f "$results" "$results.out" "$results.st"' EXIT INT TERM
failed=""
for b in "$here"/bench-*.sh; do
	[ -f "$b" ] || continue
	name=$(basename "$b" .sh)
	printf '\n==== %s ====\n' "$name"
	# shown as it runs, kept for the table
	{ sh "$b" "$build"; echo $? >"$results.st"; } 2>&1 | tee "$results.out"
	st=$(cat "$results.st")
	if grep -q '^RESULT	' "$results.out"; then
		grep '^RESULT	' "$results.out" | sed "s/^RESULT	/${name#bench-}	/" >>"$results"
	else
		verdicts "${name#bench-}" <"$results.out" >>"$results"
	fi
	if [ "$st" -ne 0 ]; then
		failed="$failed $name"
		printf '%s\t(failed, exit %s)\t-\t-\t-\t-\tno\n' "${name#bench-}" "$st" >>"$results"
	fi
done

# --- the summary table: one row per result, the columns as wide as their widest cell ----
printf '\n==== summary ====\n'
awk -F '\t' '
	BEGIN { split("bench measure figure peer ratio target met", head, " ") }
	{ n++; for (i = 1; i <= 7; i++) { cell[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	END {
		for (i = 1; i <= 7; i++) if (length(head[i]) > w[i]) w[i] = length(head[i])
		for (i = 1; i <= 7; i++) printf (i < 7 ? "%-" w[i] "s  " : "%s\n"), head[i]
		for (i = 1; i <= 7; i++) { s = ""; for (k = 0; k < w[i]; k++) s = s "-"; printf (i < 7 ? "%s  " : "%s\n"), s }
		for (r = 1; r <= n; r++) {
			for (i = 1; i <= 7; i++) printf (i < 7 ? "%-" w[i] "s  " : "%s\n"), cell[r, i]
			met += cell[r, 7] == "yes"
		}
		printf "%d results, %d targets met, %d missed\n", n, met, n - met
	}' "$results"
if [ -n "$failed" ]; then
	echo "bench: failed:$failed" >&2
	exit 1
fi
