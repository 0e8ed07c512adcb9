#!/usr/bin/env bats
# Attacks on the journal of aidant-mandate by someone who can write mandate.db (sqlite3)
# but not read the key files, and by someone who replaces the structure's files: each
# is detected by verify (exit 1, naming it) and stops every command (65) without writing,
# or is defeated by a key kept elsewhere (verify --pubkey, --checkpoint). DESIGN.md, "The
# journal's trust model"; the man page says what remains possible.

bats_require_minimum_version 1.5.0

load mandate_setup

setup() {
	mandate_setup
	mandate_world
	M=$(mandate_new social,argent 365d)
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >/dev/null
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche argent --note "avis d'imposition" >/dev/null
	DB="$AIDANT_HOME/mandate.db"
	# 9 entries; checkpoints at 1 (init) and 7 (create); entries 8 and 9 after the last one
}

sql() {
	sqlite3 "$DB" "$1"
}

entries() {
	sql "SELECT count(*) FROM journal"
}

# The journal holds, then does not after $1 (SQL), naming $2; a use is refused (65)
# naming the store, and writes nothing.
detected() {
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	sql "$1"
	n=$(entries)
	run aidant-mandate -q verify
	[ "$status" -eq 1 ] || { echo "verify: $status $output"; return 1; }
	[[ "$output" == "the journal does not hold: "*"$2"* ]] || { echo "verify: $output"; return 1; }
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 65 ] || { echo "use: $status $output"; return 1; }
	[[ "$output" == *"error: the store does not hold: "*"; run 'aidant-mandate verify'"* ]]
	[ "$(entries)" -eq "$n" ]
}

@test "attack: the last entry edited, after the last checkpoint" {
	detected "UPDATE journal SET entry = replace(entry, 'avis d''imposition', 'rien') WHERE seq = 9" \
		"journal entry 9 does not hold: it is not signed by the journal key"
	[[ "$output" == *"entry 9 is not the one the journal's head signed (changed)"* ]]
}

# An entry in the middle of the chain changed or removed: verify names it, now and after
# later entries (commands check the head and the state, not the whole chain, at each act).
in_the_middle() {
	sql "$1"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: $2"* ]] || { echo "$output"; return 1; }
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 0 ]
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: $2"* ]]
}

@test "attack: an entry before the last checkpoint edited" {
	in_the_middle "UPDATE journal SET entry = replace(entry, '\"argent\"', '\"logement\"') WHERE seq = 7" \
		"journal entry 7 does not hold: it does not match the checkpoint signed at that entry"
}

@test "attack: an entry after the last checkpoint edited, not the last" {
	in_the_middle "UPDATE journal SET entry = replace(entry, '\"social\"', '\"logement\"') WHERE seq = 8" \
		"journal entry 8 does not hold: it is not signed by the journal key"
}

@test "attack: the last entries deleted (truncation after the last checkpoint)" {
	detected "DELETE FROM journal WHERE seq >= 8" \
		"the journal ends at entry 7 but its signed head is entry 9 (entries removed)"
}

@test "attack: a middle entry deleted" {
	in_the_middle "DELETE FROM journal WHERE seq = 8" "journal entry 8 is missing (removed)"
}

@test "attack: two entries after the last checkpoint swapped" {
	detected "UPDATE journal SET seq = -1 WHERE seq = 8; UPDATE journal SET seq = 8 WHERE seq = 9; UPDATE journal SET seq = 9 WHERE seq = -1" \
		"journal entry 8 does not hold: it is not the entry written at this place"
}

@test "attack: an entry appended, chained as aidant-mandate chains them" {
	command -v python3 >/dev/null || skip "python3 absent: cannot chain an entry"
	python3 - "$DB" "$U" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seq, last = db.execute("SELECT seq, entry FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
prev = hashlib.blake2b(last.encode(), digest_size=32).hexdigest()
e = ('{"seq":%d,"prev":"%s","time":"2026-11-23T09:00:00Z","action":"use_autorisation",'
     '"aidant":1,"usager":"%s","mandat":1,"demarches":["social"]}' % (seq + 1, prev, sys.argv[2]))
db.execute("INSERT INTO journal VALUES (?, ?, NULL)", (seq + 1, e))
db.commit()
PY
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal entry 10 does not hold: it is not signed by the journal key"* ]]
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 65 ]
	[[ "$output" == *"entry 10 is after the journal's signed head, entry 9"* ]]
}

