#!/usr/bin/env bats
# aidant-annuaire import and validate: the real lists of ../shared/data/annuaire, raw lists
# with the national pipeline's mappings, all or nothing, --keep-going, refusals.

bats_require_minimum_version 1.5.0

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	data="${AIDANT_DATA:-}/annuaire"
	db="$AIDANT_HOME/annuaire.db"
}

teardown() {
	if mountpoint -q "$BATS_TEST_TMPDIR/small" 2>/dev/null; then
		umount "$BATS_TEST_TMPDIR/small"
	fi
}

need_data() {
	[ -d "$data" ] || skip "shared data absent: $data"
}

places() {
	sqlite3 "$db" 'SELECT count(*) FROM place'
}

# A small valid list in CSV, with the given extra rows.
small_csv() {
	{
		echo 'id,pivot,nom,commune,code_postal,adresse,date_maj,services,telephone'
		echo 'p-1,00000000000000,Espace Un,Chambéry,73000,1 rue A,2026-10-01,Aide aux démarches administratives,04 79 00 00 01'
		echo 'p-2,00000000000000,Espace Deux,Chambéry,73000,2 rue B,02/10/2026,maitrise des outils numeriques du quotidien,'
		echo 'p-3,00000000000000,Espace Trois,Chambéry,73000,3 rue C,2026-10-03,,'
		for row in "$@"; do echo "$row"; done
	} >"$BATS_TEST_TMPDIR/list.csv"
}

