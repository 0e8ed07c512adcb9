# Shared by the papers_*.bats tests: the printed papers as a person gets them, rendered
# to PDF by headless Chromium and read back with poppler (pdfinfo, pdftotext, pdftoppm)
# and zbar (zbarimg). A test that needs them skips visibly when they are absent.

# Skips the test unless chromium, poppler-utils (and zbar-tools with "qr") are here.
papers_need_pdf() {
	command -v chromium >/dev/null || skip "chromium is not installed (Debian package chromium)"
	command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null ||
		skip "pdfinfo and pdftotext are not installed (Debian package poppler-utils)"
	if [ "${1:-}" = qr ]; then
		command -v zbarimg >/dev/null || skip "zbarimg is not installed (Debian package zbar-tools)"
	fi
}

# papers_pdf FILE.html: prints FILE.pdf as Chromium prints it on A4, with no header or
# footer of its own, in a fresh profile, without any network.
papers_pdf() {
	local html=$1 pdf=${1%.html}.pdf profile
	profile=$(mktemp -d "$BATS_TEST_TMPDIR/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-pdf-header-footer --user-data-dir="$profile" --print-to-pdf="$pdf" \
		"file://$(realpath "$html")" >/dev/null 2>&1
	rm -rf "$profile"
	[ -s "$pdf" ]
}

# papers_pages FILE.pdf: the page count; papers_a4 FILE.pdf: true when every page is A4.
papers_pages() {
	pdfinfo "$1" | sed -n 's/^Pages: *//p'
}
papers_a4() {
	pdfinfo "$1" | grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)'
}

# papers_text FILE.pdf: the text of the PDF on one line, runs of blanks made one space,
# so a test can look for a sentence whatever the line breaks.
papers_text() {
	pdftotext -layout "$1" - | tr -s ' \n\t\f' ' '
}

# papers_flow FILE.pdf: the same in reading order (column after column), for the texts
# of a list laid out in columns.
papers_flow() {
	pdftotext "$1" - | tr -s ' \n\t\f' ' '
}

# papers_png FILE.pdf: FILE-1.png, ... at 100 dpi; with PAPERS_PNG_DIR set, copies them
# there too under the name given as $2 (a picture of each paper for the reader).
papers_png() {
	local base=${1%.pdf}
	pdftoppm -png -r "${3:-100}" "$1" "$base"
	if [ -n "${PAPERS_PNG_DIR:-}" ] && [ -n "${2:-}" ]; then
		mkdir -p "$PAPERS_PNG_DIR"
		for f in "$base"-[0-9]*.png; do
			cp "$f" "$PAPERS_PNG_DIR/$2${f#"$base"}"
		done
	fi
}
