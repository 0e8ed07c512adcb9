#!/usr/bin/env bats
# aidant-mandate aidant and usager: helpers, the charter, people, right of access and erasure.

bats_require_minimum_version 1.5.0

load mandate_setup

setup() {
	mandate_setup
	mandate_world
}

@test "aidant add, list and show; the charter status follows the charter's hash" {
	run aidant-mandate -q aidant add --name "Louis Garnier"
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	run aidant-mandate -q --format csv aidant list
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "id,name,email,active,charter" ]
	[ "${lines[1]}" = "1,Camille Martin,camille@example.org,true,accepted" ]
	[ "${lines[2]}" = "2,Louis Garnier,,true,not accepted" ]
	run aidant-mandate -q aidant show 1
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .charter)" = accepted ]
	# a new version of the charter must be accepted again
	mkdir -p "$BATS_TEST_TMPDIR/share"
	cp -r "$AIDANT_SHARE"/. "$BATS_TEST_TMPDIR/share/"
	echo "Nouvel article." >>"$BATS_TEST_TMPDIR/share/charte.md"
	AIDANT_SHARE="$BATS_TEST_TMPDIR/share" run aidant-mandate -q aidant show 1
	[ "$(echo "$output" | jq -r .charter)" = outdated ]
}

@test "accept-charter records the charter's hash in the journal" {
	hash=$(b2sum -l 256 "$AIDANT_SHARE/charte.md" | cut -d' ' -f1)
	run aidant-mandate -q journal --format ndjson
	echo "$output" | grep '"action":"accept_charter"' | grep -q "\"charter\":\"$hash\""
}

@test "helpers unknown (66) or disabled (77) are refused" {
	run aidant-mandate aidant show 9
	[ "$status" -eq 66 ]
	[[ "$output" == *"error: unknown helper '9'"* ]]
	run aidant-mandate aidant accept-charter abc
	[ "$status" -eq 66 ]
	run aidant-mandate -q aidant disable 1
	[ "$status" -eq 0 ]
	[ "$output" = "helper 1 (Camille Martin) disabled" ]
	run aidant-mandate aidant accept-charter 1
	[ "$status" -eq 77 ]
	run aidant-mandate aidant frobnicate
	[ "$status" -eq 64 ]
	run aidant-mandate aidant add
	[ "$status" -eq 64 ]
}

@test "usager add keeps names apart: the journal only holds the pseudonym" {
	[[ "$U" =~ ^u-[0-9a-f]{10}$ ]]
	run aidant-mandate -q usager show "$U"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .family)" = Benali ]
	[ "$(echo "$output" | jq -r .birth)" = 1961-03-12 ]
	run aidant-mandate -q journal --format ndjson
	[[ "$output" == *"\"usager\":\"$U\""* ]]
	[[ "$output" != *Benali* ]]
	[[ "$output" != *Fatima* ]]
}

@test "usager add refuses bad dates (64), future births (65) and bad e-mails (64)" {
	run aidant-mandate usager add --given A --family B --birth 31/02/1990
	[ "$status" -eq 64 ]
	run aidant-mandate usager add --given A --family B --birth 2030-01-01
	[ "$status" -eq 65 ]
	[[ "$output" == *"is in the future"* ]]
	run aidant-mandate usager add --given A --family B --birth 1990-01-01 --email nope
	[ "$status" -eq 64 ]
	run aidant-mandate usager add --given A --birth 1990-01-01
	[ "$status" -eq 64 ]
	run aidant-mandate usager show u-0000000000
	[ "$status" -eq 66 ]
	[[ "$output" == *"error: unknown person 'u-0000000000'"* ]]
}

@test "usager export gives everything held about the person, and is journaled" {
	M=$(mandate_new social 31d)
	run aidant-mandate -q usager export "$U"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .usager.given)" = Fatima ]
	[ "$(echo "$output" | jq -r '.mandats[0].id')" = "$M" ]
	[ "$(echo "$output" | jq -r '.mandats[0].autorisations[0].demarche')" = social ]
	[ "$(echo "$output" | jq -r '.journal[-1].action')" = export_usager ]
}

@test "usager forget erases the personal data and the journal still verifies" {
	M=$(mandate_new social 1d)
	run aidant-mandate usager forget "$U"
	[ "$status" -eq 65 ]
	[[ "$output" == *"still has mandates in force"* ]]
	export AIDANT_NOW=2026-11-25T10:00:00+01:00
	run aidant-mandate -q usager forget "$U"
	[ "$status" -eq 0 ]
	run aidant-mandate -q usager show "$U"
	[ "$(echo "$output" | jq -r .family)" = null ]
	[ "$(echo "$output" | jq -r .forgotten)" != null ]
	run ! grep -q Benali "$AIDANT_HOME"/mandate.db*
	run ! grep -rq Benali "$KEYDIR"
	[ -e "$KEYDIR/attestations/$M.txt.minisig" ]
	run aidant-mandate -q verify
	[ "$status" -eq 0 ]
	run aidant-mandate attestation "$M"
	[ "$status" -eq 66 ]
	run aidant-mandate -q usager forget "$U"
	[ "$status" -eq 0 ]
	[ "$output" = "the personal data of $U was erased" ]
	run aidant-mandate create --usager "$U" --aidant 1 --demarche social --duration 1d --passphrase-file "$PASS"
	[ "$status" -eq 65 ]
}
