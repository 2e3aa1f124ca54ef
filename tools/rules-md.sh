#!/bin/sh
# rules-md.sh BINARY - writes every rule's explanation as Markdown, one
# section per rule id (the anchors SARIF's help links point to).
bin=${1:-./appeal-lint}
echo "# appeal-lint rules"
echo
"$bin" --no-config --list-rules | while IFS= read -r line; do
	case $line in
	"  "*) set -- $line; id=$1 sev=$2; shift 2
		echo "- [$id](#$id) ($sev): $*" ;;
	"") echo ;;
	*) printf '%s\n\n' "${line%:}" ;;
	esac
done
"$bin" --no-config --list-rules | awk '/^  /{print $1}' | while read -r id; do
	printf '\n## %s\n\n```text\n' "$id"
	"$bin" --no-config --explain "$id"
	printf '```\n'
done
