# lib.sh - what the shell test suites share: counters, a scratch folder,
# and the ways a case passes, fails or is skipped. Source it after `cd` to
# the root; end a suite with `summary NAME`.
pass=0 fail=0 skipped=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
# skip REASON: a case that needs something optional that is missing; it is
# counted apart, so a missing tool never passes for a test that ran
skip() { skipped=$((skipped + 1)); echo "skipped: $*"; }

# summary NAME: the suite's last line, which tests/run.sh reads, and its
# exit status
summary() {
	if [ "$skipped" -gt 0 ]; then
		echo "$1: $pass passed, $fail failed, $skipped skipped"
	else
		echo "$1: $pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
}

# expect NAME COMMAND...: the shell command must succeed (a grep, a diff).
expect() {
	name=$1
	shift
	if sh -c "$*" >/dev/null 2>&1; then ok; else ko "$name: $*"; fi
}

# judged NAME WANT_EXIT WANT_STDERR_LINE RC: compares the exit code RC and
# the first line of $tmp/err ("" = stderr must be empty).
judged() {
	got=$(head -n 1 "$tmp/err")
	if [ "$4" = "$2" ] && [ "$got" = "$3" ]; then
		ok
	else
		ko "$1: exit $4 (want $2)"
		echo "  stderr: $got"
		[ "$got" = "$3" ] || echo "  wanted: $3"
	fi
}

# check_in DIR NAME WANT_EXIT WANT_STDERR_LINE ARGS...: runs $bin with ARGS
# in DIR (stdout to $tmp/out, stderr to $tmp/err) and judges the exit code
# and the first line of stderr.
check_in() {
	dir=$1 name=$2 want=$3 err=$4
	shift 4
	(cd "$dir" && "$bin" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
	judged "$name" "$want" "$err" $?
}

# run_sh NAME WANT_EXIT WANT_STDERR_LINE COMMAND: the same for a shell
# command line (redirections, pipes, environment).
run_sh() {
	sh -c "$4" >"$tmp/out" 2>"$tmp/err"
	judged "$1" "$2" "$3" $?
}
