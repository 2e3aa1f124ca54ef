#!/bin/sh
# layouts.sh - letters laid out as real sellers lay them out (header
# blocks, one paragraph a line, hard-wrapped e-mail, quoted notices,
# sub-headings per ASIN, "Problem:"/"Solution:" labels, numbered
# paragraphs, broken numbering, Word tabs, forum pastes, titles above the
# greeting, evidence lists, double-spaced copies): appeal-lint
# --structure must read each as tests/layouts/<name>.structure says, and
# no line may be called a list by one rule and prose by another.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
for f in tests/layouts/*.txt tests/layouts/*.md; do
	want=${f%.*}.structure
	./appeal-lint --no-config --structure "$f" >"$tmp/got" 2>&1
	if diff -u "$want" "$tmp/got" >"$tmp/diff"; then ok; else ko "layout $f"; head -20 "$tmp/diff"; fi
	./appeal-lint --no-config --format json --fail-on none "$f" >"$tmp/json"
	/usr/bin/env python3 - "$tmp/json" <<'PY' >"$tmp/clash"
import json, sys
found = json.load(open(sys.argv[1]))["files"][0]["findings"]
# list-marker-style calls lines list numbers: then no list rule may call
# the letter's lists prose
numbered = [f["line"] for f in found if f["rule"] == "list-marker-style"]
prose = [f["line"] for f in found if f["rule"] in ("actions-numbered", "causes-bulleted")
         and "prose" in f["message"]]
if numbered and prose:
    print(prose[0])
PY
	if [ -s "$tmp/clash" ]; then ko "layout $f: list numbers and prose at line $(head -1 "$tmp/clash")"; else ok; fi
done
summary layouts
