"""Matching a plain name: exact names, spelling variants, near spellings (a geocoding layer).

Above :mod:`.rank`: :func:`resolve_name` takes a folded name with its
:class:`~.context.Context` and returns a :class:`~geoevents.models.Resolution`: the exact name
or a transliteration (kept only where a reader could mean it), then near spellings (accepted
only with a clear lead), then a compound's head ("Bamako-Senou"), then a stand-in that the
sentence places (a village listed with a known town).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from geoevents.geocoding import candidates
from geoevents.geocoding.candidates import Candidate, Ranked
from geoevents.geocoding.context import bare_context
from geoevents.geocoding.index import EXACT_KEY
from geoevents.geocoding.names import key
from geoevents.geocoding.rank import (
    ACCEPT,
    SAME_PLACE_NAME_SCORE,
    answer,
    bare_order,
    rank,
)
from geoevents.geocoding.regions import NEIGHBOURS, SAHEL
from geoevents.models import Resolution

if TYPE_CHECKING:
    from geoevents.geocoding.context import Context
    from geoevents.geocoding.index import GazetteerIndex


def _doc_spellings(
    gaz: GazetteerIndex, name: str, doc_ids: set[str], have: set[int]
) -> list[Candidate]:
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
        i = gaz.index_of(pid)
        if i is None or i in have:
            continue
        p = gaz.places[i]
        if p.kind not in ("town", "feature"):
            continue
        best = max(fuzz.ratio(k, key(n)) / 100.0 for n in (p.name, *gaz.names_of(i)))
        if best >= SAME_PLACE_NAME_SCORE:
            out.append(Candidate(i, best))
    return out


#: Names of this many letters or fewer match only the main name of a notable place.
SHORT_NAME = 3
#: A town this populous is a city: its three-letter name is a name anywhere (the UN's
#: threshold for a city in World Urbanization Prospects' city tables).
CITY_POPULATION = 100_000
#: A near spelling is accepted only with at least this name score ...
FUZZY_FLOOR = 0.80
#: ... or this one with neither a country hint nor a context (0.87 x a 95 % rapidfuzz ratio) ...
FUZZY_FLOOR_ALONE = 0.83
#: ... and this lead (total score) over the best candidate of another name.
FUZZY_MARGIN = 0.05
_VOWELS = "aeiouy"
_NOT_LATIN = re.compile(r"[^a-z]+")
_CONSONANTS_5 = re.compile(r"[b-df-hj-np-tv-xz]{5}")


def _notable(gaz: GazetteerIndex, i: int) -> bool:
    """Tell whether place ``i`` is known beyond its name: not one of the dumps' anonymous villages and features."""
    p = gaz.places[i]
    if not p.source.startswith("geonames-dump"):
        return True  # cities500 towns, admin units, curated places and areas
    return gaz.fcodes[i] in ("PPLC", "PPLA", "PPLA2", "ADM1", "ADM2") or p.population >= 1000


def _well_known(gaz: GazetteerIndex, i: int) -> bool:
    """Tell whether place ``i`` is known well enough for a three-letter name ("Gao", "Ber", "Mao").

    A country, a capital or a city of :data:`CITY_POPULATION` anywhere ("Wau", "Yei"); in the
    core Sahel an admin seat, a curated place or a town of 5,000 inhabitants (elsewhere a
    smaller three-letter name needs its country hinted or in the text).
    """
    p, fcode = gaz.places[i], gaz.fcodes[i]
    if p.kind == "country" or fcode == "PPLC" or p.population >= CITY_POPULATION:
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
    letters = _NOT_LATIN.sub("", k)
    if not letters:
        return True  # Arabic script: judged by exact matches only
    vowels = sum(map(letters.count, _VOWELS))
    if vowels / len(letters) < 0.25:
        return False
    return _CONSONANTS_5.search(letters) is None  # five consonants in a row (digits aside)


