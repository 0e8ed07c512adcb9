#!/bin/sh
# aidant-diag: a quick diagnosis at a France Services desk, its orientation, its portable copy taken to the library, a full one three months later
# Run by run.sh with AIDANT_HOME set to a temporary folder, after the places of
# 10-annuaire.sh are imported and the library's structure of 20-mandate.sh is made (when
# it is not, aidant-diag init makes it). The France Services desk is a second structure,
# with its own home and key. The person is fictitious; no terminal is needed (the
# answers are typed from the paper form).
set -eu
export AIDANT_NOW=2026-11-23T10:00:00+01:00
export TZ=Europe/Paris
work=$(mktemp -d "${TMPDIR:-/tmp}/aidant-diag-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$AIDANT_SHARE/demo/lib.sh"
fs="$work/france-services"
fsd() { aidant-diag -q --home "$fs" "$@"; }
fs_pass() { echo "phrase de passe de France Services"; }
library_pass() { echo "phrase de passe de la médiathèque"; }

echo "# The frameworks, and the two forms shipped: ten questions for a counter, the full one."
step 'aidant-diag --format table frameworks'
step 'aidant-diag --format table forms'
step 'aidant-diag form print rapide | sed -n "1,16p"'

echo
echo "# The France Services desk of Chambéry makes its structure key: the one key every"
echo "# aidant tool signs with there (aidant-mandate init would have made the same)."
step 'fs_pass | fsd init --name "France Services de Chambéry (fictive)" --siret 13001234500018 --passphrase-fd 0'

echo
echo "# At the desk: Mme L. (fictitious, pseudonym u-fs-0042 there) answers the ten questions"
echo "# on paper; the helper types them in. She reads French with difficulty."
cat >"$work/josiane.json" <<'JSON'
{"form": "rapide", "usager": "u-fs-0042",
 "answers": {"appareils": ["smartphone"], "connexion": "forfait", "email": "aide",
             "mots_de_passe": "quelquun", "smartphone": ["appeler", "photo"],
             "lire_ecrire": "difficile", "recherche": "parfois", "arnaque": "demande",
             "demarches": "verifie", "apprendre": ["email", "demarches"]}}
JSON
step 'n=$(fsd record --form rapide "$work/josiane.json"); echo "diagnosis $n"'
step 'fsd --format table show 1'
step_fails 'echo "{\"answers\": {\"email\": \"peut-etre\"}}" | fsd record --form rapide'

echo
echo "# Where can she get help near Chambéry? The orientation is a query for the directory:"
echo "# a place must offer one of the services, the support for reading, and a way in"
echo "# without writing. The places are those 10-annuaire imported."
step 'fsd orient 1'
step 'fsd orient 1 | aidant-annuaire -q search --query - --near 73000 | jq -r ".[] | \"\(.distance_km) km  \(.nom)  \(.horaires)\""'
places=$(fsd orient 1 | aidant-annuaire -q search --query - --near 73000 | jq length)
if [ "$places" -eq 0 ]; then
	echo "40-diag: the orientation found no place" >&2
	exit 1
fi
echo "# On Wednesday at 15:00, the places open now (the clock of the demo is set there)."
step 'fsd orient 1 | AIDANT_NOW=2026-11-25T15:00:00+01:00 aidant-annuaire -q search --query - --near 73000 --open-now | jq -r ".[] | \"open now: \(.nom)\""'

echo
echo "# The page she takes home, with its verification code."
step 'LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 fsd summary 1'

echo
echo "# Her portable diagnosis: the canonical JSON, whose BLAKE2b-256 is its id, signed by the"
echo "# France Services key. The stock minisign checks it with the public key alone."
step 'fs_pass | fsd export 1 -o "$work/diagnostic-josiane.json" --passphrase-fd 0'
step 'b2sum -l 256 "$work/diagnostic-josiane.json" | cut -c 1-16'
step 'minisign -V -p "$fs/structure/structure.pub" -m "$work/diagnostic-josiane.json"'

echo
echo "# Three months later she comes to the library (the structure of 20-mandate, whose key"
echo "# aidant-diag init reuses). It trusts the France Services key, checks her diagnosis and"
echo "# imports it under its own pseudonym for her, instead of asking the questions again."
step 'library_pass | aidant-diag -q init --name "Médiathèque Jean-Jaurès (démo)" --siret 21010053100017 --passphrase-fd 0'
step 'aidant-diag -q trust add "$fs/structure/structure.pub" --name "France Services de Chambéry"'
step 'aidant-diag -q verify "$work/diagnostic-josiane.json"'
step 'first=$(aidant-diag -q import "$work/diagnostic-josiane.json" --usager u-josiane01); echo "imported as $first"'
echo "# A copy changed by hand (\"autonome\") is refused: the signature no longer holds."
sed 's/"autonomie":"[a-z_]*"/"autonomie":"autonome"/' "$work/diagnostic-josiane.json" >"$work/changed.json"
cp "$work/diagnostic-josiane.json.minisig" "$work/changed.json.minisig"
step_fails 'aidant-diag -q import "$work/changed.json"'

echo
echo "# The full diagnosis (every Pix competence) at the library, compared with the first."
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
step 'full=$(AIDANT_NOW=2027-02-23T14:00:00+01:00 aidant-diag -q record --form complet "$work/complet.json"); echo "diagnosis $full"'
step 'aidant-diag -q --format table compare "$first" "$full"'
step 'aidant-diag -q --format table list --usager u-josiane01'
step 'aidant-diag -q list --format ndjson | jq -c "{n, date, form, source, autonomie, strengths}"'
