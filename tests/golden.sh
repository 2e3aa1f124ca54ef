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

# every core rule must fire in at least 4 letters and stay silent in 4
n=$(ls corpus/*.txt corpus/*.md | wc -l)
for rule in apology causes-bulleted metric-target dates actions-numbered courteous-close placeholder date-ambiguous; do
	fires=$(grep -l "\"rule\":[[:space:]]*\"$rule\"" corpus/expected/*.json | wc -l)
	if [ "$fires" -ge 4 ] && [ $((n - fires)) -ge 4 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL coverage $rule: fires in $fires of $n letters (needs >= 4 and <= $((n - 4)))"
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
