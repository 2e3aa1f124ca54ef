#!/usr/bin/python3
"""mkseeds.py - writes the kept seed inputs of the fuzzing harnesses into
tests/fuzz/seeds/HARNESS/ (the files are committed; run this again after
changing it, then commit what changed). The language server's seeds
between them send every method the server knows, and some it does not,
with every shape of settings and of initialize's options; the
configuration's seeds give every key with a value of the right type and of
a wrong one. Each seed is small, so the fuzzer mutates it quickly."""
import io
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
# fuzz_lsp.c lets the server write only here (appeal-lint.ignoreRule)
SANDBOX = "/tmp/appeal-lint-fuzz-lsp"
URI = "file://" + SANDBOX + "/letter.txt"
LETTER = ("Dear Seller Performance Team,\n\nWe apologise for the late shipments; our ODR was 2%.\n\n"
          "Root causes:\n- Our courier missed pickups on 3 March 2024.\n\n"
          "Actions taken:\n1. We changed courier.Thanks,we are sorry\uff0c moreinformed now.\n\n"
          "Thank you,\n[Your Name]\n")


def write(harness, name, data):
    d = os.path.join(HERE, "seeds", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# ---- the language server ----

def frame(msg):
    body = msg if isinstance(msg, bytes) else json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def req(i, method, params=None):
    m = {"jsonrpc": "2.0", "id": i, "method": method}
    if params is not None:
        m["params"] = params
    return m


def note(method, params=None):
    m = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        m["params"] = params
    return m


def init(options=None, **extra):
    p = {"processId": None, "rootUri": None,
         "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
         "initializationOptions": {"debounceMs": 0} if options is None else options}
    p.update(extra)
    return [req(1, "initialize", p), note("initialized", {})]


def opened(text=LETTER, lang="plaintext", uri=URI):
    return note("textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}})


def pos(line, ch):
    return {"line": line, "character": ch}


def at(uri=URI):
    return {"uri": uri}


def end():
    return [req(99, "shutdown"), note("exit")]


def session(name, msgs):
    write("lsp", name, b"".join(frame(m) for m in msgs))


def lsp_seeds():
    doc = {"textDocument": at()}
    session("every-method.txt", init() + [
        opened(),
        note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
            {"range": {"start": pos(2, 0), "end": pos(2, 5)}, "text": "We "},
            {"text": LETTER + "\nSincerely,\nLin\n"}]}),
        note("textDocument/didSave", doc),
        req(2, "textDocument/hover", dict(doc, position=pos(11, 2))),
        req(3, "textDocument/codeAction", dict(doc, range={"start": pos(0, 0), "end": pos(20, 0)},
                                               context={"diagnostics": []})),
        req(4, "workspace/executeCommand", {"command": "appeal-lint.ignoreRule", "arguments": [URI, "placeholder"]}),
        req(5, "workspace/executeCommand", {"command": "appeal-lint.ignoreRule", "arguments": [URI]}),
        req(6, "workspace/executeCommand", {"command": "other.command", "arguments": []}),
        note("$/cancelRequest", {"id": 3}),
        note("$/setTrace", {"value": "verbose"}),
        req(7, "textDocument/formatting", doc),
        note("textDocument/willSave", doc),
        note("workspace/didChangeConfiguration", {"settings": {"appeal-lint": {"lang": "zh-CN"}}}),
        note("textDocument/didClose", doc),
        req(8, "textDocument/hover", dict(doc, position=pos(0, 0))),
    ] + end() + [req(100, "textDocument/hover", dict(doc, position=pos(0, 0)))])
    session("markdown.txt", init() + [
        opened("# Plan of Action\n\n1. We refunded.\n2. We *will* try.\n\n> quoted [Name]\n", "markdown"),
        opened("print('not a letter')", "python", "file://" + SANDBOX + "/x.py"),
        opened("a letter without a file", "plaintext", "untitled:Untitled-1"),
        req(2, "textDocument/codeAction", {"textDocument": at("untitled:Untitled-1"),
                                           "range": {"start": pos(0, 0), "end": pos(0, 9)}, "context": {}}),
    ] + end())
    shapes = {
        "disabled-list": {"disabledRules": ["placeholder", "spelling"]},
        "disabled-mixed": {"disabledRules": ["placeholder", 3, None, {"x": 1}]},
        "disabled-string": {"disabledRules": "placeholder"},
        "severity-object": {"severity": {"placeholder": "info", "spelling": "off", "dates": "error",
                                         "apology": "warning", "emotional": "loud", "blame": 2}},
        "severity-array": {"severity": ["error"]},
        "severity-string": {"severity": "error"},
        "languages": {"languages": ["plaintext", "markdown", "latex"]},
        "languages-bad": {"languages": "plaintext"},
        "lang-en": {"lang": "en"},
        "lang-bad": {"lang": "fr"},
        "lang-number": {"lang": 7},
        "all": {"disabledRules": ["dates"], "severity": {"placeholder": "warning"}, "languages": ["plaintext"],
                "lang": "zh-CN"},
    }
    for name, s in shapes.items():
        session("settings-%s.txt" % name, init() + [opened(),
                note("workspace/didChangeConfiguration", {"settings": {"appeal-lint": s}}),
                req(2, "textDocument/hover", {"textDocument": at(), "position": pos(11, 2)})] + end())
    for name, settings in {"unwrapped": {"disabledRules": ["placeholder"]}, "null": None, "array": [1, 2],
                           "number": 5, "wrapped-array": {"appeal-lint": ["x"]}}.items():
        session("settings-%s.txt" % name, init() + [opened(),
                note("workspace/didChangeConfiguration", {"settings": settings})] + end())
    session("settings-no-params.txt", init() + [note("workspace/didChangeConfiguration")] + end())
    for name, opts in {"debounce-string": {"debounceMs": "5"}, "debounce-negative": {"debounceMs": -1},
                       "debounce-huge": {"debounceMs": 1e300}, "lang": {"lang": "zh-CN"},
                       "options-array": [1], "options-null": None}.items():
        session("init-%s.txt" % name, init(opts, locale="zh-CN") + [opened()] + end())
    session("init-utf16.txt", [req(1, "initialize", {"capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                                                     "locale": 3})] + [opened("Dear Team,\n\u4f60\u597d [Name] \U0001F600 x\n"),
            req(2, "textDocument/hover", {"textDocument": at(), "position": pos(1, 5)})] + end())
    session("before-init.txt", [req(1, "textDocument/hover", {}), opened(), note("exit")])
    session("init-twice.txt", init() + init() + end())
    session("ids-and-methods.txt", init() + [
        {"jsonrpc": "2.0", "id": "a string id", "method": "textDocument/hover", "params": {}},
        {"jsonrpc": "2.0", "id": None, "method": "shutdown"},
        {"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"},
        {"jsonrpc": "2.0", "id": 5, "method": 42},
        {"jsonrpc": "2.0", "id": 6, "method": None},
        {"jsonrpc": "2.0", "id": 7},
        {"jsonrpc": "2.0", "method": ["x"]},
        [req(8, "shutdown")],
        "just a string",
    ] + end())
    odd = [pos(-1, 0), pos(0, -5), {"line": 1e300, "character": 1e300}, {"line": "1", "character": None},
           pos(10000, 0), pos(3, 100000)]
    session("positions.txt", init() + [opened()] +
            [req(10 + i, "textDocument/hover", {"textDocument": at(), "position": p}) for i, p in enumerate(odd)] +
            [req(20 + i, "textDocument/codeAction", {"textDocument": at(), "range": {"start": p, "end": pos(0, 0)}})
             for i, p in enumerate(odd)] +
            [note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                                             "contentChanges": [{"range": {"start": p, "end": pos(1, 2)}, "text": "x"}]})
             for p in odd] + end())
    write("lsp", "frames.txt", frame(init()[0]) + b"Content-Length: 5\r\n\r\n{\"a\":" +
          b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}" +
          b"content-length: 2\n\n{}" + b"Content-Length: 99999999999999999999\r\n\r\n" + frame(note("exit")))


