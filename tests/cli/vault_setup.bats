#!/usr/bin/env bats
# aidant-vault init, passwd, recover, keygen --aidant, destroy: and their refusals.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_KDF_LIGHT=1
	cd "$BATS_TEST_TMPDIR"
	printf 'correct horse\n' > pw
	printf 'wrong horse\n' > bad
}

mkvault() {
	aidant-vault init --owner "Mme Exemple" --passphrase-file pw > init.out 2> init.err
}

@test "init creates the vault, prints a recovery code once, and refuses a second init" {
	run aidant-vault init --owner "Mme Exemple" --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"Recovery code"* ]]
	echo "$output" | grep -Eq '^   [A-HJ-NP-Z]{4}(-[A-HJ-NP-Z]{4}){5}$'
	[ "$(stat -c %a home/vault)" = 700 ]
	[ "$(stat -c %a home/vault/identity.age)" = 600 ]
	[ "$(stat -c %a home/vault/recovery.age)" = 600 ]
	# every file 0600, and no personal name in a clear file
	[ "$(stat -c %a home/vault/vault.json)" = 600 ]
	[ "$(stat -c %a home/vault/names.age)" = 600 ]
	run ! grep -rq "Exemple" home
	jq -e '.manifest.version == 1' home/vault/vault.json
	run aidant-vault init --owner "Mme Exemple" --passphrase-file pw
	[ "$status" -eq 73 ]
	[[ "$output" == *"a vault already exists in"* ]]
}

@test "init needs an owner, and a passphrase source when there is no terminal" {
	run aidant-vault init --passphrase-file pw
	[ "$status" -eq 64 ]
	run setsid -w aidant-vault init --owner X < /dev/null
	[ "$status" -eq 64 ]
	[[ "$output" == *"no terminal to ask the passphrase: use --passphrase-fd or --passphrase-file"* ]]
	[ ! -e home/vault/vault.json ]
}

@test "the identity opens with the stock age and the passphrase" {
	command -v script >/dev/null || skip "script (util-linux) absent: no terminal for age"
	mkvault
	printf 'correct horse\n' | script -qec "age -d -o id.txt home/vault/identity.age" /dev/null >/dev/null
	grep -q '^AGE-SECRET-KEY-1' id.txt
	grep -q "$(jq -r .manifest.recipient home/vault/vault.json)" id.txt
}

@test "a wrong passphrase is refused with 77 and nothing is written" {
	mkvault
	run aidant-vault list --passphrase-file bad
	[ "$status" -eq 77 ]
	[ "$output" = "aidant-vault: error: wrong passphrase" ]
	echo hi > doc.txt
	run aidant-vault add --domain identite doc.txt --passphrase-file bad
	[ "$status" -eq 77 ]
	[ ! -d home/vault/identite ]
}

@test "passwd changes the passphrase" {
	mkvault
	# one source for two secrets: the new passphrase is not the second line
	printf 'correct horse\nnew horse\n' > both
	run setsid -w aidant-vault passwd --passphrase-fd 3 3< both
	[ "$status" -eq 64 ]
	[[ "$output" == *"no terminal to ask the new passphrase: use --new-passphrase-fd or --new-passphrase-file"* ]]
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	printf 'new horse\n' > new
	run aidant-vault passwd --passphrase-file pw --new-passphrase-file new
	[ "$status" -eq 0 ]
	[[ "$output" == *"passphrase changed"* ]]
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 77 ]
	run aidant-vault list --passphrase-file new
	[ "$status" -eq 0 ]
}

