#!/usr/bin/env bats
# aidant-stats ingest: the real output of aidant-mandate journal and aidant-diag list,
# counted into the months once, whatever the number of times it is read.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	export AIDANT_KDF_LIGHT=1
	MHOME="$BATS_TEST_TMPDIR/mandate-home"
	DHOME="$BATS_TEST_TMPDIR/diag-home"
	PASS="$BATS_TEST_TMPDIR/pass"
	echo 'correct horse' >"$PASS"
	stats_init
}

m() { aidant-mandate -q --home "$MHOME" "$@"; }

# A structure's journal over October and November 2026: two people, two helpers, three
# démarches done (two in October), one refused, a démarche revoked, a mandate replaced.
journal() {
	export AIDANT_NOW=2026-10-05T10:00:00+02:00
	m init --name "Médiathèque" --siret 21010053100017 \
		--passphrase-file "$PASS" >/dev/null
	m aidant add --name "Camille Martin" >/dev/null
	m aidant add --name "Louis Garnier" >/dev/null
	m aidant accept-charter 1 >/dev/null
	m aidant accept-charter 2 >/dev/null
	u1=$(m usager add --given Fatima --family Benali --birth 1961-03-12)
	u2=$(m usager add --given Josiane --family Lambert --birth 1948-05-17)
	m1=$(m create --usager "$u1" --aidant 1 --demarche social,argent --duration 365d --passphrase-file "$PASS")
	m create --usager "$u2" --aidant 2 --demarche logement --duration 182d --passphrase-file "$PASS" >/dev/null
	m use --usager "$u1" --aidant 1 --demarche social
	m use --usager "$u2" --aidant 2 --demarche logement
	export AIDANT_NOW=2026-11-10T10:00:00+01:00
	m use --usager "$u1" --aidant 1 --demarche argent
	m use --usager "$u1" --aidant 1 --demarche transports 2>/dev/null || true
	m revoke "$m1" --demarche argent --by usager --passphrase-file "$PASS" >/dev/null
	m create --usager "$u1" --aidant 1 --demarche social --duration 31d --passphrase-file "$PASS" >/dev/null
	unset AIDANT_NOW
	m journal --format ndjson >"$BATS_TEST_TMPDIR/journal.ndjson"
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
}

@test "ingest mandate: acts per démarche and month, mandates created and revoked, people once" {
	journal
	run --separate-stderr aidant-stats -q ingest mandate <"$BATS_TEST_TMPDIR/journal.ndjson"
	[ "$status" -eq 0 ]
	total=$(wc -l <"$BATS_TEST_TMPDIR/journal.ndjson")
	[ "$(echo "$output" | jq -c '[.read, .unchanged]')" = "[$total,0]" ]
	[ "$(cell mandat demarches --month 2026-10)" = 2 ]
	[ "$(cell mandat_demarche social_sante --month 2026-10)" = 1 ]
	[ "$(cell mandat_demarche logement --month 2026-10)" = 1 ]
	[ "$(cell mandat mandats_crees --month 2026-10)" = 2 ]
	[ "$(cell mandat_personnes usagers --month 2026-10)" = 2 ]
	[ "$(cell mandat_personnes aidants --month 2026-10)" = 2 ]
	[ "$(cell mandat demarches --month 2026-11)" = 1 ]
	[ "$(cell mandat_demarche argent_impots --month 2026-11)" = 1 ]
	[ "$(cell mandat refus --month 2026-11)" = 1 ]
	[ "$(cell mandat mandats_crees --month 2026-11)" = 1 ]
	# argent revoked by the person, then social replaced by the new mandate: mandate 1 ends
	[ "$(cell mandat autorisations_revoquees --month 2026-11)" = 2 ]
	[ "$(cell mandat mandats_revoques --month 2026-11)" = 1 ]
	[ "$(cell mandat_personnes usagers --month 2026-11)" = 1 ]
	# over both months, Fatima counts once
	[ "$(cell mandat_personnes usagers --since 2026-10-01 --until 2026-11-30)" = 2 ]
	[ "$(cell mandat demarches --since 2026-10-01 --until 2026-11-30)" = 3 ]
}