@test "attack: an edit with the whole chain recomputed after it" {
	command -v python3 >/dev/null || skip "python3 absent: cannot recompute the chain"
	sql "UPDATE journal SET entry = replace(entry, 'avis d''imposition', 'rien') WHERE seq = 9"
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
	[[ "$output" == *"journal entry 9 does not hold: it is not signed by the journal key"* ]]
}

@test "attack: every checkpoint deleted" {
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	sql "DELETE FROM checkpoint"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[ "$output" = "the journal does not hold: no checkpoint is signed by the structure key: a journal without one is refused" ]
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 65 ]
	[[ "$output" == *"the last checkpoint is at entry 0 but the journal's head names one at entry 7"* ]]
	[ "$(entries)" -eq 9 ]
}

@test "attack: the latest checkpoint deleted, then the entries it covered" {
	detected "DELETE FROM checkpoint WHERE seq = 7; DELETE FROM journal WHERE seq > 1" \
		"the journal ends at entry 1 but its signed head is entry 9"
}

@test "attack: the signed head deleted, or replaced by an older one" {
	cp "$DB" "$BATS_TEST_TMPDIR/old.db"
	sqlite3 "$BATS_TEST_TMPDIR/old.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	old=$(sqlite3 "$BATS_TEST_TMPDIR/old.db" "SELECT body || '|' || sig FROM head")
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >/dev/null
	# the older head (genuinely signed) with the entries after it removed
	detected "DELETE FROM journal WHERE seq = 10; UPDATE head SET body = substr('$old', 1, instr('$old', '|') - 1), sig = substr('$old', instr('$old', '|') + 1)" \
		"journal.head saw entry 10: mandate.db was put back to an older copy"
	sql "DELETE FROM head"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"the journal's signed head is missing"* ]]
}

@test "attack: mandate.db put back to an older copy (a restored backup)" {
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$DB" "$BATS_TEST_TMPDIR/backup.db"
	aidant-mandate -q revoke "$M" --demarche argent --by usager --passphrase-file "$PASS" >/dev/null
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	rm -f "$DB"-wal "$DB"-shm
	cp "$BATS_TEST_TMPDIR/backup.db" "$DB"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"the store ends at entry 9 but $KEYDIR/journal.head saw entry 1"[0-9]": mandate.db was put back to an older copy"* ]]
	# the revoked démarche is not usable again through the old copy
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche argent
	[ "$status" -eq 65 ]
	[ "$(entries)" -eq 9 ]
	# the copy of the head outside the store removed too
	rm "$KEYDIR/journal.head"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"journal.head: No such file or directory (the copy of the journal's head)"* ]]
}

@test "attack: a revoked démarche made usable again (revoked_at set to NULL)" {
	aidant-mandate -q revoke "$M" --demarche argent --by usager --passphrase-file "$PASS" >/dev/null
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche argent
	[ "$status" -eq 77 ]
	n=$(entries)
	sql "UPDATE autorisation SET revoked_at = NULL, revoked_by = NULL"
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche argent
	[ "$status" -eq 65 ]
	[[ "$output" == *"the helpers, people, mandates or authorisations were changed outside aidant-mandate"* ]]
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche argent
	[ "$status" -eq 65 ]
	run aidant-mandate -q list
	[ "$status" -eq 65 ]
	[ "$(entries)" -eq "$n" ]
	[ "$(sql "SELECT count(*) FROM journal WHERE entry LIKE '%use_autorisation%argent%'")" -eq 1 ]
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"were changed outside aidant-mandate (their digest is not the one the journal signed)"* ]]
}

@test "attack: a mandate extended (mandat.expires), a helper re-enabled, a charter faked, a person unforgotten" {
	for change in "UPDATE mandat SET expires = expires + 86400 * 365" \
		"UPDATE aidant SET disabled_at = 1 WHERE id = 1" \
		"UPDATE aidant SET charter_hash = NULL" \
		"UPDATE usager SET forgotten_at = 5" \
		"INSERT INTO autorisation (mandat, demarche) VALUES ($M, 'logement')"; do
		cp "$DB" "$BATS_TEST_TMPDIR/keep.db"
		sql "$change"
		run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
		[ "$status" -eq 65 ] || { echo "$change: $status $output"; return 1; }
		[[ "$output" == *"were changed outside aidant-mandate"* ]]
		sql "$(sed 's/UPDATE/UPDATE/' /dev/null)SELECT 1" >/dev/null
		sqlite3 "$DB" ".restore '$BATS_TEST_TMPDIR/keep.db'"
	done
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	# the real end of a mandate is what decides, whatever the table says
	AIDANT_NOW=2027-11-24T10:00:00+01:00 run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 77 ]
	[[ "$output" == *"expired on 2027-11-23"* ]]
}

