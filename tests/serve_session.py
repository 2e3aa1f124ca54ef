#!/usr/bin/env python3
"""serve_session.py CMD... - runs `CMD --no-config serve --port 0` (the
program, under valgrind for `make leakcheck`), sends it requests of every
kind (letters in each format and language, a .docx, refusals, an oversize
body), stops it with SIGTERM and exits with its exit status."""
import glob
import http.client
import signal
import sys

import serveproc

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
try:
    p, host = serveproc.start(sys.argv[1:], ["--no-config", "--max-size", "64K"])
except RuntimeError:
    sys.exit(98)
port = serveproc.port_of(host)


def ask(method, path, body=None, ctype="text/plain", h=host):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    c.request(method, path, body, {"Host": h, "Content-Type": ctype})
    c.getresponse().read()
    c.close()


for f in sorted(glob.glob("corpus/*.txt"))[:6]:
    data = open(f, "rb").read()
    ask("POST", "/api/lint?filename=" + f, data)
    ask("POST", "/api/lint?format=sarif&lang=zh-CN", data)
docx = open("tests/data/docx/late-shipments.docx", "rb").read()
ask("POST", "/api/lint?filename=x.docx", docx, DOCX)
ask("POST", "/api/text", docx, DOCX)
ask("POST", "/api/text", b"no zip", DOCX)
ask("POST", "/api/lint", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "application/octet-stream")
ask("POST", "/api/lint", b"x" * 70000)
ask("POST", "/api/lint?format=xml", b"x")
ask("POST", "/api/lint", b"x", "application/json")
ask("GET", "/healthz", h="evil.example")
for path in ("/", "/app.js", "/app.css", "/api/rules", "/api/rules?lang=zh-CN", "/healthz", "/nothing"):
    ask("GET", path)
p.send_signal(signal.SIGTERM)
sys.exit(p.wait())
