#!/bin/sh
# aidant-annuaire against its peers, measured in the same run on a generated 100,000-place
# national list: import vs mlr and sqlite3's .import, peak memory at two file sizes, and
# search --near latency vs jq on the JSON export and vs the program's own --version.
# Usage: bench-annuaire.sh BUILD. BENCH_PLACES, BENCH_RUNS and BENCH_SEARCH_RUNS resize it.
set -eu
build=$(cd "${1:?usage: bench-annuaire.sh BUILD}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/bin/aidant-annuaire"
places=${BENCH_PLACES:-100000}
runs=${BENCH_RUNS:-3}
search_runs=${BENCH_SEARCH_RUNS:-30}
for tool in hyperfine mlr sqlite3 jq cc; do
	command -v "$tool" >/dev/null || { echo "bench-annuaire: $tool is missing (make deps)" >&2; exit 69; }
done
[ -x "$bin" ] || { echo "bench-annuaire: $bin is missing (make all)" >&2; exit 66; }
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
# verdict VALUE OP LIMIT: "met" or "MISSED"
verdict() {
	if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v <= l : v >= l) }'; then
		echo met
	else
		echo MISSED
	fi
}

# --- import -----------------------------------------------------------------
hf="hyperfine --style basic"
$hf --runs "$runs" --prepare "rm -rf $work/home" --export-json "$work/import.json" \
	"$bin --home $work/home import --source bench $work/places.csv" >/dev/null
$hf --runs "$runs" --export-json "$work/mlr.json" "mlr --icsv --ojson cat $work/places.csv" >/dev/null
$hf --runs "$runs" --prepare "rm -f $work/raw.db" --export-json "$work/sqlite.json" \
	"sqlite3 $work/raw.db '.import --csv $work/places.csv t'" >/dev/null
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