def _supported(
    gaz: GazetteerIndex, cands: list[Candidate], ctx: Context, *, long_name: bool
) -> list[Candidate]:
    """Keep the inexact candidates a reader could mean: places of a country the query is hinted
    to or its context points to (a village's variant spelling needs its country), or, for a name of
    six letters or more (``long_name``), known places of the Sahel's neighbourhood and countries:
    the transliteration merges are the region's ("JOMM" is no spelling of Djom on its own, nor
    "garrison" of Harrison)."""
    places = gaz.places
    return [
        c
        for c in cands
        if c.name_score >= EXACT_KEY
        or (
            long_name
            and _notable(gaz, c.row)
            and (places[c.row].country in NEIGHBOURS or places[c.row].kind == "country")
        )
        or places[c.row].country in ctx.hints
        or ctx.votes.get(places[c.row].country or "")
        or ctx.points
    ]


def _fuzzy_margin_ok(gaz: GazetteerIndex, ranked: list[Ranked], ctx: Context) -> bool:
    """Tell whether the best near spelling is close enough and leads every candidate of another name.

    Unless it lies in a country the query is hinted to or its context points to, it must be
    very close: one slip in a long name, not a random string one letter away from a short one
    (a Congolese "Sakania" is no spelling of Ethiopia's Sek'ot'a).
    """
    total, ns, i = ranked[0]
    cc = gaz.places[i].country or ""
    supported = cc in ctx.hints or bool(ctx.votes.get(cc))
    if ns < (FUZZY_FLOOR if supported else FUZZY_FLOOR_ALONE):
        return False
    top = key(gaz.places[i].name)
    rival = next((t for t, _, j in ranked[1:] if key(gaz.places[j].name) != top), None)
    return rival is None or total - rival >= FUZZY_MARGIN


def resolve_name(  # noqa: PLR0913 - the key is passed on when the caller has it
    gaz: GazetteerIndex, query: str, q: str, core: str, ctx: Context, *, k: str = ""
) -> Resolution:
    """Resolve a plain name: exact or spelling variant, then near spellings, then a compound's head.

    ``q`` is the folded query, ``core`` the same without a leading preposition or article
    ("in kari" / "kari"); ``query`` is kept as the resolution's query; ``k`` is ``key(core)``
    when the caller has it.
    """
    k = k or key(core)
    if ctx is bare_context() and q == core and (len(k) > SHORT_NAME or not k.isascii()):
        res = resolve_exact(gaz, query, k)  # the commonest query, without the general steps
        if res is not None:
            return res
    if len(k) <= SHORT_NAME and k.isascii():
        # "Gao", "Ber", "Mao": a short string is a name only as the main name of a notable place,
        # or of a place in the country the query is hinted to
        if len(k) < SHORT_NAME:
            return Resolution(query, None, 0.0, (), "too short for a place name")
        cands = [
            c
            for text in dict.fromkeys((q, core))
            for c in candidates.exact(gaz, text)
            if c.name_score == 1.0
            and (
                _well_known(gaz, c.row)
                or gaz.places[c.row].country in ctx.hints
                or ctx.votes.get(gaz.places[c.row].country or "")
            )
        ]
        if not cands:
            return Resolution(
                query, None, 0.0, (), "a short string that is no notable place's name"
            )
        return answer(gaz, query, rank(gaz, cands, ctx), "exact name")
    shaped: bool | None = None  # looks_like_name(k), once needed
    if q == core and not gaz.has_key(k) and not (shaped := looks_like_name(k)):
        # transliteration matches of a string not shaped like a name would be dropped below
        return Resolution(
            query, None, 0.0, (), "no exact match, and not shaped like a name for near spellings"
        )
    cands = exact_q = candidates.exact(gaz, q)
    if core != q and not any(
        ns >= EXACT_KEY and (not ctx.hints or gaz.places[i].country in ctx.hints) for i, ns in cands
    ):
        # the longest reading first: "In Kari" and "La Tapoa" are names, "in Gao" is not
        cands += candidates.exact(gaz, core)
    if cands and max(ns for _, ns in cands) < EXACT_KEY:  # transliteration matches only
        if shaped is None:
            shaped = looks_like_name(k)
        cands = _supported(gaz, cands, ctx, long_name=len(k) >= 6) if shaped else []
    if (
        cands
        and ctx.hints
        and not any(gaz.places[i].country in ctx.hints for i, _ in cands)
        and all(gaz.places[i].kind in ("town", "feature") for i, _ in cands)
    ):
        cands += candidates.near(gaz, core, countries=ctx.hints)
    if cands and ctx.doc_ids:
        cands += _doc_spellings(gaz, core, ctx.doc_ids, {i for i, _ in cands})
    if cands:
        return answer(gaz, query, rank(gaz, cands, ctx), "exact name")
    if not (looks_like_name(k) if shaped is None else shaped):
        return Resolution(
            query, None, 0.0, (), "no exact match, and not shaped like a name for near spellings"
        )
    # 9. phonetic / fuzzy on the whole phrase (looser in a country the text names beside it);
    # (with q == core, the exact lookup above was core's own, left unchanged: reused)
    if q == core:
        near = exact_q or candidates.near_names(gaz, core)
    else:
        near = candidates.lookup(gaz, core)
    cands = _supported(gaz, near, ctx, long_name=len(k) >= 6)
    if ctx.hints and not any(gaz.places[i].country in ctx.hints for i, _ in cands):
        cands += candidates.near(gaz, core, countries=ctx.hints, kinds=("town", "feature"))
    if cands:
        ranked = rank(gaz, cands, ctx)
        if ranked[0].name_score < 0.88 and not _fuzzy_margin_ok(gaz, ranked, ctx):
            return _stand_in(gaz, query, core, ctx) or Resolution(
                query,
                None,
                0.0,
                tuple(gaz.places[r.row] for r in ranked[:10]),
                "near spellings only, none clearly ahead",
            )
        return answer(gaz, query, ranked, "spelling variant")
    # 10. a hyphenated compound whose head is a town ("Bamako-Senou"): near the head
    if "-" in query and " " in core:
        head = core.split()[0]
        if len(head) >= 4:
            heads = [Candidate(i, s * 0.9) for i, s in candidates.exact(gaz, head)]
            ranked = [r for r in rank(gaz, heads, ctx) if gaz.places[r.row].kind == "town"]
            if ranked:
                return answer(gaz, query, ranked, f"part of {head}", precision=2)
    return _stand_in(gaz, query, core, ctx) or Resolution(query, None, 0.0, (), "no candidate")


