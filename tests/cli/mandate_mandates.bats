#!/usr/bin/env bats
# aidant-mandate create, check, use, revoke, renew, list, show and attestation, with
# AIDANT_NOW to cross expiry, the stock minisign on attestations, and every refusal.

bats_require_minimum_version 1.5.0
load mandate_setup

setup() {
	mandate_setup
	mandate_world
}

@test "create writes an attestation that the stock minisign verifies, and fails once changed" {
	M=$(mandate_new social,argent 365d)
	[ "$M" = 1 ]
	a="$KEYDIR/attestations/$M.txt"
	tr '\n' ' ' < "$a" | grep -q "Fatima Benali (date of birth: 12 March 1961) authorises"
	grep -q "^End                23 November 2027 (365 days; the mandate ends by$" "$a"
	grep -q "^- Social - Santé: Carte Vitale, health insurance" "$a"
	code=$(aidant-mandate -q show "$M" | jq -r .code)
	grep -q "^Verification code $code\. Structure key " "$a"
	run minisign -V -p "$SDIR/structure.pub" -m "$a"
	[ "$status" -eq 0 ]
	[[ "$output" == *"mandat:1 code:$code expires:2027-11-23"* ]]
	minisign -V -p "$SDIR/structure.pub" -m "$KEYDIR/attestations/$M.html" >/dev/null
	cp "$a" "$BATS_TEST_TMPDIR/a.txt"
	cp "$a.minisig" "$BATS_TEST_TMPDIR/a.txt.minisig"
	sed -i 's/23 November 2027 (365 days/23 November 2028 (365 days/' "$BATS_TEST_TMPDIR/a.txt"
	run ! cmp -s "$a" "$BATS_TEST_TMPDIR/a.txt"
	run minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/a.txt"
	[ "$status" -ne 0 ]
	cp "$a" "$BATS_TEST_TMPDIR/a.txt"
	sed -i '3s/mandat:1/mandat:2/' "$BATS_TEST_TMPDIR/a.txt.minisig"
	run minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/a.txt"
	[ "$status" -ne 0 ]
}

@test "check says yes within the mandate and no after it expires, per démarche" {
	mandate_new social 31d >/dev/null
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 0 ]
	[ "$output" = "yes: mandate 1 covers social until 2026-12-24" ]
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche logement
	[ "$status" -eq 1 ]
	[ "$output" = "no: no mandate covers the démarche logement" ]
	AIDANT_NOW=2026-12-24T09:59:00+01:00 run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 0 ]
	AIDANT_NOW=2026-12-24T10:00:00+01:00 run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 1 ]
	[ "$output" = "no: mandate 1 for social expired on 2026-12-24" ]
}

@test "use journals the act, or journals the refusal and exits 77" {
	mandate_new travail 1d >/dev/null
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche travail --note "actualisation mensuelle"
	[ "$status" -eq 0 ]
	export AIDANT_NOW=2026-11-24T10:00:01+01:00
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche travail
	[ "$status" -eq 77 ]
	[[ "$output" == *"error: refused: mandate 1 for travail expired on 2026-11-24"* ]]
	run aidant-mandate -q journal --format ndjson
	echo "$output" | grep '"action":"use_autorisation"' | grep -q '"note":"actualisation mensuelle"'
	echo "$output" | grep '"action":"refused_autorisation"' | grep -q '"reason":"expired"'
}

@test "helpers without the current charter, or disabled, can neither create nor use" {
	aidant-mandate -q aidant add --name "Louis Garnier" >/dev/null
	run aidant-mandate create --usager "$U" --aidant 2 --demarche social --duration 31d --passphrase-file "$PASS"
	[ "$status" -eq 77 ]
	[[ "$output" == *"has not accepted the current charter"* ]]
	mandate_new social 31d >/dev/null
	run aidant-mandate -q use --usager "$U" --aidant 2 --demarche social
	[ "$status" -eq 77 ]
	run aidant-mandate -q check --usager "$U" --aidant 2 --demarche social
	[ "$status" -eq 1 ]
	[ "$output" = "no: helper 2 has not accepted the current charter" ]
	aidant-mandate -q aidant disable 1
	run aidant-mandate -q use --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 77 ]
	[[ "$output" == *"helper 1 is disabled"* ]]
}

