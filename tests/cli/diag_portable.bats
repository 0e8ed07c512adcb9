#!/usr/bin/env bats
# aidant-diag verify, import and trust: a portable diagnosis exported by another structure
# (its own home, its own key), checked, then joined to a local history; every change of
# a byte, every other key refused, and the store left as it was.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	command -v minisign >/dev/null || skip "minisign is not installed"
	export AIDANT_KDF_LIGHT=1
	T=$BATS_TEST_TMPDIR
	OTHER="$T/other"
	echo "phrase du CCAS" >"$T/pass"
	aidant-diag -q --home "$OTHER" init --name "CCAS de Chambéry" --siret 26730002600015 \
		--passphrase-file "$T/pass" >/dev/null
	diag_answers u-ccas-7 | aidant-diag -q --home "$OTHER" record --form rapide >/dev/null
	ID=$(aidant-diag -q --home "$OTHER" export 1 -o "$T/d.json" --passphrase-file "$T/pass")
	PUB="$OTHER/structure/structure.pub"
	KEYID=$(jq -r .key_id "$OTHER/structure/structure.json")
}

# The local store as text, to compare before and after a refusal.
dump() { if [ -f "$AIDANT_HOME/diag.db" ]; then sqlite3 "$AIDANT_HOME/diag.db" .dump; fi; }

@test "verify: valid with --pubkey, a trusted key or the structure's own; 77 with an unknown key" {
	run aidant-diag -q verify "$T/d.json" --pubkey "$PUB"
	[ "$status" -eq 0 ]
	[ "$output" = "valid: diagnosis $ID of 2026-11-23, signed by the key given (key $KEYID)" ]
	run --separate-stderr aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 77 ]
	[ "$stderr" = "aidant-diag: error: $T/d.json: does not hold: signed by key $KEYID, which is not trusted ('aidant-diag trust add' or --pubkey)" ]
	run aidant-diag -q trust add "$PUB" --name "CCAS de Chambéry"
	[ "$output" = "$KEYID" ]
	run aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"signed by CCAS de Chambéry (key $KEYID)" ]]
	run aidant-diag -q --home "$OTHER" verify "$T/d.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"signed by this structure (key $KEYID)" ]]
	# a structure of one's own does not hide the trusted keys
	aidant-diag -q init --name "Médiathèque" --siret 21010053100017 --passphrase-file "$T/pass" >/dev/null
	run aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"signed by CCAS de Chambéry"* ]]
	run aidant-diag -q verify "$T/d.json" --pubkey "$AIDANT_HOME/structure/structure.pub"
	[ "$status" -eq 77 ]
	[[ "$output" == *"signed by the key $KEYID, not by the trusted key "* ]]
}

@test "any changed byte, of the file or its signature, fails the stock minisign, verify and import (65)" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	size=$(stat -c %s "$T/d.json")
	for off in 0 1 10 $((size / 3)) $((size / 2)) $((size - 2)) $((size - 1)); do
		cp "$T/d.json" "$T/x.json"
		cp "$T/d.json.minisig" "$T/x.json.minisig"
		byte=$(dd if="$T/x.json" bs=1 skip="$off" count=1 2>/dev/null)
		if [ "$byte" = Z ]; then new=Y; else new=Z; fi
		printf '%s' "$new" | dd of="$T/x.json" bs=1 seek="$off" conv=notrunc 2>/dev/null
		run minisign -V -p "$PUB" -m "$T/x.json"
		[ "$status" -ne 0 ] || { echo "minisign accepted offset $off"; return 1; }
		run --separate-stderr aidant-diag -q verify "$T/x.json"
		[ "$status" -eq 65 ] || { echo "offset $off: $status $stderr"; return 1; }
		[ "$stderr" = "aidant-diag: error: $T/x.json: does not hold: the signature does not match the data" ]
		run aidant-diag -q import "$T/x.json"
		[ "$status" -eq 65 ]
	done
	# the trusted comment changed
	cp "$T/d.json" "$T/x.json"
	sed 's/^trusted comment: .*/trusted comment: aidant-diag diagnosis id:0000000000000000/' \
		"$T/d.json.minisig" >"$T/x.json.minisig"
	run minisign -V -p "$PUB" -m "$T/x.json"
	[ "$status" -ne 0 ]
	run --separate-stderr aidant-diag -q import "$T/x.json"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"the signature of the trusted comment does not match" ]]
	# a byte of the signature itself
	sed '2s/^\(.\{20\}\)./\1A/' "$T/d.json.minisig" >"$T/x.json.minisig"
	cmp -s "$T/d.json.minisig" "$T/x.json.minisig" && sed -i '2s/^\(.\{20\}\)./\1B/' "$T/x.json.minisig"
	run aidant-diag -q import "$T/x.json"
	[ "$status" -eq 65 ]
	[ "$(dump)" = "$before" ]
}