# ---- the configuration ----

def config_seeds():
    good = {"rules": {"placeholder": "warning", "emotional": "off", "blame": {"severity": "error"},
                      "too-long": {"max_words": 800}, "placeholder-x": "info"},
            "rules_dirs": ["house"], "dictionary": ["Zebrafix"], "marketplace": "DE", "spelling": "any",
            "lang": "en", "types": ["odr", "inauthentic"], "fail_on": "info", "min_score": 0,
            "ignore": [{"rule": "*", "text": "[Name]", "reason": "r"}, {"rule": "dates", "file": "a/*.md", "reason": "r"}],
            "docs_url": "https://example.com/", "$schema": "x"}
    for k, v in good.items():
        write("config", "key-%s.json" % k.replace("$", ""), json.dumps({k: v}, indent=1))
    wrong = {"rules": [], "rules_dirs": "house", "dictionary": [1], "marketplace": "Mars", "spelling": "en_AU",
             "lang": "zh-CN\u0000junk", "types": ["nosuch"], "fail_on": 1, "min_score": 100.5,
             "ignore": [{"rule": "x"}], "docs_url": 3, "extends": 5, "colour": "blue"}
    for k, v in wrong.items():
        write("config", "wrong-%s.json" % k, json.dumps({k: v}, indent=1))
    write("config", "empty.json", "")
    write("config", "comments-only.json", "// nothing\n/* yet */\n")
    write("config", "not-object.json", "[1, 2]")
    write("config", "extends-self.json", '{ "extends": ".appeal-lint.json" }')


