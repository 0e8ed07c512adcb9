#!/usr/bin/env bats
# Every refusal of every aidant-stats command, as the shell sees it: the exit code of
# DESIGN.md, one line naming the cause (and for a usage error the "try" line), and the
# store as it was.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	mkdir "$BATS_TEST_TMPDIR/work"
	cd "$BATS_TEST_TMPDIR/work"
}

# refuse STATUS LINE COMMAND...: the command exits STATUS, its first line on stderr is
# "aidant-stats: error: LINE", and a usage error (64) says which --help to read.
refuse() {
	local want=$1 line=$2
	shift 2
	run --separate-stderr aidant-stats -q "$@"
	[ "$status" -eq "$want" ] || { echo "$*: exit $status, not $want: $stderr"; return 1; }
	[ "${stderr_lines[0]}" = "aidant-stats: error: $line" ] || { echo "$*: '${stderr_lines[0]}'"; return 1; }
	if [ "$want" -eq 64 ]; then
		[ "${stderr_lines[1]}" = "try 'aidant-stats $1 --help'" ] || { echo "$*: '${stderr_lines[1]}'"; return 1; }
		[ "${#stderr_lines[@]}" -eq 2 ]
	fi
	[ -z "$output" ]
}

# The store's records and cells, to compare before and after a refusal.
state() {
	sqlite3 "$db" "SELECT id, record FROM activite ORDER BY id; SELECT * FROM agg ORDER BY 1, 2, 3"
}

@test "before init every command that reads the store is 78 and names init" {
	for c in "add --type individuel --type-lieu domicile --thematique email --duree 30" \
		"import x.csv" "ingest mandate" list "show x" "rm x" "amend x --duree 30" \
		"forget --usager u" purge report "export --public" "merge x.json"; do
		# shellcheck disable=SC2086
		refuse 78 "no statistics in $AIDANT_HOME: run 'aidant-stats init' first" $c
	done
	[ ! -e "$db" ]
}

@test "init, add, amend, show, rm, forget, purge: each refusal, nothing changed" {
	refuse 64 "--name and --siret go together" init --name Bib
	refuse 64 "--siret: '123' is not 14 digits" init --siret 123 --name Bib
	[ ! -e "$AIDANT_HOME/structure" ]
	stats_init
	aidant-stats -q add --id a-1 --type individuel --date 2026-11-02 --type-lieu domicile --thematique email --duree 30 --usager u-1
	before=$(state)
	refuse 65 "id: 'a-1' is already taken (use 'amend')" add --id a-1 --type individuel --date 2026-11-02 --type-lieu domicile --thematique email --duree 30
	refuse 64 "unexpected argument 'extra'" add --type individuel --type-lieu domicile --thematique email --duree 30 extra
	refuse 65 "participants: missing: a collective activity needs its participants" add --type collectif --type-lieu autre --thematique email --duree 60
	refuse 65 "duree: 1440 is out of range (1 to 1439)" add --type individuel --type-lieu autre --thematique email --duree 1440
	refuse 64 "which record? (amend <id> [options])" amend
	refuse 64 "nothing to change: give the fields to correct" amend a-1
	refuse 64 "an id cannot be changed" amend a-1 --id a-2
	refuse 66 "no record 'nope'" amend nope --duree 45
	refuse 64 "show takes one record id" show
	refuse 64 "show takes one record id" show a-1 a-2
	refuse 66 "no record 'nope'" show nope
	refuse 64 "which records? (rm <id>...)" rm
	refuse 66 "no record 'nope': nothing removed" rm a-1 nope
	refuse 64 "whom? (forget --usager <pseudonym>)" forget
	refuse 66 "no record names 'nobody'" forget --usager nobody
	refuse 64 "--older-than: 'soon' is not a duration (as 12m)" purge --older-than soon
	[ "$(state)" = "$before" ]
}

