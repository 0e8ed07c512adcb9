# Shell functions the demo parts share (sourced, not run): each shows a command line as a
# user would type it, then runs it.

# step COMMAND: shows the command (a pipeline too), then runs it.
step() {
	printf '\n$ %s\n' "$1"
	eval "$1"
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
