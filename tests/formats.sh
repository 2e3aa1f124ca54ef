#!/bin/sh
# formats.sh - every output format on the same inputs, against the expected
# output in tests/formats/ (--update rewrites them); SARIF and JSON output
# of the whole corpus against their schemas; XML well-formed; --jobs gives
# the same bytes as one thread. Prints "formats: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
update=0
[ "$1" = "--update" ] && update=1
. tests/lib.sh
py=/usr/bin/python3
inputs="corpus/01-odr-vacation.txt corpus/41-otdr-nightmare-fullwidth-parens.txt corpus/47-odr-malicious-buyer-urgent.txt tests/data/latin1.txt tests/data/nope.txt"


for fmt in text json sarif github checkstyle junit; do
	# shellcheck disable=SC2086
	"$bin" --no-config --format "$fmt" --jobs 1 $inputs >"$tmp/out" 2>/dev/null
	if [ $update = 1 ]; then
		cp "$tmp/out" "tests/formats/expected.$fmt"
		continue
	fi
	if diff -u "tests/formats/expected.$fmt" "$tmp/out" >"$tmp/diff"; then ok; else
		ko "format $fmt differs from tests/formats/expected.$fmt"
		head -30 "$tmp/diff"
	fi
done
[ $update = 1 ] && { echo "updated tests/formats/"; exit 0; }

