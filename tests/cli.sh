#!/bin/sh
# cli.sh - the command line as a user meets it: exit codes, error lines,
# inputs (files, folders, stdin), options. Prints "cli: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
d=tests/data
. tests/lib.sh

# check NAME WANT_EXIT WANT_STDERR_LINE [args...]: check_in the root folder
check() { check_in . "$@"; }

# usage errors: exit 2 and one clear line
check "no input" 2 "appeal-lint: no input: give a FILE, a DIR, or - for standard input (see --help)"
check "unknown option" 2 "appeal-lint: unknown option '--bogus' (see --help)" --bogus $d/clean.txt
check "unknown short option" 2 "appeal-lint: unknown option '-z' (see --help)" -z $d/clean.txt
check "unknown format" 2 "appeal-lint: unknown format 'xml' (see --list-formats) (see --help)" --format xml $d/clean.txt
check "missing value" 2 "appeal-lint: option '--format' needs a value (see --help)" --format
check "bad fail-on" 2 "appeal-lint: --fail-on takes error, warning, info or none, not 'loud' (see --help)" --fail-on loud $d/clean.txt
check "bad color" 2 "appeal-lint: --color takes auto, always or never, not 'sometimes' (see --help)" --color sometimes $d/clean.txt
check "bad min-score" 2 "appeal-lint: --min-score takes a whole number from 0 to 100, not '101' (see --help)" --min-score 101 $d/clean.txt
check "bad spelling" 2 "appeal-lint: --spelling takes en_US, en_GB or any, not 'fr' (see --help)" --spelling fr $d/clean.txt
check "bad max-size" 2 "appeal-lint: --max-size takes a size in bytes such as 16M, not '0' (see --help)" --max-size 0 $d/clean.txt
check "help" 0 "" --help
expect "help shows usage" "'$bin' --help | grep -q '^Usage: appeal-lint'"
check "version" 0 "" --version
expect "version text" "[ \"\$('$bin' --version)\" = 'appeal-lint 0.1.0' ]"

# exit codes and --fail-on
check "clean letter" 0 "" $d/clean.txt
check "error finding" 1 "" corpus/27-template-leftovers.txt
check "warning passes by default" 0 "" $d/warning.txt
check "fail-on warning" 1 "" --fail-on warning $d/warning.txt
check "fail-on warning ignores info" 0 "" --fail-on warning $d/info.txt
check "fail-on info" 1 "" --fail-on info $d/info.txt
check "fail-on none" 0 "" --fail-on none corpus/27-template-leftovers.txt
check "min-score met" 0 "" --min-score 90 $d/warning.txt
check "min-score missed" 1 "" --min-score 91 $d/warning.txt

# inputs
check "missing file" 2 "appeal-lint: cannot open nope.txt: No such file or directory" nope.txt
check "missing file, others still linted" 2 "appeal-lint: cannot open nope.txt: No such file or directory" nope.txt $d/warning.txt
expect "other file's finding shown" "grep -q '^tests/data/warning.txt:8:1: warning: ' '$tmp/out'"
expect "missing file in summary" "grep -q '^nope.txt  *not read\$' '$tmp/out' && tail -n 1 '$tmp/out' | grep -q '; 1 not read\$'"
check "file too large" 2 "appeal-lint: tests/data/clean.txt is larger than the limit of 100 bytes (raise it with --max-size)" --max-size 100 $d/clean.txt
check "max-size suffix" 0 "" --max-size 1K $d/clean.txt
check "folder" 0 "" -q $d/letters
expect "folder: sorted, recursive, .txt and .md only" "[ \"\$(cut -d: -f1 '$tmp/out' | uniq | tr '\n' ' ')\" = 'tests/data/letters/a.txt tests/data/letters/sub/a.md ' ]"
check "folder summary" 0 "" $d/letters
tail -n 5 "$tmp/out" >"$tmp/table"
printf '%s\n' \
	'file                         score  errors  warnings  infos  types' \
	'tests/data/letters/a.txt        99       0         0      1' \
	'tests/data/letters/b.txt       100       0         0      0' \
	'tests/data/letters/sub/a.md     90       0         1      0' \
	'3 files: 0 errors, 1 warning, 1 info' >"$tmp/want"