@test "recover sets a new passphrase with the code, which then no longer works" {
	mkvault
	code=$(grep -E '^   [A-Z]{4}-' init.out | tr -d ' ')
	printf '%s\nnew horse\n' "$(echo "$code" | tr 'A-Z' 'a-z')" > rec
	# the recovery code never becomes the new passphrase
	run setsid -w aidant-vault recover --recovery-code-fd 3 3< rec
	[ "$status" -eq 64 ]
	[[ "$output" == *"use --new-passphrase-fd or --new-passphrase-file"* ]]
	printf 'new horse\n' > new
	run aidant-vault recover --recovery-code-file rec --new-passphrase-file new
	[ "$status" -eq 0 ]
	[[ "$output" == *"Recovery code"* ]]
	aidant-vault list --passphrase-file new
	run aidant-vault list --passphrase-file rec
	[ "$status" -eq 77 ]
	run aidant-vault recover --recovery-code-file rec --new-passphrase-file new
	[ "$status" -eq 77 ]
	[[ "$output" == *"wrong recovery code"* ]]
}

@test "keygen --aidant makes a passphrase-protected helper identity once" {
	run aidant-vault keygen --aidant --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == age1* ]]
	[ "$(stat -c %a home/aidant-identity.age)" = 600 ]
	head -c 22 home/aidant-identity.age | grep -q 'age-encryption.org/v1'
	run aidant-vault keygen --aidant --passphrase-file pw
	[ "$status" -eq 73 ]
	run aidant-vault keygen --passphrase-file pw
	[ "$status" -eq 64 ]
}

@test "destroy needs --yes and the passphrase, then nothing is left" {
	mkvault
	echo hi > doc.txt
	aidant-vault add --domain identite doc.txt --passphrase-file pw
	run aidant-vault destroy --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault destroy --yes --passphrase-file bad
	[ "$status" -eq 77 ]
	[ -f home/vault/identity.age ]
	run aidant-vault destroy --yes --passphrase-file pw
	[ "$status" -eq 0 ]
	[ ! -e home/vault ]
	# a vault used before its init: 78, with the command to run
	run aidant-vault list --passphrase-file pw
	[ "$status" -eq 78 ]
	[[ "$output" == *"no vault in $BATS_TEST_TMPDIR/home/vault: run 'aidant-vault init' first"* ]]
}

@test "every command has --help" {
	for c in init passwd recover add list get rm verify secret share unshare shares keygen destroy domains types age; do
		run aidant-vault "$c" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: aidant-vault $c"* ]]
	done
}

@test "French messages" {
	mkvault
	LANG=fr_FR.UTF-8 run aidant-vault list --passphrase-file bad
	[ "$status" -eq 77 ]
	[[ "$output" == "aidant-vault : erreur : "*"phrase de passe incorrecte" ]]
}

@test "refusals: usage errors, a wrong current passphrase, owner-only commands" {
	mkvault
	run aidant-vault secret
	[ "$status" -eq 64 ]
	run aidant-vault get --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault add --domain identite --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault list --frobnicate
	[ "$status" -eq 64 ]
	printf 'wrong horse\nnew horse\n' > both
	run aidant-vault passwd --passphrase-fd 3 3< both
	[ "$status" -eq 77 ]
	aidant-vault list --passphrase-file pw
	run aidant-vault recover --as-aidant --passphrase-file pw
	[ "$status" -eq 64 ]
	aidant-vault age keygen -o k.txt 2>/dev/null
	echo hi > doc.txt
	run aidant-vault rm 0123456789ab --identity k.txt
	[ "$status" -eq 77 ]
	run aidant-vault add --domain identite doc.txt --identity k.txt
	[ "$status" -eq 77 ]
	[[ "$output" == *"for the owner of the vault only"* ]]
}

@test "the KDF test knob is only in the test builds: installed programs ignore it" {
	echo secret > pw
	echo hi > doc.txt
	run aidant-vault age encrypt --passphrase-file pw -o light.age doc.txt
	[ "$status" -eq 0 ]
	grep -aq '^-> scrypt [A-Za-z0-9+/]* 10$' light.age
	run "$AIDANT_BUILD/bin/aidant-vault" age encrypt --passphrase-file pw -o real.age doc.txt
	[ "$status" -eq 0 ]
	[[ "$output" != *"AIDANT_KDF_LIGHT"* ]]
	grep -aq '^-> scrypt [A-Za-z0-9+/]* 18$' real.age
}