def resolve_exact(gaz: GazetteerIndex, query: str, k: str) -> Resolution | None:
    """Resolve a bare query keyed ``k`` when that is a town's, unit's or country's main name.

    The answer is the one :func:`resolve_name` gives the query without context, hint or
    document; ``None`` for any other key (the general path then). The batch path's shortcut
    for the commonest query: one lookup in the exact index, each place's memoised prior, no
    candidate records. ``k`` is the query's :func:`~.names.key`, longer than
    :data:`SHORT_NAME` letters when ASCII (short names have rules of their own).
    """
    scores, named = gaz.exact_scores(k)
    if not named:
        return None  # no such key, or transliterations would add rivals: the general path
    ranked = bare_order(gaz, scores.items())
    places = gaz.places
    cands = tuple([places[r[2]] for r in ranked[:10]])
    best, _, i, ns = ranked[0]
    total = -best
    if total < ACCEPT:
        return Resolution(query, None, 0.0, cands, "no candidate good enough")
    margin = total + ranked[1][0] if len(ranked) > 1 else 0.3
    score = round(max(0.0, min(1.0, ns * (0.9 + 0.1 * min(1.0, margin / 0.2)))), 3)
    return Resolution(query, places[i], score, cands, "exact name")


#: Score of a stand-in: the place is not in the gazetteer, its neighbour or unit is.
STAND_IN_SCORE = 0.6


def _stand_in(gaz: GazetteerIndex, query: str, core: str, ctx: Context) -> Resolution | None:
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
        cands = [c for c in candidates.exact(gaz, other) if c.name_score >= EXACT_KEY]
        ranked = rank(gaz, cands, ctx) if cands else []
        if ranked and ranked[0].total >= ACCEPT and gaz.places[ranked[0].row].kind == "town":
            u = gaz.places[ranked[0].row]
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
