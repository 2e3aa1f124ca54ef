#!/usr/bin/python3
"""browser_test.py - the page of appeal-lint serve in real headless
Chromium (Selenium, /usr/bin/chromedriver).

Pastes corpus letters and finds each finding of the command line marked
on exactly its words; clicks a finding and finds its words selected;
applies one fix and all fixes; types and sees the check follow; switches
to Chinese (and follows a Chinese browser); opens a .docx through the
file input; at phone width nothing scrolls sideways. With SCREENSHOTS=DIR
it also saves serve-en.png, serve-zh.png and serve-phone.png there (never
in a normal run, so tests leave the tree clean). Prints "browser: N
passed, N failed" or "browser: skipped: REASON"."""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import serveproc
import tally
from tally import check

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "appeal-lint")
CHROMEDRIVER = "/usr/bin/chromedriver"
LETTERS = ["corpus/01-odr-vacation.txt", "corpus/58-not-as-described-fullwidth.txt",
           "corpus/14-odr-chargebacks-dotted-dates.txt", "corpus/41-otdr-nightmare-fullwidth-parens.txt",
           "corpus/02-new-account.txt", "corpus/49-review-card-chinese-word.txt"]
WAIT = 60  # seconds a condition may take on a loaded machine (not a measure)


def missing():
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "python3-selenium is missing (apt-get install python3-selenium)"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "chromium is missing (apt-get install chromium)"
    if not os.access(CHROMEDRIVER, os.X_OK):
        return "chromedriver is missing (apt-get install chromium-driver)"
    if not os.access(BIN, os.X_OK):
        return "build ./appeal-lint first"
    return None


def start_server():
    p, host = serveproc.start([BIN], ["--no-config"], ROOT)
    return p, "http://%s/" % host


