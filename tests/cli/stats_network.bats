#!/usr/bin/env bats
# aidant-stats and the network: init creates or reuses the structure identity, export
# --for-network writes a month's exact counts signed with it (stock minisign checks
# them), merge (the coordinator) checks each signature, refuses a changed, foreign or
# untrusted file and a month sent twice, and its result exports like a structure's own.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	export AIDANT_KDF_LIGHT=1 AIDANT_NOW=2026-12-01T07:00:00+01:00
	PASS="$BATS_TEST_TMPDIR/pass"
	echo 'correct horse' >"$PASS"
	A="$BATS_TEST_TMPDIR/a" B="$BATS_TEST_TMPDIR/b" C="$BATS_TEST_TMPDIR/coordinateur"
	OUT="$BATS_TEST_TMPDIR/out"
	demo="$AIDANT_SHARE/demo/data"
}

# Two structures with a month of November 2026 each, their network files in $OUT.
two_structures() {
	aidant-stats -q --home "$A" init --name "France Services A" --siret 21010053100017 --passphrase-file "$PASS"
	aidant-stats -q --home "$A" import "$demo/stats-france-services-2026-11.csv" >/dev/null
	aidant-stats -q --home "$B" init --name "Relais B" --siret 12345678901234 --unencrypted 2>/dev/null
	aidant-stats -q --home "$B" import "$demo/stats-relais-2026-11.csv" >/dev/null
	aidant-stats -q --home "$A" export --for-network --month last --output-dir "$OUT" --passphrase-file "$PASS"
	aidant-stats -q --home "$B" export --for-network --month 2026-11 --output-dir "$OUT"
	fa="$OUT/reseau-21010053100017-2026-11.json" fb="$OUT/reseau-12345678901234-2026-11.json"
	aidant-stats -q --home "$C" init
	mkdir -p "$C/reseau"
	cp "$A/structure/structure.pub" "$C/reseau/a.pub"
	cp "$B/structure/structure.pub" "$C/reseau/b.pub"
}

@test "init creates the structure identity when asked, reuses the one another tool made" {
	run --separate-stderr aidant-stats init --name "Médiathèque" --siret 21010053100017 --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"structure Médiathèque (SIRET 21010053100017) created, key "* ]]
	[ -f "$AIDANT_HOME/structure/structure.key" ] && [ -f "$AIDANT_HOME/stats.db" ]
	# aidant-mandate finds and reuses it: one key for every tool
	run aidant-mandate -q init --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[ "$(ls "$AIDANT_HOME/structure" | sort | tr '\n' ' ')" = "structure.json structure.key structure.pub " ]
	# and a mandate home's structure is reused by stats
	M="$BATS_TEST_TMPDIR/m"
	aidant-mandate -q --home "$M" init --name "CCAS" --siret 12345678901234 --passphrase-file "$PASS" >/dev/null
	key=$(jq -r .key_id "$M/structure/structure.json")
	run --separate-stderr aidant-stats --home "$M" init
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"structure CCAS (SIRET 12345678901234) reused, key $key"* ]]
	run --separate-stderr aidant-stats --home "$M" init --name "Autre" --siret 12345678901234
	[ "$status" -eq 73 ]
	run aidant-stats --home "$BATS_TEST_TMPDIR/x" init --name "Sans SIRET"
	[ "$status" -eq 64 ]
	run aidant-stats --home "$BATS_TEST_TMPDIR/x" init --name "X" --siret 123
	[ "$status" -eq 64 ]
}