expect "folder: summary table" "diff '$tmp/want' '$tmp/table'"
expect "stdin" "'$bin' -q - < $d/warning.txt | grep -q '^<stdin>:8:1: warning: '"
expect "stdin-filename" "'$bin' -q --stdin-filename letter.txt - < $d/warning.txt | grep -q '^letter.txt:8:1: warning: '"
expect "utf-16le letter" "'$bin' -q $d/utf16le.txt | grep -q '^tests/data/utf16le.txt:14:7: error: Unfilled template field \"\\[Your Name\\]\". \\[placeholder\\]$'"
expect "utf-16be letter" "'$bin' -q $d/utf16be.txt | grep -q '^tests/data/utf16be.txt:14:7: error: '"
check "invalid utf-8" 1 "" -q $d/latin1.txt
expect "invalid utf-8 finding" "grep -q '^tests/data/latin1.txt:3:25: error: These bytes are not UTF-8 text' '$tmp/out'"
check "empty file" 1 "" -q $d/empty.txt
expect "empty file: one finding" "[ \"\$(cat '$tmp/out')\" = 'tests/data/empty.txt:1:1: error: The letter is empty. [encoding]' ]"
check "nul bytes" 1 "" -q $d/nul.txt

# rule files
check "bad JSON rule file" 2 "appeal-lint: tests/data/rules-badjson/bad.json:3:20: invalid JSON near ','" --rules $d/rules-badjson $d/clean.txt
check "bad regex" 2 "appeal-lint: tests/data/rules-badregex/broken.json:11:31: rule 'no-sorry': patterns[1]: pattern error: missing closing parenthesis at offset 9" --rules $d/rules-badregex $d/clean.txt
check "unknown key" 2 "appeal-lint: tests/data/rules-unknownkey/typo.json:11:3: rule 'no-sorry': unknown key 'pattern'" --rules $d/rules-unknownkey $d/clean.txt
check "type's unowned names no rule" 2 "appeal-lint: tests/data/rules-badunowned/types.json:427:7: type 'error-claim': 'unowned' names no rule: 'apologies'" --rules $d/rules-badunowned $d/clean.txt
check "owned_by names no rule" 2 "appeal-lint: tests/data/rules-badowner/story.json:13:3: rule 'carrier-story': 'owned_by' names no other rule: 'apologies'" --rules $d/rules-badowner $d/clean.txt
check "owned_unless names no concept" 2 "appeal-lint: tests/data/rules-badowned/story.json:13:3: rule 'carrier-story': unknown concept 'ACCUSES'" --rules $d/rules-badowned $d/clean.txt
check "unowned_also names no rule" 2 "appeal-lint: tests/data/rules-badalso/story.json:14:3: rule 'carrier-story': 'unowned_also' names no other rule: 'amazon-critique'" --rules $d/rules-badalso $d/clean.txt
check "metric of no letter type" 2 "appeal-lint: tests/data/rules-badmetrictype/metrics.json:15:7: metric 'lsr': 'type' names no letter type: 'late-shipments'" --rules $d/rules-badmetrictype $d/clean.txt
check "missing rule folder" 2 "appeal-lint: cannot open rule folder tests/data/nope: No such file or directory" --rules $d/nope $d/clean.txt
check "override built-in rule" 0 "" --rules $d/rules-override --list-rules
expect "override replaces severity" "grep -q '^  placeholder  *info  *House rule' '$tmp/out'"
check "override applies" 0 "" -q --rules $d/rules-override corpus/27-template-leftovers.txt
expect "override: built-in patterns gone" "! grep -q 'placeholder' '$tmp/out'"
check "list rules" 0 "" --list-rules
expect "list has every rule" "[ \$(grep -c '^  [a-z]' '$tmp/out') -eq \$(ls rules/*.json | grep -cv -e letter.json -e metrics.json -e dictionary.json -e types.json -e concepts.json -e schema.json) ]"
expect "list is grouped" "grep -qx 'Core rules:' '$tmp/out' && grep -qx 'Type-specific rules:' '$tmp/out' && grep -q '^  invoice-too-old .*\\[inauthentic' '$tmp/out'"
check "explain" 0 "" --explain apology
expect "explain has sources and examples" "grep -q '^Sources:' '$tmp/out' && grep -q '^Fires on, for example:' '$tmp/out'"
expect "explain names the concepts and their entries" "grep -q '^Reads by meaning' '$tmp/out' && grep -q '^  APOLOGY: apologize, apologetic, sorry' '$tmp/out' && grep -q '^    SELF ~3 OWN' '$tmp/out'"
check "explain of apology-first" 0 "" --explain apology-first
expect "apology-first reads apology's concepts" "grep -q '^  FAULT: mistake' '$tmp/out'"
check "explain of a rule without concepts" 0 "" --explain placeholder
expect "no concept section without concepts" "! grep -q 'Reads by meaning' '$tmp/out'"
check "explain the score" 0 "" --explain score
expect "score: the model and each rule's weight" "grep -q '^How it is computed:' '$tmp/out' && grep -q 'costs half the one before' '$tmp/out' && grep -q '^    placeholder  *40\$' '$tmp/out' && grep -q '^    spelling  *1\$' '$tmp/out'"
check "explain the score: a rule without a weight" 0 "" --rules $d/rules-override --explain score
expect "its severity decides" "grep -q '^    placeholder  *1  (by its severity, info)\$' '$tmp/out'"
check "verbose: what each rule cost" 1 "" -q -v corpus/27-template-leftovers.txt
expect "score line" "grep -qx 'corpus/27-template-leftovers.txt: score 13: placeholder -77 (5 findings), dates -10' '$tmp/out'"
check "a configuration sets a weight" 1 "" -q -v -c $d/config-weight.json corpus/27-template-leftovers.txt
expect "placeholder costs 5, then halves" "grep -qx 'corpus/27-template-leftovers.txt: score 82: dates -10, placeholder -8 (5 findings)' '$tmp/out'"
printf '{"rules": {"placeholder": {"weight": 101}}}' >"$tmp/w.json"
check "weight out of range" 2 "appeal-lint: $tmp/w.json:1:12: rule 'placeholder': 'weight' must be a whole number from 0 to 100" -c "$tmp/w.json" corpus/27-template-leftovers.txt
check "explain unknown" 2 "appeal-lint: no rule 'nope' (see --list-rules)" --explain nope
check "check-rules" 0 "" --check-rules

