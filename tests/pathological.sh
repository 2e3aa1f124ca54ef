#!/bin/sh
# pathological.sh - generates hostile letters and prints, for each, the CPU
# time and peak memory appeal-lint needs to check it. Figures, not a test:
# `make pathological` runs it; the budget is 2 s of CPU and 64 MiB each.
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3

$py - "$tmp" <<'PY'
import sys, os
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
w("brackets-100k.txt", b"[" * 100000)
w("line-5mb.txt", b"Dear Team, " + b"we shipped late and we are sorry " * 160000 + b"\n")
w("items-200k.txt", b"Root causes:\n" + b"".join(b"- cause number %d was late\n" % i for i in range(200000)))
w("parens-50k.txt", b"(" * 50000 + b"x" + b")" * 50000)
w("x-16mib.txt", b"X" * (16 * 1024 * 1024 - 1024))
w("newlines-1m.txt", b"\n" * 1000000)
w("cjk-ascii.txt", ("\u5ba2\u6237 buyer " * 200000).encode())
PY

printf '%-20s %10s %10s %6s  %s\n' input bytes cpu_s peak_MiB findings
for f in "$tmp"/*.txt; do
	size=$(wc -c <"$f")
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$bin" --no-config --max-size 32M -q --fail-on none "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -- $(cat "$tmp/time")
	cpu=$(echo "$1 $2" | awk '{ printf "%.2f", $1 + $2 }')
	mib=$(echo "$3" | awk '{ printf "%.1f", $1 / 1024 }')
	n=$(grep -c '\[' "$tmp/out")
	flag=$(echo "$cpu $mib" | awk '{ print ($1 > 2 || $2 > 64) ? "  OVER BUDGET" : "" }')
	printf '%-20s %10s %10s %6s  %s (exit %s)%s\n' "$(basename "$f")" "$size" "$cpu" "$mib" "$n" "$rc" "$flag"
done
