"""Context of a geocoding query: what the sentence, the hints and the document say.

:class:`Context` gathers the countries a ``context`` sentence names (country names,
demonyms, unambiguous Sahel regions and towns, far-away regions and cities after a place
preposition), the regions it names ("dans la région de Gao"), the countries written right
beside the mention ("la localité mauritanienne de Fassala"), whether the mention is part of
a longer proper name ("Agadez Street", "President Gao") and the points of places already
resolved in the document. :mod:`.rank` ranks candidates with it.

A geocoding layer above :mod:`.index` and :mod:`.candidates`; only the gazetteer's public
lookups are used (``hits``, ``cc_word``, ``country``, ``names_of``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.geocoding.names import fold, key
from geoevents.geocoding.regions import NEIGHBOURS, SAHEL

if TYPE_CHECKING:
    from geoevents.geocoding.index import GazetteerIndex
    from geoevents.models import Place


# --------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------
class Context:
    """Country votes, admin-1 mentions and document points that bias ranking."""

    __slots__ = (
        "admin1",
        "admin_strict",
        "as_region",
        "border_talk",
        "by_name",
        "by_people",
        "doc_ids",
        "hints",
        "in_name",
        "listed",
        "named",
        "points",
        "settlement",
        "total",
        "trace",
        "votes",
    )
    hints: set[str]
    trace: dict[int, list[tuple[str, float]]] | None
    admin_strict: bool
    votes: dict[str, float]
    admin1: dict[int, str]
    total: float
    named: set[str]
    by_name: set[str]
    by_people: set[str]
    doc_ids: set[str]
    border_talk: bool
    as_region: bool
    in_name: bool
    settlement: bool
    points: list[tuple[float, float, str | None]]
    listed: list[str]

    def __init__(
        self,
        gaz: GazetteerIndex,
        context: str | None,
        countries: Sequence[str],
        doc_places: Sequence[Place | None],
        query_key: str,
        *,
        trace: dict[int, list[tuple[str, float]]] | None = None,
        admin_hint: str = "",
    ) -> None:
        if not (context or countries or doc_places or admin_hint):
            # a bare query (the bulk of a batch): nothing to scan
            self._empty(trace)
            return
        self.hints = {c.upper() for c in countries if c}
        #: per candidate index, the terms of its ranking total (filled when a dict is given)
        self.trace = trace
        #: the admin units came with the name itself ("Bamba (Koro, Mopti)"): outside them is unlikely
        self.admin_strict = bool(admin_hint)
        self.votes = {}
        self.named = set()  # countries the context names outright (not as actors)
        self.by_name = set()  # countries the context names by their name ("au Sénégal", "Ghana's")
        self.by_people = (
            set()
        )  # countries the context names by their people only ("réfugiés maliens")
        # the context talks of a border: a neighbour it names may be right beside the place
        self.border_talk = bool(context and _BORDER_TALK.search(fold(context[:2000])))
        self.admin1 = {}  # regions the context names: index -> admin-1 key
        # the context uses the query as a region name ("dans la région de Tillabéry")
        self.as_region = False
        # the mention is part of a longer proper name: "Agadez Street", "President Gao ..."
        self.in_name = bool(context and query_key and _in_longer_name(context, query_key))
        #: the context calls the query a settlement ("the town of X", "les localités de X et de Y"),
        #: and the other names of its list
        self.settlement, self.listed = False, []
        if context and query_key:
            self.settlement, self.listed = _settlement_list(context, query_key)
            self.as_region, beside = _around_query(gaz, context, query_key)
            if beside and not self.hints:
                self.hints = beside
        # nearness to a town the document named counts; a country's or region's centre says little
        self.points = [
            (p.lon, p.lat, p.country)
            for p in doc_places
            if p is not None and p.kind in ("town", "feature")
        ]
        # places the document has named already: another spelling of one of them is most
        # likely the same place ("Tinzaouatene" ... "le secteur de Tinzaouatine")
        self.doc_ids = {p.place_id for p in doc_places if p is not None}
        for p in doc_places:
            if p is not None and p.country:
                self.votes[p.country] = self.votes.get(p.country, 0.0) + 0.5
        if context:
            _scan_context(gaz, context[:2000], query_key, self)
        if admin_hint:
            _scan_context(gaz, admin_hint, query_key, self)
        self.total = sum(self.votes.values())

    def _empty(self, trace: dict[int, list[tuple[str, float]]] | None) -> None:
        self.hints, self.trace, self.admin_strict = set(), trace, False
        self.votes, self.admin1, self.total = {}, {}, 0
        self.named, self.by_name, self.by_people, self.doc_ids = set(), set(), set(), set()
        self.border_talk = self.as_region = self.in_name = self.settlement = False
        self.points, self.listed = [], []


_BARE = Context.__new__(Context)
_BARE._empty(None)  # noqa: SLF001 - the module's own instance


def bare_context() -> Context:
    """Return the context of a query without sentence, hints, document or trace.

    One instance is shared by every bare query of the batch path: read it, never change it.
    """
    return _BARE


_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)


_REGION_WORDS = (
    r"(?:region|regions|province|provinces|prefecture|departement|department|wilaya|state)"
)


#: Words that call a name a town (a bare name the context also calls a region is then the town).
_TOWN_WORDS = frozenset({"ville", "town", "city", "cite"})
_TOWN_BEFORE = r"(?:ville|town|city|cite)(?:\s+(?:de|d|of))?$"

_HEAD_NOUNS = frozenset(
    [
        "street",
        "avenue",
        "road",
        "boulevard",
        "lane",
        "academy",
        "school",
        "university",
        "universite",
        "college",
        "hotel",
        "stadium",
        "club",
        "fc",
        "airlines",
        "airways",
        "bank",
        "group",
        "company",
        "ltd",
        "inc",
        "corporation",
        "foundation",
        "festival",
        "declaration",
        "accord",
        "accords",
        "agreement",
        "process",
        "charter",
        "platform",
        "boat",
        "ship",
        "express",
        "times",
        "post",
        "news",
        "radio",
        "tv",
        "television",
        "football",
        "united",
        "music",
        "records",
        "band",
        "restaurant",
        "cafe",
        "lodge",
        "beach",
        "pharmacy",
        "square",
        "mall",
        "studios",
        "productions",
    ]
)
_TITLES = frozenset(
    [
        "president",
        "presidente",
        "mr",
        "mrs",
        "ms",
        "mme",
        "mlle",
        "dr",
        "general",
        "gen",
        "colonel",
        "col",
        "captain",
        "capitaine",
        "commandant",
        "minister",
        "ministre",
        "imam",
        "cheick",
        "cheikh",
        "sheikh",
        "sheik",
        "prince",
        "king",
        "roi",
        "sultan",
        "emir",
        "lieutenant",
        "sergent",
        "sergeant",
        "professor",
        "prof",
        "ambassador",
        "ambassadeur",
        "senator",
        "senateur",
        "depute",
        "monsieur",
        "madame",
        "sir",
        "lord",
    ]
)


def _in_longer_name(context: str, query_key: str) -> bool:
    """Tell whether every mention of the query in ``context`` is part of a person's or a thing's name."""
    words = _WORD.findall(context[:2000])
    keys = [key(w) for w in words]
    seen = False
    for i in range(len(words)):
        acc = ""
        for j in range(i, min(i + 5, len(words))):
            acc += keys[j]
            if acc == query_key:
                seen = True
                nxt = words[j + 1] if j + 1 < len(words) else ""
                prev = keys[i - 1] if i else ""
                # "President Gao", "Cheikh Amadou Bamba": a title, maybe then a first name
                titled = prev in _TITLES or (
                    i >= 2 and words[i - 1][:1].isupper() and keys[i - 2] in _TITLES
                )
                if not ((nxt[:1].isupper() and key(nxt) in _HEAD_NOUNS) or titled):
                    return False  # one plain mention is enough
                break
            if len(acc) >= len(query_key):
                break
    return seen


def _around_query(gaz: GazetteerIndex, context: str, query_key: str) -> tuple[bool, set[str]]:
    """Look at the words around the query's mention in ``context``.

    Returns whether the context calls it a region ("région de Tillabéry", "Gao region"), and
    the countries named right beside it ("la localité mauritanienne de Fassala", "Ber, au
    Mali", "Léré (Tchad)"), which are as strong as an explicit country hint.
    """
    folded = fold(context[:2000])
    words = folded.split()
    raw = context[:2000].split()
    if len(raw) != len(words):
        raw = words
    as_region, town_too, beside = False, False, set()
    for i in range(len(words)):
        acc = ""
        for j in range(i, min(i + 5, len(words))):
            acc += words[j]
            if acc == query_key:
                before = " ".join(words[max(0, i - 3) : i])
                after = " ".join(words[j + 1 : j + 2])
                if re.search(
                    _REGION_WORDS + r"(?:\s+(?:de|du|des|d|de la|de l|of|of the))?$", before
                ) or re.match(_REGION_WORDS, after):
                    as_region = True
                    # "la région de Kayes et la ville elle-même", "Gao region and town": both
                    town_too = town_too or bool(_TOWN_WORDS.intersection(words[j + 1 : j + 5]))
                elif re.search(_TOWN_BEFORE, before) or _TOWN_WORDS.intersection(
                    words[j + 1 : j + 2]
                ):
                    town_too = True  # "la ville de Kayes", "Kayes town"
                near = list(range(max(0, i - 3), i)) + [
                    k for k in range(j + 1, min(j + 4, len(words)))
                    if words[k] not in ("au", "en", "in", "du")
                ]  # fmt: skip
                for k in near:
                    w = words[k]
                    if len(w) > 3:
                        cc = gaz.country_code(w)
                        named = cc is not None and key(w) in _country_keys(gaz, cc)
                        if named and raw[k][:1].islower():
                            continue  # a common noun spelled as a country's name: "une grenade"
                        # "soldats russes à Kidal": an actor's demonym says who, not where
                        if cc and (cc not in _ACTORS or named):
                            beside.add(cc)
                break
            if len(acc) >= len(query_key):
                break
    # named both a region and a town: the bare name is the town, as everywhere else
    return as_region and not town_too, beside


#: Nouns that call the names after them settlements ("the villages of A, B and C").
_SETTLEMENT_NOUNS = frozenset(
    "village villages localite localites locality localities hameau hameaux hamlet hamlets "
    "town towns ville villes settlement settlements bourgade bourgades".split()
)
#: Words that link the names of a list ("de A et de B", "of A, B and C"; a comma's key is "").
_LIST_LINKS = frozenset("et and de d of du des or ou".split()) | {""}
_TOKEN = re.compile(r"[^\W\d_]+|\d+|,")


def _settlement_list(context: str, query_key: str) -> tuple[bool, list[str]]:
    """Tell whether ``context`` calls the query a settlement, and the other names listed with it.

    "the villages of Intazayene, Bakorat and Wistane", "les localités d'In-Araban et de
    Tillia", "the town of X": a settlement noun, then names joined by commas, "et", "and",
    "de", "of". A list's names are capitalised words (up to three to a name).
    """
    toks = _TOKEN.findall(context[:2000])
    keys = [key(t) for t in toks]
    n = len(toks)
    for i in range(n):
        acc, end = "", -1
        for j in range(i, min(i + 5, n) if keys[i] else i):
            acc += keys[j]
            if acc == query_key:
                end = j
            if len(acc) >= len(query_key):
                break
        if end < 0:
            continue
        items: list[list[str]] = []
        cur: list[str] = []
        k, noun = i - 1, False
        while k >= 0 and i - k <= 16:
            w = keys[k]
            if w in _SETTLEMENT_NOUNS:
                noun = True
                break
            if w in _LIST_LINKS:
                if cur:
                    items.insert(0, cur)
                    cur = []
            elif toks[k][:1].isupper() and len(cur) < 3:
                cur.insert(0, toks[k])
            else:
                break
            k -= 1
        if not noun:
            continue
        if cur:
            items.insert(0, cur)
        k, cur, linked = end + 1, [], False
        while k < n and k - end <= 12:
            w = keys[k]
            if w in _LIST_LINKS:
                if cur:
                    items.append(cur)
                    cur = []
                linked = True
            elif toks[k][:1].isupper() and (linked or cur) and len(cur) < 3:
                cur.append(toks[k])
            else:
                break
            k += 1
        if cur:
            items.append(cur)
        return True, [" ".join(it) for it in items if key(" ".join(it)) != query_key]
    return False, []


_BORDER_TALK = re.compile(
    r"\b(?:frontiere|frontieres|frontalier|frontaliere|transfrontalier|border|borders|frontier|"
    r"cross border|limitrophe)\b"
)
_POSSESSIVE = re.compile(r"['’]s$")


def _bracketed(text: str) -> list[bool]:
    """For each word of ``text`` (as :data:`_WORD` finds them), whether it stands inside brackets.

    Coders and dispatches list a place's units in brackets ("Korogo (Mahagi, Ituri)"): a name
    there is a place, as after a locative preposition.
    """
    out, depth, last = [], 0, 0
    for m in _WORD.finditer(text):
        between = text[last : m.start()]
        depth = max(0, depth + between.count("(") - between.count(")"))
        out.append(depth > 0)
        last = m.start()
    return out


@lru_cache(maxsize=512)
def _grams(text: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """A context's words and the keys of its runs of 1 to 4 words, by run length (each of a
    sentence's names is resolved against the same sentence: computed once)."""
    words = tuple(_POSSESSIVE.sub("", w) for w in _WORD.findall(text))
    n = len(words)
    return words, {
        size: tuple(key(" ".join(words[i : i + size])) for i in range(n - size + 1))
        for size in (4, 3, 2, 1)
    }


def _scan_context(gaz: GazetteerIndex, text: str, query_key: str, ctx: Context) -> None:
    words, grams = _grams(text)
    n = len(words)
    bracketed: list[bool] | None = None  # _bracketed(text), once a far name needs it
    used = [False] * n
    if query_key:  # the query's own mention is no evidence
        keys = grams[1]
        for i in range(n):
            acc = ""
            for j in range(i, min(i + 6, n)):
                acc += keys[j]
                if acc == query_key:
                    used[i : j + 1] = [True] * (j + 1 - i)
                if len(acc) >= len(query_key):
                    break
    for size in (4, 3, 2, 1):
        for i in range(n - size + 1):
            if any(used[i : i + size]):
                continue
            span = words[i : i + size]
            k = grams[size][i]
            if not k or len(k) < 3 or (query_key and (k == query_key or k in query_key)):
                continue
            cc = gaz.cc_word(k)
            if cc is None and len(k) > 5 and k.endswith("s"):
                cc = gaz.cc_word(k[:-1])
            if cc and span[0][:1].islower() and k in _country_keys(gaz, cc):
                cc = None  # a common noun spelled as a country's name: "grenade", "turkey"
            if cc:
                ctx.votes[cc] = ctx.votes.get(cc, 0.0) + 1.0
                if cc not in _ACTORS or gaz.country(cc) is not None and k in _country_keys(gaz, cc):
                    ctx.named.add(cc)
                if gaz.country(cc) is not None and k in _country_keys(gaz, cc):
                    ctx.by_name.add(cc)
                else:
                    ctx.by_people.add(cc)
                used[i : i + size] = [True] * size
                continue
            if not span[0][:1].isupper() or len(k) < 3:
                continue
            prev = " ".join(words[max(0, i - 3) : i]).lower()
            nxt = words[i + size].lower() if i + size < n else ""
            unit = _REGION_BEFORE.search(fold(prev)) or _REGION_AFTER.match(fold(nxt))
            if unit:
                # a Sahel region of that name, else a unit elsewhere ("province of Udine", "Ashanti Region")
                cue = _region_cue(gaz, k, _UNIT_LEVEL.get(unit.group(1), "")) or (
                    _cue(gaz, k) if len(k) >= 4 and k not in _NOT_PLACES else None
                )
            elif len(k) < 4 or k in _NOT_PLACES:
                continue
            else:
                cue = _cue(gaz, k)
                # far away: only after a place preposition ("in Bihar", "dans le Cher", "of Malang")
                # or among a place's units in brackets ("(Mahagi, Ituri)")
                if (
                    cue
                    and cue[0] not in NEIGHBOURS
                    and (not i or key(words[i - 1]) not in _LOCATIVE)
                ):
                    if bracketed is None:
                        bracketed = _bracketed(text)
                    if not bracketed[i]:
                        cue = None
            if cue:
                cc, region, w = cue
                used[i : i + size] = [True] * size
                if cc is None:
                    continue  # a far-away row without a country (GeoNames leaves a few): no vote
                ctx.votes[cc] = ctx.votes.get(cc, 0.0) + w
                if cc not in NEIGHBOURS:
                    ctx.named.add(cc)
                if region is not None and gaz.places[region].kind == "town":
                    # a Sahel town the sentence names: nearness to it is evidence ("52 km from Torodi")
                    town = gaz.places[region]
                    ctx.points.append((town.lon, town.lat, town.country))
                elif region is not None:
                    ctx.admin1[region] = key(gaz.places[region].admin1 or gaz.places[region].name)


_REGION_BEFORE = re.compile(
    r"(region|province|cercle|prefecture|departement|department|wilaya|commune|moughataa)s?"
    r"(?:\s+(?:rurale|urbaine))?(?:\s+(?:de|du|des|d|de la|of|of the))?$"
)
_REGION_AFTER = re.compile(r"(region|province|cercle|department|prefecture|commune)s?$")
#: The GeoNames level an admin word names in the Sahel (cercles, provinces, departments are ADM2).
_UNIT_LEVEL = {
    "region": "ADM1",
    "wilaya": "ADM1",
    "cercle": "ADM2",
    "province": "ADM2",
    "prefecture": "ADM2",
    "departement": "ADM2",
    "department": "ADM2",
    "moughataa": "ADM2",
    "commune": "ADM3",
}


_LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "of",
        "dans",
        "en",
        "a",
        "au",
        "aux",
        "le",
        "la",
        "l",
        "pres",
        "de",
        "du",
        "des",
    ]
)
#: Capitalised words that are names of far-away units but rarely mean them in news text.
_NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]
)


