"""Administrative hints written beside a place name, as conflict coders write them.

ACLED notes and many agency reports give a place's units in brackets after it:
"Bar-Sanguun village (Kismaayo, Lower Juba)", "Boni (Douentza, Mopti)", "in Ras Jabel
(Bizerte)", "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)", or the place
the coder chose: "in the area of Tin-Essako (coded as Tinzaouaten)" (ACLED Codebook 2023,
"Location": the finest unit first, then larger ones). The bracket's names are hints, not
places of their own: they choose among same-name places and, when the named place itself
is not in the gazetteer, the finest unit they give stands for it with the codebook's
precision (2 for a town or district seat, 3 for a larger unit), under the text's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geoevents._text import key
from geoevents.geocoding.distance import place_km
from geoevents.geocoding.regions import AFRICA, NEIGHBOURS

#: Countries of the Sahel and its neighbours (see :data:`geoevents.extract.places.REGION`).
REGION_CODES = NEIGHBOURS - {"TN", "EG"}  # (Tunisia and Egypt are never a Sahel text's place)
#: A resolver's reading of a unit name counts from this score on (a spelling variant, not a
#: guess from part of the name: "Kindia-Centre" read as Kindi).
READING_SCORE = 0.8
#: A name read from this score on is read exactly (its own or an alternate name).
EXACT_SCORE = 0.9
#: A country the unit names give less than this vote (every name found in three countries or
#: more) does not overrule a name read exactly elsewhere.
WEAK_VOTE = 0.5
#: A place filed under another first-level unit than the hinted one still lies in it when one
#: of the hinted unit's own places is this close: sources draw and date boundaries differently
#: (GeoNames files Burgersfort under Mpumalanga, coders under Limpopo), so a place at the
#: unit's edge is the place named, not a reason to fall back to the unit.
EDGE_KM = 25.0

if TYPE_CHECKING:
    from geoevents.gazetteer import Gazetteer
    from geoevents.models import Place

#: Words that name what kind of place precedes the bracket ("Kerawa village (...)").
_FEATURE = (
    r"village|town|city|hamlet|settlement|locality|neighbou?rhood|quarter|district|county|"
    r"sub-?county|subdivision|division|commune|municipality|cercle|department|d[ée]partement|"
    r"province|prefecture|pr[ée]fecture|region|r[ée]gion|state|LGA|ward|sector|secteur|area|zone|"
    r"hill|camp|base|airbase|airport|market|localit[ée]|ville|quartier|fraction|site|well|puits|"
    r"woreda|kebele|moughataa|wilaya|axis|axe|road|route|highway"
)
#: Unit words of one country's administration only: a bracket holding one names that country
#: ("Kagara (Rafi LGA, Niger)" is Niger State, Nigeria). Nigeria's Local Government Areas
#: (Constitution of 1999, First Schedule); Ethiopia's woredas and kebeles; Mauritania's
#: moughataas (GeoNames admin levels 2 and 3 of NG, ET, MR).
NATIONAL_UNITS = {"lga": "NG", "woreda": "ET", "kebele": "ET", "moughataa": "MR"}
_NATIONAL = re.compile(r"\b(" + "|".join(NATIONAL_UNITS) + r")\b", re.IGNORECASE)
_NAME = (
    r"[A-ZÀ-Ý][\w'’.À-ÿ-]*"
    r"(?:\s+(?:[A-ZÀ-Ý][\w'’.À-ÿ-]*|(?:al|el|ad|ar|as|ash|an)-[A-ZÀ-Ý][\w'’.À-ÿ-]*|al|el|de|du|des|la|le|wa)){0,3}"
)
#: The name (and maybe a second unit: "Kerawa village, Kolofata subdivision") before a bracket.
_BEFORE = re.compile(
    rf"(?P<name>{_NAME})(?:\s+(?:{_FEATURE}))?"
    rf"(?:\s*,\s*(?P<unit>{_NAME})\s+(?:{_FEATURE}))?\s*$"
)
_BRACKET = re.compile(
    r"\(\s*(?P<coded>coded\s+as\s+|cod[ée]e?\s+(?:comme|en)\s+)?(?P<body>[^()\n]{2,80}?)\s*\)"
)
#: An abbreviation in capitals ("ISWAP", "BUYA"), the usual bracket after an organisation's name.
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_UNIT_WORD = re.compile(rf"\s+(?:{_FEATURE})\s*$", re.IGNORECASE)
_NOT_HINT = re.compile(r"\d|\b(?:and|et|or|ou|the|le|la|les|of|de)\b\s+[a-z]|[a-z]{4,}\s+[a-z]{4,}")


@dataclass(frozen=True, slots=True)
class Hint:
    """A place name and the unit names written beside it (character offsets in one text)."""

    name: str
    start: int  # of the name
    end: int
    bracket: tuple[int, int]  # the bracket, parentheses included
    units: tuple[str, ...]  # finest first: "Kolofata", "Mayo-Sava", "Extreme-Nord"
    coded_as: str | None = None  # "(coded as X)": the coder's place
    country: str | None = None  # named by a national unit word ("Rafi LGA": Nigeria)


_TRAILING_UNIT = re.compile(rf"(?:\s+(?:{_FEATURE}))+$", re.IGNORECASE)


def _bare(name: str) -> str:
    """A name without the unit words after it ("Guma LGA" -> "Guma")."""
    return _TRAILING_UNIT.sub("", name).strip()


def _acronym_of(body: str, before: str) -> bool:
    """Whether a bracket's body abbreviates the words before it: capitals whose first letter
    starts one of those words and whose last starts the last ("Islamic State West Africa
    Province (ISWAP)"), not a unit ("Abuja (FCT)")."""
    if not _ACRONYM.fullmatch(body):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", before)[-(len(body) + 1) :]
    return bool(words) and words[-1][0] == body[-1] and any(w[0] == body[0] for w in words)


def find_hints(text: str) -> list[Hint]:
    """Return the bracketed unit hints of a text, each tied to the name before it."""
    out = []
    for m in _BRACKET.finditer(text):
        body = m.group("body").strip()
        if m.group("coded"):
            before = _BEFORE.search(text, max(0, m.start() - 80), m.start())
            if before is None:
                continue
            out.append(
                Hint(
                    before.group("name"),
                    before.start("name"),
                    before.end("name"),
                    m.span(),
                    (),
                    body,
                )
            )
            continue
        parts = [_UNIT_WORD.sub("", p).strip() for p in body.split(",")]
        if not parts or any(
            not p or not p[:1].isupper() or len(p) > 40 or _NOT_HINT.search(p) for p in parts
        ):
            continue  # "(as reported)", "(military)", "(24 April-8 May)": no unit names
        before = _BEFORE.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        if _acronym_of(body, text[max(0, m.start() - 80) : m.start()]):
            continue  # "the Bulawayo Youth Arise (BUYA)": an abbreviation of the name, no unit
        name, end = _bare(before.group("name")), before.end("name")
        end = before.start("name") + len(name)
        units = ([before.group("unit")] if before.group("unit") else []) + parts
        national = _NATIONAL.search(text, before.start("name"), m.end())
        cc = NATIONAL_UNITS[national.group(1).lower()] if national else None
        if name:
            out.append(Hint(name, before.start("name"), end, m.span(), tuple(units), None, cc))
    return out


# a country's support for a bracket: unit votes, last unit is a region there, the name before
# the bracket is found there, named in the text, in the Sahel region, in Africa
_Support = tuple[float, bool, bool, bool, bool, bool]


def _hint_units(
    gaz: Gazetteer, hint: Hint, countries: tuple[str, ...]
) -> tuple[str | None, list[Place], dict[str, _Support], bool]:
    """The hints' country, their units found there (finest first), each country's support, and
    whether the country was chosen by the units' votes (not named by a word or a country).

    The units of one bracket lie in one country: it is the one a national unit word names,
    else a country written among them, else the one where most unit names have a place (a
    unit name is often also a town abroad: "Delta" is a Canadian town and a Nigerian state),
    each name's vote shared among the countries it is found in.
    Ties go to a country where the last, coarsest unit is a first-level unit (coders write
    the state or region last), then to the text's countries, then to the Sahel region, then
    to Africa.
    """
    readings: list[list[Place]] = []
    voters: list[list[Place]] = []
    named: list[str] = []
    for u in hint.units:
        found, votes_for = _unit_readings(gaz, u, (hint.country,) if hint.country else countries)
        named += [p.country for p in found[:1] if p.kind == "country" and p.country]
        readings.append([p for p in found if p.kind != "country" and p.country])
        voters.append([p for p in votes_for if p.kind != "country"])
    votes: dict[str, float] = {}
    for found in voters:
        # a name found in many countries ("Northern", "Centre") says less than a rare one
        ccs = list(dict.fromkeys(p.country for p in found if p.country))
        for c in ccs:
            votes[c] = votes.get(c, 0.0) + 1.0 / len(ccs)
    last = {p.country for p in readings[-1] if p.kind == "region"} if readings else set()
    # the name before the bracket is evidence too: "Douala city (Wouri, Littoral)" lies where
    # a Douala and a Littoral are both found (Cameroon), not in Benin's Littoral
    there = {gaz.places[i].country for i, s in gaz.candidates_exact(hint.name) if s >= EXACT_SCORE}
    support = {
        c: (n, c in last, c in there, c in countries, c in REGION_CODES, c in AFRICA)
        for c, n in votes.items()
        if c
    }
    order = list(support)
    cc = hint.country or (named[0] if named else None)
    if cc is None and support:
        cc = max(order, key=lambda c: (support[c], -order.index(c)))
    units = _consistent([[p for p in found if p.country == cc] for found in readings])
    voted = cc is not None and not hint.country and not named
    return cc, units, support, voted


def _consistent(readings: list[list[Place]]) -> list[Place]:
    """One reading per unit name of a bracket, finest first, that agree with each other.

    Coders write the units finest first and the first-level unit last ("(LGA, State)",
    "(Delegation, Governorate)": ACLED Codebook 2023, "Location"), so the last name is read as
    a unit when it names one ("Katsina" the state, not the city), and a finer name is read
    inside the units after it: a reading in another first-level unit than a coarser unit of
    the same bracket ("Ezzouhour" of Sousse in "(Ezzouhour, Kasserine)") is not that unit.
    """
    if readings and len(readings[-1]) > 1:
        readings[-1] = sorted(readings[-1], key=lambda p: p.kind != "region")
    coarser: set[str] = set()
    units: list[Place] = []
    for found in reversed(readings):
        fits = [p for p in found if not coarser or (p.admin1 and key(p.admin1) in coarser)]
        if found and not fits and any(p.kind == "region" for p in units):
            continue  # no reading inside the coarser units: the name is not read at all
        pick = (fits or found)[:1]
        units[:0] = pick
        coarser |= {key(p.name) for p in pick if p.kind == "region"}
        coarser |= {key(p.admin1) for p in pick if p.admin1}
    return units


def _at_edge(gaz: Gazetteer, p: Place, units: set[str]) -> bool:
    """Whether a place lies within :data:`EDGE_KM` of a place of one of the units."""
    return any(
        place_km(p, gaz.places[i]) <= EDGE_KM for u in units for i in gaz.in_admin1(p.country, u)
    )


def _seat(gaz: Gazetteer, unit: Place) -> Place:
    """The town a unit is named after and governed from ("Kidal" the region: Kidal the town),
    else the unit: where coders put an event of the unit whose own place is unknown."""
    if unit.kind != "region":
        return unit
    towns = [
        gaz.places[i]
        for i, s in gaz.candidates_exact(unit.name)
        if s >= EXACT_SCORE
        and gaz.places[i].country == unit.country
        and gaz.places[i].kind == "town"
        and key(gaz.places[i].admin1 or "") in {key(unit.name), key(unit.admin1 or "")}
    ]
    return max(towns, key=lambda p: p.population, default=unit)


def hint_country(gaz: Gazetteer, hint: Hint, countries: tuple[str, ...]) -> str | None:
    """The country a bracket's units lie in (see :func:`_hint_units`), or None."""
    if hint.coded_as or not hint.units:
        return None
    return _hint_units(gaz, hint, countries)[0]


def _unit_readings(
    gaz: Gazetteer, name: str, countries: tuple[str, ...]
) -> tuple[list[Place], list[Place]]:
    """The places a unit name in a bracket can stand for, the resolver's own reading first,
    and those of them that vote for a country.

    Names written exactly as the text has them (up to case and accents,
    alternate names included) come before names equal only after spelling folding ("Sirt"
    is Sirte, Libya, by its alternate name, not Siirt, Turkey); a near spelling the resolver
    guessed ("Kindia-Centre" as Kindi) is no reading at all.
    """
    res = gaz.resolve(name, countries=countries)
    found = [res.place] if res.place is not None and res.score >= READING_SCORE else []
    found += [gaz.places[i] for i, _ in gaz.candidates_exact(name)]
    found = list(dict.fromkeys(found))
    exact = [p for p in found if gaz.written(p, name)]
    if not exact:
        return found, found
    # a bracket lists administrative units (ACLED Codebook, "Location"): a name written as a
    # unit somewhere votes for that country only ("Balaka" is Malawi's district, not Mali's
    # village); its other readings stay, as the unit's seat
    units = {p.country for p in exact if p.kind == "region"}
    return exact, [p for p in exact if p.country in units] if units else exact


def resolve_hinted(
    gaz: Gazetteer, hint: Hint, *, context: str, countries: tuple[str, ...]
) -> tuple[Place | None, str]:
    """The place a hinted name stands for, and how it was chosen.

    The hints' country is the one a national unit word names ("LGA": Nigeria), else a country
    written among the units, else the one most unit names are found in. The name itself stands
    when the gazetteer has it there (among same-name places, the one whose first-level unit
    is a hinted unit, and none farther than 150 km from a hinted town, or 50 km when in
    another first-level unit than that town); a reading of the name
    in another country stands only when the unit names exist in that country too ("Ouest",
    "Centre", "Sahel" name units of many countries). Else the finest hinted unit found,
    renamed to the text's name, with precision 2 (a town: the district's seat) or 3 (a larger
    unit).
    """
    if hint.coded_as:
        res = gaz.resolve(hint.coded_as, context=context, countries=countries)
        return res.place, "coded as"
    cc, units, support, voted = _hint_units(gaz, hint, countries)
    towns = [u for u in units if u.kind in {"town", "feature"}]
    wanted = {key(h) for h in hint.units} | {key(u.admin1) for u in units if u.admin1}

    regions = {key(u.admin1) for u in units if u.kind == "region" and u.admin1}

    def fits(p: Place) -> bool:
        if regions and p.admin1 and key(p.admin1) not in regions and not _at_edge(gaz, p, regions):
            return False  # in another first-level unit than the hinted one, away from its edge
        if not towns or key(p.name) == key(towns[0].name):
            return True
        km = place_km(p, towns[0])
        if towns[0].admin1 and p.admin1 and key(towns[0].admin1) != key(p.admin1):
            return km <= 50  # in another first-level unit than the hinted town: only close by
        return km <= 150

    if cc is not None:
        res = gaz.resolve(hint.name, context=context, countries=(cc,), doc_places=tuple(units))
        same = [
            p
            for p in (res.place, *res.candidates)
            if p is not None and p.country == cc and p.kind != "country"
        ]
        if key(hint.name) in {key(h) for h in hint.units}:
            # "Ménaka (Ménaka region)", "Kidal (Kidal, Kidal)": a name inside a unit of its own
            # name is that unit's seat, a town, not the unit (nor a unit below it)
            same = [p for p in same if p.kind != "region"] or same
        for p in same:
            if p.admin1 and key(p.admin1) in wanted and fits(p):
                return p, "name, in a hinted unit"
        if same and fits(same[0]):
            return same[0], "name in the hints' country"
    res = gaz.resolve(hint.name, context=context, countries=countries)
    own = res.place
    if (
        own is not None
        and own.country == cc
        and own.admin1
        and not fits(own)
        and key(own.admin1) not in regions | {key(t.admin1) for t in towns[:1] if t.admin1}
    ):
        own = None  # the hints' country's reading lies in another first-level unit, far off
    if own is not None and own.kind != "country" and not hint.country:
        # unit names such as "Ouest" or "Centre" name units of many countries: the name's own
        # reading stands when the units support its country as well as any other, or when no
        # unit name points to fewer than three countries and the name is read exactly
        # ("Freetown (Western Area Urban, Western)": eight countries have a "Western")
        if cc is None or (own.country in support and support[own.country] == support.get(cc)):
            return own, "name; unit names there too"
        weak = voted and support[cc][0] < WEAK_VOTE
        if weak and res.score >= EXACT_SCORE:
            return own, "name; unit names too common to choose a country"
    for u in units:
        u = _seat(gaz, u)
        precision = 2 if u.kind in {"town", "feature"} else max(3, u.geo_precision)
        return replace(
            u,
            place_id=f"{u.place_id}~{key(hint.name)}",
            name=hint.name,
            geo_precision=precision,
        ), "finest unit given"
    return None, "no unit found"


#: A road named by its two ends, as coders and the press write it: "axe Djibo-Namsiguia",
#: "axis Gao-Gossi", "sur la route Kaya-Dori", "the Gao-Ansongo road" (ACLED Codebook 2023,
#: "Location": an event on a road between two towns is coded at the stretch, precision 2).
_END = r"[A-ZÀ-Ý][\w'’]+(?:\s[A-ZÀ-Ý][\w'’]+)?"
_AXIS = re.compile(
    rf"\b(?:axe|axis|route|road|tron[çc]on|stretch|highway|corridor)\s+(?:de\s+|reliant\s+|from\s+)?"
    rf"(?P<a>{_END})\s*[-–/]\s*(?P<b>{_END})"
    rf"|\b(?P<a2>{_END})\s*[-–]\s*(?P<b2>{_END})\s+(?:road|axis|highway|corridor)\b"
)


@dataclass(frozen=True, slots=True)
class Axis:
    """A road named by its two ends (character offsets of both names in one text)."""

    a: str
    b: str
    start: int
    end: int


def find_axes(text: str) -> list[Axis]:
    """Return the roads a text names by their two ends."""
    out = []
    for m in _AXIS.finditer(text):
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
        s = m.start("a") if m.group("a") else m.start("a2")
        e = m.end("b") if m.group("a") else m.end("b2")
        out.append(Axis(a, b, s, e))
    return out


def resolve_axis(gaz: Gazetteer, axis: Axis, *, countries: tuple[str, ...]) -> Place | None:
    """The stretch between the two ends when both are known; else the known end, at precision 2."""
    from geoevents.geocode import between_places  # noqa: PLC0415

    found = [gaz.resolve(n, countries=countries).place for n in (axis.a, axis.b)]
    ends = [p for p in found if p is not None and p.kind in {"town", "feature"}]
    if len(ends) == 2:
        mid = between_places(ends[0], ends[1])
        if mid is not None:
            return mid
    if ends:
        p = ends[0]
        return replace(
            p, place_id=f"{p.place_id}~axis", name=f"{axis.a}–{axis.b} axis", geo_precision=2
        )
    return None
