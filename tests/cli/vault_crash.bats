#!/usr/bin/env bats
# aidant-vault killed (as kill -9) at every point between two durable steps of add, rm,
# secret set, passwd, recover, share, unshare and the re-keying of an ended sharing;
# then the next command settles the vault: nothing half-done, nothing left behind,
# every object readable by the owner, an unshare never undone. The points come from
# the test build's AIDANT_CRASH_TRACE, the kills from AIDANT_CRASH_AT (common/crash.h).

bats_require_minimum_version 1.5.0

load vault_lib

setup() {
	vault_env
	printf 'mot2passe\n' > caf.pw
	echo "carte" > cni.txt
	echo "attestation" > caf.txt
	# a document over 1 MiB, so that a killed get -o has written part of it
	head -c 3000000 /dev/urandom > scan.pdf
	cni=$(aidant-vault add --domain identite cni.txt --passphrase-file pw 2>/dev/null)
	aidant-vault add --domain social caf.txt scan.pdf --passphrase-file pw > /dev/null 2>&1
	aidant-vault secret set caf --domain social --passphrase-file pw --password-file caf.pw 2>/dev/null
	age-keygen -o helper.key 2>/dev/null
	helper=$(age-keygen -y helper.key)
}

# The points the command passes (point:n for each pass), from a run on a copy.
points() {
	rm -rf trace.home && cp -a home trace.home
	AIDANT_HOME="$BATS_TEST_TMPDIR/trace.home" AIDANT_CRASH_TRACE="$BATS_TEST_TMPDIR/trace" \
		"$@" > /dev/null 2>&1 < /dev/null || true
	awk '{ n[$0]++; print $0 ":" n[$0] }' trace
	rm -f trace
}

# Nothing a killed command leaves stays after the next command.
no_leftovers() {
	[ -z "$(find home -name '*.next' -o -name '*.tmp-*' -o -name '*.new')" ]
	[ -z "$(ls -A home/vault-pending 2>/dev/null)" ]
}

# The owner's next command settles the vault, and every object authenticates.
settled() {
	run --separate-stderr aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ] || { echo "after a kill at $1: $stderr $output" >&2; return 1; }
	no_leftovers
}

# Runs "$@" killed at each of its points on a fresh copy of the vault, then check_after
# (a function given as $1) on the settled vault.
crash_each() {
	local check=$1 p
	shift
	cp -a home home.orig
	local all
	all=$(points "$@")
	[ -n "$all" ]
	for p in $all; do
		rm -rf home && cp -a home.orig home
		run env AIDANT_CRASH_AT="$p" "$@" < /dev/null
		[ "$status" -eq 137 ] || { echo "no kill at $p: status $status" >&2; return 1; }
		"$check" "$p"
	done
	echo "$all" | wc -l > points.count
}

after_add() {
	settled "$1"
	run --separate-stderr aidant-vault --format json list --domain impots --passphrase-file pw
	n=$(echo "$output" | jq length)
	# all or nothing: both documents, or none
	[ "$n" -eq 0 ] || [ "$n" -eq 2 ]
}

@test "add killed at any point: both documents or none, nothing left behind" {
	echo "avis" > avis.txt
	crash_each after_add aidant-vault add --domain impots avis.txt cni.txt --passphrase-file pw
	[ "$(cat points.count)" -ge 8 ]
}

after_rm() {
	settled "$1"
	run --separate-stderr aidant-vault --format json list --domain identite --passphrase-file pw
	n=$(echo "$output" | jq length)
	if [ "$n" -eq 0 ]; then [ ! -e "$V/identite/$cni.age" ]; else [ -e "$V/identite/$cni.age" ]; fi
}

@test "rm killed at any point: the document is there or gone with its object" {
	crash_each after_rm aidant-vault rm "$cni" --passphrase-file pw
}

