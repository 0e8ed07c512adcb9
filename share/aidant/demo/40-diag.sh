#!/bin/sh
# aidant-diag: a quick diagnosis at a France Services desk, its orientation, and a full one three months later
# Run by run.sh with AIDANT_HOME set to a temporary folder, after the places of
# 10-annuaire.sh are imported. The person is fictitious; no terminal is needed (the
# answers are typed from the paper form).
set -eu
export AIDANT_NOW=2026-11-23T10:00:00+01:00
export TZ=Europe/Paris
work=$(mktemp -d "${TMPDIR:-/tmp}/aidant-diag-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$AIDANT_SHARE/demo/lib.sh"

echo "# The frameworks, and the two forms shipped: ten questions for a counter, the full one."
step 'aidant-diag --format table frameworks'
step 'aidant-diag --format table forms'
step 'aidant-diag form print rapide | sed -n "1,16p"'

echo
echo "# At the France Services desk: Mme L. (fictitious, pseudonym u-josiane01) answers the"
echo "# ten questions on paper; the helper types them in."
cat >"$work/josiane.json" <<'JSON'
{"form": "rapide", "usager": "u-josiane01",
 "answers": {"appareils": ["smartphone"], "connexion": "forfait", "email": "aide",
             "mots_de_passe": "quelquun", "smartphone": ["appeler", "photo"],
             "lire_ecrire": "facile", "recherche": "parfois", "arnaque": "demande",
             "demarches": "verifie", "apprendre": ["email", "demarches"]}}
JSON
step 'n=$(aidant-diag -q record --form rapide "$work/josiane.json"); echo "diagnosis $n"'
step 'aidant-diag -q --format table show 1'
step_fails 'echo "{\"answers\": {\"email\": \"peut-etre\"}}" | aidant-diag -q record --form rapide'

echo
echo "# Where can she get help near Chambéry? The orientation is a query for the directory."
step 'aidant-diag -q orient 1'
step 'aidant-diag -q orient 1 | aidant-annuaire -q search --query - --near 73000 | jq -r ".[] | \"\(.distance_km) km  \(.nom)\""'

echo
echo "# The page she takes home, with its verification code."
step 'LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 aidant-diag -q summary 1'

echo
echo "# Three months later, the full diagnosis (every Pix competence) at the library."
aidant-diag -q --format json form show complet --answers-template |
	jq '.usager = "u-josiane01"
	    | .answers |= with_entries(.value |= (if type == "array" then ["smartphone"] else "essai" end))
	    | .answers.connexion = "forfait" | .answers.confort = ["rien"] | .answers.demarches = "verifie"
	    | .answers.justificatif_email = "seul" | .answers.appel_video = "seul"
	    | .answers.franceconnect = "seul" | .answers.mise_a_jour_dossier = "seul"
	    | .answers.sms_colis = "expert" | .answers.autorisations = "seul"
	    | .answers.photos_famille = "seul" | .answers.publier = "seul"
	    | .answers.nouveau_telephone = "seul" | .answers.installer_appli = "seul"
	    | .answers.total_auto = "aucun" | .answers.silencieux = "aide"' >"$work/complet.json"
step 'AIDANT_NOW=2027-02-23T14:00:00+01:00 aidant-diag -q record --form complet "$work/complet.json"'
step 'aidant-diag -q --format table compare 1 2'
step 'aidant-diag -q --format table list'
step 'aidant-diag -q list --format ndjson | jq -c "{n, date, form, autonomie, strengths}"'