@test "create refuses bad input with the right exit code and writes nothing" {
	run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration 366d --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	[[ "${lines[0]}" == *"error: --duration: '366d' is not the duration of a mandate: 1d, 31d, 182d or 365d"* ]]
	[[ "${lines[1]}" == "try 'aidant-mandate create --help'"* ]]
	for d in 2d 30d 7d 1w 2m 24h 0d 1.5y; do
		run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration "$d" --passphrase-file "$PASS"
		[ "$status" -eq 64 ] || { echo "$d: $status"; return 1; }
	done
	run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration 2y --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	run aidant-mandate create --usager "$U" --aidant 1 --demarche impots --duration 1d --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	[[ "$output" == *"unknown démarche 'impots'"* ]]
	run aidant-mandate create --usager "$U" --aidant 7 --demarche social --duration 1d --passphrase-file "$PASS"
	[ "$status" -eq 66 ]
	run aidant-mandate create --usager u-nobody --aidant 1 --demarche social --duration 1d --passphrase-file "$PASS"
	[ "$status" -eq 66 ]
	run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration 1d --consent phone --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	echo wrong >"$BATS_TEST_TMPDIR/bad"
	before=$(aidant-mandate -q journal --format ndjson | wc -l)
	run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration 1d --passphrase-file "$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 77 ]
	[[ "$output" == *"error: wrong passphrase for the structure key"* ]]
	[ "$(aidant-mandate -q journal --format ndjson | wc -l)" -eq "$before" ]
	[ ! -e "$KEYDIR/attestations" ]
	[ "$(aidant-mandate -q list | jq length)" -eq 0 ]
}

@test "a mandate cannot be dated before the journal's last entry (65)" {
	run env AIDANT_NOW=2026-11-22T10:00:00+01:00 aidant-mandate create --usager "$U" --aidant 1 \
		--demarche social --duration 31d --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
	[[ "$output" == *"an act cannot be dated in the past"* ]]
	[ "$(aidant-mandate -q list | jq length)" -eq 0 ]
}

@test "a new mandate for the same démarche revokes the previous authorisation" {
	mandate_new social,logement 365d >/dev/null
	export AIDANT_NOW=2026-12-01T10:00:00+01:00
	M2=$(mandate_new social 31d)
	run aidant-mandate -q show 1
	[ "$(echo "$output" | jq -r '.in_force | join(",")')" = logement ]
	[ "$(echo "$output" | jq -r '.autorisations[0].reason')" = "replaced by mandate 2" ]
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$output" = "yes: mandate 2 covers social until 2027-01-01" ]
}

