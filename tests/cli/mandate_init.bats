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
	[ "$(stat -c %a "$SDIR/structure.key")" = 600 ]
	head -n 1 "$SDIR/structure.key" | grep -q '^untrusted comment: minisign encrypted secret key$'
	run aidant-mandate -q pubkey
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$SDIR/structure.pub")" ]
	[[ "${lines[0]}" == "untrusted comment: minisign public key "* ]]
}

@test "the stock minisign signs with the structure key and the passphrase" {
	aidant-mandate -q init --name "CCAS" --siret 21730065600018 --passphrase-file "$PASS"
	echo "bonjour" >"$BATS_TEST_TMPDIR/m"
	run sh -c "minisign -S -s '$SDIR/structure.key' -m '$BATS_TEST_TMPDIR/m' < '$PASS'"
	[ "$status" -eq 0 ]
	run minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/m"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Signature and comment signature verified"* ]]
}

@test "a key made by minisign -G becomes the structure key" {
	printf 'mot de passe\nmot de passe\n' | minisign -G -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null 2>&1
	echo 'mot de passe' >"$BATS_TEST_TMPDIR/kp"
	run aidant-mandate init --name "France Services" --siret 21010053100017 \
		--import-key "$BATS_TEST_TMPDIR/k.key" --passphrase-file "$BATS_TEST_TMPDIR/kp"
	[ "$status" -eq 0 ]
	cmp "$BATS_TEST_TMPDIR/k.pub" "$SDIR/structure.pub"
}

@test "an unencrypted key made by minisign -G -W is imported without a passphrase" {
	minisign -G -W -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null
	run aidant-mandate init --name "Mairie" --siret 21010053100017 --import-key "$BATS_TEST_TMPDIR/k.key"
	[ "$status" -eq 0 ]
	cmp "$BATS_TEST_TMPDIR/k.pub" "$SDIR/structure.pub"
}

@test "init --unencrypted warns, and minisign reads the key without a passphrase" {
	run aidant-mandate -q init --name "Mairie" --siret 21010053100017 --unencrypted
	[ "$status" -eq 0 ]
	[[ "$output" == *"warning: the structure key is stored unencrypted"* ]]
	echo x >"$BATS_TEST_TMPDIR/m"
	minisign -S -s "$SDIR/structure.key" -m "$BATS_TEST_TMPDIR/m" </dev/null >/dev/null
	minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/m" >/dev/null
}

@test "a wrong passphrase for an imported key is refused (77) and nothing is written" {
	printf 'secret\nsecret\n' | minisign -G -p "$BATS_TEST_TMPDIR/k.pub" -s "$BATS_TEST_TMPDIR/k.key" >/dev/null 2>&1
	echo 'not it' >"$BATS_TEST_TMPDIR/bad"
	run aidant-mandate init --name "X" --siret 21010053100017 --import-key "$BATS_TEST_TMPDIR/k.key" \
		--passphrase-file "$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 77 ]
	[[ "$output" == *"error: "*"wrong passphrase"* ]]
	[ ! -e "$SDIR/structure.key" ]
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
	for c in init pubkey structure aidant usager create check use revoke renew list show attestation journal checkpoint verify; do
		run aidant-mandate "$c" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: aidant-mandate $c"* ]]
	done
}

@test "init makes the structure identity: its folder, modes, structure.json; show and set" {
	run aidant-mandate -q init --name "CCAS de Chambéry" --siret 21730065600018 \
		--address "4 rue de la Paix, 73000 Chambéry" --phone "04 79 00 00 00" --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$SDIR")" = 700 ]
	[ "$(stat -c %a "$SDIR/structure.key")" = 600 ]
	[ "$(stat -c %a "$SDIR/structure.pub")" = 644 ]
	[ "$(stat -c %a "$SDIR/structure.json")" = 600 ]
	[ ! -e "$KEYDIR/structure.key" ]
	id=$(jq -r .key_id "$SDIR/structure.json")
	[ "$(jq -r .siret "$SDIR/structure.json")" = 21730065600018 ]
	# minisign prints the id without its leading zeros
	[[ "$(head -n 1 "$SDIR/structure.pub")" == *" ${id#"${id%%[!0]*}"}" ]]
	run aidant-mandate -q structure show --format json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .address)" = "4 rue de la Paix, 73000 Chambéry" ]
	[ "$(echo "$output" | jq -r .key_id)" = "$id" ]
	run aidant-mandate -q structure set --phone "" --address "Place de l'Hôtel de Ville"
	[ "$status" -eq 0 ]
	[ "$(jq -r .address "$SDIR/structure.json")" = "Place de l'Hôtel de Ville" ]
	[ "$(jq -r .phone "$SDIR/structure.json")" = null ]
	[ "$(stat -c %a "$SDIR/structure.json")" = 600 ]
	run aidant-mandate structure set --phone $'04\x01'
	[ "$status" -eq 64 ]
	[[ "$output" == *"--phone: not one line of UTF-8 text"* ]]
	run aidant-mandate structure set
	[ "$status" -eq 64 ]
	run aidant-mandate init --name "CCAS de Chambéry" --siret 21730065600018 --passphrase-file "$PASS"
	[ "$status" -eq 73 ]
	[[ "$output" == *"error: aidant-mandate is already set up in"* ]]
}

@test "init reuses the structure another tool made, and moves the key of an older aidant-mandate" {
	aidant-mandate -q init --name "Mairie" --siret 21010053100017 --passphrase-file "$PASS"
	id=$(jq -r .key_id "$SDIR/structure.json")
	# as if aidant-diag init had made the structure: no journal yet
	rm "$AIDANT_HOME"/mandate.db*
	run aidant-mandate init --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[[ "$output" == *"the structure Mairie (key $id) is used"* ]]
	[ "$(jq -r .key_id "$SDIR/structure.json")" = "$id" ]
	# an older aidant-mandate kept its key in mandate/
	rm "$AIDANT_HOME"/mandate.db*
	mv "$SDIR/structure.key" "$SDIR/structure.pub" "$KEYDIR/"
	rm -r "$SDIR"
	run aidant-mandate pubkey
	[ "$status" -eq 0 ]
	[[ "$output" == *"the structure key moved from $AIDANT_HOME/mandate to $SDIR"* ]]
	[ ! -e "$KEYDIR/structure.key" ]
	[ "$(stat -c %a "$SDIR/structure.key")" = 600 ]
	[ "$(jq -r .key_id "$SDIR/structure.json")" = "$id" ]
	run aidant-mandate init --name "Autre" --siret 21010053100017 --passphrase-file "$PASS"
	[ "$status" -eq 73 ]
	[[ "$output" == *"a structure already exists in $AIDANT_HOME: "* ]]
}
