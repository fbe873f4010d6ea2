#!/usr/bin/env python3
"""Consistency checks for the frozen unseen evaluation set (stdlib only).

usage: python3 eval/unseen/check.py [DIR] [--scorer PATH/TO/eval_extract.py]

DIR defaults to the folder of this script (it holds truth.jsonl and articles/).
Checks: every truth line parses; ids are unique; every `file` exists where the scorer
looks for it (ARTICLES_DIR joined with the file's base name) and every article is used;
languages, ISO dates (publication and events, start <= end, nothing after publication),
time precision, event types and sub-types against the scorer's vocabulary, diplomacy
participants, countries (ISO 3166-1 alpha-2), geo precision vs. coordinates, coordinates
inside a rough bounding box of the stated country, date and location phrases present in
the article text, and no machine paths in the files. Exits 1 on any problem.
"""

import argparse
import ast
import datetime as dt
import json
import os
import re
import sys
from collections import Counter

# event_type values the scorer (eval_extract.py, TYPES) understands; the corpus uses these eleven
TYPES = [
    "battle",
    "explosion_remote_violence",
    "violence_against_civilians",
    "protest",
    "riot",
    "strategic_development",
    "diplomacy_call",
    "diplomacy_meeting",
    "diplomacy_visit",
    "diplomacy_agreement",
    "diplomacy_statement",
]
SUBTYPES = {
    "battle": {
        "armed_clash",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    },
    "explosion_remote_violence": {
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
        "chemical_weapon",
    },
    "violence_against_civilians": {"attack", "abduction_forced_disappearance", "sexual_violence"},
    "protest": {
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
    },
    "riot": {"violent_demonstration", "mob_violence"},
    "strategic_development": {
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    },
}
# rough (lat_min, lat_max, lon_min, lon_max) of every country that carries a point in this set
BBOX = {
    "ML": (10.1, 25.1, -12.3, 4.3),
    "BF": (9.3, 15.1, -5.6, 2.5),
    "NE": (11.6, 23.6, 0.1, 16.1),
    "MR": (14.6, 27.4, -17.1, -4.8),
    "TD": (7.4, 23.5, 13.4, 24.0),
    "DZ": (18.9, 37.2, -8.7, 12.0),
    "NG": (4.2, 13.9, 2.6, 14.7),
    "RU": (41.1, 82.0, 19.6, 180.0),
    "FR": (41.3, 51.1, -5.2, 9.6),
}
PRECISION_LEN = {"day": 10, "week": 10, "month": 7, "year": 4}
RECORD_KEYS = ["id", "file", "language", "publication_date", "events"]
EVENT_KEYS = [
    "event_type",
    "sub_event_type",
    "date_text",
    "date_start",
    "date_end",
    "time_precision",
    "location_text",
    "place",
    "country",
    "geo_precision",
    "lat",
    "lon",
    "actors",
    "fatalities",
]
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|root|tmp|mnt|Users)/")


