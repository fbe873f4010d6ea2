"""Measure the bundled gazetteer on names drawn from the GeoNames dumps: coder names and press spellings.

Usage (from the checkout)::

    python gazetteer/check_names.py --geonames DIR [--n 600] [--seed 13]

Two figures, each over populated places drawn (seeded) from the dumps ``ML.txt``,
``BF.txt``, ``NE.txt``, ``MR.txt`` in ``DIR``:

* **coder names**: the place's name as a conflict coder writes it (its ASCII name), with
  its country as a hint; a hit when the answer lies within 25 km of the place. Also with
  the admin-1 unit beside the name ("Bamba (Gao)"), as coders' tables give it.
* **spelling robustness**: the same names varied the way reporters vary them
  (:func:`variants`: ``ou``/``u``/``w``, ``dj``/``j``, ``ch``/``sh``, doubled letters,
  hyphens, apostrophes and spaces, accents dropped, ``In-``/``Tin-``/``Ag-`` prefixes);
  a hit when the variant comes back to a place within 25 km of the one its exact name
  gives.

Names are drawn among the places whose exact name resolves; the fraction of the drawn
names that have namesakes in the same country is printed too (a country hint alone
cannot tell those apart).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geoevents._text import key  # noqa: E402
from geoevents.gazetteer import load_gazetteer  # noqa: E402
from geoevents.geocoding import distance  # noqa: E402
from geoevents.geonames import read_dump  # noqa: E402

COUNTRIES = ("ML", "BF", "NE", "MR")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, km (the project's one, :func:`geoevents.geocoding.distance.km`)."""
    return distance.km(lon1, lat1, lon2, lat2)


#: Reporters' transliteration swaps: (pattern on the lower-cased name, replacement); the first match changes.
_SWAPS = [
    (r"ou", "u"),
    (r"(?<![oag])u", "ou"),
    (r"ou(?=[aeiéè])", "w"),
    (r"dj", "j"),
    (r"(?<!d)j", "dj"),
    (r"(?<!t)ch", "sh"),
    (r"sh", "ch"),
    (r"tch", "ch"),
    (r"y", "i"),
    (r"gu(?=[ieé])", "g"),
    (r"kh", "k"),
    (r"gh", "g"),
    (r"[éè]", "e"),
]


def variants(name: str) -> list[str]:
    """Return the press spellings of ``name`` (never ``name`` itself).

    Examples
    --------
    >>> sorted(variants("Tin-Zaouatene"))[:4]
    ['TIN-ZAOUATENE', 'Tin Zaouatene', 'Tin-Zauatene', 'Tin-Zawatene']
    """
    out = set()
    for pat, rep in _SWAPS:
        m = re.search(pat, name.lower())
        if m:
            i, j = m.span()
            out.add(name[:i] + (rep.capitalize() if name[i].isupper() else rep) + name[j:])
    m = re.search(r"([bcdfgklmnprstz])\1", name)
    if m:
        out.add(name[: m.start()] + name[m.start()] + name[m.end() :])  # doubled letter -> one
    else:
        m = re.search(r"[aeiou]([lmnrst])[aeiou]", name)
        if m:
            out.add(name[: m.start(1)] + m.group(1) * 2 + name[m.end(1) :])  # one letter doubled
    if "-" in name:
        out.update({name.replace("-", " "), name.replace("-", "")})
    elif " " in name:
        out.add(name.replace(" ", "-"))
    if "'" in name or "’" in name:
        out.update(
            {name.replace("'", "").replace("’", ""), name.replace("'", " ").replace("’", " ")}
        )
    for pre in ("Ti-n-", "I-n-", "In ", "Tin ", "Ag ", "In-", "Tin-", "Ag-"):
        if name.startswith(pre):
            rest = name[len(pre) :]
            # GeoNames writes the Tamasheq prefixes "Ti-n-" and "I-n-"; the press "Tin-", "In "
            base = {"Ti-n-": "Tin", "I-n-": "In"}.get(pre, pre.strip(" -"))
            out.update({f"{base}{rest.lower()}", f"{base}-{rest}", f"{base} {rest}"})
            if base == "In":
                out.add(f"I-n-{rest}")
            break
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    if bare != name:
        out.add(bare)  # every accent dropped, as wires write
        for v in list(out):
            out.add(
                "".join(c for c in unicodedata.normalize("NFKD", v) if not unicodedata.combining(c))
            )
    out.add(name.upper())
    out.discard(name)
    return sorted(out)


def draw(dumps: Path, n: int, seed: int) -> list[tuple[str, str, str, float, float, str]]:
    """Draw ``n`` populated places: (name, country, admin-1 name, lat, lon, geonameid)."""
    rows = []
    for cc in COUNTRIES:
        adm1 = {}
        parsed = list(read_dump(dumps / f"{cc}.txt"))
        for _, f in parsed:
            if f[7] == "ADM1":
                adm1[f[10]] = re.sub(
                    r"\s+(Region|Province|Department)$|^(Région|Province) (de la |de l'|du |de |des )",
                    "",
                    f[2],
                )
        for _, f in parsed:
            if (
                f[6] == "P"
                and f[7] in ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLL")
                and len(key(f[2])) >= 4
            ):
                rows.append((f[2], cc, adm1.get(f[10], ""), float(f[4]), float(f[5]), f[0]))
    rng = random.Random(seed)
    return rng.sample(rows, n)


