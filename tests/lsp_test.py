#!/usr/bin/env python3
"""lsp_test.py - a scripted client drives appeal-lint --lsp through whole
sessions and checks every answer. Prints "lsp: N passed, N failed"."""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

import tally
from tally import check

BIN = os.path.abspath("./appeal-lint")


class Client:
    def __init__(self, cwd=None, args=("--lsp", "--no-config")):
        self.p = subprocess.Popen([BIN, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.buf = b""
        self.next_id = 1
        self.notes = []

    def send_raw(self, data):
        try:
            self.p.stdin.write(data)
            self.p.stdin.flush()
        except BrokenPipeError:
            pass  # the server died: the checks that follow say so

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self, timeout=5.0):
        end = time.time() + timeout
        while True:
            if b"\r\n\r\n" in self.buf:
                head, rest = self.buf.split(b"\r\n\r\n", 1)
                n = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")][0].split(b":")[1])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params or {}})
        while True:
            m = self.read()
            if m is None:
                return None
            if m.get("id") == i:
                return m
            self.notes.append(m)

    def exit_code(self, timeout=5):
        """The server's exit status once it stops by itself, or None (killed) if it does not."""
        try:
            return self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return None

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def wait_note(self, method, uri=None):
        for i, m in enumerate(self.notes):
            if m.get("method") == method and (uri is None or m["params"].get("uri") == uri):
                return self.notes.pop(i)
        while True:
            m = self.read()
            if m is None:
                return None
            if m.get("method") == method and (uri is None or m["params"].get("uri") == uri):
                return m
            self.notes.append(m)

    def diagnostics(self, uri):
        m = self.wait_note("textDocument/publishDiagnostics", uri)
        return None if m is None else m["params"]["diagnostics"]

    def finish(self, shutdown=True):
        if shutdown:
            self.request("shutdown")
        self.notify("exit")
        try:
            return self.p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return None


def init(c, encodings):
    return c.request("initialize", {"processId": None, "rootUri": None,
                                    "capabilities": {"general": {"positionEncodings": encodings}},
                                    "initializationOptions": {"debounceMs": 0}})


def cli_findings(path):
    out = subprocess.run([BIN, "--no-config", "--format", "json", "--fail-on", "none", path],
                         capture_output=True).stdout
    return json.loads(out)["files"][0]["findings"]


def utf16_col(line, byte_col):
    return len(line.encode()[:byte_col].decode().encode("utf-16-le")) // 2


def session_utf16():
    c = Client()
    r = c.request("textDocument/hover", {})
    check("request before initialize", r and r.get("error", {}).get("code") == -32002, r)
    r = init(c, ["utf-16"])
    caps = r and r["result"]["capabilities"]
    check("initialize: utf-16", caps and caps["positionEncoding"] == "utf-16", r)
    check("initialize: incremental sync", caps and caps["textDocumentSync"]["change"] == 2)
    check("initialize: code actions and hover", caps and caps["hoverProvider"] and "codeActionProvider" in caps)
    r = c.request("initialize", {})
    check("second initialize refused", r and r.get("error", {}).get("code") == -32600, r)
    c.notify("initialized")

    path = os.path.abspath("corpus/41-otdr-nightmare-fullwidth-parens.txt")
    text = open(path, encoding="utf-8").read()
    uri = "file://" + path
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    diags = c.diagnostics(uri)
    want = cli_findings(path)
    check("didOpen: one diagnostic per finding", diags is not None and len(diags) == len(want), (diags and len(diags), len(want)))
    lines = text.split("\n")
    ok = diags is not None
    for d, f in zip(diags or [], want):
        line = lines[f["line"] - 1]
        byte_col = len("".join(line)[: f["column"] - 1].encode())
        ok &= d["range"]["start"] == {"line": f["line"] - 1, "character": utf16_col(line, byte_col)}
        ok &= d["code"] == f["rule"] and d["source"] == "appeal-lint"
        ok &= d["message"] == f["message"] + "\n" + f["suggestion"]
        ok &= d["severity"] == {"error": 1, "warning": 2, "info": 3}[f["severity"]]
        ok &= d["codeDescription"]["href"].endswith("#" + f["rule"])
    check("diagnostics match the command line exactly", ok)

    cjk = [d for d in diags or [] if d["code"] == "cjk-text"]
    check("full-width parentheses found", len(cjk) == 2, cjk)
    if len(cjk) == 2:
        # replace the first "（" by "(" with an incremental edit in UTF-16 units
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"range": cjk[0]["range"], "text": "("}]})
        diags = c.diagnostics(uri)
        check("incremental edit: one full-width mark left",
              diags is not None and len([d for d in diags if d["code"] == "cjk-text"]) == 1, diags)
        # an edit inside CJK-free text keeps positions after it right: add a word before the ）
        last = [d for d in diags if d["code"] == "cjk-text"][0]
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": last["range"],
                                                  "context": {"diagnostics": [last]}})
        acts = r and r["result"]
        fixes = [a for a in acts or [] if "edit" in a]
        check("code action: a quick fix", len(fixes) == 1 and fixes[0]["kind"] == "quickfix", acts)
        check("code action: ignore this rule", any(a.get("command", {}).get("command") == "appeal-lint.ignoreRule" for a in acts or []), acts)
        if fixes:
            edit = fixes[0]["edit"]["changes"][uri][0]
            check("quick fix: the ASCII parenthesis", edit["newText"] == ")", edit)
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
            diags = c.diagnostics(uri)
            check("quick fix applied: no cjk-text left", diags is not None and not [d for d in diags if d["code"] == "cjk-text"], diags)
        emo = [d for d in diags or [] if d["code"] == "emotional"]
        if emo:
            pos = emo[0]["range"]["start"]
            r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
            val = r and r["result"] and r["result"]["contents"]["value"]
            check("hover: the rule's explanation in markdown", val and val.startswith("**emotional**") and "Sources" in val, r)
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        check("hover: nothing where there is no finding", r and r["result"] is None, r)

    # a letter with an emoji and CJK before a placeholder: UTF-16 counts surrogates
    uri2 = "file:///tmp/appeal-lint-emoji.txt"
    t2 = "Dear Team,\n\n\U0001F600 客户 [Your Name]\n"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri2, "languageId": "plaintext", "version": 1, "text": t2}})
    diags = c.diagnostics(uri2) or []
    ph = [d for d in diags if d["code"] == "placeholder"]
    check("UTF-16 position after an emoji and CJK", ph and ph[0]["range"]["start"] == {"line": 2, "character": 6}, ph)
    # full-document change
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri2, "version": 2}, "contentChanges": [{"text": "Dear Team,\n\nAll good.\n"}]})
    diags = c.diagnostics(uri2) or []
    check("full change: placeholder gone", not [d for d in diags if d["code"] == "placeholder"], diags)
    c.notify("workspace/didChangeConfiguration", {"settings": {"appeal-lint": {"disabledRules": ["dates"], "severity": {"apology": "info"}}}})
    diags = c.diagnostics(uri2) or []
    check("configuration: rule disabled", not [d for d in diags if d["code"] == "dates"], diags)
    check("configuration: severity changed", [d["severity"] for d in diags if d["code"] == "apology"] == [3], diags)
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri2}})
    check("didClose clears diagnostics", c.diagnostics(uri2) == [])
    c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/x.py", "languageId": "python", "version": 1, "text": "x = 1"}})
    r = c.request("appeal-lint/unknown", {})
    check("unknown request: MethodNotFound", r and r.get("error", {}).get("code") == -32601, r)
    check("other languages are not linted", not [m for m in c.notes if m.get("params", {}).get("uri") == "file:///tmp/x.py"])
    c.notify("$/cancelRequest", {"id": 99})
    c.notify("appeal-lint/unknownNotification", {})
    body = b'{"jsonrpc": "2.0", "id": 7, "method": '
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    m = c.read()
    check("bad JSON: ParseError", m and m.get("error", {}).get("code") == -32700 and m.get("id") is None, m)
    c.send_raw(b"Content-Type: application/json\r\n\r\n")
    m = c.read()
    check("header without Content-Length: logged", m and m.get("method") == "window/logMessage", m)
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}})
    check("unknown document: an empty answer", r and r.get("result", 1) is None, r)
    r = c.request("shutdown")
    check("shutdown", r and "result" in r and r["result"] is None, r)
    r = c.request("textDocument/hover", {})
    check("request after shutdown: InvalidRequest", r and r.get("error", {}).get("code") == -32600, r)
    check("exit after shutdown: status 0", c.finish(shutdown=False) == 0)


