#!/usr/bin/python3
"""serve_test.py - appeal-lint serve's HTTP API, against the command line.

Starts the server on a free port (--port 0, the address read from its
first line) and checks: the JSON (and SARIF) of every corpus letter and of
.docx letters is byte for byte what `appeal-lint --format json` prints;
Host headers of other sites, oversize bodies, missing tokens, other
sites' pages and wrong media types are refused with their status and a
JSON error; 50 concurrent clients get their own right answers; /api/rules,
/healthz, /api/text and the security headers; an idle connection is
closed; SIGTERM stops the server with exit status 0. Prints "serve: N
passed, N failed[, N skipped]"."""
import glob
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading

import serveproc
import tally
from tally import check, skip

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "appeal-lint")
TOKEN = "test-token-0123456789abcdef"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Server:
    """appeal-lint [args] serve --port 0, stopped by stop()."""

    def __init__(self, *args, config=False):
        self.p, self.host = serveproc.start([BIN], [*([] if config else ["--no-config"]), *args], ROOT)
        self.port = serveproc.port_of(self.host)

    def request(self, method, path, body=None, headers=None, host=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        c.putrequest(method, path, skip_host=True)
        c.putheader("Host", host if host is not None else self.host)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        if body is not None:
            c.putheader("Content-Length", str(len(body)))
        c.endheaders(body)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def lint(self, body, ctype="application/octet-stream", query="", headers=None, host=None):
        h = {"Content-Type": ctype}
        h.update(headers or {})
        return self.request("POST", "/api/lint" + query, body, h, host)

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            return self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return None


def cli(*args):
    return subprocess.run([BIN, "--no-config", *args], cwd=ROOT, capture_output=True).stdout


def q(path, extra=""):
    from urllib.parse import quote
    return "?filename=" + quote(path) + extra


def letters():
    return sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "corpus", "*"))
                  if os.path.isfile(p) and re.search(r"\.(txt|md|docx)$", p))


def make_docx(path):
    """A .docx with a heading, a numbered list and a table, by python-docx."""
    import docx
    d = docx.Document()
    d.add_heading("Plan of Action", level=1)
    d.add_paragraph("Dear Seller Performance Team,")
    d.add_paragraph("We apologise for the late shipments on our account [Store Name]. It was our mistake.")
    for s in ("We hired a second packer on 3 May 2024.", "We check stock every morning."):
        d.add_paragraph(s, style="List Number")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Order 112-1234567-1234567"
    t.cell(0, 1).text = "Shipped late,we are sorry"
    d.add_paragraph("Thank you for your time.")
    d.save(path)


def test_identical(s):
    for path in letters():
        status, h, body = s.lint(open(os.path.join(ROOT, path), "rb").read(), query=q(path))
        want = cli("--format", "json", path)
        check("json identical: " + path, status == 200 and body == want,
              "status %d, %d bytes against %d" % (status, len(body), len(want)))
        check("exit header: " + path, h.get("x-appeal-lint-exit") in ("0", "1"))
    for path in letters()[:5]:
        data = open(os.path.join(ROOT, path), "rb").read()
        _, _, body = s.lint(data, query=q(path, "&format=sarif"))
        check("sarif identical: " + path, body == cli("--format", "sarif", path))
        _, _, body = s.lint(data, query=q(path, "&lang=zh-CN"))
        check("zh-CN identical: " + path, body == cli("--lang", "zh-CN", "--format", "json", path))
        _, _, body = s.lint(data, ctype="text/plain; charset=utf-8", query=q(path))
        check("text/plain identical: " + path, body == cli("--format", "json", path) or path.endswith(".md"))