@test "attack: checkpoints re-signed with another key" {
	minisign -G -W -p "$BATS_TEST_TMPDIR/o.pub" -s "$BATS_TEST_TMPDIR/o.key" >/dev/null
	sql "SELECT body FROM checkpoint WHERE seq = 7" >"$BATS_TEST_TMPDIR/body"
	printf '%s\n' "$(cat "$BATS_TEST_TMPDIR/body")" >"$BATS_TEST_TMPDIR/body"
	minisign -S -s "$BATS_TEST_TMPDIR/o.key" -m "$BATS_TEST_TMPDIR/body" -t forged </dev/null >/dev/null
	sql "UPDATE checkpoint SET minisig = readfile('$BATS_TEST_TMPDIR/body.minisig') WHERE seq = 7"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: the checkpoint at entry 7 is signed by another key ("* ]]
}

# forged.minisig: the text of checkpoint $1 signed by another key
forged() {
	minisign -G -W -p "$BATS_TEST_TMPDIR/o.pub" -s "$BATS_TEST_TMPDIR/o.key" >/dev/null
	sql "SELECT body FROM checkpoint WHERE seq = $1" >"$BATS_TEST_TMPDIR/forged"
	printf '%s\n' "$(cat "$BATS_TEST_TMPDIR/forged")" >"$BATS_TEST_TMPDIR/forged"
	minisign -S -s "$BATS_TEST_TMPDIR/o.key" -m "$BATS_TEST_TMPDIR/forged" -t forged </dev/null >/dev/null
}

@test "attack: an earlier checkpoint deleted (each checkpoint signs a link to the one before)" {
	[[ "$(sql "SELECT body FROM checkpoint WHERE seq = 7")" == *"previous: "[0-9a-f]* ]]
	sql "DELETE FROM checkpoint WHERE seq = 1"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[ "$output" = "the journal does not hold: the checkpoint at entry 7 does not hold: the checkpoint it names before it was removed or replaced" ]
}

@test "attack: an earlier checkpoint re-signed with another key" {
	forged 1
	sql "UPDATE checkpoint SET minisig = readfile('$BATS_TEST_TMPDIR/forged.minisig') WHERE seq = 1"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: the checkpoint at entry 1 is signed by another key ("* ]]
}

@test "attack: no checkpoint is signed over one that does not hold (65, nothing written)" {
	forged 7
	sql "UPDATE checkpoint SET minisig = readfile('$BATS_TEST_TMPDIR/forged.minisig') WHERE seq = 7"
	n=$(entries)
	run aidant-mandate -q create --usager "$U" --aidant 1 --demarche famille --duration 31d --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
	[[ "$output" == *"error: the store does not hold: the checkpoint at entry 7 is signed by another key ("*"; run 'aidant-mandate verify'"* ]]
	[ "$(entries)" -eq "$n" ]
	[ ! -e "$KEYDIR/attestations/2.txt" ]
}

@test "attack: the structure's public key replaced, then the whole home forged" {
	aidant-mandate -q pubkey >"$BATS_TEST_TMPDIR/kept.pub"
	aidant-mandate -q checkpoint -o "$BATS_TEST_TMPDIR/cp"
	aidant-mandate -q attestation "$M" -o "$BATS_TEST_TMPDIR/att.txt"
	# structure.pub alone replaced: it no longer matches structure.json
	cp "$SDIR/structure.pub" "$BATS_TEST_TMPDIR/real.pub"
	minisign -G -W -f -p "$SDIR/structure.pub" -s "$BATS_TEST_TMPDIR/o.key" >/dev/null
	run aidant-mandate -q verify
	[ "$status" -eq 78 ]
	[[ "$output" == *"structure.json names the key "*" but $SDIR/structure.pub is the key "* ]]
	cp "$BATS_TEST_TMPDIR/real.pub" "$SDIR/structure.pub"
	# every file replaced by those of another structure that the attacker made and signs
	other="$BATS_TEST_TMPDIR/other"
	AIDANT_HOME="$other" aidant-mandate -q init --name "Médiathèque Albert-Camus" --siret 21010053100017 --unencrypted 2>/dev/null
	rm -rf "$AIDANT_HOME"
	cp -r "$other" "$AIDANT_HOME"
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	# what was kept elsewhere says so
	run aidant-mandate -q verify --pubkey "$BATS_TEST_TMPDIR/kept.pub"
	[ "$status" -eq 1 ]
	[[ "$output" == "the journal does not hold: the checkpoint at entry 1 is signed by another key ("* ]]
	run aidant-mandate -q verify --checkpoint "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 77 ]
	[[ "$output" == *"cp: does not hold: signed by the key "*", not by the trusted key "* ]]
	run aidant-mandate -q verify --attestation "$BATS_TEST_TMPDIR/att.txt"
	[ "$status" -eq 77 ]
	run minisign -Vm "$BATS_TEST_TMPDIR/att.txt" -p "$BATS_TEST_TMPDIR/kept.pub"
	[ "$status" -eq 0 ]
}

@test "an exported checkpoint verifies against the journal it came from, and only that one" {
	run aidant-mandate -q checkpoint -o "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/cp")" = 600 ]
	run aidant-mandate -q verify --checkpoint "$BATS_TEST_TMPDIR/cp" --pubkey "$SDIR/structure.pub"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "$BATS_TEST_TMPDIR/cp: valid: the journal holds entry 7 as signed (aidant-mandate checkpoint seq:7 head:"* ]]
	aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >/dev/null
	run aidant-mandate -q verify --checkpoint "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 0 ]
	# the entry it names edited
	sql "UPDATE journal SET entry = replace(entry, 'argent', 'logement') WHERE seq = 7"
	run aidant-mandate -q verify --checkpoint "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 1 ]
	[[ "$output" == *"cp: does not hold: the journal no longer has entry 7 as this checkpoint recorded it"* ]]
	# the exported file edited
	sed -i 's/seq: 7/seq: 6/' "$BATS_TEST_TMPDIR/cp"
	run aidant-mandate -q verify --checkpoint "$BATS_TEST_TMPDIR/cp"
	[ "$status" -eq 65 ]
	[[ "$output" == *"cp: does not hold: the signature does not match the data"* ]]
	run aidant-mandate verify --checkpoint "$BATS_TEST_TMPDIR/none"
	[ "$status" -eq 66 ]
}

