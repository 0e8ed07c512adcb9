#!/bin/sh
# aidant-annuaire against its peers, measured in the same run on a generated 100,000-place
# national list: import vs mlr and sqlite3's .import, peak memory at two file sizes, and
# search --near latency vs jq on the JSON export and vs the program's own --version, the
# re-import of unchanged records vs validate (reading and checking them), and dedupe over
# 50,000, 100,000 and 200,000 places (time, memory, growth against n·log n).
# Usage: bench-annuaire.sh BUILD. BENCH_PLACES, BENCH_RUNS, BENCH_SEARCH_RUNS and
# BENCH_DEDUPE (the largest dedupe list, 200000) resize it; BENCH_BEFORE=<build folder>
# measures that build's import too, in the same run.
set -eu
build=$(cd "${1:?usage: bench-annuaire.sh BUILD}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/bin/aidant-annuaire"
places=${BENCH_PLACES:-100000}
runs=${BENCH_RUNS:-3}
search_runs=${BENCH_SEARCH_RUNS:-30}
dedupe_max=${BENCH_DEDUPE:-200000}
before=${BENCH_BEFORE:+$(cd "$BENCH_BEFORE" && pwd)/bin/aidant-annuaire}
for tool in hyperfine mlr sqlite3 jq cc; do
	command -v "$tool" >/dev/null || { echo "bench-annuaire: $tool is missing (make deps)" >&2; exit 69; }
done
[ -x "$bin" ] || { echo "bench-annuaire: $bin is missing (make all)" >&2; exit 66; }
[ -z "$before" ] || [ -x "$before" ] || { echo "bench-annuaire: $before is missing" >&2; exit 66; }
work=$(mktemp -d "${TMPDIR:-/tmp}/aidant-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# --- data -------------------------------------------------------------------
cc -O2 -std=c11 -D_GNU_SOURCE -o "$work/gen_places" "$here/gen_places.c" -lm
"$work/gen_places" "$places" 1 >"$work/places.csv"
"$work/gen_places" 20000 2 >"$work/places-20k.csv"
echo "data: $places places, $(($(wc -c <"$work/places.csv") / 1048576)) MiB of CSV, 32 columns"

# Peak resident memory of a command in KiB: GNU time when present, else a tiny
# getrusage wrapper compiled here (the "time" package is not among the dependencies).
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	peak_kib() {
		/usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1
		tail -n 1 "$work/rss"
	}
else
	cat >"$work/peak_rss.c" <<'C'
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
        struct rusage ru;
        int st;
        pid_t pid = fork();

        if (argc < 2 || pid < 0)
                return 64;
        if (pid == 0) {
                execvp(argv[1], argv + 1);
                _exit(127);
        }
        if (wait4(pid, &st, 0, &ru) != pid)
                return 70;
        fprintf(stderr, "%ld\n", ru.ru_maxrss);
        return WIFEXITED(st) ? WEXITSTATUS(st) : 70;
}
C
	cc -O2 -o "$work/peak_rss" "$work/peak_rss.c"
	# the figure is the last line on stderr, after the command's own
	peak_kib() { "$work/peak_rss" "$@" 2>&1 >/dev/null | tail -n 1; }
fi

median() { jq -r '.results[0].median' "$1"; }
# mean processor time (user + system, all threads): steadier than the wall clock on a busy machine
cpu() { jq -r '.results[0] | .user + .system' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# verdict VALUE OP LIMIT: "met" or "MISSED"; yesno: the same as the summary table says it
verdict() {
	if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v <= l : v >= l) }'; then
		echo met
	else
		echo MISSED
	fi
}
yesno() { [ "$(verdict "$@")" = met ] && echo yes || echo no; }
result() { sh "$here/run.sh" result "$@"; }

# --- import -----------------------------------------------------------------
hf="hyperfine --style basic"
$hf --runs "$runs" --prepare "rm -rf $work/home" --export-json "$work/import.json" \
	"$bin --home $work/home import --source bench $work/places.csv" >/dev/null
$hf --runs "$runs" --export-json "$work/mlr.json" "mlr --icsv --ojson cat $work/places.csv" >/dev/null
$hf --runs "$runs" --prepare "rm -f $work/raw.db" --export-json "$work/sqlite.json" \
	"sqlite3 $work/raw.db '.import --csv $work/places.csv t'" >/dev/null
if [ -n "$before" ]; then
	$hf --runs "$runs" --prepare "rm -rf $work/home-before" --export-json "$work/before.json" \
		"$before --home $work/home-before import --source bench $work/places.csv" >/dev/null
	rm -rf "$work/home-before"
fi
# the cron case: the same list again, every record unchanged, against reading and checking it
$hf --runs "$runs" --export-json "$work/again.json" \
	"$bin --home $work/home import --source bench $work/places.csv" >/dev/null
