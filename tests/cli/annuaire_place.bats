#!/usr/bin/env bats
# aidant-annuaire show and rm: one place as stored, removals all or nothing.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	db="$AIDANT_HOME/annuaire.db"
	cat >"$BATS_TEST_TMPDIR/list.json" <<'JSON'
[
 {"id": "p-1", "pivot": "00000000000000", "nom": "Espace Un", "commune": "Chambéry",
  "code_postal": "73000", "adresse": "1 rue A", "latitude": 45.5646, "longitude": 5.9178,
  "services": "Aide aux démarches administratives|Accès internet et matériel informatique",
  "source": "test", "date_maj": "2026-10-01"},
 {"id": "p-2", "pivot": "00000000000000", "nom": "Espace Deux", "commune": "Chambéry",
  "code_postal": "73000", "adresse": "2 rue B", "source": "test", "date_maj": "2026-10-02"},
 {"id": "p-3", "pivot": "00000000000000", "nom": "Espace Trois", "commune": "Chambéry",
  "code_postal": "73000", "adresse": "3 rue C", "source": "test", "date_maj": "2026-10-03"}
]
JSON
}

imported() {
	aidant-annuaire import "$BATS_TEST_TMPDIR/list.json" >/dev/null
}

@test "show: prints the normalised record as a JSON object" {
	imported
	run --separate-stderr aidant-annuaire show p-1
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.id, .nom, .latitude, .services]')" = '["p-1","Espace Un",45.5646,["Aide aux démarches administratives","Accès internet et matériel informatique"]]' ]
	[ "$(echo "$output" | jq -r 'keys_unsorted | join(",")')" = "id,pivot,nom,commune,code_postal,adresse,latitude,longitude,source,date_maj,services" ]
}

@test "show: a table of fields, and CSV with the schema's 32 columns" {
	imported
	run aidant-annuaire --format table show p-1
	[ "$status" -eq 0 ]
	[[ "$output" == *"services"*"Aide aux démarches administratives | Accès internet et matériel informatique"* ]]
	run aidant-annuaire --format csv show p-2
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | head -n 1 | tr ',' '\n' | wc -l)" -eq 32 ]
	[[ "$output" == *"p-2,00000000000000,Espace Deux,Chambéry,73000"* ]]
}

@test "show: an unknown id is exit 66 and creates no store" {
	run aidant-annuaire show nope
	[ "$status" -eq 66 ]
	[ "$output" = "aidant-annuaire: error: nope: no such place" ]
	[ ! -e "$db" ]
	imported
	run aidant-annuaire show nope
	[ "$status" -eq 66 ]
	run aidant-annuaire show
	[ "$status" -eq 64 ]
}

@test "rm: removes places, from search and export too" {
	imported
	run aidant-annuaire rm p-1 p-3
	[ "$status" -eq 0 ]
	[[ "$output" == *"places removed: 2"* ]]
	[ "$(sqlite3 "$db" 'SELECT group_concat(id) FROM place')" = "p-2" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM place_fts')" -eq 1 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM place_geo')" -eq 0 ]
	run aidant-annuaire show p-1
	[ "$status" -eq 66 ]
}

@test "rm: an unknown id removes nothing and is named" {
	imported
	run aidant-annuaire rm p-1 nope p-3
	[ "$status" -eq 66 ]
	[ "$output" = "aidant-annuaire: error: nope: no such place, nothing removed" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM place')" -eq 3 ]
	run aidant-annuaire rm
	[ "$status" -eq 64 ]
}

@test "rm: a locked store is exit 75, nothing removed" {
	imported
	{ echo "BEGIN IMMEDIATE;"; sleep 3; echo "ROLLBACK;"; } | sqlite3 "$db" &
	sleep 0.5
	AIDANT_BUSY_TIMEOUT=100 run aidant-annuaire rm p-1
	[ "$status" -eq 75 ]
	wait
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM place')" -eq 3 ]
}

@test "rm and show: French messages" {
	imported
	LANG=fr_FR.UTF-8 run aidant-annuaire rm nope
	[ "$status" -eq 66 ]
	[ "$output" = "aidant-annuaire : erreur : nope : aucun lieu de cet id, rien n’a été retiré" ]
}
