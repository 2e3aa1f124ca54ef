#!/bin/sh
# install.sh - make install into a staging folder, run the installed binary
# away from the source tree, then make uninstall. Prints "install: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
src=$(pwd)
. tests/lib.sh
root=$tmp/root
make -s install DESTDIR="$root" PREFIX=/usr >"$tmp/log" 2>&1 || { echo "FAIL make install"; cat "$tmp/log"; }
for f in usr/bin/appeal-lint usr/share/man/man1/appeal-lint.1 usr/share/bash-completion/completions/appeal-lint \
	usr/share/zsh/site-functions/_appeal-lint usr/share/doc/appeal-lint/rules.md \
	usr/share/doc/appeal-lint/README.md usr/share/doc/appeal-lint/output.schema.json; do
	expect "installed $f" "[ -s '$root/$f' ]"
done
expect "rules.md has every rule" "[ \$(grep -c '^## ' '$root/usr/share/doc/appeal-lint/rules.md') -eq \$('$src/appeal-lint' --no-config --list-rules | grep -c '^  ') ]"
mkdir -p "$tmp/away"
cp corpus/27-template-leftovers.txt "$tmp/away/letter.txt"
(cd "$tmp/away" && "$root/usr/bin/appeal-lint" --no-config -q letter.txt >out.txt 2>err.txt; echo $? >rc)
expect "installed binary runs without the source tree" "[ \$(cat '$tmp/away/rc') = 1 ] && grep -q '\\[placeholder\\]' '$tmp/away/out.txt' && [ ! -s '$tmp/away/err.txt' ]"
expect "installed binary: SARIF links to the installed docs" "(cd '$tmp/away' && '$root/usr/bin/appeal-lint' --no-config --format sarif letter.txt) | grep -q 'file:///usr/share/doc/appeal-lint/rules.md#placeholder'"
expect "bash completion parses" "bash -n '$root/usr/share/bash-completion/completions/appeal-lint'"
if command -v groff >/dev/null; then
	expect "man page renders without warnings" "[ -z \"\$(groff -man -Tutf8 -ww -z '$root/usr/share/man/man1/appeal-lint.1' 2>&1)\" ]"
else
	skip "man page rendering: groff is not installed (apt-get install groff-base)"
fi
make -s uninstall DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1
expect "uninstall removes everything" "[ -z \"\$(find '$root' -type f)\" ]"
# the build in the source tree keeps its own documentation path
make -s >/dev/null 2>&1
summary install
