# What the vault's command tests share (loaded with "load vault_lib"): a home and a
# vault of "Mme Exemple" in the test's folder, at the light KDF of the test builds.

# vault_env: the environment and the passphrase file pw; then a vault in home/vault.
vault_env() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home" TZ=Europe/Paris AIDANT_KDF_LIGHT=1
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	cd "$BATS_TEST_TMPDIR"
	printf 'correct horse\n' > pw
	aidant-vault init --owner "Mme Exemple" --passphrase-file pw > init.out 2>&1
	V=home/vault
}

# flip FILE OFFSET: inverts every bit of the byte at OFFSET (a negative one counts from
# the end), so that the file surely changes whatever the byte was.
flip() {
	local off=$2 b
	[ "$off" -ge 0 ] || off=$(($(stat -c %s "$1") + off))
	b=$(od -An -tu1 -j "$off" -N1 "$1" | tr -d ' ')
	[ -n "$b" ] || { echo "flip: $1 has no byte $off" >&2; return 1; }
	printf "\\$(printf %03o $((b ^ 255)))" | dd of="$1" bs=1 seek="$off" conv=notrunc 2>/dev/null
}