# schemas: SARIF 2.1.0 and our own JSON, over every corpus letter
if [ -x $py ] && $py -c 'import jsonschema' 2>/dev/null; then
	# the schema is checked in (its source and licence: the .NOTICE beside it)
	sarif_schema=tests/formats/sarif-schema-2.1.0.json
	"$bin" --no-config --format sarif --fail-on none corpus >"$tmp/all.sarif"
	if $py tests/validate.py "$sarif_schema" "$tmp/all.sarif"; then ok; else ko "SARIF of the corpus does not validate"; fi
	# shellcheck disable=SC2086
	"$bin" --no-config --format sarif --fail-on none --show-ignored $inputs >"$tmp/some.sarif" 2>/dev/null
	if $py tests/validate.py "$sarif_schema" "$tmp/some.sarif"; then ok; else ko "SARIF with an unreadable file does not validate"; fi
	for f in corpus/*.txt corpus/*.md; do
		"$bin" --no-config --format json --fail-on none "$f" >"$tmp/$(basename "$f").json"
	done
	if $py tests/validate.py docs/output.schema.json "$tmp"/*.json; then ok; else ko "JSON output does not match docs/output.schema.json"; fi
	# what code scanning shows beside a finding: where to learn about the
	# tool and each rule, the rule's help, and every fix the JSON reports
	if $py -c 'import glob, json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
d = run["tool"]["driver"]
assert d["informationUri"].startswith(("file:///", "https://"))
for r in d["rules"]:
    assert r["helpUri"] == d["informationUri"] + "#" + r["id"] and r["help"]["text"] and r["help"]["markdown"]
want = sum(f["fix"] is not None for p in glob.glob("corpus/expected/*.json") for f in json.load(open(p))["files"][0]["findings"])
assert sum("fixes" in x for x in run["results"]) == want > 0' "$tmp/all.sarif"; then ok; else ko "SARIF: informationUri, each rule's helpUri and help, the fixes"; fi
	n=$($py -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$tmp/all.sarif")
	want=$(cat corpus/expected/*.json | grep -c '"rule":')
	if [ "$n" = "$want" ]; then ok; else ko "SARIF holds $n results, the corpus has $want findings"; fi
else
	ko "python3-jsonschema is not installed: the schemas were not checked"
fi

# The SARIF Multitool (npm @microsoft/sarif-multitool, which .ci/run
# installs and names in SARIF_MULTITOOL) validates what GitHub code
# scanning reads: zero errors and zero warnings, on the corpus, unreadable
# inputs, ignored findings, Chinese messages and fixes from standard input
mt=${SARIF_MULTITOOL:-$(command -v sarif-multitool)}
if [ -z "$mt" ] && ! command -v node >/dev/null; then
	skip "SARIF Multitool: node is not installed (.ci/run installs node, npm and the Multitool)"
elif [ -z "$mt" ]; then
	skip "SARIF Multitool: not installed (npm install -g @microsoft/sarif-multitool)"
else
	mkdir "$tmp/mt" "$tmp/mt/cfg"
	"$bin" --no-config --format sarif --fail-on none corpus >"$tmp/mt/all.sarif"
	# shellcheck disable=SC2086
	"$bin" --no-config --format sarif --fail-on none --show-ignored $inputs >"$tmp/mt/some.sarif" 2>/dev/null
	"$bin" --no-config --lang zh-CN --format sarif --fail-on none corpus/72-inauthentic-flask-aliexpress-confirmations.txt >"$tmp/mt/zh.sarif"
	printf 'Thanks,we refunded them.\n' | "$bin" --no-config --format sarif --fail-on none - >"$tmp/mt/stdin.sarif"
	cp corpus/01-odr-vacation.txt "$tmp/mt/cfg/letter.txt"
	printf '{"ignore": [{"rule": "missing-space", "text": "Unluckily", "reason": "house style"}], "docs_url": "https://example.com/appeal-lint/rules.md"}' >"$tmp/mt/cfg/.appeal-lint.json"
	(cd "$tmp/mt/cfg" && "$OLDPWD/$bin" --format sarif --show-ignored --fail-on none letter.txt) >"$tmp/mt/ignored.sarif"
	(cd "$tmp/mt" && "$mt" validate -o "$tmp/mt/validation.json" all.sarif some.sarif zh.sarif stdin.sarif ignored.sarif) >"$tmp/mt/log" 2>&1
	# a result without a level is a warning
	got=$($py -c 'import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
print(sum(x.get("level", "warning") in ("error", "warning") for x in r))' "$tmp/mt/validation.json" 2>/dev/null)
	if [ "$got" = 0 ]; then ok; else
		ko "SARIF Multitool validate: ${got:-no} errors and warnings"
		grep -E ': (error|warning) ' "$tmp/mt/log" | head -5
	fi
fi

# XML is well formed
for fmt in checkstyle junit; do
	"$bin" --no-config --format $fmt --fail-on none corpus tests/data/latin1.txt tests/data/nul.txt >"$tmp/x.xml"
	if $py -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/x.xml"; then ok; else ko "$fmt XML is not well formed"; fi
done

# --jobs: the same bytes as one thread, for every format
for fmt in text json sarif junit; do
	"$bin" --no-config --format $fmt --fail-on none --jobs 1 corpus tests/data >"$tmp/one" 2>&1
	"$bin" --no-config --format $fmt --fail-on none --jobs 4 corpus tests/data >"$tmp/four" 2>&1
	if cmp -s "$tmp/one" "$tmp/four"; then ok; else ko "--jobs 4 output differs from --jobs 1 ($fmt)"; fi
done

# every rule file of the pack matches rules/schema.json
if [ -n "$py" ] && $py tests/validate.py rules/schema.json $(ls rules/*.json | grep -v -e letter.json -e metrics.json -e dictionary.json -e types.json -e concepts.json -e schema.json) >"$tmp/schema.err"; then ok; else ko "rule files do not match rules/schema.json: $(cut -c1-200 "$tmp/schema.err")"; fi

# --output: the report in the file, a summary on standard output
"$bin" --no-config --format sarif --output "$tmp/report.sarif" corpus/41-otdr-nightmare-fullwidth-parens.txt >"$tmp/stdout"
rc=$?
if [ $rc = 1 ] && grep -q '"version":	"2.1.0"' "$tmp/report.sarif" && grep -q '^1 file: 2 errors, 2 warnings, 0 infos; score: ' "$tmp/stdout" &&
	[ "$(ls "$tmp" | grep -c report.sarif)" = 1 ]; then ok; else ko "--output (exit $rc)"; fi
"$bin" --no-config --format json --output /nonexistent/dir/r.json corpus/01-odr-vacation.txt 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q '^appeal-lint: cannot write /nonexistent/dir/r.json: No such file or directory$' "$tmp/err"; then ok; else ko "--output to a missing folder (exit $rc)"; fi

# --list-formats lists every format
if [ "$("$bin" --list-formats | cut -d' ' -f1 | tr '\n' ' ')" = "text json sarif github checkstyle junit " ]; then ok; else ko "--list-formats"; fi

summary formats