$hf --runs "$runs" --export-json "$work/validate.json" "$bin validate $work/places.csv" >/dev/null
t_import=$(median "$work/import.json")
t_mlr=$(median "$work/mlr.json")
t_sqlite=$(median "$work/sqlite.json")
n_stored=$(sqlite3 "$work/home/annuaire.db" 'SELECT count(*) FROM place')
[ "$n_stored" -eq "$places" ] || { echo "bench-annuaire: $n_stored places stored, $places expected" >&2; exit 1; }

# --- memory -----------------------------------------------------------------
rm -rf "$work/home"
rss_big=$(peak_kib "$bin" --home "$work/home" import --source bench "$work/places.csv")
rm -rf "$work/home-20k"
rss_small=$(peak_kib "$bin" --home "$work/home-20k" import --source bench "$work/places-20k.csv")

# --- search latency, process start included ---------------------------------
"$bin" --home "$work/home" export --format json >"$work/places.json"
near="45.57,5.92"
# the box of 10 km around 45.57,5.92 (1° of latitude = 111.2 km)
box='[.[] | select(.latitude != null and .latitude >= 45.4801 and .latitude <= 45.6599 and .longitude >= 5.7915 and .longitude <= 6.0485)] | length'
$hf -N --warmup 3 --runs "$search_runs" --export-json "$work/search.json" \
	"$bin --home $work/home search --near $near --radius 10" >/dev/null
$hf -N --warmup 3 --runs "$search_runs" --export-json "$work/version.json" "$bin --version" >/dev/null
$hf --runs "$runs" --export-json "$work/jq.json" "jq '$box' $work/places.json" >/dev/null
t_search=$(median "$work/search.json")
t_version=$(median "$work/version.json")
t_jq=$(median "$work/jq.json")
found=$("$bin" --home "$work/home" search --near "$near" --radius 10 --limit 100000 | jq length)
in_box=$(jq "$box" "$work/places.json")

# --- dedupe at three sizes ---------------------------------------------------
# lists where one place in ten is listed again by a second list, spelled its way
dd_sizes="$((dedupe_max / 4)) $((dedupe_max / 2)) $dedupe_max"
for n in $dd_sizes; do
	"$work/gen_places" "$n" 3 dup >"$work/dup.csv"
	rm -rf "$work/home-dup"
	"$bin" --home "$work/home-dup" --quiet import --source bench "$work/dup.csv" >/dev/null
	$hf --runs "$runs" --export-json "$work/dedupe-$n.json" \
		"$bin --home $work/home-dup --quiet dedupe" >/dev/null
	peak_kib "$bin" --home "$work/home-dup" --quiet dedupe >"$work/dedupe-$n.rss"
	"$bin" --home "$work/home-dup" --format ndjson dedupe 2>/dev/null | wc -l >"$work/dedupe-$n.pairs"
done
rm -rf "$work/home-dup" "$work/dup.csv"

# --- report -----------------------------------------------------------------
r_mlr=$(ratio "$t_import" "$t_mlr")
r_sqlite=$(ratio "$t_import" "$t_sqlite")
r_jq=$(ratio "$t_jq" "$t_search")
r_version=$(ratio "$t_search" "$t_version")
mib_big=$(awk -v k="$rss_big" 'BEGIN { printf "%.1f", k / 1024 }')
mib_small=$(awk -v k="$rss_small" 'BEGIN { printf "%.1f", k / 1024 }')
echo
printf 'import: %.2f s (mlr: %.2f s, ratio %s; sqlite3 .import: %.2f s, ratio %s)\n' \
	"$t_import" "$t_mlr" "$r_mlr" "$t_sqlite" "$r_sqlite"
printf '  processor time: import %.2f s, mlr %.2f s, sqlite3 %.2f s\n' \
	"$(cpu "$work/import.json")" "$(cpu "$work/mlr.json")" "$(cpu "$work/sqlite.json")"
printf '  target ratio to mlr <= 0.5: %s; to sqlite3 .import <= 1.5: %s\n' \
	"$(verdict "$r_mlr" '<=' 0.5)" "$(verdict "$r_sqlite" '<=' 1.5)"
printf 'peak memory of import: %s MiB for %s places, %s MiB for 20000\n' "$mib_big" "$places" "$mib_small"
printf '  target <= 64 MiB: %s\n' "$(verdict "$mib_big" '<=' 64)"
printf 'search --near %s --radius 10: %.1f ms per invocation (jq on the export: %.1f ms, %s times slower; --version: %.1f ms, ratio %s)\n' \
	"$near" "$(awk -v t="$t_search" 'BEGIN { print t * 1000 }')" \
	"$(awk -v t="$t_jq" 'BEGIN { print t * 1000 }')" "$r_jq" \
	"$(awk -v t="$t_version" 'BEGIN { print t * 1000 }')" "$r_version"
