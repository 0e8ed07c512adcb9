#!/usr/bin/env bats
# aidant-annuaire import of a list read again (the cron case): unchanged rows are found by
# the digest of their raw text, and everything a first reading says is said again: the
# changed row lands, warnings, duplicates, another list's ids, a row taken out.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	list="$BATS_TEST_TMPDIR/list.csv"
	{
		echo 'id,pivot,nom,commune,code_postal,adresse,date_maj,services,telephone'
		echo 'p-1,00000000000000,Espace Un,Chambéry,73000,1 rue A,2026-10-01,Aide aux démarches administratives,04 79 00 00 01'
		echo 'p-2,00000000000000,Espace Deux,Chambéry,73000,2 rue B,02/10/2026,maitrise des outils numeriques du quotidien,'
		echo 'p-3,00000000000000,Espace Trois,Chambéry,73000,3 rue C,2026-10-03,,'
	} >"$list"
}

counts() {
	aidant-annuaire import "$@" | jq -c '[.read, .inserted, .updated, .unchanged, .rejected, .warnings]'
}

@test "re-import: unchanged rows stay, a changed row lands, and then is unchanged" {
	[ "$(counts "$list")" = "[3,3,0,0,0,0]" ]
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	sed -i 's/Espace Deux,Chambéry/Espace Deux,Aix-les-Bains/' "$list"
	[ "$(counts "$list")" = "[3,0,1,2,0,0]" ]
	[ "$(aidant-annuaire show p-2 | jq -r .commune)" = "Aix-les-Bains" ]
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	# spaces that normalising takes away: the place is unchanged
	sed -i 's/,Espace Trois,/,  Espace Trois ,/' "$list"
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	[ "$(aidant-annuaire show p-3 | jq -r .nom)" = "Espace Trois" ]
}

@test "re-import: a row that warned warns again" {
	sed -i 's|04 79 00 00 01$|"04 79 00 00 01 / 06 12 34 56 78"|' "$list"
	run aidant-annuaire import "$list"
	[ "$(echo "$output" | jq -c '[.inserted, .warnings, .warnings_list[0].field]')" = '[3,1,"telephone"]' ]
	run aidant-annuaire import "$list"
	[ "$(echo "$output" | jq -c '[.unchanged, .warnings, .warnings_list[0].field]')" = '[3,1,"telephone"]' ]
}

@test "re-import: a row given twice is a duplicate, unchanged or not" {
	aidant-annuaire import "$list" >/dev/null
	sed -n 2p "$list" >>"$list"
	run aidant-annuaire import "$list"
	[ "$status" -eq 65 ]
	[[ "$output" == *"list.csv:5: id: duplicate id, already at $list:2"* ]]
	[ "$(sqlite3 "$AIDANT_HOME/annuaire.db" 'SELECT count(*) FROM place')" -eq 3 ]
}

@test "re-import: the same rows under another list's name take none of its places" {
	aidant-annuaire import --source alpha "$list" >/dev/null
	run --separate-stderr aidant-annuaire import --source beta --keep-going "$list"
	[ "$(echo "$output" | jq -c '[.unchanged, .rejected, .rejects[0].field]')" = '[0,3,"id"]' ]
	[ "$(counts --source alpha "$list")" = "[3,0,0,3,0,0]" ]
}

@test "re-import: a row taken out goes with --replace-source, the others stay unchanged" {
	aidant-annuaire import --source chambery "$list" >/dev/null
	sed -i '/^p-2,/d' "$list"
	run aidant-annuaire import --source chambery --replace-source "$list"
	[ "$(echo "$output" | jq -c '[.read, .unchanged, .removed]')" = "[2,2,1]" ]
	[ "$(sqlite3 "$AIDANT_HOME/annuaire.db" 'SELECT group_concat(id) FROM place ORDER BY id')" = "p-1,p-3" ]
}

@test "re-import: a store made before the raw digests is read again the same" {
	aidant-annuaire import "$list" >/dev/null
	# as a store of the previous schema: no digest of the raw rows
	sqlite3 "$AIDANT_HOME/annuaire.db" 'UPDATE place SET raw = NULL'
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	[ "$(counts "$list")" = "[3,0,0,3,0,0]" ]
	sed -i 's/Espace Un/Espace Premier/' "$list"
	[ "$(counts "$list")" = "[3,0,1,2,0,0]" ]
	[ "$(aidant-annuaire show p-1 | jq -r .nom)" = "Espace Premier" ]
}
