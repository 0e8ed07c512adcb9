#!/usr/bin/env bats
# aidant-diag record, show, list, compare, orient, summary, rm, forget: diagnoses from
# answers documents, all or nothing, and what is read back from them.

bats_require_minimum_version 1.5.0
load diag_setup

setup() {
	diag_setup
}

@test "record stores a diagnosis; the scoring gives levels, barriers, needs and autonomy" {
	run --separate-stderr bash -c "$(declare -f diag_answers); diag_answers u-3f2a9c0d1e | aidant-diag record --form rapide"
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
	run aidant-diag -q --format json show 1
	[ "$status" -eq 0 ]
	r=$(echo "$output" | jq -c .diagnosis.result)
	[ "$(echo "$r" | jq -r '.levels | "\(.["1.1"]) \(.["2.1"]) \(.["2.4"]) \(.["4.1"]) \(.["4.2"]) \(.["5.2"]) \(.["1.2"])"')" = "1 0 1 1 1 2 null" ]
	[ "$(echo "$r" | jq -r '.strengths | length')" -eq 0 ]
	[ "$(echo "$r" | jq -r '.barriers | join(",")')" = "sans_email,mots_de_passe,lecture_ecriture" ]
	[ "$(echo "$r" | jq -r '.needs | join(",")')" = "navigation_sur_internet,email,securite_numerique,aide_aux_demarches_administratives" ]
	[ "$(echo "$r" | jq -r .autonomie)" = entierement_accompagne ]
	[ "$(echo "$r" | jq -r '.orientation.prise_en_charge_specifique | join(",")')" = "Illettrisme" ]
	[[ "$(echo "$r" | jq -r '.orientation.services | join(",")')" == *"Aide aux démarches administratives"* ]]
	[ "$(echo "$output" | jq -r '.diagnosis | "\(.usager) \(.date) \(.form) \(.framework) \(.format)"')" = "u-3f2a9c0d1e 2026-11-23 rapide pix aidant-diag/1" ]
}

@test "the id is the hash of the canonical JSON; the same answers score the same, byte for byte" {
	diag_answers u-1 | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q --format json show 1
	doc=$(echo "$output" | jq -cS .diagnosis)
	id=$(echo "$output" | jq -r .id)
	[ "${#id}" -eq 16 ]
	[ "$(printf '%s' "$doc" | b2sum -l 256 | cut -c1-16)" = "$id" ]
	# the same answers again: same id, refused as already stored
	run --separate-stderr bash -c "$(declare -f diag_answers); diag_answers u-1 | aidant-diag -q record --form rapide"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"<stdin>:1: these answers are already stored as diagnosis 1"* ]]
	# in another home: the very same diagnosis
	diag_answers u-1 | aidant-diag -q --home "$BATS_TEST_TMPDIR/other" record --form rapide >/dev/null
	[ "$(aidant-diag -q --home "$BATS_TEST_TMPDIR/other" --format json show 1 | jq -r .id)" = "$id" ]
}

@test "record reads a batch from NDJSON, YAML and a JSON array, and prints each number" {
	{ diag_answers u-a; diag_answers u-b; diag_answers u-c; } >"$BATS_TEST_TMPDIR/b.ndjson"
	run aidant-diag -q record --form rapide "$BATS_TEST_TMPDIR/b.ndjson"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '1\n2\n3')" ]
	jq -s . "$BATS_TEST_TMPDIR/b.ndjson" | sed 's/u-a/u-d/; s/u-b/u-e/; s/u-c/u-f/' >"$BATS_TEST_TMPDIR/b.json"
	run aidant-diag -q record --form rapide "$BATS_TEST_TMPDIR/b.json"
	[ "$output" = "$(printf '4\n5\n6')" ]
	printf 'usager: u-y\nanswers:\n  email: seul\n  demarches: seul\n---\nusager: u-z\nanswers: {email: non}\n' >"$BATS_TEST_TMPDIR/b.yaml"
	run aidant-diag -q record --form rapide "$BATS_TEST_TMPDIR/b.yaml"
	[ "$output" = "$(printf '7\n8')" ]
	[ "$(aidant-diag -q --format json show 7 | jq -r .diagnosis.result.autonomie)" = autonome ]
}

