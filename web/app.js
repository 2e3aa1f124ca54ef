/* app.js - the page of appeal-lint serve: sends the letter to /api/lint as
 * the user types, marks each finding at its span, lists the findings,
 * applies fixes. The report's offsets count UTF-8 bytes of the text sent;
 * the textarea counts UTF-16 units, so every offset goes through a map. */
"use strict";

const UI = {
  en: {
    skip: "Skip to the letter", tagline: "Check an Amazon appeal letter (Plan of Action) before you send it.",
    language: "Language", letterLabel: "Your letter", open: "Open .txt, .md or .docx",
    fixAll: "Apply all safe fixes", copy: "Copy", download: "Download",
    placeholder: "Paste or type your letter here, or drop a .txt, .md or .docx file.",
    hint: "The letter is checked as you type. It is sent only to this appeal-lint server, kept in memory for the check and never saved.",
    results: "Results", score: "Score", types: "Letter types", footer: "Findings are advice: the decision is Amazon's.",
    error: "error", warning: "warning", info: "info", line: "line {l}, column {c}",
    suggestion: "Suggestion:", why: "Why this matters", applyFix: "Apply fix", fixTo: "replace {a} with {b}",
    empty: "Paste or type a letter to check it.", checking: "Checking…",
    clean: "No findings: score {s}.", counts: "{e} errors, {w} warnings, {i} infos; score {s}.",
    fixed: "{n} fixes applied.", copied: "Copied.", copyFailed: "Copy failed: select the text and copy it.",
    failed: "The check failed: {m}", reading: "Reading {f}…", none: "none", remove: "(remove)"
  },
  "zh-CN": {
    skip: "跳到信件", tagline: "在发送前检查亚马逊申诉信（行动计划，Plan of Action）。",
    language: "语言", letterLabel: "您的申诉信", open: "打开 .txt、.md 或 .docx",
    fixAll: "应用全部安全修复", copy: "复制", download: "下载",
    placeholder: "在这里粘贴或输入申诉信，或拖入 .txt、.md 或 .docx 文件。",
    hint: "输入时即自动检查。信件只发送给本机的 appeal-lint 服务器，仅在检查时保存在内存中，从不写入磁盘。",
    results: "检查结果", score: "得分", types: "信件类型", footer: "检查结果仅供参考：是否恢复账户由亚马逊决定。",
    error: "错误", warning: "警告", info: "提示", line: "第 {l} 行第 {c} 列",
    suggestion: "建议：", why: "为什么重要", applyFix: "应用修复", fixTo: "把 {a} 改为 {b}",
    empty: "粘贴或输入申诉信即可检查。", checking: "正在检查…",
    clean: "没有发现问题：得分 {s}。", counts: "{e} 个错误，{w} 个警告，{i} 个提示；得分 {s}。",
    fixed: "已应用 {n} 处修复。", copied: "已复制。", copyFailed: "复制失败：请选中文字后手动复制。",
    failed: "检查失败：{m}", reading: "正在读取 {f}…", none: "无", remove: "（删除）"
  }
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: /^zh\b/i.test(navigator.language || "") ? "zh-CN" : "en",
  name: "letter.txt",      // the name the report shows; .md makes it Markdown
  report: null,            // files[0] of the last answer
  text: "",                // the text that report is about
  map: null,               // byte offset -> UTF-16 index, for that text
  rules: {},               // id -> rule, in the current language
  types: {},               // type id -> name
  seq: 0, timer: 0, current: -1
};

function t(key, vars) {
  let s = (UI[state.lang] || UI.en)[key] || UI.en[key] || key;
  for (const k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
  return s;
}

/* ---- language ---- */

function applyLanguage() {
  document.documentElement.lang = state.lang;
  $("lang").value = state.lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-tp]")) el.setAttribute(el.dataset.tp, t(el.dataset.tp));
  loadRules().then(() => lintNow());
}

