#!/usr/bin/env bats
# aidant-vault age: the plumbing against the stock age tools and the C2SP/CCTV vectors.

load vault_lib

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_KDF_LIGHT=1
	cd "$BATS_TEST_TMPDIR"
	head -c 200000 /dev/urandom > plain.bin
}

testkit() {
	[ -d "$AIDANT_DATA/age-testkit" ] || skip "shared data absent: $AIDANT_DATA/age-testkit"
	command -v python3 >/dev/null || skip "python3 absent: needed to inflate the compressed vectors"
}

# Splits a vector into file.age, ids, pass and expect (expectation, payload SHA-256).
unpack() {
	python3 - "$1" <<'PY'
import sys, zlib
data = open(sys.argv[1], 'rb').read()
head, body = data.split(b'\n\n', 1)
meta, ids, pw = {}, [], []
for line in head.decode().split('\n'):
    k, v = line.split(': ', 1)
    if k == 'identity': ids.append(v)
    elif k == 'passphrase': pw.append(v)
    else: meta[k] = v
if meta.get('compressed') == 'zlib': body = zlib.decompress(body)
open('file.age', 'wb').write(body)
open('ids', 'w').write(''.join(i + '\n' for i in ids))
open('pass', 'w').write(''.join(p + '\n' for p in pw[:1]))
open('expect', 'w').write(meta['expect'] + '\n' + meta.get('payload', '') + '\n')
PY
}

@test "age keygen writes an identity the stock age uses" {
	run aidant-vault age keygen -o k.txt
	[ "$status" -eq 0 ]
	[[ "$output" == "Public key: age1"* ]]
	[ "$(stat -c %a k.txt)" = 600 ]
	r=$(age-keygen -y k.txt)
	age -r "$r" -o c.age plain.bin
	aidant-vault age decrypt -i k.txt -o out.bin c.age
	cmp out.bin plain.bin
}

@test "age encrypt output decrypts with the stock age, and the reverse" {
	age-keygen -o k.txt 2>/dev/null
	r=$(age-keygen -y k.txt)
	aidant-vault age encrypt -r "$r" -o ours.age plain.bin
	age -d -i k.txt ours.age | cmp - plain.bin
	age -r "$r" -o theirs.age plain.bin
	aidant-vault age decrypt -i k.txt theirs.age | cmp - plain.bin
	: > empty
	aidant-vault age encrypt -r "$r" < empty | age -d -i k.txt | cmp - empty
}

@test "age encrypt with a passphrase decrypts with the stock age" {
	command -v script >/dev/null || skip "script (util-linux) absent: no terminal for age"
	printf 'correct horse\n' > pw
	aidant-vault age encrypt --passphrase-file pw -o p.age plain.bin
	printf 'correct horse\n' | script -qec "age -d -o out.bin p.age" /dev/null >/dev/null
	cmp out.bin plain.bin
	aidant-vault age decrypt --passphrase-file pw p.age | cmp - plain.bin
}

@test "age decrypt refuses a wrong key, a flipped bit and a truncated file" {
	age-keygen -o k.txt 2>/dev/null
	age-keygen -o other.txt 2>/dev/null
	age -r "$(age-keygen -y k.txt)" -o c.age plain.bin
	run aidant-vault age decrypt -i other.txt -o out.bin c.age
	[ "$status" -eq 77 ]
	[[ "$output" == *"no identity matches"* ]]
	[ ! -e out.bin ]
	cp c.age flip.age
	flip flip.age 150000
	run aidant-vault age decrypt -i k.txt -o out.bin flip.age
	[ "$status" -eq 65 ]
	[[ "$output" == *"payload authentication failed: nothing was written"* ]]
	[ ! -e out.bin ]
	[ -z "$(ls | grep 'tmp-')" ]
	head -c 100000 c.age > short.age
	run aidant-vault age decrypt -i k.txt short.age
	[ "$status" -eq 65 ]
	[[ "$output" == *"must not be trusted"* ]]
}

@test "age decrypt refuses an unknown identity file line and missing files" {
	echo "AGE-SECRET-KEY-1NOTAKEY" > bad.txt
	run aidant-vault age decrypt -i bad.txt plain.bin
	[ "$status" -eq 65 ]
	[[ "$output" == *"bad.txt:1: not an age identity"* ]]
	run aidant-vault age decrypt -i nothere.txt plain.bin
	[ "$status" -eq 66 ]
	run aidant-vault age encrypt -r age1nope plain.bin
	[ "$status" -eq 65 ]
	run aidant-vault age encrypt plain.bin
	[ "$status" -eq 64 ]
	run aidant-vault age frobnicate
	[ "$status" -eq 64 ]
}

@test "age decrypt passes the CCTV age test vectors" {
	testkit
	n=0 bad=""
	for v in "$AIDANT_DATA"/age-testkit/*; do
		case ${v##*/} in armor* | hybrid*) continue ;; esac
		rm -f out.bin; unpack "$v"
		exp=$(sed -n 1p expect) sum=$(sed -n 2p expect)
		if [ -s ids ]; then
			aidant-vault age decrypt -i ids -o out.bin file.age 2>err && rc=0 || rc=$?
		else
			aidant-vault age decrypt --passphrase-file pass -o out.bin file.age 2>err && rc=0 || rc=$?
		fi
		case $exp in
		success) ok=$([ $rc -eq 0 ] && [ "$(sha256sum < out.bin | cut -c1-64)" = "$sum" ] && echo y) ;;
		"no match") ok=$([ $rc -eq 77 ] && [ ! -e out.bin ] && echo y) ;;
		"HMAC failure") ok=$([ $rc -eq 65 ] && grep -q "header authentication" err && echo y) ;;
		*) ok=$([ $rc -eq 65 ] && [ ! -e out.bin ] && echo y) ;;
		esac
		[ "$ok" = y ] || bad="$bad ${v##*/}($exp:$rc)"
		n=$((n + 1))
	done
	echo "failed:$bad"
	[ -z "$bad" ]
	[ "$n" -eq 92 ]
}

@test "CCTV armor vectors (ASCII armor is not supported)" {
	testkit
	n=$(ls "$AIDANT_DATA"/age-testkit | grep -c '^armor')
	skip "$n armor vectors skipped: ASCII armor is not implemented"
}

@test "CCTV hybrid vectors (post-quantum ML-KEM is not supported)" {
	testkit
	n=$(ls "$AIDANT_DATA"/age-testkit | grep -c '^hybrid')
	skip "$n hybrid vectors skipped: post-quantum recipients are not implemented"
}

@test "age -o to a pipe writes through it and leaves it a pipe" {
	age-keygen -o k.txt 2>/dev/null
	age -r "$(age-keygen -y k.txt)" -o c.age plain.bin
	mkfifo pipe
	cat pipe > through.bin &
	aidant-vault age decrypt -i k.txt -o pipe c.age
	wait
	cmp through.bin plain.bin
	[ -p pipe ]
}
