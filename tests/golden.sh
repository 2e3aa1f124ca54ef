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
for need in apology:4:4 causes-bulleted:4:4 metric-target:4:4 dates:4:4 actions-numbered:4:4 \
	courteous-close:4:4 placeholder:4:4 date-ambiguous:4:4 blame:5:10 emotional:5:10 \
	vague-commitment:5:10 cjk-text:5:10 spelling:5:10; do
	rule=${need%%:*} min_fire=$(echo "$need" | cut -d: -f2) min_silent=${need##*:}
	fires=$(grep -l "\"rule\":[[:space:]]*\"$rule\"" corpus/expected/*.json | wc -l)
	if [ "$fires" -ge "$min_fire" ] && [ $((n - fires)) -ge "$min_silent" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL coverage $rule: fires in $fires of $n letters (needs >= $min_fire, silent in >= $min_silent)"
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
