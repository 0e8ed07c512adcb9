#!/bin/sh
# Benchmarks of aidant-stats, run by tests/bench/run.sh with $1 = build folder:
# 1. import of N generated activity records (CSV, default 1,000,000) against the sqlite3
#    shell's .import of the same CSV (target: at most 1.5x, validation and aggregates
#    included), with the peak memory of each (target: at most 64 MiB, flat);
# 2. report --month per call, process included, on N and on 5N stored records, against
#    the program's own --version (target: within 3x, and 5N within 1.2x of N);
# 3. the same monthly aggregation by DuckDB (npm @duckdb/node-api) over the same records
#    in its own database, when node and npm are here (target: aidant-stats faster).
set -eu
build=$(cd "${1:-build}" && pwd)
bin="$build/bin/aidant-stats"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=Europe/Paris LC_ALL=C
n=${BENCH_STATS_RECORDS:-1000000}
failed=0

# gen N FIRST: N records from id FIRST, over the 12 months of 2025, 10 % workshops and
# a fifth of the individual ones naming one of 50,000 people.
gen() {
	python3 - "$1" "$2" <<'PY'
import random, sys
n, first = int(sys.argv[1]), int(sys.argv[2]); random.seed(first)
th = ["email", "sante", "bureautique", "navigation_sur_internet", "logement", "social_sante",
      "argent_impots", "prendre_en_main_du_materiel"]
out = sys.stdout
out.write("id,type,date,duree,type_lieu,code_postal,materiel,thematiques,autonomie,participants,"
          "usager,genre,annee_naissance,statut_social\n")
for i in range(first, first + n):
    coll = random.random() < 0.1
    u = "u-%d" % random.randint(1, 50000) if not coll and random.random() < 0.2 else ""
    out.write(",".join([
        "b-%d" % i, "collectif" if coll else "individuel",
        "2025-%02d-%02d" % (1 + (i - first) * 12 // n, 1 + i % 28),
        str(random.choice([15, 30, 45, 60, 90, 120])),
        random.choice(["lieu_activite", "domicile", "a_distance", "autre"]),
        "73%03d" % random.randint(0, 999),
        random.choice(["ordinateur", "telephone", "tablette|ordinateur", ""]),
        "|".join(sorted(set(random.sample(th, random.randint(1, 3))))),
        "" if coll else random.choice(["autonome", "partiellement_autonome", "entierement_accompagne"]),
        str(random.randint(3, 12)) if coll else "", u,
        random.choice(["feminin", "masculin", ""]) if u else "",
        str(random.randint(1930, 2005)) if u else "",
        random.choice(["retraite", "en_emploi", "sans_emploi", ""]) if u else ""]) + "\n")
PY
}

# seconds and peak KiB of a command: "S KIB"
measure() {
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>&1
	cat "$tmp/time"
}

mean() { # runs command: mean seconds of hyperfine
	runs=$1
	shift
	hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
	jq '.results[0].mean' "$tmp/h.json"
}

verdict() { # name ours peer limit: prints the line, counts a miss
	awk -v n="$1" -v a="$2" -v b="$3" -v l="$4" 'BEGIN {
		r = a / b; printf "%s: %.3f s (peer %.3f s, ratio %.2fx, target <= %.2fx): %s\n", n, a, b, r, l,
			r <= l ? "met" : "NOT met"; exit r <= l ? 0 : 1 }' || failed=$((failed + 1))
}

gen "$n" 0 >"$tmp/a.csv"
export AIDANT_HOME="$tmp/home"
"$bin" -q init
set -- $(measure "$bin" -q import "$tmp/a.csv")
ours=$1 ours_kib=$2
set -- $(measure sqlite3 "$tmp/peer.db" ".import --csv $tmp/a.csv activite")
verdict "import $n records" "$ours" "$1" 1.5
echo "import peak memory: $((ours_kib / 1024)) MiB (sqlite3 .import: $(($2 / 1024)) MiB, target <= 64 MiB)"
[ "$ours_kib" -le 65536 ] || failed=$((failed + 1))

version=$(mean 30 "$bin --version")
one=$(mean 30 "$bin -q report --month 2025-06 --format csv")
verdict "report --month on $n records (per call, process included)" "$one" "$version" 3
set -- $(measure "$bin" -q report --month 2025-06 --format csv)
report_kib=$2

gen $((4 * n)) "$n" >"$tmp/b.csv"
set -- $(measure "$bin" -q import "$tmp/b.csv")
echo "import of $((4 * n)) more records: $1 s, peak $(($2 / 1024)) MiB"
[ "$2" -le 65536 ] || failed=$((failed + 1))
five=$(mean 30 "$bin -q report --month 2025-06 --format csv")
verdict "report --month on $((5 * n)) records" "$five" "$version" 3
verdict "report --month, $((5 * n)) against $n records (flat)" "$five" "$one" 1.2
set -- $(measure "$bin" -q report --month 2025-06 --format csv)
echo "report peak memory: $((report_kib / 1024)) MiB on $n, $(($2 / 1024)) MiB on $((5 * n)) (target <= 64 MiB)"

if command -v node >/dev/null && command -v npm >/dev/null; then
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/aidant-bench/duckdb
	mkdir -p "$cache"
	[ -d "$cache/node_modules/@duckdb/node-api" ] ||
		npm install --silent --no-audit --no-fund --prefix "$cache" @duckdb/node-api >/dev/null 2>&1 || true
fi
if [ -d "${cache:-/nonexistent}/node_modules/@duckdb/node-api" ]; then
	cat >"$tmp/duck.mjs" <<JS
import { DuckDBInstance } from '$cache/node_modules/@duckdb/node-api/lib/index.js';
const db = await DuckDBInstance.create(process.argv[2]);
const c = await db.connect();
if (process.argv[3] === 'load') {
  await c.run("CREATE TABLE activite AS SELECT * FROM read_csv('" + process.argv[4] + "', all_varchar=true)");
} else {
  // the same cells as report --month: totals, place, duration, thématiques, equipment
  await c.run(\`SELECT type, type_lieu, duree, count(*) AS activites,
      sum(CASE WHEN type = 'collectif' THEN CAST(participants AS INTEGER) ELSE 1 END) AS personnes,
      count(DISTINCT usager) AS beneficiaires FROM activite
      WHERE date >= '2025-06-01' AND date <= '2025-06-30' GROUP BY ALL\`);
  await c.run(\`SELECT t, sum(CASE WHEN type = 'collectif' THEN CAST(participants AS INTEGER) ELSE 1 END)
      FROM (SELECT type, participants, unnest(string_split(thematiques, '|')) AS t FROM activite
      WHERE date >= '2025-06-01' AND date <= '2025-06-30') GROUP BY t\`);
}
JS
	node "$tmp/duck.mjs" "$tmp/duck.db" load "$tmp/a.csv"
	node --input-type=module -e "
import { DuckDBInstance } from '$cache/node_modules/@duckdb/node-api/lib/index.js';
const db = await DuckDBInstance.create('$tmp/duck.db'); const c = await db.connect();
await c.run(\"INSERT INTO activite SELECT * FROM read_csv('$tmp/b.csv', all_varchar=true)\");" 2>/dev/null || true
	duck=$(mean 10 "node $tmp/duck.mjs $tmp/duck.db query")
	verdict "monthly aggregation, $((5 * n)) records: aidant-stats report --month vs DuckDB" "$five" "$duck" 1
else
	echo "skipped: the DuckDB peer (node and npm with @duckdb/node-api) is not available"
fi
[ "$failed" -eq 0 ] || echo "bench-stats: $failed target(s) not met"
exit 0