printf '  target at least 100 times faster than jq: %s; within 3 times --version: %s\n' \
	"$(verdict "$r_jq" '>=' 100)" "$(verdict "$r_version" '<=' 3)"
printf '  places within 10 km: %s by search (a circle), %s by jq (its bounding box)\n' "$found" "$in_box"
t_again=$(median "$work/again.json")
t_validate=$(median "$work/validate.json")
r_again=$(ratio "$t_again" "$t_validate")
printf 'import again, every record unchanged: %.2f s (validate: %.2f s, ratio %s)\n' \
	"$t_again" "$t_validate" "$r_again"
printf '  target ratio to validate <= 1.2: %s\n' "$(verdict "$r_again" '<=' 1.2)"
set -- $dd_sizes
n_small=$1 n_large=$3
# n·log n from the smallest list to the largest
nlogn=$(awk -v a="$n_small" -v b="$n_large" 'BEGIN { printf "%.2f", b * log(b) / (a * log(a)) }')
for n in $dd_sizes; do
	printf 'dedupe over %s places: %.2f s, processor %.2f s, peak %s MiB, %s pairs\n' "$n" \
		"$(median "$work/dedupe-$n.json")" "$(cpu "$work/dedupe-$n.json")" \
		"$(awk -v k="$(cat "$work/dedupe-$n.rss")" 'BEGIN { printf "%.1f", k / 1024 }')" \
		"$(tr -d ' ' <"$work/dedupe-$n.pairs")"
done
g_dedupe=$(ratio "$(cpu "$work/dedupe-$n_large.json")" "$(cpu "$work/dedupe-$n_small.json")")
printf '  processor time from %s to %s places: x%s (n log n: x%s): %s\n' "$n_small" "$n_large" \
	"$g_dedupe" "$nlogn" "$(verdict "$g_dedupe" '<=' "$nlogn")"

if [ -n "$before" ]; then
	t_before=$(median "$work/before.json")
	r_before=$(ratio "$t_import" "$t_before")
	printf 'import by %s: %.2f s (this build: ratio %s)\n' "$before" "$t_before" "$r_before"
fi

# --- the summary table's rows (tests/bench/run.sh) -----------------------------
s2() { awk -v t="$1" 'BEGIN { printf "%.2f s", t }'; }
ms() { awk -v t="$1" 'BEGIN { printf "%.1f ms", t * 1000 }'; }
result "import $places places" "$(s2 "$t_import")" "mlr $(s2 "$t_mlr")" "$r_mlr" "ratio <= 0.5" \
	"$(yesno "$r_mlr" '<=' 0.5)"
result "import $places places" "$(s2 "$t_import")" "sqlite3 .import $(s2 "$t_sqlite")" "$r_sqlite" \
	"ratio <= 1.5" "$(yesno "$r_sqlite" '<=' 1.5)"
if [ -n "$before" ]; then
	result "import $places places" "$(s2 "$t_import")" "BENCH_BEFORE $(s2 "$t_before")" "$r_before" \
		"ratio <= 1" "$(yesno "$r_before" '<=' 1)"
fi
result "import peak memory" "$mib_big MiB" "$mib_small MiB for 20000" - "<= 64 MiB" \
	"$(yesno "$mib_big" '<=' 64)"
result "import again, unchanged" "$(s2 "$t_again")" "validate $(s2 "$t_validate")" "$r_again" \
	"ratio <= 1.2" "$(yesno "$r_again" '<=' 1.2)"
result "search --near, 10 km" "$(ms "$t_search")" "jq $(ms "$t_jq")" "$r_jq" "jq/search >= 100" \
	"$(yesno "$r_jq" '>=' 100)"
result "search --near, 10 km" "$(ms "$t_search")" "--version $(ms "$t_version")" "$r_version" \
	"ratio <= 3" "$(yesno "$r_version" '<=' 3)"
for n in $dd_sizes; do
	mib=$(awk -v k="$(cat "$work/dedupe-$n.rss")" 'BEGIN { printf "%.1f", k / 1024 }')
	result "dedupe $n places" "$(s2 "$(median "$work/dedupe-$n.json")"), $mib MiB" - - \
		"peak <= 64 MiB" "$(yesno "$mib" '<=' 64)"
done
result "dedupe growth ${n_small}->${n_large}" "x$g_dedupe processor" "n log n x$nlogn" \
	"$(ratio "$g_dedupe" "$nlogn")" "ratio <= 1" "$(yesno "$g_dedupe" '<=' "$nlogn")"
