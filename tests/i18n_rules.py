#!/usr/bin/python3
"""i18n_rules.py FILE... - every user-facing text of the rule and data files
has a zh-CN text beside the English one, with the same {placeholders}
({name_en} may stand for {name}) and Chinese in it. Exit 1 if any lacks."""
import json, re, sys
TEXT_KEYS = {"summary", "message", "suggestion", "explain", "name", "target"}
bad = 0
def walk(path, o, where):
    global bad
    if isinstance(o, dict):
        for k, v in o.items():
            if k in TEXT_KEYS:
                if isinstance(v, str):
                    print(f"{path}: {where}{k}: still a plain string (needs {{\"en\", \"zh-CN\"}})"); bad += 1
                elif isinstance(v, dict):
                    en, zh = v.get("en"), v.get("zh-CN")
                    if not isinstance(zh, str) or not zh.strip():
                        print(f"{path}: {where}{k}: no zh-CN text"); bad += 1; continue
                    pe, pz = set(re.findall(r"\{\w+\}", en)), {re.sub(r"_en\}$", "}", x) for x in re.findall(r"\{\w+\}", zh)}
                    if pe != pz:
                        print(f"{path}: {where}{k}: placeholders differ: en {sorted(pe)} zh {sorted(pz)}"); bad += 1
                    if not re.search(r"[\u4e00-\u9fff]", zh):
                        print(f"{path}: {where}{k}: zh-CN text has no Chinese"); bad += 1
                    if set(v) - {"en", "zh-CN"}:
                        print(f"{path}: {where}{k}: unexpected language keys {sorted(set(v) - {'en','zh-CN'})}"); bad += 1
            elif k in ("variants",):
                for vn, vv in v.items():
                    walk(path, vv, f"{where}variants.{vn}.")
            elif k in ("metrics", "types") and isinstance(v, list):
                for i, e in enumerate(v):
                    walk(path, e, f"{where}{k}[{i}].")
for p in sys.argv[1:]:
    try:
        doc = json.load(open(p, encoding="utf-8"))
    except Exception as e:
        print(f"{p}: not valid JSON: {e}"); bad += 1; continue
    for i, r in enumerate(doc if isinstance(doc, list) else [doc]):
        walk(p, r, "")
sys.exit(1 if bad else 0)
