#!/usr/bin/env bats
# aidant-stats import: the 514 real v1 reports of ../shared/data/stats checked against an
# independent count of the CSV, the Coop's export, the native formats, all or nothing,
# --keep-going with --rejects, and re-imports that change nothing.

bats_require_minimum_version 1.5.0
load stats_setup

setup() {
	stats_setup
	stats_init
	v1="$data/coop-cras-v1-exemples.csv"
}

# The expected cells of the v1 file, counted by python3's csv module with the mapping of
# data/README.md (canal, activite, themes): "rubrique,modalite,nombre" lines, sorted.
expected_v1() {
	python3 - "$v1" <<'PY'
import csv, sys, collections
canal = {"rattachement": "lieu_activite", "autre lieu": "autre", "distance": "a_distance", "domicile": "domicile"}
themes = {"diagnostic": ["diagnostic_numerique"],
          "equipement informatique": ["prendre_en_main_du_materiel", "gere_ses_contenus_numeriques"],
          "internet": ["navigation_sur_internet"], "courriel": ["email"], "traitement texte": ["bureautique"],
          "contenus numeriques": ["creer_avec_le_numerique"], "echanger": ["reseaux_sociaux"], "sante": ["sante"],
          "scolaire": ["scolarite_et_numerique"], "accompagner enfant": ["parentalite"],
          "trouver emploi": ["insertion_professionnelle"], "budget": ["banque_et_achats_en_ligne"],
          "tpe/pme": ["entrepreneuriat"], "fraude et harcelement": ["securite_numerique"],
          "securite": ["securite_numerique"], "smartphone": ["prendre_en_main_du_materiel"],
          "demarche en ligne": ["aide_aux_demarches_administratives"], "vocabulaire": ["culture_numerique"],
          "autre": []}
c = collections.Counter()
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        coll = row["activite"] == "collectif"
        w = int(row["nb_participants"]) if coll else 1
        c[("total", "activites_collectives" if coll else "activites_individuelles")] += 1
        c[("total", "accompagnements_collectifs" if coll else "accompagnements_individuels")] += w
        c[("type_lieu", canal[row["canal"]])] += w
        seen = set()
        for t in row["themes"].strip("{}").split(","):
            seen.update(themes[t.strip()])
        for t in seen:
            rub = "thematique_demarche" if t == "logement" else "thematique"
            c[(rub, t)] += w
for (r, m), n in sorted(c.items()):
    print(f"{r},{m},{n}")
PY
}

@test "import cnfs-v1: the 514 real reports, counted as an independent count of the CSV says" {
	need_data
	run --separate-stderr aidant-stats import --dialect cnfs-v1 "$v1"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .inserted, .rejected, .stored]')" = "[514,514,0,true]" ]
	run --separate-stderr aidant-stats import --dialect cnfs-v1 "$v1"
	[ "$(echo "$output" | jq -c '[.read, .inserted, .updated, .unchanged]')" = "[514,0,0,514]" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 514 ]
	aidant-stats -q report --since 2021-12-01 --until 2022-12-31 --format csv |
		awk -F, 'NR > 1 && $7 != 0 && ($3 == "type_lieu" || $3 ~ /^thematique/ ||
			($3 == "total" && $4 ~ /^(activites|accompagnements)_/)) { print $3 "," $4 "," $7 }' |
		sort >"$BATS_TEST_TMPDIR/got"
	expected_v1 | sort >"$BATS_TEST_TMPDIR/want"
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/want")" -gt 20 ]
}