def session_utf8():
    c = Client()
    r = init(c, ["utf-8", "utf-16"])
    check("initialize: utf-8 offered and chosen", r and r["result"]["capabilities"]["positionEncoding"] == "utf-8", r)
    c.notify("initialized")
    uri = "file:///tmp/appeal-lint-utf8.txt"
    t = "Dear Team,\n\n\U0001F600 客户 [Your Name]\n"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": t}})
    ph = [d for d in c.diagnostics(uri) or [] if d["code"] == "placeholder"]
    check("UTF-8 position after an emoji and CJK", ph and ph[0]["range"]["start"] == {"line": 2, "character": 12}, ph)
    # incremental edit in bytes inside the CJK text: replace 客户 (6 bytes) by "buyer"
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 2, "character": 5}, "end": {"line": 2, "character": 11}}, "text": "buyer"}]})
    diags = c.diagnostics(uri) or []
    ph = [d for d in diags if d["code"] == "placeholder"]
    check("UTF-8 edit inside CJK text", ph and ph[0]["range"]["start"]["character"] == 11 and not [d for d in diags if d["code"] == "cjk-text"], diags)
    check("exit without shutdown: status 1", c.finish(shutdown=False) == 1)


def session_limits():
    c = Client()
    init(c, [])
    c.send_raw(b"Content-Length: 99999999999\r\n\r\n")
    m = c.read()
    check("oversized message: logged", m and m.get("method") == "window/logMessage" and "64 MiB" in m["params"]["message"], m)
    c.p.stdin.close()
    check("end of input: exits with 1", c.exit_code() == 1)


