#!/usr/bin/env bats
# aidant-mandate --demo: a sandbox filled on first use with a fictitious library (its key's
# passphrase "demo"), helpers who accepted the charter, people and mandates, through the
# commands themselves; what it prints is marked, what it signs says DÉMONSTRATION — sans
# valeur in its trusted comment, and a demo paper proves nothing outside the demo.

bats_require_minimum_version 1.5.0
load papers_setup

setup() {
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/xdg" AIDANT_HOME="$BATS_TEST_TMPDIR/real"
	export TZ=Europe/Paris LANG=C.UTF-8 AIDANT_KDF_LIGHT=1
	unset LC_ALL LANGUAGE AIDANT_NOW AIDANT_DEMO
	SANDBOX="$XDG_DATA_HOME/aidant-demo"
}

@test "the sandbox is filled on first use, apart from the real home, and its journal holds" {
	run --separate-stderr aidant-mandate --demo --format json list
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq length)" -eq 3 ]
	[ "$(echo "$output" | jq '[.[] | .demo] | unique')" = '[
  true
]' ]
	[[ "$stderr" == *"demo: a fictitious library, three helpers, three people and their mandates"* ]]
	[ ! -e "$AIDANT_HOME" ]
	[ "$(stat -c %a "$SANDBOX/structure/structure.key")" = 600 ]
	run aidant-mandate --demo -q verify
	[ "$status" -eq 0 ]
	[[ "$output" == "the journal holds: "* ]]
	run aidant-mandate --demo -q --format table aidant list
	[[ "$output" == *"DÉMONSTRATION — sans valeur"* ]]
	[[ "$output" == *"Camille Rivière"*"accepted"* ]]
	# a second run does not fill again
	run --separate-stderr aidant-mandate --demo --format json list
	[ "$(echo "$output" | jq length)" -eq 3 ]
	[[ "$stderr" != *"demo: a fictitious"* ]]
}

@test "the demo passphrase opens the key; what it signs is marked and worth nothing outside" {
	u=$(aidant-mandate --demo -q --format json usager list | jq -r '.[0].id')
	run aidant-mandate --demo -q create --usager "$u" --aidant 2 --demarche justice --duration 31d
	[ "$status" -eq 0 ]
	m=$output
	att="$SANDBOX/mandate/attestations/$m.txt"
	run minisign -V -p "$SANDBOX/structure/structure.pub" -m "$att"
	[ "$status" -eq 0 ]
	[[ "$output" == *" structure:"*" DÉMONSTRATION — sans valeur"* ]]
	run aidant-mandate --demo -q verify --attestation "$att"
	[ "$status" -eq 0 ]
	[ "$(aidant-mandate --demo -q --format json show "$m" | jq -r 'keys_unsorted[0]')" = demo ]
	[ "$(aidant-mandate --demo -q --format table structure show | head -n 1)" = "DÉMONSTRATION — sans valeur" ]
	# outside the demo, with the demo key trusted by hand, the paper is refused
	mkdir -p "$AIDANT_HOME"
	run aidant-mandate --home "$BATS_TEST_TMPDIR/else" init --name "Mairie" --siret 21730065600018 --unencrypted
	run aidant-mandate --home "$BATS_TEST_TMPDIR/else" -q verify --pubkey "$SANDBOX/structure/structure.pub" --attestation "$att"
	[ "$status" -eq 77 ]
	[[ "$output" == *"a demonstration signature (DÉMONSTRATION — sans valeur): it proves nothing"* ]]
}

