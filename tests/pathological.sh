#!/bin/sh
# pathological.sh - generates hostile letters and prints, for each, the CPU
# time and peak memory appeal-lint needs: as a user runs it (inputs over the
# 1 MiB default limit are refused), on the input cut to 1 MiB (the most that
# is checked by default), and whole with --max-size 32M. Figures, not a
# test: `make pathological`; the budget is 2 s of CPU and 64 MiB for the
# first two columns. Then the growth of inputs that were once quadratic,
# which is checked: the harness exits 1 when one grows too fast.
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import os, random, sys
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name + ".txt"), "wb") as f:
        f.write(data)
    cut = data[:1 << 20]  # at a space or newline, so no character is split
    end = max(cut.rfind(b" "), cut.rfind(b"\n")) + 1
    cut = cut[:end] if len(data) > len(cut) and end > 0 else cut
    with open(os.path.join(d, name + ".cut"), "wb") as f:
        f.write(cut)
random.seed(7)
w("brackets-100k", b"[" * 100000)
w("parens-50k", b"(" * 50000 + b"x" + b")" * 50000)
w("newlines-1m", b"\n" * 1000000)
w("line-5mb", b"Dear Team, " + b"we shipped late and we are sorry " * 160000 + b"\n")
w("line-10mb-a", b"a" * (10 * 1024 * 1024) + b"\n")
w("items-200k", b"Root causes:\n" + b"".join(b"- cause number %d was late\n" % i for i in range(200000)))
w("x-16mib", b"X" * (16 * 1024 * 1024 - 1024))
w("cjk-ascii", ("\u5ba2\u6237 buyer " * 200000).encode())
w("misspelt-20k", b"Dear Team,\n\n" + b" ".join(
    bytes(random.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(random.randint(4, 9)))
    for _ in range(20000)) + b".\n")
PY

# measure FILE ARGS...: "cpu_s peak_MiB exit"
measure() {
	f=$1
	shift
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$bin" --no-config -q --fail-on none "$@" "$f" >/dev/null 2>&1
	rc=$?
	set -- $(tail -n 1 "$tmp/time")
	echo "$1 $2 $3 $rc" | awk '{ printf "%5.2f %6.1f %2s", $1 + $2, $3 / 1024, $4 }'
}
# best FILE ARGS...: the least CPU time of three runs, in seconds. A shared
# machine can slow one run by half again; the least of three is what the
# code costs, so the growth check fails on growth, not on a busy neighbour.
best() {
	for i in 1 2 3; do measure "$@" | awk '{ print $1 }'; done | sort -n | head -n 1
}
# grows A B: "OVER" when B, the time for 2.56 times the input, is more
# than linear growth allows (quadratic growth gives 6.5 times)
grows() { echo "$1 $2" | awk '{ print ($2 > 3.5 * $1 + 0.1 || $2 > 2) ? "OVER" : "" }'; }
over() { echo "$1" | awk '{ print ($1 > 2 || $2 > 64) ? " OVER" : "" }'; }

