#!/bin/sh
# run.sh - runs every test suite and ends with one line: "N passed, N
# failed, N skipped". A suite that needs something optional that is missing
# (Neovim, the seed article, node) says "NAME: skipped: REASON" instead of
# its counts and is counted as one skipped test, never as passed.
cd "$(dirname "$0")/.." || exit 2
# English messages for every suite but i18n, which sets its own locale
unset LANGUAGE LC_MESSAGES COLUMNS
export LC_ALL=C.UTF-8
total_pass=0 total_fail=0 total_skip=0
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT

# add SUITE: reads the suite's last line from $tmp: "SUITE: N passed, N
# failed" (", N skipped" when some of its cases were) or "SUITE: skipped:
# REASON" (the whole suite was)
add() {
	why=$(grep -E "^$1: skipped: " "$tmp" | tail -n 1)
	if [ -n "$why" ]; then
		total_skip=$((total_skip + 1))
		echo "$why"
		return
	fi
	line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?\$" "$tmp" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $1: the suite did not finish"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | sed 's/.*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/.* \([0-9]*\) failed.*/\1/')
	s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + ${s:-0}))
	echo "$line"
}

# unit tests (cmocka, TAP output); a crash counts as a failure
for t in build/test_*; do
	name=unit-$(basename "$t" | sed 's/^test_//')
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$tmp.tap" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$tmp.tap")
	f=$(grep -c '^not ok ' "$tmp.tap")
	grep -A5 '^not ok ' "$tmp.tap"
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		tail -n 5 "$tmp.tap"
		f=1
	fi
	echo "$name: $p passed, $f failed" >"$tmp"
	add "$name"
done
rm -f "$tmp.tap"

# the source's shape: stages, no include cycle, no function over 80 lines
python3 tests/structure.py >"$tmp" 2>&1; grep -v '^structure:' "$tmp"; add structure
./appeal-lint --check-rules >"$tmp" 2>&1; grep -v '^examples:' "$tmp"; add examples
build/run_cases tests/cases/*.txt >"$tmp" 2>&1; grep -v '^cases:' "$tmp"; add cases
tests/golden.sh >"$tmp" 2>&1; grep -v '^golden:' "$tmp"; add golden
python3 tests/grades.py >"$tmp" 2>&1; grep -v "^grades:" "$tmp"; add grades
tests/layouts.sh >"$tmp" 2>&1; grep -v '^layouts:' "$tmp"; add layouts
tests/cli.sh >"$tmp" 2>&1; grep -v '^cli:' "$tmp"; add cli
tests/docx.sh >"$tmp" 2>&1; grep -v '^docx:' "$tmp"; add docx
tests/formats.sh >"$tmp" 2>&1; grep -v '^formats:' "$tmp"; add formats
tests/config.sh >"$tmp" 2>&1; grep -v '^config:' "$tmp"; add config
tests/robust.sh >"$tmp" 2>&1; grep -v '^robust:' "$tmp"; add robust
python3 tests/fixprops.py >"$tmp" 2>&1; grep -v '^fixprops:' "$tmp"; add fixprops
tests/i18n.sh >"$tmp" 2>&1; grep -v "^i18n:" "$tmp"; add i18n
tests/install.sh >"$tmp" 2>&1; grep -v '^install:' "$tmp"; add install
python3 tests/lsp_test.py >"$tmp" 2>&1; grep -v '^lsp:' "$tmp"; add lsp
# the server's tests use Debian's python3 (selenium, python-docx live there)
py_deb() {
	if [ -x /usr/bin/python3 ]; then /usr/bin/python3 "$@"; else echo "$2: skipped: /usr/bin/python3 is missing"; fi
}
py_deb tests/serve_test.py serve >"$tmp" 2>&1; grep -v '^serve:' "$tmp"; add serve
py_deb tests/browser_test.py browser >"$tmp" 2>&1; grep -v '^browser:' "$tmp"; add browser
tests/nvim.sh >"$tmp" 2>&1; grep -v '^nvim:' "$tmp"; add nvim
tests/seed.sh >"$tmp" 2>&1; grep -v '^seed:' "$tmp"; add seed

echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