def test_docx(s, tmp):
    docs = ["tests/data/docx/late-shipments.docx"]
    try:
        made = os.path.join(tmp, "made.docx")
        make_docx(made)
        docs.append(made)
    except ImportError:
        skip("python-docx letter", "python3-docx is missing")
    for path in docs:
        data = open(os.path.join(ROOT, path), "rb").read()
        status, _, body = s.lint(data, ctype=DOCX, query=q(path))
        check("docx identical: " + path, status == 200 and body == cli("--format", "json", path), body[:200])
        status, h, text = s.request("POST", "/api/text", data, {"Content-Type": DOCX})
        check("docx text: " + path, status == 200 and h["content-type"].startswith("text/plain") and
              (b"Plan of Action" in text or b"Store Name" in text), text[:100])
    status, _, body = s.request("POST", "/api/text", b"not a zip", {"Content-Type": DOCX})
    check("api/text: not a docx is 422", status == 422 and "error" in json.loads(body))
    status, _, body = s.lint(b"PK\x03\x04broken", ctype=DOCX, query=q("broken.docx"))
    check("broken docx: 422 with the CLI's report", status == 422 and json.loads(body)["files"][0]["error"])


def test_refusals(s):
    status, h, body = s.request("GET", "/healthz", host="evil.example:%d" % s.port)
    check("foreign Host refused", status in (403, 421) and "error" in json.loads(body), str(status))
    status, _, _ = s.lint(b"Dear Team", host="attacker.test")
    check("foreign Host refused on the API", status in (403, 421))
    status, _, _ = s.request("GET", "/healthz", host="localhost:%d" % s.port)
    check("localhost Host accepted", status == 200)
    status, _, body = s.lint(b"Dear Team", headers={"Origin": "http://evil.example"})
    check("another site's page refused", status == 403, str(status))
    status, _, body = s.lint(b"Dear Team", headers={"Sec-Fetch-Site": "cross-site"})
    check("cross-site fetch refused", status == 403, str(status))
    status, _, body = s.lint(b"Dear Team", ctype="application/json")
    check("wrong media type: 415", status == 415 and "error" in json.loads(body), str(status))
    status, _, body = s.lint(b"Dear Team", query="?format=xml")
    check("unknown format: 400", status == 400 and "error" in json.loads(body))
    status, _, body = s.lint(b"Dear Team", query="?lang=fr")
    check("unknown lang: 400", status == 400)
    status, _, body = s.lint(b"Dear Team", query="?filename=%0a")
    check("control character in filename: 400", status == 400)
    status, _, _ = s.request("GET", "/nothing")
    check("unknown page: 404", status == 404)
    status, _, _ = s.request("PUT", "/api/lint", b"x", {"Content-Type": "text/plain"})
    check("PUT: 405", status == 405)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    status, h, body = s.lint(png, query=q("image.txt"))
    want = subprocess.run([BIN, "--no-config", "--format", "json", "--stdin-filename", "image.txt", "-"],
                          input=png, capture_output=True).stdout
    check("an image: 422 with the CLI's own report", status == 422 and body == want and
          h.get("x-appeal-lint-exit") == "2", body[:200])


def test_size():
    s = Server("--max-size", "1K")
    try:
        status, _, body = s.lint(b"a" * 2000)
        check("oversize body: 413", status == 413 and "error" in json.loads(body), str(status))
        status, _, _ = s.lint(b"Dear Team,\n\nWe apologise.\n")
        check("a body under the limit: 200", status == 200)
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
        c.putrequest("POST", "/api/lint", skip_host=True)
        c.putheader("Host", s.host)
        c.putheader("Content-Type", "text/plain")
        c.putheader("Transfer-Encoding", "chunked")
        c.endheaders()
        for _ in range(4):
            c.send(b"200\r\n" + b"b" * 512 + b"\r\n")
        c.send(b"0\r\n\r\n")
        r = c.getresponse()
        check("oversize chunked body: 413", r.status == 413, str(r.status))
        c.close()
    finally:
        check("stopped (size)", s.stop() == 0)


