#!/usr/bin/env python3
"""lsp_bench.py - time from didChange to publishDiagnostics for a 5 KB
letter, with the server's pause after typing set to 0 (so only the work
counts): median and 95th percentile of 100 edits."""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from lsp_test import Client, init  # noqa: E402

text = ""
for name in sorted(os.listdir("corpus")):
    if name.endswith(".txt") and len(text) < 5000:
        text += open(os.path.join("corpus", name), encoding="utf-8").read()
text = text[:5120]
c = Client()
init(c, ["utf-16"])
c.notify("initialized")
uri = "file:///tmp/appeal-lint-bench.txt"
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
c.diagnostics(uri)
times = []
for v in range(2, 102):
    edit = {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 1 if v % 2 else 0}},
            "text": "" if v % 2 else "W"}
    t = time.perf_counter()
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [edit]})
    c.diagnostics(uri)
    times.append(time.perf_counter() - t)
c.finish()
times.sort()
print(f"lsp: didChange to publishDiagnostics, {len(text.encode())} bytes: median {statistics.median(times)*1000:.2f} ms, "
      f"p95 {times[94]*1000:.2f} ms (debounce excluded)")