# output
check "quiet" 1 "" -q corpus/27-template-leftovers.txt
expect "quiet: findings only" "! grep -qv '^corpus/27-template-leftovers.txt:[0-9]*:[0-9]*: ' '$tmp/out'"
expect "no colour in a pipe" "! '$bin' corpus/27-template-leftovers.txt | grep -q \"\$(printf '\\033')\""
expect "colour always" "'$bin' --color always corpus/27-template-leftovers.txt | grep -q \"\$(printf '\\033')\""
expect "NO_COLOR with auto" "! NO_COLOR=1 '$bin' --color auto corpus/27-template-leftovers.txt | grep -q \"\$(printf '\\033')\""
"$bin" $d/warning.txt >"$tmp/excerpt"
printf '%s\n' \
	'tests/data/warning.txt:8:1: warning: The actions are written as prose, not as a numbered list. [actions-numbered]' \
	'  suggestion: Number each action on its own line: "1. ...", "2. ...", with what was done and when.' \
	'     8 | We will change courier and check pickups every day.' \
	'       | ^~~~~~~' \
	'1 file: 0 errors, 1 warning, 0 infos; score: tests/data/warning.txt 90' >"$tmp/want"
expect "text output, whole" "diff '$tmp/want' '$tmp/excerpt'"
check "json with unreadable file" 2 "appeal-lint: cannot open nope.txt: No such file or directory" --format json nope.txt $d/warning.txt
expect "json error entry" "grep -q '\"error\":[[:space:]]*\"cannot open nope.txt: No such file or directory\"' '$tmp/out'"
expect "json parses" "python3 -c 'import json,sys; d=json.load(open(\"$tmp/out\")); assert d[\"summary\"][\"files\"]==1 and len(d[\"files\"])==2' || ! command -v python3"