def test_token():
    r = subprocess.run([BIN, "--no-config", "--listen", "0.0.0.0", "serve", "--port", "0"],
                       capture_output=True, timeout=30)
    check("beyond loopback without --token: usage error", r.returncode == 2 and b"--token" in r.stderr, r.stderr)
    r = subprocess.run([BIN, "--no-config", "--token", "short", "serve", "--port", "0"], capture_output=True)
    check("weak token refused", r.returncode == 2)
    r = subprocess.run([BIN, "--port", "0", "corpus/01-odr-vacation.txt"], cwd=ROOT, capture_output=True)
    check("--port without serve: usage error", r.returncode == 2)
    s = Server("--listen", "0.0.0.0", "--token", TOKEN)
    try:
        s.host = "127.0.0.1:%d" % s.port
        letter = open(os.path.join(ROOT, "corpus/01-odr-vacation.txt"), "rb").read()
        status, _, body = s.lint(letter)
        check("missing token: 401", status == 401 and "error" in json.loads(body), str(status))
        status, _, _ = s.lint(letter, headers={"Authorization": "Bearer wrong-token-0123456789"})
        check("wrong token: 401", status == 401)
        status, _, body = s.lint(letter, query=q("corpus/01-odr-vacation.txt"),
                                 headers={"Authorization": "Bearer " + TOKEN})
        check("bearer token: 200, same report", status == 200 and
              body == cli("--format", "json", "corpus/01-odr-vacation.txt"))
        status, _, _ = s.request("GET", "/")
        check("page without token: 401", status == 401)
        status, h, _ = s.request("GET", "/?token=" + TOKEN)
        cookie = h.get("set-cookie", "")
        check("URL token traded for a cookie", status == 303 and h.get("location") == "/" and
              "HttpOnly" in cookie and "SameSite=Strict" in cookie, str(h))
        status, _, page = s.request("GET", "/", headers={"Cookie": cookie.split(";")[0]})
        check("page with the cookie", status == 200 and b"<textarea" in page)
        status, _, _ = s.request("GET", "/api/rules", headers={"Cookie": cookie.split(";")[0]})
        check("API with the cookie", status == 200)
        status, _, _ = s.request("GET", "/healthz")
        check("healthz needs no token", status == 200)
    finally:
        check("stopped (token)", s.stop() == 0)