#: Tamasheq and Arabic name prefixes as GeoNames and the press write them.
PREFIXED = re.compile(r"^(?:Ti-n-|I-n-|Tin[- ]|In[- ]|Ag[- ]|Ine[- ]|Tine[- ])\w")


def draw_prefixed(dumps: Path) -> list[tuple[str, str, float, float]]:
    """Every populated place whose name starts with a Tamasheq or Arabic prefix: (name, country, lat, lon)."""
    rows = []
    for cc in COUNTRIES:
        for _, f in read_dump(dumps / f"{cc}.txt"):
            if f[6] == "P" and PREFIXED.match(f[1]):
                rows.append((f[1], cc, float(f[4]), float(f[5])))
    return rows


def robustness(
    gaz, names: list[tuple[str, str]]
) -> tuple[int, int, list[tuple[str, str, str | None]]]:
    """Vary each (name, country) as reporters do; count the variants that come back within 25 km
    of the place the exact name gives: (hits, variants, misses)."""
    total = hit = 0
    misses = []
    for name, cc in names:
        base = gaz.resolve(name, countries=[cc]).place
        if base is None:
            continue
        for v in variants(name):
            total += 1
            r = gaz.resolve(v, countries=[cc]).place
            ok = r is not None and km(base.lat, base.lon, r.lat, r.lon) <= 25
            hit += ok
            if not ok:
                misses.append((name, v, r and r.name))
    return hit, total, misses


def ceiling(dumps: Path, picks: list) -> float:
    """The best any answer from the name and country alone can score on ``picks``: same-name
    places of a country (22 % of the names) are told apart only by chance."""
    groups: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for cc in COUNTRIES:
        for _, f in read_dump(dumps / f"{cc}.txt"):
            if f[6] == "P":
                groups.setdefault((key(f[2]), cc), []).append((float(f[4]), float(f[5])))
    tot = 0.0
    for name, cc, _a1, _lat, _lon, _gid in picks:
        g = groups.get((key(name), cc)) or [(_lat, _lon)]
        tot += max(sum(km(a, b, c, d) <= 25 for c, d in g) for a, b in g) / len(g)
    return tot / len(picks)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--geonames", type=Path, required=True, help="folder of ML.txt BF.txt NE.txt MR.txt"
    )
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    gaz = load_gazetteer()
    picks = draw(a.geonames, a.n, a.seed)
    same = Counter()
    for p in gaz.places:
        if p.kind == "town" and p.country in COUNTRIES:
            same[(key(p.name), p.country)] += 1
    dup = sum(1 for name, cc, *_ in picks if same[(key(name), cc)] > 1)
    hit = hit_admin = 0
    misses = []
    for name, cc, a1, lat, lon, gid in picks:
        r = gaz.resolve(name, countries=[cc]).place
        ok = r is not None and km(lat, lon, r.lat, r.lon) <= 25
        hit += ok
        if not ok:
            misses.append(
                (name, cc, gid, r and (r.name, r.country, round(r.lat, 2), round(r.lon, 2)))
            )
        q = f"{name} ({a1})" if a1 else name
        r = gaz.resolve(q, countries=[cc]).place
        hit_admin += r is not None and km(lat, lon, r.lat, r.lon) <= 25
    print(
        f"coder names, country hint: {hit / len(picks):.3f} within 25 km ({hit}/{len(picks)}); "
        f"with admin-1 beside the name: {hit_admin / len(picks):.3f}; "
        f"names with a namesake in the same country: {dup / len(picks):.2f}"
    )
    for m in misses[: a.show]:
        print("MISS", *m, "namesakes:", same[(key(m[0]), m[1])])
    print(
        f"ceiling of any answer from the name and country alone: {ceiling(a.geonames, picks):.3f}"
    )
    vhit, total, vmiss = robustness(gaz, [(name, cc) for name, cc, *_ in picks])
    print(
        f"spelling robustness: {vhit / max(total, 1):.3f} of {total} press variants of {len(picks)} names "
        "come back to the place their exact name gives"
    )
    pre = draw_prefixed(a.geonames)
    phit, ptotal, pmiss = robustness(gaz, [(name, cc) for name, cc, *_ in pre])
    print(
        f"prefixed names (Ti-n-, I-n-, In, Tin, Ag): {phit / max(ptotal, 1):.3f} of {ptotal} press "
        f"variants of {len(pre)} names come back"
    )
    for m in (vmiss + pmiss)[: a.show]:
        print("VARIANT MISS", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
