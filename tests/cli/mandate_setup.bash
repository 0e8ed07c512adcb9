# Shared set-up of the aidant-mandate command tests: a fresh home, a fixed clock, a
# test-sized scrypt (AIDANT_KDF_LIGHT, a test knob) and helpers to build a structure.

mandate_setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	export AIDANT_KDF_LIGHT=1
	export LANG=C LC_ALL=C
	PASS="$BATS_TEST_TMPDIR/pass"
	echo 'correct horse' >"$PASS"
	KEYDIR="$AIDANT_HOME/mandate"
	SDIR="$AIDANT_HOME/structure"
}

# A structure, a helper (id 1) who accepted the charter and a person ($U).
mandate_world() {
	aidant-mandate -q init --name "Médiathèque Albert-Camus" --siret 21010053100017 \
		--passphrase-file "$PASS" >/dev/null
	aidant-mandate -q aidant add --name "Camille Martin" --email camille@example.org >/dev/null
	aidant-mandate -q aidant accept-charter 1 >/dev/null
	U=$(aidant-mandate -q usager add --given "Fatima" --family "Benali" --birth 1961-03-12)
}

# Creates a mandate for $U and prints its id.
mandate_new() {
	aidant-mandate -q create --usager "$U" --aidant 1 --demarche "$1" --duration "$2" \
		--passphrase-file "$PASS"
}
