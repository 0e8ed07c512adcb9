#!/usr/bin/env bats
# aidant-stats and its store: purge past the retention period (the aggregates and what
# was published stay), the refusals of the issue's "Bad input" list that are not a
# field of a record (months that do not exist, durations out of range in a file, a
# locked store, a full disk), each with one line, its exit code, nothing half-written.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	stats_init
}

teardown() {
	if [ -n "${mnt:-}" ]; then umount "$mnt" 2>/dev/null || true; fi
}

agg() { sqlite3 "$db" 'SELECT month, source, part, rubrique, modalite, n FROM agg ORDER BY 1, 2, 3, 4, 5'; }

one() { # date pseudonym [options]: an individual accompaniment of a person
	local date=$1 u=$2
	shift 2
	aidant-stats -q add --type individuel --date "$date" --type-lieu lieu_activite --duree 30 \
		--thematique email --usager "$u" "$@" >/dev/null
}

@test "purge --older-than: the people past it lose their pseudonym; aggregates and exports stay" {
	export AIDANT_NOW=2026-02-10T10:00:00+01:00
	one 2026-01-12 u-1 --genre feminin --annee-naissance 1950 --statut-social retraite --commune-usager 73065
	one 2026-02-03 u-1
	one 2026-01-20 u-2 --genre masculin
	for i in $(seq 1 12); do one 2026-01-2$((i % 8)) "u-jan-$i" --genre feminin; done
	aidant-stats -q add --type collectif --participants 6 --date 2026-02-05 --type-lieu autre --duree 120 \
		--thematique bureautique --usager u-1 --usager u-2 >/dev/null
	export AIDANT_NOW=2026-09-10T10:00:00+02:00
	one 2026-09-02 u-2
	one 2026-09-03 u-3 --genre feminin
	aidant-stats -q export --public --since 2026-01-01 --until 2026-09-30 --output-dir "$BATS_TEST_TMPDIR/pub"
	aidant-stats -q export --public --since 2026-01-01 --until 2026-09-30 -o "$BATS_TEST_TMPDIR/serie.json"
	sums=$(cd "$BATS_TEST_TMPDIR" && sha256sum pub/* serie.json)
	before=$(agg)
	for m in 01 02 09; do aidant-stats -q report --month 2026-$m --format csv >"$BATS_TEST_TMPDIR/r$m.csv"; done
	# six months after September 10 minus 6 months: u-1 and the January people, not u-2 nor u-3
	export AIDANT_NOW=2026-10-01T10:00:00+02:00
	run --separate-stderr aidant-stats purge --older-than 6m
	[ "$status" -eq 0 ]
	[ "$stderr" = "aidant-stats: the clock is set by AIDANT_NOW to 2026-10-01T10:00:00+02:00
aidant-stats: 13 people anonymised; the statistics stay as they were" ]
	[ "$(sqlite3 "$db" 'SELECT pseudo FROM usager ORDER BY 1' | tr '\n' ' ')" = "u-2 u-3 " ]
	[ "$(sqlite3 "$db" "SELECT count(*) FROM activite WHERE record LIKE '%u-1\"%' OR record LIKE '%1950%' OR record LIKE '%u-jan-%'")" = 0 ]
	[ "$(sqlite3 "$db" "SELECT count(*) FROM usager_mois WHERE usager LIKE 'u-1' OR usager LIKE 'u-jan-%'")" = 0 ]
	[ "$(agg)" = "$before" ]
	for m in 01 02 09; do
		[ "$(aidant-stats -q report --month 2026-$m --format csv)" = "$(cat "$BATS_TEST_TMPDIR/r$m.csv")" ]
	done
	# what was published stays, and publishing it again gives the same bytes
	[ "$(cd "$BATS_TEST_TMPDIR" && sha256sum pub/* serie.json)" = "$sums" ]
	aidant-stats -q export --public --since 2026-01-01 --until 2026-09-30 --output-dir "$BATS_TEST_TMPDIR/pub2"
	aidant-stats -q export --public --since 2026-01-01 --until 2026-09-30 -o "$BATS_TEST_TMPDIR/serie2.json"
	for f in "$BATS_TEST_TMPDIR"/pub/*; do cmp "$f" "$BATS_TEST_TMPDIR/pub2/$(basename "$f")"; done
	cmp "$BATS_TEST_TMPDIR/serie.json" "$BATS_TEST_TMPDIR/serie2.json"
	# a purged person writes nothing new: the records can still be amended and counted
	id=$(sqlite3 "$db" "SELECT id FROM activite WHERE date = '2026-01-12'")
	aidant-stats -q amend "$id" --duree 45
	[ "$(cell duree 30_min_a_1_h --month 2026-01)" = 14 ]
	run aidant-stats purge --older-than 6x
	[ "$status" -eq 64 ]
}

@test "months and durations that do not exist: 64 for an option, 65 for a record, file:line" {
	for m in 2026-13 2026-00 26-01 2026-1; do
		run --separate-stderr aidant-stats -q report --month "$m"
		[ "$status" -eq 64 ]
		[ "${stderr_lines[0]}" = "aidant-stats: error: --month: '$m' is not a month (YYYY-MM or last)" ]
		run --separate-stderr aidant-stats -q export --public --month "$m"
		[ "$status" -eq 64 ]
		run --separate-stderr aidant-stats -q list --month "$m"
		[ "$status" -eq 64 ]
	done
	run --separate-stderr aidant-stats -q report --since 2026-02-30 --until 2026-03-31
	[ "$status" -eq 64 ]
	[[ "${stderr_lines[0]}" == "aidant-stats: error: --since: '2026-02-30' is not a date"* ]]
	run --separate-stderr aidant-stats -q report --since 2026-03-31 --until 2026-03-01
	[ "$status" -eq 64 ]
	for d in 0 -5 1440 12.5 une-heure; do
		run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --thematique email --duree "$d"
		[ "$status" -eq 65 ] || { echo "duree $d: $status"; return 1; }
		[[ "$stderr" == "aidant-stats: error: duree: "* ]]
	done
	printf 'id,type,date,duree,type_lieu,thematiques\nx-1,individuel,2026-11-02,30,autre,email\nx-2,individuel,2026-11-31,30,autre,email\nx-3,individuel,2026-11-03,2000,autre,email\n' \
		>"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $BATS_TEST_TMPDIR/bad.csv:3: date: '2026-11-31' is not a date (YYYY-MM-DD or DD/MM/YYYY)" ]
	[ "${stderr_lines[1]}" = "aidant-stats: error: $BATS_TEST_TMPDIR/bad.csv:4: duree: 2000 is out of range (1 to 1439)" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
}

@test "a locked store: 75 after the busy timeout, one line, nothing written" {
	one 2026-11-02 u-1
	before=$(agg)
	printf 'id,type,date,duree,type_lieu,thematiques\nx-1,individuel,2026-11-02,30,autre,email\n' >"$BATS_TEST_TMPDIR/one.csv"
	printf '{"n":1,"date":"2026-11-02","form":"rapide","framework":"pix","autonomie":"autonome"}\n' >"$BATS_TEST_TMPDIR/diag.ndjson"
	{ echo "BEGIN IMMEDIATE;"; sleep 4; echo "ROLLBACK;"; } | sqlite3 "$db" &
	sleep 0.5
	export AIDANT_BUSY_TIMEOUT=100
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --thematique email --duree 30
	[ "$status" -eq 75 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "aidant-stats: error: "*"the store is in use by another command, try again" ]]
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/one.csv"
	[ "$status" -eq 75 ]
	run --separate-stderr aidant-stats -q ingest diag "$BATS_TEST_TMPDIR/diag.ndjson"
	[ "$status" -eq 75 ]
	run --separate-stderr aidant-stats -q purge
	[ "$status" -eq 75 ]
	wait
	[ "$(agg)" = "$before" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 1 ]
}

@test "a full standard output: 74, and an import or ingest that cannot say so stores nothing" {
	[ -w /dev/full ] || skip "no /dev/full here"
	printf 'id,type,date,duree,type_lieu,thematiques\nx-1,individuel,2026-11-02,30,autre,email\n' >"$BATS_TEST_TMPDIR/one.csv"
	run --separate-stderr bash -c "aidant-stats -q import '$BATS_TEST_TMPDIR/one.csv' >/dev/full"
	[ "$status" -eq 74 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
	printf '{"n":1,"date":"2026-11-02","form":"rapide","framework":"pix","autonomie":"autonome"}\n' >"$BATS_TEST_TMPDIR/diag.ndjson"
	run --separate-stderr bash -c "aidant-stats -q ingest diag '$BATS_TEST_TMPDIR/diag.ndjson' >/dev/full"
	[ "$status" -eq 74 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
	aidant-stats -q import "$BATS_TEST_TMPDIR/one.csv" >/dev/null
	for c in "report --month 2026-11 --format csv" "list" "show x-1" "export --public --month 2026-11"; do
		run --separate-stderr bash -c "aidant-stats -q $c >/dev/full"
		[ "$status" -eq 74 ] || { echo "$c: $status"; return 1; }
		[[ "$stderr" == "aidant-stats: error: "* ]]
	done
}

@test "a full disk (a small tmpfs): 74, the store as it was, no file half-written" {
	mnt="$BATS_TEST_TMPDIR/mnt"
	mkdir -p "$mnt"
	mount -t tmpfs -o size=512k tmpfs "$mnt" 2>/dev/null || { mnt=""; skip "cannot mount a tmpfs here (not root, or no permission)"; }
	export AIDANT_HOME="$mnt/home"
	db="$AIDANT_HOME/stats.db"
	stats_init
	one 2026-11-02 u-1
	before=$(agg)
	python3 -c "
import sys
print('id,type,date,duree,type_lieu,thematiques,precisions_demarche')
for i in range(20000): print('r-%d,individuel,2026-11-%02d,30,autre,email|sante,%s' % (i, 1 + i % 28, 'x' * 150))
" >"$BATS_TEST_TMPDIR/big.csv"
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/big.csv"
	[ "$status" -eq 74 ]
	[[ "${stderr_lines[0]}" == "aidant-stats: error: "*"the disk is full" ]]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 1 ]
	[ "$(agg)" = "$before" ]
	# the disk filled to the last byte: an export leaves nothing behind
	dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
	run --separate-stderr aidant-stats -q export --public --month 2026-11 -o "$mnt/observatoire.csv"
	[ "$status" -eq 74 ]
	[ "$(ls -A "$mnt")" = "filler
home" ]
	run --separate-stderr aidant-stats -q export --public --month 2026-11 --format html --output-dir "$mnt/pub"
	[ "$status" -ne 0 ]
	[ -z "$(ls -A "$mnt/pub" 2>/dev/null)" ]
	rm "$mnt/filler"
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 1 ]
	[ "$(agg)" = "$before" ]
}
