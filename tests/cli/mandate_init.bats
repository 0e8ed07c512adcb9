#!/usr/bin/env bats
# aidant-mandate init and pubkey: the structure key in minisign's formats, both ways.

load mandate_setup

setup() {
	mandate_setup
}

@test "init writes a minisign key pair and pubkey prints the public key" {
	run aidant-mandate init --name "CCAS de Chambéry" --siret 21730065600018 --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[[ "$output" == *"key id: "* ]]
	[ "$(stat -c %a "$KEYDIR/structure.key")" = 600 ]
	head -n 1 "$KEYDIR/structure.key" | grep -q '^untrusted comment: minisign encrypted secret key$'
	run aidant-mandate -q pubkey
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$KEYDIR/structure.pub")" ]
	[[ "${lines[0]}" == "untrusted comment: minisign public key "* ]]
}

@test "the stock minisign signs with the structure key and the passphrase" {
	aidant-mandate -q init --name "CCAS" --siret 21730065600018 --passphrase-file "$PASS"
	echo "bonjour" >"$BATS_TEST_TMPDIR/m"
	run sh -c "minisign -S -s '$KEYDIR/structure.key' -m '$BATS_TEST_TMPDIR/m' < '$PASS'"
	[ "$status" -eq 0 ]
	run minisign -V -p "$KEYDIR/structure.pub" -m "$BATS_TEST_TMPDIR/m"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Signature and comment signature verified"* ]]
}

@test "a key made by minisign -G becomes the structure key" {
	printf 'mot de passe\nmot de passe\n' | minisign -G -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null 2>&1
	echo 'mot de passe' >"$BATS_TEST_TMPDIR/kp"
	run aidant-mandate init --name "France Services" --siret 21010053100017 \
		--import-key "$BATS_TEST_TMPDIR/k.key" --passphrase-file "$BATS_TEST_TMPDIR/kp"
	[ "$status" -eq 0 ]
	cmp "$BATS_TEST_TMPDIR/k.pub" "$KEYDIR/structure.pub"
}

@test "an unencrypted key made by minisign -G -W is imported without a passphrase" {
	minisign -G -W -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null
	run aidant-mandate init --name "Mairie" --siret 21010053100017 --import-key "$BATS_TEST_TMPDIR/k.key"
	[ "$status" -eq 0 ]
	cmp "$BATS_TEST_TMPDIR/k.pub" "$KEYDIR/structure.pub"
}

@test "init --unencrypted warns, and minisign reads the key without a passphrase" {
	run aidant-mandate -q init --name "Mairie" --siret 21010053100017 --unencrypted
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: the structure key is stored unencrypted"* ]]
	echo x >"$BATS_TEST_TMPDIR/m"
	minisign -S -s "$KEYDIR/structure.key" -m "$BATS_TEST_TMPDIR/m" </dev/null >/dev/null
	minisign -V -p "$KEYDIR/structure.pub" -m "$BATS_TEST_TMPDIR/m" >/dev/null
}

@test "a wrong passphrase for an imported key is refused (77) and nothing is written" {
	printf 'secret\nsecret\n' | minisign -G -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null 2>&1
	echo 'not it' >"$BATS_TEST_TMPDIR/bad"
	run aidant-mandate init --name "X" --siret 21010053100017 --import-key "$BATS_TEST_TMPDIR/k.key" \
		--passphrase-file "$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 77 ]
	[[ "$output" == *"error: "*"wrong passphrase"* ]]
	[ ! -e "$KEYDIR/structure.key" ]
	[ ! -e "$AIDANT_HOME/mandate.db" ]
}

@test "init refuses a second structure (73), a bad SIRET (64) and missing options (64)" {
	aidant-mandate -q init --name "A" --siret 21010053100017 --passphrase-file "$PASS"
	run aidant-mandate init --name "B" --siret 21010053100017 --passphrase-file "$PASS"
	[ "$status" -eq 73 ]
	[[ "$output" == *"error: a structure already exists in"* ]]
	run aidant-mandate --home "$BATS_TEST_TMPDIR/other" init --name "B" --siret 123
	[ "$status" -eq 64 ]
	[[ "$output" == *"--siret: '123' is not 14 digits"* ]]
	run aidant-mandate --home "$BATS_TEST_TMPDIR/other" init --siret 21010053100017
	[ "$status" -eq 64 ]
	run aidant-mandate --home "$BATS_TEST_TMPDIR/other" init --name B --siret 21010053100017 --unencrypted --import-key x
	[ "$status" -eq 64 ]
}

@test "commands before init say to run init (78); help is printed for every command" {
	run aidant-mandate pubkey
	[ "$status" -eq 78 ]
	[[ "$output" == *"run 'aidant-mandate init' first"* ]]
	for c in init pubkey aidant usager create check use revoke renew list show attestation journal checkpoint verify; do
		run aidant-mandate "$c" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: aidant-mandate $c"* ]]
	done
}