@test "every form of a demo paper says so: text, HTML, easy to read, and the QR statement" {
	aidant-mandate --demo -q list >/dev/null
	att="$SANDBOX/mandate/attestations"
	run aidant-mandate --demo -q revoke 2 --demarche travail --by usager
	[ "$status" -eq 0 ]
	rev=${output##*: }
	rev=${rev%.txt}
	for base in "$att/1" "$rev"; do
		for form in txt html easy.txt easy.html; do
			grep -q "DÉMONSTRATION — sans valeur" "$base.$form" || { echo "no mark: $base.$form"; return 1; }
			grep -q "DÉMONSTRATION — sans valeur" "$base.$form.minisig"
		done
	done
	# outside the demo the same papers carry no mark
	aidant-mandate -q init --name "Mairie" --siret 21730065600018 --unencrypted
	u=$(aidant-mandate -q usager add --given Ana --family Silva --birth 1990-01-01)
	aidant-mandate -q aidant add --name "Paul Roux"
	aidant-mandate -q aidant accept-charter 1
	m=$(aidant-mandate -q create --usager "$u" --aidant 1 --demarche social --duration 31d)
	run ! grep -l "DÉMONSTRATION" "$AIDANT_HOME/mandate/attestations/$m".*
	papers_need_pdf qr
	cp "$att/1.html" "$BATS_TEST_TMPDIR/a.html"
	papers_pdf "$BATS_TEST_TMPDIR/a.html"
	pdftoppm -png -r 200 -f 1 -l 1 "$BATS_TEST_TMPDIR/a.pdf" "$BATS_TEST_TMPDIR/qr"
	zbarimg -q --raw "$BATS_TEST_TMPDIR/qr-1.png" >"$BATS_TEST_TMPDIR/qr" 2>/dev/null
	[ "$(sed -n 2p "$BATS_TEST_TMPDIR/qr")" = "demo: DÉMONSTRATION — sans valeur" ]
	sed '/^untrusted comment: /,$d' "$BATS_TEST_TMPDIR/qr" >"$BATS_TEST_TMPDIR/qr.msg"
	sed -n '/^untrusted comment: /,$p' "$BATS_TEST_TMPDIR/qr" | sed '/^$/d' >"$BATS_TEST_TMPDIR/qr.msg.minisig"
	run minisign -V -p "$SANDBOX/structure/structure.pub" -m "$BATS_TEST_TMPDIR/qr.msg"
	[ "$status" -eq 0 ]
	[[ "$output" == *"DÉMONSTRATION — sans valeur"* ]]
}

@test "the demo scene shows an edit by sqlite3 detected, and the journal holding again" {
	command -v sqlite3 >/dev/null || skip "sqlite3 absent"
	# no PDF printing here (papers_demo.bats prints them)
	mkdir -p "$BATS_TEST_TMPDIR/bin" "$BATS_TEST_TMPDIR/scene" "$BATS_TEST_TMPDIR/papers"
	printf '#!/bin/sh\nexit 1\n' >"$BATS_TEST_TMPDIR/bin/chromium"
	chmod +x "$BATS_TEST_TMPDIR/bin/chromium"
	cd "$BATS_TEST_TMPDIR/scene"
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" AIDANT_HOME="$BATS_TEST_TMPDIR/scene" \
		AIDANT_DEMO_PAPERS="$BATS_TEST_TMPDIR/papers" sh "$AIDANT_ROOT/share/aidant/demo/20-mandate.sh"
	[ "$status" -eq 0 ] || { echo "$output" | tail -n 20; return 1; }
	[[ "$output" == *"error: the store does not hold: the helpers, people, mandates or authorisations were changed outside aidant-mandate"*"refused, nothing written: exit 65)"* ]]
	[[ "$output" == *"the journal does not hold: the helpers, people, mandates or authorisations were changed"* ]]
	[[ "$output" == *"the journal does not hold: the journal is truncated: it ends at entry 10 but a checkpoint was signed at entry 11"* ]]
	[[ "$output" == *"/ailleurs/checkpoint: valid: the journal holds entry "* ]]
	[ "${lines[${#lines[@]} - 1]}" = "$(AIDANT_HOME="$BATS_TEST_TMPDIR/scene" aidant-mandate -q verify | head -n 1)" ]
	[[ "${lines[${#lines[@]} - 1]}" == "the journal holds: "* ]]
}