after_secret() {
	settled "$1"
	run --separate-stderr aidant-vault secret get caf --field password --passphrase-file pw
	[ "$status" -eq 0 ]
	[ "$output" = mot2passe ] || [ "$output" = nouveau ]
	# one credential named caf, in one domain
	run --separate-stderr aidant-vault --format json secret list --passphrase-file pw
	[ "$(echo "$output" | jq '[.[] | select(.name == "caf")] | length')" -eq 1 ]
}

@test "secret set killed at any point, moving a credential to another domain: the old or the new one" {
	printf 'nouveau\n' > new.pw
	crash_each after_secret aidant-vault secret set caf --domain sante --passphrase-file pw --password-file new.pw
}

after_passwd() {
	local pass=pw other=new
	# exactly one of the two passphrases opens the vault
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ] || { pass=new other=pw; }
	run --separate-stderr aidant-vault verify --passphrase-file "$pass"
	[ "$status" -eq 0 ] || { echo "after a kill at $1: $stderr" >&2; return 1; }
	no_leftovers
	run aidant-vault list --passphrase-file "$other"
	[ "$status" -eq 77 ]
}

@test "passwd killed at any point: the old passphrase or the new one, never none" {
	printf 'new horse\n' > new
	crash_each after_passwd aidant-vault passwd --passphrase-file pw --new-passphrase-file new
}

after_recover() {
	local pass=pw
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ] || pass=new
	run --separate-stderr aidant-vault verify --passphrase-file "$pass"
	[ "$status" -eq 0 ]
	no_leftovers
	# the old code still works when the new passphrase was not set
	if [ "$pass" = pw ]; then
		run aidant-vault recover --recovery-code-file code --new-passphrase-file new
		[ "$status" -eq 0 ]
	fi
}

@test "recover killed at any point: done (new passphrase) or undone (old passphrase and code)" {
	rm -rf home
	aidant-vault init --owner "Mme Exemple" --passphrase-file pw > init.out 2>/dev/null
	grep -E '^   [A-Z]{4}-' init.out | tr -d ' ' > code
	aidant-vault add --domain identite cni.txt --passphrase-file pw > /dev/null 2>&1
	printf 'new horse\n' > new
	crash_each after_recover aidant-vault recover --recovery-code-file code --new-passphrase-file new
}

