#!/usr/bin/env bats
# aidant-annuaire dedupe and unmerge: pairs of one commune scored on name, address and
# distance, thresholds across and inside lists, merges that hide places and can be undone
# exactly, and the refusals of unmerge.

load fixtures/annuaire/query-helpers

import_doubles() {
	run --separate-stderr aidant-annuaire --quiet import "$FIX/query-doublons.json"
	[ "$status" -eq 0 ] || { echo "import failed ($status): $stderr"; return 1; }
}

@test "dedupe lists the pairs with their score and its components, best first" {
	import_doubles
	run --separate-stderr aidant-annuaire --format ndjson dedupe
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '{"score":100.0,"name":100.0,"address":100.0,"distance":null,"metres":null,"id_a":"d-5","nom_a":"Mairie de Cognin","source_a":"liste-a","id_b":"d-6","nom_b":"MAIRIE DE COGNIN","source_b":"liste-b"}' ]
	[ "${lines[1]}" = '{"score":93.0,"name":90.0,"address":88.9,"distance":100.0,"metres":19,"id_a":"d-1","nom_a":"Point CAF Chambéry","source_a":"liste-a","id_b":"d-2","nom_b":"Point C.A.F. Chambery","source_b":"liste-b"}' ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "aidant-annuaire: pairs of duplicates found: 2 ('dedupe --apply' merges them)" ]
}

@test "inside one list the threshold is 90, --threshold overrides both" {
	import_doubles
	# d-3 and d-4 (same list, 60 m apart) score 89.4: below 90, a duplicate at 85
	run --separate-stderr aidant-annuaire --format ndjson dedupe --threshold 85
	[ "$(printf '%s\n' "$output" | jq -c '[.id_a, .id_b, .score]' | paste -sd' ' -)" = '["d-5","d-6",100] ["d-1","d-2",93] ["d-3","d-4",89.4]' ]
	run --separate-stderr aidant-annuaire --format ndjson dedupe --threshold 95
	[ "$(printf '%s\n' "$output" | jq -c '[.id_a, .id_b]')" = '["d-5","d-6"]' ]
}

@test "places of different communes are never candidates" {
	import_doubles
	run --separate-stderr aidant-annuaire --format ndjson dedupe --threshold 0
	[ "$status" -eq 0 ]
	[[ $output != *'"d-7"'* ]]
}

@test "dedupe --apply merges: newest single values, union of lists, merged places hidden" {
	import_doubles
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '{"merge":1,"kept":"d-2","nom":"Point C.A.F. Chambery","merged":["d-1"]}' ]
	[ "${lines[1]}" = '{"merge":2,"kept":"d-5","nom":"Mairie de Cognin","merged":["d-6"]}' ]
	run --separate-stderr aidant-annuaire --format ndjson export --code-postal 73000
	[ "$(ids "$output")" = "d-2 d-3 d-4" ]
	[ "$(printf '%s\n' "$output" | jq -c 'select(.id == "d-2") | [.nom, .adresse, .telephone, .horaires, .date_maj, .services, .dispositif_programmes_nationaux, .frais_a_charge]')" = \
	  '["Point C.A.F. Chambery","5 r de la Banque","+33479000010","Tu 14:00-17:00","2026-06-01",["Accès internet et matériel informatique","Aide aux démarches administratives"],["Point d'"'"'accès numérique CAF"],["Gratuit"]]' ]
	run --separate-stderr aidant-annuaire --format ndjson search cognin
	[ "$(ids "$output")" = "d-5" ]
	run --separate-stderr aidant-annuaire --format ndjson search --near 45.57,5.912 --radius 0.5
	[ "$(ids "$output")" = "d-7 d-2" ]
	run --separate-stderr aidant-annuaire --format ndjson stats
	[ "${lines[0]}" = '{"kind":"total","value":null,"places":5}' ]
	run --separate-stderr aidant-annuaire --format ndjson dedupe
	[ "$output" = "" ]
	[ "$stderr" = "aidant-annuaire: no duplicate found" ]
}

@test "unmerge restores both places exactly" {
	import_doubles
	before=$(aidant-annuaire export --format ndjson)
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$status" -eq 0 ]
	[ "$(aidant-annuaire export --format ndjson)" != "$before" ]
	run --separate-stderr aidant-annuaire --format ndjson unmerge 1
	[ "$status" -eq 0 ]
	[ "$output" = '{"merge":1,"kept":"d-2","restored":["d-1"]}' ]
	run --separate-stderr aidant-annuaire --format ndjson unmerge 2
	[ "$status" -eq 0 ]
	[ "$(aidant-annuaire export --format ndjson)" = "$before" ]
	# an unmerge is a decision: the pairs are not proposed again
	run --separate-stderr aidant-annuaire --format ndjson dedupe
	[ "$output" = "" ]
	[ "$stderr" = "aidant-annuaire: pairs set apart by unmerge, not proposed: 2
aidant-annuaire: no duplicate found" ]
}

@test "a re-import after dedupe --apply keeps what the merge brought in" {
	import_doubles
	aidant-annuaire --quiet dedupe --apply >/dev/null
	merged=$(aidant-annuaire export --format ndjson)
	# the same lists again: nothing changes, the merge stands
	run --separate-stderr aidant-annuaire import "$FIX/query-doublons.json"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .unchanged, .updated]')" = "[7,7,0]" ]
	[ "$(aidant-annuaire export --format ndjson)" = "$merged" ]
	# the kept place's list changes its phone: the place shows it, with the services of the
	# place merged into it still there
	jq '(.[] | select(.id == "d-2") | .telephone) = "04 79 00 00 99"
	    | (.[] | select(.id == "d-1") | .services) += "|Loisirs et créations numériques"' \
		"$FIX/query-doublons.json" >"$BATS_TEST_TMPDIR/changed.json"
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/changed.json"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.unchanged, .updated]')" = "[5,2]" ]
	run aidant-annuaire --format json show d-2
	[ "$(echo "$output" | jq -c '[.telephone, .services]')" = '["+33479000099",["Accès internet et matériel informatique","Aide aux démarches administratives","Loisirs et créations numériques"]]' ]
	run --separate-stderr aidant-annuaire --format ndjson search loisirs
	[ "$(ids "$output")" = "d-2" ]
	[ "$(aidant-annuaire --format ndjson search --commune chambery --limit 100 | jq -r .id | grep -c '^d-1$')" -eq 0 ]
	# undone, each place is what its list last said
	aidant-annuaire --quiet unmerge 1 >/dev/null
	run aidant-annuaire --format json show d-2
	[ "$(echo "$output" | jq -c '[.telephone, .services]')" = '["+33479000099",["Accès internet et matériel informatique"]]' ]
	run aidant-annuaire --format json show d-1
	[ "$(echo "$output" | jq -c .services)" = '["Aide aux démarches administratives","Loisirs et créations numériques"]' ]
	# and an import of the unmerged places does not merge them again
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/changed.json"
	[ "$(echo "$output" | jq -c '[.unchanged, .updated]')" = "[7,0]" ]
	[ "$(aidant-annuaire --format ndjson search --commune chambery --limit 100 | jq -r .id | grep -c '^d-1$')" -eq 1 ]
}

