#!/usr/bin/env python3
"""Checks data/reference/*.json: parses, unique codes, parents exist and come first, competency aliases unique
(after the same normalisation the matcher uses: ASCII case folded, spaces and punctuation removed), KECO and NCS links
resolve, coordinates inside Korea. Run: python3 data/reference/check_reference.py  (exit 1 on any problem)."""
import json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []

def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        d = json.load(f)
    if not isinstance(d.get("source"), str) or not d["source"].strip():
        problems.append(f"{name}: missing top-level 'source'")
    return d

PUNCT = re.compile(r"[\s\u00b7\u2027\u30fb\u318d\u2022\u00b7\u3001\u3002\uff0c\uff0e\(\)\[\]\{\}<>\u3008-\u3011\uff08\uff09\uff3b\uff3d\"'`~!@#$%^&*\-_=+|\\/:;,.?]")
def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(ch.lower() if ch.isascii() else ch for ch in s)
    return PUNCT.sub("", s)

# KECO
keco = load("keco-2018.json")
codes, per_level = {}, {}
for i, it in enumerate(keco["items"]):
    c, p = it["code"], it["parent_code"]
    for f in ("name_ko", "name_en"):
        if not isinstance(it.get(f), str) or not it[f].strip():
            problems.append(f"keco {c}: empty {f}")
    if not re.fullmatch(r"\d{1,4}", c): problems.append(f"keco {c}: not a 1-4 digit string")
    if c in codes: problems.append(f"keco {c}: duplicate")
    if len(c) == 1:
        if p is not None: problems.append(f"keco {c}: top level with a parent")
    else:
        if p not in codes: problems.append(f"keco {c}: parent {p} missing or after the child")
        elif len(p) != len(c) - 1 or not c.startswith(p if len(c) > 2 else p[0]):
            problems.append(f"keco {c}: parent {p} does not prefix it")
    codes[c] = it
    per_level[len(c)] = per_level.get(len(c), 0) + 1
for lvl, want in ((1, 10), (2, 35), (3, 136)):
    if per_level.get(lvl) != want: problems.append(f"keco: {per_level.get(lvl)} codes at level {lvl}, expected {want}")

# Competencies
comp = load("competencies.json")
domains = {d["code"] for d in comp["domains"]}
if len(domains) != 24 or len(comp["domains"]) != 24: problems.append("competencies: expected 24 unique NCS domains")
keys, owner = set(), {}
n_alias = 0
for it in comp["items"]:
    k = it["key"]
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k): problems.append(f"competency {k}: key not a lowercase ascii slug")
    if k in keys: problems.append(f"competency {k}: duplicate key")
    keys.add(k)
    if it["ncs_domain"] not in domains: problems.append(f"competency {k}: unknown ncs_domain {it['ncs_domain']}")
    if not it["keco"]: problems.append(f"competency {k}: no keco codes")
    for c in it["keco"]:
        if c not in codes or len(c) not in (2, 3): problems.append(f"competency {k}: keco {c} not a 2/3-digit code in keco-2018.json")
    n_alias += len(it["aliases"])
    seen_here = set()
    for a in [k, it["name_ko"], it["name_en"]] + it["aliases"]:
        n = norm(a)
        if not n: problems.append(f"competency {k}: alias {a!r} normalises to nothing"); continue
        if n in seen_here: continue
        seen_here.add(n)
        if n in owner and owner[n] != k: problems.append(f"alias clash {a!r}: {owner[n]} and {k}")
        owner.setdefault(n, k)
if not 120 <= len(comp["items"]) <= 200: problems.append(f"competencies: {len(comp['items'])} items, expected 120-200")

# Places
pl = load("places.json")
def in_korea(x): return 33.0 <= x["lat"] <= 38.7 and 124.5 <= x["lon"] <= 131.0
seen = set()
for a in pl["areas"]:
    if a["code"] in seen: problems.append(f"area {a['code']}: duplicate")
    seen.add(a["code"])
    if not in_korea(a): problems.append(f"area {a['code']}: outside Korea")
for c in pl["cities"]:
    if c["code"] in seen: problems.append(f"city {c['code']}: duplicate code")
    seen.add(c["code"])
    if not in_korea(c): problems.append(f"city {c['code']}: outside Korea")
    if not isinstance(c.get("population"), int) or c["population"] <= 0: problems.append(f"city {c['code']}: bad population")
area_cities = {a["city"] for a in pl["areas"]}
city_codes = {c["code"] for c in pl["cities"]}
for ac in area_cities:
    if ac not in city_codes: problems.append(f"areas name city {ac} which is not in cities")

print(f"keco: {per_level}  competencies: {len(comp['items'])} items, {n_alias} aliases, {len(domains)} domains  "
      f"places: {len(pl['areas'])} areas, {len(pl['cities'])} cities, population {sum(c['population'] for c in pl['cities']):,}")
for p in problems: print("PROBLEM:", p)
sys.exit(1 if problems else 0)
