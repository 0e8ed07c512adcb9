#!/usr/bin/env bats
# aidant-diag init and export: the structure identity of common/structure (one key for
# every tool, whichever makes it first) and the portable diagnosis it signs.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	export AIDANT_KDF_LIGHT=1
	T=$BATS_TEST_TMPDIR
	SDIR="$AIDANT_HOME/structure"
	echo "phrase de la médiathèque" >"$T/pass"
}

init() {
	aidant-diag -q init --name "Médiathèque Albert-Camus" --siret 21010053100017 \
		--passphrase-file "$T/pass" "$@"
}

@test "init creates the structure identity and the store; a second init reuses it" {
	run init
	[ "$status" -eq 0 ]
	id=$(jq -r .key_id "$SDIR/structure.json")
	[ "${#id}" -eq 16 ]
	[ "${lines[0]}" = "structure: Médiathèque Albert-Camus (SIRET 21010053100017)" ]
	[ "${lines[1]}" = "key id: $id" ]
	[ "${lines[2]}" = "public key: $SDIR/structure.pub" ]
	[ "$(stat -c %a "$SDIR/structure.key")" = 600 ]
	[ "$(stat -c %a "$SDIR/structure.pub")" = 644 ]
	[ -f "$AIDANT_HOME/diag.db" ]
	head -n 1 "$SDIR/structure.key" | grep -q '^untrusted comment: minisign encrypted secret key$'
	key=$(sha256sum <"$SDIR/structure.key")
	run --separate-stderr aidant-diag init
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"the structure Médiathèque Albert-Camus (key $id) is used"* ]]
	[ "${lines[1]}" = "key id: $id" ]
	[ "$(sha256sum <"$SDIR/structure.key")" = "$key" ]
	# the diagnoses recorded from now on name the structure's key
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	[ "$(aidant-diag -q --format json show 1 | jq -r .diagnosis.structure)" = "$id" ]
}

@test "aidant-mandate init first: aidant-diag init reuses its key, a different name is refused" {
	aidant-mandate -q init --name "Médiathèque Albert-Camus" --siret 21010053100017 \
		--passphrase-file "$T/pass" >/dev/null
	id=$(jq -r .key_id "$SDIR/structure.json")
	key=$(sha256sum <"$SDIR/structure.key")
	run aidant-diag -q init
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "key id: $id" ]
	run init
	[ "$status" -eq 0 ]
	[ "$(ls "$AIDANT_HOME/structure")" = "$(printf 'structure.json\nstructure.key\nstructure.pub')" ]
	[ "$(sha256sum <"$SDIR/structure.key")" = "$key" ]
	run --separate-stderr aidant-diag -q init --name "CCAS de Chambéry" --siret 26730002600015
	[ "$status" -eq 73 ]
	[[ "$stderr" == "aidant-diag: error: a structure already exists in $AIDANT_HOME: Médiathèque Albert-Camus (SIRET 21010053100017)"* ]]
	[ "$(sha256sum <"$SDIR/structure.key")" = "$key" ]
	# the mandate's key signs the diagnosis: its pubkey verifies it
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	aidant-diag -q export 1 -o "$T/d.json" --passphrase-file "$T/pass" >/dev/null
	aidant-mandate -q pubkey >"$T/m.pub"
	run aidant-diag -q verify "$T/d.json" --pubkey "$T/m.pub"
	[ "$status" -eq 0 ]
}

@test "aidant-diag init first: aidant-mandate init reuses its key" {
	init >/dev/null
	id=$(jq -r .key_id "$SDIR/structure.json")
	key=$(sha256sum <"$SDIR/structure.key")
	run aidant-mandate -q init --passphrase-file "$T/pass"
	[ "$status" -eq 0 ]
	[[ "$output" == *"key id: $id"* ]]
	[ "$(sha256sum <"$SDIR/structure.key")" = "$key" ]
	[ "$(aidant-mandate -q pubkey)" = "$(cat "$SDIR/structure.pub")" ]
}

@test "init refuses missing options, a bad SIRET or name (64) and leaves no structure" {
	run --separate-stderr aidant-diag -q init --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-diag: error: --name and --siret are required" ]
	[ "${stderr_lines[1]}" = "try 'aidant-diag init --help'" ]
	run aidant-diag -q init --name X --siret 1234 --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	[[ "$output" == *"--siret: '1234' is not 14 digits"* ]]
	run aidant-diag -q init --name "$(printf 'two\nlines')" --siret 21010053100017 --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	run aidant-diag -q init extra --name X --siret 21010053100017 --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	[ ! -e "$SDIR" ]
	# no passphrase source and no terminal
	run setsid -w aidant-diag -q init --name X --siret 21010053100017 </dev/null
	[ "$status" -eq 64 ]
	[[ "$output" == *"use --passphrase-fd or --passphrase-file"* ]]
	[ ! -e "$SDIR" ]
}

