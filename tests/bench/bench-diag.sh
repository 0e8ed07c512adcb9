#!/bin/sh
# Benchmarks of aidant-diag, run by tests/bench/run.sh with $1 = build folder.
# 1. record 100,000 answers documents from NDJSON into the store, in one transaction (no
#    peer tool exists): diagnoses per second (target >= 20,000/s) and peak memory (target
#    <= 64 MiB, flat in the input size: the same for 10,000 documents, within 25 %);
# 2. show and orient of one diagnosis per call, process included, against the program's
#    own --version (target: within 3x).
set -eu
build=$(cd "${1:-build}" && pwd)
bin="$build/bin/aidant-diag"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export AIDANT_SHARE="$root/share/aidant" TZ=Europe/Paris LC_ALL=C
export AIDANT_NOW=2026-11-23T10:00:00+01:00
docs=${BENCH_DIAG_DOCS:-100000}

# n answers documents of the quick form, each for another person, answers varied
gen() {
	awk -v n="$1" 'BEGIN {
		split("seul aide oubliee non", email); split("memoire papier quelquun jamais", mdp)
		split("seul parfois aide non", rech); split("supprime appelle demande repond", arn)
		split("seul verifie avec jamais", dem)
		for (i = 1; i <= n; i++)
			printf "{\"usager\":\"u-%010d\",\"date\":\"2026-%02d-%02d\",\"answers\":{\"appareils\":[\"smartphone\"],\"connexion\":\"box\",\"email\":\"%s\",\"mots_de_passe\":\"%s\",\"smartphone\":[\"appeler\",\"photo\"],\"lire_ecrire\":\"facile\",\"recherche\":\"%s\",\"arnaque\":\"%s\",\"demarches\":\"%s\",\"apprendre\":[\"email\"]}}\n",
				i, i % 12 + 1, i % 28 + 1, email[i % 4 + 1], mdp[i % 3 + 1], rech[i % 4 + 1], arn[i % 4 + 1], dem[i % 4 + 1]
	}'
}

# record N: prints "wall_seconds cpu_seconds peak_kib" of recording N documents into a
# fresh home (processor time is steadier than the wall clock on a busy machine)
record() {
	gen "$1" >"$tmp/a.ndjson"
	rm -rf "$tmp/home"
	AIDANT_HOME="$tmp/home" /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
		"$bin" -q record --form rapide "$tmp/a.ndjson" >"$tmp/out"
	[ "$(wc -l <"$tmp/out")" -eq "$1" ] || { echo "bench-diag: record stored $(wc -l <"$tmp/out") of $1" >&2; exit 1; }
	awk '{ print $1, $2 + $3, $4 }' "$tmp/time"
}

set -- $(record "$docs")
wall=$1 cpu=$2 peak=$3
set -- $(record $((docs / 10)))
small_peak=$3
awk -v n="$docs" -v w="$wall" -v s="$cpu" -v p="$peak" -v q="$small_peak" 'BEGIN {
	rate = n / (s > 0 ? s : 0.01)
	printf "record %d answers documents (NDJSON, one transaction): %.0f diagnoses per second of processor time, %.0f/s by the wall clock (no peer; target >= 20000/s: %s)\n", n, rate, n / (w > 0 ? w : 0.01), (rate >= 20000 ? "met" : "NOT met")
	printf "record peak memory: %.1f MiB for %d documents, %.1f MiB for %d (target <= 64 MiB and flat: %s)\n", p / 1024, n, q / 1024, n / 10, (p <= 65536 && p <= q * 1.25 + 2048) ? "met" : "NOT met"
}'

# one call of a command: the mean in seconds (hyperfine)
mean() {
	hyperfine -N --warmup 3 --runs "$1" --export-json "$tmp/h.json" "$2" >/dev/null 2>&1
	jq '.results[0].mean' "$tmp/h.json"
}
export AIDANT_HOME="$tmp/home"
if command -v hyperfine >/dev/null; then
	peer=$(mean 30 "$bin --version")
	for c in show orient; do
		ours=$(mean 30 "$bin -q --format json $c 5")
		awk -v c="$c" -v a="$ours" -v b="$peer" -v d=$((docs / 10)) 'BEGIN {
			printf "%s of one diagnosis (process, store of %d): %.2f ms (peer: aidant-diag --version %.2f ms, ratio %.2fx, target 3x: %s)\n", c, d, a * 1000, b * 1000, a / b, (a / b <= 3 ? "met" : "NOT met")
		}'
	done
else
	echo "show/orient: skipped, hyperfine is not installed (make deps)"
fi
