#!/usr/bin/env bats
# The mandate and revocation attestations as the person gets them: printed by Chromium on
# one A4 page (ten démarches too), in French words, full and easy to read, and checkable
# by anyone: the QR code read back from the page holds a statement that the stock
# minisign verifies with the structure's public key, and only that statement.

bats_require_minimum_version 1.5.0
load mandate_setup
load papers_setup

setup() {
	mandate_setup
	export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
	mandate_world
	ALL=papiers,famille,social,travail,logement,transports,argent,justice,etranger,loisirs
}

# qr_of FILE.pdf: the QR code of the page as zbarimg reads it, split into FILE.msg (the
# statement) and FILE.msg.minisig (its last lines, the signature).
qr_of() {
	local base=${1%.pdf}
	pdftoppm -png -r 200 -f 1 -l 1 "$1" "$base-qr"
	zbarimg -q --raw "$base-qr-1.png" > "$base.qr" 2>/dev/null
	sed '/^untrusted comment: /,$d' "$base.qr" > "$base.msg"
	sed -n '/^untrusted comment: /,$p' "$base.qr" | sed '/^$/d' > "$base.msg.minisig"
	[ -s "$base.msg" ] && [ "$(wc -l < "$base.msg.minisig")" -eq 4 ]
}

@test "a mandate of ten démarches prints on one A4 page, full and easy, in French words" {
	papers_need_pdf
	M=$(mandate_new "$ALL" 365d)
	for form in html easy.html; do
		cp "$KEYDIR/attestations/$M.$form" "$BATS_TEST_TMPDIR/a.html"
		papers_pdf "$BATS_TEST_TMPDIR/a.html"
		[ "$(papers_pages "$BATS_TEST_TMPDIR/a.pdf")" = 1 ]
		papers_a4 "$BATS_TEST_TMPDIR/a.pdf"
		text=$(papers_flow "$BATS_TEST_TMPDIR/a.pdf")
		[[ "$text" == *"Médiathèque Albert-Camus"* ]]
		[[ "$text" == *"Attestation de mandat"* ]]
		[[ "$text" == *"établie le 23 novembre 2026"* ]]
		for title in "Papiers - Citoyenneté - Élections" "Famille - Scolarité" "Social - Santé" \
			"Travail - Formation" "Logement" "Transports - Mobilité" \
			"Argent - Impôts - Consommation" "Justice" "Étranger - Europe" \
			"Loisirs - Sport - Culture"; do
			[[ "$text" == *"$title"* ]] || { echo "missing: $title ($form)"; false; }
		done
		[[ "$text" == *"La personne aidée"* ]]
		[[ "$text" == *"La personne qui aide"* ]]
		[[ "$text" == *"Date et signature"* ]]
		[[ "$text" != *"née ou né"* ]]
		[[ "$text" != *"2026-11-23"* ]]
		mv "$BATS_TEST_TMPDIR/a.pdf" "$BATS_TEST_TMPDIR/$form.pdf"
	done
	text=$(papers_text "$BATS_TEST_TMPDIR/html.pdf")
	[[ "$text" == *"Fatima Benali (date de naissance : 12 mars 1961) autorise la structure Médiathèque Albert-Camus"* ]]
	[[ "$text" == *"Début 23 novembre 2026"* ]]
	[[ "$text" == *"Fin 23 novembre 2027 (365 jours"* ]]
	[[ "$(papers_flow "$BATS_TEST_TMPDIR/html.pdf")" == *"carte Vitale, assurance maladie"* ]]
	[[ "$text" == *"Retirer ce mandat à tout moment"* ]]
	[[ "$text" == *"gratuitement"* ]]
	[[ "$text" == *"Elle ne garde jamais ses mots de passe"* ]]
	[[ "$text" == *"Code de vérification $(aidant-mandate -q show "$M" | jq -r .code)"* ]]
	[[ "$text" == *"clé de la structure $(aidant-mandate -q show "$M" | jq -r .structure_key)"* ]]
	[[ "$text" == *"Dossier $U"* ]]
	text=$(papers_text "$BATS_TEST_TMPDIR/easy.html.pdf")
	[[ "$text" == *"Version facile à lire"* ]]
	[[ "$text" == *"Votre accord commence le 23 novembre 2026."* ]]
	[[ "$text" == *"Il s’arrête le 23 novembre 2027."* ]]
	[[ "$text" == *"Vous pouvez arrêter votre accord quand vous voulez."* ]]
	[[ "$text" == *"C’est gratuit."* ]]
	papers_png "$BATS_TEST_TMPDIR/html.pdf" mandate-attestation
	papers_png "$BATS_TEST_TMPDIR/easy.html.pdf" mandate-attestation-easy
}

