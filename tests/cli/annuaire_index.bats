#!/usr/bin/env bats
# The search indexes follow the places: a renamed or moved place is found by its new words
# and position only, a removed one not at all, and a failed import leaves them as they were.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	list="$BATS_TEST_TMPDIR/list.json"
	place 'Médiathèque des Capucins' 45.5646 5.9178 >"$list"
	aidant-annuaire import --source t "$list" >/dev/null
}

# place NAME LAT LON: a one-place list with that name and position
place() {
	cat <<JSON
[{"id": "idx-1", "pivot": "00000000000000", "nom": "$1", "commune": "Chambéry",
  "code_postal": "73000", "adresse": "1 place du Théâtre", "latitude": $2, "longitude": $3,
  "source": "t", "date_maj": "2026-10-01"},
 {"id": "idx-2", "pivot": "00000000000000", "nom": "Maison de quartier", "commune": "Chambéry",
  "code_postal": "73000", "adresse": "2 rue B", "latitude": 45.57, "longitude": 5.92,
  "source": "t", "date_maj": "2026-10-01"}]
JSON
}

ids() {
	aidant-annuaire --format ndjson search "$@" | jq -r .id | sort | tr '\n' ' '
}

@test "index: words and accents are found before any change" {
	[ "$(ids capucins)" = "idx-1 " ]
	[ "$(ids mediatheque)" = "idx-1 " ]
	[ "$(ids --near 45.5646,5.9178 --radius 0.1)" = "idx-1 " ]
}

@test "index: a renamed and moved place is found by its new name and position only" {
	place 'Bibliothèque Georges Brassens' 45.60 5.88 >"$list"
	run aidant-annuaire import --source t "$list"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq .updated)" -eq 1 ]
	[ "$(ids capucins)" = "" ]
	[ "$(ids brassens)" = "idx-1 " ]
	[ "$(ids --near 45.5646,5.9178 --radius 0.1)" = "" ]
	[ "$(ids --near 45.60,5.88 --radius 0.1)" = "idx-1 " ]
	[ "$(ids quartier)" = "idx-2 " ]
}

@test "index: a removed place is found no more, the other still is" {
	run aidant-annuaire rm idx-1
	[ "$status" -eq 0 ]
	[ "$(ids capucins)" = "" ]
	[ "$(ids --near 45.5646,5.9178 --radius 0.1)" = "" ]
	[ "$(ids quartier)" = "idx-2 " ]
}

@test "index: a rejected import leaves the indexes as they were" {
	place 'Bibliothèque Georges Brassens' 45.60 5.88 | sed 's/"73000"/"7300"/' >"$list"
	run aidant-annuaire import --source t "$list"
	[ "$status" -eq 65 ]
	[ "$(ids capucins)" = "idx-1 " ]
	[ "$(ids brassens)" = "" ]
}
