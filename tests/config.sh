#!/bin/sh
# config.sh - configuration files: discovery, nearest wins, extends,
# comments, every setting, command-line overrides, every error.
# Prints "config: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=$(pwd)/appeal-lint
. tests/lib.sh

# run NAME WANT_EXIT WANT_STDERR_LINE ARGS...: check_in $tmp
run() { check_in "$tmp" "$@"; }

has() { grep -q "$1" "$tmp/out"; }

letter='Dear Team,

We apologise for the late parcels on 3 March 2024. Our ODR rose above the 1%% target!

The root causes were:
- we booked too few courier pickups

We have taken these steps:
1. We changed courier on 10 March 2024 and bought a Zebrafix printer.

Thank you for your time!

Sincerely,
[Your Name]
'
mkdir -p "$tmp/agency/seller1" "$tmp/agency/seller2" "$tmp/agency/seller3" "$tmp/other" "$tmp/agency/house"
for d in agency/seller1 agency/seller2 agency/seller3 other; do
	# shellcheck disable=SC2059
	printf "$letter" >"$tmp/$d/letter.txt"
done

# no configuration anywhere above: the defaults
run "defaults" 1 "" -q other/letter.txt
expect "defaults: placeholder fires" "grep -q '\\[placeholder\\]' '$tmp/out'"
expect "defaults: two exclamation marks" "[ \$(grep -c 'Exclamation' '$tmp/out') = 2 ]"

cat >"$tmp/agency/.appeal-lint.json" <<'JSON'
{
  // the agency's house rules
  "rules": {
    "placeholder": "warning",      /* we fill names in last */
    "emotional": "off",
    "courteous-close": { "severity": "error" }
  },
  "dictionary": ["Zebrafix"],
  "fail_on": "warning"
}
JSON
run "found above the letter" 1 "" -q agency/seller1/letter.txt
expect "setting: severity lowered" "grep -q 'warning: Unfilled template field \"\\[Your Name\\]\"' '$tmp/out'"
expect "setting: rule off" "! grep -q emotional '$tmp/out'"
expect "setting: dictionary word" "! grep -q Zebrafix '$tmp/out'"
run "outside the agency: defaults" 1 "" -q other/letter.txt
expect "outside: error severity" "grep -q 'error: Unfilled' '$tmp/out'"
run "fail_on from the configuration" 1 "" -q agency/seller1/letter.txt
run "command line overrides fail_on" 0 "" -q --fail-on error agency/seller1/letter.txt
run "--no-config" 1 "" -q --no-config agency/seller1/letter.txt
expect "--no-config: defaults" "grep -q 'error: Unfilled' '$tmp/out' && grep -q emotional '$tmp/out'"

# nearest wins, unless it extends the one above
printf '{ "rules": { "blame": "info" } }\n' >"$tmp/agency/seller2/.appeal-lint.json"
run "nearest wins" 1 "" -q agency/seller2/letter.txt
expect "nearest: parent not merged" "grep -q 'error: Unfilled' '$tmp/out' && grep -q emotional '$tmp/out'"
printf '{ "extends": "../.appeal-lint.json", "rules": { "placeholder": "info" }, "min_score": 100 }\n' \
	>"$tmp/agency/seller3/.appeal-lint.json"
run "extends" 1 "" -q agency/seller3/letter.txt
expect "extends: parent settings kept" "! grep -q emotional '$tmp/out' && ! grep -q Zebrafix '$tmp/out'"
expect "extends: own setting wins" "grep -q 'info: Unfilled' '$tmp/out'"
run "min_score from the configuration" 1 "" -q --fail-on none agency/seller3/letter.txt
run "--min-score overrides" 0 "" -q --fail-on none --min-score 0 agency/seller3/letter.txt
run "--config names one" 1 "" -q --config agency/seller2/.appeal-lint.json agency/seller1/letter.txt
expect "--config: its settings" "grep -q emotional '$tmp/out'"
run "--config and --no-config" 2 "appeal-lint: --config and --no-config exclude each other (see --help)" --config x --no-config other/letter.txt

# --print-config
run "--print-config" 0 "" --print-config agency/seller3/letter.txt
expect "print-config: the chain of files" "grep -q 'seller3/.appeal-lint.json' '$tmp/out' && grep -q 'agency/.appeal-lint.json' '$tmp/out'"
expect "print-config: merged rules" "grep -q '\"placeholder\":	\"info\"' '$tmp/out' && grep -q '\"emotional\":	\"off\"' '$tmp/out'"
expect "print-config: effective values" "grep -q '\"fail_on\":	\"warning\"' '$tmp/out' && grep -q '\"min_score\":	100' '$tmp/out'"
expect "print-config: one JSON document" "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"effective\"][\"rules\"][\"placeholder\"]==\"info\" and \"emotional\" not in d[\"effective\"][\"rules\"]' '$tmp/out'"

