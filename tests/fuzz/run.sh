#!/bin/sh
# run.sh SECONDS HARNESS... - replays the inputs that once failed
# (tests/fuzz/regress/HARNESS/), then fuzzes each harness for SECONDS from
# its kept seeds (tests/fuzz/seeds/HARNESS/, written by mkseeds.py, and the
# folders below) with its dictionary (tests/fuzz/HARNESS.dict). What a run
# finds stays in build/fuzz/corpus-HARNESS/ for the next run. Prints a line
# per harness; exits 1 on any crash, leak, hang or (fuzz_diff) difference.
cd "$(dirname "$0")/../.." || exit 2
secs=$1
shift
fail=0

seeds() {
	echo "tests/fuzz/seeds/$1"
	case $1 in
	lint | diff) echo corpus tests/heldout ;;
	rules) echo rules tests/data/rules-override ;;
	esac
}

printf '%-7s %8s %10s %8s %8s  %s\n' harness seconds execs exec/s corpus result
for h in "$@"; do
	bin=build/fuzz/fuzz_$h
	work=build/fuzz/corpus-$h
	log=build/fuzz/$h.log
	mkdir -p "$work"
	reg=tests/fuzz/regress/$h
	# the kept inputs include the slowest ever found (3,000 misspelt words,
	# about 10 s under ASan on a loaded machine): they get 30 s each
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ] && ! "$bin" -timeout=30 "$reg"/* >"$log" 2>&1; then
		echo "$h: a kept regression input fails again:"
		tail -n 20 "$log"
		fail=1
		continue
	fi
	dirs=
	for s in $(seeds "$h"); do
		[ -d "$s" ] && dirs="$dirs $s"
	done
	# -timeout: an input that takes 10 s is a hang; ASan reports leaks at exit
	dict=
	[ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 $dict \
		-print_final_stats=1 -artifact_prefix="build/fuzz/$h-" "$work" $dirs >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	n=$(ls "$work" | wc -l)
	if [ $rc -eq 0 ]; then
		result=ok
	else
		result="FAILED (exit $rc): see $log and build/fuzz/$h-*"
		fail=1
		grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log"
	fi
	printf '%-7s %8s %10s %8s %8s  %s\n' "$h" "${took:-?}" "${execs:-?}" "${rate:-?}" "$n" "$result"
done
exit $fail
