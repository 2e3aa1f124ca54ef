#!/bin/sh
# i18n.sh - messages in Simplified Chinese: every rule text and program
# string has a zh-CN translation, the language follows --lang, the
# configuration and the locale variables, and a few letters' whole output
# in zh-CN matches tests/i18n/. --update rewrites those expected files.
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
py=/usr/bin/python3
. tests/lib.sh
# every case states its own locale variables
unset LC_ALL LC_MESSAGES LANG LANGUAGE

letters="corpus/04-cancel-company-history.txt corpus/72-inauthentic-flask-aliexpress-confirmations.txt corpus/87-lsr-vtr-uk-tracking-unexplained.txt"
mkdir -p tests/i18n
if [ "$1" = "--update" ]; then
	for f in $letters; do
		"$bin" --no-config --lang zh-CN --fail-on none "$f" >"tests/i18n/$(basename "$f").zh.txt"
	done
	"$bin" --no-config --lang zh-CN --fail-on none --format json corpus/72-inauthentic-flask-aliexpress-confirmations.txt >tests/i18n/72.zh.json
	echo "updated tests/i18n/"
	exit 0
fi

# completeness: rule texts, program strings, the catalogue's format directives
if $py tests/i18n_rules.py $(ls rules/*.json | grep -v -e letter.json -e dictionary.json -e schema.json) >"$tmp/r"; then ok; else ko "rule texts without zh-CN: $(head -3 "$tmp/r")"; fi
if $py tests/i18n_strings.py po/zh_CN.po src/*/*.c >"$tmp/s"; then ok; else ko "program strings without zh-CN: $(head -3 "$tmp/s")"; fi
if msgfmt -c -o /dev/null po/zh_CN.po 2>"$tmp/m"; then ok; else ko "msgfmt -c po/zh_CN.po: $(head -3 "$tmp/m")"; fi

# whole outputs in zh-CN
for f in $letters; do
	"$bin" --no-config --lang zh-CN --fail-on none "$f" >"$tmp/out"
	if diff -u "tests/i18n/$(basename "$f").zh.txt" "$tmp/out" >"$tmp/d"; then ok; else ko "zh-CN output of $f"; head -20 "$tmp/d"; fi
done
"$bin" --no-config --lang zh-CN --fail-on none --format json corpus/72-inauthentic-flask-aliexpress-confirmations.txt >"$tmp/out"
if diff -u tests/i18n/72.zh.json "$tmp/out" >"$tmp/d"; then ok; else ko "zh-CN JSON"; head -20 "$tmp/d"; fi

# the language: "zh" when the summary line is Chinese
lang_of() { # ENV... -- ARGS: prints zh or en
	env "$@" corpus/04-cancel-company-history.txt 2>&1 | tail -n 1 | grep -q '个文件' && echo zh || echo en
}
expect_lang() { # NAME WANT ENV... (then the binary and its options)
	name=$1 want=$2
	shift 2
	got=$(lang_of "$@")
	if [ "$got" = "$want" ]; then ok; else ko "$name: $got, want $want"; fi
}
expect_lang "no locale" en "$bin" --no-config
expect_lang "LANG=zh_CN.UTF-8" zh LANG=zh_CN.UTF-8 "$bin" --no-config
expect_lang "LANG=zh_SG" zh LANG=zh_SG "$bin" --no-config
expect_lang "LANG=zh_TW.UTF-8 (no Traditional catalogue yet)" zh LANG=zh_TW.UTF-8 "$bin" --no-config
expect_lang "LANG=zh_Hans" zh LANG=zh_Hans "$bin" --no-config
expect_lang "LANG=en_US.UTF-8" en LANG=en_US.UTF-8 "$bin" --no-config
expect_lang "LANG=fr_FR.UTF-8" en LANG=fr_FR.UTF-8 "$bin" --no-config
expect_lang "LC_MESSAGES over LANG" zh LANG=en_US.UTF-8 LC_MESSAGES=zh_CN.UTF-8 "$bin" --no-config
expect_lang "LC_ALL over LC_MESSAGES" en LC_MESSAGES=zh_CN.UTF-8 LC_ALL=C "$bin" --no-config
expect_lang "LC_ALL=zh_CN" zh LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8 "$bin" --no-config
expect_lang "--lang en over LANG" en LANG=zh_CN.UTF-8 "$bin" --no-config --lang en
expect_lang "--lang zh-CN" zh LANG=en_US.UTF-8 "$bin" --no-config --lang zh-CN

# the configuration's "lang", under --lang
mkdir -p "$tmp/cfg"
cp corpus/04-cancel-company-history.txt "$tmp/cfg/"
printf '{ "lang": "zh-CN" }\n' >"$tmp/cfg/.appeal-lint.json"
if (cd "$tmp/cfg" && LANG=en_US.UTF-8 "$OLDPWD/$bin" 04-cancel-company-history.txt | tail -n 1 | grep -q '个文件'); then ok; else ko "config lang zh-CN"; fi
if (cd "$tmp/cfg" && "$OLDPWD/$bin" --lang en 04-cancel-company-history.txt | tail -n 1 | grep -q ' files\?: '); then ok; else ko "--lang en over the configuration"; fi
printf '{ "lang": "fr" }\n' >"$tmp/cfg/.appeal-lint.json"
(cd "$tmp/cfg" && "$OLDPWD/$bin" 04-cancel-company-history.txt >/dev/null 2>"$tmp/err")
rc=$?
if [ $rc = 2 ] && grep -q "\.appeal-lint\.json:1:3: 'lang' must be \"en\" or \"zh-CN\"" "$tmp/err"; then ok; else ko "bad config lang (exit $rc): $(cat "$tmp/err")"; fi

# --lang errors, the help, --explain and SARIF's language
"$bin" --lang fr x.txt 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "^appeal-lint: --lang takes en or zh-CN, not 'fr' (see --help)$" "$tmp/err"; then ok; else ko "--lang fr (exit $rc)"; fi
if LANG=zh_CN.UTF-8 "$bin" --help | head -n 1 | grep -q '^用法：appeal-lint'; then ok; else ko "help in zh-CN"; fi
if LANG=zh_CN.UTF-8 "$bin" --no-config --explain apology | grep -q '^原因：$'; then ok; else ko "--explain headings in zh-CN"; fi
if LANG=zh_CN.UTF-8 "$bin" --no-config --explain score | grep -q '^计算方法：$'; then ok; else ko "--explain score in zh-CN"; fi
if "$bin" --no-config --lang zh-CN --format sarif --fail-on none corpus/04-cancel-company-history.txt | grep -q '"language":	"zh-CN"'; then ok; else ko "SARIF run language zh-CN"; fi
if "$bin" --no-config --lang en --format sarif --fail-on none corpus/04-cancel-company-history.txt | grep -q '"language":	"en-US"'; then ok; else ko "SARIF run language en-US"; fi

# the marker under a span counts terminal columns: Chinese and emoji take two
printf 'Dear Team,\n\n我们 apologise，the parcels 😀 were late.We are sorry.\n\nThanks\n' >"$tmp/cjk.txt"
"$bin" --no-config --fail-on none "$tmp/cjk.txt" >"$tmp/out"
caret_under() { # RULE TEXT: "ok" when the marker under RULE's finding starts under TEXT
	$py - "$tmp/out" "$1" "$2" <<'PY'
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(k for k, l in enumerate(lines) if l.endswith("[" + sys.argv[2] + "]"))
line, caret = lines[i + 2], lines[i + 3]
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
at = line.index(sys.argv[3])
print("ok" if width(line[:at]) == caret.index("^") else "off by %d" % (caret.index("^") - width(line[:at])))
PY
}
got=$(caret_under missing-space '.We')
if [ "$got" = ok ]; then ok; else ko "caret after Chinese and an emoji: $got"; fi
if grep -q '^       |               \^~$' "$tmp/out"; then ok; else ko "a full-width comma gets a two-column marker"; fi
# a narrow terminal (COLUMNS) cuts the line around the span
long="Dear Team,\n\nWe are sorry. $(printf 'word %.0s' $(seq 1 40))we shipped late.We fixed it on 3 May 2024.\n\nThanks\n"
printf "$long" >"$tmp/long.txt"
COLUMNS=60 "$bin" --no-config --fail-on none "$tmp/long.txt" | grep -A3 'missing-space' >"$tmp/narrow"
if [ "$(sed -n 3p "$tmp/narrow" | awk '{ print length($0) }')" -le 60 ] && sed -n 3p "$tmp/narrow" | grep -q 'late\.We' &&
	sed -n 3p "$tmp/narrow" | grep -q '^ *[0-9]* | \.\.\.'; then ok; else ko "COLUMNS=60 excerpt: $(cat "$tmp/narrow")"; fi

# --structure and --verbose speak the language too, and keep their columns
"$bin" --no-config --lang zh-CN --structure corpus/03-lsr-handling-time.txt >"$tmp/st"
if grep -q '^  称呼       1:1-1:30$' "$tmp/st" && grep -q '^  列表       8:4-10:153 编号列表，3 项 \[原因\]$' "$tmp/st"; then ok; else ko "--structure in zh-CN: $(head -5 "$tmp/st")"; fi
"$bin" --no-config --lang zh-CN -v -q --fail-on none corpus/72-inauthentic-flask-aliexpress-confirmations.txt | tail -n 2 >"$tmp/v"
if grep -q '：类型：inauthentic（第 3 行第 96 列的“authenticity”），condition（' "$tmp/v"; then ok; else ko "--verbose types in zh-CN: $(cat "$tmp/v")"; fi
if grep -q '：得分 73：error-claim-in-poa -20，invoice-source-weak -3（4 个问题），' "$tmp/v"; then ok; else ko "--verbose score in zh-CN: $(cat "$tmp/v")"; fi

echo "i18n: $pass passed, $fail failed"
[ $fail -eq 0 ]
