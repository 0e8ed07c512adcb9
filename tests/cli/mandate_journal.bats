#!/usr/bin/env bats
# aidant-mandate journal, checkpoint and verify: every tampering of the store that these
# tests can make (edit, delete, reorder, truncate, rechain, foreign key) is found.

load mandate_setup

setup() {
	mandate_setup
	mandate_world
	M=$(mandate_new social,argent 365d)
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >/dev/null
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche argent >/dev/null
	DB="$AIDANT_HOME/mandate.db"
}

sql() {
	sqlite3 "$DB" "$1"
}

@test "journal lists the entries as canonical NDJSON, JSON, CSV, filtered by date and person" {
	run aidant-mandate -q journal --format ndjson
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 9 ]
	[[ "${lines[0]}" == '{"seq":1,"prev":"0000000000000000000000000000000000000000000000000000000000000000","time":"2026-11-23T09:00:00Z","action":"create_structure"'* ]]
	[ "$(echo "${lines[4]}" | jq -r .action)" = create_attestation ]
	aidant-mandate -q journal | jq -e 'length == 9' >/dev/null
	run aidant-mandate -q journal --usager "$U" --format ndjson
	[ "${#lines[@]}" -eq 6 ]
	AIDANT_NOW=2026-11-24T10:00:00+01:00 aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >/dev/null
	run aidant-mandate -q journal --since 2026-11-24 --format csv
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "seq,time,action,aidant,usager,mandat,demarches" ]
	[[ "${lines[1]}" == "10,2026-11-24T09:00:00Z,use_autorisation,1,$U,1,social" ]]
	run aidant-mandate journal --since yesterday
	[ "$status" -eq 64 ]
}

@test "verify accepts an untouched journal and the attestation" {
	run aidant-mandate -q verify --attestation "$KEYDIR/attestations/$M.txt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "the journal holds: 9 entries, 2 signed checkpoints" ]
	[[ "${lines[1]}" == *"$M.txt: valid (aidant-mandate attestation mandat:"*" structure:"* ]]
}

@test "checkpoint prints the latest; its files verify with the stock minisign" {
	run aidant-mandate -q checkpoint
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "aidant-mandate checkpoint" ]
	[ "${lines[2]}" = "seq: 7" ]
	run aidant-mandate -q checkpoint --new --passphrase-file "$PASS" -o "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 0 ]
	grep -qx "seq: 9" "$BATS_TEST_TMPDIR/cp"
	run minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 0 ]
	[[ "$output" == *"checkpoint seq:9 head:"*" structure:"* ]]
	sed -i 's/seq: 9/seq: 8/' "$BATS_TEST_TMPDIR/cp"
	run minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/cp"
	[ "$status" -ne 0 ]
	echo nope >"$BATS_TEST_TMPDIR/bad"
	run aidant-mandate checkpoint --new --passphrase-file "$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 77 ]
	sql "DELETE FROM checkpoint"
	run aidant-mandate checkpoint
	[ "$status" -eq 66 ]
	[[ "$output" == *"error: no checkpoint yet"* ]]
}

@test "an edited entry is named" {
	sql "UPDATE journal SET entry = replace(entry, '\"demarches\":[\"argent\"]', '\"demarches\":[\"logement\"]') WHERE seq = 7"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: journal entry 7 does not hold: "* ]]
}

@test "an edited last entry is caught by the checkpoint signed at it" {
	aidant-mandate -q checkpoint --new --passphrase-file "$PASS" >/dev/null
	sql "UPDATE journal SET entry = replace(entry, 'use_autorisation', 'refused_autorisation') WHERE seq = 9"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal entry 9 does not hold: it does not match the checkpoint"* ]]
}

@test "a deleted entry is named" {
	sql "DELETE FROM journal WHERE seq = 4"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal entry 4 is missing (removed)"* ]]
}

@test "re-ordered entries are named" {
	sql "UPDATE journal SET seq = -1 WHERE seq = 5; UPDATE journal SET seq = 5 WHERE seq = 6; UPDATE journal SET seq = 6 WHERE seq = -1"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal entry 5 does not hold: it is not the entry written at this place"* ]]
}

@test "a truncated journal is found through the last checkpoint" {
	aidant-mandate -q checkpoint --new --passphrase-file "$PASS" >/dev/null
	sql "DELETE FROM journal WHERE seq >= 8"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"the journal is truncated: it ends at entry 7 but a checkpoint was signed at entry 9"* ]]
}

@test "a checkpoint signed by another key is refused" {
	minisign -G -W -p "$BATS_TEST_TMPDIR/o.pub" -s "$BATS_TEST_TMPDIR/o.key" >/dev/null
	sql "SELECT body FROM checkpoint WHERE seq = 7" >"$BATS_TEST_TMPDIR/body"
	printf '%s\n' "$(cat "$BATS_TEST_TMPDIR/body")" >"$BATS_TEST_TMPDIR/body"
	minisign -S -s "$BATS_TEST_TMPDIR/o.key" -m "$BATS_TEST_TMPDIR/body" -t forged </dev/null >/dev/null
	sql "UPDATE checkpoint SET minisig = readfile('$BATS_TEST_TMPDIR/body.minisig') WHERE seq = 7"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"the checkpoint at entry 7 is signed by another key"* ]]
}

@test "a checkpoint whose row was moved to another entry is refused" {
	sql "UPDATE checkpoint SET seq = 6 WHERE seq = 7"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"the checkpoint at entry 6 does not hold"* ]]
}

@test "a whole chain recomputed after an edit still fails on the signed checkpoint" {
	command -v python3 >/dev/null || skip "python3 absent: cannot recompute the chain"
	sql "UPDATE journal SET entry = replace(entry, '\"aidant\":1', '\"aidant\":2') WHERE seq = 6"
	python3 - "$DB" <<'PY'
import hashlib, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
prev = "0" * 64
for seq, entry in db.execute("SELECT seq, entry FROM journal ORDER BY seq").fetchall():
    entry = re.sub(r'"prev":"[0-9a-f]{64}"', '"prev":"%s"' % prev, entry, count=1)
    db.execute("UPDATE journal SET entry = ? WHERE seq = ?", (entry, seq))
    prev = hashlib.blake2b(entry.encode(), digest_size=32).hexdigest()
db.commit()
PY
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal entry 7 does not hold: it does not match the checkpoint signed at that entry"* ]]
}

@test "verify --attestation refuses a changed attestation and a rewritten journal" {
	a="$BATS_TEST_TMPDIR/a.txt"
	aidant-mandate -q attestation "$M" -o "$a"
	sed -i 's/Fatima/Fatma/' "$a"
	run aidant-mandate -q verify --attestation "$a"
	[ "$status" -eq 65 ]
	[[ "$output" == *"a.txt: does not hold: the signature does not match the data"* ]]
	aidant-mandate -q attestation "$M" -o "$a"
	sql "DELETE FROM checkpoint; UPDATE journal SET entry = replace(entry, 'add_usager', 'add_aidant') WHERE seq = 4"
	run aidant-mandate -q verify --attestation "$a"
	[ "$status" -eq 1 ]
	[[ "$output" == *"a.txt: does not hold: the journal no longer has the entry 4 it was signed with"* ]]
	run aidant-mandate verify --attestation "$BATS_TEST_TMPDIR/none.txt"
	[ "$status" -eq 66 ]
}
