# Shared set-up of the aidant-stats command tests: a fresh home, a fixed clock, the C
# locale, and the real reports of ../shared/data/stats.

stats_setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	export LANG=C LC_ALL=C
	data="${AIDANT_DATA:-}/stats"
	db="$AIDANT_HOME/stats.db"
}

need_data() {
	[ -d "$data" ] || skip "shared data absent: $data"
}

# stats_init: a store ready to use.
stats_init() {
	aidant-stats -q init
}

# cell RUBRIQUE MODALITE [report options...]: the count of one cell of the report.
cell() {
	local r=$1 m=$2
	shift 2
	aidant-stats -q report --format csv "$@" |
		awk -F, -v r="$r" -v m="$m" '$3 == r && $4 == m { print $7 }'
}
