#!/bin/sh
# The aidant demonstration: runs every NN-*.sh of this folder in order, in a fresh
# temporary home, on the fictitious data of data/. BUILD names a build folder whose
# programs and catalog are used; without it, the installed programs in PATH are.
set -u
demo=$(cd "$(dirname "$0")" && pwd)
AIDANT_SHARE=$(dirname "$demo")
AIDANT_HOME=$(mktemp -d "${TMPDIR:-/tmp}/aidant-demo.XXXXXX")
trap 'rm -rf "$AIDANT_HOME"' EXIT INT TERM
export AIDANT_SHARE AIDANT_HOME
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
printf '\n%sdemo finished; the temporary home %s is removed%s\n' "$bold" "$AIDANT_HOME" "$plain"
