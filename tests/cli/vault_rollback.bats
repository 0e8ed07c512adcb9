#!/usr/bin/env bats
# Attacks on a vault's files by someone who can write them: older genuine copies put
# back (of vault.json, an index, a domain folder, an object, the identity, the recovery
# code, the names, the whole vault), parts deleted or added, vault.json re-signed with
# another key. Each is detected: verify exits 1 naming it, every write exits 65 and
# writes nothing, until the owner accepts the vault as it is (verify --accept).

bats_require_minimum_version 1.5.0

load vault_lib

setup() {
	vault_env
	printf 'mot2passe\n' > caf.pw
	echo "carte" > cni.txt
	echo "attestation" > caf.txt
	echo "avis" > avis.txt
	cni=$(aidant-vault add --domain identite cni.txt --passphrase-file pw 2>/dev/null)
	caf=$(aidant-vault add --domain social caf.txt --passphrase-file pw 2>/dev/null)
	aidant-vault secret set caf --domain social --passphrase-file pw --password-file caf.pw 2>/dev/null
	age-keygen -o helper.key 2>/dev/null
	helper=$(age-keygen -y helper.key)
}

# A write is refused with 65 and changes nothing in the vault.
write_refused() {
	find $V -type f ! -name .lock -exec sha256sum {} + | sort > before.sum
	run aidant-vault add --domain impots avis.txt --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"the vault is not as its owner left it: nothing is written"* ]]
	find $V -type f ! -name .lock -exec sha256sum {} + | sort > after.sum
	cmp before.sum after.sum
}

# verify exits 1 and its output holds $1.
verify_says() {
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	[[ "$output" == *"$1"* ]] || { echo "verify said: $output" >&2; return 1; }
}

