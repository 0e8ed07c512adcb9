#!/usr/bin/env bats
# Spreadsheets as partners send them: a CSV saved by a French Excel (Windows-1252),
# --encoding, a header that matches no column of the schema, a quote left open.

load fixtures/annuaire/query-helpers

# A small list in UTF-8 with the characters Windows-1252 holds above Latin-1
# (’ – Œ €), then the same list as a French Excel saves it.
excel_csv() {
	cat >"$BATS_TEST_TMPDIR/utf8.csv" <<-'EOF'
		id;pivot;nom;commune;code_postal;adresse;date_maj;presentation_resume
		x-1;00000000000000;Médiathèque de l’Œuvre;Chambéry;73000;1 rue de l’Église;2026-10-01;Ateliers – 2 € la séance
		x-2;00000000000000;Espace numérique;Annecy;74000;2 rue B;2026-10-01;
	EOF
	iconv -f UTF-8 -t CP1252 "$BATS_TEST_TMPDIR/utf8.csv" >"$BATS_TEST_TMPDIR/excel.csv"
}

@test "a Windows-1252 CSV is read as such, with one warning" {
	excel_csv
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 0 ]
	[ "$stderr" = "aidant-annuaire: warning: $BATS_TEST_TMPDIR/excel.csv: not UTF-8, read as Windows-1252 (--encoding to choose another)" ]
	[ "$(echo "$output" | jq -c '[.read, .inserted, .rejected]')" = "[2,2,0]" ]
	run --separate-stderr aidant-annuaire --format json show x-1
	[ "$(echo "$output" | jq -r '.nom, .adresse, .presentation_resume')" = "Médiathèque de l’Œuvre
1 rue de l’Église
Ateliers – 2 € la séance" ]
	# the standard input too, and validate
	run --separate-stderr aidant-annuaire validate - <"$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 0 ]
	[ "$stderr" = "aidant-annuaire: warning: <stdin>: not UTF-8, read as Windows-1252 (--encoding to choose another)" ]
	# a UTF-8 file says nothing
	run --separate-stderr aidant-annuaire validate "$BATS_TEST_TMPDIR/utf8.csv"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

@test "--encoding chooses: utf-8 refuses the Excel file with a hint, latin1 and cp1252 read it" {
	excel_csv
	run --separate-stderr aidant-annuaire import --encoding utf-8 "$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/excel.csv:2: invalid UTF-8 in field \"nom\" (another encoding? --encoding cp1252 or latin1)" ]
	[ ! -e "$AIDANT_HOME/annuaire.db" ] || [ "$(sqlite3 "$AIDANT_HOME/annuaire.db" 'SELECT count(*) FROM place')" -eq 0 ]
	run --separate-stderr aidant-annuaire import --encoding cp1252 "$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	iconv -f UTF-8 -t LATIN1 <<<'id,pivot,nom,commune,code_postal,adresse,date_maj
l-1,00000000000000,Café à Sète,Sète,34200,1 quai,2026-10-01' >"$BATS_TEST_TMPDIR/latin1.csv"
	run --separate-stderr aidant-annuaire import --encoding latin1 "$BATS_TEST_TMPDIR/latin1.csv"
	[ "$status" -eq 0 ]
	[ "$(aidant-annuaire --format json show l-1 | jq -r .nom)" = "Café à Sète" ]
	run --separate-stderr aidant-annuaire import --encoding ebcdic "$BATS_TEST_TMPDIR/latin1.csv"
	[ "$status" -eq 64 ]
	[ "${lines[0]}" = "" ]
	[[ $stderr == "aidant-annuaire: error: --encoding: 'ebcdic' is not utf-8, cp1252 or latin1"* ]]
}

@test "a UTF-8 file with one damaged byte stays UTF-8 and names the field" {
	{
		echo 'id,pivot,nom,commune,code_postal,adresse,date_maj'
		echo 'd-1,00000000000000,Médiathèque,Chambéry,73000,1 rue,2026-10-01'
		printf 'd-2,00000000000000,M\xe9diath\xc3\xa8que Deux,Chamb\xc3\xa9ry,73000,2 rue,2026-10-01\n'
		echo 'd-3,00000000000000,Éspace,Chambéry,73000,3 rue,2026-10-01'
	} >"$BATS_TEST_TMPDIR/damaged.csv"
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/damaged.csv"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/damaged.csv:3: invalid UTF-8 in field \"nom\" (another encoding? --encoding cp1252 or latin1)" ]
}