def _region_cue(
    gaz: GazetteerIndex, k: str, level: str = ""
) -> tuple[str | None, int | None, float] | None:
    """A name the context calls a region ("région de Gao", "cercle de Koro"): the Sahel unit of that name.

    ``level`` (``ADM1``, ``ADM2``, ``ADM3``) is the level the admin word names; a unit of that
    level comes first, then the higher ones.
    """
    regs = [
        i
        for i, _ in gaz.hits(k)
        if gaz.places[i].kind == "region" and gaz.places[i].country in SAHEL
    ]
    if not regs:
        return None
    best = max(
        regs,
        key=lambda i: (
            gaz.fcodes[i] == level,
            gaz.fcodes[i] == "ADM1",
            gaz.fcodes[i] == "ADM2",
            gaz.importance[i],
        ),
    )
    return _cc(gaz.places[best]), best, 0.8


def _cc(p: Place) -> str | None:
    # a few far-away rows have no country (None): their cue records no vote (see _scan_context)
    return p.country


def _cue(gaz: GazetteerIndex, k: str) -> tuple[str | None, int | None, float] | None:
    """A name met in a context sentence that points to one country (and maybe one region or Sahel town)."""
    hits = gaz.hits(k)
    if not hits:
        return None
    ranked = sorted(hits, key=lambda h: -gaz.importance[h[0]])
    best = ranked[0][0]
    cc = _cc(gaz.places[best])
    if all(gaz.places[i].country not in NEIGHBOURS for i, _ in hits) and len(k) >= 4:
        strong = [
            i for i, _ in ranked if gaz.importance[i] >= 0.75 or gaz.fcodes[i] in ("ADM1", "ADM2")
        ]
        if strong:
            return (
                _cc(gaz.places[strong[0]]),
                None,
                0.6,
            )  # London, East Java, Cher: somewhere far from the Sahel, whichever namesake
    # one country, or one place far more important than any namesake abroad
    rival = max(
        (gaz.importance[i] for i, _ in ranked[1:] if gaz.places[i].country != cc), default=None
    )
    if rival is not None and gaz.importance[best] - rival < 0.3:
        return None
    p = gaz.places[best]
    if cc not in SAHEL:
        # far away: only admin-1 names and big cities count (Bihar, East Java, Malang)
        if cc in NEIGHBOURS or len(k) < 5:
            return None
        if (p.kind == "region" and gaz.fcodes[best] == "ADM1") or (
            p.kind == "town" and gaz.importance[best] >= 0.75
        ):
            return cc, None, 0.6
        return None
    if p.kind == "region" and len(k) >= 5:
        return cc, best, 0.8
    if p.kind in ("town", "area") and (
        gaz.importance[best] >= 0.5 or gaz.fcodes[best] == "CURATED"
    ):
        return cc, (best if p.kind == "town" else None), 0.6
    return None


#: Countries whose demonyms name actors in Sahel news (French troops, Russian instructors...),
#: not where things happen: only their country names count as a sign of being elsewhere.
_ACTORS = frozenset(
    {
        "FR",
        "RU",
        "US",
        "CN",
        "TR",
        "UA",
        "GB",
        "DE",
        "IT",
        "ES",
        "BE",
        "CA",
        "IR",
        "IL",
        "AE",
        "QA",
        "SA",
        "IN",
        "JP",
        "BR",
    }
)


def _country_keys(gaz: GazetteerIndex, cc: str) -> set[str]:
    p = gaz.country(cc)
    if p is None:
        return set()
    i = gaz.index_of(p.place_id)
    alts = gaz.names_of(i) if i is not None else ()  # a country is always its own row
    return {key(n) for n in (p.name, *alts)}