def frame(body, length):
    return b"Content-Length: " + length + b"\r\n\r\n" + body


def session_settings_of_any_type():
    """Settings of the wrong types are ignored, not a crash (issue 20: an
    array for "severity" passed a NULL rule name to strdup)."""
    c = Client()
    init(c, [])
    c.notify("initialized")
    uri = "file:///tmp/appeal-lint-settings.txt"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                       "text": "Dear Team,\n\nWe are sorry. [Your Name]\n"}})
    c.diagnostics(uri)
    shapes = [{"severity": ["error"]}, {"appeal-lint": {"severity": ["error", {"x": 1}]}}, {"severity": "error"},
              {"severity": {"placeholder": ["off"]}}, {"disabledRules": "dates"}, {"disabledRules": {"a": "dates"}},
              {"disabledRules": [1, None, ["x"]]}, {"languages": "plaintext"}, {"languages": [1, {}]},
              {"lang": ["zh-CN"]}, {"lang": 5}, {"appeal-lint": 5}, {"appeal-lint": ["x"]}, ["x"], 5, None, "s"]
    for settings in shapes:
        c.notify("workspace/didChangeConfiguration", {"settings": settings})
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1e300, "character": -1e300}})
        check(f"settings {json.dumps(settings)}: still answering", r is not None and "result" in r, r)
    c.notes.clear()
    c.notify("workspace/didChangeConfiguration", {"settings": {"severity": ["error"], "disabledRules": ["placeholder"]}})
    diags = c.diagnostics(uri)
    check("settings: a good key beside a bad one still applies",
          diags and not [d for d in diags if d["code"] == "placeholder"], diags)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": 5})
    check("a request with a method that is not a string: answered", r is not None, r)
    c.send({"jsonrpc": "2.0", "id": 77, "method": 5})
    m = c.read()
    check("method 5: an error", m and m.get("id") == 77 and m.get("error", {}).get("code") == -32600, m)
    check("settings session: shutdown and exit 0", c.finish() == 0)
    # initialize's own options, of the wrong types: the defaults, no crash
    c = Client()
    r = c.request("initialize", {"processId": None, "locale": 5, "capabilities": {"general": {"positionEncodings": "utf-8"}},
                                 "initializationOptions": {"debounceMs": "x", "lang": ["zh-CN"]}})
    check("initialize with options of the wrong types: answered in UTF-16",
          r and r.get("result", {}).get("capabilities", {}).get("positionEncoding") == "utf-16", r)
    check("initialize with options of the wrong types: shutdown and exit 0", c.finish() == 0)