@test "record is all or nothing: every bad answer is named with file:line and question" {
	{
		diag_answers u-a
		echo '{"usager":"u-b","answers":{"email":"peut-etre","appareils":"aucun","couleur":"bleu"}}'
		echo '{"usager":"u-c","answers":{"connexion":["box","non"]}}'
		echo '{"usager":"Jean Dupont","answers":{}}'
		echo '{"form":"complet","answers":{}}'
		echo '{"version":"0000000000000000","answers":{}}'
		echo '{"answers":{"email":"seul"},"date":"hier"}'
		echo '{"answers":{"email":"seul"}'
	} >"$BATS_TEST_TMPDIR/bad.ndjson"
	run --separate-stderr aidant-diag -q record --form rapide "$BATS_TEST_TMPDIR/bad.ndjson"
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	f="$BATS_TEST_TMPDIR/bad.ndjson"
	echo "$stderr"
	[[ "$stderr" == *"error: $f:2: email: \"peut-etre\" is not one of its choices (seul, aide, oubliee, non)"* ]]
	[[ "$stderr" == *"error: $f:2: couleur: no such question in form rapide"* ]]
	[[ "$stderr" == *"error: $f:3: connexion: one choice only: this question is not multiple"* ]]
	[[ "$stderr" == *"error: $f:4: usager: a pseudonym is letters, digits, '-' or '_' (never a name)"* ]]
	[[ "$stderr" == *"error: $f:5: form: these answers are not for form rapide"* ]]
	[[ "$stderr" == *"error: $f:6: version: these answers are for another version of form rapide"* ]]
	[[ "$stderr" == *"error: $f:7: date: not a date (YYYY-MM-DD)"* ]]
	[[ "$stderr" == *"error: $f:8:"* ]]
	[[ "$stderr" == *"nothing was stored: 7 answers documents with errors"* ]]
	# a multiple question takes a single choice too: "aucun" was fine
	[[ "$stderr" != *"appareils"* ]]
	run aidant-diag -q --format json list
	[ "$output" = "[]" ]
}

@test "record refuses a missing --form (64) and a missing file (66)" {
	run aidant-diag record /dev/null
	[ "$status" -eq 64 ]
	[[ "$output" == *"--form is required"* ]]
	run aidant-diag record --form rapide "$BATS_TEST_TMPDIR/none.json"
	[ "$status" -eq 66 ]
	run aidant-diag record --form rapide --usager "Jean Dupont" /dev/null
	[ "$status" -eq 64 ]
}

@test "list --format ndjson: the documented fields for aidant-stats, without names" {
	diag_answers u-a 2026-09-01 | aidant-diag -q record --form rapide >/dev/null
	diag_answers u-b 2026-11-20 | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q list --format ndjson
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(echo "${lines[0]}" | jq -r 'keys_unsorted | join(",")')" = "n,id,date,usager,form,framework,autonomie,source,signer,structure,levels,strengths,barriers,needs,services,forgotten" ]
	[ "$(echo "${lines[1]}" | jq -r '"\(.n) \(.date) \(.usager) \(.source) \(.forgotten) \(.levels["2.1"])"')" = "2 2026-11-20 u-b local false 0" ]
	run aidant-diag -q list --format ndjson --since 2026-10-01
	[ "${#lines[@]}" -eq 1 ]
	run aidant-diag -q list --format ndjson --usager u-a
	[ "$(echo "$output" | jq -r .n)" = 1 ]
	run aidant-diag -q list --since yesterday
	[ "$status" -eq 64 ]
	run aidant-diag -q --format csv list
	[ "${lines[0]}" = "n,id,date,usager,form,autonomie,source" ]
}

@test "show on a table puts the strengths first, with bars; unknown ids exit 66" {
	printf '{"usager":"u-a","answers":{"email":"seul","recherche":"seul","arnaque":"repond","demarches":"verifie"}}\n' |
		aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q --format table show 1
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "strengths first, then every competence:" ]]
	[[ "${lines[3]}" == "  1.1  ███░░░░░ 3/8  Conduct a search and monitor information" ]]
	[[ "${lines[4]}" == "  2.1  ███░░░░░ 3/8  Interact" ]]
	[[ "$output" == *"  4.2  ░░░░░░░░ 0/8  Protect personal data and privacy"* ]]
	[[ "$output" == *"autonomy: partly autonomous"* ]]
	id=$(aidant-diag -q --format json show 1 | jq -r .id)
	run aidant-diag -q --format json show "${id:0:8}"
	[ "$status" -eq 0 ]
	run aidant-diag -q show 99
	[ "$status" -eq 66 ]
	run aidant-diag -q show deadbeefdeadbeef
	[ "$status" -eq 66 ]
	[[ "$output" == *"no diagnosis 'deadbeefdeadbeef'"* ]]
}

@test "compare shows the progress per competence of one person" {
	printf '{"usager":"u-a","date":"2026-08-01","answers":{"email":"aide","recherche":"aide"}}\n' |
		aidant-diag -q record --form rapide >/dev/null
	printf '{"usager":"u-a","date":"2026-11-01","answers":{"email":"seul","recherche":"parfois"}}\n' |
		aidant-diag -q record --form rapide >/dev/null
	diag_answers u-b | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q --format json compare 1 2
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[] | select(.competence == "2.1") | "\(.before) \(.after) \(.change)"')" = "1 3 2" ]
	[ "$(echo "$output" | jq -r '.[] | select(.competence == "1.1") | .change')" = 1 ]
	[ "$(echo "$output" | jq -r '.[] | select(.competence == "3.4") | .change')" = null ]
	run aidant-diag -q compare 1 3
	[ "$status" -eq 65 ]
	[[ "$output" == *"are not of the same person"* ]]
	run aidant-diag -q compare 1
	[ "$status" -eq 64 ]
}