@test "ingest mandate twice, or a longer journal later: each entry counted once" {
	journal
	aidant-stats -q ingest mandate "$BATS_TEST_TMPDIR/journal.ndjson" >/dev/null
	before=$(sqlite3 "$db" 'SELECT month, part, rubrique, modalite, n FROM agg ORDER BY 1, 2, 3, 4')
	run aidant-stats -q ingest mandate "$BATS_TEST_TMPDIR/journal.ndjson"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq .counted)" = 0 ]
	[ "$(sqlite3 "$db" 'SELECT month, part, rubrique, modalite, n FROM agg ORDER BY 1, 2, 3, 4')" = "$before" ]
	# a journal that goes on: only the new entries count
	AIDANT_NOW=2026-11-20T10:00:00+01:00 m use --usager "$u1" --aidant 1 --demarche social
	m journal --format ndjson | aidant-stats -q ingest mandate >/dev/null
	[ "$(cell mandat demarches --month 2026-11)" = 2 ]
	[ "$(cell mandat demarches --month 2026-10)" = 2 ]
}

@test "ingest mandate reads the fields it needs and ignores the rest (signed entries)" {
	journal
	jq -c '. + {sig: "RWQ...", journal_key: "ab12", extra: {nested: [1, 2]}}' \
		"$BATS_TEST_TMPDIR/journal.ndjson" >"$BATS_TEST_TMPDIR/signed.ndjson"
	run aidant-stats -q ingest mandate "$BATS_TEST_TMPDIR/signed.ndjson"
	[ "$status" -eq 0 ]
	[ "$(cell mandat demarches --month 2026-10)" = 2 ]
	[ "$(cell mandat_personnes usagers --month 2026-10)" = 2 ]
	# the same entries: the plain journal adds nothing
	run aidant-stats -q ingest mandate "$BATS_TEST_TMPDIR/journal.ndjson"
	[ "$(echo "$output" | jq .counted)" = 0 ]
}

@test "ingest mandate: a bad entry is named by line and field, and nothing is counted" {
	journal
	f="$BATS_TEST_TMPDIR/bad.ndjson"
	jq -c 'if .action == "use_autorisation" and .demarches == ["argent"] then .demarches = ["argnet"] else . end' \
		"$BATS_TEST_TMPDIR/journal.ndjson" >"$f"
	line=$(grep -n argnet "$f" | cut -d: -f1)
	run --separate-stderr aidant-stats -q ingest mandate "$f"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $f:$line: demarches: unknown démarche 'argnet' (did you mean 'argent'?)" ]
	[ "${stderr_lines[1]}" = "aidant-stats: error: nothing counted" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM ingested')" = 0 ]
	printf '{"seq":1,"prev":"00","action":"use_autorisation","demarches":["social"]}\n' >"$f"
	run --separate-stderr aidant-stats -q ingest mandate "$f"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $f:1: time: missing" ]
	printf '{"seq":1,"prev":"00","time":"hier","action":"use_autorisation"}\n' >"$f"
	run --separate-stderr aidant-stats -q ingest mandate "$f"
	[ "${stderr_lines[0]}" = "aidant-stats: error: $f:1: time: 'hier' is not a time" ]
	printf '{"seq":1,"prev":"00","time":"2026-11-02T10:00:00Z",\n' >"$f"
	run --separate-stderr aidant-stats -q ingest mandate "$f"
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "aidant-stats: error: $f:"* ]]
	run --separate-stderr aidant-stats -q ingest mandats
	[ "$status" -eq 64 ]
	[ "${stderr_lines[1]}" = "try 'aidant-stats ingest --help'" ]
}

d() { aidant-diag -q --home "$DHOME" "$@"; }