# ignore: silence one finding, with a reason; --show-ignored shows it
mkdir -p "$tmp/ign"
printf "$letter" >"$tmp/ign/letter.txt"
cat >"$tmp/ign/.appeal-lint.json" <<'JSON'
{ "ignore": [ { "rule": "placeholder", "text": "[Your Name]", "reason": "the account manager signs" },
              { "rule": "emotional", "file": "*.txt", "reason": "exclamations are house style" } ] }
JSON
run "ignore" 0 "" -q ign/letter.txt
expect "ignore: findings gone" "! grep -q 'placeholder\\|emotional' '$tmp/out'"
run "--show-ignored" 0 "" --show-ignored ign/letter.txt
expect "--show-ignored: with the reason" "grep -q '\\[placeholder\\] (ignored)' '$tmp/out' && grep -q '  ignored: the account manager signs' '$tmp/out'"
run "ignore in JSON" 0 "" --format json --show-ignored ign/letter.txt
expect "JSON: ignored reason" "grep -q '\"ignored\":	\"exclamations are house style\"' '$tmp/out'"

# marketplace and spelling
mkdir -p "$tmp/uk" "$tmp/us"
printf 'Dear Team,\n\nWe apologise for the color of the mugs sent on 04/05/2024.\n' >"$tmp/uk/letter.txt"
cp "$tmp/uk/letter.txt" "$tmp/us/letter.txt"
printf '{ "marketplace": "UK" }\n' >"$tmp/uk/.appeal-lint.json"
printf '{ "marketplace": "US", "spelling": "any" }\n' >"$tmp/us/.appeal-lint.json"
run "marketplace UK" 0 "" uk/letter.txt
expect "UK: American spelling flagged" "grep -q '\"color\" is spelled the other English way' '$tmp/out'"
expect "UK: day first" "grep -q 'Write the month as a word: \"4 May 2024\" or \"April 5, 2024\"' '$tmp/out'"
run "marketplace US, spelling any" 0 "" us/letter.txt
expect "US: month first" "grep -q 'Write the month as a word: \"April 5, 2024\" or \"4 May 2024\"' '$tmp/out'"
expect "spelling any: color passes" "! grep -q '\\[spelling\\]' '$tmp/out'"

# rule folders relative to the configuration, and rule options
cat >"$tmp/agency/house/no-guarantee.json" <<'JSON'
{ "id": "no-guarantee", "kind": "forbid", "severity": "error", "scope": "text",
  "summary": "No guarantees.", "message": "\"{match}\" is a guarantee.", "suggestion": "Describe the check instead.",
  "explain": "House rule.", "sources": ["house style"], "patterns": ["\\bguarantee\\b"],
  "examples": { "bad": ["We guarantee it."], "good": ["We check it."] } }
JSON
mkdir -p "$tmp/agency/seller4"
printf 'Dear Team,\n\nWe apologise. We guarantee it will not happen again. Write to [NAME] or [Your Name].\n' >"$tmp/agency/seller4/letter.txt"
printf '{ "rules_dirs": ["../house"], "rules": { "placeholder": { "patterns": ["\\\\[NAME\\\\]"] } } }\n' >"$tmp/agency/seller4/.appeal-lint.json"
run "rules_dirs and options" 1 "" -q agency/seller4/letter.txt
expect "house rule loaded" "grep -q '\"guarantee\" is a guarantee. \\[no-guarantee\\]' '$tmp/out'"
expect "patterns replaced" "[ \$(grep -c '\\[placeholder\\]' '$tmp/out') = 1 ] && grep -q 'field \"\\[NAME\\]\"' '$tmp/out'"

