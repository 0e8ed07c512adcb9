#!/usr/bin/env bats
# aidant-vault share, unshare, shares and a helper's access; secrets; the signed
# configuration.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_KDF_LIGHT=1
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	cd "$BATS_TEST_TMPDIR"
	printf 'correct horse\n' > pw
	printf 'helper pass\n' > hpw
	aidant-vault init --owner "Mme Exemple" --passphrase-file pw > /dev/null 2>&1
	echo "carte" > cni.txt
	echo "attestation" > caf.txt
	cni=$(aidant-vault add --domain identite cni.txt --passphrase-file pw 2>/dev/null)
	caf=$(aidant-vault add --domain social caf.txt --passphrase-file pw 2>/dev/null)
	helper=$(aidant-vault keygen --aidant --passphrase-file hpw 2>/dev/null)
	V=home/vault
}

@test "a helper sees and gets only the domain shared with them" {
	aidant-vault share --domain identite --with "$helper" --name "Mme X, CCAS" --passphrase-file pw
	run --separate-stderr aidant-vault --format json list --as-aidant --passphrase-file hpw
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r 'length')" = 1 ]
	[ "$(echo "$output" | jq -r '.[0].id')" = "$cni" ]
	run aidant-vault get "$cni" --as-aidant --passphrase-file hpw
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = carte ]
	run aidant-vault get "$caf" --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
	[[ "$output" == *"the domain social is not shared with you"* ]]
	run aidant-vault list --domain social --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
	run aidant-vault add --domain identite cni.txt --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
}

@test "a helper with nothing shared is refused" {
	run aidant-vault list --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
	[[ "$output" == *"nothing in this vault is shared with you"* ]]
}

@test "a domain shared with a stock age-keygen identity decrypts with age -d -i" {
	age-keygen -o stock.key 2>/dev/null
	aidant-vault share --domain social --with "$(age-keygen -y stock.key)" --name "M. Y" --passphrase-file pw
	age -d -i stock.key $V/social/$caf.age | cmp - caf.txt
	age -d -i stock.key $V/social/index.age | jq -e '.domain == "social"'
	run age -d -i stock.key $V/identite/$cni.age
	[ "$status" -ne 0 ]
	run --separate-stderr aidant-vault --format json list --identity stock.key
	[ "$(echo "$output" | jq -r '.[0].id')" = "$caf" ]
}

@test "shares lists who sees what until when" {
	aidant-vault share --domain identite --with "$helper" --name "Mme X, CCAS" --until 2026-12-31 --passphrase-file pw
	run --separate-stderr aidant-vault --format json shares --passphrase-file pw
	[ "$(echo "$output" | jq -r '.[0].name')" = "Mme X, CCAS" ]
	[ "$(echo "$output" | jq -r '.[0].until')" = 2027-01-01T00:00:00+01:00 ]
	[ "$(echo "$output" | jq -r '.[0].state')" = active ]
}

@test "after --until the helper is refused and the owner's next unlock re-keys" {
	aidant-vault share --domain identite --with "$helper" --name "Mme X" --until 2026-12-31 --passphrase-file pw
	cp $V/identite/$cni.age kept.age
	AIDANT_NOW=2027-01-02T09:00 run aidant-vault list --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
	[[ "$output" == *"your access to the domain identite ended on 2027-01-01"* ]]
	AIDANT_NOW=2027-01-02T09:00 run aidant-vault list --passphrase-file pw
	[ "$status" -eq 0 ]
	[[ "$output" == *"the domain is re-keyed"* ]]
	run aidant-vault age decrypt -i home/aidant-identity.age --passphrase-file hpw $V/identite/$cni.age
	[ "$status" -eq 77 ]
	run ! cmp -s kept.age $V/identite/$cni.age
	run --separate-stderr aidant-vault --format json shares --passphrase-file pw
	[ "$output" = "[]" ]
}

@test "unshare re-encrypts with fresh keys; --no-rekey only drops the stanza" {
	aidant-vault share --domain identite --with "$helper" --name "Mme X" --passphrase-file pw
	p1=$(tail -c 38 $V/identite/$cni.age | od -An -tx1)
	aidant-vault unshare --domain identite --with "Mme X" --no-rekey --passphrase-file pw
	[ "$(tail -c 38 $V/identite/$cni.age | od -An -tx1)" = "$p1" ]
	run aidant-vault get "$cni" --as-aidant --passphrase-file hpw
	[ "$status" -eq 77 ]
	aidant-vault share --domain identite --with "$helper" --name "Mme X" --passphrase-file pw
	aidant-vault unshare --domain identite --with "$helper" --passphrase-file pw
	[ "$(tail -c 38 $V/identite/$cni.age | od -An -tx1)" != "$p1" ]
	aidant-vault get "$cni" --passphrase-file pw | cmp - cni.txt
	run aidant-vault unshare --domain identite --with "$helper" --passphrase-file pw
	[ "$status" -eq 66 ]
}

