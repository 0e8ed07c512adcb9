#!/bin/sh
# aidant-vault against the stock age on the same 256 MiB file in the same run: add vs
# age -r, get vs age -d, peak memory at two file sizes, and the time to unlock a vault
# with the passphrase at the default scrypt work factor (log N 18, as age).
# Each line gives the figure, the peer's, the ratio and whether the target is met.
# Usage: bench-vault.sh BUILD. BENCH_VAULT_MIB and BENCH_RUNS resize it; BENCH_VAULT_BEFORE
# (the build folder of an earlier tree) measures its add and get in the same runs too.
set -eu
build=$(cd "${1:?usage: bench-vault.sh BUILD}" && pwd)
bin="$build/bin/aidant-vault"
mib=${BENCH_VAULT_MIB:-256}
runs=${BENCH_RUNS:-3}
for tool in hyperfine age age-keygen jq; do
	command -v "$tool" >/dev/null || { echo "bench-vault: $tool is missing (make deps)" >&2; exit 69; }
done
[ -x "$bin" ] || { echo "bench-vault: $bin is missing (make all)" >&2; exit 66; }
before=""
if [ -n "${BENCH_VAULT_BEFORE:-}" ]; then
	before=$(cd "$BENCH_VAULT_BEFORE" && pwd)/bin/aidant-vault
	[ -x "$before" ] || { echo "bench-vault: $before is missing" >&2; exit 66; }
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/aidant-bench-vault.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
export AIDANT_HOME="$work/home" TZ=Europe/Paris
cd "$work"

# Peak resident memory of a command in KiB: GNU time when present, else a tiny
# getrusage wrapper compiled here.
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	peak_kib() {
		/usr/bin/time -f %M -o rss "$@" >/dev/null 2>&1
		tail -n 1 rss
	}
else
	cat >peak_rss.c <<'C'
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid = fork();

	if (argc < 2)
		return 64;
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%ld\n", ru.ru_maxrss);
	return 0;
}
C
	cc -O2 -o peak_rss peak_rss.c
	peak_kib() { ./peak_rss "$@" 2>/dev/null | tail -n 1; }
fi

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; } # KiB to MiB
# mean seconds of a hyperfine run (JSON export)
mean() { jq -r ".results[$2].mean" "$1"; }
line() { # name ours peer unit [limit]: the line, with the verdict when there is a limit
	awk -v n="$1" -v a="$2" -v b="$3" -v u="$4" -v l="${5:-}" 'BEGIN {
		r = a / b; printf "%s: %.3f %s (peer: %.3f %s, ratio %.2fx", n, a, u, b, u, r
		if (l == "") { print ")"; exit }
		printf ", target <= %.2fx): %s\n", l, r <= l ? "met" : "NOT met" }'
}
# bench JSON OURS PEER...: hyperfine over the commands given, and OURS run with the
# earlier build's program last when there is one
bench() {
	json=$1 ours=$2
	shift 2
	if [ -n "$before" ]; then
		set -- "$@" "$before${ours#"$bin"}"
	fi
	hyperfine --runs "$runs" --warmup 1 --export-json "$json" "$ours" "$@" >/dev/null
}
# before_line NAME JSON INDEX: the earlier build's line (its result's index in JSON)
before_line() {
	[ -n "$before" ] || return 0
	awk -v n="$1" -v a="$(mean "$2" 0)" -v b="$(mean "$2" "$3")" 'BEGIN {
		printf "  %s before this tree: %.3f s (now %.2fx of it)\n", n, b, a / b }'
}

# --- data: a random file, the owner's key, a vault at a light work factor -------------
head -c $((mib * 1048576)) /dev/urandom >big.bin
head -c 1048576 /dev/urandom >small.bin
printf 'bench passphrase\n' >pw
age-keygen -o key.txt 2>/dev/null
# the test build makes it at a light work factor (AIDANT_KDF_LIGHT); the installed
# program measured reads it as any vault
light="$build/test-bin/aidant-vault"
[ -x "$light" ] || { echo "bench-vault: $light is missing (make $light)" >&2; exit 66; }
AIDANT_KDF_LIGHT=1 "$light" init --owner Bench --vault v --passphrase-file pw >/dev/null 2>&1
"$bin" age decrypt --passphrase-file pw -o id.txt v/identity.age
rcp=$(grep -o 'age1[a-z0-9]*' id.txt | head -n 1)
echo "data: $mib MiB of random bytes; vault at scrypt log N 10 for add/get, so that the"
echo "      passphrase's KDF does not hide the streaming cost (unlock is measured below)"

