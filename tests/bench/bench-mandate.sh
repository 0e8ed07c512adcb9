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

# seconds (mean) of two commands, ours and the peer's, "ours peer": with hyperfine in one
# call (the two runs interleave with the machine's load alike), else loops of n runs
pair() {
	n=$1
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup 3 --runs "$n" --export-json "$tmp/h.json" "$2" "$3" >/dev/null 2>&1
		jq -r '"\(.results[0].mean) \(.results[1].mean)"' "$tmp/h.json"
	else
		echo "$(loop "$n" "$2") $(loop "$n" "$3")"
	fi
}

loop() {
	s=$(date +%s.%N)
	i=0
	while [ $i -lt "$1" ]; do
		sh -c "$2" >/dev/null 2>&1
		i=$((i + 1))
	done
	echo "($(date +%s.%N) - $s) / $1" | bc -l
}

line() { # name "ours peer" peer-name target-ratio
	awk -v n="$1" -v a="${2% *}" -v b="${2#* }" -v p="$3" -v t="$4" 'BEGIN {
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

t=$(pair 30 "$bin -q create --usager $u --aidant 1 --demarche social --duration 31d" \
	"minisign -S -s $AIDANT_HOME/structure/structure.key -m $tmp/peer.txt")
line "create and sign a mandate (process)" "$t" "minisign -S" 1.5

t=$(pair 30 "$bin -q verify --attestation $att" "minisign -V -q -p $pub -m $att")
line "verify one attestation (process, its journal checked too)" "$t" "minisign -V" 1.5

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
t=$(pair 5 "$bin -q verify" "b2sum $tmp/journal.ndjson")
line "verify a journal of $entries entries ($((size / 1048576)) MiB NDJSON)" "$t" "b2sum" 3