@test "attack: the journal key replaced; checkpoint --rotate certifies a new one" {
	minisign -G -W -f -p "$BATS_TEST_TMPDIR/j.pub" -s "$KEYDIR/journal.key" >/dev/null
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 78 ]
	[[ "$output" == *"journal.key is the key "*" but the journal key certified last is "*"make a new one with 'aidant-mandate checkpoint --rotate'"* ]]
	[ "$(entries)" -eq 9 ]
	rm "$KEYDIR/journal.key"
	run aidant-mandate checkpoint --rotate --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[[ "$output" == *"new journal key "*", certified by the structure key"* ]]
	[ "$(stat -c %a "$KEYDIR/journal.key")" = 600 ]
	[ "$(sql "SELECT count(*) FROM journal_key")" -eq 2 ]
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 0 ]
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "the journal holds: 11 entries, 3 signed checkpoints" ]
	# the certificate of the new key removed: what it signed no longer holds
	sql "DELETE FROM journal_key WHERE from_seq > 1"
	run aidant-mandate -q verify
	[ "$status" -eq 1 ]
}

@test "attack: a store of the older format is not misread" {
	sql "UPDATE legacy SET unsigned_journal = 1"
	run aidant-mandate -q list
	[ "$status" -eq 78 ]
	[[ "$output" == *"mandate.db was written by an older aidant-mandate, whose journal is not signed entry by entry"* ]]
}