@test "export --for-network: reseau-<siret>-<month>.json and .minisig, exact counts, stock minisign" {
	two_structures
	[ -f "$fa" ] && [ -f "$fa.minisig" ]
	minisign -V -q -p "$A/structure/structure.pub" -m "$fa"
	[ "$(jq -r '[.format, .siret, .nom, .mois] | join(" ")' "$fa")" = "aidant-stats-reseau/1 21010053100017 France Services A 2026-11" ]
	[ "$(jq -r .key_id "$fa")" = "$(jq -r .key_id "$A/structure/structure.json")" ]
	# exact: the counts under k are there, and no pseudonym
	[ "$(jq -c '.cellules[] | select(.[0] == "total" and .[1] == "activites") | .[2]' "$fa")" = 180 ]
	[ "$(jq '[.cellules[] | select(.[2] < 11)] | length' "$fa")" -gt 0 ]
	run grep -c 'u-' "$fa"
	[ "$output" = 0 ]
	# the same data gives the same bytes
	sum=$(sha256sum "$fa" "$fa.minisig" | cut -c1-64)
	aidant-stats -q --home "$A" export --for-network --month 2026-11 -o "$BATS_TEST_TMPDIR/again.json" --passphrase-file "$PASS"
	[ "$(sha256sum "$BATS_TEST_TMPDIR/again.json" "$BATS_TEST_TMPDIR/again.json.minisig" | cut -c1-64)" = "$sum" ]
	# a wrong passphrase: 77, nothing written
	echo wrong >"$BATS_TEST_TMPDIR/wrong"
	run --separate-stderr aidant-stats -q --home "$A" export --for-network --month 2026-11 -o "$BATS_TEST_TMPDIR/w.json" --passphrase-file "$BATS_TEST_TMPDIR/wrong"
	[ "$status" -eq 77 ]
	[ ! -e "$BATS_TEST_TMPDIR/w.json" ] && [ ! -e "$BATS_TEST_TMPDIR/w.json.minisig" ]
	# without a structure: 78 naming init
	aidant-stats -q --home "$BATS_TEST_TMPDIR/nokey" init
	run --separate-stderr aidant-stats -q --home "$BATS_TEST_TMPDIR/nokey" export --for-network -o "$BATS_TEST_TMPDIR/n.json"
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"aidant-stats init --name <name> --siret <siret>"* ]]
	run aidant-stats -q --home "$A" export --for-network --since 2026-10-01 --until 2026-11-30 -o x.json
	[ "$status" -eq 64 ]
	run aidant-stats -q --home "$A" export --for-network --month 2026-11
	[ "$status" -eq 64 ]
}

@test "merge: two structures, their months added; the result exports with --public" {
	two_structures
	run --separate-stderr aidant-stats -q --home "$C" merge "$fa" "$fb"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.[] | .merge]')" = '["new","new"]' ]
	[ "$(aidant-stats -q --home "$C" report --month 2026-11 --format csv | awk -F, '$3 == "total" && $4 == "activites" { print $7 }')" = 270 ]
	[ "$(aidant-stats -q --home "$C" report --month 2026-11 --by source --format csv | awk -F, '$4 == "total" && $5 == "activites" { print $3 "=" $8 }' | sort | tr '\n' ' ')" = "12345678901234=90 21010053100017=180 " ]
	run aidant-stats -q --home "$C" export --public --month 2026-11 --format csv
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | awk -F, '$2 == "total" && $3 == "activites" { print $5 }')" = 270 ]
	# suppression as for a structure: no published people count from 1 to 10
	[ "$(echo "$output" | awk -F, '$4 == "personnes" && $5 != "" && $5 > 0 && $5 < 11' | wc -l)" -eq 0 ]
	# the same file again changes nothing
	before=$(sqlite3 "$C/stats.db" 'SELECT * FROM agg ORDER BY 1, 2, 3, 4, 5')
	run aidant-stats -q --home "$C" merge "$fb"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[0].merge')" = unchanged ]
	[ "$(sqlite3 "$C/stats.db" 'SELECT * FROM agg ORDER BY 1, 2, 3, 4, 5')" = "$before" ]
}