# ---- letters: the lint harness and the differential one ----

def letter_seeds():
    hostile = {
        "controls.txt": "Dear Team,\n\nAsk [Your\x1bName\x07] or \x7f\u009b[Agent].\n",
        "tbd.txt": "TBD " * 400,
        "slashes.txt": "XX/" * 400,
        "underscores.txt": "___ " * 400,
        "commas.txt": ",a" * 600,
        "names.txt": "[Name] " * 200,
        "thanks.txt": "Thanks,we did it.\n" * 130,
        "markdown.md": "# Plan\n\n## Root causes\n\n* one\n* two\n\n1) first\n2) second\n\n> quote\n",
        "crlf.txt": LETTER.replace("\n", "\r\n"),
        "kelvin.txt": "We will \u212a\u017fhip on time. " + LETTER,
    }
    for name, text in hostile.items():
        for h in ("lint", "diff"):
            # fuzz_diff reads its first byte as the mode: 0 raw text, 1 Markdown
            data = text.encode()
            write(h, name, data if h == "lint" else bytes([name.endswith(".md")]) + data)
    # random text of the rules' words (fuzz_diff's mode 2)
    write("diff", "salad-1.bin", bytes([2]) + bytes(range(256)))
    write("diff", "salad-2.bin", bytes([3]) + bytes((i * 37) & 255 for i in range(512)))