@test "an unmerged pair is never merged again, other pairs still are" {
	import_doubles
	aidant-annuaire --quiet dedupe --apply >/dev/null
	aidant-annuaire --quiet unmerge 1 >/dev/null
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	aidant-annuaire --quiet unmerge 2 >/dev/null
	# a third place of the same commune can still be merged with one of them
	run --separate-stderr aidant-annuaire --quiet import "$FIX/query-doublon-tardif.json"
	run --separate-stderr aidant-annuaire --format ndjson dedupe
	[ "$(echo "$output" | jq -r '[.id_a, .id_b] | sort | join("+")' | paste -sd' ')" = "d-1+d-8 d-2+d-8" ]
	[[ $stderr == *"pairs set apart by unmerge, not proposed: 2"* ]]
	# but not both: that would put the pair set apart together again
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$(echo "$output" | jq -c '[.kept, .merged]')" = '["d-8",["d-1"]]' ]
	run --separate-stderr aidant-annuaire --format ndjson search --near 45.57,5.912 --radius 0.5
	[ "$(ids "$output")" = "d-7 d-8 d-2" ]
}

@test "a merge under a later merge of the same places is undone after it" {
	import_doubles
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	run --separate-stderr aidant-annuaire --quiet import "$FIX/query-doublon-tardif.json"
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$output" = '{"merge":3,"kept":"d-8","nom":"Point CAF de Chambéry","merged":["d-2"]}' ]
	run --separate-stderr aidant-annuaire unmerge 1
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: merge 3 involves the same places and came later: undo it first" ]
	run --separate-stderr aidant-annuaire --format ndjson unmerge 2
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson unmerge 3
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson unmerge 1
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire --format ndjson search --near 45.57,5.912 --radius 0.5
	[ "$(ids "$output")" = "d-1 d-7 d-8 d-2" ]
}

@test "unmerge refusals: usage 64, unknown merge 66, already undone 65" {
	import_doubles
	run --separate-stderr aidant-annuaire unmerge
	[ "$status" -eq 64 ]
	run --separate-stderr aidant-annuaire unmerge x
	[ "$status" -eq 64 ]
	run --separate-stderr aidant-annuaire unmerge 1 2
	[ "$status" -eq 64 ]
	run --separate-stderr aidant-annuaire unmerge 7
	[ "$status" -eq 66 ]
	[ "$stderr" = "aidant-annuaire: error: there is no merge 7" ]
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	AIDANT_NOW=2026-11-23T10:00 run --separate-stderr aidant-annuaire unmerge 1
	[ "$status" -eq 0 ]
	run --separate-stderr aidant-annuaire unmerge 1
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: merge 1 was already undone on 2026-11-23T10:00:00+01:00" ]
	run --separate-stderr env $(french) aidant-annuaire unmerge 7
	[ "$stderr" = "aidant-annuaire : erreur : il n’y a pas de fusion 7" ]
}

@test "dedupe refusals are usage errors (64)" {
	for args in "--threshold 101" "--threshold -1" "--threshold high" "--apply now" "--bogus"; do
		run --separate-stderr aidant-annuaire dedupe $args
		[ "$status" -eq 64 ] || { echo "dedupe $args: exit $status"; return 1; }
	done
}

@test "real lists: merges found across the regional exports all undo to the same export" {
	need_data
	run --separate-stderr aidant-annuaire --quiet import "$AIDANT_DATA"/annuaire/2023*.json "$AIDANT_DATA"/annuaire/2024*.json
	[ "$status" -eq 0 ]
	before=$(aidant-annuaire export --format ndjson | md5sum)
	run --separate-stderr aidant-annuaire --format ndjson dedupe --apply
	[ "$status" -eq 0 ]
	n=${#lines[@]}
	[ "$n" -ge 1 ]
	[ "$(aidant-annuaire export --format ndjson | md5sum)" != "$before" ]
	for m in $(printf '%s\n' "$output" | jq -r .merge | sort -rn); do
		aidant-annuaire --quiet unmerge "$m" >/dev/null
	done
	[ "$(aidant-annuaire export --format ndjson | md5sum)" = "$before" ]
}