@test "a truncated diagnosis, a broken or missing signature are refused with one line" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	for n in 0 1 100 $(($(stat -c %s "$T/d.json") - 1)); do
		head -c "$n" "$T/d.json" >"$T/x.json"
		cp "$T/d.json.minisig" "$T/x.json.minisig"
		run --separate-stderr aidant-diag -q import "$T/x.json"
		[ "$status" -eq 65 ] || { echo "$n bytes: $status"; return 1; }
		[ "${#stderr_lines[@]}" -eq 1 ]
	done
	cp "$T/d.json" "$T/x.json"
	head -n 2 "$T/d.json.minisig" >"$T/x.json.minisig"
	run --separate-stderr aidant-diag -q import "$T/x.json"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-diag: error: $T/x.json.minisig: does not hold: not a minisign key or signature" ]
	rm "$T/x.json.minisig"
	run --separate-stderr aidant-diag -q import "$T/x.json"
	[ "$status" -eq 66 ]
	[[ "$stderr" == "aidant-diag: error: cannot read $T/x.json.minisig: "* ]]
	[ "$(dump)" = "$before" ]
}

@test "a diagnosis changed and re-signed by another key is refused (77), with --pubkey too" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	minisign -G -W -p "$T/evil.pub" -s "$T/evil.key" >/dev/null
	evil=$(sed -n 2p "$T/evil.pub" | base64 -d | od -An -tx1 -j2 -N8 | tr -d ' \n' | fold -w2 | tac | tr -d '\n' | tr a-f A-F)
	jq -cjS '.result.autonomie = "autonome"' "$T/d.json" >"$T/x.json"
	minisign -S -s "$T/evil.key" -m "$T/x.json" -t "aidant-diag diagnosis structure:$KEYID" >/dev/null
	run --separate-stderr aidant-diag -q import "$T/x.json"
	[ "$status" -eq 77 ]
	[ "$stderr" = "aidant-diag: error: $T/x.json: does not hold: signed by key $evil, which is not trusted ('aidant-diag trust add' or --pubkey)" ]
	run --separate-stderr aidant-diag -q verify "$T/x.json" --pubkey "$PUB"
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"signed by the key $evil, not by the trusted key $KEYID" ]]
	[ "$(dump)" = "$before" ]
}

@test "signed by the trusted key but not a diagnosis, or naming another one: 65" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	key="$OTHER/structure/structure.key"
	jq . "$T/d.json" >"$T/pretty.json"
	minisign -S -s "$key" -m "$T/pretty.json" <"$T/pass" >/dev/null
	run --separate-stderr aidant-diag -q import "$T/pretty.json"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-diag: error: $T/pretty.json: not a portable diagnosis (aidant-diag/1 canonical JSON)" ]
	printf '{"a":1}' >"$T/other.json"
	minisign -S -s "$key" -m "$T/other.json" <"$T/pass" >/dev/null
	run aidant-diag -q import "$T/other.json"
	[ "$status" -eq 65 ]
	cp "$T/d.json" "$T/named.json"
	minisign -S -s "$key" -m "$T/named.json" -t "aidant-diag diagnosis id:0123456789abcdef" <"$T/pass" >/dev/null
	run --separate-stderr aidant-diag -q import "$T/named.json"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-diag: error: $T/named.json: the signature names diagnosis 0123456789abcdef, the file is $ID" ]
	# signed by the stock minisign with a trusted comment of its own: the signature is what counts
	cp "$T/d.json" "$T/stock.json"
	minisign -S -s "$key" -m "$T/stock.json" <"$T/pass" >/dev/null
	run aidant-diag -q verify "$T/stock.json"
	[ "$status" -eq 0 ]
	[ "$(dump)" = "$before" ]
}

@test "signed by the trusted key, a document whose fields are not as aidant-diag writes them: 65, nothing stored" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	key="$OTHER/structure/structure.key"
	# each change, then the field the refusal names
	while IFS='|' read -r change field; do
		jq -cjS "$change" "$T/d.json" >"$T/x.json"
		minisign -S -s "$key" -m "$T/x.json" <"$T/pass" >/dev/null
		run --separate-stderr aidant-diag -q import "$T/x.json"
		[ "$status" -eq 65 ] || { echo "$change: $status $output"; return 1; }
		[ "$stderr" = "aidant-diag: error: $T/x.json: not a portable diagnosis: $field: not as aidant-diag/1 writes it" ] ||
			{ echo "$change: $stderr"; return 1; }
		run aidant-diag -q verify "$T/x.json"
		[ "$status" -eq 65 ]
	done <<'CHANGES'