@test "a recipient added to vault.json by someone else is refused" {
	age-keygen -o evil.key 2>/dev/null
	jq --arg r "$(age-keygen -y evil.key)" \
		'.manifest.shares += [{"domain":"identite","recipient":$r,"name":"x","since":"2026-01-01"}]' \
		$V/vault.json > tampered && cp tampered $V/vault.json
	echo new > new.txt
	run aidant-vault add --domain identite new.txt --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"was not signed by the owner"* ]]
	[ "$(ls $V/identite | wc -l)" -eq 2 ]
}

@test "share refuses bad input" {
	run aidant-vault share --domain identite --with age1nope --name X --passphrase-file pw
	[ "$status" -eq 65 ]
	run aidant-vault share --domain identite --with "$helper" --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault share --domain identite --with "$helper" --name X --until 2020-01-01 --passphrase-file pw
	[ "$status" -eq 64 ]
	run aidant-vault share --domain nulle --with "$helper" --name X --passphrase-file pw
	[ "$status" -eq 64 ]
}

@test "secrets: set, list without the password, get a field" {
	printf 'mot2passe\n' > caf.pw
	aidant-vault secret set caf --domain social --login 1234567 --url https://caf.fr \
		--passphrase-file pw --password-fd 3 3< caf.pw
	run --separate-stderr aidant-vault --format json secret list --passphrase-file pw
	[ "$(echo "$output" | jq -r '.[0].login')" = 1234567 ]
	[[ "$output" != *mot2passe* ]]
	run --separate-stderr aidant-vault secret get caf --field password --passphrase-file pw
	[ "$output" = mot2passe ]
	run --separate-stderr aidant-vault --format json secret get caf --passphrase-file pw
	[ "$(echo "$output" | jq -r '.[0].url')" = https://caf.fr ]
	# one source for two secrets: the vault passphrase never becomes the password
	printf 'correct horse\nautre\n' > both
	run setsid -w aidant-vault secret set caf --domain social --passphrase-fd 3 3< both
	[ "$status" -eq 64 ]
	[[ "$output" == *"no terminal to ask the password: use --password-fd or --password-file"* ]]
	run --separate-stderr aidant-vault secret get caf --field password --passphrase-file pw
	[ "$output" = mot2passe ]
	printf 'autre\n' > autre.pw
	aidant-vault secret set caf --domain social --passphrase-file pw --password-file autre.pw
	run --separate-stderr aidant-vault secret get caf --field password --passphrase-file pw
	[ "$output" = autre ]
	[ "$(ls $V/social | wc -l)" -eq 3 ]
	run aidant-vault secret get impots --passphrase-file pw
	[ "$status" -eq 66 ]
	run aidant-vault secret get caf --field pin --passphrase-file pw
	[ "$status" -eq 64 ]
}

@test "a helper reads the secrets of a shared domain only" {
	printf 'mot2passe\n' > caf.pw
	aidant-vault secret set caf --domain social --passphrase-file pw --password-fd 3 3< caf.pw
	aidant-vault secret set ameli --domain sante --passphrase-file pw --password-fd 3 3< caf.pw
	aidant-vault share --domain social --with "$helper" --name "Mme X" --passphrase-file pw
	run --separate-stderr aidant-vault secret get caf --field password --as-aidant --passphrase-file hpw
	[ "$output" = mot2passe ]
	run aidant-vault secret get ameli --as-aidant --passphrase-file hpw
	[ "$status" -eq 66 ]
}

@test "an index written by a helper the domain is shared with is refused" {
	age-keygen -o stock.key 2>/dev/null
	aidant-vault share --domain social --with "$(age-keygen -y stock.key)" --name "M. Y" --passphrase-file pw
	owner=$(jq -r .manifest.recipient $V/vault.json)
	age -d -i stock.key $V/social/index.age | jq -c '.entries = []' |
		age -r "$owner" -r "$(age-keygen -y stock.key)" -o forged.age
	cp forged.age $V/social/index.age
	run aidant-vault list --domain social --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"social/index.age is not the file the manifest names"* ]]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 1 ]
	[[ "$output" == *"social/index.age: not signed by the owner: it was not written by the owner"* ]]
}
