#!/usr/bin/python3
"""heldout.py - how well the rules judge letters written without sight of
them: tests/heldout/*.txt against the rules a consultant would flag
(tests/heldout/EXPECTED). Prints each letter's misses and extras and the
precision and recall over (letter, rule) pairs. Figures, not a test:
`make heldout` runs it. Tuning rules on these letters spends them; add new
blind letters when the figure is to mean something again."""
import json
import os
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout")
BIN = os.path.join(os.path.dirname(HERE), "..", "appeal-lint")


def main():
    expected = {}
    for line in open(os.path.join(HERE, "EXPECTED"), encoding="utf-8"):
        if line.startswith((" ", "#")) or ":" not in line:
            continue
        name, rules = line.split(":", 1)
        expected[name.strip()] = set(rules.split())
    tp = fp = fn = 0
    for name in sorted(expected):
        out = subprocess.run([BIN, "--no-config", "--format", "json", "--fail-on", "none",
                              os.path.join(HERE, name)], capture_output=True, text=True, check=False).stdout
        got = {f["rule"] for fr in json.loads(out)["files"] for f in fr["findings"]}
        want = expected[name]
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            print(f"{name}: missed {sorted(want - got)}, extra {sorted(got - want)}")
    print(f"heldout: {len(expected)} letters, precision {tp / max(tp + fp, 1):.2f}, "
          f"recall {tp / max(tp + fn, 1):.2f} ({tp} right, {fp} extra, {fn} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