# --- add vs age -r, get vs age -d ------------------------------------------------------
# The vault writes whole-or-nothing files (fsync then rename), so the fair peer is age
# followed by sync of its output; age alone is shown too.
bench add.json "$bin add --vault v --domain identite --passphrase-file pw big.bin" \
	"age -r $rcp -o peer.age big.bin && sync peer.age" \
	"age -r $rcp -o peer.age big.bin"
line "add $mib MiB vs age -r && sync" "$(mean add.json 0)" "$(mean add.json 1)" s 1
line "add $mib MiB vs age -r without fsync" "$(mean add.json 0)" "$(mean add.json 2)" s
before_line "add $mib MiB" add.json 3
id=$("$bin" --format json list --vault v --passphrase-file pw 2>/dev/null | jq -r '.[0].id')
bench get.json "$bin get $id --vault v -o got.bin --passphrase-file pw" \
	"age -d -i id.txt -o peer.bin v/identite/$id.age && sync peer.bin" \
	"age -d -i id.txt -o peer.bin v/identite/$id.age"
line "get -o $mib MiB vs age -d -o && sync" "$(mean get.json 0)" "$(mean get.json 1)" s 1
line "get -o $mib MiB vs age -d -o without fsync" "$(mean get.json 0)" "$(mean get.json 2)" s
before_line "get -o $mib MiB" get.json 3
cmp got.bin big.bin
# the same without the file system: decryption throughput alone
hyperfine --runs "$runs" --warmup 1 --export-json null.json \
	"$bin get $id --vault v -o /dev/null --passphrase-file pw" \
	"age -d -i id.txt -o /dev/null v/identite/$id.age" >/dev/null
line "get $mib MiB to /dev/null" "$(mean null.json 0)" "$(mean null.json 1)" s

# --- memory: the same at 1 MiB and at the full size -----------------------------------
m_small=$(peak_kib "$bin" add --vault v --domain social --passphrase-file pw small.bin)
m_big=$(peak_kib "$bin" add --vault v --domain social --passphrase-file pw big.bin)
m_add_peer=$(peak_kib age -r "$rcp" -o peer.age big.bin)
m_get=$(peak_kib "$bin" get "$id" --vault v -o got.bin --passphrase-file pw)
m_peer=$(peak_kib age -d -i id.txt -o peer.bin "v/identite/$id.age")
awk -v s="$m_small" -v b="$m_big" -v m="$mib" 'BEGIN {
	printf "peak memory add 1 MiB: %.1f MiB; add %d MiB: %.1f MiB (target <= 16 MiB and flat: %s)\n",
		s / 1024, m, b / 1024, b <= 16384 && b <= s + 2048 ? "met" : "NOT met" }'
line "peak memory add $mib MiB vs age -r" "$(mib "$m_big")" "$(mib "$m_add_peer")" MiB
line "peak memory get -o $mib MiB vs age -d" "$(mib "$m_get")" "$(mib "$m_peer")" MiB

# --- unlock at the default work factor -------------------------------------------------
"$bin" init --owner Bench --vault slow --passphrase-file pw >/dev/null 2>&1
hyperfine --runs "$runs" --export-json unlock.json \
	"$bin list --vault slow --passphrase-file pw" \
	"$bin age decrypt --passphrase-file pw -o id-slow.txt slow/identity.age" >/dev/null
line "unlock (scrypt log N 18)" "$(mean unlock.json 0)" "$(mean unlock.json 1)" s
echo "  (peer: decrypting identity.age alone with the age plumbing; the stock age reads"
echo "   passphrases from a terminal only)"
m_unlock=$(peak_kib "$bin" list --vault slow --passphrase-file pw)
echo "peak memory unlock (scrypt log N 18): $((m_unlock / 1024)) MiB (scrypt itself needs 256 MiB)"
