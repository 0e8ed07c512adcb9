#!/bin/sh
# Demo of aidant-mandate: a library's digital help desk gives a signed mandate to a
# person (fictitious), acts under it, and anyone can check the journal. Run by run.sh
# with AIDANT_HOME set to a fresh folder; no terminal needed.
set -eu
export AIDANT_NOW=2026-11-23T10:00:00+01:00
export AIDANT_KDF_LIGHT=1 # demo only: a quick scrypt for the structure key
export TZ=Europe/Paris
m() { aidant-mandate -q "$@"; }
. "$AIDANT_SHARE/demo/lib.sh"
pass() { echo "phrase de passe de la médiathèque"; }

echo "== La médiathèque crée sa clé de structure (format minisign) / the library creates its key"
pass | m init --name "Médiathèque Jean-Jaurès (démo)" --siret 21010053100017 --passphrase-fd 0
m pubkey
echo "== Son adresse et son téléphone, imprimés sur chaque attestation / its address and phone, printed on every attestation"
m structure set --address "1 place Jean-Jaurès, 73000 Chambéry" --phone "04 79 00 00 00"

echo "== Deux aidants, dont une qui a accepté la charte / two helpers, one accepted the charter"
m aidant add --name "Camille Rivière" --email camille.riviere@example.org
m aidant add --name "Louis Garnier"
m aidant accept-charter 1
m --format table aidant list

echo "== Une personne accompagnée (fictive) / a person helped (fictitious)"
u=$(m usager add --given "Josiane" --family "Lambert" --birth 1948-05-17 --civilite madame --phone +33600000000)
echo "pseudonyme / pseudonym: $u"

echo "== Mandat d'un an pour le social et les impôts / a one-year mandate"
mandat=$(pass | m create --usager "$u" --aidant 1 --demarche social,argent --duration 365d --passphrase-fd 0)
m attestation "$mandat"

echo "== Les papiers qu'elle emporte, complet et facile à lire / the papers she takes home"
paper "$AIDANT_HOME/mandate/attestations/$mandat.html" attestation-mandat.html
paper "$AIDANT_HOME/mandate/attestations/$mandat.easy.html" attestation-mandat-facile.html

echo "== L'attestation se vérifie avec minisign seul / the stock minisign checks it"
if command -v minisign >/dev/null; then
	minisign -V -p "$AIDANT_HOME/structure/structure.pub" -m "$AIDANT_HOME/mandate/attestations/$mandat.txt"
fi

echo "== Camille peut agir pour le social, Louis non (charte) / who may act"
m check --usager "$u" --aidant 1 --demarche social
m check --usager "$u" --aidant 2 --demarche social || echo "(code de sortie / exit status $?)"
m use --usager "$u" --aidant 1 --demarche social --note "déclaration trimestrielle RSA"
m use --usager "$u" --aidant 1 --demarche logement || echo "(refus journalisé / refusal journaled, exit $?)"

echo "== Madame Lambert retire les impôts du mandat / the person revokes one démarche"
pass | m revoke "$mandat" --demarche argent --by usager --reason "préfère le faire avec sa fille" --passphrase-fd 0
rev=$(ls "$AIDANT_HOME/mandate/revocations/$mandat"-*[0-9].html)
paper "$rev" attestation-revocation.html
paper "${rev%.html}.easy.html" attestation-revocation-facile.html

echo "== Trois cents jours plus tard : rappel avant la fin / a reminder before the end"
AIDANT_NOW=2027-10-20T10:00:00+02:00 m --format table list --expiring-within 60d

echo "== Le journal, sans nom ni date de naissance / the journal, pseudonyms only"
m --format table journal

echo "== Vérification de toute la chaîne / checking the whole chain"
m verify --attestation "$AIDANT_HOME/mandate/attestations/$mandat.txt"

echo "== Une clé publique et un point de contrôle gardés ailleurs / kept away from this machine"
mkdir -p "$AIDANT_HOME/ailleurs"
m pubkey >"$AIDANT_HOME/ailleurs/structure.pub"
pass | m checkpoint --new --passphrase-fd 0 -o "$AIDANT_HOME/ailleurs/checkpoint"

if command -v sqlite3 >/dev/null; then
	db="$AIDANT_HOME/mandate.db"
	echo "== Quelqu'un rétablit les impôts avec sqlite3 / someone re-enables the revoked démarche by hand"
	kept=$(sqlite3 "$db" "SELECT revoked_at || ',' || revoked_by FROM autorisation WHERE demarche = 'argent'")
	sqlite3 "$db" "UPDATE autorisation SET revoked_at = NULL, revoked_by = NULL WHERE demarche = 'argent'"
	m use --usager "$u" --aidant 1 --demarche argent || echo "(refusé, rien n'est écrit / refused, nothing written: exit $?)"
	m verify || echo "(le journal le dit / verify says so: exit $?)"
	echo "== La ligne remise comme elle était / the row put back as it was"
	sqlite3 "$db" "UPDATE autorisation SET revoked_at = ${kept%,*}, revoked_by = '${kept#*,}' WHERE demarche = 'argent'"
	echo "== Quelqu'un efface le dernier acte / someone deletes the last act"
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$db" "$AIDANT_HOME/copie.db"
	sqlite3 "$db" "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)"
	m verify || echo "(exit $?)"
	cp "$AIDANT_HOME/copie.db" "$db"
fi

echo "== Vérification avec la clé et le point de contrôle gardés ailleurs / checking against them"
m verify --pubkey "$AIDANT_HOME/ailleurs/structure.pub" --checkpoint "$AIDANT_HOME/ailleurs/checkpoint"
m verify
