# Shell functions the demo parts share (sourced, not run): each shows a command line as a
# user would type it, then runs it.

# step COMMAND: shows the command (a pipeline too), then runs it.
step() {
	printf '\n$ %s\n' "$1"
	eval "$1"
}

# paper FILE NAME: copies a printable paper (HTML, with its .minisig) to the papers folder
# of the demo as NAME, and prints it to NAME.pdf when Chromium is installed.
paper() {
	cp "$1" "$AIDANT_DEMO_PAPERS/$2"
	[ ! -e "$1.minisig" ] || cp "$1.minisig" "$AIDANT_DEMO_PAPERS/$2.minisig"
	if command -v chromium >/dev/null 2>&1; then
		profile=$(mktemp -d "${TMPDIR:-/tmp}/aidant-chromium.XXXXXX")
		timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--no-pdf-header-footer --user-data-dir="$profile" \
			--print-to-pdf="$AIDANT_DEMO_PAPERS/${2%.html}.pdf" "$AIDANT_DEMO_PAPERS/$2" >/dev/null 2>&1 || true
		rm -rf "$profile"
	fi
	echo "(paper to print: $AIDANT_DEMO_PAPERS/$2)"
}

# step_fails COMMAND: a step that is expected to fail; shows its exit status instead of stopping.
step_fails() {
	status=0
	printf '\n$ %s\n' "$1"
	eval "$1" || status=$?
	if [ "$status" -eq 0 ]; then
		echo "(unexpected success)" >&2
		return 1
	fi
	echo "(exit status $status, as expected)"
}
