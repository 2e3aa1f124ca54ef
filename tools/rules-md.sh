#!/bin/sh
# rules-md.sh BINARY - writes every rule's explanation as Markdown, one
# section per rule id (the anchors SARIF's help links point to).
bin=${1:-./appeal-lint}
echo "# appeal-lint rules"
echo
"$bin" --no-config --list-rules | while read -r id sev summary; do
	echo "- [$id](#$id) ($sev): $summary"
done
"$bin" --no-config --list-rules | cut -d' ' -f1 | while read -r id; do
	printf '\n## %s\n\n```text\n' "$id"
	"$bin" --no-config --explain "$id"
	printf '```\n'
done
