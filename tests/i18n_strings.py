#!/usr/bin/python3
"""i18n_strings.py PO SRC... - the program strings marked for translation
(_("...") and N_("...") in the C sources) that po has no translation for.
Prints each missing msgid and exits 1 if any; with --list, prints every
msgid as a po entry (for adding new ones)."""
import re
import sys

LIT = r'"(?:[^"\\\n]|\\.)*"'
CALL = re.compile(r'\bN?_\(\s*((?:' + LIT + r'\s*)+)\)')


def unescape(lit):
    out = []
    for piece in re.findall(LIT, lit):
        body = piece[1:-1]
        out.append(re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), body))
    return ''.join(out)


def po_entries(path):
    entries, cur, which = {}, None, None
    for line in open(path, encoding='utf-8'):
        line = line.strip()
        if line.startswith('msgid '):
            if cur is not None:
                entries[cur[0]] = cur[1]
            cur, which = ['', ''], 0
            line = line[6:]
        elif line.startswith('msgstr '):
            which = 1
            line = line[7:]
        elif not line.startswith('"'):
            continue
        if cur is not None:
            cur[which] += unescape(line)
    if cur is not None:
        entries[cur[0]] = cur[1]
    return entries


def main():
    args = sys.argv[1:]
    listing = args and args[0] == '--list'
    if listing:
        args = args[1:]
    po, srcs = args[0], args[1:]
    have = po_entries(po)
    seen, missing = [], 0
    for src in srcs:
        for m in CALL.finditer(open(src, encoding='utf-8').read()):
            msgid = unescape(m.group(1))
            if msgid in seen:
                continue
            seen.append(msgid)
            if not have.get(msgid):
                missing += 1
                if not listing:
                    print(f'{src}: no zh-CN translation for {msgid!r}')
                else:
                    esc = msgid.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n"\n"').replace('\t', '\\t')
                    print(f'msgid "{esc}"\nmsgstr ""\n')
    return 1 if missing and not listing else 0


if __name__ == '__main__':
    sys.exit(main())
