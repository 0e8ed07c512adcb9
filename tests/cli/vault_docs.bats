#!/usr/bin/env bats
# aidant-vault add, list, get, rm, verify, and the attacks on a vault's files.

bats_require_minimum_version 1.5.0

load vault_lib

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_KDF_LIGHT=1
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	cd "$BATS_TEST_TMPDIR"
	printf 'correct horse\n' > pw
	aidant-vault init --owner "Mme Exemple" --passphrase-file pw > /dev/null 2>&1
	head -c 300000 /dev/urandom > scan.pdf
	echo "avis 2025" > avis.txt
	id=$(aidant-vault add --domain identite --type cni --title "Carte d'identité" \
		--expires 2026-12-01 scan.pdf --passphrase-file pw 2>/dev/null)
	V=home/vault
}

@test "add prints an id, list shows the document, get gives it back" {
	[[ "$id" =~ ^[0-9a-f]{12}$ ]]
	[ "$(stat -c %a $V/identite/$id.age)" = 600 ]
	run --separate-stderr aidant-vault --format json list --passphrase-file pw
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[0].title')" = "Carte d'identité" ]
	[ "$(echo "$output" | jq -r '.[0].expires')" = 2026-12-01 ]
	[ "$(echo "$output" | jq -r '.[0].size')" = 300000 ]
	aidant-vault get "$id" --passphrase-file pw | cmp - scan.pdf
	aidant-vault get "$id" -o back.pdf --passphrase-file pw
	cmp back.pdf scan.pdf
	[ "$(stat -c %a back.pdf)" = 600 ]
}

@test "titles and file names are not in clear anywhere in the vault" {
	run ! grep -rq "identit" $V/identite
	run ! grep -rq "scan.pdf" $V
}

@test "list filters by domain and expiry, and recalls documents about to expire" {
	aidant-vault add --domain impots --type avis-impot avis.txt --passphrase-file pw
	run --separate-stderr aidant-vault --format json list --domain impots --passphrase-file pw
	[ "$(echo "$output" | jq -r 'length')" = 1 ]
	run --separate-stderr aidant-vault --format json list --expiring-within 30d --passphrase-file pw
	[ "$(echo "$output" | jq -r '.[0].id')" = "$id" ]
	[ "$(echo "$output" | jq -r 'length')" = 1 ]
	[[ "$stderr" == *"Carte d'identité expires on 2026-12-01"* ]]
	run aidant-vault list --domain nowhere --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault add --domain impots --type nosuchtype avis.txt --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault add --domain impots missing.txt --passphrase-file pw
	[ "$status" -eq 66 ]
}