printf '%-14s %9s | %-20s | %-20s | %s\n' "" "" "as run (limit 1 MiB)" "cut to 1 MiB" "whole, --max-size 32M"
printf '%-14s %9s | %5s %6s %4s   | %5s %6s %4s   | %5s %6s %4s\n' input bytes cpu_s MiB exit cpu_s MiB exit cpu_s MiB exit
for f in "$tmp"/*.txt; do
	name=$(basename "$f" .txt)
	a=$(measure "$f")
	c=$(measure "$tmp/$name.cut")
	w=$(measure "$f" --max-size 32M)
	printf '%-14s %9s | %s%-5s | %s%-5s | %s\n' "$name" "$(wc -c <"$f")" "$a" "$(over "$a")" "$c" "$(over "$c")" "$w"
done

# Growth: each input below at 100 KB and at 256 KiB (with a custom rule:
# we-z \bwe\b[\s\S]*zzz, space-z \s[\s\S]*zzz). Matching is linear, so
# the larger may take about 2.6 times the smaller (a square would be 6.6
# times); past 3.5 times plus 0.1 s, or past 2 s, is a regression (issue
# 20: "TBD " repeated took 2.6 s at 50 KB, 88 s at 256 KiB) and the
# harness exits 1. Each size is timed three times and the least counts.
mkdir -p "$tmp/pack"
python3 - "$tmp" <<'PY'
import json, os, sys
d = sys.argv[1]
rule = {"id": "greedy", "kind": "forbid", "severity": "warning", "scope": "text", "summary": "S.",
        "message": "M.", "suggestion": "S.", "explain": "E.", "sources": ["test"],
        "patterns": ["\\bwe\\b[\\s\\S]*zzz"], "examples": {"bad": ["we zzz"], "good": ["y"]}}
with open(os.path.join(d, "pack", "pack.json"), "w") as f:
    json.dump([rule], f)
os.makedirs(os.path.join(d, "pack2"))
with open(os.path.join(d, "pack2", "pack.json"), "w") as f:  # no heads: searched from every start
    json.dump([dict(rule, patterns=["\\s[\\s\\S]*zzz"], examples={"bad": [" zzz"], "good": ["y"]})], f)
for name, unit in [("tbd", "TBD "), ("xx-slash", "XX/"), ("underscores", "___ "),
                   ("comma-a", ",a"), ("name-field", "[Name] "), ("we-z", "we z "), ("space-z", "we z ")]:
    for size, tag in [(100000, "100k"), (256 * 1024, "256k")]:
        with open(os.path.join(d, "%s-%s.grow" % (name, tag)), "w") as f:
            f.write((unit * (size // len(unit) + 1))[:size])
# concept patterns, negation scopes and 'unless' over one long sentence or
# many short ones, above 256 KiB too (where regexes are searched without
# the word index): "nightmare " repeated took 59 s at 1 MB before each
# kind of search kept its place and 'unless' matches were kept per sentence
for name, unit in [("drama", "nightmare "), ("drama-unless", "nightmare recovery "),
                   ("regret-unless", "we regret that our account was suspended "),
                   ("blame", "the buyer lied and "), ("negation", "we did not "), ("sentences", "sorry. ")]:
    for size, tag in [(300000, "300k"), (768 * 1024, "768k")]:
        with open(os.path.join(d, "%s-%s.big" % (name, tag)), "w") as f:
            f.write("Dear Team,\n\n" + (unit * (size // len(unit) + 1))[:size])
PY
bad=0
printf '\n%-14s | %7s %7s %6s\n' growth 100k_s 256k_s ratio
for f in "$tmp"/*-100k.grow; do
	name=$(basename "$f" -100k.grow)
	set --
	[ "$name" = we-z ] && set -- --rules "$tmp/pack"
	[ "$name" = space-z ] && set -- --rules "$tmp/pack2"
	a=$(best "$f" "$@")
	b=$(best "$tmp/$name-256k.grow" "$@")
	verdict=$(grows "$a" "$b")
	# measured again before it counts: a busy neighbour on a shared
	# machine slowed all three runs of one input in CI once (0.66 s to
	# 0.99 s); growth in the code is there the second time too
	if [ -n "$verdict" ]; then
		a=$(best "$f" "$@")
		b=$(best "$tmp/$name-256k.grow" "$@")
		verdict=$(grows "$a" "$b")
	fi
	[ -n "$verdict" ] && bad=1
	echo "$a $b" | awk -v n="$name" -v v="$verdict" \
		'{ r = ($1 > 0) ? $2 / $1 : 0; printf "%-14s | %7.2f %7.2f %6.1f %s\n", n, $1, $2, r, v }'
done
printf '%-14s | %7s %7s %6s\n' growth 300k_s 768k_s ratio
for f in "$tmp"/*-300k.big; do
	name=$(basename "$f" -300k.big)
	a=$(best "$f" --max-size 1M)
	b=$(best "$tmp/$name-768k.big" --max-size 1M)
	verdict=$(grows "$a" "$b")
	if [ -n "$verdict" ]; then  # again, as above
		a=$(best "$f" --max-size 1M)
		b=$(best "$tmp/$name-768k.big" --max-size 1M)
		verdict=$(grows "$a" "$b")
	fi
	[ -n "$verdict" ] && bad=1
	echo "$a $b" | awk -v n="$name" -v v="$verdict" \
		'{ r = ($1 > 0) ? $2 / $1 : 0; printf "%-14s | %7.2f %7.2f %6.1f %s\n", n, $1, $2, r, v }'
done
exit $bad