# Two diagnoses of the quick form (November), one of them of a person later forgotten.
diagnoses() {
	cat >"$BATS_TEST_TMPDIR/a.json" <<'JSON'
{"form": "rapide", "usager": "u-a",
 "answers": {"appareils": ["smartphone"], "connexion": "forfait", "email": "aide",
             "mots_de_passe": "quelquun", "smartphone": ["appeler", "photo"],
             "lire_ecrire": "facile", "recherche": "parfois", "arnaque": "demande",
             "demarches": "verifie", "apprendre": ["email", "demarches"]}}
JSON
	jq '.usager = "u-b"' "$BATS_TEST_TMPDIR/a.json" >"$BATS_TEST_TMPDIR/b.json"
	d record --form rapide "$BATS_TEST_TMPDIR/a.json" >/dev/null
	AIDANT_NOW=2026-11-24T10:00:00+01:00 d record --form rapide "$BATS_TEST_TMPDIR/b.json" >/dev/null
	d list --format ndjson >"$BATS_TEST_TMPDIR/diag.ndjson"
}

@test "ingest diag: diagnoses, autonomy, levels per competence, barriers and needs" {
	diagnoses
	run aidant-stats -q ingest diag "$BATS_TEST_TMPDIR/diag.ndjson"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .counted]')" = '[2,2]' ]
	first=$(head -1 "$BATS_TEST_TMPDIR/diag.ndjson")
	autonomie=$(echo "$first" | jq -r .autonomie)
	level=$(echo "$first" | jq -r '.levels["1.1"]')
	need=$(echo "$first" | jq -r '.needs[0]')
	barrier=$(echo "$first" | jq -r '.barriers[0]')
	[ "$(cell diagnostic diagnostics --month 2026-11)" = 2 ]
	[ "$(cell diagnostic locaux --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_formulaire rapide --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_referentiel pix --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_autonomie "$autonomie" --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_niveau "pix:1.1:$level" --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_niveau pix:1.2:non_evalue --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_besoin "$need" --month 2026-11)" = 2 ]
	[ "$(cell diagnostic_frein "$barrier" --month 2026-11)" = 2 ]
	# every competence of Pix has its levels, adding up to the diagnoses
	[ "$(aidant-stats -q report --month 2026-11 --format csv | awk -F, '$3 == "diagnostic_niveau" { n += $7 } END { print n }')" = 32 ]
}

@test "ingest diag again, after the person was forgotten: nothing changes" {
	diagnoses
	aidant-stats -q ingest diag "$BATS_TEST_TMPDIR/diag.ndjson" >/dev/null
	before=$(aidant-stats -q report --month 2026-11 --format csv)
	d forget --usager u-b >/dev/null
	run aidant-stats -q ingest diag < <(d list --format ndjson)
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.counted, .unchanged]')" = '[0,2]' ]
	[ "$(aidant-stats -q report --month 2026-11 --format csv)" = "$before" ]
}

@test "ingest diag: an unknown autonomy or need is refused with the closest value" {
	diagnoses
	f="$BATS_TEST_TMPDIR/bad.ndjson"
	sed '2s/"autonomie":"[a-z_]*"/"autonomie":"autonom"/' "$BATS_TEST_TMPDIR/diag.ndjson" >"$f"
	run --separate-stderr aidant-stats -q ingest diag "$f"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $f:2: autonomie: unknown value 'autonom' (did you mean 'autonome'?)" ]
	jq -c '.needs = ["emial"]' "$BATS_TEST_TMPDIR/diag.ndjson" >"$f"
	run --separate-stderr aidant-stats -q ingest diag "$f"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $f:1: needs: unknown value 'emial' (did you mean 'email'?)" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM agg')" = 0 ]
}

@test "the public export suppresses the small diagnosis cells and the shares they give away" {
	diagnoses
	aidant-stats -q ingest diag "$BATS_TEST_TMPDIR/diag.ndjson" >/dev/null
	run aidant-stats -q export --public --month 2026-11 --format csv
	[ "$status" -eq 0 ]
	# 2 diagnoses: every non-zero count is under k, none is published, nor any share
	[ "$(echo "$output" | awk -F, '$2 ~ /^diagnostic/ && $5 != "" && $5 != 0' | wc -l)" = 0 ]
	[ "$(echo "$output" | awk -F, '$2 ~ /^diagnostic/ && $6 != "" && $6 != "0.0"' | wc -l)" = 0 ]
	[ "$(echo "$output" | awk -F, '$2 == "diagnostic" && $3 == "diagnostics" { print $7 }')" = 1 ]
}