@test "periods, formats and --by of list and report: 64 with the cause" {
	stats_init
	refuse 64 "--month: '2026-13' is not a month (YYYY-MM or last)" list --month 2026-13
	refuse 64 "--month excludes --since and --until" list --month 2026-11 --since 2026-11-01 --until 2026-11-30
	refuse 64 "--since and --until go together" report --since 2026-11-01
	refuse 64 "--since: '2026-11-31' is not a date (YYYY-MM-DD)" list --since 2026-11-31 --until 2026-12-01
	refuse 64 "--since 2026-12-01 is after --until 2026-11-01" report --since 2026-12-01 --until 2026-11-01
	refuse 64 "unknown format 'xml'" list --format xml
	refuse 64 "--by is given once" report --by type --by lieu
	refuse 64 "--by source works on whole months" report --by source --since 2026-11-03 --until 2026-11-20
}

@test "import and ingest: usage, missing files, more rejects than are shown" {
	stats_init
	refuse 64 "--rejects goes with --keep-going" import --rejects r.csv x.csv
	refuse 66 "cannot open absent.csv: No such file or directory" import absent.csv
	refuse 64 "what to ingest? (mandate or diag)" ingest
	refuse 64 "'journal' is neither mandate nor diag" ingest journal
	refuse 66 "cannot open absent.ndjson: No such file or directory" ingest mandate absent.ndjson
	{
		echo "type,date,duree,type_lieu,thematiques"
		for i in $(seq 25); do echo "individuel,2026-11-02,30,partout,email"; done
		echo "individuel,2026-11-02,30,autre,email"
	} >many.csv
	run --separate-stderr aidant-stats -q import many.csv
	[ "$status" -eq 65 ]
	[ "${#stderr_lines[@]}" -eq 22 ]
	[ "${stderr_lines[19]}" = "aidant-stats: error: many.csv:21: type_lieu: unknown value 'partout' (did you mean 'autre'?)" ]
	[ "${stderr_lines[20]}" = "aidant-stats: error: ... and 5 more rejected records" ]
	[ "${stderr_lines[21]}" = "aidant-stats: error: 25 of 26 records rejected: nothing stored" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
}

@test "export, merge and mask: usage, thresholds, missing and unwritable files" {
	stats_init
	refuse 64 "say what to export: --public or --for-network" export
	refuse 64 "-o and --output-dir exclude each other" export --public -o a.csv --output-dir d
	refuse 64 "a network file needs -o <file> or --output-dir <dir>" export --for-network
	refuse 64 "a network file is one --month, in JSON" export --for-network --month 2026-11 --format csv -o n.csv
	refuse 64 "an xlsx file needs -o <file> or --output-dir <dir>" export --public --format xlsx
	refuse 64 "an export covers whole months (--since a 1st, --until a last day)" export --public --since 2026-11-03 --until 2026-11-20
	refuse 64 "--k: '4' is not a number from 5 to 1000000" export --public --k 4
	refuse 73 "cannot create /nonexistent/dir/x.csv: No such file or directory" export --public -o /nonexistent/dir/x.csv
	refuse 64 "which network files? (merge <file>...)" merge
	refuse 66 "cannot read absent.json: No such file or directory" merge absent.json
	printf 'canton,n\nA,3\n' >t.csv
	printf 'canton\nA\n' >one.csv
	refuse 64 "mask takes one CSV file" mask
	refuse 64 "mask takes one CSV file" mask t.csv one.csv
	refuse 66 "cannot open absent.csv: No such file or directory" mask absent.csv
	refuse 65 "one.csv: no count column after 1 label column(s)" mask one.csv
	refuse 64 "--group: '3-9' is not a range of count columns (1 to 1)" mask --group 3-9 t.csv
	refuse 64 "--total-col: no count column 'total'" mask --total-col total t.csv
	refuse 64 "--k: '4' is not a number from 5 to 1000000" mask --k 4 t.csv
	printf 'canton,n\nA,trois\n' >word.csv
	refuse 65 "word.csv:2: n: 'trois' is not a count" mask -o out.csv word.csv
	[ ! -e out.csv ]
	[ "$(ls -A | grep -v '\.csv$')" = "" ]
}
