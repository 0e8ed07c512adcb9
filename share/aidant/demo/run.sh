#!/bin/sh
# The aidant demonstration: runs every NN-*.sh of this folder in order, in a fresh
# temporary home, on the fictitious data of data/. BUILD names a build folder whose
# programs and catalog are used; without it, the installed programs in PATH are.
# The papers the people would take home (attestations, recovery sheet) are written to
# AIDANT_DEMO_PAPERS when set, else to papers/ in the temporary home; KEEP=1 keeps
# that home instead of removing it at the end.
set -u
demo=$(cd "$(dirname "$0")" && pwd)
AIDANT_SHARE=$(dirname "$demo")
AIDANT_HOME=$(mktemp -d "${TMPDIR:-/tmp}/aidant-demo.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$AIDANT_HOME"' EXIT INT TERM
AIDANT_DEMO_PAPERS=${AIDANT_DEMO_PAPERS:-$AIDANT_HOME/papers}
mkdir -p "$AIDANT_DEMO_PAPERS" || exit 73
AIDANT_DEMO_PAPERS=$(cd "$AIDANT_DEMO_PAPERS" && pwd)
export AIDANT_SHARE AIDANT_HOME AIDANT_DEMO_PAPERS
export TZ="${TZ:-Europe/Paris}"
if [ -n "${BUILD:-}" ]; then
	build=$(cd "$BUILD" && pwd) || exit 66
	export PATH="$build/bin:$PATH" AIDANT_LOCALEDIR="$build/locale"
fi

bold="" plain=""
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	bold=$(printf '\033[1m') plain=$(printf '\033[0m')
fi

failed=""
for script in "$demo"/[0-9][0-9]-*.sh; do
	[ -f "$script" ] || continue
	name=$(basename "$script" .sh)
	# the second line of each script says what it shows
	what=$(sed -n '2s/^# *//p' "$script")
	printf '\n%s==== %s: %s ====%s\n' "$bold" "$name" "$what" "$plain"
	if ! (cd "$AIDANT_HOME" && sh "$script"); then
		printf '%s==== %s failed ====%s\n' "$bold" "$name" "$plain"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "demo: failed:$failed" >&2
	exit 1
fi
printf '\n%sthe papers to print are in %s%s\n' "$bold" "$AIDANT_DEMO_PAPERS" "$plain"
ls "$AIDANT_DEMO_PAPERS"
if [ "${KEEP:-0}" = 1 ]; then
	printf '\n%sdemo finished; the temporary home %s is kept (KEEP=1)%s\n' "$bold" "$AIDANT_HOME" "$plain"
else
	echo "(KEEP=1 keeps the temporary home; AIDANT_DEMO_PAPERS=DIR writes the papers there)"
	printf '\n%sdemo finished; the temporary home %s is removed%s\n' "$bold" "$AIDANT_HOME" "$plain"
fi
