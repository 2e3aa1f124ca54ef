#!/usr/bin/python3
"""blind.py - how well the wording rules judge letters written by people
who never saw them: each line of tests/blind/*.jsonl is a letter and the
checks that must fire (true) or stay silent (false) on it, with "type:ID"
for letter types. Prints per-check precision and recall, and with -v each
item judged wrongly. Figures, not a test: `make blind` runs it. The sets
are frozen: tuning rules on their letters spends them."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "..", "appeal-lint")


def judge(text):
    run = subprocess.run([BIN, "--no-config", "--format", "json", "--fail-on", "none", "--lang", "en",
                          "--stdin-filename", "letter.txt", "-"], input=text, capture_output=True,
                         text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"blind.py: appeal-lint exited {run.returncode}: {run.stderr.strip()}")
    out = run.stdout
    got = set()
    for fr in json.loads(out)["files"]:
        got |= {f["rule"] for f in fr["findings"]}
        got |= {"type:" + t for t in fr.get("types", [])}
    return got


def judge_file(path, verbose):
    counts = {}
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        got = judge(item["text"])
        for check, want in item["checks"].items():
            key = "types" if check.startswith("type:") else check
            c = counts.setdefault(key, [0, 0, 0, 0])  # tp fp fn tn
            fired = check in got
            c[(0 if want else 1) if fired else (2 if want else 3)] += 1
            if fired != want and verbose:
                print(f"{item['id']}: {check} {'fired' if fired else 'silent'}, want "
                      f"{'fire' if want else 'silent'} ({item.get('note', '')})")
    return counts


def row(name, c):
    tp, fp, fn, tn = c
    return (f"{name:18} {tp + fp + fn + tn:5} {tp / max(tp + fp, 1):9.2f} {tp / max(tp + fn, 1):6.2f} "
            f"{(tp + tn) / max(tp + fp + fn + tn, 1):8.2f}")


def main(argv):
    verbose = "-v" in argv
    files = [a for a in argv if not a.startswith("-")] or sorted(
        os.path.join(HERE, "blind", f) for f in os.listdir(os.path.join(HERE, "blind")) if f.endswith(".jsonl"))
    for path in files:
        counts = judge_file(path, verbose)
        total = [0, 0, 0, 0]
        print(f"{os.path.basename(path)}\n{'check':18} {'items':>5} {'precision':>9} {'recall':>6} {'accuracy':>8}")
        for key in sorted(counts):
            total = [a + b for a, b in zip(total, counts[key])]
            print(row(key, counts[key]))
        print(row("all", total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
