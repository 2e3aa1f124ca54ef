#!/usr/bin/env python3
"""structure.py - the shape of src/, checked: the include graph has no cycle,
no module includes a header of a later stage, and no function is longer than
MAX_LINES. Ends with "structure: N passed, N failed" like the other suites.

    python3 tests/structure.py [--list] [SRC]

--list prints every function's length, longest first (no checks). SRC is
the source tree (default: src), so that a broken copy can be checked. The
checks also run once on a small tree with one of each fault, which must
fail them, so that a checker broken into passing everything is caught."""
import os
import re
import sys

# The pipeline, earliest stage first: a module may include headers of its
# own stage and of earlier ones, never of a later one.
STAGES = ["base", "input", "model", "rules", "output", "front"]
MAX_LINES = 80
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(root):
    """Every .c and .h under root, as paths relative to it, sorted."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                out.append(os.path.relpath(os.path.join(d, f), root))
    return out


def module(path):
    """A module is its .c and .h together: "model/letter"."""
    return os.path.splitext(path)[0]


def stage(path):
    top = path.split(os.sep)[0]
    return STAGES.index(top) if top in STAGES else None


def includes(root, files):
    """(file, header) for every quoted include that names a file of root;
    headers the build writes (docdir.h) are not modules."""
    known = set(files)
    for f in files:
        text = open(os.path.join(root, f), encoding="utf-8").read()
        for name in INCLUDE.findall(text):
            if name in known:
                yield f, name
            elif os.path.join(os.path.dirname(f), name) in known:
                yield f, os.path.join(os.path.dirname(f), name)


def find_cycle(graph):
    """One cycle of the graph as a list of nodes, or None."""
    state = {}
    stack = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def strip(text):
    """text with comments, strings, character constants and preprocessor
    lines blanked (newlines kept), so braces can be counted."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # a directive, with its continuation lines
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            continue
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if c == "/" and text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
            continue
        out.append(c)
        if c == "\n":
            line_start = True
        elif not c.isspace():
            line_start = False
        i += 1
    return "".join(out)


def functions(text):
    """(name, first line, lines) of every function defined in text; a
    function runs from the first line of its declarator to its closing brace."""
    s = strip(text)
    depth = 0
    head_at = 0          # where the text before the next top-level brace starts
    start = None
    name = None
    for i, c in enumerate(s):
        if c == "{":
            if depth == 0:
                head = s[head_at:i]
                if head.rstrip().endswith(")") and "=" not in head.split("(")[0]:
                    m = re.search(r"(\w+)\s*\(", head)
                    name = m.group(1) if m else "?"
                    lead = len(head) - len(head.lstrip())
                    start = s.count("\n", 0, head_at + lead) + 1
                else:
                    start = None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if start is not None:
                    end = s.count("\n", 0, i) + 1
                    yield name, start, end - start + 1
                start = None
                head_at = i + 1
        elif c == ";" and depth == 0:
            head_at = i + 1


def lengths_of(root, files):
    """(lines, file, name, first line) of every function in root's .c files."""
    out = []
    for f in files:
        if f.endswith(".c"):
            text = open(os.path.join(root, f), encoding="utf-8").read()
            out += [(n, f, name, line) for name, line, n in functions(text)]
    return out


def problems(root):
    """How many things were checked in the tree at root, and what is wrong."""
    files = sources(root)
    checked, wrong = 0, []

    def check(ok, what):
        nonlocal checked
        checked += 1
        if not ok:
            wrong.append(what)

    # every module lives in a stage's folder
    for f in files:
        check(stage(f) is not None, "%s: not in a stage's folder (%s)" % (f, ", ".join(STAGES)))
    graph = {}
    for f, h in includes(root, files):
        a, b = module(f), module(h)
        if a != b:
            graph.setdefault(a, set()).add(b)
        sa, sb = stage(f), stage(h)
        if sa is not None and sb is not None:
            check(sb <= sa, "%s reaches up: it includes %s (%s comes after %s)"
                  % (f, h, STAGES[sb], STAGES[sa]))
    cycle = find_cycle(graph)
    check(cycle is None, "the include graph has a cycle: " + " -> ".join(cycle or []))
    for n, f, name, line in lengths_of(root, files):
        check(n <= MAX_LINES, "%s:%d: %s is %d lines (at most %d)" % (f, line, name, n, MAX_LINES))
    return checked, wrong


# A tree with one of each fault, to show that the checks can fail.
BAD_TREE = {
    "base/low.h": '#include "front/high.h"\n',
    "front/high.h": "",
    "model/a.h": '#include "model/b.h"\n',
    "model/b.c": '#include "model/b.h"\n',
    "model/b.h": '#include "model/a.h"\n',
    "rules/long.c": "static int long_one(void)\n{\n" + "\tx++;\n" * (MAX_LINES - 2) + "}\n"
                    "int short_one(int x)\n{\n\treturn x;\n}\n",
    "stray.c": "",
}


def self_test():
    """The checks on BAD_TREE: each fault found, and nothing else."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        for path, text in BAD_TREE.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as fp:
                fp.write(text)
        _, wrong = problems(root)
    want = ["stray.c: not in a stage's folder", "base/low.h reaches up", "has a cycle: model/a -> model/b -> model/a",
            "long_one is %d lines" % (MAX_LINES + 1)]
    found = [w for w in want if any(w in line for line in wrong)]
    return [w for w in want if w not in found] + ([] if len(wrong) == len(want) else
                                                   ["unexpected: " + "; ".join(wrong)])


def main(argv):
    listing = "--list" in argv
    args = [a for a in argv if a != "--list"]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "src")
    if listing:
        for n, f, name, line in sorted(lengths_of(root, sources(root)), reverse=True):
            print("%4d %s:%d %s" % (n, f, line, name))
        return 0
    checked, wrong = problems(root)
    for w in wrong:
        print("FAIL " + w)
    # the checker itself: a tree with every fault must fail every check
    missed = self_test()
    for m in missed:
        print("FAIL the checks miss a fault they exist for: " + m)
    passed = checked - len(wrong) + (1 if not missed else 0)
    failed = len(wrong) + len(missed)
    print("structure: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