@test "revoke one démarche then the rest, with signed revocation attestations" {
	M=$(mandate_new social,argent 182d)
	run aidant-mandate -q revoke "$M" --demarche argent --by usager --reason "ne souhaite plus" --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	rev=$(ls "$KEYDIR"/revocations/*.txt | head -n 1)
	minisign -V -p "$SDIR/structure.pub" -m "$rev" | grep -q "revocation mandat:1 demarches:argent .*structure:"
	run aidant-mandate -q verify --attestation "$rev"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *"valid (aidant-mandate revocation mandat:"* ]]
	run aidant-mandate -q check --usager "$U" --aidant 1 --demarche argent
	[ "$status" -eq 1 ]
	[ "$output" = "no: mandate 1 was revoked for argent on 2026-11-23" ]
	aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	run aidant-mandate revoke "$M" --demarche argent --by usager --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
	run aidant-mandate -q revoke "$M" --by aidant --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	[ "$(aidant-mandate -q show "$M" | jq -r .status)" = revoked ]
	aidant-mandate -q journal --format ndjson | grep -q '"action":"cancel_mandat"'
	run aidant-mandate revoke "$M" --by aidant --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
	[[ "$output" == *"mandate 1 is already revoked"* ]]
	run aidant-mandate revoke 99 --by aidant --passphrase-file "$PASS"
	[ "$status" -eq 66 ]
	run aidant-mandate revoke "$M" --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
}

@test "renew replaces a mandate, by default for the same duration" {
	M=$(mandate_new famille 31d)
	export AIDANT_NOW=2026-12-20T10:00:00+01:00
	run aidant-mandate -q renew "$M" --passphrase-file "$PASS"
	[ "$status" -eq 0 ]
	M2=$output
	run aidant-mandate -q show "$M2"
	[ "$(echo "$output" | jq -r .renewed_from)" = "$M" ]
	[ "$(echo "$output" | jq -r .expires)" = 2027-01-20T10:00:00+01:00 ]
	[ "$(aidant-mandate -q show "$M" | jq -r .status)" = revoked ]
	aidant-mandate -q journal --format ndjson | grep -q '"action":"renew_mandat"'
	run aidant-mandate renew "$M2" --duration 400d --passphrase-file "$PASS"
	[ "$status" -eq 64 ]
	run aidant-mandate renew "$M" --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
}

@test "list filters by status, person and coming expiry" {
	mandate_new social 31d >/dev/null
	mandate_new argent 1d >/dev/null
	mandate_new logement 365d >/dev/null
	aidant-mandate -q revoke 3 --by usager --passphrase-file "$PASS" >/dev/null
	export AIDANT_NOW=2026-12-10T10:00:00+01:00
	[ "$(aidant-mandate -q list --active | jq -c 'map(.id)')" = "[1]" ]
	[ "$(aidant-mandate -q list --expired | jq -c 'map(.id)')" = "[2]" ]
	[ "$(aidant-mandate -q list --revoked | jq -c 'map(.id)')" = "[3]" ]
	[ "$(aidant-mandate -q list --expiring-within 30d | jq -c 'map(.id)')" = "[1]" ]
	[ "$(aidant-mandate -q list --expiring-within 7d | jq -c 'map(.id)')" = "[]" ]
	[ "$(aidant-mandate -q list --usager "$U" --format ndjson | wc -l)" -eq 3 ]
	run aidant-mandate -q list --format csv
	[ "${lines[0]}" = "id,usager,aidant,status,expires,in_force,demarches" ]
	run aidant-mandate -q list --revoked --format yaml
	[ "${lines[0]}" = "- id: 3" ]
	run aidant-mandate list --active --revoked
	[ "$status" -eq 64 ]
	run aidant-mandate list --usager u-nobody
	[ "$status" -eq 66 ]
}

@test "attestation prints the text or writes it with its signature" {
	M=$(mandate_new social 31d)
	run aidant-mandate -q attestation "$M"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Médiathèque Albert-Camus" ]
	[ "${lines[2]}" = "Mandate attestation" ]
	aidant-mandate -q attestation "$M" --html -o "$BATS_TEST_TMPDIR/att.html"
	minisign -V -p "$SDIR/structure.pub" -m "$BATS_TEST_TMPDIR/att.html" >/dev/null
	grep -q '<h1>Mandate attestation</h1>' "$BATS_TEST_TMPDIR/att.html"
	run aidant-mandate attestation 42
	[ "$status" -eq 66 ]
	run aidant-mandate show 42
	[ "$status" -eq 66 ]
	[[ "$output" == *"error: unknown mandate '42'"* ]]
	run aidant-mandate -q --format yaml show "$M"
	[ "${lines[0]}" = "- id: $M" ]
}

@test "French messages and attestation with LANG=fr_FR.UTF-8" {
	M=$(LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 mandate_new social 31d)
	grep -q "^Attestation de mandat$" "$KEYDIR/attestations/$M.txt"
	grep -q "^Fatima Benali (date de naissance : 12 mars 1961) autorise la structure$" "$KEYDIR/attestations/$M.txt"
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-mandate -q check --usager "$U" --aidant 1 --demarche logement
	[ "$status" -eq 1 ]
	[[ "$output" == "non : "* ]]
	# French typography: typographic apostrophes, « » and a space before the colon
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-mandate -q journal --since hier
	[ "$status" -eq 64 ]
	[[ "$output" == *"--since : « hier » n’est pas une date"* ]]
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-mandate -q aidant disable 1
	LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 run aidant-mandate -q check --usager "$U" --aidant 1 --demarche social
	[ "$status" -eq 1 ]
	[ "$output" = "non : l’aidant 1 est désactivé" ]
	# no straight apostrophe, no colon, semicolon, ? or ! glued to its word in the fragment
	run ! grep -nE '[[:alpha:]]'"'"'[[:alpha:]]|[[:alnum:]»)][:;?!]( |\\n|"$)' \
		<(sed -n '/^msgstr/,/^$/p' "$AIDANT_ROOT/share/locale/fr/mandate.po" | grep -v '^"[A-Z][-A-Za-z]*: ')
}

# Writes f with the byte at offset off changed (low bit flipped).
flip() {
	local v
	v=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((v ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

@test "minisign -V fails after a byte of the attestation or of its signed lines changes" {
	M=$(mandate_new logement 31d)
	a="$KEYDIR/attestations/$M.txt"
	t="$BATS_TEST_TMPDIR/t.txt"
	cp "$a.minisig" "$t.minisig"
	size=$(wc -c <"$a")
	# every line of the text, several bytes in each (process start-up limits the count)
	for ((off = 0; off < size; off += 7)); do
		cp "$a" "$t"
		flip "$t" "$off"
		! minisign -V -q -p "$SDIR/structure.pub" -m "$t" || { echo "byte $off of the text"; false; }
	done
	# the first line of a .minisig is the untrusted comment: the rest is signed
	cp "$a" "$t"
	start=$(head -n 1 "$a.minisig" | wc -c)
	size=$(wc -c <"$a.minisig")
	for ((off = start; off < size; off += 3)); do
		cp "$a.minisig" "$t.minisig"
		flip "$t.minisig" "$off"
		! minisign -V -q -p "$SDIR/structure.pub" -m "$t" || { echo "byte $off of the signature"; false; }
	done
}