# --fix: mends in place, atomically, keeping the mode; nothing else writes
printf 'Dear Team,\n\nWe apologise for the late parcels on 3 March 2024\357\274\214and we keep buyers moreinformed now.\n\nThe root causes were:\n- we booked too few courier pickups\n\nWe have taken these steps:\n1. We changed courier on 10 March 2024.\n\nThank you for your time.\n\nSincerely,\nLin\n' >"$tmp/fixme.txt"
chmod 640 "$tmp/fixme.txt"
cp "$tmp/fixme.txt" "$tmp/orig.txt"
check "lint never writes" 1 "" -q "$tmp/fixme.txt"
expect "file untouched without --fix" "cmp -s '$tmp/fixme.txt' '$tmp/orig.txt'"
check "fix" 0 "$tmp/fixme.txt:3:50: fixed: \"$(printf "\357\274\214")\" -> \", \" [cjk-text]" --fix "$tmp/fixme.txt"
expect "fix: both fixes reported" "grep -q ':3:70: fixed: \"moreinformed\" -> \"more informed\" \\[spelling\\]' '$tmp/err'"
expect "fix: text mended" "grep -q '^We apologise for the late parcels on 3 March 2024, and we keep buyers more informed now.\$' '$tmp/fixme.txt'"
expect "fix: rest of the file unchanged" "[ \$(diff '$tmp/orig.txt' '$tmp/fixme.txt' | grep -c '^[<>]') -eq 2 ]"
expect "fix: mode kept" "[ \$(stat -c %a '$tmp/fixme.txt') = 640 ]"
expect "fix: no temporary file left" "[ \$(ls '$tmp' | grep -c fixme) -eq 1 ]"
expect "fix: report shows what is left" "[ ! -s '$tmp/out' ] || ! grep -q 'moreinformed' '$tmp/out'"
cp "$d/clean.txt" "$tmp/clean.txt"
before=$(stat -c %i:%Y "$tmp/clean.txt")
check "fix with nothing to fix" 0 "" --fix "$tmp/clean.txt"
expect "nothing to fix: file not rewritten" "[ \"\$(stat -c %i:%Y '$tmp/clean.txt')\" = '$before' ]"
expect "fix from stdin writes the letter to stdout" "'$bin' --fix - < '$tmp/orig.txt' | grep -q '2024, and we keep buyers more informed now.\$'"

# one English: British spelling is flagged, with a fix, for an en_US letter
printf 'Dear Team,\n\nWe apologise for the colour.\n' >"$tmp/gb.txt"
check "spelling any" 0 "" -q "$tmp/gb.txt"
expect "spelling any: no spelling finding" "! grep -q '\\[spelling\\]' '$tmp/out'"
check "spelling en_US" 0 "" -q --spelling en_US "$tmp/gb.txt"
expect "spelling en_US: both words" "[ \$(grep -c 'is spelled the other English way. \\[spelling\\]' '$tmp/out') -eq 2 ]"
expect "spelling en_US: fixed to American" "'$bin' --spelling en_US --fix - < '$tmp/gb.txt' | grep -q '^We apologize for the color.\$'"

# spelling without hunspell's dictionary: skipped with one notice, same exit
APPEAL_LINT_DICT_DIR=$tmp/none check "no dictionary" 0 "appeal-lint: spelling skipped: no hunspell dictionary at $tmp/none/en_US.dic (install hunspell-en-us)" -q "$d/clean.txt" corpus/01-odr-vacation.txt
expect "no dictionary: one notice" "[ \$(wc -l < '$tmp/err') -eq 1 ]"
expect "no dictionary: other rules still run" "grep -q 'causes-bulleted' '$tmp/out' && ! grep -q '\\[spelling\\]' '$tmp/out'"