@test "import cnfs-v1: age and status stay in their v1 buckets, all-zero ones are non_communique" {
	need_data
	aidant-stats -q import --dialect cnfs-v1 "$v1" >/dev/null
	want=$(python3 -c "
import csv
rows = list(csv.DictReader(open('$v1', newline='')))
print(sum(int(r['age_de_18_a_35_ans']) for r in rows), sum(int(r['statut_etudiant']) for r in rows),
      sum(int(r['nb_participants']) for r in rows if all(int(r[k]) == 0 for k in r if k and k.startswith('age_'))))")
	got="$(cell tranche_age v1_dix_huit_trente_cinq --since 2021-12-01 --until 2022-12-31) $(cell statut_social v1_etudiant --since 2021-12-01 --until 2022-12-31) $(cell tranche_age non_communique --since 2021-12-01 --until 2022-12-31)"
	[ "$got" = "$want" ]
	# a 18–35 count is never split into today's 18–24 and 25–39
	[ "$(cell tranche_age dix_huit_vingt_quatre --since 2021-12-01 --until 2022-12-31)" = 0 ]
	# the duration buckets stay buckets: "0-30" rows are under 30 minutes, duree_minutes ignored
	[ "$(aidant-stats -q show v1-623752ebc79e610790dadca1 | jq -c '[.duree, .duree_tranche, .v1.themes]')" = '[120,null,["courriel"]]' ]
	n=$(sqlite3 "$db" "SELECT count(*) FROM activite WHERE json_extract(record, '$.duree_tranche') = 'moins_de_30_min'")
	[ "$n" = "$(python3 -c "import csv; print(sum(r['duree'] == '0-30' for r in csv.DictReader(open('$v1', newline=''))))")" ]
}

@test "import cnfs-v1: counts that disagree with nb_participants are refused, file:line and field" {
	need_data
	{ head -n 4 "$v1"; sed -n 5p "$v1" | sed 's/,collectif,3,3,0,0,0,0,3,/,collectif,3,3,0,0,0,0,2,/'; } >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr aidant-stats -q import --dialect cnfs-v1 "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $BATS_TEST_TMPDIR/bad.csv:5: age_moins_12_ans: the tranche_age counts add up to 2, not 3 (nb_participants)" ]
	[ "${stderr_lines[1]}" = "aidant-stats: error: 1 of 4 records rejected: nothing stored" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
	run aidant-stats -q import --dialect cnfs-v1 --keep-going --rejects "$BATS_TEST_TMPDIR/rej.csv" "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 0 ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 3 ]
	[ "$(python3 -c "import csv; r = list(csv.reader(open('$BATS_TEST_TMPDIR/rej.csv'))); print(len(r), r[1][0])")" = "2 623752ebc79e610790dadca1" ]
}

# Three native records in the given format.
native() {
	case $1 in
	json) printf '%s\n' '[{"id":"n-1","type":"individuel","date":"2026-10-01","duree":30,"type_lieu":"lieu_activite","thematiques":["email"],"usager":"u-1","genre":"feminin"},' \
		'{"id":"n-2","type":"collectif","date":"2026-10-02","duree":90,"type_lieu":"autre","thematiques":["bureautique","sante"],"participants":6,"anonymes":{"genre":{"masculin":2}}},' \
		'{"id":"n-3","type":"individuel","date":"2026-10-03","duree_tranche":"2_h_et_plus","type_lieu":"domicile","thematiques":["logement"],"materiel":["tablette"]}]' ;;
	ndjson) native json | jq -c '.[]' ;;
	yaml) native json | jq -r '.[] | "---", (to_entries[] | "\(.key): \(.value | tojson)")' ;;
	csv) echo 'id,type,date,duree,duree_tranche,type_lieu,thematiques,materiel,participants,usager,genre,anonymes'
		echo 'n-1,individuel,2026-10-01,30,,lieu_activite,email,,,u-1,feminin,'
		echo 'n-2,collectif,2026-10-02,90,,autre,bureautique|sante,,6,,,"{""genre"":{""masculin"":2}}"'
		echo 'n-3,individuel,2026-10-03,,2_h_et_plus,domicile,logement,tablette,,,,' ;;
	esac
}

