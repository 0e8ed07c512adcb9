#!/bin/sh
# make bench: runs every tests/bench/bench-*.sh against the programs of a build folder
# and stops with status 1 when one of them fails. Usage: run.sh BUILD
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$(pwd)/$build" ;; esac
[ -d "$build/bin" ] || { echo "bench: no programs in $build/bin (run make first)" >&2; exit 66; }
failed=""
for b in "$here"/bench-*.sh; do
	[ -f "$b" ] || continue
	name=$(basename "$b" .sh)
	printf '\n==== %s ====\n' "$name"
	sh "$b" "$build" || failed="$failed $name"
done
if [ -n "$failed" ]; then
	echo "bench: failed:$failed" >&2
	exit 1
fi
