#!/bin/sh
# aidant-stats: a month of a France Services desk, the mandates and diagnoses of the scenes before, the observatory
# Run by run.sh with AIDANT_HOME set to the temporary home of the earlier scenes (the
# mandate journal of 20-mandate.sh and the diagnoses of 40-diag.sh are there). The
# activities are fictitious; no terminal is needed.
set -eu
export AIDANT_NOW=2026-12-01T07:00:00+01:00
export TZ=Europe/Paris
data="$AIDANT_SHARE/demo/data"
out="${AIDANT_DEMO_PAPERS:-$AIDANT_HOME/papers}"

. "$AIDANT_SHARE/demo/lib.sh"

echo "# The desk's statistics store, then its month of November 2026: 180 activities typed"
echo "# in as they came (accompaniments and the Thursday workshops), people by pseudonym."
step 'aidant-stats -q init'
step "aidant-stats -q --format table import '$data/stats-france-services-2026-11.csv'"
step 'aidant-stats -q --format table list --month 2026-11 | head -n 6'

echo
echo "# What the other tools already know: the démarches done under mandate (20-mandate.sh)"
echo "# and the diagnoses (40-diag.sh), counted once each, however often they are read."
step 'aidant-mandate -q journal --format ndjson | aidant-stats -q --format table ingest mandate'
step 'aidant-mandate -q journal --format ndjson | aidant-stats -q --format table ingest mandate'
step 'aidant-diag -q list --format ndjson | aidant-stats -q --format table ingest diag'

echo
echo "# The month on the terminal: totals, then each distribution, counts and shares."
step 'aidant-stats -q --format table report --month 2026-11 | sed -n "1,40p"'
step 'aidant-stats -q --format table report --month 2026-11 | grep -A 8 "Mandats (aidant-mandate)"'

echo
echo "# The public export of the observatory: every count of people under 11 suppressed,"
echo "# with the cells that would give it away; CSV (long), xlsx for the funders, HTML."
step "aidant-stats -q export --public --month last --format csv --output-dir '$out'"
step "head -n 12 '$out/observatoire-2026-11.csv'"
step "awk -F, '\$7 == 1' '$out/observatoire-2026-11.csv' | wc -l"
step "aidant-stats -q export --public --month last --format xlsx --output-dir '$out'"
step "aidant-stats -q export --public --month last --format html -o '$AIDANT_HOME/observatoire.html'"
paper "$AIDANT_HOME/observatoire.html" observatoire-2026-11.html
echo
echo "# The cron job runs again the next morning: a month once published keeps its file."
step "aidant-stats export --public --month last --format csv --output-dir '$out'"

echo
echo "# The network: the library (20-mandate.sh made its structure key) and a digital relay"
echo "# of the same network each send the month, exact and signed; the coordinator checks"
echo "# the signatures, merges, and publishes the network's observatory."
relais="$AIDANT_HOME/relais" coord="$AIDANT_HOME/coordination"
step 'echo "phrase de passe de la médiathèque" | aidant-stats -q export --for-network --month last --output-dir "$AIDANT_HOME/envoi" --passphrase-fd 0'
step 'aidant-stats -q --home "$relais" init --name "Relais numérique des Hauts (démo)" --siret 41234567800019 --unencrypted 2>/dev/null'
step "aidant-stats -q --home \"\$relais\" import '$data/stats-relais-2026-11.csv' >/dev/null"
step 'aidant-stats -q --home "$relais" export --for-network --month last --output-dir "$AIDANT_HOME/envoi"'
step 'ls "$AIDANT_HOME/envoi"'
step 'minisign -V -q -p "$AIDANT_HOME/structure/structure.pub" -m "$AIDANT_HOME/envoi/reseau-21010053100017-2026-11.json" && echo "minisign: signature OK"'
step 'aidant-stats -q --home "$coord" init && mkdir -p "$coord/reseau" && cp "$AIDANT_HOME/structure/structure.pub" "$coord/reseau/mediatheque.pub" && cp "$relais/structure/structure.pub" "$coord/reseau/relais.pub"'
step 'aidant-stats -q --home "$coord" --format table merge "$AIDANT_HOME"/envoi/reseau-*-2026-11.json'
echo "# A file changed after it was signed is refused, and nothing is merged."
sed 's/"activites",90\]/"activites",95]/' "$AIDANT_HOME/envoi/reseau-41234567800019-2026-11.json" >"$AIDANT_HOME/envoi/change.json"
cp "$AIDANT_HOME/envoi/reseau-41234567800019-2026-11.json.minisig" "$AIDANT_HOME/envoi/change.json.minisig"
step_fails 'aidant-stats -q --home "$coord" merge --replace "$AIDANT_HOME/envoi/change.json"'
step 'aidant-stats -q --home "$coord" --format table report --month 2026-11 --by source | grep -E "^== |  Activités  "'
step "aidant-stats -q --home \"\$coord\" export --public --month last --format html -o '$AIDANT_HOME/reseau.html'"
paper "$AIDANT_HOME/reseau.html" observatoire-reseau-2026-11.html