@test "import native: JSON, NDJSON, YAML and CSV give the same records and the same report" {
	for f in json ndjson yaml csv; do
		rm -rf "$AIDANT_HOME"
		stats_init
		native $f >"$BATS_TEST_TMPDIR/in.$f"
		run --separate-stderr aidant-stats import "$BATS_TEST_TMPDIR/in.$f"
		[ "$status" -eq 0 ] || { echo "$f: $output"; return 1; }
		[ "$(echo "$output" | jq .inserted)" = 3 ]
		aidant-stats -q list --format ndjson | jq -c 'del(.source)' >"$BATS_TEST_TMPDIR/list.$f"
		aidant-stats -q report --month 2026-10 --format csv >"$BATS_TEST_TMPDIR/report.$f"
		[ "$(cell total accompagnements --month 2026-10)" = 8 ]
	done
	for f in ndjson yaml csv; do
		diff "$BATS_TEST_TMPDIR/list.json" "$BATS_TEST_TMPDIR/list.$f"
		diff "$BATS_TEST_TMPDIR/report.json" "$BATS_TEST_TMPDIR/report.$f"
	done
	# stdin, and the same file again changes nothing
	run --separate-stderr aidant-stats import --from csv - <"$BATS_TEST_TMPDIR/in.csv"
	[ "$(echo "$output" | jq -c '[.inserted, .updated, .unchanged]')" = "[0,0,3]" ]
	# a record exported by list imports back as it is
	aidant-stats -q list --format ndjson >"$BATS_TEST_TMPDIR/again.ndjson"
	run --separate-stderr aidant-stats import "$BATS_TEST_TMPDIR/again.ndjson"
	[ "$(echo "$output" | jq .unchanged)" = 3 ]
}

@test "import native: records without an id are named by their content, re-import is a no-op" {
	printf '%s\n' 'type,date,duree,type_lieu,thematiques' 'individuel,2026-10-01,30,autre,email' \
		'individuel,2026-10-01,30,autre,email' >"$BATS_TEST_TMPDIR/noid.csv"
	run --separate-stderr aidant-stats import "$BATS_TEST_TMPDIR/noid.csv"
	[ "$(echo "$output" | jq .inserted)" = 2 ]
	run --separate-stderr aidant-stats import "$BATS_TEST_TMPDIR/noid.csv"
	[ "$(echo "$output" | jq -c '[.inserted, .unchanged]')" = "[0,2]" ]
	[ "$(cell total activites --month 2026-10)" = 2 ]
}

@test "import: all or nothing, each reject with file:line and field; a syntax error stops it" {
	native csv >"$BATS_TEST_TMPDIR/ok.csv"
	{ native csv; echo 'n-4,individuel,2026-10-04,30,,partout,email,,,,,'; } >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/ok.csv" "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "aidant-stats: error: $BATS_TEST_TMPDIR/bad.csv:5: type_lieu: unknown value 'partout' (did you mean 'autre'?)" ]
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM activite')" = 0 ]
	printf '%s\n' '{"id":"x","type":"individuel"' >"$BATS_TEST_TMPDIR/broken.json"
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/broken.json"
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "aidant-stats: error: $BATS_TEST_TMPDIR/broken.json:"* ]]
	run --separate-stderr aidant-stats -q import "$BATS_TEST_TMPDIR/absent.csv"
	[ "$status" -eq 66 ]
	run aidant-stats -q import --dialect cnfs-v2 "$BATS_TEST_TMPDIR/ok.csv"
	[ "$status" -eq 64 ]
	run aidant-stats -q import --rejects r.csv "$BATS_TEST_TMPDIR/ok.csv"
	[ "$status" -eq 64 ]
}

