#!/bin/sh
# docx.sh - Word .docx letters on the command line: findings at the
# line:column of the extracted text with the Word paragraph, lists and
# headings read as Word numbers and styles them, --fix refused, damaged
# files named. Letters are made here with python-docx (/usr/bin/python3);
# tests/data/docx/late-shipments.docx was saved by LibreOffice (from the
# .html beside it). Prints "docx: N passed, N failed[, N skipped]".
cd "$(dirname "$0")/.." || exit 2
bin=./appeal-lint
d=tests/data/docx
. tests/lib.sh
lint="'$bin' --no-config"

run() { run_sh "$@"; } # tests/lib.sh
# has NAME LINE: stdout holds the line exactly
has() { expect "$1" "grep -qxF -- '$2' '$tmp/out'"; }
# lacks NAME TEXT: stdout does not hold the text
lacks() { expect "$1" "! grep -qF -- '$2' '$tmp/out'"; }

# ---- the LibreOffice letter (committed) ----
run "libreoffice letter" 1 "" "$lint -q $d/late-shipments.docx"
has "libreoffice: placeholder after a line break" \
	"$d/late-shipments.docx:23:8: error: Unfilled template field \"[Store Name]\". [placeholder]"
expect "libreoffice: nothing else" "[ \$(wc -l <'$tmp/out') -eq 1 ]"
run "libreoffice structure" 0 "" "$lint --structure $d/late-shipments.docx"
has "libreoffice: a Word heading" "  heading    5:3-5:14 [causes]"
has "libreoffice: a Word bulleted list" "  list       7:3-8:92 bulleted, 2 items [causes]"
has "libreoffice: a Word numbered list" "  list       12:4-14:62 numbered, 3 items [actions]"
run "libreoffice: the Word paragraph" 1 "" "$lint $d/late-shipments.docx"
expect "libreoffice: paragraph line" "grep -A2 '^$d/late-shipments.docx:23:8:' '$tmp/out' | grep -qx '  Word paragraph: 13'"
run "libreoffice: sarif wordParagraph" 1 "" "$lint -f sarif $d/late-shipments.docx"
expect "sarif: properties.wordParagraph, no byteOffset" "python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[\"runs\"][0][\"results\"]
assert [x[\"properties\"][\"wordParagraph\"] for x in r] == [13], r
assert \"byteOffset\" not in r[0][\"locations\"][0][\"physicalLocation\"][\"region\"]
' '$tmp/out'"
run "libreoffice: json unchanged in shape" 1 "" "$lint -f json $d/late-shipments.docx"
expect "json: line and column of the extracted text" "python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))[\"files\"][0][\"findings\"]
assert [(x[\"rule\"], x[\"line\"], x[\"column\"]) for x in f] == [(\"placeholder\", 23, 8)], f
assert sorted(f[0]) == sorted([\"rule\", \"severity\", \"line\", \"column\", \"end_line\", \"end_column\",
	\"offset\", \"length\", \"message\", \"suggestion\", \"fix\"]), f[0]
' '$tmp/out'"
run "uppercase suffix" 1 "" "cp $d/late-shipments.docx '$tmp/LETTER.DOCX' && $lint -q '$tmp/LETTER.DOCX'"
has "uppercase suffix: read as .docx" "$tmp/LETTER.DOCX:23:8: error: Unfilled template field \"[Store Name]\". [placeholder]"
run "zip bytes named .txt" 1 "" "cp $d/late-shipments.docx '$tmp/saved-wrong.txt' && $lint -q '$tmp/saved-wrong.txt'"
has "zip bytes named .txt: read as .docx" "$tmp/saved-wrong.txt:23:8: error: Unfilled template field \"[Store Name]\". [placeholder]"
run "standard input" 1 "" "$lint -q - <$d/late-shipments.docx"
has "standard input: read as .docx" "<stdin>:23:8: error: Unfilled template field \"[Store Name]\". [placeholder]"

mkdir "$tmp/drafts"
cp $d/late-shipments.docx "$tmp/drafts/b.docx"
cp $d/late-shipments.docx "$tmp/drafts/~\$b.docx" # Word's lock file beside an open letter
printf 'Dear Team,\n\nWe are sorry.\n' >"$tmp/drafts/a.txt"
run "a folder's .docx letters" 1 "" "$lint -q '$tmp/drafts'"
expect "folder: .txt and .docx, not Word's lock file" "[ \"\$(cut -d: -f1 '$tmp/out' | uniq | tr '\n' ' ')\" = '$tmp/drafts/a.txt $tmp/drafts/b.docx ' ]"

# ---- refusals: exit 2, one line naming the file, nothing written ----
cp $d/late-shipments.docx "$tmp/fix.docx"
run "--fix refuses a .docx" 2 \
	"appeal-lint: cannot fix $tmp/fix.docx: it is a Word document, and --fix changes only plain-text letters (nothing was written)" \
	"$lint --fix '$tmp/fix.docx'"
expect "--fix wrote nothing" "cmp -s $d/late-shipments.docx '$tmp/fix.docx' && [ \$(ls '$tmp' | grep -c fix.docx) -eq 1 ]"
run "--fix of a .docx on standard input" 2 \
	"appeal-lint: cannot fix <stdin>: it is a Word document, and --fix changes only plain-text letters (nothing was written)" \
	"$lint --fix - <$d/late-shipments.docx"
expect "--fix -: nothing on standard output" "[ ! -s '$tmp/out' ]"
head -c 3000 $d/late-shipments.docx >"$tmp/cut.docx"
run "a cut .docx" 2 "appeal-lint: cannot read $tmp/cut.docx: it is damaged or not a .docx (no ZIP archive found in it)" "$lint '$tmp/cut.docx'"
printf 'Dear Team,\n' >"$tmp/text.docx"
run "text named .docx" 2 "appeal-lint: cannot read $tmp/text.docx: it is damaged or not a .docx (no ZIP archive found in it)" "$lint '$tmp/text.docx'"
printf '\320\317\021\340\241\261\032\341' >"$tmp/locked.docx"
head -c 600 /dev/zero >>"$tmp/locked.docx"
run "encrypted .docx (OLE)" 2 "appeal-lint: cannot read $tmp/locked.docx: it is encrypted or an old .doc; save it as .docx without a password" "$lint '$tmp/locked.docx'"
run "--max-size caps the file" 2 "appeal-lint: $d/late-shipments.docx is larger than the limit of 4096 bytes (raise it with --max-size)" "$lint --max-size 4K $d/late-shipments.docx"
run "--max-size caps the unpacked XML" 2 "appeal-lint: cannot read $d/late-shipments.docx: word/numbering.xml holds 7874 bytes once unpacked, over the limit of 7000 (raise it with --max-size)" "$lint --max-size 7000 $d/late-shipments.docx"
run "a damaged .docx among letters: the others judged" 2 "appeal-lint: cannot read $tmp/cut.docx: it is damaged or not a .docx (no ZIP archive found in it)" "$lint -q '$tmp/cut.docx' $d/late-shipments.docx"
has "the others judged" "$d/late-shipments.docx:23:8: error: Unfilled template field \"[Store Name]\". [placeholder]"

# ---- letters made with python-docx ----
if ! /usr/bin/python3 -c 'import docx' 2>/dev/null; then
	skip "python3-docx is not installed"
	summary docx
	exit
fi
/usr/bin/python3 - "$tmp/made.docx" <<'PY' || ko "python-docx could not write the letter"
import sys
import docx
d = docx.Document()
d.add_paragraph("Dear Seller Performance Team,")
d.add_paragraph("We apologise for the late shipments on our account in March 2024. We take full "
                "responsibility for letting our late shipment rate rise to 6%, above the target of under 4%.")
d.add_heading("Root Causes", level=1)
d.add_paragraph("We found these causes:")
d.add_paragraph("Our only packer was ill for two weeks and nobody covered the work.", style="List Bullet")
d.add_paragraph("We confirmed shipment before the parcels were handed to the carrier.", style="List Bullet")
d.add_heading("Corrective Actions", level=1)
d.add_paragraph("We have taken these actions:")
d.add_paragraph("We trained a second employee to pack orders on 4 April 2024.", style="List Number")
d.add_paragraph("We now confirm shipment only after the carrier scans each parcel.", style="List Number")
d.add_paragraph("We review the late shipment rate every Monday morning.", style="List Number")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "Week"
t.cell(0, 1).text = "Late shipment rate"
t.cell(1, 0).text = "8 April 2024"
t.cell(1, 1).text = "0.5%"
d.add_paragraph("Thank you for considering our appeal. Please write to [Your Name] with any question.")
d.add_paragraph("Sincerely,")
d.add_paragraph("Maria Jensen")
d.save(sys.argv[1])
PY
# the text the letter model must get from it, to lint as a .txt
cat >"$tmp/made.txt" <<'TXT'
Dear Seller Performance Team,

We apologise for the late shipments on our account in March 2024. We take full responsibility for letting our late shipment rate rise to 6%, above the target of under 4%.

# Root Causes

We found these causes:

- Our only packer was ill for two weeks and nobody covered the work.
- We confirmed shipment before the parcels were handed to the carrier.

# Corrective Actions

We have taken these actions:

1. We trained a second employee to pack orders on 4 April 2024.
2. We now confirm shipment only after the carrier scans each parcel.
3. We review the late shipment rate every Monday morning.

Week

Late shipment rate

8 April 2024

0.5%

Thank you for considering our appeal. Please write to [Your Name] with any question.

Sincerely,

Maria Jensen
TXT
run "python-docx letter" 1 "" "$lint -q '$tmp/made.docx'"
has "placeholder at the extracted text's line:column" \
	"$tmp/made.docx:28:55: error: Unfilled template field \"[Your Name]\". [placeholder]"
lacks "a Word numbered list is numbered" "[actions-numbered]"
lacks "a Word bulleted list is a list of causes" "[causes-bulleted]"
"$bin" --no-config -q "$tmp/made.txt" 2>&1 | sed "s|made.txt|made.docx|" >"$tmp/want"
expect "the same findings as the extracted text" "diff '$tmp/want' '$tmp/out'"
run "python-docx letter: Word paragraph of a finding" 1 "" "$lint '$tmp/made.docx'"
expect "paragraph 16 (tables' cells count)" "grep -A2 ':28:55: error' '$tmp/out' | grep -qx '  Word paragraph: 16'"
run "python-docx letter: structure" 0 "" "$lint --structure '$tmp/made.docx'"
has "headings" "  heading    5:3-5:14 [causes]"
has "numbered list" "  list       16:4-18:58 numbered, 3 items [actions]"
has "bulleted list" "  list       9:3-10:71 bulleted, 2 items [causes]"
# a numbered list written in Word as plain paragraphs is still prose
/usr/bin/python3 - "$tmp/prose.docx" <<'PY' || ko "python-docx could not write the prose letter"
import sys
import docx
d = docx.Document()
d.add_paragraph("Dear Seller Performance Team,")
d.add_paragraph("We apologise for the late shipments. Our packer was ill, so orders waited.")
d.add_paragraph("We have trained a second packer and we now check the queue every morning.")
d.add_paragraph("Sincerely,")
d.add_paragraph("Maria Jensen")
d.save(sys.argv[1])
PY
run "prose actions" 0 "" "$lint -q '$tmp/prose.docx'"
expect "prose actions: actions-numbered fires" "grep -q '^$tmp/prose.docx:5:1: warning: .* \\[actions-numbered\\]\$' '$tmp/out'"
summary docx
