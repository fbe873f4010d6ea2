"""Ranking: name score, priors, hints and context into one total per candidate (a layer).

Above :mod:`.context` and :mod:`.candidates`: :func:`rank` turns :class:`~.candidates.Candidate`
records into :class:`~.candidates.Ranked` ones, best first, from the name score, each place's
prior (importance, kind, capital, Sahel), the country hints (a filter), the countries, admin
units and towns the context names, and the places the document resolved before; :func:`answer`
makes a :class:`~geoevents.models.Resolution` of the best.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geoevents.geocoding.candidates import Candidate, Ranked
from geoevents.geocoding.distance import km as _km
from geoevents.geocoding.names import key
from geoevents.geocoding.regions import NEIGHBOURS, SAHEL
from geoevents.models import Place, Resolution

if TYPE_CHECKING:
    from geoevents.geocoding.context import Context
    from geoevents.geocoding.index import GazetteerIndex

#: Longest query handled; longer strings are not place names.
MAX_QUERY = 160
#: Minimum total score for an answer.
ACCEPT = 0.80
#: Ranked candidates kept per query.
RANK_KEEP = 30

_new = tuple.__new__  # Ranked(*fields) without the Python-level __new__ of a named tuple

#: Distance within which a place counts as inside an admin unit known only by its point, km.
UNIT_KM = {"ADM1": 250.0, "ADM2": 120.0, "ADM3": 30.0}


def _in_named_region(gaz: GazetteerIndex, i: int, regions: dict[int, str]) -> bool:
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
            shape = gaz.unit_shape(r)
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


def _far_from(gaz: GazetteerIndex, p: Place, countries: Sequence[str], km: float) -> bool:
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
#: Name scores of the very name (accents and case aside) and of the loosest spelling variant.
EXACT_NAME = 0.97
VARIANT_NAME = 0.895
#: Kinds a country hint filters (countries, areas and borders are named across countries).
FILTERED_KINDS = frozenset({"town", "feature", "region"})


def _hint_filter(gaz: GazetteerIndex, cands: list[Candidate], hints: set[str]) -> list[Candidate]:
    """Keep the candidates of the hinted countries when there are any (countries, areas, borders stay).

    A country hint is a filter: a namesake elsewhere is kept only when none exists in the
    hinted countries (the answer's reason then says so).
    """
    if not hints:
        return cands
    places = gaz.places
    inside = max((ns for i, ns in cands if places[i].country in hints), default=None)
    if inside is None:
        return cands
    if inside < VARIANT_NAME and any(
        ns >= EXACT_NAME and places[i].kind in FILTERED_KINDS for i, ns in cands
    ):
        return (
            cands  # only a loose variant in the hinted countries, the very name elsewhere: both run
        )
    return [
        c for c in cands if places[c[0]].country in hints or places[c[0]].kind not in FILTERED_KINDS
    ]


def rank(
    gaz: GazetteerIndex, cands: list[Candidate], ctx: Context, kinds: tuple[str, ...] = ()
) -> list[Ranked]:
    """Return the candidates as :class:`Ranked` records, best first (at most :data:`RANK_KEEP`).

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
    # the context names only countries far from the Sahel (Indonesia, Peru, Ituri's Congo...): a
    # namesake in a country it does not name (the Sahel's, or Korhogo in Côte d'Ivoire for a
    # Congolese Korogo) is then almost surely wrong, and the real place may be missing from the gazetteer
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
        if ns < VARIANT_NAME and total and not votes.get(p.country or ""):
            s -= 0.4  # a spelling variant in a country the context never points to
            if T is not None:
                T.append(("variant, country not in context", -0.4))
        if p.kind == "country" and ns >= EXACT_NAME:
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
            if p.kind != "country" and (
                (elsewhere and p.country not in ctx.named)
                or (p.country in SAHEL and abroad and _far_from(gaz, p, abroad, NEIGHBOUR_KM))
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
    return [_new(Ranked, (-s, ns, i)) for s, _, i, ns in top]


def bare_prior(gaz: GazetteerIndex, i: int) -> float:
    """Return the terms of :func:`rank` that a bare query (no context, hint or kind) adds to a name score."""
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


#: Per gazetteer, each place's prior for a bare query (filled as places come up).
_BARE_PRIORS: weakref.WeakKeyDictionary[GazetteerIndex, list[float | None]] = (
    weakref.WeakKeyDictionary()
)


def bare_priors(gaz: GazetteerIndex) -> list[float | None]:
    """Return the table of each place's prior for a bare query (``None`` until first needed).

    Fill an empty slot ``i`` with :func:`bare_prior`; the table lives as long as ``gaz``.
    """
    prior = _BARE_PRIORS.get(gaz)
    if prior is None:
        prior = _BARE_PRIORS[gaz] = [None] * len(gaz.places)
    return prior


def bare_order(
    gaz: GazetteerIndex, cands: Iterable[tuple[int, float]]
) -> list[tuple[float, float, int, float]]:
    """``(-total, -importance, row, name score)`` of each ``(row, name score)`` of a bare query,
    best first: the name score plus each place's fixed prior (memoised per place)."""
    prior = bare_priors(gaz)
    places, importance = gaz.places, gaz.importance
    out = []
    for i, ns in cands:
        v = prior[i]
        if v is None:
            v = prior[i] = bare_prior(gaz, i)
        s = ns + v
        if ns >= EXACT_NAME and places[i].kind == "country":
            s += 0.1
        out.append((-s, -importance[i], i, ns))
    out.sort()
    return out


def _rank_bare(gaz: GazetteerIndex, cands: list[Candidate]) -> list[Ranked]:
    """:func:`rank` for a bare query (:func:`bare_order`), the best :data:`RANK_KEEP` kept."""
    return [_new(Ranked, (-s, ns, i)) for s, _, i, ns in bare_order(gaz, cands)[:RANK_KEEP]]


def answer(
    gaz: GazetteerIndex,
    query: str,
    ranked: list[Ranked],
    reason: str,
    *,
    precision: int | None = None,
    minimum: float = ACCEPT,
) -> Resolution:
    """Return the resolution ``ranked`` gives: its best, when its total reaches ``minimum``.

    The score is the best's name score, lowered when its lead over the next is under 0.2;
    ``precision`` replaces the place's own ``geo_precision``.
    """
    cands = tuple(gaz.places[r.row] for r in ranked[:10])
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