# ---- .docx letters: small archives whose XML the fuzzer can reach ----

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(parts, method=zipfile.ZIP_STORED):
    """A .docx of parts ({name: xml}), stored uncompressed by default so a
    mutation lands in the XML, with fixed dates so the bytes repeat."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, xml in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 3, 1, 0, 0, 0)), xml, compress_type=method)
    return out.getvalue()


def wdoc(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>'
            % (W_NS, body))


def wp(text, ppr=""):
    return "<w:p>%s<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % (ppr and "<w:pPr>%s</w:pPr>" % ppr, text)


def item(num, lvl, text):
    return wp(text, '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (lvl, num))


NUMBERING = ('<w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%%1.%%2)"/></w:lvl>'
             '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="&#8226;"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
             '<w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>' % W_NS)
STYLES = ('<w:styles xmlns:w="%s"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
          '</w:style><w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
          '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '</w:styles>' % W_NS)


def docx_seeds():
    letter = (wp("Dear Seller Performance Team,") + wp("We apologise for the late shipments.")
              + wp("Root causes", '<w:pStyle w:val="Heading1"/>') + item(2, 0, "Our courier missed pickups.")
              + item(1, 0, "We changed courier.") + item(1, 1, "We check daily.")
              + wp("Step", '<w:pStyle w:val="ListNumber"/>') + wp("Thank you,") + wp("[Your Name]"))
    write("docx", "letter.docx", docx({"word/document.xml": wdoc(letter), "word/numbering.xml": NUMBERING,
                                       "word/styles.xml": STYLES}))
    write("docx", "deflated.docx", docx({"word/document.xml": wdoc(letter)}, zipfile.ZIP_DEFLATED))
    table = ("<w:tbl><w:tr><w:tc>" + wp("Order") + "</w:tc><w:tc>" + wp("Late") + "</w:tc></w:tr></w:tbl>")
    changes = ('<w:p><w:r><w:t>We </w:t></w:r><w:del><w:r><w:delText>never</w:delText></w:r></w:del>'
               '<w:ins><w:r><w:t>always</w:t><w:br/><w:tab/></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText>'
               '</w:r></w:p>')
    write("docx", "table.docx", docx({"word/document.xml": wdoc(table + changes)}))
    write("docx", "no-document.docx", docx({"word/other.xml": wdoc(wp("x"))}))
    write("docx", "ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))


# ---- libFuzzer dictionaries: tokens a mutation may insert whole ----

RULE_WORDS = ["we", "your", "you", "not", "no", "made", "used", "amazon", "nobody", "please", "insert",
              "contact", "thank", "compensate", "already", "rights", "retract", "notice", "letters", "loa",
              "authorised", "was", "order", "sorry", "ship", "cancel", "review", "seller", "packing", "proof",
              "case", "apologise", "apologize", "ensure", "customer", "copy", "weeks", "flagged",
              "investigation", "lawsuits", "our", "lawyers", "listings", "will", "ASAP", "appreciate",
              "thanks", "refund", "replaced", "reimbursed", "returned", "credit", "daily", "since", "now",
              "agreed", "withdrawn", "licence", "suspended", "complaints", "false", "reinstate", "immediately",
              "account", "demand", "TBD", "lorem", "ODR", "late", "LSR", "handling", "pre-fulfillment", "VTR",
              "invoice", "guarantee", "never", "again", "Dear", "Sincerely", "Root causes:", "Actions taken:",
              "Preventive measures:", "[Your Name]", "{date}", "XX/XX", "___", "A-to-z", "B07XJ8C8F5",
              "3 March 2024", "03/04/2024", "1%", "\uff0c", "\u212a", "\u017f", "\x1b",
              "\r\n", "\n\n", "\n- ", "\n1. ", "# ", "> "]
DICTS = {
    "lsp": ["Content-Length: ", "\r\n\r\n", "jsonrpc", "2.0", "id", "method", "params", "initialize",
            "initialized", "shutdown", "exit", "textDocument/didOpen", "textDocument/didChange",
            "textDocument/didClose", "textDocument/didSave", "textDocument/hover", "textDocument/codeAction",
            "workspace/executeCommand", "workspace/didChangeConfiguration", "$/cancelRequest", "$/setTrace",
            "appeal-lint.ignoreRule", "appeal-lint", "settings", "disabledRules", "severity", "languages",
            "lang", "zh-CN", "en", "off", "info", "warning", "error", "initializationOptions", "debounceMs",
            "locale", "capabilities", "general", "positionEncodings", "utf-8", "utf-16", "textDocument", "uri",
            URI, "languageId", "plaintext", "markdown", "version", "text", "contentChanges", "range", "start",
            "end", "line", "character", "position", "context", "diagnostics", "command", "arguments",
            "placeholder", "spelling", "1e300", "-1", "null", "[]", "{}"],
    "config": ["rules", "rules_dirs", "extends", "dictionary", "marketplace", "spelling", "lang", "types",
               "fail_on", "min_score", "ignore", "docs_url", "$schema", "rule", "text", "file", "reason",
               "severity", "patterns", "exceptions", "max", "max_words", "weight", "off", "info", "warning",
               "error", "none", "US", "UK", "CA", "DE", "en_US", "en_GB", "any", "en", "zh-CN", "odr", "inauthentic",
               "placeholder", "*", "//", "/*", "*/", "\\u0000", "[]", "{}", "null", "true", "1e300", "-1"],
    "rules": ["id", "kind", "severity", "scope", "summary", "message", "suggestion", "explain", "sources",
              "patterns", "exceptions", "examples", "bad", "good", "fixed", "anchor", "case_sensitive",
              "concepts", "count_codes", "fix_chars", "forbid", "forbid_concepts", "group", "max", "max_words",
              "mode", "not_types", "numbered", "one_per_span", "parts", "quotes", "replace", "role", "same_as",
              "skip_empty", "total", "types", "unless", "variant", "variants", "weight", "within", "count", "date",
              "encoding", "first", "issues", "length", "list", "metric", "require", "shouting", "substitute",
              "text", "letter", "opening", "closing", "paragraph", "sentence", "\\b", "\\s+", "(?:", ")",
              "[\\s\\S]*", "\\K", "(?<=", "\\d", "{{", "}}"],
    "lint": RULE_WORDS,
    "diff": RULE_WORDS,
    "docx": ["PK\x03\x04", "PK\x01\x02", "PK\x05\x06", "word/document.xml", "word/numbering.xml",
             "word/styles.xml", "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>",
             "<w:pPr>", "<w:numPr>", "<w:ilvl w:val=\"1\"/>", "<w:numId w:val=\"1\"/>", "<w:pStyle w:val=",
             "<w:del>", "<w:ins>", "<w:delText>", "<w:tbl>", "<w:tc>", "<w:txbxContent>", "<mc:Fallback>",
             "w:abstractNumId", "w:numFmt", "w:lvlText", "%1.", "bullet", "lowerRoman", "upperLetter",
             "heading 1", "Title", "w:basedOn", "<!DOCTYPE", "&amp;", "&#8226;", W_NS],
}


def escape(token):
    """A token as libFuzzer reads it: printable ASCII as it is, every other
    byte of its UTF-8 (and the quote and backslash) as \\xHH."""
    return "".join(chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else "\\x%02X" % b
                   for b in token.encode())


def dict_seeds():
    for h, tokens in DICTS.items():
        lines = ['"%s"' % escape(t) for t in tokens]
        with open(os.path.join(HERE, h + ".dict"), "w") as f:
            f.write("# libFuzzer dictionary for fuzz_%s (written by mkseeds.py)\n" % h)
            f.write("\n".join(lines) + "\n")


def main():
    lsp_seeds()
    config_seeds()
    letter_seeds()
    docx_seeds()
    dict_seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
