#!/bin/sh
# robust.sh - inputs that are not good letters, bounded work, rule packs
# from elsewhere, and --fix under failure: each row asserts the exact
# message and exit code. Prints "robust: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
. tests/lib.sh
b=$tmp/in

# the inputs, made here so that no odd bytes live in the repository
mkdir -p "$b"
python3 - "$b" <<'PY'
import json, os, struct, sys, zlib
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
def chunk(t, data):
    return struct.pack(">I", len(data)) + t + data + struct.pack(">I", zlib.crc32(t + data))
letter = ("Dear Seller Performance Team,\n\nWe apologise for the late shipments.\n\n"
          "Thank you,\n[Your Name]\n")
w("empty.txt", b"")
w("blank.txt", b"  \n\t\n   \n")
w("image.txt", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b""))
w("word.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40)
w("noise.txt", bytes(range(256)) * 8)
w("nul.txt", letter.encode().replace(b"late", b"la\0te"))
w("truncated.txt", letter.encode() + b"We are sorry \xe4\xbd\n")
w("overlong.txt", letter.encode() + b"We are \xc0\xaf sorry\n")
w("surrogate.txt", letter.encode() + b"We are \xed\xa0\x80 sorry\n")
w("utf16le.txt", b"\xff\xfe" + letter.encode("utf-16-le"))
w("utf16be.txt", b"\xfe\xff" + letter.encode("utf-16-be"))
w("bom.txt", b"\xef\xbb\xbf" + letter.encode())
w("cr.txt", letter.replace("\n", "\r").encode())
w("plain.txt", letter.encode())
w("long-line.txt", b"a" * (10 * 1024 * 1024) + b"\n")
# ESC, BEL, DEL and the C1 control CSI
w("controls.txt", b"Dear Team,\n\nWe are sorry.\n\nAsk [Your\x1bName\x07] or \x7f\xc2\x9b[Agent].\n")
w("commas.txt", b"Dear Team,\n\nWe apologise.\n\n" + b"Thanks,we did it.\n" * 130 + b"\nThank you.\n")
w("names.txt", b"Dear Team,\n\nWe are sorry.\n\n" + b"[Name] " * 130 + b"\n\nThank you.\n")
rule = {"id": "r", "kind": "forbid", "severity": "warning", "scope": "text", "summary": "S.",
        "message": "M.", "suggestion": "S.", "explain": "E.", "sources": ["test"],
        "patterns": ["x"], "examples": {"bad": ["x"], "good": ["y"]}}
def pack(name, rules):
    os.makedirs(os.path.join(d, name), exist_ok=True)
    w(os.path.join(name, "pack.json"), json.dumps(rules, indent=1).encode())
pack("pack-10k", [dict(rule, id="house-%05d" % i, patterns=["\\bzq%d\\b" % i]) for i in range(10000)])
pack("pack-20k", [dict(rule, id="house-%05d" % i) for i in range(20001)])
pack("pack-long", [dict(rule, patterns=["a" * 8193])])
pack("pack-dup", [rule, rule])
pack("pack-type", [dict(rule, severity=3)])
pack("pack-slow", [dict(rule, id="slow", patterns=["(?:\\w+\\s?)+!!"])])
w("slow.txt", b"Dear Team,\n\nWe are sorry.\n\n" + b"word " * 40 + b"!\n\nThank you.\n")
PY

run() { run_sh "$@"; } # tests/lib.sh
# has NAME LINE: stdout holds the line exactly
has() { expect "$1: output" "grep -qxF -- '$2' '$tmp/out'"; }
lint="'$bin' -q --no-config"

# 1. what cannot be a letter is refused by name; nothing judged (exit 2)
run "png image" 2 "appeal-lint: cannot check $b/image.txt: it is a PNG image, not a plain-text letter (save the letter as .txt)" "$lint $b/image.txt"
run "zip bytes: read as a .docx, damaged" 2 "appeal-lint: cannot read $b/word.txt: it is damaged or not a .docx (no ZIP archive found in it)" "$lint $b/word.txt"
run "binary noise" 2 "appeal-lint: cannot check $b/noise.txt: it is binary data, not a plain-text letter (save the letter as .txt)" "$lint $b/noise.txt"
run "10 MB line: over the size limit" 2 "appeal-lint: $b/long-line.txt is larger than the limit of 1048576 bytes (raise it with --max-size)" "$lint $b/long-line.txt"
run "missing file" 2 "appeal-lint: cannot open $b/nope.txt: No such file or directory" "$lint $b/nope.txt"
mkdir "$b/no-letters"
run "a folder without letters" 2 "appeal-lint: cannot read $b/no-letters: it is a folder without .txt, .md or .docx letters" "$lint $b/no-letters"
run "stdin is a directory" 2 "appeal-lint: cannot read <stdin>: Is a directory" "$lint - <'$b'"
run "stdin closed" 2 "appeal-lint: cannot read <stdin>: standard input is closed" "$lint - <&-"
run "stdout closed" 2 "appeal-lint: cannot write the output: Bad file descriptor" "'$bin' --no-config $b/plain.txt >&-"
mkfifo "$b/fifo.txt"
run "fifo without a writer: read as empty, no hang" 1 "" "$lint $b/fifo.txt"
has "fifo without a writer" "$b/fifo.txt:1:1: error: The letter is empty. [encoding]"
run "fifo with a writer" 1 "" "cat $b/plain.txt >$b/fifo.txt & $lint $b/fifo.txt"
has "fifo with a writer" "$b/fifo.txt:6:1: error: Unfilled template field \"[Your Name]\". [placeholder]"
# a device or a socket is no letter: /dev/null was read as an empty letter,
# /dev/zero as one too large, and a socket gave "No such device or address"
run "/dev/null: not a file" 2 "appeal-lint: cannot read /dev/null: it is not a file" "$lint /dev/null"
run "/dev/zero: not a file, not read" 2 "appeal-lint: cannot read /dev/zero: it is not a file" "timeout 10 $lint /dev/zero"
run "a device among letters: the others judged" 2 "appeal-lint: cannot read /dev/null: it is not a file" "$lint /dev/null $b/plain.txt"
has "a device among letters" "$b/plain.txt:6:1: error: Unfilled template field \"[Your Name]\". [placeholder]"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$b/socket.txt"
run "a socket: not a file" 2 "appeal-lint: cannot read $b/socket.txt: it is not a file" "$lint $b/socket.txt"

# 2. text that is damaged is linted, and the damage is a finding (exit 1)
run "empty file" 1 "" "$lint $b/empty.txt"
has "empty file" "$b/empty.txt:1:1: error: The letter is empty. [encoding]"
run "whitespace only" 1 "" "$lint $b/blank.txt"
has "whitespace only" "$b/blank.txt:1:1: error: The letter is empty. [encoding]"
run "NUL inside text" 1 "" "$lint $b/nul.txt"
has "NUL inside text" "$b/nul.txt:3:24: error: The file holds NUL bytes: it may be a word-processor file, not plain text. [encoding]"
for f in truncated:7:14 overlong:7:8 surrogate:7:8; do
	n=${f%%:*}
	run "invalid UTF-8 ($n)" 1 "" "$lint $b/$n.txt"
	has "invalid UTF-8 ($n)" "$b/$n.txt:${f#*:}: error: These bytes are not UTF-8 text; the file may be saved in another encoding. [encoding]"
done

# control characters from the letter never reach the terminal raw: the
# text report spells them "\x1b" in messages and excerpts (the marker stays
# under its span), GitHub's annotations too; JSON escapes them as JSON does
run "control characters" 1 "" "'$bin' --no-config $b/controls.txt"
has "control characters: message" "$b/controls.txt:5:5: error: Unfilled template field \"[Your\\x1bName\\x07]\". [placeholder]"
has "control characters: excerpt" "     5 | Ask [Your\\x1bName\\x07] or \\x7f\\x9b[Agent]."
has "control characters: marker under the span" "       |     ^~~~~~~~~~~~~~~~~~"
has "control characters: marker after them" "       |                                   ^~~~~~~"
expect "control characters: none raw in the text report" "! LC_ALL=C grep -q \"\$(printf '[\\001-\\010\\016-\\037\\177]\\|\\302[\\200-\\237]')\" '$tmp/out'"
run "control characters: github" 1 "" "'$bin' --no-config -f github $b/controls.txt"
expect "control characters: github spells them" "grep -qF 'field \"[Your\\x1bName\\x07]\"' '$tmp/out' && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"
run "control characters: json" 1 "" "'$bin' --no-config -f json $b/controls.txt"
expect "control characters: json escapes them" "grep -qF '[Your\\u001bName\\u0007]' '$tmp/out' && ! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/out'"

# 3. every encoding and line ending of one letter: the same finding, same place
for f in plain utf16le utf16be bom cr; do
	run "encoding $f" 1 "" "$lint $b/$f.txt"
	has "encoding $f" "$b/$f.txt:6:1: error: Unfilled template field \"[Your Name]\". [placeholder]"
done
run "UTF-8 BOM: JSON offset counts it" 1 "" "'$bin' --no-config --format json $b/bom.txt"
expect "UTF-8 BOM: offset" "python3 -c 'import json,sys; f=json.load(open(\"$tmp/out\"))[\"files\"][0][\"findings\"]; p=[x for x in f if x[\"rule\"]==\"placeholder\"][0]; sys.exit(p[\"offset\"]!=83)'"

# 4. the reader goes away: quiet, no SIGPIPE death, an exit code of the contract
run "closed pipe (| head -0)" 0 "" "{ '$bin' --no-config corpus/*.txt; echo \$? >$tmp/rc; } | head -c 0; read rc <$tmp/rc; [ \$rc -le 1 ]"

# 5. bounded work: a pattern that backtracks gives up once, with its place;
# a rule keeps 100 findings and says how many more there were
run "match limit" 0 "" "$lint --rules $b/pack-slow $b/slow.txt"
has "match limit" "$b/slow.txt:5:1: warning: rule slow gave up at line 5: match limit [slow]"
run "too many findings" 1 "" "$lint $b/names.txt"
expect "too many findings: 100 kept" "[ \$(grep -c '\\[placeholder\\]\$' '$tmp/out') -eq 101 ]"
has "too many findings: a count" "$b/names.txt:5:700: info: rule placeholder: 30 more findings in this letter are not shown [placeholder]"

# 6. rule packs from elsewhere
run "10,000 rules load" 0 "" "$lint --rules $b/pack-10k corpus/03-lsr-handling-time.txt"
run "20,001 rules: a clear limit" 2 "appeal-lint: $b/pack-20k/pack.json:1:1: too many rules: a rule set holds at most 20000" "$lint --rules $b/pack-20k $b/plain.txt"
run "pattern too long" 2 "appeal-lint: $b/pack-long/pack.json:15:4: rule 'r': patterns[0]: a pattern is longer than 8192 bytes" "$lint --rules $b/pack-long $b/plain.txt"
run "duplicate id" 2 "appeal-lint: $b/pack-dup/pack.json:3:3: rule 'r' is defined twice (also in $b/pack-dup/pack.json)" "$lint --rules $b/pack-dup $b/plain.txt"
run "wrong type" 2 "appeal-lint: $b/pack-type/pack.json:5:3: rule 'r': 'severity' must be one of: info, warning, error" "$lint --rules $b/pack-type $b/plain.txt"
run "invalid JSON" 2 "appeal-lint: tests/data/rules-badjson/bad.json:3:20: invalid JSON near ','" "$lint --rules tests/data/rules-badjson $b/plain.txt"
run "bad regex" 2 "appeal-lint: tests/data/rules-badregex/broken.json:11:31: rule 'no-sorry': patterns[1]: pattern error: missing closing parenthesis at offset 9" "$lint --rules tests/data/rules-badregex $b/plain.txt"
run "unknown key" 2 "appeal-lint: tests/data/rules-unknownkey/typo.json:11:3: rule 'no-sorry': unknown key 'pattern'" "$lint --rules tests/data/rules-unknownkey $b/plain.txt"
run "a rule file that is a FIFO: refused, no hang" 2 "appeal-lint: cannot read $b/fifo-rules/x.json: it is not a regular file" "mkdir -p $b/fifo-rules && mkfifo $b/fifo-rules/x.json && $lint --rules $b/fifo-rules $b/plain.txt"

# 7. permissions, as an ordinary user: root may read and write anything
pub=$tmp/pub
mkdir "$pub" && chmod 755 "$tmp" "$pub" && cp "$bin" "$pub/appeal-lint"
asuser=
[ "$(id -u)" = 0 ] && asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
cp "$b/plain.txt" "$pub/secret.txt" && chmod 000 "$pub/secret.txt"
run "file without read permission" 2 "appeal-lint: cannot open $pub/secret.txt: Permission denied" \
	"$asuser $pub/appeal-lint -q --no-config $pub/secret.txt"

# 8. --fix never leaves a partial letter: killed between writing and
# renaming, or with rename or fsync failing, the letter is as it was
printf 'Dear Team,\n\nWe apologise for the late parcels on 3 March 2024\357\274\214and we keep buyers moreinformed now.\n\nThank you for your time.\n\nSincerely,\nLin\n' >"$tmp/orig.txt"
mkdir "$tmp/fix"
f=$tmp/fix/letter.txt
shim="ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD=$PWD/build/failshim.so"
cp "$tmp/orig.txt" "$f"
# (the braces keep the shell's own "Killed" out of the captured stderr)
run "fix killed before the rename" 137 "" "{ env $shim AL_FAIL=kill '$bin' -q --no-config --fix $f; r=\$?; } 2>/dev/null; exit \$r"
expect "fix killed: letter intact" "cmp -s '$tmp/orig.txt' '$f'"
rm -f "$tmp/fix/letter.txt."*
for why in rename fsync; do
	run "fix: $why fails" 2 "appeal-lint: cannot fix $f: Input/output error" "$shim AL_FAIL=$why '$bin' -q --no-config --fix $f"
	expect "fix: $why fails: letter intact" "cmp -s '$tmp/orig.txt' '$f'"
	expect "fix: $why fails: no temporary file left" "[ \"\$(ls '$tmp/fix')\" = letter.txt ]"
done
chmod 444 "$f"
run "fix: read-only file" 2 "appeal-lint: cannot fix $f: the file is read-only" "$lint --fix $f"
expect "fix: read-only file unchanged" "cmp -s '$tmp/orig.txt' '$f'"
chmod 644 "$f" && chmod 555 "$tmp/fix"
run "fix: read-only folder" 2 "appeal-lint: cannot fix $f: its folder is read-only" "$lint --fix $f"
expect "fix: read-only folder: letter unchanged" "cmp -s '$tmp/orig.txt' '$f'"
chmod 755 "$tmp/fix"
ln -s letter.txt "$tmp/fix/link.txt"
run "fix through a symbolic link" 0 "$tmp/fix/link.txt:3:50: fixed: \"$(printf '\357\274\214')\" -> \", \" [cjk-text]" "$lint --fix $tmp/fix/link.txt"
expect "fix through a link: still a link" "[ -L '$tmp/fix/link.txt' ]"
expect "fix through a link: the letter mended" "grep -q 'more informed' '$f'"

# 9. --fix keeps what it does not mend: CRLF, the byte order mark, the mode,
# a link from another folder (the target is written, the link stays), the
# writer's punctuation ("Thanks,we" -> "Thanks, we", not "Thanks we"), and
# a UTF-16 letter stays UTF-16 with its CRLF
mkdir "$tmp/keep" "$tmp/keep/links"
printf '\357\273\277Dear Team,\r\n\r\nThanks,we refunded ASINs B07XJ8C8F5,B07XJ8C8F6.\r\nRights owner:John Smith.\r\n' >"$tmp/keep/letter.txt"
printf '\357\273\277Dear Team,\r\n\r\nThanks, we refunded ASINs B07XJ8C8F5,B07XJ8C8F6.\r\nRights owner: John Smith.\r\n' >"$tmp/keep/want.txt"
chmod 600 "$tmp/keep/letter.txt"
ln -s ../letter.txt "$tmp/keep/links/link.txt"
run "fix: CRLF, BOM, mode and a link kept" 0 "$tmp/keep/links/link.txt:3:7: fixed: \",\" -> \", \" [missing-space]" "$lint --fail-on none --fix $tmp/keep/links/link.txt"
expect "fix: CRLF, BOM and punctuation kept" "cmp -s '$tmp/keep/want.txt' '$tmp/keep/letter.txt'"
expect "fix: the mode kept" "[ \"\$(stat -c %a '$tmp/keep/letter.txt')\" = 600 ]"
expect "fix: the link kept, pointing where it did" "[ -L '$tmp/keep/links/link.txt' ] && [ \"\$(readlink '$tmp/keep/links/link.txt')\" = ../letter.txt ]"
run "fix: a second --fix finds nothing" 0 "" "$lint --fail-on none --fix $tmp/keep/links/link.txt"
expect "fix: a second --fix changes nothing" "cmp -s '$tmp/keep/want.txt' '$tmp/keep/letter.txt'"
printf 'Dear Team,\r\nThanks,we refunded them.\r\n' >"$tmp/keep/in.txt"
run "fix: standard input" 0 "" "$lint --fail-on none --fix - <'$tmp/keep/in.txt' >'$tmp/keep/out.txt'"
expect "fix: standard input keeps CRLF and the comma" "printf 'Dear Team,\\r\\nThanks, we refunded them.\\r\\n' | cmp -s - '$tmp/keep/out.txt'"
python3 -c 'import sys; open(sys.argv[1], "wb").write("Dear Team,\r\nThanks,we refunded them.\r\n".encode("utf-16"))' "$tmp/keep/u16.txt"
run "fix: a UTF-16 letter" 0 "$tmp/keep/u16.txt:2:7: fixed: \",\" -> \", \" [missing-space]" "$lint --fail-on none --fix $tmp/keep/u16.txt"
expect "fix: UTF-16 stays UTF-16 with CRLF" "python3 -c 'import sys; sys.exit(open(sys.argv[1], \"rb\").read() != \"Dear Team,\\r\\nThanks, we refunded them.\\r\\n\".encode(\"utf-16\"))' '$tmp/keep/u16.txt'"

# --fix mends every fixable finding, not only the 100 a rule reports
cp "$b/commas.txt" "$tmp/fix/commas.txt"
run "fix: past a rule's 100 findings" 0 "$tmp/fix/commas.txt:5:7: fixed: \",\" -> \", \" [missing-space]" "$lint --fix $tmp/fix/commas.txt"
expect "fix: past 100: all 130 said" "[ \$(grep -c 'fixed: .* \\[missing-space\\]\$' '$tmp/err') -eq 130 ]"
expect "fix: past 100: all 130 mended" "[ \$(grep -c 'Thanks, we did it' '$tmp/fix/commas.txt') -eq 130 ] && ! grep -q 'Thanks,we' '$tmp/fix/commas.txt'"
run "fix: past 100 from standard input" 0 "" "$lint --fix - <'$b/commas.txt'"
expect "fix: past 100 from standard input: all 130 mended" "[ \$(grep -c 'Thanks, we did it' '$tmp/out') -eq 130 ]"
cp "$b/names.txt" "$tmp/fix/names.txt"
run "fix: the report after it keeps a rule's 100 findings" 1 "" "$lint --fix $tmp/fix/names.txt"
expect "fix: report capped" "[ \$(grep -c '\\[placeholder\\]\$' '$tmp/out') -eq 101 ]"
rm -f "$tmp/fix/commas.txt" "$tmp/fix/names.txt"

# --fix refuses what is not a regular file before opening it: a FIFO
# blocked for ever on the open for the check that the letter is unchanged
mkfifo "$tmp/fix/fifo.txt"
run "fix on a FIFO: refused, no hang" 2 "appeal-lint: cannot fix $tmp/fix/fifo.txt: it is not a regular file" \
	"cat '$tmp/orig.txt' >'$tmp/fix/fifo.txt' & timeout 10 $lint --fix $tmp/fix/fifo.txt"
rm -f "$tmp/fix/fifo.txt"

# --fix keeps the letter's owner and group, or refuses: a member of the
# letter's group (not its owner) made it his own group's, and the owner
# lost the right to write it
if [ "$(id -u)" = 0 ]; then
	g=$tmp/group
	mkdir "$g" && cp "$tmp/orig.txt" "$g/letter.txt"
	chown 0:4242 "$g" "$g/letter.txt" && chmod 775 "$g" && chmod 664 "$g/letter.txt"
	run "fix by a member of the letter's group: refused" 2 \
		"appeal-lint: cannot fix $g/letter.txt: its owner or group would change (fix it as its owner)" \
		"setpriv --reuid=65534 --regid=65534 --groups=4242 $pub/appeal-lint -q --no-config --fix $g/letter.txt"
	expect "fix by a group member: letter unchanged" "cmp -s '$tmp/orig.txt' '$g/letter.txt'"
	expect "fix by a group member: owner and group kept" "[ \"\$(stat -c %u:%g '$g/letter.txt')\" = 0:4242 ]"
	expect "fix by a group member: no temporary file left" "[ \"\$(ls '$g')\" = letter.txt ]"
	run "fix by root: allowed, owner and group kept" 0 "" "$lint --fix $g/letter.txt 2>&1 >/dev/null"
	expect "fix by root: owner and group kept" "[ \"\$(stat -c %u:%g '$g/letter.txt')\" = 0:4242 ]"
fi

# 10. --output never replaces an input, a link or a read-only file
o=$tmp/reports
mkdir "$o" && cp "$b/plain.txt" "$o/same.txt"
run "--output is the letter: refused" 2 "appeal-lint: cannot write $o/same.txt: it is one of the letters being checked" \
	"$lint -o $o/same.txt $o/same.txt"
expect "--output is the letter: letter intact" "cmp -s '$b/plain.txt' '$o/same.txt'"
run "--output is a letter of the folder checked: refused" 2 \
	"appeal-lint: cannot write $o/./same.txt: it is one of the letters being checked" "$lint -o $o/./same.txt $o"
ln -s same.txt "$o/report.txt"
run "--output is a link to the letter: refused" 2 "appeal-lint: cannot write $o/report.txt: it is one of the letters being checked" \
	"$lint -o $o/report.txt $o/same.txt"
: >"$o/target.json" && ln -s target.json "$o/link.json"
run "--output through a link" 1 "" "$lint -f json -o $o/link.json $b/plain.txt"
expect "--output through a link: still a link" "[ -L '$o/link.json' ]"
expect "--output through a link: the target written" "grep -q placeholder '$o/target.json'"
: >"$o/ro.json" && chmod 444 "$o/ro.json"
run "--output read-only: refused" 2 "appeal-lint: cannot write $o/ro.json: the file is read-only" "$lint -o $o/ro.json $b/plain.txt"
expect "--output read-only: left empty" "[ ! -s '$o/ro.json' ]"
mkfifo "$o/fifo.json"
run "--output a FIFO: refused" 2 "appeal-lint: cannot write $o/fifo.json: it is not a regular file" "$lint -o $o/fifo.json $b/plain.txt"

echo "robust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
