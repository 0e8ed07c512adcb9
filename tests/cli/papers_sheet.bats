#!/usr/bin/env bats
# The vault's recovery sheet as the person gets it: the code in large groups that opens
# the vault, what it opens, where to keep it, what to do if it is lost, on one A4 page.

bats_require_minimum_version 1.5.0
load papers_setup

setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_SCRYPT_LOG_N=10
	export AIDANT_NOW=2026-11-23T10:00:00+01:00 LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
	cd "$BATS_TEST_TMPDIR"
	printf 'correct horse\n' > pw
}

# The code printed by init, without its dashes.
printed_code() {
	grep -E '^   [A-Z]{4}-' "$1" | tr -d ' -'
}

@test "init --recovery-sheet writes a sheet holding the printed code, readable only by its owner" {
	run aidant-vault init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet sheet.html
	[ "$status" -eq 0 ]
	echo "$output" > init.out
	code=$(printed_code init.out)
	[ ${#code} -eq 24 ]
	[ "$(stat -c %a sheet.html)" = 600 ]
	[[ "$output" == *"feuille de secours écrite dans sheet.html : imprimez-la, puis supprimez le fichier"* ]]
	g=$(echo "$code" | sed 's/..../& /g')
	set -- $g
	grep -qF "<span>$1</span> <span>$2</span> <span>$3</span> <br><span>$4</span>" sheet.html
	grep -qF "Nadia Benali" sheet.html
	grep -qF "$AIDANT_HOME/vault" sheet.html
	run grep -c '<script' sheet.html
	[ "$output" = 0 ]
}

@test "the sheet prints on one A4 page with the code in groups and what to do with it" {
	papers_need_pdf
	aidant-vault init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet sheet.html > init.out
	code=$(printed_code init.out)
	papers_pdf sheet.html
	[ "$(papers_pages sheet.pdf)" = 1 ]
	papers_a4 sheet.pdf
	text=$(papers_text sheet.pdf)
	[[ "$text" == *"Feuille de secours de votre coffre-fort numérique"* ]]
	[[ "$text" == *"Faite le 23 novembre 2026"* ]]
	[[ "$text" == *"Coffre de Nadia Benali"* ]]
	[[ "$text" == *"$(echo "$code" | sed 's/..../& /g; s/ $//' | cut -d' ' -f1-3)"* ]]
	[[ "$text" == *"Ce code ouvre votre coffre si vous oubliez votre phrase de passe."* ]]
	[[ "$text" == *"Chez vous, avec vos papiers importants."* ]]
	[[ "$text" == *"Si vous perdez cette feuille"* ]]
	[[ "$text" == *"Votre coffre s’ouvre toujours avec votre phrase de passe."* ]]
	papers_png sheet.pdf recovery-sheet
}

@test "the code read back from the printed page opens the vault, once" {
	papers_need_pdf
	aidant-vault init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet sheet.html > /dev/null
	papers_pdf sheet.html
	# the groups as pdftotext reads them off the page, typed back as the sheet says
	read_back=$(pdftotext -layout sheet.pdf - | grep -E '^ *[A-Z]{4}( +[A-Z]{4})+ *$' | tr '\n' ' ')
	[ "$(echo "$read_back" | tr -d ' ' | wc -c)" -eq 25 ]
	printf '%s\n' "$read_back" > rec
	printf 'new horse\n' > new
	run aidant-vault recover --recovery-code-file rec --new-passphrase-file new --recovery-sheet new.html
	[ "$status" -eq 0 ]
	[ -s new.html ]
	run ! cmp -s sheet.html new.html
	aidant-vault list --passphrase-file new
	run aidant-vault recover --recovery-code-file rec --new-passphrase-file new
	[ "$status" -eq 77 ]
}

@test "init --recovery-sheet - prints the text sheet instead of the bare code" {
	run aidant-vault -q init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet -
	[ "$status" -eq 0 ]
	[[ "$output" == *"Feuille de secours de votre coffre-fort numérique"* ]]
	[[ "$output" != *"Code de secours (recopiez-le"* ]]
	echo "$output" | grep -Eq '^    [A-HJ-NP-Z]{4}(  [A-HJ-NP-Z]{4}){5}$'
	[ ! -e ./- ]
	[ "$(echo "$output" | wc -L)" -le 72 ]
}

@test "a sheet that cannot be written leaves no vault half-made and says why" {
	run aidant-vault init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet nowhere/sheet.html
	[ "$status" -eq 73 ]
	[[ "$output" == *"nowhere/sheet.html"* ]]
	[ ! -e home/vault/vault.json ]
	run aidant-vault init --owner "Nadia Benali" --passphrase-file pw --recovery-sheet sheet.html
	[ "$status" -eq 0 ]
	aidant-vault list --passphrase-file pw
}