# errors: exit 2, file:line:col, the key
mkdir -p "$tmp/bad"
printf "$letter" >"$tmp/bad/letter.txt"
cfg="$tmp/bad/.appeal-lint.json"
printf '{\n  "rules": {},\n  "colour": "blue"\n}\n' >"$cfg"
run "unknown key" 2 "appeal-lint: $cfg:3:3: unknown key 'colour' (known: rules, rules_dirs, extends, dictionary, marketplace, spelling, lang, types, fail_on, min_score, ignore, docs_url)" bad/letter.txt
printf '{\n  "fail_on": 3\n}\n' >"$cfg"
run "wrong type" 2 "appeal-lint: $cfg:2:3: 'fail_on' must be \"error\", \"warning\", \"info\" or \"none\"" bad/letter.txt
printf '{\n  "min_score": 1e73\n}\n' >"$cfg"
run "number out of range" 2 "appeal-lint: $cfg:2:3: 'min_score' must be a whole number from 0 to 100" bad/letter.txt
printf '{\n  "rules": {\n    "apology": "loud"\n  }\n}\n' >"$cfg"
run "bad severity" 2 "appeal-lint: $cfg:3:5: rule 'apology' must be \"off\", \"info\", \"warning\", \"error\" or an object with \"severity\" and rule options" bad/letter.txt
printf '{\n  "rules": {\n    "apologies": "off"\n  }\n}\n' >"$cfg"
run "unknown rule" 2 "appeal-lint: $cfg:3:5: no rule 'apologies' (see --list-rules)" bad/letter.txt
printf '{\n  "rules": {\n    "placeholder": { "patterns": ["(oops"] }\n  }\n}\n' >"$cfg"
run "bad rule option" 2 "appeal-lint: $cfg:3:5: rule 'placeholder': patterns[0]: pattern error: missing closing parenthesis at offset 5" bad/letter.txt
printf '{\n  "rules": {,}\n}\n' >"$cfg"
run "invalid JSON" 2 "appeal-lint: $cfg:2:14: invalid JSON near '}'" bad/letter.txt
printf '{ "extends": "missing.json" }\n' >"$cfg"
run "missing extends" 2 "appeal-lint: cannot open configuration $tmp/bad/missing.json: No such file or directory" bad/letter.txt
printf '{ "extends": ".appeal-lint.json" }\n' >"$cfg"
run "extends itself" 2 "appeal-lint: configuration $tmp/bad/.appeal-lint.json extends itself" bad/letter.txt
printf '{ "ignore": [ { "rule": "placeholder", "text": "x" } ] }\n' >"$cfg"
run "ignore without reason" 2 "appeal-lint: $cfg:1:3: each 'ignore' entry needs a rule, a text or a file, and a reason" bad/letter.txt
printf '{ "marketplace": "Mars" }\n' >"$cfg"
run "bad marketplace" 2 "appeal-lint: $cfg:1:3: 'marketplace' must be a marketplace code such as \"US\", \"UK\" or \"DE\"" bad/letter.txt
# a type id the rules do not know: named where "types" is, even when an
# extended file set it (it once named only the top file, without line:col)
printf '{\n  "types": ["odr", "nosuch"]\n}\n' >"$cfg"
run "unknown type: file:line:col" 2 "appeal-lint: $cfg:2:3: unknown letter type 'nosuch' (known: see rules/types.json or --list-types)" bad/letter.txt
printf '// agency\n{\n\n  "types": ["nosuch"]\n}\n' >"$tmp/bad/base.json"
printf '{ "extends": "base.json" }\n' >"$cfg"
run "unknown type set by an extended file" 2 "appeal-lint: $tmp/bad/base.json:4:3: unknown letter type 'nosuch' (known: see rules/types.json or --list-types)" bad/letter.txt
# an empty file (or one of comments only) was "invalid JSON near '?'"
: >"$cfg"
run "empty configuration" 2 "appeal-lint: $cfg: the configuration file is empty (write {} for a configuration with no settings)" bad/letter.txt
printf '  // nothing yet\n\n' >"$cfg"
run "configuration of comments only" 2 "appeal-lint: $cfg: the configuration file is empty (write {} for a configuration with no settings)" bad/letter.txt
# \u0000 ended the string where cJSON read it: "zh-CN\u0000junk" was zh-CN
printf '{\n  "lang": "zh-CN\\u0000junk"\n}\n' >"$cfg"
run "lang with a NUL: refused" 2 "appeal-lint: $cfg:2:17: a string holds \\u0000 (a NUL character)" bad/letter.txt
printf '{ "dictionary": ["back\\\\u0000slash", "quote\\"u0000"] }\n' >"$cfg"
run "an escaped backslash before u0000 is no NUL" 1 "" -q bad/letter.txt
run "missing --config" 2 "appeal-lint: cannot open configuration nope.json: No such file or directory" --config nope.json other/letter.txt

echo "config: $pass passed, $fail failed"
[ $fail -eq 0 ]
