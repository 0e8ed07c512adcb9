#!/bin/sh
# aidant-vault: a person's safe, one domain shared with a helper until a date, then revoked; a rollback seen
# Run by run.sh with AIDANT_HOME set to a temporary folder. The people are fictitious;
# passphrases come from files because there is no terminal.
set -eu
export AIDANT_NOW=2026-11-23T10:00:00+01:00
cd "$AIDANT_HOME"

. "$AIDANT_SHARE/demo/lib.sh"

printf 'Jasmine-Ferme-Les-Volets-1987\n' >person.pass
printf 'Clef de Mme Martin au CCAS\n' >helper.pass
printf 'Scan de carte d’identité (fictif)\n' >cni-recto.pdf
printf 'Attestation de paiement CAF, octobre 2026 (fictive)\n' >attestation-caf.pdf
printf 'MotDePasseCAF-2026\n' >caf.pass

echo "== Mme Nadia Benali (fictitious) opens her safe; she keeps the recovery code on paper."
step 'aidant-vault init --owner "Nadia Benali" --passphrase-fd 3 3<person.pass --recovery-sheet recovery-sheet.html'
paper recovery-sheet.html feuille-de-secours.html

echo "== Her papers go into domains; titles and dates are encrypted too."
step 'aidant-vault add --domain identite --type cni --title "Carte d’identité" --expires 2026-12-15 cni-recto.pdf --passphrase-fd 3 3<person.pass'
step 'aidant-vault add --domain social --type attestation-caf attestation-caf.pdf --passphrase-fd 3 3<person.pass'
step 'aidant-vault secret set caf --domain social --login 1234567 --url https://caf.fr --passphrase-fd 3 3<person.pass --password-fd 4 4<caf.pass'
step 'aidant-vault --format table list --passphrase-fd 3 3<person.pass'

echo "== Mme Martin, her helper at the CCAS, makes her own key once."
step 'aidant-vault keygen --aidant --passphrase-fd 3 3<helper.pass >helper.pub && cat helper.pub'

echo "== Nadia shares only her social domain with Mme Martin, until the end of the year."
step 'aidant-vault share --domain social --with "$(cat helper.pub)" --name "Mme Martin, CCAS" --until 2026-12-31 --passphrase-fd 3 3<person.pass'
step 'aidant-vault --format table shares --passphrase-fd 3 3<person.pass'

echo "== Mme Martin sees the social domain, and nothing else."
step 'aidant-vault --format table list --as-aidant --passphrase-fd 3 3<helper.pass'
step 'aidant-vault secret get caf --field login --as-aidant --passphrase-fd 3 3<helper.pass'
cni=$(aidant-vault --format json list --domain identite --passphrase-fd 3 3<person.pass 2>/dev/null | sed -n 's/.*"id": *"\([0-9a-f]*\)".*/\1/p')
step_fails "aidant-vault get $cni --as-aidant --passphrase-fd 3 3<helper.pass"

cp vault/vault.json shared-vault.json

echo "== In January the sharing is over: Mme Martin is refused, and Nadia's next unlock re-keys."
step_fails 'AIDANT_NOW=2027-01-05T09:00:00+01:00 aidant-vault list --as-aidant --passphrase-fd 3 3<helper.pass'
step 'AIDANT_NOW=2027-01-05T09:00:00+01:00 aidant-vault --format table list --passphrase-fd 3 3<person.pass'

echo "== Every object is a plain age file: the stock age tool opens it with her key."
step 'aidant-vault age decrypt --passphrase-fd 3 3<person.pass -o my-key.txt vault/identity.age'
if command -v age >/dev/null; then
	step "age -d -i my-key.txt vault/identite/$cni.age"
fi
step 'aidant-vault verify --passphrase-fd 3 3<person.pass'

echo "== Someone with the USB key puts back the vault.json of December, when Mme Martin was"
echo "   still let in: the vault sees it, refuses to write, and says what it found."
cp vault/vault.json current-vault.json
cp shared-vault.json vault/vault.json
step_fails 'aidant-vault verify --passphrase-fd 3 3<person.pass'
step_fails 'aidant-vault add --domain social attestation-caf.pdf --passphrase-fd 3 3<person.pass'
echo "== Nadia puts back her own copy: all holds again (a backup put back on purpose would be"
echo "   accepted with 'verify --accept')."
cp current-vault.json vault/vault.json
step 'aidant-vault verify --passphrase-fd 3 3<person.pass'

echo "== Training without a real person's papers: the demo sandbox holds a fictitious vault"
echo "   (passphrase \"demo\"); nothing of it touches the vault above."
printf 'demo\n' >demo.pass
step 'XDG_DATA_HOME="$AIDANT_HOME/xdg" aidant-vault --demo --format table list --passphrase-fd 3 3<demo.pass'