# The Coop's export as a spreadsheet saves it: one row per person, ID CRA repeated.
coop_export() {
	python3 - <<'PY'
import csv, sys
w = csv.writer(sys.stdout)
w.writerow(["Date", "Type", "Participants", "Canaux d’accompagnement", "Nom du lieu", "Commune", "Code postal",
            "Code Insee", "Durée (min)", "Nom de l’atelier", "Matériel numérique utilisé",
            "Thématique(s) d’accompagnement", "Nom de la démarche administrative",
            "Niveau d’autonomie (ou de l’atelier)", "Bénéficiaire réorienté", "Structure de redirection",
            "Commune du bénéficiaire", "Code postal du bénéficiaire", "Code Insee du bénéficiaire",
            "Genre du bénéficiaire", "Tranche d’âge du bénéficiaire", "Statut du bénéficiaire", "ID CRA"])
w.writerow(["2026-10-06", "Accompagnement individuel", "1", "Lieu d’activité", "Médiathèque", "Chambéry", "73000",
            "73065", "45", "", "Ordinateur\nTéléphone", "E-mail\nArgent - Impôts", "déclaration de revenus", "2/3",
            "Oui", "Opérateur ou organisme en charge de la démarche administrative", "Chambéry", "73000", "73065",
            "Féminin", "60 - 69 ans", "Retraité", "c-1"])
for i in range(1, 4):
    w.writerow(["2026-10-07", "Atelier collectif", f"{i}/3", "Autre lieu", "", "La Motte-Servolex", "73290",
                "73179", "120", "Découvrir la tablette", "Tablette", "Prendre en main du matériel", "", "1/3", "", "",
                "", "", "", ["Masculin", "Féminin", "Non communiqué"][i - 1], "70 ans et plus", "Retraité", "c-2"])
PY
}

@test "import coop: French headers and labels, newlines in cells, one row per person" {
	coop_export >"$BATS_TEST_TMPDIR/coop.csv"
	run --separate-stderr aidant-stats import --dialect coop "$BATS_TEST_TMPDIR/coop.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .inserted]')" = "[4,2]" ]
	run aidant-stats -q show coop-c-1
	[ "$(echo "$output" | jq -c '[.type, .type_lieu, .materiel, .thematiques, .autonomie, .oriente_vers_structure, .structure_de_redirection, .anonymes.tranche_age]')" = \
		'["individuel","lieu_activite",["ordinateur","telephone"],["email","argent_impots"],"partiellement_autonome",true,"operateur_ou_organisme_en_charge",{"soixante_soixante_neuf":1}]' ]
	run aidant-stats -q show coop-c-2
	[ "$(echo "$output" | jq -c '[.type, .participants, .niveau, .titre_atelier, .anonymes.genre]')" = \
		'["collectif",3,"debutant","Découvrir la tablette",{"masculin":1,"feminin":1}]' ]
	[ "$(cell total accompagnements --month 2026-10)" = 4 ]
	[ "$(cell commune 73065 --month 2026-10)" = 1 ]
	[ "$(cell commune non_communique --month 2026-10)" = 3 ]
	run --separate-stderr aidant-stats import --dialect coop "$BATS_TEST_TMPDIR/coop.csv"
	[ "$(echo "$output" | jq .unchanged)" = 2 ]
	sed 's/Autre lieu/Ailleurs/' "$BATS_TEST_TMPDIR/coop.csv" >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr aidant-stats -q import --dialect coop "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "aidant-stats: error: $BATS_TEST_TMPDIR/bad.csv:5: Canaux d'accompagnement: unknown value 'Ailleurs' (did you mean "* ]]
}

@test "import coop: a French Excel CSV (Windows-1252, ';') as people really send it" {
	coop_export | python3 -c "
import csv, sys
rows = list(csv.reader(sys.stdin))
w = csv.writer(sys.stdout, delimiter=';', lineterminator='\r\n')
for r in rows:
    w.writerow([c.replace('’', \"'\") for c in r])" | iconv -f UTF-8 -t CP1252 >"$BATS_TEST_TMPDIR/excel.csv"
	run file -b "$BATS_TEST_TMPDIR/excel.csv"
	[[ "$output" != *UTF-8* ]]
	run --separate-stderr aidant-stats import --dialect coop "$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '[.read, .inserted]')" = "[4,2]" ]
	[ "$(aidant-stats -q show coop-c-2 | jq -r .titre_atelier)" = "Découvrir la tablette" ]
	[ "$(cell tranche_age soixante_dix_plus --month 2026-10)" = 3 ]
	run --separate-stderr aidant-stats -q import --dialect coop --encoding ebcdic "$BATS_TEST_TMPDIR/excel.csv"
	[ "$status" -eq 64 ]
}
