#!/bin/sh
# golden.sh - lints every corpus letter as JSON and diffs it against
# corpus/expected/<letter>.json; with --update, rewrites the expected files.
# Also checks corpus/INTENT: the rules each letter was written to trigger.
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
update=0
[ "$1" = "--update" ] && update=1
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p corpus/expected

for f in corpus/*.txt corpus/*.md; do
	name=$(basename "$f")
	want=corpus/expected/$name.json
	"$bin" --format json --fail-on none "$f" >"$tmp/out.json"
	rc=$?
	if [ $update = 1 ]; then
		cp "$tmp/out.json" "$want"
		continue
	fi
	if [ $rc -eq 0 ] && diff -u "$want" "$tmp/out.json" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL golden $name (exit $rc)"
		head -40 "$tmp/diff"
	fi
	# the rules this letter fires must be the ones it was written for
	got=$(grep -o '"rule":[[:space:]]*"[a-z-]*"' "$tmp/out.json" | sed 's/.*"\([a-z-]*\)"$/\1/' | sort -u | tr '\n' ' ')
	intent=$(sed -n "s/^$name:\(.*\)/\1/p" corpus/INTENT | tr ' ' '\n' | grep . | sort -u | tr '\n' ' ')
	if [ "$got" = "$intent" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL intent $name: written to fire [$intent], fires [$got]"
	fi
done
[ $update = 1 ] && { echo "updated corpus/expected/"; exit 0; }

# every core rule must fire in enough letters and stay silent in enough:
# RULE:FIRES:SILENT
n=$(ls corpus/*.txt corpus/*.md | wc -l)
for need in apology:4:4 apology-first:4:4 causes-bulleted:4:4 metric-target:4:4 dates:4:4 actions-numbered:4:4 \
	courteous-close:4:4 placeholder:4:4 date-ambiguous:4:4 blame:5:10 emotional:5:10 \
	vague-commitment:5:10 cjk-text:5:10 spelling:5:10 \
	prevention-missing:3:5 actions-not-done:3:5 symptom-as-cause:3:5 each-issue-addressed:3:5 \
	evidence-missing:3:5 invoice-too-old:3:5 invoice-source-weak:3:5 restricted-removal-missing:3:5 \
	ip-owner-contact-missing:3:5 asin-missing:3:5 customer-remedy-missing:3:5 error-claim-in-poa:3:5 \
	over-admission:3:5 too-long:3:5 wall-of-text:3:5 long-sentence:3:5 missing-space:3:5 \
	amazon-capital:3:5 list-marker-style:3:5 chinglish-phrase:3:5 boilerplate-phrases:3:5 \
	support-case-reference:3:5 reviewer-directive:3:5 amazon-criticism:3:5; do
	rule=${need%%:*} min_fire=$(echo "$need" | cut -d: -f2) min_silent=${need##*:}
	fires=$(grep -l "\"rule\":[[:space:]]*\"$rule\"" corpus/expected/*.json | wc -l)
	if [ "$fires" -ge "$min_fire" ] && [ $((n - fires)) -ge "$min_silent" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL coverage $rule: fires in $fires of $n letters (needs >= $min_fire, silent in >= $min_silent)"
	fi
done
# good letters: nothing above info
for k in 03 05 07 09 15 17 19 20 23 28 32 35 40 46 50 55 60 61 62 63 64 65 66 67 68 69 70 88 89 90 91 92 94 96 98 100 104 106 116 119 121; do
	f=$(ls corpus/$k-* | head -1)
	if grep -q '"severity":[[:space:]]*"\(error\|warning\)"' "corpus/expected/$(basename "$f").json"; then
		fail=$((fail + 1))
		echo "FAIL good letter $f has a finding above info"
	else
		pass=$((pass + 1))
	fi
done
[ "$n" -ge 80 ] || { fail=$((fail + 1)); echo "FAIL corpus has $n letters (needs >= 80)"; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
