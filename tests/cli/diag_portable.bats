#!/usr/bin/env bats
# aidant-diag verify, import and trust: a portable diagnosis (canonical JSON and its
# minisign signature) from another structure, checked, then joined to a local history.
# The other structure's key is made by the stock minisign here.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
	command -v minisign >/dev/null || skip "minisign is not installed"
	T=$BATS_TEST_TMPDIR
	OTHER="$T/other"
	minisign -G -W -p "$T/ccas.pub" -s "$T/ccas.key" >/dev/null
	diag_answers u-ccas-7 | aidant-diag -q --home "$OTHER" record --form rapide >/dev/null
	aidant-diag -q --home "$OTHER" --format json show 1 | jq -cS .diagnosis >"$T/d.json"
	ID=$(aidant-diag -q --home "$OTHER" --format json show 1 | jq -r .id)
	minisign -S -s "$T/ccas.key" -m "$T/d.json" -t "aidant-diag diagnosis $ID" >/dev/null
}

@test "verify: valid with --pubkey or a trusted key, 77 with an unknown key" {
	run aidant-diag -q verify "$T/d.json" --pubkey "$T/ccas.pub"
	[ "$status" -eq 0 ]
	[[ "$output" == "valid: diagnosis $ID of 2026-11-23, signed by the key given (key "* ]]
	run --separate-stderr aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"which is not trusted ('aidant-diag trust add' or --pubkey)"* ]]
	keyid=$(aidant-diag -q trust add "$T/ccas.pub" --name "CCAS de Chambéry")
	[ "${#keyid}" -eq 16 ]
	run aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"signed by CCAS de Chambéry (key $keyid)" ]]
}

@test "any changed byte makes verify answer no (1) and import refuse (65)" {
	aidant-diag -q trust add "$T/ccas.pub" --name CCAS >/dev/null
	size=$(stat -c %s "$T/d.json")
	for off in 0 10 $((size / 2)) $((size - 2)); do
		cp "$T/d.json" "$T/x.json"
		cp "$T/d.json.minisig" "$T/x.json.minisig"
		printf 'Z' | dd of="$T/x.json" bs=1 seek="$off" conv=notrunc 2>/dev/null
		run aidant-diag -q verify "$T/x.json"
		[ "$status" -eq 1 ] || { echo "offset $off: $status $output"; return 1; }
		[[ "$output" == *"the file was changed after it was signed"* ]]
		run minisign -V -p "$T/ccas.pub" -m "$T/x.json"
		[ "$status" -ne 0 ]
		run aidant-diag -q import "$T/x.json"
		[ "$status" -eq 65 ]
	done
	head -c 100 "$T/d.json" >"$T/x.json"
	run aidant-diag -q verify "$T/x.json"
	[ "$status" -eq 1 ]
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" 'SELECT count(*) FROM diagnosis')" = 0 ]
}

@test "a changed trusted comment, a missing or broken signature are refused" {
	aidant-diag -q trust add "$T/ccas.pub" --name CCAS >/dev/null
	cp "$T/d.json" "$T/x.json"
	sed 's/^trusted comment: .*/trusted comment: aidant-diag diagnosis 0000000000000000/' \
		"$T/d.json.minisig" >"$T/x.json.minisig"
	run aidant-diag -q verify "$T/x.json"
	[ "$status" -eq 1 ]
	echo "not a signature" >"$T/x.json.minisig"
	run aidant-diag -q verify "$T/x.json"
	[ "$status" -eq 65 ]
	rm "$T/x.json.minisig"
	run aidant-diag -q verify "$T/x.json"
	[ "$status" -eq 66 ]
}

@test "a diagnosis re-signed by an untrusted key is refused (77); a signed non-diagnosis (65)" {
	aidant-diag -q trust add "$T/ccas.pub" --name CCAS >/dev/null
	minisign -G -W -p "$T/evil.pub" -s "$T/evil.key" >/dev/null
	cp "$T/d.json" "$T/x.json"
	minisign -S -s "$T/evil.key" -m "$T/x.json" >/dev/null
	run aidant-diag -q import "$T/x.json"
	[ "$status" -eq 77 ]
	run aidant-diag -q verify "$T/x.json" --pubkey "$T/ccas.pub"
	[ "$status" -eq 77 ]
	[[ "$output" == *"not by the key of $T/ccas.pub"* ]]
	# signed by the trusted key, but not canonical JSON of a diagnosis
	jq . "$T/d.json" >"$T/pretty.json"
	minisign -S -s "$T/ccas.key" -m "$T/pretty.json" >/dev/null
	run aidant-diag -q import "$T/pretty.json"
	[ "$status" -eq 65 ]
	[[ "$output" == *"not a portable diagnosis"* ]]
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" 'SELECT count(*) FROM diagnosis')" = 0 ]
}

@test "import joins the person's history under a local pseudonym, id and source kept" {
	diag_answers u-local 2026-10-01 | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q import "$T/d.json" --pubkey "$T/ccas.pub" --usager u-local
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	run aidant-diag -q --format json show 2
	[ "$(echo "$output" | jq -r '"\(.id) \(.usager) \(.source) \(.diagnosis.usager)"')" = "$ID u-local import u-ccas-7" ]
	[ "$(echo "$output" | jq -r .signer)" = "$(minisign -V -p "$T/ccas.pub" -m "$T/d.json" -q >/dev/null; sed -n 2p "$T/ccas.pub" | base64 -d | od -An -tx1 -j2 -N8 | tr -d ' \n' | fold -w2 | tac | tr -d '\n' | tr a-f A-F)" ]
	run aidant-diag -q --format json compare 1 2
	[ "$status" -eq 0 ]
	run aidant-diag -q list --format ndjson --usager u-local
	[ "$(echo "${lines[1]}" | jq -r '"\(.source) \(.id)"')" = "import $ID" ]
	# importing it again changes nothing
	run --separate-stderr aidant-diag import "$T/d.json" --pubkey "$T/ccas.pub"
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	[[ "$stderr" == *"already in the history as 2"* ]]
	run aidant-diag -q import "$T/d.json" --pubkey "$T/ccas.pub" --usager "Jean Dupont"
	[ "$status" -eq 64 ]
}

@test "trust list and rm" {
	aidant-diag -q trust add "$T/ccas.pub" --name "CCAS" >/dev/null
	run aidant-diag -q --format json trust list
	[ "$(echo "$output" | jq -r '.[0].name')" = CCAS ]
	run aidant-diag -q trust rm CCAS
	[ "$status" -eq 0 ]
	run aidant-diag -q verify "$T/d.json"
	[ "$status" -eq 77 ]
	run aidant-diag -q trust rm CCAS
	[ "$status" -eq 66 ]
	run aidant-diag -q trust add "$T/d.json" --name X
	[ "$status" -eq 65 ]
	run aidant-diag -q trust add "$T/ccas.pub"
	[ "$status" -eq 64 ]
	run aidant-diag -q trust frobnicate
	[ "$status" -eq 64 ]
}