@test "import: each regional JSON export, counts and re-import unchanged" {
	need_data
	for spec in 20230517:646 20230711:188 20231003:12 20240320:90; do
		f=$(ls "$data/${spec%%:*}"-*.json)
		run aidant-annuaire import "$f"
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | jq -c '[.read, .inserted, .rejected, .stored]')" = "[${spec#*:},${spec#*:},0,true]" ]
	done
	[ "$(places)" -eq 936 ]
	for f in "$data"/*.json; do
		run aidant-annuaire import "$f"
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | jq '.unchanged == .read and .inserted == 0 and .updated == 0')" = true ]
	done
}

@test "import: legacy v0 fields are mapped to v1 with warnings" {
	need_data
	run aidant-annuaire import "$data"/20230517-*.json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.warnings_list[] | select(.field == "labels_nationaux" and (.message | test("legacy field")))'
	echo "$output" | jq -e '.warnings_list[] | select(.message == "\"Adultes\" has no equivalent in the schema: not kept")'
	run aidant-annuaire show mediation-numerique-france-services-19
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c .publics_specifiquement_adresses)" = '["Familles et/ou enfants","Jeunes","Seniors"]' ]
	[ "$(echo "$output" | jq -c .dispositif_programmes_nationaux)" = '["France Services"]' ]
	[ "$(echo "$output" | jq -c .courriels)" = '["tende@france-services.gouv.fr"]' ]
	[ "$(echo "$output" | jq -r '.latitude, .date_maj')" = "$(printf '44.0907633\n2020-01-01')" ]
	[ "$(echo "$output" | jq -r 'has("labels_nationaux") or has("publics_accueillis")')" = false ]
}

@test "import: old courriel and accessibilite fields, CNFS written Conseillers numériques" {
	need_data
	aidant-annuaire import "$data"/20230711-*.json >/dev/null
	run aidant-annuaire show mediation-numerique-france-services-2158-mediation-numerique
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c .courriels)" = '["franceservices@chasseneuil.fr"]' ]
	echo "$output" | jq -e '.fiche_acces_libre | startswith("https://acceslibre.beta.gouv.fr/")'
	run aidant-annuaire show mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique
	[ "$(echo "$output" | jq -c .dispositif_programmes_nationaux)" = '["Conseillers numériques","France Services"]' ]
	[ "$(echo "$output" | jq -r .commune)" = "CHÂTEAUBERNARD" ]
}

@test "import: the bus list's v0 services and APTIC label, numeric ids qualified by the list" {
	need_data
	run aidant-annuaire import "$data"/20231003-*.json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.warnings_list[] | select(.field == "id" and .count == 12)'
	run aidant-annuaire show bus-france-services-en-charente-1
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c .services)" = '["Accès internet et matériel informatique","Insertion professionnelle via le numérique","Aide aux démarches administratives"]' ]
	[ "$(echo "$output" | jq -c .autres_formations_labels)" = '["APTIC","ZRR"]' ]
	[ "$(echo "$output" | jq -r .telephone)" = "+33630392518" ]
}

@test "import: overseas list keeps +687 phones and shortens long summaries" {
	need_data
	run aidant-annuaire import "$data"/20240320-*.json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq '[.warnings_list[] | select(.field == "presentation_resume")] | length')" -ge 1 ]
	run aidant-annuaire show nouvelle-caledonie-0
	[ "$(echo "$output" | jq -r '.telephone, .code_insee')" = "$(printf '+687445728\n98818')" ]
	long=$(jq -r '[.[] | select((.presentation_resume // "") | length > 280)][0].id' "$data"/20240320-*.json)
	run aidant-annuaire show "nouvelle-caledonie-$long"
	[ "$(echo "$output" | jq '.presentation_resume | length')" -le 280 ]
	[ "$(echo "$output" | jq -r '.presentation_resume[-1:]')" = "…" ]
	[ "$(echo "$output" | jq '.presentation_detail | length')" -gt 280 ]
}

@test "import: the schema's valid CSV example, field by field" {
	need_data
	run aidant-annuaire import "$data"/standard-mediation-num-exemple-valide.csv
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .inserted, .rejected, .warnings]')" = "[1,1,0,0]" ]
	run aidant-annuaire show structure-1
	[ "$(echo "$output" | jq -c '[.latitude, .longitude]')" = "[43.52609,5.41423]" ]
	[ "$(echo "$output" | jq -c .typologie)" = '["TIERS_LIEUX","ASSO"]' ]
	[ "$(echo "$output" | jq -c .formations_labels)" = '["Formé à « Mon Espace Santé »","Arnia/MedNum BFC (Bourgogne-Franche-Comté)"]' ]
	[ "$(echo "$output" | jq -r .itinerance)" = "Itinérant" ]
	[ "$(echo "$output" | jq -r 'keys_unsorted | .[0:3] | join(",")')" = "id,pivot,nom" ]
}

@test "import: the raw lists with their mappings (--keep-going for places without an address)" {
	need_data
	for spec in angers:63:63:0 corse:161:156:5 gironde:347:321:26 hub-lo:426:425:1 la-creuse:91:89:2; do
		IFS=: read -r s read ins rej <<EOF
$spec
EOF
		run --separate-stderr aidant-annuaire import --keep-going --map "$data/raw/$s.config.json" "$data/raw/$s.json"
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | jq -c '[.read, .inserted, .rejected, .stored]')" = "[$read,$ins,$rej,true]" ]
	done
	[ "$(sqlite3 "$db" 'SELECT count(DISTINCT source) FROM place')" -eq 5 ]
}

@test "import: raw lists normalised (phones, dates, Coord. X, postcode from the address, hours)" {
	need_data
	aidant-annuaire import --map "$data/raw/angers.config.json" "$data/raw/angers.json" >/dev/null
	run aidant-annuaire show angers-43
	[ "$(echo "$output" | jq -r '.telephone, .date_maj, .source, .pivot')" = "$(printf '+33241432813\n2022-09-26\nangers\n00000000000000')" ]
	[ "$(echo "$output" | jq -c .services)" = '["Accès internet et matériel informatique","Aide aux démarches administratives"]' ]
	aidant-annuaire import --keep-going --map "$data/raw/gironde.config.json" "$data/raw/gironde.json" >/dev/null 2>&1
	id=$(sqlite3 "$db" "SELECT id FROM place WHERE nom = 'Abracodabra'")
	run aidant-annuaire show "$id"
	[ "$(echo "$output" | jq -r '.code_postal, .adresse, .latitude, .date_maj, .frais_a_charge[0]')" = "$(printf '33000\n8 rue de la Boétie\n44.839574881764\n2021-12-07\nPayant')" ]
	aidant-annuaire import --keep-going --map "$data/raw/corse.config.json" "$data/raw/corse.json" >/dev/null 2>&1
	id=$(sqlite3 "$db" "SELECT id FROM place WHERE nom = 'Mairie de Corscia'")
	run aidant-annuaire show "$id"
	[ "$(echo "$output" | jq -r '.horaires, .code_postal, .commune, .telephone')" = "$(printf 'Mo,Tu,Th,Fr 09:00-17:00\n20224\nCORSCIA\n+33620570093')" ]
	aidant-annuaire import --keep-going --map "$data/raw/hub-lo.config.json" "$data/raw/hub-lo.json" >/dev/null 2>&1
	run aidant-annuaire show hub-lo-1
	[ "$(echo "$output" | jq -c '[.pivot, .typologie, .date_maj]')" = '["434806402",["ASSO","TIERS_LIEUX"],"2020-06-30"]' ]
}

@test "import: a raw list with places lacking an address stores nothing without --keep-going" {
	need_data
	run aidant-annuaire import --map "$data/raw/la-creuse.config.json" "$data/raw/la-creuse.json"
	[ "$status" -eq 65 ]
	[[ "$output" == *"la-creuse.json:478: adresse: missing required field (record 35, id la-creuse-35)"* ]]
	[[ "$output" == *"error: 2 of 91 records rejected: nothing stored"* ]]
	[ "$(places)" -eq 0 ]
}

@test "import: a mapping in YAML, with rules and French week hours" {
	cat >"$BATS_TEST_TMPDIR/raw.json" <<'EOF'
[{"Num": 7, "Nom": "Espace Lac", "Adresse": "3 quai du Lac - 73100 Aix-les-Bains", "Tel": "04.79.00.00.07",
  "Offre": "Aide CAF et impôts; wifi libre", "Heures": "Du lundi au vendredi de 9h à 12h et de 14h à 17h",
  "MAJ": "05/11/2026"}]
EOF
	cat >"$BATS_TEST_TMPDIR/map.yaml" <<'EOF'
id: {colonne: Num}
nom: {colonne: Nom}
adresse: {colonne: Adresse}
telephone: {colonne: Tel}
date_maj: {colonne: MAJ}
horaires: {semaine: Heures}
services:
  - colonnes: [Offre]
    termes: [CAF, impots]
    cible: Aide aux démarches administratives
  - colonnes: [Offre]
    termes: [wifi]
    sauf: [wifi payant]
    cible: Accès internet et matériel informatique
EOF
	run aidant-annuaire import --source lac --map "$BATS_TEST_TMPDIR/map.yaml" "$BATS_TEST_TMPDIR/raw.json"
	[ "$status" -eq 0 ]
	run aidant-annuaire show lac-7
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.code_postal, .commune, .adresse, .telephone, .date_maj, .horaires]')" = '["73100","Aix-les-Bains","3 quai du Lac","+33479000007","2026-11-05","Mo-Fr 09:00-12:00,14:00-17:00"]' ]
	[ "$(echo "$output" | jq -c .services)" = '["Aide aux démarches administratives","Accès internet et matériel informatique"]' ]
}

@test "import: a bad or missing mapping is refused before the store is touched" {
	small_csv
	echo '{"nom": {"colonne": "Nom"}, "couleur": {"colonne": "C"}}' >"$BATS_TEST_TMPDIR/bad.json"
	run aidant-annuaire import --map "$BATS_TEST_TMPDIR/bad.json" "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 78 ]
	[[ "$output" == *"bad.json: couleur: not a field of the schema"* ]]
	run aidant-annuaire import --map "$BATS_TEST_TMPDIR/none.json" "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 66 ]
	[ ! -e "$db" ]
}

@test "import: all or nothing, one bad record stores nothing" {
	small_csv 'p-4,00000000000000,Espace Quatre,Chambéry,7300,4 rue D,2026-10-04,,'
	run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *"error: $BATS_TEST_TMPDIR/list.csv:5: code_postal: \"7300\" is not a postcode (5 digits) (record 4, id p-4)"* ]]
	[ "$(places)" -eq 0 ]
}

@test "import: --keep-going stores the valid records and writes the rejects" {
	small_csv 'p-4,00000000000000,Espace Quatre,Chambéry,73000,4 rue D,2026-13-04,,' \
		'p-5,00000000000000,Espace Cinq,Chambéry,73000,5 rue E,2026-10-05,Cours de cuisine,'
	run --separate-stderr aidant-annuaire import --keep-going --rejects "$BATS_TEST_TMPDIR/rejects.csv" "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"warning: 2 of 5 records rejected and left out; the others were stored"* ]]
	[ "$(places)" -eq 3 ]
	[ "$(head -n 1 "$BATS_TEST_TMPDIR/rejects.csv")" = 'id,pivot,nom,commune,code_postal,adresse,date_maj,services,telephone' ]
	[ "$(tail -n +2 "$BATS_TEST_TMPDIR/rejects.csv" | cut -d, -f1 | tr '\n' ' ')" = "p-4 p-5 " ]
	run --separate-stderr aidant-annuaire import --keep-going "$BATS_TEST_TMPDIR/list.csv"
	[ "$(echo "$output" | jq -c '[.rejects[].field]')" = '["date_maj","services"]' ]
}

@test "import: normalises phones, dates and enumeration spellings" {
	small_csv
	aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv" >/dev/null
	[ "$(aidant-annuaire show p-1 | jq -r .telephone)" = "+33479000001" ]
	[ "$(aidant-annuaire show p-2 | jq -c '[.date_maj, .services]')" = '["2026-10-02",["Maîtrise des outils numériques du quotidien"]]' ]
	[ "$(aidant-annuaire show p-3 | jq -r 'has("services")')" = false ]
}

@test "import: --dry-run reports and changes nothing" {
	small_csv
	run aidant-annuaire import --dry-run "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.would_insert, .stored, has("inserted")]')" = "[3,false,false]" ]
	[ ! -e "$db" ]
	aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv" >/dev/null
	before=$(sqlite3 "$db" 'SELECT id, digest FROM place ORDER BY id')
	small_csv 'p-4,00000000000000,Espace Quatre,Chambéry,73000,4 rue D,2026-10-04,,'
	sed -i 's/Espace Un/Espace Premier/' "$BATS_TEST_TMPDIR/list.csv"
	run aidant-annuaire import --dry-run "$BATS_TEST_TMPDIR/list.csv"
	[ "$(echo "$output" | jq -c '[.would_insert, .would_update, .unchanged]')" = "[1,1,2]" ]
	[ "$(sqlite3 "$db" 'SELECT id, digest FROM place ORDER BY id')" = "$before" ]
}

@test "import: --replace-source removes the places the list no longer has" {
	small_csv
	aidant-annuaire import --source chambery "$BATS_TEST_TMPDIR/list.csv" >/dev/null
	sed -i '/^p-2,/d' "$BATS_TEST_TMPDIR/list.csv"
	run aidant-annuaire import --source chambery "$BATS_TEST_TMPDIR/list.csv"
	[ "$(echo "$output" | jq .removed)" -eq 0 ]
	[ "$(places)" -eq 3 ]
	run aidant-annuaire import --source chambery --replace-source "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.removed, .unchanged]')" = "[1,2]" ]
	[ "$(sqlite3 "$db" 'SELECT group_concat(id) FROM place ORDER BY id')" = "p-1,p-3" ]
}

@test "import: a missing file is exit 66 and nothing is stored" {
	small_csv
	run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv" "$BATS_TEST_TMPDIR/absent.csv"
	[ "$status" -eq 66 ]
	[[ "$output" == *"error: $BATS_TEST_TMPDIR/absent.csv: No such file or directory"* ]]
	[ ! -e "$db" ]
}

@test "import: malformed JSON names file, line and column, nothing stored" {
	printf '[{"id": "a", "pivot": "00000000000000", "nom": "A", "commune": "B", "code_postal": "73000",\n "adresse": "1 rue", "date_maj": "2026-01-01"},\n {"id": "b", oops}]\n' >"$BATS_TEST_TMPDIR/bad.json"
	run aidant-annuaire import "$BATS_TEST_TMPDIR/bad.json"
	[ "$status" -eq 65 ]
	[[ "$output" == *"bad.json:3:"* ]]
	[ "$(places)" -eq 0 ]
}

@test "import: an unknown column is a warning, once per file" {
	small_csv
	sed -i '1s/$/,couleur/; 2,$s/$/,bleu/' "$BATS_TEST_TMPDIR/list.csv"
	run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '.warnings_list | map([.field, .message, .count])')" = '[["couleur","unknown field, ignored",3]]' ]
}

@test "import: a duplicate id inside a file is rejected with both places" {
	small_csv 'p-2,00000000000000,Espace Deux bis,Chambéry,73000,2 rue B,2026-10-02,,'
	run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *"list.csv:5: id: duplicate id, already at $BATS_TEST_TMPDIR/list.csv:3 (record 4, id p-2)"* ]]
	[ "$(places)" -eq 0 ]
}

@test "import: a list cannot take over the id of another list's place" {
	small_csv
	aidant-annuaire import --source one "$BATS_TEST_TMPDIR/list.csv" >/dev/null
	run aidant-annuaire import --source two "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *'id: this id belongs to a place of the list "one"'* ]]
	[ "$(sqlite3 "$db" 'SELECT DISTINCT source FROM place')" = one ]
}

@test "import: a locked store is exit 75 and the store is left as it was" {
	small_csv
	aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv" >/dev/null
	{ echo "BEGIN IMMEDIATE;"; sleep 3; echo "ROLLBACK;"; } | sqlite3 "$db" &
	sleep 0.5
	sed -i 's/Espace Un/Espace Premier/' "$BATS_TEST_TMPDIR/list.csv"
	AIDANT_BUSY_TIMEOUT=100 run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 75 ]
	[[ "$output" == *"the store is in use by another command, try again"* ]]
	wait
	[ "$(aidant-annuaire show p-1 | jq -r .nom)" = "Espace Un" ]
}

@test "import: French messages" {
	small_csv 'p-4,00000000000000,Espace Quatre,Chambéry,7300,4 rue D,2026-10-04,,'
	LANG=fr_FR.UTF-8 run aidant-annuaire import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *"code_postal : « 7300 » n’est pas un code postal (5 chiffres) (enregistrement 4, id p-4)"* ]]
	[[ "$output" == *"1 enregistrements rejetés sur 4 : rien n’a été enregistré"* ]]
}

@test "import: --quiet keeps the report on stdout, --format table a summary" {
	small_csv
	run --separate-stderr aidant-annuaire --quiet import "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(echo "$output" | jq -c '[.read, .inserted, .stored]')" = '[3,3,true]' ]
	run aidant-annuaire --format table import "$BATS_TEST_TMPDIR/list.csv"
	[[ "$output" == *"unchanged          3"* ]]
}

@test "import: usage errors" {
	run aidant-annuaire import --from xml x.csv
	[ "$status" -eq 64 ]
	[[ "$output" == *"--from: 'xml' is not json, ndjson, yaml or csv"* ]]
	run aidant-annuaire import --source "" x.csv
	[ "$status" -eq 64 ]
	run aidant-annuaire import --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--keep-going"* ]]
}

@test "import: --from reads a file whose name says nothing, and stdin" {
	small_csv
	cp "$BATS_TEST_TMPDIR/list.csv" "$BATS_TEST_TMPDIR/list.txt"
	run aidant-annuaire import --from csv "$BATS_TEST_TMPDIR/list.txt"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq .inserted)" -eq 3 ]
	run aidant-annuaire import --source stdin-list - <"$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *'this id belongs to a place of the list "list"'* ]]
}

@test "validate: reports like import and stores nothing" {
	small_csv 'p-4,00000000000000,Espace Quatre,Chambéry,73000,4 rue D,,,'
	run aidant-annuaire validate "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 65 ]
	[[ "$output" == *"list.csv:5: date_maj: missing required field (record 4, id p-4)"* ]]
	[ ! -e "$db" ]
	sed -i '$d' "$BATS_TEST_TMPDIR/list.csv"
	run aidant-annuaire validate "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .valid, .rejected]')" = "[3,3,0]" ]
	[ ! -e "$db" ]
}

@test "import: a full disk for the report is exit 74 and the store stays as it was" {
	small_csv
	run sh -c 'aidant-annuaire import "$1" >/dev/full' sh "$BATS_TEST_TMPDIR/list.csv"
	[ "$status" -eq 74 ]
	[[ "$output" == *"error: cannot write the output: No space left on device"* ]]
	[ "$(places)" -eq 0 ]
}

@test "import: a full disk for the store is exit 74 and the store stays as it was" {
	need_data
	mkdir -p "$BATS_TEST_TMPDIR/small"
	mount -t tmpfs -o size=600k tmpfs "$BATS_TEST_TMPDIR/small" 2>/dev/null ||
		skip "cannot mount a small tmpfs to fill (needs root)"
	export AIDANT_HOME="$BATS_TEST_TMPDIR/small/home"
	aidant-annuaire import "$data"/20230711-*.json >/dev/null
	run aidant-annuaire import "$data"/20230517-*.json
	count=$(sqlite3 "$AIDANT_HOME/annuaire.db" 'SELECT count(*) FROM place')
	umount "$BATS_TEST_TMPDIR/small"
	[ "$status" -eq 74 ]
	[[ "$output" == *"error: database: the disk is full"* ]]
	[ "$count" -eq 188 ]
}
