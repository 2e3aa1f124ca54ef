#!/bin/sh
# leakcheck.sh - valgrind memcheck over the whole corpus in every output
# format, a --fix, a configuration, the rule listings, a language-server
# session and a server session: any error or leak (definite, indirect or possible) fails.
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
pass=0 fail=0

# leak NAME ARGS...: runs the program under valgrind; exit 99 is a finding
leak() {
	name=$1
	shift
	$vg "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	if [ $? -eq 99 ]; then
		fail=$((fail + 1))
		echo "FAIL $name"
		head -n 30 "$tmp/err"
	else
		pass=$((pass + 1))
	fi
}

for f in text json sarif github checkstyle junit; do
	leak "corpus as $f" --no-config --format "$f" corpus
done
leak "corpus on one thread, verbose" --no-config --jobs 1 --verbose --show-ignored corpus
leak "corpus in Chinese" --no-config --lang zh-CN corpus
leak "configuration" --config tests/fuzz/seeds/config/full.json corpus/27-template-leftovers.txt
printf 'Dear Team,\n\nWe keep buyers moreinformed now\357\274\214thank you.\n' >"$tmp/fix.txt"
leak "fix" --no-config --fix "$tmp/fix.txt"
leak "fix to stdout" --no-config --fix - <"$tmp/fix.txt"
leak "rules listed" --list-rules
leak "rules checked" --check-rules
leak "rule explained" --explain apology
leak "bad rule file" --rules tests/data/rules-badregex corpus/01-odr-vacation.txt
$vg "$bin" lsp <tests/fuzz/seeds/lsp/session.txt >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 99 ]; then fail=$((fail + 1)); echo "FAIL language server"; head -n 30 "$tmp/err"; else pass=$((pass + 1)); fi

# a server session: every kind of request, then SIGTERM (exit 99: a leak)
python3 tests/serve_session.py $vg "$bin" >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 0 ]; then fail=$((fail + 1)); echo "FAIL server session"; head -n 30 "$tmp/err"; else pass=$((pass + 1)); fi

echo "leakcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