async function loadRules() {
  try {
    const r = await fetch("api/rules?lang=" + encodeURIComponent(state.lang), { credentials: "same-origin" });
    if (!r.ok) return;
    const j = await r.json();
    state.rules = {};
    for (const rule of j.rules) state.rules[rule.id] = rule;
    state.types = {};
    for (const ty of j.types) state.types[ty.id] = ty.name;
  } catch (e) { /* the findings still show without explanations */ }
}

/* ---- offsets ---- */

/* For text, the UTF-16 index of each UTF-8 byte offset that starts a
 * character (and of the end); a byte inside a character maps to the
 * character's start. */
function byteMap(text) {
  const map = new Int32Array(new TextEncoder().encode(text).length + 1).fill(-1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    map[b] = i;
    const c = text.codePointAt(i);
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c >= 0x10000) i++;
  }
  map[b] = text.length;
  return map;
}

function toIndex(map, off) {
  off = Math.max(0, Math.min(off, map.length - 1));
  while (off > 0 && map[off] < 0) off--;
  return map[off];
}

/* ---- checking ---- */

/* body[data-busy] is "1" from a change until its answer is shown: for
 * assistive and automated readers alike. */
function busy(on) { document.body.dataset.busy = on ? "1" : "0"; }

function schedule() {
  busy(true);
  clearTimeout(state.timer);
  state.timer = setTimeout(lintNow, 300);
}

