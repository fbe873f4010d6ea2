"""Relative phrases: offsets, borders, areas, compass parts, roads, sites (a geocoding layer).

Above :mod:`.match`: :func:`resolve_phrase` reads a folded query with the steps of
:data:`STEPS`, each a pattern and what it means: "région de Kidal" (a region, precision 3),
"à 50 km au nord de Gao" (an offset point, precision 2), "le nord du Mali" (part of a
country, an area), "la frontière algérienne" / "the border with Niger" (a border line, the
other country taken from the context), "entre Boni et Hombori" (the stretch between two
towns), "près de Gao" (a disc), rivers, airfields, forests, "village de X". A phrase no step
reads, and a plain name, go to :func:`~.match.resolve_name`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.geocoding import candidates
from geoevents.geocoding.distance import destination
from geoevents.geocoding.distance import km as _km
from geoevents.geocoding.index import EXACT_KEY
from geoevents.geocoding.match import SHORT_NAME, resolve_name
from geoevents.geocoding.names import key
from geoevents.geocoding.rank import answer, rank
from geoevents.geocoding.regions import SAHEL
from geoevents.models import Place, Resolution

if TYPE_CHECKING:
    from geoevents.geocoding.context import Context
    from geoevents.geocoding.index import GazetteerIndex

#: Largest offset taken from "à N km au nord de X", km.
MAX_OFFSET_KM = 1000.0
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
#: A number anywhere in a phrase: what the offset and radius patterns start from.
_NUMBER = re.compile(r"\d|" + "|".join(_APPROX))
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
    r"^(.+?)\s+(?:city|town|township|village|hamlet|locality|settlement|airport|airbase|"
    r"military\s+camp|camp|ville)$"
)
_SETTLEMENT = re.compile(
    r"^(?:village|localite|locality|hamlet|township|settlement|ville|town|city|camp|camp\s+militaire|base|base\s+militaire|poste|"
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
ADJ_SETTLEMENT = re.compile(
    r"^(?:(?:la|le|l|the|a|an)\s+)?(village|localite|ville|town|city|commune|region|province|area|zone|camp)\s+"
    r"([a-z]+)\s+(?:de|d|du|of)\s+(.+)$"
)
ADJ_SETTLEMENT_EN = re.compile(
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
TRIGGERS = frozenset(
    """
    pres loin proximite environs alentours zone secteur localite peripherie entree sortie
    banlieue near nearby close outside around vicinity outskirts area not road region
    regions province provinces prefecture departement department cercle commune wilaya etat
    state district arrondissement canton fleuve riviere river lac lake mare oued wadi vallee
    valley massif mont monts plateau mountains village ville town city camp base poste
    hameau hamlet township locality settlement site marche market garrison military army chef
    sous aeroport airport aerodrome airbase airfield airstrip aerienne foret forest reserve parc park prison mine frontiere
    frontieres border borders frontier entre between axe axis route troncon corridor km kms
    kilometres kilometers kilometre kilometer miles mile nord sud est ouest centre center
    north south east west northern southern eastern western central northeast northwest
    southeast southwest dizaine quinzaine vingtaine trentaine quarantaine cinquantaine
    soixantaine centaine of de du des d
    """.split()
)
DIGIT = re.compile(r"\d")
POSSESSIVE_Q = re.compile(r"^(.+?)s\s+(.+)$")
LEAD = re.compile(
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


def _country_of_phrase(gaz: GazetteerIndex, text: str) -> str | None:
    text = LEAD.sub("", text).strip()
    cc = gaz.country_code(text)
    if cc:
        return cc
    parts = text.split()
    if parts and parts[0] in _PREFIX_CC:
        return _PREFIX_CC[parts[0]]
    return None


def _border(gaz: GazetteerIndex, q: str, query: str, ctx: Context) -> Resolution | None:
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
        found = _home_country(gaz, ctx, exclude=other)
        if found is None:
            return _sahel_borders(gaz, other, query)
        home = found
    b = gaz.border(home, other)
    if b is None:
        return Resolution(query, None, 0.0, (), f"no border between {home} and {other}")
    return Resolution(query, replace(b, country=home), 0.9, (b,), f"border {home}-{other}")


def _sahel_borders(gaz: GazetteerIndex, cc: str, query: str) -> Resolution:
    """Return the borders of ``cc`` with the core Sahel countries, as one line ("la frontière algérienne").

    Without a place or a demonym of the other side, the Sahel news that names one country's
    border means its stretch along the Sahel: Algeria's borders with Mali, Niger and Mauritania.
    """
    from shapely import wkt
    from shapely.ops import linemerge, unary_union

    lines = [
        b
        for b in gaz.borders_of(cc)
        if b.geometry_wkt and (set(_border_countries(gaz, b)) - {cc}) <= SAHEL
    ]
    if not lines:
        return Resolution(query, None, 0.0, (), f"border of {cc}: the other country is unknown")
    others = sorted(c for b in lines for c in _border_countries(gaz, b) if c != cc)
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


def _border_countries(gaz: GazetteerIndex, border: Place) -> tuple[str, ...]:
    """Return the ISO2 codes of the two countries a border line separates (its alternate names)."""
    i = gaz.index_of(border.place_id)
    return gaz.names_of(i) if i is not None else ()


def _home_country(gaz: GazetteerIndex, ctx: Context, *, exclude: str) -> str | None:
    neighbours = gaz.neighbours(exclude)
    scores: dict[str, float] = {}
    for c in ctx.hints:
        scores[c] = scores.get(c, 0.0) + 3.0
    for c, v in ctx.votes.items():
        scores[c] = scores.get(c, 0.0) + v
    best = [c for c in sorted(scores, key=lambda c: -scores[c]) if c != exclude and c in neighbours]
    return best[0] if best else None


def _compass_area(gaz: GazetteerIndex, place: Place, direction: str, query: str) -> Resolution:
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


def resolve_phrase(gaz: GazetteerIndex, query: str, q: str, ctx: Context) -> Resolution:
    """Resolve the folded query ``q``: the first step of :data:`STEPS` that reads it, else a name.

    ``query`` is kept as the resolution's query; a step resolving a part of the phrase (the
    place an offset starts from, the ends of a road) calls this function again on that part.
    """
    core = LEAD.sub("", q).strip() or q
    if len(q) <= SHORT_NAME + 2 and len(key(q)) <= SHORT_NAME:
        return resolve_name(gaz, query, q, core, ctx)  # "du", "Gao": too short for a phrase
    words = set(q.split())  # core's words are among them
    if TRIGGERS.isdisjoint(words) and not DIGIT.search(q):
        return resolve_name(gaz, query, q, core, ctx)  # a plain name: no phrase patterns to try
    numeric = _NUMBER.search(q) is not None
    for step, need in _GATED_STEPS:
        # a step whose patterns need a word (or a number) the phrase lacks cannot read it
        if need is not None and (need.isdisjoint(words) if need else not numeric):
            continue
        res = step(gaz, query, q, core, ctx)
        if res is not None:
            return res
    return resolve_name(gaz, query, q, core, ctx)


def _admin_unit(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """Administrative units: "region de Kidal", "Kidal region", "province du Soum", "cercle de Gao"."""
    m = _ADMIN_PREFIX.match(core)
    ms = _ADMIN_SUFFIX.match(core)
    if m:
        unit, rest = m.group(1), m.group(2)
    elif ms:
        unit, rest = ms.group(2), ms.group(1)
    else:
        return None
    rest = LEAD.sub("", rest).strip()
    cands = candidates.lookup(gaz, rest) + candidates.exact(gaz, core)
    ranked = rank(gaz, cands, ctx, kinds=("region", "area"))
    # an administrative word names a region rather than a natural or historical area
    ranked.sort(key=lambda t: -(t.total + (0.1 if gaz.places[t.row].kind == "region" else 0.0)))
    if ranked and gaz.places[ranked[0].row].kind in ("region", "area"):
        return answer(gaz, query, ranked, f"{unit} {rest}", precision=3)
    if ranked:
        prec = 3 if unit in ("region", "province", "state", "wilaya", "etat") else 2
        return answer(gaz, query, ranked, f"{unit} named after {rest}", precision=prec)
    return Resolution(query, None, 0.0, (), f"no {unit} named {rest!r}")


def _known_phrase(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """The whole phrase is a known name ("lac Tchad", "Nioro du Sahel", "Gao Region")."""
    only_words = TRIGGERS.issuperset(
        q.split()
    )  # "market", "garrison": a common noun, not a spelling
    for text in dict.fromkeys((q, core)):
        cands = [
            c for c in candidates.exact(gaz, text) if not only_words or c.name_score >= EXACT_KEY
        ]
        if (
            cands
            and ctx.hints
            and not any(gaz.places[i].country in ctx.hints for i, _ in cands)
            and all(gaz.places[i].kind in ("town", "feature") for i, _ in cands)
        ):
            # the text puts it in another country than every namesake we know: a near spelling there?
            cands += candidates.near(gaz, text, countries=ctx.hints)
        if cands:
            return answer(gaz, query, rank(gaz, cands, ctx), "exact name")
    return None


def _border_phrase(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """Borders: "la frontière algérienne", "the border with Niger", "frontière nigéro-malienne"."""
    if "frontier" in core or "border" in core:
        return _border(gaz, core, query, ctx)
    return None


def _offset(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """Offsets: "à 50 km au nord de Gao", a point at that distance and bearing (precision 2)."""
    for pat in _OFFSET:
        m = pat.match(q) or pat.match(core)
        if m:
            km, direction, rest = _number(m.group(1)), m.group(2), m.group(3)
            if not 0 < km <= MAX_OFFSET_KM:
                return Resolution(
                    query, None, 0.0, (), f"offset of {km:g} km is not a place description"
                )
            base = resolve_phrase(gaz, query, rest, ctx)
            if base.place is None:
                return base
            bearing = _COMPASS[direction]
            lon, lat = destination(base.place.lon, base.place.lat, bearing, km)
            p = base.place
            dist = f"{km:g}"
            off = Place(
                place_id=f"{p.place_id}@{dist}km{bearing}",
                name=f"{dist} km {direction} of {p.name}",
                country=p.country,
                kind=p.kind if p.kind in ("town", "feature") else "area",
                lon=round(lon, 5),
                lat=round(lat, 5),
                admin1=p.admin1,
                geo_precision=2,
                source=f"derived: offset of {dist} km bearing {bearing} from {p.place_id}",
            )
            return Resolution(query, off, base.score, base.candidates, f"offset from {p.name}")
    return None


def _compass_part(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """A compass part of a country or region: "le nord du Mali", "northern Mali", "centre du Burkina"."""
    m = _DIRECTION_OF.match(core) or _CENTRE_OF.match(core)
    adj = _ADJ_DIR_RE.match(core)
    if m:
        direction, rest = _DIR_NORMAL.get(m.group(1), m.group(1)), m.group(2).strip()
    elif adj:
        direction, rest = _ADJ_DIR[adj.group(1)], adj.group(2).strip()
    else:
        return None
    target = resolve_phrase(gaz, query, rest, ctx)
    p = target.place
    if (
        p is not None
        and p.kind in ("country", "region", "area")
        and p.geometry_wkt
        and direction in _PARTS
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


def _between(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """ "entre Boni et Hombori", "l'axe Gao-Ansongo": the midpoint, on the line between them."""
    m = _BETWEEN.match(core) or _AXIS.match(core)
    if m and m.re is _AXIS:
        words = m.group(1).split()
        split = next(
            (
                j
                for j in range(1, len(words))
                if candidates.exact(gaz, " ".join(words[:j]))
                and candidates.exact(gaz, " ".join(words[j:]))
            ),
            None,
        )
        m = (
            None
            if split is None
            else _BETWEEN.match(f"entre {' '.join(words[:split])} et {' '.join(words[split:])}")
        )
    if not m:
        return None
    a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    ra, rb = resolve_phrase(gaz, query, a, ctx), resolve_phrase(gaz, query, b, ctx)
    pa, pb = ra.place, rb.place
    mid = between_places(pa, pb) if pa is not None and pb is not None else None
    if mid is not None and pa is not None and pb is not None:
        return Resolution(
            query, mid, round(min(ra.score, rb.score), 3), (pa, pb), "between two places"
        )
    if pa is not None or pb is not None:
        best = ra if (ra.score >= rb.score and pa is not None) or pb is None else rb
        if best.place is not None:  # always: best is an end that resolved
            return Resolution(
                query,
                replace(best.place, geo_precision=2),
                best.score,
                best.candidates,
                "between: one end resolved",
            )
    return None  # neither end resolved: read on


def _within(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """ "à 30 km de Gao": near, with the stated radius."""
    m = _WITHIN.match(core) or _WITHIN.match(q)
    if not m:
        return None
    km, rest = _number(m.group(1)), m.group(2)
    base = resolve_phrase(gaz, query, rest, ctx)
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


def _compass_adjective(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """ "le nord malien", "the north Malian ...": a compass part of the country of a demonym."""
    m = _COMPASS_ADJ.match(core)
    cc = gaz.country_code(m.group(2)) if m else None
    if m is None or not cc:
        return None
    country = gaz.country(cc)
    direction = _DIR_NORMAL.get(m.group(1), m.group(1))
    if country is not None and country.geometry_wkt:
        return _compass_area(gaz, country, direction, query)
    return None


def _near(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """ "près de Gao", "near Gao": a disc of :data:`NEAR_KM` around the town (precision 2)."""
    m = _NEAR.match(core) or _NEAR.match(q)
    if not m:
        return None
    rest = (m.group(1) or m.group(2)).strip()
    base = resolve_phrase(gaz, query, rest, ctx)
    p = base.place
    if p is None or p.kind not in ("town", "feature"):
        return base
    near = replace(p, geo_precision=2, geometry_wkt=_disc_wkt(p.lon, p.lat, NEAR_KM))
    return Resolution(query, near, base.score, base.candidates, f"near {p.name}")


def _water(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """Rivers, lakes, mountains: "fleuve Niger", "lac Faguibine", "Adrar mountains"."""
    m = _WATER.match(core)
    if not m:
        return None
    rest = (m.group(1) or m.group(2)).strip()
    cands = candidates.lookup(gaz, rest) or candidates.near(
        gaz, rest, countries=None, cutoff=85, kinds=("area", "feature")
    )
    ranked = rank(gaz, cands, ctx, kinds=("area", "feature"))
    if ranked and gaz.places[ranked[0].row].kind in ("area", "feature"):
        return answer(gaz, query, ranked, f"water/relief {rest}")
    return Resolution(
        query,
        None,
        0.0,
        tuple(gaz.places[r.row] for r in ranked[:5]),
        f"no river, lake or relief named {rest!r}",
    )


def _airfield(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """ "aéroport de Gao", "Niamey airport", "base aérienne de Niamey": the airfield serving the town."""
    m = _AIRPORT.match(core)
    if not m:
        return None
    rest = LEAD.sub("", m.group(1) or m.group(2)).strip()
    return _airport(gaz, query, rest, ctx)


def _forest(gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context) -> Resolution | None:
    """ "forêt de Fina", "la forêt classée de Kou": forests and reserves."""
    m = _FOREST.match(core)
    if not m:
        return None
    rest = m.group(1).strip()
    ranked = rank(gaz, candidates.lookup(gaz, rest), ctx, kinds=("area", "feature"))
    if ranked and gaz.places[ranked[0].row].kind in ("area", "feature"):
        return answer(gaz, query, ranked, f"forest {rest}")
    return None


def _settlement(
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context
) -> Resolution | None:
    """ "village de X", "the town of X", "camp de X", "X town": a town or site of that name."""
    m = _SETTLEMENT.match(core)
    if m and m.group(1).strip():
        rest = LEAD.sub("", m.group(1)).strip()
        return answer(
            gaz,
            query,
            rank(gaz, candidates.lookup(gaz, rest), ctx, kinds=("town", "feature")),
            "settlement",
        )
    m = _SETTLEMENT_SUFFIX.match(core)
    if m:
        rest = m.group(1).strip()
        ranked = rank(gaz, candidates.lookup(gaz, rest), ctx, kinds=("town", "feature"))
        if ranked:
            return answer(gaz, query, ranked, "settlement")
    return None


#: A step reads a folded phrase (``q``, and ``core`` without its leading preposition) and
#: returns a resolution, or ``None`` to let the next step try.
Step = Callable[["GazetteerIndex", str, str, str, "Context"], "Resolution | None"]
#: The phrase readers, in the order they are tried; a phrase none reads is resolved as a name.
STEPS: tuple[Step, ...] = (
    _admin_unit,
    _known_phrase,
    _border_phrase,
    _offset,
    _compass_part,
    _between,
    _within,
    _compass_adjective,
    _near,
    _water,
    _airfield,
    _forest,
    _settlement,
)
#: Words of direction that qualify a name ("Pretoria West", "East Jebel Marrah"): part of a
#: longer name, never a place of their own there.
COMPASS_WORDS = frozenset(
    "nord sud est ouest centre north south east west center northeast northwest southeast "
    "southwest northern southern eastern western central northeastern northwestern "
    "southeastern southwestern".split()
)
#: The words one of which a step's patterns need, by step (a step not listed reads any
#: phrase; an empty set: a number, digits or "une trentaine"). Each pattern starts or ends
#: with one of these words, whole: a phrase sharing none of them skips the step.
STEP_WORDS: dict[Step, frozenset[str]] = {
    _admin_unit: frozenset(
        w + s
        for w in (
            "region province prefecture departement department cercle commune wilaya etat "
            "state district arrondissement canton"
        ).split()
        for s in ("", "s")
    ),
    _offset: frozenset(),
    _compass_part: COMPASS_WORDS,
    _between: frozenset("entre between axe axis road route troncon corridor".split()),
    _within: frozenset(),
    _compass_adjective: frozenset("nord sud est ouest centre north south east west".split()),
    _near: frozenset(
        "pres loin proximite environs alentours zone secteur localite peripherie entree sortie "
        "banlieue near nearby close outside around vicinity outskirts area region not road".split()
    ),
}
_GATED_STEPS = tuple((step, STEP_WORDS.get(step)) for step in STEPS)
#: Compass parts :func:`_compass_area` can cut out of an outline.
_PARTS = frozenset(
    ("nord", "sud", "est", "ouest", "centre", "nord est", "nord ouest", "sud est", "sud ouest")
)


def _airport(gaz: GazetteerIndex, query: str, rest: str, ctx: Context) -> Resolution | None:
    """Return the airfield a phrase names ("aéroport de Gao"): one named so, else the nearest to the town."""
    cands = candidates.lookup(gaz, rest)
    named = [c for c in cands if gaz.fcodes[c.row] in AIRFIELD_CODES]
    if named:
        return answer(gaz, query, rank(gaz, named, ctx), f"airfield {rest}")
    town = resolve_name(gaz, query, rest, rest, ctx)
    p = town.place
    if p is None or p.kind != "town":
        return None
    fields = gaz.with_fcodes(AIRFIELD_CODES)
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