def browser(lang="en-US", width=1280, height=900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--lang=" + lang, "--window-size=%d,%d" % (width, height)):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)


def wait(d, js, *args):
    """Waits until the script returns something true; returns it."""
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(d, WAIT, poll_frequency=0.05).until(lambda drv: drv.execute_script(js, *args))
    except Exception:  # noqa: BLE001 - a condition never met is a failed check
        return None


def cli_json(path, *args):
    out = subprocess.run([BIN, "--no-config", "--format", "json", *args, path], cwd=ROOT,
                         capture_output=True).stdout
    return json.loads(out)["files"][0]


def paste(d, text):
    """Puts text in the letter as a paste does, and waits for its answer."""
    d.execute_script("""
        const ta = document.getElementById('letter');
        ta.value = arguments[0];
        ta.dispatchEvent(new Event('input', {bubbles: true}));""", text)
    return settle(d)


def settle(d):
    """Waits until the page shows the answer to the text now in the letter."""
    return wait(d, """
        const ta = document.getElementById('letter');
        const hl = document.getElementById('highlights').textContent;
        return document.body.dataset.busy === '0' && hl === ta.value + '\\u200b\\n';""")


MARKED = """
    const out = [];
    const items = document.querySelectorAll('#findings li');
    for (let i = 0; i < items.length; i++) {
        const ms = [...document.querySelectorAll('mark')].filter(m => m.dataset.f.split(' ').includes(String(i)));
        out.push({text: ms.map(m => m.textContent).join(''), cls: items[i].className,
                  sev: ms.map(m => m.className.split(' ')[0])});
    }
    return out;"""


def test_letters(d):
    for path in LETTERS:
        raw = open(os.path.join(ROOT, path), "rb").read()
        want = cli_json(path, "--stdin-filename", "letter.txt")
        check("answered: " + path, paste(d, raw.decode("utf-8")))
        got = d.execute_script(MARKED)
        check("as many findings as the CLI: " + path, len(got) == len(want["findings"]),
              "%d against %d" % (len(got), len(want["findings"])))
        for i, f in enumerate(want["findings"]):
            words = raw[f["offset"]:f["offset"] + f["length"]].decode("utf-8")
            g = got[i] if i < len(got) else {"text": None, "cls": "", "sev": []}
            check("%s: finding %d (%s) marked on %r" % (path, i, f["rule"], words),
                  g["text"] == words and g["cls"].startswith(f["severity"]) and
                  (not words or g["sev"]), g)
        score = d.find_element("id", "score").text
        check("score shown: " + path, score == str(want["score"]), score)


def test_jump(d):
    raw = open(os.path.join(ROOT, LETTERS[1]), "rb").read()
    want = cli_json(LETTERS[1])["findings"]
    paste(d, raw.decode("utf-8"))
    i = len(want) - 1
    d.find_elements("css selector", "#findings li .jump")[i].click()
    sel = d.execute_script("const t = document.getElementById('letter');"
                           "return [t.value.slice(t.selectionStart, t.selectionEnd), document.activeElement.id];")
    words = raw[want[i]["offset"]:want[i]["offset"] + want[i]["length"]].decode("utf-8")
    check("a click selects the finding's words in the letter", sel == [words, "letter"], sel)
    check("its mark is the current one", d.execute_script(
        "return [...document.querySelectorAll('mark.current')].map(m => m.textContent).join('')") == words)
    # and back: the caret on a finding's words shows it in the list
    d.execute_script("const t = document.getElementById('letter'); t.setSelectionRange(arguments[0], arguments[0]);"
                     "t.dispatchEvent(new KeyboardEvent('keyup'));", len(raw[:want[0]["offset"]].decode("utf-8")))
    check("the caret on a finding's words shows it in the list",
          d.execute_script("return document.querySelector('#findings li.current').id") == "finding-0")


def test_fixes(d):
    paste(d, "Dear Team,\n\nThanks,we keep buyers moreinformed now\uff0cthank you.\n")
    before = d.find_element("id", "letter").get_attribute("value")
    buttons = d.find_elements("css selector", "#findings .fix button")
    check("fixes offered", len(buttons) >= 2, len(buttons))
    if buttons:
        buttons[0].click()
        settle(d)
    after = d.find_element("id", "letter").get_attribute("value")
    check("one fix changes the text", after != before and "Thanks, we" in after, after)
    d.find_element("id", "fixall").click()
    settle(d)
    fixed = d.find_element("id", "letter").get_attribute("value")
    check("all safe fixes applied", "more informed" in fixed and "\uff0c" not in fixed, fixed)
    check("nothing left to fix", not d.find_elements("css selector", "#findings .fix button"))


def test_typing(d):
    paste(d, "")
    box = d.find_element("id", "letter")
    box.send_keys("Dear Team,\n\nWe will try to do better [Your Name].")
    settle(d)
    rules = d.execute_script("return [...document.querySelectorAll('#findings .rule')].map(e => e.textContent)")
    check("typing is checked", "[placeholder]" in rules and "[vague-commitment]" in rules, rules)
    check("results are announced", d.find_element("id", "status").get_attribute("aria-live") == "polite")
    check("the letter has a label", d.execute_script(
        "return document.querySelector('label[for=letter]').textContent.length > 0"))


def test_chinese(d, shots):
    from selenium.webdriver.support.ui import Select
    paste(d, open(os.path.join(ROOT, LETTERS[0]), encoding="utf-8").read())
    Select(d.find_element("id", "lang")).select_by_value("zh-CN")
    ok = wait(d, "return /[\\u4e00-\\u9fff]/.test(document.querySelector('#findings .msg').textContent)")
    check("switched to Chinese: messages", ok)
    check("switched to Chinese: the page", d.find_element("id", "fixall").text == "应用全部安全修复" and
          d.execute_script("return document.documentElement.lang") == "zh-CN")
    want = cli_json(LETTERS[0], "--lang", "zh-CN")["findings"]
    msgs = d.execute_script("return [...document.querySelectorAll('#findings .msg')].map(e => e.textContent)")
    check("Chinese messages are the CLI's", msgs == [f["message"] for f in want], msgs[:2])
    if shots:
        d.execute_script("document.querySelectorAll('#findings details')[0].open = true")
        d.save_screenshot(os.path.join(shots, "serve-zh.png"))
    Select(d.find_element("id", "lang")).select_by_value("en")
    wait(d, "return document.getElementById('fixall').textContent === 'Apply all safe fixes'")


def test_docx(d, tmp):
    path = os.path.join(ROOT, "tests/data/docx/late-shipments.docx")
    try:
        import docx
        doc = docx.Document()
        doc.add_heading("Plan of Action", level=1)
        doc.add_paragraph("Dear Seller Performance Team,")
        doc.add_paragraph("We apologise: the late shipments of [Store Name] were our mistake.")
        doc.add_paragraph("We hired a second packer on 3 May 2024.", style="List Number")
        made = os.path.join(tmp, "made.docx")
        doc.save(made)
        paths = [path, made]
    except ImportError:
        paths = [path]
    for p in paths:
        paste(d, "")
        d.find_element("id", "file").send_keys(p)
        ok = wait(d, "return document.getElementById('letter').value.includes('[Store Name]')")
        check("a .docx opened: " + os.path.basename(p), ok)
        settle(d)
        rules = d.execute_script("return [...document.querySelectorAll('#findings .rule')].map(e => e.textContent)")
        check("its findings shown: " + os.path.basename(p), "[placeholder]" in rules, rules)
        want = [f["rule"] for f in cli_json(p)["findings"]]
        check("the .docx's findings are the CLI's: " + os.path.basename(p),
              [r.strip("[]") for r in rules] == want, (rules, want))


# A file dropped on the editor as a person drops one: dragover, then drop,
# with a DataTransfer holding the file's bytes.
DROP_JS = """
const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
const dt = new DataTransfer();
dt.items.add(new File([bytes], arguments[1]));
const ed = document.getElementById('editor');
ed.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
const marked = ed.classList.contains('drop');
ed.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
return marked;
"""


def test_drop(d):
    path = os.path.join(ROOT, "tests/data/docx/late-shipments.docx")
    paste(d, "")
    data = base64.b64encode(open(path, "rb").read()).decode("ascii")
    marked = d.execute_script(DROP_JS, data, os.path.basename(path))
    check("a file dragged over the letter marks the drop zone", marked is True, marked)
    ok = wait(d, "return document.getElementById('letter').value.includes('[Store Name]')")
    check("a dropped .docx is opened", ok)
    settle(d)
    rules = d.execute_script("return [...document.querySelectorAll('#findings .rule')].map(e => e.textContent)")
    want = [f["rule"] for f in cli_json(path)["findings"]]
    check("the dropped .docx's findings are the CLI's", [r.strip("[]") for r in rules] == want, (rules, want))


def test_phone(url, shots):
    d = browser(width=500, height=900)
    try:
        # a phone's viewport (a window cannot be narrower than 500 pixels)
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        d.get(url)
        wait(d, "return document.readyState === 'complete' && document.getElementById('status').textContent")
        paste(d, open(os.path.join(ROOT, LETTERS[0]), encoding="utf-8").read())
        wide = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        check("phone width: no sideways scroll", wide[0] <= wide[1] and wide[1] <= 400, wide)
        if shots:
            d.save_screenshot(os.path.join(shots, "serve-phone.png"))
    finally:
        d.quit()


def test_follows_language(url):
    d = browser(lang="zh-CN")
    try:
        d.get(url)
        ok = wait(d, "return document.documentElement.lang === 'zh-CN' && "
                  "document.getElementById('fixall').textContent === '应用全部安全修复'")
        check("a Chinese browser gets the Chinese page", ok)
    finally:
        d.quit()


def timed(name, f, *args):
    import time
    t = time.time()
    f(*args)
    if os.environ.get("BROWSER_TIMES"):
        print("%s: %.1f s" % (name, time.time() - t))


def main():
    why = missing()
    if why:
        print("browser: skipped: " + why)
        return 0
    shots = os.environ.get("SCREENSHOTS")
    if shots:
        shots = os.path.join(ROOT, shots) if not os.path.isabs(shots) else shots
        os.makedirs(shots, exist_ok=True)
    os.environ["LC_ALL"] = "C.UTF-8"
    server, url = start_server()
    tmp = tempfile.mkdtemp(prefix="appeal-lint-browser-")
    try:
        d = browser()
        try:
            d.get(url)
            check("page loads", wait(d, "return document.getElementById('status').textContent !== ''"))
            timed('test_letters', test_letters, d)
            timed('test_jump', test_jump, d)
            if shots:
                paste(d, open(os.path.join(ROOT, LETTERS[0]), encoding="utf-8").read())
                d.find_elements("css selector", "#findings li .jump")[1].click()
                d.execute_script("document.querySelectorAll('#findings details')[1].open = true")
                d.save_screenshot(os.path.join(shots, "serve-en.png"))
            timed('test_fixes', test_fixes, d)
            timed('test_typing', test_typing, d)
            timed('test_chinese', test_chinese, d, shots)
            timed('test_docx', test_docx, d, tmp)
            timed('test_drop', test_drop, d)
            errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
            check("no errors in the console (CSP included)", not errors, errors)
        finally:
            d.quit()
        timed('test_phone', test_phone, url, shots)
        timed('test_follows_language', test_follows_language, url)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        server.send_signal(signal.SIGTERM)
        check("server stopped: exit 0", server.wait(timeout=60) == 0)
    return tally.summary("browser")


if __name__ == "__main__":
    sys.exit(main())
