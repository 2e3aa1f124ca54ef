#!/usr/bin/python3
"""fixprops.py [FILE...] - properties every --fix must have, checked on the
corpus, the blind letters (tests/heldout), the fuzzing inputs (tests/fuzz)
and each of those letters again with CRLF line ends and a byte order mark:

1. each applied fix changes exactly the span and text its finding reports
   (the "fixed:" line names the bytes the JSON finding's fix spans, and the
   new file is the old one with just those fixes spliced in); a fix that
   one fix uncovered is logged "fixed (pass N):", and its finding is one of
   the letter as the passes before left it;
2. a fix of a rule about spacing changes only whitespace;
3. linting the fixed letter again finds no fix of the rules that fixed it;
4. a second --fix changes nothing;
5. the file keeps its mode, its line ends and its byte order mark.

A --fix that drops the comma of "Thanks,we" fails 2; one that splices a
byte too many fails 1, 3 and 4. Prints one line per failure and
"fixprops: N passed, N failed"."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = "./appeal-lint"
# rules whose fixes only add or remove whitespace
SPACING = {"missing-space"}
FIXED = re.compile(r'^(.*):(\d+):(\d+): fixed(?: \(pass (\d+)\))?: "(.*)" -> "(.*)" \[([a-z0-9-]+)\]$')
CAP = re.compile(r"^rule (\S+): \d+ more findings in this letter are not shown$")


def run(*args):
    return subprocess.run([BIN, "--no-config", "--fail-on", "none", *args],
                          capture_output=True, check=False)


def fixable(path):
    """The findings of path that carry a fix, from the JSON output."""
    out = run("--format", "json", path).stdout
    files = json.loads(out)["files"]
    if not files or "findings" not in files[0]:
        return []
    return [f for f in files[0]["findings"] if f.get("fix")]


def fix(path):
    """--fix on path: the "fixed:" lines it printed, parsed into (pass,
    (name, line, column, old, new, rule))."""
    err = run("-q", "--fix", path).stderr.decode("utf-8", "replace")
    logs = []
    for m in filter(None, map(FIXED.match, err.splitlines())):
        g = m.groups()
        logs.append((int(g[3] or 1), g[:3] + g[4:]))
    return logs


def utf16(data):
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


class Check:
    def __init__(self):
        self.passed = self.failed = 0

    def expect(self, ok, name, why):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}: {why}")


def capped(path):
    """The rules whose report on path stops at 100 findings ("rule X: N
    more findings in this letter are not shown")."""
    files = json.loads(run("--format", "json", path).stdout)["files"]
    notes = [f["message"] for f in (files[0].get("findings", []) if files else [])]
    return {m.group(1) for m in (CAP.match(n) for n in notes) if m}


def unreported(before, log):
    """A fix past a rule's 100 reported findings, as a JSON finding would
    give it: its byte offset found from its line and column (code points,
    after a byte order mark)."""
    _, line, col, old, new, rule = log
    bom = 3 if before.startswith(b"\xef\xbb\xbf") else 0
    text = before[bom:].decode("utf-8", "surrogateescape")
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    at = starts[int(line) - 1] + int(col) - 1
    off = bom + len(text[:at].encode("utf-8", "surrogateescape"))
    return {"rule": rule, "fix": {"offset": off, "length": len(old.encode()), "replacement": new}}


def match(log, findings, name, ck, before, cap):
    """The JSON finding each "fixed:" line reports, or None. --fix mends
    past the 100 findings a rule reports (README "Fixing"): a fix of a rule
    that reached that cap may match none, and is then taken from its line."""
    _, line, col, old, new, rule = log
    for f in findings:
        if (f["rule"], f["line"], f["column"]) == (rule, int(line), int(col)) and f["fix"]["replacement"] == new:
            return f
    if rule in cap():
        return unreported(before, log)
    ck.expect(False, name, f"fixed {old!r} -> {new!r} [{rule}] at {line}:{col} matches no finding")
    return None


def splice(data, fixes):
    out, at = b"", 0
    for f in sorted(fixes, key=lambda f: f["fix"]["offset"]):
        off, n = f["fix"]["offset"], f["fix"]["length"]
        out += data[at:off] + f["fix"]["replacement"].encode()
        at = off + n
    return out + data[at:]


def check_pass(name, path, before, logs, findings, ck):
    """Properties 1 and 2 for the fixes of one pass over before (a UTF-8
    letter, whose offsets are bytes); returns the letter they leave."""
    used, seen = [], []

    def cap():
        """The capped rules of the letter as it was, asked for once."""
        if not seen:
            seen.append(capped(written(path, ".before", before)))
        return seen[0]
    for log in logs:
        f = match(log, findings, name, ck, before, cap)
        if not f:
            continue
        old, new, rule = log[3], log[4], log[5]
        off, n = f["fix"]["offset"], f["fix"]["length"]
        got = before[off:off + n].decode("utf-8", "replace")
        ck.expect(got == old, name, f"[{rule}] reports {old!r} but its span holds {got!r}")
        if rule in SPACING:
            ck.expect(re.sub(r"\s", "", old) == re.sub(r"\s", "", new), name,
                      f"[{rule}] is about spacing but changes {old!r} into {new!r}")
        used.append(f)
    return splice(before, used)


def written(path, tag, data):
    """data in a file beside path, named with tag (.md keeps Markdown)."""
    stem, ext = os.path.splitext(path)
    out = stem + tag + ext
    with open(out, "wb") as f:
        f.write(data)
    return out


def check_spans(name, path, before, logs, findings, after, ck):
    """Properties 1 and 2, pass by pass: each pass's fixes are findings of
    the letter the pass before left."""
    text = before
    for n in sorted({p for p, _ in logs}):
        if n > 1:
            findings = fixable(written(path, f".pass{n}", text))
        text = check_pass(name, path, text, [g for p, g in logs if p == n], findings, ck)
    ck.expect(after == text, name, "the fixed file is not the old one with just the reported fixes in it")


def check_file(src, tmp, ck, transform=None):
    name = src + (f" ({transform.__name__})" if transform else "")
    data = open(src, "rb").read()
    if transform:
        data = transform(data)
    path = os.path.join(tmp, os.path.basename(src))
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o640)
    findings = fixable(path)
    logs = fix(path)
    after = open(path, "rb").read()
    if not logs:
        ck.expect(after == data, name, "--fix reported no fix but changed the file")
        return
    if not utf16(data):
        check_spans(name, path, data, logs, findings, after, ck)
    rules = {log[5] for _, log in logs}
    left = [f for f in fixable(path) if f["rule"] in rules]
    ck.expect(not left, name, "still fixable once fixed: " +
              ", ".join(f"[{f['rule']}] {f['line']}:{f['column']}" for f in left[:3]))
    again = fix(path)
    ck.expect(not again and open(path, "rb").read() == after, name,
              f"a second --fix changes it again ({len(again)} fixes)")
    ck.expect(os.stat(path).st_mode & 0o7777 == 0o640, name, "the file's mode changed")
    ck.expect(after.count(b"\r\n") >= data.count(b"\r\n") and after[:3] == data[:3], name,
              "line ends or the byte order mark were not kept")


def crlf(data):
    return re.sub(rb"\r?\n", b"\r\n", data)


def bom(data):
    return data if data.startswith(b"\xef\xbb\xbf") or utf16(data) else b"\xef\xbb\xbf" + data


def inputs():
    files = sorted(glob.glob("corpus/*.txt") + glob.glob("corpus/*.md") + glob.glob("tests/heldout/*.txt"))
    fuzz = sorted(p for p in glob.glob("tests/fuzz/**/*", recursive=True)
                  if os.path.isfile(p) and not p.endswith((".c", ".sh", ".py", ".dict", "README")))
    return files, fuzz


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ck = Check()
    letters, fuzz = (sys.argv[1:], []) if len(sys.argv) > 1 else inputs()
    with tempfile.TemporaryDirectory() as tmp:
        for src in letters:
            for transform in (None, crlf, bom):
                check_file(src, tmp, ck, transform)
        for src in fuzz:
            check_file(src, tmp, ck)
    print(f"fixprops: {ck.passed} passed, {ck.failed} failed")
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())
