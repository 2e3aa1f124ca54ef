#!/usr/bin/env python3
"""grades.py - does the score track quality? Scores the letters graded by
the rubric in tests/grades/README.md (the letters of tests/grades/ and the
corpus letters listed in tests/grades/corpus.list), prints Kendall's tau-b
between score and grade and the mean score per grade, and fails when tau-b
over the letters of tests/grades/ or over both sets is under 0.8, or when
the means are not ordered excellent > good > weak > bad.

    python3 tests/grades.py [--verbose]   # --verbose: every letter's score
"""
import json
import math
import os
import subprocess
import sys

GRADES = {"bad": 0, "weak": 1, "good": 2, "excellent": 3}
TARGET = 0.8     # tests/grades/
FLOOR_ALL = 0.7  # both sets
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def tau_b(xs, ys):
    """Kendall's tau-b: (concordant - discordant) over the pairs, corrected
    for ties on either side (grades tie by design)."""
    conc = disc = tie_x = tie_y = 0
    n = len(xs)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tie_x += 1
            elif dy == 0:
                tie_y += 1
            elif (dx > 0) == (dy > 0):
                conc += 1
            else:
                disc += 1
    den = math.sqrt((conc + disc + tie_x) * (conc + disc + tie_y))
    return (conc - disc) / den if den else 0.0


def graded_letters():
    """[(path, grade, set)] for both sets."""
    out = []
    folder = os.path.join("tests", "grades")
    for name in sorted(os.listdir(os.path.join(ROOT, folder))):
        if name.endswith(".txt"):
            out.append((os.path.join(folder, name), GRADES[name.split("-")[0]], "grades"))
    with open(os.path.join(ROOT, folder, "corpus.list"), encoding="utf-8") as f:
        for line in f:
            words = line.split("#")[0].split()
            if words:
                out.append((os.path.join("corpus", words[0]), GRADES[words[1]], "corpus"))
    return out


def scores(paths):
    """Each letter's score, from one run of appeal-lint over them all."""
    run = subprocess.run(["./appeal-lint", "--no-config", "--format", "json", "--fail-on", "none"] + paths,
                         cwd=ROOT, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit("grades: appeal-lint exited %d: %s" % (run.returncode, run.stderr.strip()))
    return {f["path"]: f["score"] for f in json.loads(run.stdout)["files"]}


def self_test():
    """The statistic itself must be right, or a pass means nothing."""
    checks = [tau_b([1, 2, 3, 4], [1, 2, 3, 4]) == 1.0, tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0,
              abs(tau_b([1, 2, 2, 3], [1, 2, 3, 3]) - 0.8) < 1e-9]
    return all(checks)


def main():
    verbose = "--verbose" in sys.argv
    letters = graded_letters()
    got = scores([p for p, _, _ in letters])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL grades: " + what)

    check(self_test(), "Kendall's tau-b gives wrong values on known series")
    names = {v: k for k, v in GRADES.items()}
    if verbose:
        for p, g, _ in sorted(letters, key=lambda t: (t[1], got[t[0]])):
            print("%3d  %-9s  %s" % (got[p], names[g], p))
    for which in ("grades", "corpus", "all"):
        sel = [(got[p], g) for p, g, s in letters if which in ("all", s)]
        tau = tau_b([s for s, _ in sel], [g for _, g in sel])
        means = []
        for g in sorted(GRADES.values(), reverse=True):
            xs = [s for s, gg in sel if gg == g]
            means.append((names[g], sum(xs) / len(xs) if xs else float("nan"), len(xs)))
        print("%-6s n=%-3d tau-b=%.3f  means: %s" % (which, len(sel), tau,
              ", ".join("%s %.1f (%d)" % m for m in means)))
        if which in ("grades", "all"):
            need = TARGET if which == "grades" else FLOOR_ALL
            check(tau >= need, "%s: tau-b %.3f is under %.1f" % (which, tau, need))
            ordered = all(means[i][1] > means[i + 1][1] for i in range(len(means) - 1))
            check(ordered, "%s: mean scores are not ordered excellent > good > weak > bad" % which)
    print("grades: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