async function lintNow() {
  clearTimeout(state.timer);
  const text = $("letter").value, seq = ++state.seq;
  busy(true);
  if (!text.trim()) {
    state.report = null;
    render(text);
    setStatus(t("empty"));
    busy(false);
    return;
  }
  const url = "api/lint?format=json&lang=" + encodeURIComponent(state.lang) +
    "&filename=" + encodeURIComponent(state.name);
  try {
    const r = await fetch(url, {
      method: "POST", body: text, credentials: "same-origin",
      headers: { "Content-Type": /\.(md|markdown)$/i.test(state.name) ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8" }
    });
    const j = await r.json();
    if (seq !== state.seq) return;            // a newer check is under way
    if (j.error) throw new Error(j.error);
    const f = j.files[0];
    if (f.error) throw new Error(f.error);
    state.report = f;
    state.text = text;
    state.map = byteMap(text);
    render(text);
  } catch (e) {
    if (seq === state.seq) setStatus(t("failed", { m: e.message }));
  }
  if (seq === state.seq) busy(false);
}

function setStatus(s) { $("status").textContent = s; }

/* ---- showing ---- */

function span(f) {
  const a = toIndex(state.map, f.offset), b = toIndex(state.map, f.offset + f.length);
  return [a, Math.max(a, b)];
}

const RANK = { error: 3, warning: 2, info: 1 };

/* The backdrop: the text cut at every finding's start and end, each piece
 * marked with the most severe finding over it; data-f lists them all. */
function renderMarks(text, findings) {
  const hl = $("highlights");
  hl.textContent = "";
  const cuts = new Set([0, text.length]);
  const spans = findings.map(span);
  for (const [a, b] of spans) { cuts.add(a); cuts.add(b); }
  const pts = [...cuts].sort((x, y) => x - y);
  for (let k = 0; k < pts.length; k++) {
    const a = pts[k], b = k + 1 < pts.length ? pts[k + 1] : a;
    const over = [];
    spans.forEach(([s, e], i) => { if ((s < b && e > a) || (s === e && s === a)) over.push(i); });
    const piece = text.slice(a, b);
    if (!over.length) { if (piece) hl.appendChild(document.createTextNode(piece)); continue; }
    const point = over.filter((i) => spans[i][0] === spans[i][1] && spans[i][0] === a);
    if (point.length) hl.appendChild(mark("", point, findings, " point"));
    const rest = over.filter((i) => spans[i][0] !== spans[i][1]);
    if (piece && rest.length) hl.appendChild(mark(piece, rest, findings, ""));
    else if (piece) hl.appendChild(document.createTextNode(piece));
  }
  hl.appendChild(document.createTextNode("\u200b\n"));  // a last empty line takes its height too
}

function mark(piece, ids, findings, extra) {
  const m = document.createElement("mark");
  let top = ids[0];
  for (const i of ids) if (RANK[findings[i].severity] > RANK[findings[top].severity]) top = i;
  m.className = findings[top].severity + extra;
  m.dataset.f = ids.join(" ");
  m.textContent = piece;
  return m;
}

function render(text) {
  const f = state.report, list = $("findings");
  const findings = f ? f.findings : [];
  list.textContent = "";
  state.current = -1;
  if (!f) {
    $("highlights").textContent = text + "\u200b\n";
    $("score").textContent = "–";
    $("score").className = "";
    $("types").textContent = "–";
    $("fixall").disabled = true;
    return;
  }
  renderMarks(text, findings);
  syncScroll();
  findings.forEach((x, i) => list.appendChild(item(x, i)));
  $("score").textContent = f.score;
  $("score").className = f.score >= 85 ? "good" : f.score >= 60 ? "fair" : "poor";
  $("types").textContent = f.types.length ? f.types.map((id) => state.types[id] || id).join(", ") : t("none");
  $("fixall").disabled = !findings.some((x) => x.fix);
  const c = { e: 0, w: 0, i: 0 };
  for (const x of findings) c[x.severity[0]]++;
  setStatus(findings.length ? t("counts", { e: c.e, w: c.w, i: c.i, s: f.score }) : t("clean", { s: f.score }));
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function item(f, i) {
  const li = el("li", f.severity);
  li.id = "finding-" + i;
  const jump = el("button", "jump");
  jump.type = "button";
  jump.append(el("span", "sev", t(f.severity)), el("span", "msg", f.message), " ",
    el("span", "rule", "[" + f.rule + "]"), el("br"), el("span", "where", t("line", { l: f.line, c: f.column })));
  jump.addEventListener("click", () => select(i));
  li.appendChild(jump);
  if (f.suggestion) li.appendChild(el("p", "sugg", t("suggestion") + " " + f.suggestion));
  const rule = state.rules[f.rule];
  if (rule && rule.explain) {
    const d = el("details");
    d.append(el("summary", "", t("why")), el("p", "", rule.explain));
    li.appendChild(d);
  }
  if (f.fix) {
    const p = el("p", "fix"), b = el("button", "", t("applyFix"));
    b.type = "button";
    b.addEventListener("click", () => applyFixes([f]));
    const from = state.text.slice(...span({ offset: f.fix.offset, length: f.fix.length }));
    p.append(b, " ", fixDesc(from, f.fix.replacement));
    li.appendChild(p);
  }
  return li;
}

function fixDesc(from, to) {
  const s = el("span");
  const q = (x) => { const c = el("code", "", JSON.stringify(x)); return c; };
  const parts = t("fixTo", { a: "\u0001", b: "\u0002" }).split(/([\u0001\u0002])/);
  for (const p of parts) s.append(p === "\u0001" ? q(from) : p === "\u0002" ? (to ? q(to) : t("remove")) : p);
  return s;
}

function markCurrent(i) {
  for (const m of document.querySelectorAll("mark.current, #findings li.current")) m.classList.remove("current");
  for (const m of document.querySelectorAll("mark")) if (m.dataset.f.split(" ").includes(String(i))) m.classList.add("current");
  $("finding-" + i).classList.add("current");
  state.current = i;
}

/* The caret on a finding's words shows that finding in the list (scrolled
 * to only where the list stands beside the letter, not below it). */
function followCaret() {
  const ta = $("letter");
  if (!state.report || ta.value !== state.text) return;
  const pos = ta.selectionStart;
  const i = state.report.findings.findIndex((f) => { const [a, b] = span(f); return b > a && a <= pos && pos <= b; });
  if (i < 0 || i === state.current) return;
  markCurrent(i);
  if (window.matchMedia("(min-width: 801px)").matches) $("finding-" + i).scrollIntoView({ block: "nearest" });
}

/* Selects finding i's words in the letter and scrolls to them. */
function select(i) {
  const f = state.report.findings[i], [a, b] = span(f), ta = $("letter");
  ta.focus();
  ta.setSelectionRange(a, b);
  markCurrent(i);
  const m = document.querySelector("mark.current");
  if (m) ta.scrollTop = Math.max(0, m.offsetTop - ta.clientHeight / 3);
  syncScroll();
}

/* ---- fixing ---- */

/* Applies fixes that do not overlap an earlier one (as --fix does), from
 * the end backwards so that earlier offsets stay right. */
function applyFixes(list) {
  const text = state.text, spans = [];
  for (const f of [...list].sort((x, y) => x.fix.offset - y.fix.offset)) {
    const [a, b] = span({ offset: f.fix.offset, length: f.fix.length });
    if (spans.length && a < spans[spans.length - 1].b) continue;
    spans.push({ a, b, r: f.fix.replacement });
  }
  let out = text;
  for (let k = spans.length - 1; k >= 0; k--) out = out.slice(0, spans[k].a) + spans[k].r + out.slice(spans[k].b);
  $("letter").value = out;
  setStatus(t("fixed", { n: spans.length }));
  lintNow();
}

/* ---- files ---- */

async function openFile(file) {
  if (!file) return;
  busy(true);
  setStatus(t("reading", { f: file.name }));
  const docx = /\.docx$/i.test(file.name);
  try {
    let text;
    if (docx) {
      const r = await fetch("api/text", { method: "POST", body: file, credentials: "same-origin",
        headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } });
      if (!r.ok) throw new Error((await r.json()).error);
      text = await r.text();
    } else {
      text = await file.text();
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    state.name = docx ? file.name.replace(/\.docx$/i, ".txt") : file.name;
    $("letter").value = text;
    lintNow();
  } catch (e) {
    setStatus(t("failed", { m: e.message }));
    busy(false);
  }
}

function fixedName() {
  return state.name.replace(/(\.[^.]*)?$/, (ext) => "-fixed" + (ext && !/docx/i.test(ext) ? ext : ".txt"));
}

async function copyText() {
  const ta = $("letter");
  try {
    await navigator.clipboard.writeText(ta.value);
  } catch (e) {
    ta.select();
    if (!document.execCommand("copy")) { setStatus(t("copyFailed")); return; }
  }
  setStatus(t("copied"));
}

function download() {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([$("letter").value], { type: "text/plain;charset=utf-8" }));
  a.download = fixedName();
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function syncScroll() {
  const ta = $("letter"), bd = document.querySelector(".backdrop");
  bd.scrollTop = ta.scrollTop;
  bd.scrollLeft = ta.scrollLeft;
}

function init() {
  const ta = $("letter"), ed = $("editor");
  ta.addEventListener("input", () => {
    // until the next answer, the old marks would sit on the wrong words
    if (state.report) { state.report = null; render(ta.value); }
    schedule();
  });
  ta.addEventListener("scroll", syncScroll);
  ta.addEventListener("click", followCaret);
  ta.addEventListener("keyup", followCaret);
  $("lang").addEventListener("change", (e) => { state.lang = e.target.value; applyLanguage(); });
  $("file").addEventListener("change", (e) => { openFile(e.target.files[0]); e.target.value = ""; });
  $("fixall").addEventListener("click", () => {
    if (state.report) applyFixes(state.report.findings.filter((f) => f.fix));
  });
  $("copy").addEventListener("click", copyText);
  $("download").addEventListener("click", download);
  ed.addEventListener("dragover", (e) => { e.preventDefault(); ed.classList.add("drop"); });
  ed.addEventListener("dragleave", () => ed.classList.remove("drop"));
  ed.addEventListener("drop", (e) => {
    e.preventDefault();
    ed.classList.remove("drop");
    if (e.dataTransfer.files.length) openFile(e.dataTransfer.files[0]);
  });
  new ResizeObserver(syncScroll).observe(ta);
  applyLanguage();
}

document.addEventListener("DOMContentLoaded", init);