def session_broken_frames():
    """After a wrong Content-Length the server skips to the next header and
    reads the later messages as sent; one that claims too much is refused."""
    c = Client()
    init(c, [])
    c.notify("initialized")
    hover = json.dumps({"jsonrpc": "2.0", "id": 500, "method": "textDocument/hover",
                        "params": {"textDocument": {"uri": "file:///nope"}, "position": {"line": 0, "character": 0}}}).encode()
    uni = json.dumps({"jsonrpc": "2.0", "id": 501, "method": "textDocument/hover",
                      "params": {"textDocument": {"uri": "file:///caf\u00e9"}, "position": {"line": 0, "character": 0}}},
                     ensure_ascii=False).encode()
    cases = [("too small", frame(hover, b"20")), ("not a number", frame(hover, b"abc")),
             ("negative", frame(hover, b"-5")), ("counted in characters", frame(uni, str(len(uni.decode())).encode())),
             ("absurd", frame(hover, b"999999999999")), ("no Content-Length", b"Content-Type: x\r\n\r\n" + hover)]
    for i, (name, data) in enumerate(cases):
        c.send_raw(data)
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nope"},
                                             "position": {"line": 0, "character": 0}})
        check(f"frame {name}: the next request is answered", r is not None and "result" in r, r)
        told = [n for n in c.notes if n.get("method") == "window/logMessage" or
                ("error" in n and n.get("id") is None)]
        check(f"frame {name}: reported once", len(told) == 1, c.notes)
        c.notes.clear()
    c.send_raw(frame(hover, b"999999999999") + frame(hover, str(len(hover)).encode()))
    r = c.read()
    check("absurd Content-Length: refused with a log message", r and r.get("method") == "window/logMessage" and "64 MiB" in r["params"]["message"], r)
    r = c.read()
    check("absurd Content-Length: the next message is not swallowed", r and r.get("id") == 500, r)
    check("broken frames: shutdown and exit 0", c.finish() == 0)


def session_ignore_command():
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "letter.txt")
        open(path, "w").write("Dear Team,\n\nWe are sorry. It was a nightmare.\n")
        c = Client(cwd=d, args=("lsp",))  # the configuration is looked for
        init(c, [])
        c.notify("initialized")
        uri = "file://" + path
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": open(path).read()}})
        diags = c.diagnostics(uri) or []
        check("before ignoring: emotional", [x for x in diags if x["code"] == "emotional"], diags)
        r = c.request("workspace/executeCommand", {"command": "appeal-lint.ignoreRule", "arguments": [uri, "emotional"]})
        check("ignoreRule answered", r and "result" in r, r)
        diags = c.diagnostics(uri) or []
        check("after ignoring: emotional gone", not [x for x in diags if x["code"] == "emotional"], diags)
        cfg = json.load(open(os.path.join(d, ".appeal-lint.json")))
        check("ignoreRule wrote the configuration", cfg["ignore"][0] == {"rule": "emotional", "file": "letter.txt", "reason": "ignored from the editor"}, cfg)
        c.finish()
    finally:
        shutil.rmtree(d)


def session_chinese():
    c = Client()
    c.request("initialize", {"processId": None, "rootUri": None, "locale": "zh-cn",
                             "capabilities": {}, "initializationOptions": {"debounceMs": 0}})
    c.notify("initialized")
    uri = "file:///tmp/appeal-lint-zh.txt"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                       "text": "Dear Team,\n\nWe are sorry. [Your Name]\n"}})
    ph = [d for d in c.diagnostics(uri) or [] if d["code"] == "placeholder"]
    check("the editor's zh-cn locale gives Chinese messages", ph and "\u6a21\u677f" in ph[0]["message"], ph)
    c.notify("workspace/didChangeConfiguration", {"settings": {"appeal-lint": {"lang": "en"}}})
    ph = [d for d in c.diagnostics(uri) or [] if d["code"] == "placeholder"]
    check("settings lang en: messages again in English", ph and "template" in ph[0]["message"].lower(), ph)
    check("zh session: shutdown and exit 0", c.finish() == 0)


def session_big_and_gone():
    c = Client()
    c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                             "initializationOptions": {"debounceMs": 0}})
    c.notify("initialized")
    uri = "file:///tmp/appeal-lint-big.txt"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                       "text": "[Your Name] " * 100000}})
    check("a document over 1 MiB: no diagnostics", c.diagnostics(uri) == [], c.diagnostics(uri))
    check("a document over 1 MiB: logged", any(n.get("method") == "window/logMessage" and
                                                 "larger than 1 MiB" in n["params"]["message"] for n in c.notes), c.notes[-3:])
    # the editor closes its end of our output: the server stops by itself
    c.p.stdout.close()
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": "Dear Team, [Your Name]"}]})
    check("client's reader gone: the server exits", c.exit_code() == 1)


if __name__ == "__main__":
    session_utf16()
    session_utf8()
    session_limits()
    session_settings_of_any_type()
    session_broken_frames()
    session_ignore_command()
    session_chinese()
    session_big_and_gone()
    sys.exit(tally.summary("lsp"))
