#!/bin/sh
# aidant-annuaire: import two partner lists, check, search, deduplicate, publish
# Run by run.sh with AIDANT_HOME set to a temporary folder. Every place is fictitious.
set -eu
data="$AIDANT_SHARE/demo/data"

. "$AIDANT_SHARE/demo/lib.sh"

echo "# Two lists arrive: a spreadsheet with French column names, and a network's JSON export."
step 'head -c 300 "$data/savoie-lieux.csv"; echo ...'
step 'aidant-annuaire --format table validate --map "$data/savoie.config.yaml" "$data/savoie-lieux.csv"'
step_fails 'aidant-annuaire validate "$data/liste-erronee.csv" >/dev/null'

echo
echo "# Import both lists; importing the same file again changes nothing."
step 'aidant-annuaire --format table import --source savoie --map "$data/savoie.config.yaml" "$data/savoie-lieux.csv"'
step 'aidant-annuaire --format table import "$data/reseau-73.json"'
step 'aidant-annuaire import "$data/reseau-73.json" | jq -c "{read, inserted, updated, unchanged}"'

echo
echo "# Where can Mme X get help with her CAF file near 73000, open Tuesday morning?"
step 'aidant-annuaire --format table search CAF --near 73000 --radius 10 --open-at 2026-11-24T10:00'
step 'aidant-annuaire search --service "Aide aux démarches administratives" --near 45.5646,5.9178 --radius 5 --limit 3 | jq -r ".[] | \"\(.distance_km) km  \(.nom)\""'

echo
echo "# The state of the directory."
step 'aidant-annuaire --format table stats'
step 'aidant-annuaire --format table stale --older-than 1y'

echo
echo "# Places listed by both partners: find them, merge them, undo one merge."
step 'aidant-annuaire --format table dedupe'
step 'aidant-annuaire --format table dedupe --apply'
step 'aidant-annuaire show r73-clic-partage | jq "{nom, source, services}"'
step 'aidant-annuaire unmerge 1'

echo
echo "# Opening hours: Good Friday is a public holiday in Alsace-Moselle only (exit 0 open, 1 closed)."
step 'aidant-annuaire hours "Mo-Fr 09:00-12:00,14:00-17:00; PH off" --at 2026-04-03T10:00 --insee 73065 || echo "(exit status $?)"'
step 'aidant-annuaire hours "Mo-Fr 09:00-12:00,14:00-17:00; PH off" --at 2026-04-03T10:00 --insee 67482 || echo "(exit status $?)"'
step 'aidant-annuaire hours "sur rendez-vous" || echo "(exit status $?: kept verbatim, not evaluable)"'

echo
echo "# Publish: GeoJSON for uMap, the schema's CSV for the official validator."
step 'aidant-annuaire export --format geojson | jq "{type, places: (.features | length), first: .features[0].geometry}"'
step 'aidant-annuaire export --format csv | mlr --icsv --opprint count-distinct -f code_postal then sort -nr count then head -n 5'
step 'aidant-annuaire export --format csv | head -n 1 | tr "," "\n" | wc -l'
