#!/bin/sh
# nvim.sh - a real editor: headless Neovim's built-in LSP client gets the
# same findings from appeal-lint --lsp as the command line reports.
# Prints "nvim: N passed, N failed", or "nvim: skipped: REASON" without
# Neovim (which the README's install line does not bring; CI installs it).
cd "$(dirname "$0")/.." || exit 2
if ! command -v nvim >/dev/null; then
	echo "nvim: skipped: Neovim is not installed (apt-get install neovim)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for letter in corpus/01-odr-vacation.txt corpus/41-otdr-nightmare-fullwidth-parens.txt; do
	APPEAL_LINT_NVIM_OUT=$tmp/got APPEAL_LINT_BIN=$(pwd)/appeal-lint APPEAL_LINT_LETTER=$letter \
		timeout 30 nvim --headless --clean -u NONE -l tests/nvim_lsp.lua >/dev/null 2>&1 ||
		APPEAL_LINT_NVIM_OUT=$tmp/got APPEAL_LINT_BIN=$(pwd)/appeal-lint APPEAL_LINT_LETTER=$letter \
			timeout 30 nvim --headless --clean -u NONE -c "luafile tests/nvim_lsp.lua" >/dev/null 2>&1
	# Neovim counts columns in bytes: take them from the JSON byte offsets
	./appeal-lint --no-config --format json --fail-on none "$letter" |
		/usr/bin/python3 -c 'import json,sys
sev={"error":1,"warning":2,"info":3}
raw=open(sys.argv[1],"rb").read()
for f in json.load(sys.stdin)["files"][0]["findings"]:
    col=f["offset"]-raw.rfind(b"\n",0,f["offset"])
    print(f["rule"], f["line"], col, sev[f["severity"]])' "$letter" | sort >"$tmp/want"
	sort "$tmp/got" >"$tmp/got.sorted" 2>/dev/null
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got.sorted"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL nvim diagnostics for $letter"
		diff "$tmp/want" "$tmp/got.sorted" | head -10
	fi
done
echo "nvim: $pass passed, $fail failed"
[ $fail -eq 0 ]
