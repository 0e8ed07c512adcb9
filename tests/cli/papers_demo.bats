#!/usr/bin/env bats
# The demo prints the papers of its people (attestations, revocation, recovery sheet) and
# says where they are: in a folder the user names, or kept with the home with KEEP=1.

@test "the demo writes the papers to AIDANT_DEMO_PAPERS and says so; KEEP=1 keeps its home" {
	papers="$BATS_TEST_TMPDIR/papiers"
	run env BUILD="$AIDANT_BUILD" TMPDIR="$BATS_TEST_TMPDIR" NO_COLOR=1 KEEP=1 \
		AIDANT_DEMO_PAPERS="$papers" sh "$AIDANT_ROOT/share/aidant/demo/run.sh"
	[ "$status" -eq 0 ] || { echo "$output" | tail -n 20; return 1; }
	[[ "$output" == *"the papers to print are in $papers"* ]]
	for f in attestation-mandat attestation-mandat-facile attestation-revocation \
		attestation-revocation-facile feuille-de-secours; do
		[ -s "$papers/$f.html" ] || { echo "no $f.html"; return 1; }
		[[ "$output" == *"(paper to print: $papers/$f.html)"* ]]
	done
	minisign -V -q -p "$(ls -d "$BATS_TEST_TMPDIR"/aidant-demo.*)/structure/structure.pub" \
		-m "$papers/attestation-mandat.html"
	grep -q "Lambert" "$papers/attestation-mandat.html"
	[[ "${lines[${#lines[@]} - 1]}" == "demo finished; the temporary home "*" is kept (KEEP=1)" ]]
	home=$(ls -d "$BATS_TEST_TMPDIR"/aidant-demo.*)
	[ -d "$home/mandate" ]
	if command -v chromium >/dev/null; then
		[ "$(pdfinfo "$papers/attestation-mandat.pdf" | sed -n 's/^Pages: *//p')" = 1 ]
	fi
	rm -rf "$home"
}