@test "the official example saved by Excel imports as its UTF-8 original" {
	need_data
	f="$AIDANT_DATA/annuaire/standard-mediation-num-exemple-valide.csv"
	iconv -f UTF-8 -t CP1252 "$f" >"$BATS_TEST_TMPDIR/exemple-excel.csv"
	run --separate-stderr aidant-annuaire import --source exemple "$f"
	[ "$status" -eq 0 ]
	aidant-annuaire export --format json >"$BATS_TEST_TMPDIR/utf8.json"
	rm -rf "$AIDANT_HOME"
	run --separate-stderr aidant-annuaire import --source exemple "$BATS_TEST_TMPDIR/exemple-excel.csv"
	[ "$status" -eq 0 ]
	[[ $stderr == *"not UTF-8, read as Windows-1252"* ]]
	aidant-annuaire export --format json >"$BATS_TEST_TMPDIR/cp1252.json"
	cmp "$BATS_TEST_TMPDIR/utf8.json" "$BATS_TEST_TMPDIR/cp1252.json"
	grep -q 'Formé à « Mon Espace Santé »' "$BATS_TEST_TMPDIR/cp1252.json"
}

@test "a header that matches no column of the schema is said once, with --map" {
	{
		echo 'Nom de la structure;Adresse postale;Ville;CP;Dernière MAJ;Coord. X'
		for i in $(seq 1 22); do echo "Lieu $i;$i rue;Chambéry;73000;01/10/2026;45.5"; done
	} >"$BATS_TEST_TMPDIR/raw.csv"
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/raw.csv"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/raw.csv:1: no column is a field of the schema (\"Nom de la structure\", \"Adresse postale\", \"Ville\", \"CP\", ...): give the column mapping with --map <file>" ]
	[ "$output" = "" ]
	[ ! -e "$AIDANT_HOME/annuaire.db" ] || [ "$(sqlite3 "$AIDANT_HOME/annuaire.db" 'SELECT count(*) FROM place')" -eq 0 ]
	run --separate-stderr aidant-annuaire validate "$BATS_TEST_TMPDIR/raw.csv"
	[ "$status" -eq 65 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	# a list with some schema columns is checked record by record as before
	printf 'nom,ville\nA,Chambéry\n' >"$BATS_TEST_TMPDIR/some.csv"
	run --separate-stderr aidant-annuaire validate "$BATS_TEST_TMPDIR/some.csv"
	[ "$status" -eq 65 ]
	[[ $stderr == *"some.csv:2: id: missing required field"* ]]
}

@test "a raw list with its mapping is not refused for its French header" {
	need_data
	run --separate-stderr aidant-annuaire validate --map "$AIDANT_DATA/annuaire/raw/corse.config.json" "$AIDANT_DATA/annuaire/raw/corse.json"
	[[ $stderr != *"no column is a field of the schema"* ]]
	run --separate-stderr aidant-annuaire validate "$AIDANT_DATA/annuaire/raw/corse.json"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-annuaire: error: $AIDANT_DATA/annuaire/raw/corse.json:2: no column is a field of the schema (\"Type\", \"long\", \"lat\", \"Structure\", ...): give the column mapping with --map <file>" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

@test "an unterminated quoted field names the line and the column where the quote opened" {
	{
		echo 'id;pivot;nom;commune;code_postal;adresse;date_maj;presentation_resume'
		echo 'q-1;00000000000000;Espace;Chambéry;73000;1 rue;2026-10-01;"Ateliers'
		echo 'sur deux lignes"'
		echo 'q-2;00000000000000;Médiathèque;Chambéry;73000;"2 rue;2026-10-01;'
		echo 'q-3;00000000000000;Espace Trois;Chambéry;73000;3 rue;2026-10-01;'
	} >"$BATS_TEST_TMPDIR/open.csv"
	run --separate-stderr aidant-annuaire import "$BATS_TEST_TMPDIR/open.csv"
	[ "$status" -eq 65 ]
	[ "$stderr" = "aidant-annuaire: error: $BATS_TEST_TMPDIR/open.csv:4:47: unterminated quoted field" ]
}