.result.strengths = [1]|result.strengths
.result.strengths = ["4.3"]|result.strengths
del(.result.orientation.services)|result.orientation
.result.orientation.modalites_acces = "Se présenter"|result.orientation
.result.levels["1.1"] = "x"|result.levels
.result.levels["1.1"] = 9|result.levels
.result.levels["9.9"] = 1|result.levels
.result.barriers = [null]|result.barriers
.result.needs = {}|result.needs
.result.autonomie = "total"|result.autonomie
.usager = "Jean Dupont"|usager
.date = "2026-13-45"|date
.framework = "other"|framework
.form = ""|form
.answers.email = "non"|answers
.structure = 5|structure
CHANGES
	# a control character that would drive the terminal of show
	# (jansson writes the escape in capitals: the file stays canonical)
	jq -cjS '.result.barriers = ["\u001b[2J"]' "$T/d.json" | sed 's/\\u001b/\\u001B/' >"$T/x.json"
	minisign -S -s "$key" -m "$T/x.json" <"$T/pass" >/dev/null
	run --separate-stderr aidant-diag -q import "$T/x.json"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-diag: error: $T/x.json: not a portable diagnosis: a control character: not as aidant-diag/1 writes it" ]
	[ "$(dump)" = "$before" ]
}

@test "import keeps the global id and joins the person's history under a local pseudonym" {
	diag_answers u-local 2026-10-01 | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q import "$T/d.json" --pubkey "$PUB" --usager u-local
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	run aidant-diag -q --format json show 2
	[ "$(echo "$output" | jq -r '"\(.id) \(.usager) \(.source) \(.signer) \(.diagnosis.usager)"')" = "$ID u-local import $KEYID u-ccas-7" ]
	# the same id here as there, and the same bytes when exported again
	[ "$(aidant-diag -q --home "$OTHER" --format json show 1 | jq -r .id)" = "$ID" ]
	aidant-diag -q init --name "Médiathèque" --siret 21010053100017 --passphrase-file "$T/pass" >/dev/null
	run aidant-diag -q export 2 -o "$T/again.json" --passphrase-file "$T/pass"
	[ "$output" = "$ID" ]
	cmp "$T/d.json" "$T/again.json"
	run aidant-diag -q --format json compare 1 2
	[ "$status" -eq 0 ]
	run aidant-diag -q list --format ndjson --usager u-local
	[ "$(echo "${lines[1]}" | jq -r '"\(.source) \(.id) \(.signer)"')" = "import $ID $KEYID" ]
	# importing it again changes nothing
	run --separate-stderr aidant-diag import "$T/d.json" --pubkey "$PUB"
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	[[ "$stderr" == *"already in the history as 2"* ]]
	run aidant-diag -q import "$T/d.json" --pubkey "$PUB" --usager "Jean Dupont"
	[ "$status" -eq 64 ]
}

@test "import into a locked store exits 75 and stores nothing" {
	aidant-diag -q trust add "$PUB" --name CCAS >/dev/null
	before=$(dump)
	mkfifo "$T/hold"
	{ echo 'BEGIN IMMEDIATE; CREATE TABLE lockme(x);'; cat "$T/hold"; echo 'ROLLBACK;'; } |
		sqlite3 "$AIDANT_HOME/diag.db" &
	sleep 0.3
	run --separate-stderr env AIDANT_BUSY_TIMEOUT=100 aidant-diag -q import "$T/d.json"
	echo >"$T/hold"
	wait
	[ "$status" -eq 75 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[ "$stderr" = "aidant-diag: error: database: the store is in use by another command, try again" ]
	[ "$(dump)" = "$before" ]
}

@test "trust list and rm; trust add refuses what is not a public key" {
	aidant-diag -q trust add "$PUB" --name "CCAS" >/dev/null
	run aidant-diag -q --format json trust list
	[ "$(echo "$output" | jq -r '.[0] | "\(.name) \(.keyid)"')" = "CCAS $KEYID" ]
	run aidant-diag -q trust rm CCAS
	[ "$status" -eq 0 ]
	run aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 77 ]
	run aidant-diag -q trust rm CCAS
	[ "$status" -eq 66 ]
	run --separate-stderr aidant-diag -q trust add "$T/d.json" --name X
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-diag: error: $T/d.json: not a minisign key or signature" ]
	run aidant-diag -q trust add "$T/none.pub" --name X
	[ "$status" -eq 66 ]
	run aidant-diag -q trust add "$PUB"
	[ "$status" -eq 64 ]
	run aidant-diag -q trust add "$PUB" --name "$(printf 'two\nlines')"
	[ "$status" -eq 64 ]
	run aidant-diag -q trust frobnicate
	[ "$status" -eq 64 ]
	[ "$(aidant-diag -q --format json trust list)" = "[]" ]
}
