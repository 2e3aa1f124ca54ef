#!/usr/bin/python3
"""stemcheck.py - `make stemcheck`: lexicon entries of rules/concepts.json
whose key (stem) other dictionary words share without being their
inflections or derivations, so that the entry matches them too: "identical" matches
"identity", "rating" matches "rate", "customer" matches "customs". Each
such entry should be written as the words it means ("=identical"). A
report for a maintainer, not a test."""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
ENDINGS = re.compile(r"^(s|es|ed|d|ing|ings|er|ers|est|ly|ily|ies|ied)$")


def keys(words):
    run = subprocess.run([os.path.join(ROOT, "build", "stemkey")], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    return dict(line.split("\t") for line in run.stdout.splitlines())


def inflection(word, entry):
    """Is word entry itself, inflected or derived ("cared", "tried",
    "occurring", "carelessness"), rather than another word?"""
    word = word.removesuffix("'s").removesuffix("'")
    if word.startswith(entry) or entry.startswith(word):
        return True
    for base in (entry, entry[:-1], entry + entry[-1]):  # care, try, occur
        rest = word[len(base):] if word.startswith(base) else None
        if rest is not None and ENDINGS.match(rest or "s"):
            return True
    return entry.endswith("y") and word.startswith(entry[:-1] + "i") and ENDINGS.match(word[len(entry):] or "s")


def main():
    dicts = [os.path.join(ROOT, "build", f) for f in ("en_US.words", "en_GB.words")]
    if not all(os.path.exists(p) for p in dicts):
        sys.exit("stemcheck: skipped: build/en_US.words and en_GB.words are missing (make builds them)")
    words = set()
    for p in dicts:
        words |= {w.strip() for w in open(p, encoding="utf-8", errors="replace") if w.strip().islower()}
    lexicon = json.load(open(os.path.join(ROOT, "rules", "concepts.json"), encoding="utf-8"))["concepts"]
    entries = [(c, e) for c, v in lexicon.items() for e, _ in v["entries"]
               if re.fullmatch(r"[a-z']+", e)]
    wkey = keys(sorted(words))
    ekey = keys(sorted({e for _, e in entries}))
    by_key = {}
    for w, k in wkey.items():
        by_key.setdefault(k, []).append(w)
    found = 0
    for c, e in entries:
        others = sorted(w for w in by_key.get(ekey.get(e), []) if w != e and not inflection(w, e))
        if others:
            found += 1
            print(f"{c:14} {e:16} also: {' '.join(others[:10])}")
    print(f"stemcheck: {found} of {len(entries)} one-word entries share their key with other words")


if __name__ == "__main__":
    main()
