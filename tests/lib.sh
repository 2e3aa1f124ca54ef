# lib.sh - what the shell test suites share: counters, a scratch folder,
# and the ways a case passes or fails. Source it after `cd` to the root.
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

# expect NAME COMMAND...: the shell command must succeed (a grep, a diff).
expect() {
	name=$1
	shift
	if sh -c "$*" >/dev/null 2>&1; then ok; else ko "$name: $*"; fi
}

# check_in DIR NAME WANT_EXIT WANT_STDERR_LINE ARGS...: runs $bin with ARGS
# in DIR (stdout to $tmp/out, stderr to $tmp/err) and compares the exit
# code and the first line of stderr ("" = stderr must be empty).
check_in() {
	dir=$1 name=$2 want=$3 err=$4
	shift 4
	(cd "$dir" && "$bin" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	got=$(head -n 1 "$tmp/err")
	if [ "$rc" = "$want" ] && [ "$got" = "$err" ]; then
		ok
	else
		ko "$name: exit $rc (want $want)"
		echo "  stderr: $got"
		[ "$got" = "$err" ] || echo "  wanted: $err"
	fi
}