@test "export: before init 78, wrong passphrase 77, no passphrase 64, unknown 66, no -o 64; nothing written" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	run --separate-stderr aidant-diag -q export 1 -o "$T/d.json" --passphrase-file "$T/pass"
	[ "$status" -eq 78 ]
	[ "$stderr" = "aidant-diag: error: no structure in $AIDANT_HOME: run 'aidant-diag init' first" ]
	init >/dev/null
	echo "not the passphrase" >"$T/wrong"
	run --separate-stderr aidant-diag -q export 1 -o "$T/d.json" --passphrase-file "$T/wrong"
	[ "$status" -eq 77 ]
	[ "$stderr" = "aidant-diag: error: wrong passphrase for the structure key" ]
	run setsid -w aidant-diag -q export 1 -o "$T/d.json" </dev/null
	[ "$status" -eq 64 ]
	run --separate-stderr aidant-diag -q export 9 -o "$T/d.json" --passphrase-file "$T/pass"
	[ "$status" -eq 66 ]
	[ "$stderr" = "aidant-diag: error: no diagnosis '9'" ]
	run aidant-diag -q export 1 --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	[[ "$output" == *"-o <file> is required"* ]]
	run aidant-diag -q export 1 -o - --passphrase-file "$T/pass"
	[ "$status" -eq 64 ]
	[ ! -e "$T/d.json" ]
	[ ! -e "$T/d.json.minisig" ]
	[ -z "$(ls -A "$T" | grep "d\.json")" ]
	# a forgotten diagnosis is not exported
	aidant-diag -q forget --usager u-a
	run aidant-diag -q export 1 -o "$T/d.json" --passphrase-file "$T/pass"
	[ "$status" -eq 66 ]
}

@test "export writes the canonical JSON, whose BLAKE2b-256 is the id, and the stock minisign verifies it" {
	command -v minisign >/dev/null || skip "minisign is not installed"
	init >/dev/null
	keyid=$(jq -r .key_id "$SDIR/structure.json")
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q export 1 -o "$T/d.json" --passphrase-file "$T/pass"
	[ "$status" -eq 0 ]
	id=$output
	[ "$id" = "$(aidant-diag -q --format json show 1 | jq -r .id)" ]
	[ "$(b2sum -l 256 "$T/d.json" | cut -c1-16)" = "$id" ]
	# sorted keys, no spaces, UTF-8 (not escaped), no final newline
	[ "$(jq -cS . "$T/d.json")" = "$(cat "$T/d.json")" ]
	[ "$(tail -c 1 "$T/d.json")" = "}" ]
	grep -q 'Maîtrise des outils numériques' "$T/d.json"
	[ "$(jq -r .structure "$T/d.json")" = "$keyid" ]
	[ "$(stat -c %a "$T/d.json")" = 600 ]
	run minisign -V -p "$SDIR/structure.pub" -m "$T/d.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Trusted comment: aidant-diag diagnosis id:$id structure:$keyid" ]]
	# the same diagnosis exports to the same bytes
	cp "$T/d.json" "$T/first.json"
	aidant-diag -q export "$id" -o "$T/d.json" --passphrase-file "$T/pass" >/dev/null
	cmp "$T/d.json" "$T/first.json"
}

@test "--demo: the signature carries the demo mark and proves nothing outside the sandbox" {
	command -v minisign >/dev/null || skip "minisign is not installed"
	export XDG_DATA_HOME="$T/xdg"
	unset AIDANT_HOME
	run aidant-diag -q --demo export 1 -o "$T/demo.json"
	[ "$status" -eq 78 ]
	aidant-diag -q --demo init --name "France Services (démo)" --siret 13001234500018 >/dev/null
	run aidant-diag -q --demo export 1 -o "$T/demo.json"
	[ "$status" -eq 0 ]
	# the document itself is the diagnosis, unmarked: its id stays the hash of the file
	[ "$(jq -r 'has("demo")' "$T/demo.json")" = false ]
	pub="$XDG_DATA_HOME/aidant-demo/structure/structure.pub"
	run minisign -V -p "$pub" -m "$T/demo.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Trusted comment: aidant-diag diagnosis id:"*" DÉMONSTRATION — sans valeur" ]]
	run aidant-diag -q --demo verify "$T/demo.json"
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-diag -q --home "$T/real" verify "$T/demo.json" --pubkey "$pub"
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"a demonstration signature (DÉMONSTRATION — sans valeur): it proves nothing" ]]
	run aidant-diag -q --home "$T/real" import "$T/demo.json" --pubkey "$pub"
	[ "$status" -eq 77 ]
	[ ! -e "$T/real/diag.db" ] || [ "$(sqlite3 "$T/real/diag.db" 'SELECT count(*) FROM diagnosis')" = 0 ]
}
