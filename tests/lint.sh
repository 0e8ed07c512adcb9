#!/bin/sh
# Finds checks that cannot fail in the command tests: under bats' errexit a negated
# command ("! grep ...") never fails a test unless it is the test's last line, so a
# negation is written "run ! cmd", "[[ ... != ... ]]", or followed by "|| false".
# Prints each offending line and exits 1 when there is one.
root=$(cd "$(dirname "$0")/.." && pwd)
bad=$(grep -nE '^[[:space:]]*![[:space:]]' "$root"/tests/cli/*.bats | grep -vE '\|\|' )
if [ -n "$bad" ]; then
	printf '%s\n' "$bad"
	exit 1
fi
exit 0
