#!/usr/bin/env bats
# aidant-stats add, list, show, amend, rm, forget and purge: one record at a time, the
# refusals with the field named and the closest value, and the aggregates that follow.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
}

@test "before init: 78 naming init; init creates stats.db 0600 in a 0700 home" {
	run --separate-stderr aidant-stats list
	[ "$status" -eq 78 ]
	[ "$stderr" = "aidant-stats: error: no statistics in $AIDANT_HOME: run 'aidant-stats init' first" ]
	run aidant-stats -q init
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$db")" = 600 ]
	[ "$(stat -c %a "$AIDANT_HOME")" = 700 ]
}

@test "add an individual accompaniment: the record in the field names of DESIGN.md" {
	stats_init
	id=$(aidant-stats -q add --type individuel --date 2026-11-03 --duree 45 --type-lieu lieu_activite \
		--lieu place-1 --materiel ordinateur,telephone --thematique email --thematique logement \
		--autonomie partiellement_autonome --usager u-1 --genre feminin --annee-naissance 1950 \
		--statut-social retraite --commune-usager 73065)
	[[ "$id" =~ ^a-[0-9a-f]{16}$ ]]
	run aidant-stats -q show "$id"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.type, .date, .duree, .type_lieu, .lieu, .materiel, .thematiques, .autonomie, .participants, .version]')" = \
		'["individuel","2026-11-03",45,"lieu_activite","place-1",["ordinateur","telephone"],["email","logement"],"partiellement_autonome",1,1]' ]
	[ "$(echo "$output" | jq -c '.beneficiaires')" = \
		'[{"usager":"u-1","genre":"feminin","annee_naissance":1950,"tranche_age":"soixante_dix_plus","statut_social":"retraite","commune":"73065"}]' ]
	[ "$(cell thematique_demarche logement --month 2026-11)" = 1 ]
	[ "$(cell tranche_age soixante_dix_plus --month 2026-11)" = 1 ]
	[ "$(cell commune 73065 --month 2026-11)" = 1 ]
}

@test "a workshop counts its participants: weighted distributions, anonymous counts" {
	stats_init
	aidant-stats -q add --type collectif --date 2026-11-05 --duree 120 --type-lieu autre \
		--thematique bureautique --titre-atelier "Traitement de texte" --niveau debutant \
		--participants 8 --genre feminin=5,masculin=2 --tranche-age soixante_dix_plus=3 --usager u-9 >/dev/null
	[ "$(cell total activites --month 2026-11)" = 1 ]
	[ "$(cell total accompagnements_collectifs --month 2026-11)" = 8 ]
	[ "$(cell thematique bureautique --month 2026-11)" = 8 ]
	[ "$(cell duree 2_h_et_plus --month 2026-11)" = 8 ]
	[ "$(cell total beneficiaires --month 2026-11)" = 8 ]
	[ "$(cell total beneficiaires_anonymes --month 2026-11)" = 7 ]
	[ "$(cell genre feminin --month 2026-11)" = 5 ]
	# 7 anonymous: 5 + 2 given; u-9 has no genre
	[ "$(cell genre non_communique --month 2026-11)" = 1 ]
	[ "$(cell tranche_age non_communique --month 2026-11)" = 5 ]
}

@test "bad values: the field, the closest valid value, exit 65, nothing stored" {
	stats_init
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu domicile --thematique emial --duree 30
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: thematiques: unknown value 'emial' (did you mean 'email'?)" ]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu a_domicile --thematique email --duree 30
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: type_lieu: unknown value 'a_domicile' (did you mean 'domicile'?)" ]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu domicile --thematique email --duree 30 --autonomie autonom
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"(did you mean 'autonome'?)" ]]
	run --separate-stderr aidant-stats -q add --type collectif --type-lieu autre --thematique email --duree 30
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: participants: missing: a collective activity needs its participants" ]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --thematique email --duree 1440
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: duree: 1440 is out of range (1 to 1439)" ]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --duree 30
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: thematiques: missing: at least one thématique" ]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --thematique email --duree 30 --date 2026-02-30
	[ "$status" -eq 65 ]
	[[ "$stderr" == "aidant-stats: error: date: '2026-02-30' is not a date"* ]]
	run --separate-stderr aidant-stats -q add --type individuel --type-lieu autre --thematique email --duree 30 --niveau avance
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: niveau: only for collectif activities" ]
	run --separate-stderr aidant-stats -q add --type collectif --participants 2 --type-lieu autre --thematique email --duree 30 --genre feminin=3
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"anonymes: 3 counted by genre for 2 anonymous participant(s)" ]]
	run aidant-stats add --type individuel --type-lieu autre --thematique email --duree 30 --frobnicate 1
	[ "$status" -eq 64 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
}