def test_concurrent(s):
    paths = letters()[:50]
    while len(paths) < 50:
        paths += paths[:50 - len(paths)]
    want = {p: cli("--format", "json", p) for p in set(paths)}
    got = [None] * 50

    def client(i):
        try:
            got[i] = s.lint(open(os.path.join(ROOT, paths[i]), "rb").read(), query=q(paths[i]))
        except Exception as e:  # noqa: BLE001 - counted as a wrong answer
            got[i] = (0, {}, str(e).encode())

    threads = [threading.Thread(target=client, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = [paths[i] for i in range(50) if got[i][0] != 200 or got[i][2] != want[paths[i]]]
    check("50 concurrent clients: right answers", not bad, ", ".join(bad[:5]))
    # and in two languages at once: each request's language is its own
    got2 = [None] * 20

    def lang_client(i):
        got2[i] = s.lint(open(os.path.join(ROOT, paths[0]), "rb").read(),
                         query=q(paths[0], "&lang=" + ("zh-CN" if i % 2 else "en")))[2]

    threads = [threading.Thread(target=lang_client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    zh, en = cli("--lang", "zh-CN", "--format", "json", paths[0]), cli("--format", "json", paths[0])
    check("concurrent en and zh-CN", all(got2[i] == (zh if i % 2 else en) for i in range(20)))


def test_pages(s):
    status, h, body = s.request("GET", "/healthz")
    check("healthz", status == 200 and json.loads(body)["status"] == "ok")
    status, h, body = s.request("GET", "/api/rules")
    rules = json.loads(body)["rules"] if status == 200 else []
    listed = subprocess.run([BIN, "--no-config", "--list-rules"], capture_output=True).stdout.decode()
    ids = re.findall(r"^  (\S+)\s", listed, re.M)
    check("api/rules: every rule, explained", sorted(r["id"] for r in rules) == sorted(ids) and
          all(r["explain"] and r["summary"] for r in rules), "%d rules" % len(rules))
    status, _, body = s.request("GET", "/api/rules?lang=zh-CN")
    check("api/rules in Chinese", status == 200 and re.search("[\u4e00-\u9fff]", body.decode()))
    for path, ctype in (("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css"),
                        ("/api/rules", "application/json")):
        status, h, body = s.request("GET", path)
        check("GET %s: %s" % (path, ctype), status == 200 and h["content-type"].startswith(ctype))
        csp = h.get("content-security-policy", "")
        check("GET %s: security headers" % path, "default-src 'self'" in csp and "unsafe-inline" not in csp and
              h.get("cache-control") == "no-store" and h.get("x-content-type-options") == "nosniff" and
              h.get("referrer-policy") == "no-referrer", str(h))
    status, h, _ = s.lint(b"Dear Team,\n\nWe apologise.\n")
    check("API answer: no-store, nosniff", h.get("cache-control") == "no-store" and
          h.get("x-content-type-options") == "nosniff")
    _, _, page = s.request("GET", "/")
    check("page: no inline script, no other site", b"<script>" not in page and b"http" not in
          re.sub(rb'(href|src)="[a-z.]+"', b"", page).replace(b"http-equiv", b""))


def test_timeout():
    s = Server("--timeout", "1")
    try:
        c = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        c.sendall(b"POST /api/lint HTTP/1.1\r\nHost: " + s.host.encode() + b"\r\n")
        try:
            closed = c.recv(100) is not None  # the server closes the idle connection
        except socket.timeout:
            closed = False
        c.close()
        check("idle connection closed (--timeout 1)", closed)
    finally:
        check("stopped (timeout)", s.stop() == 0)


def test_config(tmp):
    """--config and --rules apply as on the command line."""
    cfg = os.path.join(tmp, "agency.json")
    with open(cfg, "w") as f:
        json.dump({"rules": {"blame": "info", "emotional": "off", "dates": {"severity": "error"}},
                   "dictionary": ["Zebrafix"], "marketplace": "UK", "fail_on": "warning",
                   "ignore": [{"rule": "placeholder", "text": "[", "reason": "filled in later"}]}, f)
    args = ["--config", cfg, "--rules", "tests/data/rules-override"]
    s = Server(*args, config=True)
    try:
        for path in letters()[:10]:
            want = subprocess.run([BIN, *args, "--format", "json", path], cwd=ROOT, capture_output=True).stdout
            status, _, body = s.lint(open(os.path.join(ROOT, path), "rb").read(), query=q(path))
            check("--config and --rules as on the CLI: " + path, body == want, "%d: %s" % (status, body[:200]))
    finally:
        check("stopped (config)", s.stop() == 0)


def test_sigterm():
    s = Server()
    s.lint(b"Dear Team,\n\nWe apologise.\n")
    s.p.send_signal(signal.SIGINT)
    try:
        rc = s.p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        s.p.kill()
        rc = None
    check("SIGINT: exit 0", rc == 0, str(rc))


def main():
    if not os.access(BIN, os.X_OK):
        print("serve: skipped: build ./appeal-lint first")
        return 0
    os.environ["LC_ALL"] = "C.UTF-8"
    with tempfile.TemporaryDirectory() as tmp:
        s = Server()
        try:
            test_identical(s)
            test_docx(s, tmp)
            test_refusals(s)
            test_concurrent(s)
            test_pages(s)
        finally:
            check("SIGTERM: exit 0", s.stop() == 0)
        test_size()
        test_token()
        test_timeout()
        test_config(tmp)
        test_sigterm()
    return tally.summary("serve")


if __name__ == "__main__":
    sys.exit(main())