@test "parallel use and create never fail on the clock, and the journal holds" {
	unset AIDANT_NOW
	pids=()
	for i in $(seq 1 12); do
		aidant-mandate -q use --usager "$U" --aidant 1 --demarche social >"$BATS_TEST_TMPDIR/u$i" 2>&1 &
		pids+=($!)
	done
	for i in 1 2 3; do
		aidant-mandate -q create --usager "$U" --aidant 1 --demarche logement --duration 31d \
			--passphrase-file "$PASS" >"$BATS_TEST_TMPDIR/c$i" 2>&1 &
		pids+=($!)
	done
	fails=0
	for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
	cat "$BATS_TEST_TMPDIR"/u* "$BATS_TEST_TMPDIR"/c* | grep -v '^recorded: \|^[0-9]*$' || true
	[ "$fails" -eq 0 ]
	run ! grep -l "clock" "$BATS_TEST_TMPDIR"/u* "$BATS_TEST_TMPDIR"/c*
	[ "$(sql "SELECT count(*) FROM journal WHERE entry LIKE '%\"action\":\"use_autorisation\"%'")" -eq 14 ]
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	# times never go back along the chain
	sql "SELECT substr(entry, instr(entry, '\"time\":\"') + 8, 20) FROM journal ORDER BY seq" >"$BATS_TEST_TMPDIR/times"
	sort -c "$BATS_TEST_TMPDIR/times"
}

@test "usager forget says 75 while another command reads, and erases from the file on the next run" {
	export AIDANT_NOW=2026-11-25T10:00:00+01:00 AIDANT_BUSY_TIMEOUT=300
	aidant-mandate -q revoke "$M" --by usager --passphrase-file "$PASS" >/dev/null
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	# a reader that holds a read transaction until told to stop (fd 3 is bats' own)
	(sqlite3 "$DB" <"$BATS_TEST_TMPDIR/fifo" >/dev/null 2>&1 3>&-) &
	exec 7>"$BATS_TEST_TMPDIR/fifo"
	echo "BEGIN; SELECT count(*) FROM usager;" >&7
	sleep 0.5
	run aidant-mandate -q usager forget "$U"
	[ "$status" -eq 75 ]
	[[ "$output" == *"error: the personal data of $U is erased from the tables, but another command still reads an older state that the file keeps until it ends: run 'aidant-mandate usager forget $U' again to finish"* ]]
	# what the reader may still see stays in the file, as the message says
	grep -qc Benali "$DB" "$DB-wal"
	echo "COMMIT;" >&7
	exec 7>&-
	wait
	run aidant-mandate -q usager forget "$U"
	[ "$status" -eq 0 ]
	[ "$output" = "the personal data of $U was erased" ]
	[ ! -s "$DB-wal" ]
	for name in Benali Fatima 1961-03-12; do
		run grep -c "$name" "$DB"
		[ "$status" -eq 1 ]
	done
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
}

@test "text that is not UTF-8 is refused (64) before anything is written" {
	n=$(entries)
	bad=$'Ren\xe9e'
	for args in "aidant add --name $bad" "usager add --given $bad --family X --birth 1950-01-01" \
		"usager add --given X --family X --birth 1950-01-01 --email $bad@x.fr" \
		"use --usager $U --aidant 1 --demarche social --note $bad" \
		"revoke $M --by usager --reason $bad --passphrase-file $PASS" \
		"structure set --address $bad"; do
		# shellcheck disable=SC2086
		run aidant-mandate $args
		[ "$status" -eq 64 ] || { echo "$args: $status $output"; return 1; }
		[[ "$output" == *": not one line of UTF-8 text"* ]]
		[[ "${lines[1]}" == "try 'aidant-mandate "* ]]
	done
	run aidant-mandate --home "$BATS_TEST_TMPDIR/h2" init --name "$bad" --siret 21010053100017 --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	[ ! -e "$BATS_TEST_TMPDIR/h2/structure" ]
	[ "$(entries)" -eq "$n" ]
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
}

@test "a mandate lasts exactly its days, across a leap day too" {
	export AIDANT_NOW=2027-03-01T10:00:00+01:00
	for d in 12m 1y 365d; do
		m=$(aidant-mandate -q create --usager "$U" --aidant 1 --demarche famille --duration "$d" --passphrase-file "$PASS")
		run aidant-mandate -q show "$m"
		[ "$(echo "$output" | jq -r .expires)" = "2028-02-29T10:00:00+01:00" ]
		[ "$(echo "$output" | jq -r .duration)" = 365d ]
	done
	m=$(aidant-mandate -q create --usager "$U" --aidant 1 --demarche famille --duration 6m --passphrase-file "$PASS")
	[ "$(aidant-mandate -q show "$m" | jq -r .expires)" = "2027-08-30T10:00:00+02:00" ]
	m=$(aidant-mandate -q create --usager "$U" --aidant 1 --demarche famille --duration 1m --passphrase-file "$PASS")
	[ "$(aidant-mandate -q show "$m" | jq -r .expires)" = "2027-04-01T10:00:00+02:00" ]
}
