#!/bin/sh
# seed.sh - the two reinstated letters of the project's seed article must
# fire exactly the core rules expected of them. The article is not part of
# this repository; it is read from ../shared/seeds (or $APPEAL_LINT_SEEDS)
# and the letters are cut out of it into a scratch folder. Without it the
# suite prints "seed: skipped: REASON" and counts nothing as passed.
cd "$(dirname "$0")/.." || exit 2
seeds=${APPEAL_LINT_SEEDS:-../shared/seeds}
article=$(ls "$seeds"/*.txt 2>/dev/null | head -n 1)
if [ -z "$article" ]; then
	echo "seed: skipped: no seed article in $seeds (set APPEAL_LINT_SEEDS)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# letter 1: from its greeting to the line before the article's Chinese text
LC_ALL=C awk '/^Dear Amazon Seller Performance Team/ { on = 1 }
	on && /[\344-\351]/ { exit }
	on { print }' "$article" >"$tmp/letter1.txt"
# letter 2: from its first sentence to its closing request
LC_ALL=C awk '/^I understand that recently/ && !on { on = 1 }
	on { print }
	on && /looking[^a-z]+forward[^a-z]+to[^a-z]+hearing/ { exit }' "$article" >"$tmp/letter2.txt"

core="apology causes-bulleted metric-target dates actions-numbered courteous-close placeholder date-ambiguous blame emotional vague-commitment cjk-text spelling"
pass=0 fail=0
check() {
	file=$1 want=$2
	got=$(./appeal-lint -q --fail-on none "$file" | sed 's/.*\[\([a-z-]*\)\]$/\1/' | sort -u |
		while read -r r; do case " $core " in *" $r "*) echo "$r" ;; esac; done | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL seed $(basename "$file"): fires [$got], expected [$want]"
	fi
}
[ -s "$tmp/letter1.txt" ] && [ -s "$tmp/letter2.txt" ] || { echo "FAIL seed: letters not found in $article"; fail=1; }
check "$tmp/letter1.txt" "causes-bulleted courteous-close date-ambiguous emotional spelling "
check "$tmp/letter2.txt" "actions-numbered dates "
echo "seed: $pass passed, $fail failed"
[ $fail -eq 0 ]