# Whether the stock age opens every object and the index of the domain with the
# helper's key: prints all, none or some.
helper_reads() {
	local yes=0 no=0 f
	for f in "$V/$1"/*.age; do
		if age -d -i helper.key "$f" > /dev/null 2>&1; then yes=$((yes + 1)); else no=$((no + 1)); fi
	done
	if [ "$no" -eq 0 ]; then echo all; elif [ "$yes" -eq 0 ]; then echo none; else echo some; fi
}

after_share() {
	settled "$1"
	run --separate-stderr aidant-vault --format json shares --passphrase-file pw
	n=$(echo "$output" | jq length)
	# done or undone, never half: the helper reads all of the domain, or nothing
	if [ "$n" -eq 1 ]; then [ "$(helper_reads social)" = all ]; else [ "$(helper_reads social)" = none ]; fi
}

@test "share killed at any point: done or undone, never half" {
	crash_each after_share aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw
}

after_unshare() {
	if [ "$(jq '.manifest.shares | length' $V/vault.json)" -eq 1 ]; then
		# killed before the unshare was recorded: nothing changed
		settled "$1"
		[ "$(helper_reads social)" = all ]
		return
	fi
	# recorded: before the owner's next command, the helper is refused already
	run aidant-vault list --domain social --identity helper.key
	[ "$status" -eq 77 ] || { echo "helper not refused after a kill at $1" >&2; return 1; }
	settled "$1"
	run --separate-stderr aidant-vault --format json shares --passphrase-file pw
	[ "$output" = "[]" ]
	# and finished forward: nothing of the domain opens with the helper's key
	[ "$(helper_reads social)" = none ] || { echo "helper reads after a kill at $1" >&2; return 1; }
}

@test "unshare killed at any point: finished by the next command, the helper never let back in" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	[ "$(helper_reads social)" = all ]
	crash_each after_unshare aidant-vault unshare --domain social --with "Mme X" --passphrase-file pw
	[ "$(cat points.count)" -ge 12 ]
}

after_unshare_headers() {
	after_unshare "$1"
}

@test "unshare --no-rekey killed at any point: finished forward too" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	crash_each after_unshare_headers aidant-vault unshare --domain social --with "$helper" --no-rekey --passphrase-file pw
}

after_expiry() {
	# the owner's next command after the end date always re-keys
	settled "$1"
	run --separate-stderr aidant-vault --format json shares --passphrase-file pw
	[ "$output" = "[]" ]
	[ "$(helper_reads social)" = none ] || { echo "helper reads after a kill at $1" >&2; return 1; }
}

@test "the re-keying of an ended sharing killed at any point: finished by the next command" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --until 2026-12-31 --passphrase-file pw 2>/dev/null
	AIDANT_NOW=2027-01-05T09:00:00+01:00 crash_each after_expiry aidant-vault list --passphrase-file pw
}

@test "get -o killed while writing: no partial plaintext stays after the next command" {
	id=$(aidant-vault --format json list --domain social --passphrase-file pw 2>/dev/null |
		jq -r '.[] | select(.size == 3000000) | .id')
	run env AIDANT_CRASH_AT=output-chunk:2 aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 137 ]
	[ ! -e out.pdf ]
	# the partial plaintext is there, under its temporary name, until the next command
	[ -n "$(ls | grep 'out.pdf.tmp-')" ]
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"left incomplete by a command that was killed"* ]]
	[ -z "$(ls | grep 'out.pdf.tmp-')" ]
	[ -z "$(ls -A home/vault-pending)" ]
	# a get that is not killed leaves its whole file and no record
	aidant-vault get "$id" -o out.pdf --passphrase-file pw
	cmp out.pdf scan.pdf
	[ -z "$(ls -A home/vault-pending)" ]
}

@test "get -o of several MiB killed after its first writes: the next command removes them" {
	head -c $((6 * 1048576)) /dev/urandom > big.bin
	big=$(aidant-vault add --domain social big.bin --passphrase-file pw 2>/dev/null)
	# (a file gets its chunks 16 at a time, 1 MiB) the fifth batch comes after the
	# second hand-over of the output's 2 MiB buffers, which waits for the first written
	run env AIDANT_CRASH_AT=output-chunk:5 aidant-vault get "$big" -o out.bin --passphrase-file pw
	[ "$status" -eq 137 ]
	[ ! -e out.bin ]
	tmp=$(ls | grep 'out.bin.tmp-')
	[ "$(stat -c %s "$tmp")" -ge $((2 * 1048576)) ]
	# what is there is the document's plaintext
	cmp -n 1048576 "$tmp" big.bin
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"left incomplete by a command that was killed"* ]]
	[ ! -e "$tmp" ]
	[ -z "$(ls -A home/vault-pending)" ]
}

@test "the record of a get -o in progress is left alone, a dead one is swept" {
	command -v flock >/dev/null || skip "flock (util-linux) absent"
	mkdir -p home/vault-pending
	echo partial > out.pdf.tmp-Ab12Cd
	printf '%s/out.pdf.tmp-Ab12Cd' "$PWD" > home/vault-pending/0123456789abcdef
	# a live writer holds the lock of its record
	flock home/vault-pending/0123456789abcdef sleep 3 &
	sleep 0.5
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	[ -e out.pdf.tmp-Ab12Cd ]
	wait
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	[ ! -e out.pdf.tmp-Ab12Cd ]
	[ -z "$(ls -A home/vault-pending)" ]
	# a record never removes what is not a temporary file
	echo keep > precious.pdf
	printf '%s/precious.pdf' "$PWD" > home/vault-pending/0123456789abcdef
	run aidant-vault list --passphrase-file pw
	[ -e precious.pdf ]
}

@test "temporary files a killed command left are removed by the next one, even a reader" {
	touch "$V/social/index.age.tmp-Ab12Cd" "$V/vault.json.tmp-Zz99Yy" "$V/social/0123456789ab.age.next"
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	no_leftovers
}