# --profile: where the time goes, on standard error, without changing the verdict
expect "profile keeps the exit code" "'$bin' --profile -q corpus/27-template-leftovers.txt $d/clean.txt >'$tmp/pout' 2>'$tmp/prof'; [ \$? -eq 1 ]"
expect "profile: the report is unchanged" "'$bin' -q corpus/27-template-leftovers.txt $d/clean.txt | cmp -s - '$tmp/pout'"
expect "profile: header" "grep -Eq '^profile: letters 2, 0\\.[0-9]+ MB, [0-9.]+ ms in all, one thread\$' '$tmp/prof'"
expect "profile: every stage" "for s in 'load rules' read parse check positions render; do grep -Eq \"^\$s +[0-9.]+ +[0-9.]+ +[0-9.]+\$\" '$tmp/prof' || exit 1; done"
expect "profile: a rule's findings counted" "grep -Eq \"^placeholder +[0-9.]+ +[0-9.]+ +[0-9.]+ +\$(grep -c '\\[placeholder\\]\$' '$tmp/pout')\$\" '$tmp/prof'"
# letter types
check "list types" 0 "" --list-types
expect "list types: 18 types" "[ \$(wc -l < '$tmp/out') -eq 18 ] && grep -q '^error-claim ' '$tmp/out'"
check "types in the summary" 1 "" corpus/08-ip-trademark-demand.txt
expect "types: ip and error-claim (it disputes and owns nothing; steps taken do not make it a plan)" "tail -n 1 '$tmp/out' | grep -q '; types: ip error-claim\$'"
check "--verbose tells the words" 1 "" -v corpus/08-ip-trademark-demand.txt
expect "verbose: the deciding words" "grep -q '^corpus/08-ip-trademark-demand.txt: types: ip (\"trademark\" at 3:26), error-claim (\"complaint is not correct\" at 5:17)\$' '$tmp/out'"
check "--type pins the types" 1 "" -v --type odr,restricted corpus/08-ip-trademark-demand.txt
expect "--type: given" "grep -q 'types: odr (given), restricted (given)' '$tmp/out'"
check "--type unknown" 2 "appeal-lint: --type: unknown letter type 'odd' (known: see rules/types.json or --list-types)" --type odd corpus/08-ip-trademark-demand.txt
expect "JSON carries the types" "'$bin' --format json corpus/02-new-account.txt | grep -A3 '\"types\"' | grep -q '\"condition\"'"

# types_are NAME WANT TEXT: the types of a letter whose body is TEXT (its
# words by meaning), as JSON lists them: "late-shipment,ip"
types_are() {
	got=$(printf 'Dear Team,\n\n%s\n\nThank you,\nAnna\n' "$3" |
		"$bin" --no-config --format json --fail-on none - | tr -d ' \t\n' |
		sed -n 's/.*"types":\[\([^]]*\)\].*/\1/p' | tr -d '"')
	if [ "$got" = "$2" ]; then ok; else ko "types $1: want [$2], got [$got]"; fi
}
types_are "a denied mention gives way to another type" late-shipment \
	"Many orders shipped after their expected ship date. We have never had a trademark complaint."
types_are "a mention in passing gives way" ip \
	"A rights owner complained that our title used their trademark. Our ODR is healthy at 0.2%."
types_are "a denied mention alone still counts" odr "We have never had an A-to-z claim before."
types_are "staff checking each other is no review swap" late-shipment \
	"Orders shipped late. Two staff now review each other's packing lists every morning."
types_are "a review swap" review-manipulation \
	"I joined a Facebook group where sellers buy and review each other's products."
types_are "a parent company is no variation" late-shipment \
	"Orders shipped late. Our store operates under a parent company in Delaware."
types_are "Buyer-Seller Messaging is no improper contact" late-shipment \
	"Orders shipped late. We contacted each buyer directly through Buyer-Seller Messaging."
types_are "a replacement to the same address links nothing" late-shipment \
	"Orders shipped late. We send replacements to the same address as the original order."
types_are "a relative's store on the family laptop" related-accounts \
	"We found that my brother-in-law opened his own store using my laptop."
types_are "two-star feedback in everyday words" odr \
	"We had a run of one- and two-star feedback about sizing."

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