@test "every object decrypts with the stock age and the owner's identity" {
	aidant-vault add --domain impots avis.txt --passphrase-file pw
	aidant-vault age decrypt --passphrase-file pw -o id.txt $V/identity.age
	for f in $V/*/*.age; do age -d -i id.txt "$f" > /dev/null; done
	age -d -i id.txt $V/identite/$id.age | cmp - scan.pdf
}

@test "rm removes the document and its object" {
	run aidant-vault rm "$id" --passphrase-file pw
	[ "$status" -eq 0 ]
	[ ! -e $V/identite/$id.age ]
	run aidant-vault get "$id" --passphrase-file pw
	[ "$status" -eq 66 ]
	run aidant-vault get ../../etc --passphrase-file pw
	[ "$status" -eq 66 ]
}

@test "a flipped bit: get refuses, -o writes nothing, verify names the object" {
	flip $V/identite/$id.age 200000
	run aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"payload authentication failed: nothing was written"* ]]
	[ ! -e out.pdf ]
	[ -z "$(ls | grep tmp-)" ]
	run aidant-vault get "$id" --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "${lines[-1]}" == *"the output above is incomplete and must not be trusted"* ]]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	[[ "$output" == *"$id: payload authentication failed"* ]]
}

@test "a document of several MiB comes back whole: get -o, stdout, the stock age, re-keyed" {
	# past the output's two buffers and the reader's batch, with an odd tail
	head -c $((9 * 1048576 + 12345)) /dev/urandom > big.bin
	big=$(aidant-vault add --domain social big.bin --passphrase-file pw 2>/dev/null)
	aidant-vault get "$big" -o back.bin --passphrase-file pw
	cmp back.bin big.bin
	aidant-vault get "$big" --passphrase-file pw | cmp - big.bin
	aidant-vault age decrypt --passphrase-file pw -o id.txt $V/identity.age
	age -d -i id.txt $V/social/$big.age | cmp - big.bin
	# share copies the payload, unshare seals it again with a fresh key
	age-keygen -o helper.txt 2>/dev/null
	aidant-vault share --domain social --with "$(age-keygen -y helper.txt)" --name "Mme X" \
		--passphrase-file pw
	age -d -i helper.txt $V/social/$big.age | cmp - big.bin
	aidant-vault get "$big" -o shared.bin --passphrase-file pw
	cmp shared.bin big.bin
	aidant-vault unshare --domain social --with "Mme X" --passphrase-file pw
	run ! age -d -i helper.txt -o /dev/null $V/social/$big.age
	aidant-vault get "$big" -o rekeyed.bin --passphrase-file pw
	cmp rekeyed.bin big.bin
}

@test "a flipped bit far into a document of several MiB: -o writes nothing" {
	head -c $((6 * 1048576)) /dev/urandom > big.bin
	big=$(aidant-vault add --domain social big.bin --passphrase-file pw 2>/dev/null)
	flip $V/social/$big.age $((5 * 1048576))
	run aidant-vault get "$big" -o out.bin --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"payload authentication failed: nothing was written"* ]]
	[ ! -e out.bin ]
	[ -z "$(ls | grep tmp-)" ]
}

# Past the output's two buffers (4 MiB) before the last chunk: the earlier ones are on
# disk under the temporary name when the last one fails.
@test "the last chunk of a document of several MiB tampered or cut: -o keeps the old file" {
	head -c $((9 * 1048576 + 777)) /dev/urandom > big.bin
	big=$(aidant-vault add --domain social big.bin --passphrase-file pw 2>/dev/null)
	cp $V/social/$big.age orig
	echo "the old output" > out.bin
	for cut in tag body truncated; do
		cp orig $V/social/$big.age
		case $cut in
		tag) flip $V/social/$big.age -1 ;;
		body) flip $V/social/$big.age -100 ;;
		# the last chunk (777 bytes and its tag) gone: the one before is not marked last
		truncated) truncate -s $(($(stat -c %s orig) - 777 - 16)) $V/social/$big.age ;;
		esac
		run aidant-vault get "$big" -o out.bin --passphrase-file pw
		[ "$status" -eq 65 ] || { echo "$cut: status $status: $output" >&2; return 1; }
		[[ "$output" == *": nothing was written"* ]]
		[ "$(cat out.bin)" = "the old output" ]
		[ -z "$(ls | grep tmp-)" ]
		[ -z "$(ls -A home/vault-pending)" ]
	done
	cp orig $V/social/$big.age
	aidant-vault get "$big" -o out.bin --passphrase-file pw
	cmp out.bin big.bin
}

@test "a flipped bit with -o to a pipe: 65, and the message says the output is incomplete" {
	# past the first batch of chunks (1 MiB), given before the flipped one fails
	head -c $((3 * 1048576)) /dev/urandom > scan.pdf
	id=$(aidant-vault add --domain social scan.pdf --passphrase-file pw 2>/dev/null)
	flip $V/social/$id.age $((2 * 1048576 + 500000))
	mkfifo out.fifo
	cat out.fifo > got &
	run aidant-vault get "$id" -o out.fifo --passphrase-file pw
	wait
	[ "$status" -eq 65 ]
	[[ "$output" == *"what was written to out.fifo is incomplete and must not be trusted"* ]]
	[ -p out.fifo ]
	# the chunks before the flipped one were given: the message must not deny it
	[ "$(stat -c %s got)" -gt 0 ]
	cmp -n "$(stat -c %s got)" got scan.pdf
}

@test "a truncated or extended object is refused" {
	cp $V/identite/$id.age orig
	head -c 200000 orig > $V/identite/$id.age
	run aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 65 ]
	[ ! -e out.pdf ]
	{ cat orig; echo extra; } > $V/identite/$id.age
	run aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 65 ]
	[ ! -e out.pdf ]
}

@test "an object replaced by another file of the vault is refused" {
	id2=$(aidant-vault add --domain identite avis.txt --passphrase-file pw 2>/dev/null)
	cp $V/identite/$id2.age $V/identite/$id.age
	run aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"does not match its index entry"* ]]
	[ ! -e out.pdf ]
}

@test "a header from another file is refused" {
	id2=$(aidant-vault add --domain identite avis.txt --passphrase-file pw 2>/dev/null)
	hdr=$(grep -abo -- '^--- ' $V/identite/$id2.age | head -1 | cut -d: -f1)
	head -c $((hdr + 48)) $V/identite/$id2.age > mixed
	hdr1=$(grep -abo -- '^--- ' $V/identite/$id.age | head -1 | cut -d: -f1)
	tail -c +$((hdr1 + 49)) $V/identite/$id.age >> mixed
	cp mixed $V/identite/$id.age
	run aidant-vault get "$id" -o out.pdf --passphrase-file pw
	[ "$status" -eq 65 ]
	[ ! -e out.pdf ]
}

@test "a vault copied half-way is reported" {
	rm $V/identite/$id.age
	run aidant-vault get "$id" --passphrase-file pw
	[ "$status" -eq 66 ]
	[[ "$output" == *"missing: the vault is incomplete"* ]]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	rm $V/identity.age
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 66 ]
	[[ "$output" == *"identity.age is missing"* ]]
}

@test "a truncated index is refused" {
	head -c 100 $V/identite/index.age > idx && cp idx $V/identite/index.age
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"index.age"* ]]
}

@test "two commands writing the same vault: the second waits the busy timeout, then 75" {
	command -v flock >/dev/null || skip "flock (util-linux) absent"
	flock -x $V/.lock sleep 5 &
	sleep 0.5
	start=$(date +%s%N)
	AIDANT_BUSY_TIMEOUT=800 run aidant-vault add --domain impots avis.txt --passphrase-file pw
	waited=$((($(date +%s%N) - start) / 1000000))
	kill %1 2>/dev/null || true
	[ "$status" -eq 75 ]
	[[ "$output" == *"is busy"* ]]
	[ "$waited" -ge 800 ]
	[ ! -d $V/impots ]
}

@test "a command waits for the lock and goes on once it is free" {
	command -v flock >/dev/null || skip "flock (util-linux) absent"
	flock -x $V/.lock sleep 1 &
	sleep 0.3
	run aidant-vault add --domain impots avis.txt --passphrase-file pw
	wait
	[ "$status" -eq 0 ]
	[ -d $V/impots ]
}

@test "the passphrase is checked before the lock is waited for" {
	command -v flock >/dev/null || skip "flock (util-linux) absent"
	printf 'wrong\n' > bad
	flock -x $V/.lock sleep 3 &
	sleep 0.3
	start=$(date +%s%N)
	run aidant-vault add --domain impots avis.txt --passphrase-file bad
	waited=$((($(date +%s%N) - start) / 1000000))
	kill %1 2>/dev/null || true
	[ "$status" -eq 77 ]
	[ "$waited" -lt 1500 ]
}

@test "100 parallel adds all succeed, and list beside them works" {
	for i in $(seq 100); do echo "doc $i" > "d$i.txt"; done
	AIDANT_BUSY_TIMEOUT=60000
	export AIDANT_BUSY_TIMEOUT
	for i in $(seq 100); do
		aidant-vault add --domain impots "d$i.txt" --passphrase-file pw > "add$i.out" 2>&1 &
	done
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	wait
	[ "$(cat add*.out | grep -cE '^[0-9a-f]{12}$')" -eq 100 ]
	run --separate-stderr aidant-vault --format json list --domain impots --passphrase-file pw
	[ "$(echo "$output" | jq length)" -eq 100 ]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ]
}

@test "verify reports an object the index does not name" {
	cp $V/identite/index.age $V/identite/0123456789ab.age
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	[[ "$output" == *"identite/0123456789ab.age is not in the index: an object put back after its removal, or copied in"* ]]
	# list and get never read it
	run aidant-vault get 0123456789ab --passphrase-file pw
	[ "$status" -eq 66 ]
}

@test "verify passes on an intact vault" {
	run --separate-stderr aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ]
	[ "$output" = "1 objects checked, 0 failed" ]
}

@test "a flipped bit in identity.age, vault.json or an index is refused" {
	cp $V/identity.age id.orig
	flip $V/identity.age -3
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"identity.age: payload authentication failed"* ]]
	cp id.orig $V/identity.age
	cp $V/vault.json vault.orig
	sed -i 's/"created": "2026/"created": "2025/' $V/vault.json
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"vault.json was not signed by the owner"* ]]
	cp vault.orig $V/vault.json
	flip $V/identite/index.age -3
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"identite/index.age is not the file the manifest names"* ]]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	[[ "$output" == *"index.age: payload authentication failed: it was not written by the owner"* ]]
}