def iso_ok(s):
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date."""
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        return False
    y, m, d = (s.split("-") + ["01", "01"])[:3]
    try:
        dt.date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def lo(s):
    return s + {4: "-01-01", 7: "-01"}.get(len(s), "")


def hi(s):
    return s + {4: "-12-31", 7: "-31"}.get(len(s), "")


def fragments(text):
    """Parts of a date_text/location_text joined with ';' or '...'; implied parts in parentheses are skipped."""
    out = []
    for part in re.split(r";|\.\.\.", text or ""):
        part = part.strip()
        if part and not part.startswith("("):
            out.append(part)
    return out


def scorer_types(path):
    """The keys of TYPES in the scorer, read without running it."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "TYPES" for t in node.targets
        ):
            return {k.value for k in node.value.keys}
    raise SystemExit(f"no TYPES in {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--scorer", help="eval_extract.py, to check the type names against its TYPES")
    a = ap.parse_args()
    problems = []

    def bad(where, msg):
        problems.append(f"{where}: {msg}")

    if a.scorer:
        known = scorer_types(a.scorer)
        for t in TYPES:
            if t not in known:
                bad("vocabulary", f"{t} is not in the scorer's TYPES")
    truth_path = os.path.join(a.dir, "truth.jsonl")
    art_dir = os.path.join(a.dir, "articles")
    recs, seen, used = [], set(), set()
    for n, line in enumerate(open(truth_path, encoding="utf-8"), 1):
        if not line.strip():
            bad(f"line {n}", "empty line")
            continue
        try:
            recs.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            bad(f"line {n}", f"does not parse: {e}")
    counts = Counter()
    for n, r in recs:
        rid = r.get("id", f"line {n}")
        for k in RECORD_KEYS:
            if k not in r:
                bad(rid, f"missing field {k}")
        if rid in seen:
            bad(rid, "duplicate id")
        seen.add(rid)
        lang = r.get("language")
        if lang not in ("fr", "en"):
            bad(rid, f"language {lang!r}")
        fname = r.get("file", "")
        if fname != f"articles/{rid}-{lang}.txt":
            bad(rid, f"file {fname!r} should be articles/{rid}-{lang}.txt")
        path = os.path.join(art_dir, os.path.basename(fname))  # as the scorer joins it
        text = ""
        if not os.path.isfile(path):
            bad(rid, f"article {fname} not found")
        else:
            used.add(os.path.basename(fname))
            try:
                text = open(path, encoding="utf-8").read()
            except UnicodeDecodeError:
                bad(rid, "article is not UTF-8")
            if not text.strip():
                bad(rid, "article is empty")
        pub = r.get("publication_date")
        if not (iso_ok(pub) and len(pub) in (7, 10)):
            bad(rid, f"publication_date {pub!r} is not YYYY-MM-DD or YYYY-MM")
            pub = None
        events = r.get("events") or []
        if not 1 <= len(events) <= 4:
            bad(rid, f"{len(events)} events (1-4 expected)")
        for i, e in enumerate(events, 1):
            w = f"{rid} event {i}"
            for k in EVENT_KEYS:
                if k not in e:
                    bad(w, f"missing field {k}")
            t = e.get("event_type")
            if t not in TYPES:
                bad(w, f"event_type {t!r} not in the scorer's vocabulary")
                continue
            for alt in e.get("alt_event_types") or []:
                if alt not in TYPES:
                    bad(w, f"alt_event_type {alt!r} not in the vocabulary")
            sub = e.get("sub_event_type")
            if t.startswith("diplomacy_"):
                if sub != t.split("_", 1)[1]:
                    bad(w, f"sub_event_type {sub!r} does not fit {t}")
                parts = e.get("participants")
                if not (isinstance(parts, list) and len(parts) >= 2):
                    bad(w, "diplomacy event without two or more participants")
            elif sub not in SUBTYPES[t]:
                bad(w, f"sub_event_type {sub!r} is not an ACLED sub-type of {t}")
            ds, de, tp = e.get("date_start"), e.get("date_end"), e.get("time_precision")
            if not (iso_ok(ds) and iso_ok(de)):
                bad(w, f"dates {ds!r}..{de!r} are not ISO")
            else:
                if lo(ds) > hi(de):
                    bad(w, f"date_start {ds} after date_end {de}")
                if (
                    tp not in PRECISION_LEN
                    or len(ds) != PRECISION_LEN[tp]
                    or len(de) != PRECISION_LEN[tp]
                ):
                    bad(w, f"time_precision {tp!r} does not fit {ds}..{de}")
                if pub and lo(de)[: len(pub)] > pub:
                    bad(w, f"event ends {de}, after publication {pub}")
            bg = e.get("background", False)
            if not isinstance(bg, bool):
                bad(w, "background must be true/false")
            fat = e.get("fatalities")
            if fat is not None and not (isinstance(fat, int) and fat >= 0):
                bad(w, f"fatalities {fat!r}")
            ccs = (e.get("country") or "").split(";")
            if not all(re.fullmatch(r"[A-Z]{2}", c) for c in ccs):
                bad(w, f"country {e.get('country')!r} is not ISO2 (several joined with ';')")
            gp, lat, lon = e.get("geo_precision"), e.get("lat"), e.get("lon")
            if gp not in (1, 2, 3, 4):
                bad(w, f"geo_precision {gp!r}")
            elif gp <= 2:
                if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
                    bad(w, "geo_precision 1/2 needs lat/lon")
                elif len(ccs) != 1 or ccs[0] not in BBOX:
                    bad(w, f"no bounding box to check {e.get('country')!r}")
                else:
                    y0, y1, x0, x1 = BBOX[ccs[0]]
                    if not (y0 <= lat <= y1 and x0 <= lon <= x1):
                        bad(w, f"({lat}, {lon}) falls outside {ccs[0]}")
                if not e.get("coord_source"):
                    bad(w, "point without coord_source")
            elif lat is not None or lon is not None:
                bad(w, "geo_precision 3/4 must have lat/lon null")
            for field in ("date_text", "location_text"):
                for frag in fragments(e.get(field)):
                    if text and frag not in text:
                        bad(w, f"{field} fragment {frag!r} not in the article")
            counts[(t, lang, bool(bg))] += 1
    for f in sorted(os.listdir(art_dir)):
        if f not in used:
            bad(f, "article not referenced in truth.jsonl")
    for root, _, files in os.walk(a.dir):
        for f in files:
            if f.endswith((".txt", ".jsonl", ".md", ".py")):
                p = os.path.join(root, f)
                m = MACHINE_PATH.search(open(p, encoding="utf-8").read())
                if m:
                    bad(os.path.relpath(p, a.dir), f"machine path {m.group(0)!r}")

    n_ev = sum(counts.values())
    print(
        f"{len(recs)} texts, {n_ev} events ({sum(v for k, v in counts.items() if k[2])} background)"
    )
    for t in TYPES:
        fr = sum(v for k, v in counts.items() if k[0] == t and k[1] == "fr")
        en = sum(v for k, v in counts.items() if k[0] == t and k[1] == "en")
        print(f"  {t:28s} {fr + en:4d}  fr {fr:3d}  en {en:3d}")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
