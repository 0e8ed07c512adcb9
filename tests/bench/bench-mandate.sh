#!/bin/sh
# Benchmarks of aidant-mandate, run by tests/bench/run.sh with $1 = build folder.
# 1. create and sign a mandate, process included (peer: minisign -S on the attestation,
#    same key; target: within 1.5x);
# 2. verify one attestation, the journal's check included (peer: minisign -V on the same
#    files; target: within 1.5x);
# 3. verify a journal of 1,000,000 entries (peer: b2sum of the same journal exported as
#    NDJSON, measured in the same run; target: within 3x).
# Each line gives the figure, the peer's, their ratio and whether the target is met.
set -eu
build=$(cd "${1:-build}" && pwd)
bin="$build/bin/aidant-mandate"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export AIDANT_HOME="$tmp/home" AIDANT_SHARE="$root/share/aidant" TZ=Europe/Paris LC_ALL=C
export AIDANT_NOW=2026-11-23T10:00:00+01:00
entries=${BENCH_MANDATE_ENTRIES:-1000000}

# seconds (mean) of a command, with hyperfine when present, else a loop of n runs
mean() {
	n=$1
	shift
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup 2 --runs "$n" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
		jq '.results[0].mean' "$tmp/h.json"
	else
		s=$(date +%s.%N)
		i=0
		while [ $i -lt "$n" ]; do
			sh -c "$*" >/dev/null 2>&1
			i=$((i + 1))
		done
		echo "($(date +%s.%N) - $s) / $n" | bc -l
	fi
}

line() { # name ours peer-name peer target-ratio
	awk -v n="$1" -v a="$2" -v p="$3" -v b="$4" -v t="$5" 'BEGIN {
		printf "%s: %.2f ms (peer: %s %.2f ms, ratio %.2fx, target %sx: %s)\n", n, a * 1000, p,
			b * 1000, a / b, t, (a / b <= t ? "met" : "NOT met") }'
}

"$bin" -q init --name "Bench" --siret 21010053100017 --unencrypted 2>/dev/null >/dev/null
"$bin" -q aidant add --name "Aidant" >/dev/null
"$bin" -q aidant accept-charter 1 >/dev/null
u=$("$bin" -q usager add --given Jeanne --family Martin --birth 1950-01-01)
"$bin" -q create --usager "$u" --aidant 1 --demarche social --duration 31d >/dev/null
att="$AIDANT_HOME/mandate/attestations/1.txt"
pub="$AIDANT_HOME/structure/structure.pub"
cp "$att" "$tmp/peer.txt"

ours=$(mean 30 "$bin -q create --usager $u --aidant 1 --demarche social --duration 31d")
peer=$(mean 30 "minisign -S -s $AIDANT_HOME/structure/structure.key -m $tmp/peer.txt")
line "create and sign a mandate (process)" "$ours" "minisign -S" "$peer" 1.5

ours=$(mean 30 "$bin -q verify --attestation $att")
peer=$(mean 30 "minisign -V -q -p $pub -m $att")
line "verify one attestation (process, its journal checked too)" "$ours" "minisign -V" "$peer" 1.5

# A journal of $entries entries written straight into the store as journal_append
# writes them (chained, each signed by the journal key, through libsodium), its signed
# head moved to the last one, then sealed by a checkpoint signed by the program.
python3 - "$AIDANT_HOME" "$entries" "$u" <<'PY'
import base64, ctypes, ctypes.util, hashlib, sqlite3, sys
home, n, u = sys.argv[1], int(sys.argv[2]), sys.argv[3]
na = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
raw = base64.b64decode(open(home + "/mandate/journal.key").read().split("\n")[1])
sk = ctypes.create_string_buffer(raw[62:126], 64)
sig = ctypes.create_string_buffer(64)

def sign(domain, text):
    m = (domain + "\n" + text).encode()
    na.crypto_sign_detached(sig, None, m, ctypes.c_ulonglong(len(m)), sk)
    return base64.b64encode(sig.raw).decode()

db = sqlite3.connect(home + "/mandate.db")
seq, prev = db.execute("SELECT seq, entry FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
prev = hashlib.blake2b(prev.encode(), digest_size=32).hexdigest()
rows = []
for i in range(seq + 1, n + 1):
    e = ('{"seq":%d,"prev":"%s","time":"2026-11-23T09:00:00Z","action":"use_autorisation",'
         '"aidant":1,"usager":"%s","mandat":1,"demarches":["social"]}' % (i, prev, u))
    prev = hashlib.blake2b(e.encode(), digest_size=32).hexdigest()
    rows.append((i, e, sign("aidant-mandate journal entry", e)))
db.executemany("INSERT INTO journal VALUES (?, ?, ?)", rows)
body = db.execute("SELECT body FROM head").fetchone()[0].split("\n")
body[1], body[2] = "seq: %d" % n, "head: " + prev
body = "\n".join(body)
db.execute("UPDATE head SET body = ?, sig = ?", (body, sign("aidant-mandate journal head", body)))
db.commit()
PY
"$bin" -q checkpoint --new >/dev/null
"$bin" -q journal --format ndjson >"$tmp/journal.ndjson"
size=$(wc -c <"$tmp/journal.ndjson")
ours=$(mean 5 "$bin -q verify")
peer=$(mean 5 "b2sum $tmp/journal.ndjson")
line "verify a journal of $entries entries ($((size / 1048576)) MiB NDJSON)" "$ours" "b2sum" "$peer" 3