@test "the QR code read off the printed page verifies with the stock minisign, and only as printed" {
	papers_need_pdf qr
	command -v minisign >/dev/null || skip "minisign is not installed"
	M=$(mandate_new social,argent 365d)
	code=$(aidant-mandate -q show "$M" | jq -r .code)
	cp "$KEYDIR/attestations/$M.html" "$BATS_TEST_TMPDIR/a.html"
	papers_pdf "$BATS_TEST_TMPDIR/a.html"
	qr_of "$BATS_TEST_TMPDIR/a.pdf"
	msg="$BATS_TEST_TMPDIR/a.msg"
	grep -qx "aidant-mandate attestation $M" "$msg"
	grep -qx "structure: Médiathèque Albert-Camus" "$msg"
	grep -qx "usager: Fatima Benali" "$msg"
	grep -qx "birth: 1961-03-12" "$msg"
	grep -qx "demarches: social,argent" "$msg"
	grep -qx "from: 2026-11-23" "$msg"
	grep -qx "until: 2027-11-23" "$msg"
	grep -qx "code: $code" "$msg"
	run minisign -V -p "$SDIR/structure.pub" -m "$msg"
	[ "$status" -eq 0 ]
	[[ "$output" == *"aidant-mandate attestation mandat:$M code:$code expires:2027-11-23"* ]]
	# the easy-to-read version carries the same statement
	cp "$KEYDIR/attestations/$M.easy.html" "$BATS_TEST_TMPDIR/e.html"
	papers_pdf "$BATS_TEST_TMPDIR/e.html"
	qr_of "$BATS_TEST_TMPDIR/e.pdf"
	cmp "$BATS_TEST_TMPDIR/a.qr" "$BATS_TEST_TMPDIR/e.qr"
	# a longer mandate or another person is not what was signed
	sed -i 's/^until: 2027-11-23$/until: 2028-11-23/' "$msg"
	run ! minisign -V -q -p "$SDIR/structure.pub" -m "$msg"
	sed -i 's/^until: 2028-11-23$/until: 2027-11-23/; s/^usager: .*/usager: Someone Else/' "$msg"
	run ! minisign -V -q -p "$SDIR/structure.pub" -m "$msg"
	# nor does another structure's key vouch for it
	minisign -G -W -p "$BATS_TEST_TMPDIR/other.pub" -s "$BATS_TEST_TMPDIR/other.key" >/dev/null
	sed -i 's/^usager: .*/usager: Fatima Benali/' "$msg"
	minisign -V -q -p "$SDIR/structure.pub" -m "$msg"
	run ! minisign -V -q -p "$BATS_TEST_TMPDIR/other.pub" -m "$msg"
}

@test "the revocation attestation prints on one page, says what stops and what goes on, and its QR verifies" {
	papers_need_pdf qr
	M=$(mandate_new social,argent,logement 365d)
	aidant-mandate -q revoke "$M" --demarche argent --by usager --reason "préfère le faire avec sa fille" \
		--passphrase-file "$PASS" >/dev/null
	rev=$(ls "$KEYDIR"/revocations/"$M"-*[0-9].html)
	cp "$rev" "$BATS_TEST_TMPDIR/r.html"
	papers_pdf "$BATS_TEST_TMPDIR/r.html"
	[ "$(papers_pages "$BATS_TEST_TMPDIR/r.pdf")" = 1 ]
	text=$(papers_text "$BATS_TEST_TMPDIR/r.pdf")
	[[ "$text" == *"Attestation de révocation"* ]]
	[[ "$text" == *"Mandat n° $M, révoqué le 23 novembre 2026"* ]]
	[[ "$text" == *"a retiré à la structure Médiathèque Albert-Camus le droit d’agir en son nom"* ]]
	[[ "$text" == *"Motif préfère le faire avec sa fille"* ]]
	[[ "$text" == *"Les démarches révoquées"* ]]
	[[ "$text" == *"Argent - Impôts - Consommation"* ]]
	[[ "$text" == *"restent couvertes jusqu’au 23 novembre 2027"* ]]
	[[ "$text" == *"Social - Santé"* ]]
	qr_of "$BATS_TEST_TMPDIR/r.pdf"
	grep -qx "aidant-mandate revocation $M" "$BATS_TEST_TMPDIR/r.msg"
	grep -qx "demarches: argent" "$BATS_TEST_TMPDIR/r.msg"
	grep -qx "by: usager" "$BATS_TEST_TMPDIR/r.msg"
	minisign -V -q -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/r.msg"
	papers_png "$BATS_TEST_TMPDIR/r.pdf" revocation-attestation
	cp "${rev%.html}.easy.html" "$BATS_TEST_TMPDIR/re.html"
	papers_pdf "$BATS_TEST_TMPDIR/re.html"
	[ "$(papers_pages "$BATS_TEST_TMPDIR/re.pdf")" = 1 ]
	text=$(papers_text "$BATS_TEST_TMPDIR/re.pdf")
	[[ "$text" == *"Vous avez arrêté le mandat."* ]]
	[[ "$text" == *"Ces démarches continuent"* ]]
	papers_png "$BATS_TEST_TMPDIR/re.pdf" revocation-attestation-easy
}