@test "vault.json put back from before an unshare: the helper is not let back in" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	cp $V/vault.json shared.json
	aidant-vault unshare --domain social --with "Mme X" --passphrase-file pw 2>/dev/null
	cp shared.json $V/vault.json
	# the owner's next add would have encrypted to the helper again: it is refused
	run aidant-vault add --domain social avis.txt --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"vault.json is an older copy (version 5; this computer saw version 7): the vault was rolled back"* ]]
	for f in $V/social/*.age; do run ! age -d -i helper.key "$f"; done
	write_refused
	verify_says "vault.json is an older copy"
	verify_says "social/index.age is not the file the manifest names"
}

@test "an older vault.json is seen from the indexes too, without the copy of the home" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	cp $V/vault.json shared.json
	aidant-vault unshare --domain social --with "Mme X" --passphrase-file pw 2>/dev/null
	cp shared.json $V/vault.json
	rm -rf home/vault-seen
	write_refused
	verify_says "social/index.age is not the file the manifest names (its version 5)"
	verify_says "is newer than the manifest says (its version 7, the manifest names 5): vault.json is an older copy"
}

@test "the whole vault put back from an older copy: seen from the copy of the home, not without it" {
	cp -a $V old-vault
	aidant-vault rm "$cni" --passphrase-file pw 2>/dev/null
	rm -rf $V && cp -a old-vault $V
	run aidant-vault --format json list --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"vault.json is an older copy (version 4; this computer saw version 5)"* ]]
	write_refused
	verify_says "the vault was rolled back"
	# on a computer that never saw the newer version, nothing tells (see the man page)
	rm -rf home/vault-seen
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ]
}

@test "a domain's index deleted: the domain is not silently empty" {
	rm $V/social/index.age
	run aidant-vault list --domain social --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"social/index.age is missing (the manifest names its version 4): it was deleted"* ]]
	run aidant-vault secret get caf --passphrase-file pw
	[ "$status" -eq 65 ]
	write_refused
	verify_says "social/index.age is missing"
	# a domain that is fine still reads, with a word
	run aidant-vault list --domain identite --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"the vault is not as its owner left it (1 problems): see 'aidant-vault verify'"* ]]
}

@test "an older index put back brings back no deleted document" {
	cp $V/identite/index.age old-index
	aidant-vault rm "$cni" --passphrase-file pw 2>/dev/null
	cp old-index $V/identite/index.age
	run aidant-vault list --domain identite --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" != *"$cni"* ]]
	verify_says "identite/index.age is an older copy (its version 2, the manifest names 5)"
	write_refused
}

@test "an older domain folder put back brings back no old password" {
	cp -a $V/social old-social
	printf 'nouveau\n' > new.pw
	aidant-vault secret set caf --domain social --passphrase-file pw --password-file new.pw 2>/dev/null
	rm -rf $V/social && cp -a old-social $V/social
	run aidant-vault secret get caf --field password --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" != *mot2passe* ]]
	verify_says "social/index.age is an older copy"
	write_refused
}

@test "an older object put back after an unshare is refused" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	cp $V/social/$caf.age old-object
	aidant-vault unshare --domain social --with "$helper" --passphrase-file pw 2>/dev/null
	cp old-object $V/social/$caf.age
	run aidant-vault get "$caf" -o out.txt --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"$caf: the object does not match its index entry"* ]]
	[ ! -e out.txt ]
	verify_says "$caf: the object does not match its index entry"
}

@test "a removed object put back is removed again, or reported, and never read" {
	cp $V/identite/$cni.age old-object
	aidant-vault rm "$cni" --passphrase-file pw 2>/dev/null
	# right after the removal, the manifest still names it as removed: removed again
	cp old-object $V/identite/$cni.age
	run aidant-vault get "$cni" --passphrase-file pw
	[ "$status" -eq 66 ]
	[ ! -e $V/identite/$cni.age ]
	# later, it is an object no index names
	aidant-vault add --domain impots avis.txt --passphrase-file pw > /dev/null 2>&1
	cp old-object $V/identite/$cni.age
	run aidant-vault get "$cni" --passphrase-file pw
	[ "$status" -eq 66 ]
	verify_says "identite/$cni.age is not in the index: an object put back after its removal, or copied in"
}

@test "the identity from before a passwd put back: the old passphrase opens, the vault says so" {
	cp $V/identity.age old-identity
	printf 'new horse\n' > new
	aidant-vault passwd --passphrase-file pw --new-passphrase-file new 2>/dev/null
	cp old-identity $V/identity.age
	run aidant-vault add --domain impots avis.txt --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"identity.age is not the file the manifest names (its version 5)"* ]]
	verify_says "identity.age is not the file the manifest names"
}

@test "the recovery code's file put back, deleted, or the names' file deleted: seen" {
	cp $V/recovery.age old-recovery
	grep -E '^   [A-Z]{4}-' init.out | tr -d ' ' > code
	printf 'new horse\n' > new
	aidant-vault recover --recovery-code-file code --new-passphrase-file new > /dev/null 2>&1
	cp old-recovery $V/recovery.age
	run aidant-vault verify --passphrase-file new
	[ "$status" -eq 1 ]
	[[ "$output" == *"recovery.age is not the file the manifest names"* ]]
	rm $V/recovery.age
	run aidant-vault verify --passphrase-file new
	[[ "$output" == *"recovery.age is missing"* ]]
	rm $V/names.age
	run aidant-vault verify --passphrase-file new
	[ "$status" -eq 1 ]
	[[ "$output" == *"names.age is missing"* ]]
}

@test "an index put in a domain the manifest does not name is reported" {
	mkdir -p $V/famille
	cp $V/social/index.age $V/famille/index.age
	verify_says "famille/index.age is not named by the manifest: a file put there by someone else"
	write_refused
}

@test "vault.json signed again with another key: 77 for the owner and for a helper" {
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw 2>/dev/null
	id=$(jq -r .manifest.id $V/vault.json)
	# the helper opens once: the owner's key is remembered in the helper's home
	run env AIDANT_HOME="$BATS_TEST_TMPDIR/hhome" aidant-vault list --vault $V --identity helper.key
	[ "$status" -eq 0 ]
	[[ "$output" == *"first opening of this vault here: the key of its owner ($(jq -r .manifest.recipient $V/vault.json)) is remembered"* ]]
	[ -f "hhome/vault-seen/$id" ]
	# someone makes a vault of their own and puts its vault.json, signed by them, in place
	printf 'evil\n' > evil.pw
	AIDANT_HOME="$BATS_TEST_TMPDIR/ehome" aidant-vault init --owner X --passphrase-file evil.pw > /dev/null 2>&1
	cp ehome/vault/vault.json $V/vault.json
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 77 ]
	[[ "$output" == *"vault.json is signed by another key than the owner's: it was replaced"* ]]
	# a helper whose home saw that vault id with the owner's key refuses it
	eid=$(jq -r .manifest.id $V/vault.json)
	cp "hhome/vault-seen/$id" "hhome/vault-seen/$eid"
	run env AIDANT_HOME="$BATS_TEST_TMPDIR/hhome" aidant-vault list --vault $V --identity helper.key
	[ "$status" -eq 77 ]
	[[ "$output" == *"signed by another key than the one this computer saw for this vault"* ]]
}

@test "vault.json changed by hand: 65" {
	jq '.manifest.shares += [{"domain":"identite","recipient":"'"$helper"'","since":"2026-01-01"}]' \
		$V/vault.json > tampered && cp tampered $V/vault.json
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"vault.json was not signed by the owner"* ]]
	run aidant-vault list --identity helper.key
	[ "$status" -eq 65 ]
	# fields missing or of another type: named, never a crash (found by fuzz_vault_manifest)
	for edit in 'del(.manifest.recipient)' '.manifest.shares[0].recipient = 7' '.manifest.files = []' \
		'.manifest.remove = ["../../etc/passwd"]' '.manifest.rekey = {"social": "later"}'; do
		jq "$edit" tampered > edited && cp edited $V/vault.json
		run aidant-vault list --passphrase-file pw
		[ "$status" -eq 65 ]
		[[ "$output" == *"vault.json: not a vault manifest"* ]]
	done
}

@test "a vault of the older format is named and refused with 78" {
	jq '.format = "aidant-vault/1"' $V/vault.json > old && cp old $V/vault.json
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 78 ]
	[[ "$output" == *"a vault of another format (aidant-vault/1); this version reads aidant-vault/2 only"* ]]
}

@test "verify --accept: the owner takes a backup put back on purpose; it is checked as it is" {
	cp -a $V old-vault
	aidant-vault add --domain impots avis.txt --passphrase-file pw > /dev/null 2>&1
	rm -rf $V && cp -a old-vault $V
	write_refused
	run aidant-vault verify --accept --identity helper.key
	[ "$status" -eq 77 ]
	run aidant-vault verify --accept --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"the vault is accepted as it now is (version 6)"* ]]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ]
	run aidant-vault add --domain impots avis.txt --passphrase-file pw
	[ "$status" -eq 0 ]
	# the copy of the home follows
	[ "$(jq .version home/vault-seen/*)" -eq 7 ]
}

@test "verify --accept of a deleted index takes its objects back untitled" {
	rm $V/social/index.age
	run aidant-vault verify --accept --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"social/index.age: accepted as deleted"* ]]
	[[ "$output" == *"social/$caf.age: taken back into the index, untitled"* ]]
	aidant-vault get "$caf" --passphrase-file pw | cmp - caf.txt
}

@test "verify --accept refuses a file that is not the owner's" {
	age -r "$helper" -o $V/identite/index.age cni.txt
	run aidant-vault verify --accept --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"identite/index.age: no identity matches"*"it cannot be accepted"* ]]
	write_refused
}