@test "orient prints the query document that aidant-annuaire search --query reads" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q orient 1
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r 'keys | join(",")')" = "frais_a_charge,match,modalites_acces,prise_en_charge_specifique,publics_specifiquement_adresses,services,text" ]
	[ "$(echo "$output" | jq -r .match)" = any ]
	[ "$(echo "$output" | jq -r '.services[0]')" = "Maîtrise des outils numériques du quotidien" ]
	[ "$(echo "$output" | jq -r '.prise_en_charge_specifique | join(",")')" = "Illettrisme" ]
	[ "$(echo "$output" | jq -r '.modalites_acces | join(",")')" = "Se présenter,Téléphoner" ]
	aidant-annuaire search --help | grep -q -- '--query' || skip "aidant-annuaire search --query has not landed yet"
	aidant-annuaire -q import "$AIDANT_ROOT/share/aidant/demo/data/reseau-73.json" >/dev/null
	# a person who reads e-mails with help and does démarches with someone checking
	printf '{"usager":"u-b","answers":{"email":"aide","demarches":"verifie"}}\n' |
		aidant-diag -q record --form rapide >/dev/null
	run bash -c "aidant-diag -q orient 2 | aidant-annuaire -q search --query - --near 73000"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq length)" -gt 0 ]
	[ "$(echo "$output" | jq '[.[] | select(.services | index("Maîtrise des outils numériques du quotidien") | not)] | length')" -eq 0 ]
}

@test "summary: the person's page in text and HTML with the verification code" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	id=$(aidant-diag -q --format json show 1 | jq -r .id)
	a=$(echo "${id:0:4}" | tr a-f A-F) b=$(echo "${id:4:4}" | tr a-f A-F)
	run aidant-diag -q summary 1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Your digital skills" ]
	[ "${lines[2]}" = "Diagnosis of 23 November 2026" ]
	[[ "$output" == *"Verification code"* ]]
	[[ "$output" == *"    $a  $b"* ]]
	[[ "$output" == *"What gets in the way"* ]]
	[[ "$output" == *"- no e-mail address"* ]]
	aidant-diag -q summary 1 --format html -o "$BATS_TEST_TMPDIR/s.html"
	grep -q "<span>$a</span> <span>$b</span>" "$BATS_TEST_TMPDIR/s.html"
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/s.html")" = 600 ]
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-diag -q summary 1
	locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || skip "locale fr_FR.UTF-8 not generated"
	[ "${lines[0]}" = "Vos compétences numériques" ]
	[[ "$output" == *"- pas d’adresse e-mail"* ]]
	[[ "$output" == *"Diagnostic du 23 novembre 2026"* ]]
}

@test "rm removes one diagnosis; forget erases a person and keeps the counts" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	diag_answers u-a 2026-11-01 | aidant-diag -q record --form rapide >/dev/null
	diag_answers u-b | aidant-diag -q record --form rapide >/dev/null
	run aidant-diag -q rm 3
	[ "$status" -eq 0 ]
	run aidant-diag -q rm 3
	[ "$status" -eq 66 ]
	run aidant-diag -q forget --usager u-a
	[ "$status" -eq 0 ]
	[[ "$output" == *"the diagnoses of u-a were erased"* ]]
	run aidant-diag -q list --format ndjson
	[ "${#lines[@]}" -eq 2 ]
	[ "$(echo "${lines[0]}" | jq -r '"\(.id) \(.usager) \(.levels) \(.forgotten) \(.autonomie) \(.date)"')" = "null null null true entierement_accompagne 2026-11-23" ]
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" "SELECT count(*) FROM diagnosis WHERE doc LIKE '%u-a%'")" = 0 ]
	run aidant-diag -q show 1
	[ "$status" -eq 66 ]
	run aidant-diag -q forget --usager u-a
	[ "$status" -eq 66 ]
	run aidant-diag -q forget
	[ "$status" -eq 64 ]
}

@test "a locked store exits 75 and nothing is stored" {
	diag_answers u-a | aidant-diag -q record --form rapide >/dev/null
	mkfifo "$BATS_TEST_TMPDIR/hold"
	{ echo 'BEGIN IMMEDIATE; CREATE TABLE lockme(x);'; cat "$BATS_TEST_TMPDIR/hold"; echo 'ROLLBACK;'; } |
		sqlite3 "$AIDANT_HOME/diag.db" &
	sleep 0.3
	run bash -c "$(declare -f diag_answers); diag_answers u-b | AIDANT_BUSY_TIMEOUT=100 aidant-diag -q record --form rapide"
	echo >"$BATS_TEST_TMPDIR/hold"
	wait
	[ "$status" -eq 75 ]
	[ "$(sqlite3 "$AIDANT_HOME/diag.db" 'SELECT count(*) FROM diagnosis')" = 1 ]
}