@test "merge: a month sent twice is refused unless --replace, which takes the new one" {
	two_structures
	aidant-stats -q --home "$C" merge "$fa" "$fb" >/dev/null
	aidant-stats -q --home "$B" add --type individuel --date 2026-11-30 --type-lieu autre --duree 30 --thematique email >/dev/null
	aidant-stats -q --home "$B" export --for-network --month 2026-11 -o "$BATS_TEST_TMPDIR/b2.json"
	run --separate-stderr aidant-stats -q --home "$C" merge "$BATS_TEST_TMPDIR/b2.json"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-stats: error: $BATS_TEST_TMPDIR/b2.json: 12345678901234 already sent 2026-11 in another file (--replace takes this one instead)" ]
	[ "$(aidant-stats -q --home "$C" report --month 2026-11 --format csv | awk -F, '$3 == "total" && $4 == "activites" { print $7 }')" = 270 ]
	run aidant-stats -q --home "$C" merge --replace "$BATS_TEST_TMPDIR/b2.json"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.[0].merge')" = replaced ]
	[ "$(aidant-stats -q --home "$C" report --month 2026-11 --format csv | awk -F, '$3 == "total" && $4 == "activites" { print $7 }')" = 271 ]
}

@test "merge: a changed file is 65, a foreign or untrusted key 77, nothing merged" {
	two_structures
	before=$(sqlite3 "$C/stats.db" 'SELECT count(*) FROM agg')
	# one count changed after signing
	sed 's/\["total","activites",180\]/["total","activites",181]/' "$fa" >"$BATS_TEST_TMPDIR/t.json"
	cp "$fa.minisig" "$BATS_TEST_TMPDIR/t.json.minisig"
	run --separate-stderr aidant-stats -q --home "$C" merge "$fb" "$BATS_TEST_TMPDIR/t.json"
	[ "$status" -eq 65 ]
	[[ "$stderr" == "aidant-stats: error: $BATS_TEST_TMPDIR/t.json: changed after it was signed"* ]]
	[ "$(sqlite3 "$C/stats.db" 'SELECT count(*) FROM agg')" = "$before" ]
	# a structure the coordinator does not know
	aidant-stats -q --home "$BATS_TEST_TMPDIR/x" init --name "Inconnue" --siret 99999999999999 --unencrypted 2>/dev/null
	aidant-stats -q --home "$BATS_TEST_TMPDIR/x" export --for-network --month 2026-11 -o "$BATS_TEST_TMPDIR/x.json"
	run --separate-stderr aidant-stats -q --home "$C" merge "$BATS_TEST_TMPDIR/x.json"
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"x.json: signed by key "*", which is not trusted" ]]
	# a file of A re-signed by B's key as if it were A's: B's key is trusted, but the
	# comment it signed does not say A
	cp "$fa" "$BATS_TEST_TMPDIR/f.json"
	cp "$fb.minisig" "$BATS_TEST_TMPDIR/f.json.minisig"
	run --separate-stderr aidant-stats -q --home "$C" merge "$BATS_TEST_TMPDIR/f.json"
	[ "$status" -eq 65 ]
	# --pubkey trusts one key for this call only: A's file against B's key is 77
	run --separate-stderr aidant-stats -q --home "$C" merge --pubkey "$B/structure/structure.pub" "$fa"
	[ "$status" -eq 77 ]
	run aidant-stats -q --home "$C" merge --pubkey "$A/structure/structure.pub" "$fa"
	[ "$status" -eq 0 ]
	# a missing signature: 66
	cp "$fb" "$BATS_TEST_TMPDIR/nosig.json"
	run --separate-stderr aidant-stats -q --home "$C" merge "$BATS_TEST_TMPDIR/nosig.json"
	[ "$status" -eq 66 ]
	# not a network file, though signed by a trusted key
	echo '{"hello": 1}' >"$BATS_TEST_TMPDIR/h.json"
	minisign -S -s "$B/structure/structure.key" -m "$BATS_TEST_TMPDIR/h.json" -t "aidant-stats network structure:$(jq -r .key_id "$B/structure/structure.json")" -x "$BATS_TEST_TMPDIR/h.json.minisig" </dev/null >/dev/null 2>&1 ||
		skip "minisign cannot sign with an unencrypted key here"
	run --separate-stderr aidant-stats -q --home "$C" merge "$BATS_TEST_TMPDIR/h.json"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"h.json: format: not a network file of aidant-stats" ]]
}
