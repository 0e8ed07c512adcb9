#!/usr/bin/env bats
# aidant-vault and what people really type or hold: text that is not UTF-8 (a Latin-1
# file name, an owner, a title, a helper's name, a login, a password typed on an old
# terminal) is refused with one clear line and nothing stored, never dropped or
# crashed on; and binary plaintext is never written to a terminal.

bats_require_minimum_version 1.5.0

load vault_lib

setup() {
	vault_env
	echo "avis 2025" > avis.txt
	latin1=$(printf 'Ren\xe9e')
}

@test "an owner, a title, a helper's name that are not UTF-8: 64, nothing written" {
	run aidant-vault init --owner "$latin1" --vault v2 --passphrase-file pw
	[ "$status" -eq 64 ]
	[[ "$output" == *"--owner: not UTF-8 text (typed or named in another encoding?)"* ]]
	[ ! -e v2/vault.json ]
	run aidant-vault add --domain impots --title "$latin1" avis.txt --passphrase-file pw
	[ "$status" -eq 64 ]
	[[ "$output" == *"--title: not UTF-8 text"* ]]
	[ ! -e $V/impots ]
	age-keygen -o helper.key 2>/dev/null
	run aidant-vault share --domain impots --with "$(age-keygen -y helper.key)" --name "$latin1" --passphrase-file pw
	[ "$status" -eq 64 ]
	[[ "$output" == *"--name: not UTF-8 text"* ]]
	jq -e '.manifest.shares == []' $V/vault.json
}

@test "a file named in Latin-1: 65 naming it, nothing added" {
	cp avis.txt "$(printf 'r\xe9sum\xe9.txt')"
	run aidant-vault add --domain impots avis.txt "$(printf 'r\xe9sum\xe9.txt')" --passphrase-file pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"the file name is not UTF-8 (made on another system?): rename the file"* ]]
	[ ! -e $V/impots ]
	run aidant-vault verify --passphrase-file pw
	[ "$status" -eq 0 ]
}

@test "a credential's name, login or url not in UTF-8: 64; a Latin-1 password: 65" {
	printf 'mot2passe\n' > caf.pw
	aidant-vault secret set caf --domain social --passphrase-file pw --password-file caf.pw 2>/dev/null
	run aidant-vault secret set "$latin1" --domain social --passphrase-file pw --password-file caf.pw
	[ "$status" -eq 64 ]
	run aidant-vault secret set caf --login "$latin1" --domain social --passphrase-file pw --password-file caf.pw
	[ "$status" -eq 64 ]
	[[ "$output" == *"--login: not UTF-8 text"* ]]
	run aidant-vault secret set caf --url "$latin1" --domain social --passphrase-file pw --password-file caf.pw
	[ "$status" -eq 64 ]
	printf 'caf\xe9\n' > latin1.pw
	run aidant-vault secret set caf --domain social --passphrase-file pw --password-file latin1.pw
	[ "$status" -eq 65 ]
	[[ "$output" == *"the password is not UTF-8 text (typed on a terminal in another encoding?): nothing was stored"* ]]
	run --separate-stderr aidant-vault secret get caf --field password --passphrase-file pw
	[ "$output" = mot2passe ]
}

@test "get refuses to write binary data to a terminal, not text; -o still works" {
	command -v script >/dev/null || skip "script (util-linux) absent: no terminal"
	head -c 20000 /dev/urandom > scan.pdf
	bin=$(aidant-vault add --domain identite scan.pdf --passphrase-file pw 2>/dev/null)
	txt=$(aidant-vault add --domain impots avis.txt --passphrase-file pw 2>/dev/null)
	run script -qec "aidant-vault get $bin --passphrase-file pw" /dev/null
	[[ "$output" == *"refusing to write binary data to a terminal: use -o <file>"* ]]
	run script -qec "aidant-vault get $bin --passphrase-file pw; echo status=\$?" /dev/null
	[[ "$output" == *"status=64"* ]]
	run script -qec "aidant-vault get $txt --passphrase-file pw" /dev/null
	[[ "$output" == *"avis 2025"* ]]
	# the age plumbing too, as the stock age does
	aidant-vault age decrypt --passphrase-file pw -o id.txt $V/identity.age
	run script -qec "aidant-vault age decrypt -i id.txt $V/identite/$bin.age" /dev/null
	[[ "$output" == *"refusing to write binary data to a terminal"* ]]
	aidant-vault get "$bin" --passphrase-file pw | cmp - scan.pdf
}