@test "every form is signed, journaled and checked by verify; attestation --easy prints the easy one" {
	M=$(mandate_new social 31d)
	for form in txt html easy.txt easy.html; do
		f="$KEYDIR/attestations/$M.$form"
		minisign -V -q -p "$SDIR/structure.pub" -m "$f"
		run aidant-mandate -q verify --attestation "$f"
		[ "$status" -eq 0 ]
		[[ "${lines[1]}" == *"$form : valable (aidant-mandate attestation mandat:"*" structure:"* ]]
	done
	run aidant-mandate -q attestation "$M" --easy
	[ "$status" -eq 0 ]
	[[ "$output" == *"Version facile à lire"* ]]
	[[ "$output" == *"Vous pouvez arrêter votre accord quand vous voulez."* ]]
	[ "$(echo "$output" | wc -L)" -le 72 ]
	aidant-mandate -q attestation "$M" --easy --html -o "$BATS_TEST_TMPDIR/e.html"
	minisign -V -q -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/e.html"
	grep -q '<body class="easy">' "$BATS_TEST_TMPDIR/e.html"
	run grep -c '<script\|https\?:' "$BATS_TEST_TMPDIR/e.html"
	[ "$output" = 0 ]
	aidant-mandate -q journal --format ndjson | grep '"action":"create_attestation"' |
		jq -e '.attestation_easy and .attestation_easy_html' >/dev/null
}

@test "forgetting the person removes every printable form of their papers, the signatures stay" {
	M=$(mandate_new social 1d)
	aidant-mandate -q revoke "$M" --by usager --passphrase-file "$PASS" >/dev/null
	aidant-mandate -q usager forget "$U" >/dev/null
	run ! grep -rlq Benali "$KEYDIR/attestations" "$KEYDIR/revocations"
	ls "$KEYDIR"/attestations/"$M".easy.html.minisig "$KEYDIR"/revocations/"$M"-*.easy.txt.minisig
	run ls "$KEYDIR"/revocations/"$M"-*[0-9].txt
	[ "$status" -ne 0 ]
}

@test "the wording fits the person: madame, monsieur, or neutral, never 'née ou né'" {
	W=$(aidant-mandate -q usager add --given Josiane --family Lambert --birth 1948-05-17 --civilite madame)
	H=$(aidant-mandate -q usager add --given Ahmed --family Haddad --birth 1950-05-01 --civilite monsieur)
	for who in "$W" "$H" "$U"; do
		aidant-mandate -q create --usager "$who" --aidant 1 --demarche social --duration 31d \
			--passphrase-file "$PASS" >/dev/null
	done
	a="$KEYDIR/attestations"
	tr '\n' ' ' < "$a/1.txt" | grep -q "Madame Josiane Lambert, née le 17 mai 1948, autorise la structure"
	grep -q "^Vous êtes Madame Josiane Lambert.$" "$a/1.easy.txt"
	tr '\n' ' ' < "$a/2.txt" | grep -q "Monsieur Ahmed Haddad, né le 1er mai 1950, autorise la structure"
	grep -q "^Vous êtes Monsieur Ahmed Haddad.$" "$a/2.easy.txt"
	tr '\n' ' ' < "$a/3.txt" | grep -q "Fatima Benali (date de naissance : 12 mars 1961) autorise la structure"
	grep -q "^Votre nom : Fatima Benali.$" "$a/3.easy.txt"
	run grep -l "née ou né\|né(e)\|né·e" "$a"/*.txt "$a"/*.html
	[ "$status" -eq 1 ]
	[ "$(aidant-mandate -q usager show "$W" | jq -r .civilite)" = madame ]
	[ "$(aidant-mandate -q usager show "$U" | jq -r .civilite)" = null ]
	run aidant-mandate usager add --given A --family B --birth 1950-01-01 --civilite mademoiselle
	[ "$status" -eq 64 ]
	[[ "$output" == *"--civilite : « mademoiselle » n’est ni madame ni monsieur"* ]]
}