@test "old types demarche and ponctuel are individual; a month that does not exist is 64" {
	stats_init
	id=$(aidant-stats -q add --type ponctuel --type-lieu autre --thematique email --duree 15)
	[ "$(aidant-stats -q show "$id" | jq -r .type)" = individuel ]
	run --separate-stderr aidant-stats -q report --month 2026-13
	[ "$status" -eq 64 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: --month: '2026-13' is not a month (YYYY-MM or last)" ]
	[ "${stderr_lines[1]}" = "try 'aidant-stats report --help'" ]
}

@test "amend keeps the previous version and moves the counts; rm removes them" {
	stats_init
	id=$(aidant-stats -q add --type individuel --date 2026-10-20 --type-lieu domicile --thematique email --duree 30)
	[ "$(cell type_lieu domicile --month 2026-10)" = 1 ]
	run aidant-stats -q amend "$id" --type-lieu a_distance --date 2026-11-02
	[ "$status" -eq 0 ]
	[ "$(cell type_lieu domicile --month 2026-10)" = 0 ]
	[ "$(cell total activites --month 2026-10)" = 0 ]
	[ "$(cell type_lieu a_distance --month 2026-11)" = 1 ]
	run aidant-stats -q show "$id" --versions
	[ "$(echo "$output" | jq -c '[.version, .type_lieu, (.previous_versions | length), .previous_versions[0].record.type_lieu]')" = '[2,"a_distance",1,"domicile"]' ]
	run --separate-stderr aidant-stats -q amend "$id" --type-lieu partout
	[ "$status" -eq 65 ]
	[ "$(aidant-stats -q show "$id" | jq .version)" = 2 ]
	run aidant-stats -q rm "$id"
	[ "$status" -eq 0 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
	run --separate-stderr aidant-stats -q rm "$id"
	[ "$status" -eq 66 ]
	run --separate-stderr aidant-stats -q show nope
	[ "$status" -eq 66 ]
}

@test "a person counts once a month; new the first month, followed after" {
	stats_init
	for d in 2026-10-02 2026-10-20 2026-11-04; do
		aidant-stats -q add --type individuel --date $d --type-lieu autre --thematique email --duree 30 --usager u-7 --genre masculin >/dev/null
	done
	[ "$(cell total accompagnements --month 2026-10)" = 2 ]
	[ "$(cell total beneficiaires --month 2026-10)" = 1 ]
	[ "$(cell total beneficiaires_nouveaux --month 2026-10)" = 1 ]
	[ "$(cell total beneficiaires_suivis --month 2026-11)" = 1 ]
	[ "$(cell total beneficiaires_nouveaux --month 2026-11)" = 0 ]
	# over both months: one person, new
	[ "$(cell total beneficiaires --since 2026-10-01 --until 2026-11-30)" = 1 ]
	[ "$(cell total beneficiaires_nouveaux --since 2026-10-01 --until 2026-11-30)" = 1 ]
	# a span of days is counted from the records: the same answer
	[ "$(cell total beneficiaires_suivis --since 2026-10-15 --until 2026-11-30)" = 1 ]
	[ "$(cell genre masculin --since 2026-10-15 --until 2026-11-30)" = 1 ]
	# removing the first record makes October's second one the first
	first=$(aidant-stats -q list --format csv --usager u-7 | awk -F, 'NR == 2 { print $1 }')
	aidant-stats -q rm "$first"
	[ "$(cell total beneficiaires_nouveaux --month 2026-10)" = 1 ]
	[ "$(cell total accompagnements --month 2026-10)" = 1 ]
}

@test "forget erases a person from records and versions; purge keeps the statistics" {
	stats_init
	id=$(aidant-stats -q add --type individuel --date 2026-09-10 --type-lieu autre --thematique email --duree 30 \
		--usager u-3 --genre feminin --annee-naissance 1980)
	aidant-stats -q amend "$id" --duree 45
	aidant-stats -q add --type individuel --date 2026-09-11 --type-lieu autre --thematique email --duree 30 \
		--usager u-4 --genre masculin >/dev/null
	run aidant-stats -q forget --usager u-3
	[ "$status" -eq 0 ]
	run sqlite3 "$db" "SELECT count(*) FROM activite_version WHERE record LIKE '%u-3%'"
	[ "$output" = 0 ]
	run sqlite3 "$db" "SELECT count(*) FROM activite WHERE record LIKE '%u-3%'"
	[ "$output" = 0 ]
	[ "$(cell total beneficiaires_anonymes --month 2026-09)" = 1 ]
	run --separate-stderr aidant-stats -q forget --usager u-3
	[ "$status" -eq 66 ]
	before=$(aidant-stats -q report --month 2026-09 --format csv)
	# a year later, u-4 is past the retention period
	AIDANT_NOW=2027-12-01T10:00:00+01:00 run aidant-stats -q purge
	[ "$status" -eq 0 ]
	[ "$(sqlite3 "$db" "SELECT count(*) FROM usager")" = 0 ]
	run sqlite3 "$db" "SELECT count(*) FROM activite WHERE record LIKE '%u-4%'"
	[ "$output" = 0 ]
	[ "$(aidant-stats -q report --month 2026-09 --format csv)" = "$before" ]
}

@test "list filters by period and type, in every format" {
	stats_init
	aidant-stats -q add --type individuel --date 2026-10-02 --type-lieu autre --thematique email --duree 30 >/dev/null
	aidant-stats -q add --type collectif --participants 3 --date 2026-11-02 --type-lieu autre --thematique email --duree 30 >/dev/null
	[ "$(aidant-stats -q list | jq length)" = 2 ]
	[ "$(aidant-stats -q list --month 2026-11 | jq -r '.[0].type')" = collectif ]
	[ "$(aidant-stats -q list --type individuel --format ndjson | jq -r .date)" = 2026-10-02 ]
	[ "$(aidant-stats -q list --since 2026-10-01 --until 2026-10-31 --format csv | wc -l)" = 2 ]
	run aidant-stats list --since 2026-10-01
	[ "$status" -eq 64 ]
}
