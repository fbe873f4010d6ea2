"""Place mentions in a parsed article: found, resolved through the gazetteer, qualified.

Candidates are the statistical NER's location entities plus runs of capitalised
proper nouns that the gazetteer knows by name (exact or phonetic key). Each is resolved
through :meth:`Gazetteer.resolve` with the sentence as context and the places already
resolved in the document as ``doc_places``. Datelines and names inside an actor's name
are not places of events. Which mention is the place of an event is :mod:`.linking`'s.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geoevents._text import key, phonetic
from geoevents.extract.actors import media_spans
from geoevents.extract.hints import (
    REGION_CODES,
    Axis,
    Hint,
    find_axes,
    find_hints,
    hint_country,
    resolve_axis,
    resolve_hinted,
)
from geoevents.extract.lexicon import ethnonyms
from geoevents.extract.linking import UNIT_RADIUS_KM
from geoevents.extract.nlp import sentences
from geoevents.extract.text import blank
from geoevents.extract.triggers import event_types
from geoevents.geocoding.distance import place_km
from geoevents.geocoding.match import CITY_POPULATION
from geoevents.geocoding.phrases import COMPASS_WORDS
from geoevents.geocoding.regions import AFRICA, NEIGHBOURS_ORDER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from geoevents.gazetteer import Gazetteer
    from geoevents.models import Place

log = logging.getLogger(__name__)

_LOC_LABELS = {"LOC", "GPE", "FAC"}
#: Prepositions of place: a name they govern is read as a place whatever the model's label
#: ("in Sidi Bouzid", tagged a person; "à Moscou"). English and French grammars' locatives.
_LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "from",
    "to",
    "towards",
    "à",
    "dans",
    "près",
    "vers",
    "depuis",
    "de",
}
_ATTRIBUTIVE_HEADS = {
    "ministre", "président", "presidente", "ambassadeur", "ambassade", "ministère", "gouvernement",
    "chef", "homologue", "délégation", "junte", "minister", "president", "ambassador", "ministry",
    "government", "counterpart", "head", "leader", "embassy", "agence", "agency", "journal",
    "radio", "télévision", "television", "university", "université", "diplomate", "diplomat",
}  # fmt: skip
_NOT_PLACE = {
    "selon", "des", "les", "le", "la", "un", "une", "ce", "cette", "mais", "après", "avant", "depuis",
    "the", "a", "an", "on", "in", "after", "before", "since", "but", "he", "she", "it", "they",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "président", "president", "general",
    "général", "colonel", "etat", "état", "state", "source", "afp", "reuters", "xinhua", "anadolu",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "sur", "pour", "par", "dans", "au", "aux", "en",
}  # fmt: skip
#: Titles before a person's name (a dictionary class: forms of address and ranks).
_TITLES = {
    "president", "président", "presidente", "minister", "ministre", "premier", "colonel", "general",
    "général", "captain", "capitaine", "lieutenant", "commander", "commandant", "sergeant", "sergent",
    "major", "imam", "sheikh", "cheikh", "mr", "mrs", "ms", "m", "mme", "dr", "king", "roi", "prince",
    "sultan", "emir", "émir", "chef", "chief", "spokesman", "envoy", "ambassador", "ambassadeur", "mayor",
    "maire", "governor", "gouverneur", "senator", "deputy", "député", "pope", "pape", "bishop", "évêque",
}  # fmt: skip
_NOT_LOCATING = {
    "boat", "ship", "vessel", "plane", "aircraft", "bus", "truck", "flight", "train", "team", "club",
    "newspaper", "radio", "agency", "university", "declaration", "process", "agreement", "accord",
    "accords", "agreements", "deal", "pact", "treaty", "charter",
    # French: vehicles and bodies named after a town ("le bateau Tombouctou", "l'équipe Gao")
    "bateau", "navire", "avion", "vol", "camion", "équipe", "journal", "agence", "déclaration",
    "processus", "traité", "pacte", "charte",
}  # fmt: skip
#: Countries of the Sahel and its neighbours: places elsewhere need their country named in the text.
REGION = REGION_CODES
#: The same countries in the project's one order (a frozenset's order changes between runs).
_REGION_ORDER = tuple(c for c in NEIGHBOURS_ORDER if c in REGION)


_DIRECTION = re.compile(
    r"(?i:\b(?:nord|sud|est|ouest|north|south|east|west|northern|southern|eastern|western)"
    r"(?:-(?:est|ouest|east|west))?\s+(?:de\s+la\s+|de\s+l'|du\s+|de\s+|d'|of\s+(?:the\s+)?)"
    r"|\b(?:fronti[èe]re|border)s?\s+(?:avec|with|between)\s+(?:l['’]|la\s+|le\s+|the\s+)?"
    r"|\b(?:heading\s+(?:for|to)|bound\s+for|en\s+route\s+(?:vers|pour)|[àa]\s+destination\s+de|"
    r"towards|en\s+direction\s+de)\s+(?:the\s+|la\s+|de\s+la\s+)?(?:(?:town|city|village|ville|localité)\s+(?:of|de)\s+)?)$"
)


#: The object of an attitude ("hostiles à la France", "anti-France", "hostile to France"): a target, not a place.
_ATTITUDE = re.compile(
    r"(?i:\b(?:hostiles?|opposée?s?|favorables?|opposed|favourable|favorable)\s+"
    r"(?:[àa]\s+(?:la\s+|l['’]|le\s+)?|au\s+|aux\s+|to\s+(?:the\s+)?)"
    r"|\b(?:anti|pro)\s*-\s*(?:la\s+|l['’]|the\s+)?)$"
)
#: A capital after these words is a government in a relation, not a place: "tensions with
#: Algiers", "les relations entre Bamako et Paris", "la brouille avec Alger".
_RELATION = re.compile(
    r"(?i:\b(?:tensions?|relations?|ties|rift|dispute|row|rapprochement|brouille|rupture|crise|"
    r"coop[ée]ration|cooperation|partenariat|partnership|dialogue)\s+(?:diplomatiques?\s+|diplomatic\s+)?"
    r"(?:with|avec|entre|between)\s+(?:[\w'’-]+\s+(?:and|et)\s+)?)$"
)
#: "contre la France", "against France": with a country, what is opposed, not where.
_AGAINST = re.compile(r"(?i:\b(?:contre|against)\s+(?:la\s+|le\s+|l['’]|les\s+|the\s+)?)$")
#: Verbs of speech or decision whose subject, when a capital, is its government ("Paris a condamné").
_SPEECH_LEMMAS = {
    "dire", "déclarer", "annoncer", "condamner", "dénoncer", "prévenir", "affirmer", "estimer", "accuser",
    "exiger", "réclamer", "démentir", "nier", "répondre", "réagir", "décider", "rappeler", "avertir",
    "menacer", "saluer", "regretter", "juger", "assurer", "indiquer", "souligner", "refuser", "rejeter",
    "say", "tell", "state", "announce", "condemn", "denounce", "warn", "claim", "accuse", "demand",
    "deny", "respond", "react", "decide", "recall", "threaten", "welcome", "regret", "insist", "reject",
    "refuse", "urge", "call", "vow", "pledge", "confirm", "confirmer", "expel", "expulser",
}  # fmt: skip


#: Buildings often named after a person or a saint ("the Sidi Yahia mosque", "l'école
#: Mamadou Konaté"): a name qualifying one, found only outside the text's countries, is a name.
#: (A camp, military or of the displaced, bears its place's name: "the Mentao camp".)
_BUILDINGS = {"mosque", "mosquée", "church", "église", "mausoleum", "mausolée", "tomb", "tombeau",
              "shrine", "school", "école", "lycée", "hospital", "hôpital", "stadium", "stade",
              "university", "université", "door", "porte"}  # fmt: skip


def _is_capital(place: Place, gaz: Gazetteer) -> bool:
    """Whether a place is its country's capital."""
    return place.kind == "town" and bool(place.country) and gaz.capital(place.country) == place


def _metonymic_capital(head: Token, place: Place, gaz: Gazetteer) -> bool:
    """Whether a national capital is the subject of a speech or decision verb ("Washington said")."""
    if not _is_capital(place, gaz):
        return False
    if head.dep_ not in {"nsubj", "conj"}:
        return False
    t = head
    while t.dep_ == "conj" and t.head.i != t.i:  # "Paris et Londres ont condamné"
        t = t.head
    if t.dep_ != "nsubj":
        return False
    verb = t.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})]
    return any(v.lemma_.lower() in _SPEECH_LEMMAS for v in verbs)


#: "région de Kidal", "province du Soum", "cercle de Bankass": the unit, not its namesake town.
_UNIT_BEFORE = re.compile(
    r"(?i:\b(?:r[ée]gion|province|cercle|commune|pr[ée]fecture|d[ée]partement|district)\s+"
    r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+(?:the\s+)?))$"
)
#: "the Kidal region", "Soum province".
_UNIT_AFTER = re.compile(r"(?i:^\s+(?:region|province|district|prefecture|department)\b)")
_SINCE_PLACE = re.compile(r"(?i:\bsince|\bdepuis)\b[^.;:,()]{0,50}$")
_NEAR = re.compile(
    r"(?i:\b(?:pr[èe]s|non\s+loin|near|close\s+to|outside)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’]|to\s+)?(?:the\s+)?)$"
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A resolved place name in the text (character offsets into the article)."""

    start: int
    end: int
    text: str
    place: Place
    token_i: int  # index of the head token in its paragraph doc
    sent_start: int  # char offset of the sentence start (identifies the sentence)
    attributive: bool  # qualifies a person or institution rather than locating something
    relative: bool = False  # a reference point: "au nord de Bamako", "300 km north of N'Djamena"
    background: bool = False  # inside a "since ..." phrase: "since the coup in Niamey"
    near: bool = False  # "near Djibo", "aux environs de Ménaka": an event there is near, not in it


#: Nouns of buildings and institutions (a dictionary class). A capitalised name ending in one
#: ("the Uitenhage Provincial Hospital", "Benghazi Medical Centre", "Bilal Mosque") names a
#: building: in English such a name starts with the place it is at, when it names one; the
#: noun alone ("Mosque") is never a place.
FACILITIES = _BUILDINGS | {
    "centre", "center", "clinic", "college", "academy", "institute", "market", "mall",
    "prison", "jail", "hotel", "station", "bank", "square", "office", "court", "parliament",
    "legislature", "assembly", "hall", "palace", "headquarters", "barracks", "cathedral", "camp",
}  # fmt: skip


def _place_before_facility(gaz: Gazetteer, doc: Doc, a: int, b: int) -> int | None:
    """The end of the place a building's name starts with ("Uitenhage Provincial Hospital"
    -> "Uitenhage"), or None when the run names no building or starts with no known place."""
    if b - a < 2 or doc[b - 1].lower_ not in FACILITIES or _known(gaz, doc[a:b].text):
        return None
    for k in range(b - 1, a, -1):
        if _known(gaz, doc[a:k].text):
            return k
    return None


def _runs(sent: Span) -> list[tuple[int, int]]:
    """Token index ranges of capitalised runs ("Faya Largeau", "N'Djamena", "Tin-Zaouatene")."""
    out: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        t = sent.doc[i]
        if t.text[:1].isupper() and t.is_alpha is not None and t.text.lower() not in _NOT_PLACE:
            j = i + 1
            while j < sent.end and (
                sent.doc[j].text[:1].isupper()
                or (sent.doc[j].text in {"-", "'", "’"} and j + 1 < sent.end)
            ):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


#: Capitalised words that name a kind of administrative unit after a unit's name ("Igabi
#: Local Government Area", "Lainya County"): an unknown run's name is the part before them.
_UNIT_WORDS = {"local", "government", "area", "lga", "state", "county", "province", "region",
               "district", "prefecture", "department", "municipality", "division", "subdivision"}  # fmt: skip


#: A town abroad this populous is a place a report may name without its country ("in Cape
#: Town", "à Moscou"); GeoNames' cities15000 threshold, the usual bar of a "city" there.
NOTABLE_POPULATION = 15000


def _kept_abroad(place: Place, entity: bool, locative: bool) -> bool:
    """Whether a place outside the region, in a text that never names its country, may be kept.

    A town of :data:`NOTABLE_POPULATION` people or more that the language model tags as a
    place or a locative governs, or a place of Africa a locative governs ("in Souassi"): a
    rare far namesake of a word stays out. The caller also wants the name written as the place
    bears it (not a near spelling), whatever unit word follows it ("in Arua district").
    """
    if locative and place.country in AFRICA:
        return True
    return (entity or locative) and place.kind == "town" and place.population >= NOTABLE_POPULATION


#: Nouns of place or direction whose "of"/"de" complement is a place: "west of Beledweyne",
#: "the outskirts of Kidal", "the town of Amchide", "les environs de Ménaka".
_PLACE_OF = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "outskirts", "vicinity", "suburbs",
    "suburb", "town", "city", "village", "villages", "area", "areas", "district", "region",
    "province", "neighbourhood", "neighborhood", "quarter", "outskirt", "quartier", "quartiers",
    "nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "environs",
    "périphérie", "alentours", "ville", "localité", "faubourgs", "banlieue",
    # the people and streets of a place: "residents of Mabopane", "the streets of Wentworth",
    # "les habitants de Gao"
    "residents", "inhabitants", "villagers", "people", "youths", "streets", "habitants",
    "population", "populations", "rues",
}  # fmt: skip


def _met_there(person: Token) -> bool:
    """Whether a place phrase after a person is where the person was met: the person is the
    object of a verb of meeting ("met Mali's minister in Bamako"), and the phrase belongs to
    the verb (the parse attaches it to the nearest noun)."""
    return (
        person.dep_ in {"dobj", "obj"}
        and person.lemma_.lower() not in _POSTED
        and "diplomacy" in event_types(person.head, person.doc.lang_)
    )


#: People posted somewhere: "the ambassador in Bamako" is where the ambassador serves.
_POSTED = {"ambassador", "ambassadeur", "embassy", "ambassade", "diplomat", "diplomate"}


#: Words before a town that put an event near it, not in it (the Codebook's precision 2:
#: "near X", "in the area of X", "the outskirts of X", "aux environs de X").
_NEAR_WORDS = re.compile(
    r"(?i:\b(?:near|outside|around|close\s+to|in\s+the\s+(?:vicinity|area|outskirts)\s+of|"
    r"on\s+the\s+outskirts\s+of|pr[èe]s\s+d[e'’]|aux\s+environs\s+d[e'’]|non\s+loin\s+d[e'’]|"
    r"dans\s+la\s+(?:zone|r[ée]gion)\s+d[e'’]|[àa]\s+la\s+p[ée]riph[ée]rie\s+d[e'’])\s*"
    r"(?:the\s+(?:town|village|city)\s+of\s+|la\s+(?:ville|localit[ée])\s+d[e'’]\s*|"
    r"(?:du\s+)?village\s+d[e'’]\s*)?)$"
)


def _after_locative(doc: Doc, a: int) -> bool:
    """Whether the name at token ``a`` is governed as a place: it follows a preposition of place
    ("in", "à"), a noun of place or direction and its "of" ("west of X", "the town of X",
    "aux environs de X"), a place's possessive ("North Sinai's Al Arish"), or a comma after
    such a place, as an address names the larger place next ("in Wentworth, Durban")."""
    if a > 0 and doc[a - 1].lower_ in _LOCATIVE:
        return True
    if a > 1 and doc[a - 1].text == "," and doc[a - 2].text[:1].isupper():
        k = a - 2
        while k > 0 and (doc[k - 1].text[:1].isupper() or doc[k - 1].text in {"-", "'", "’"}):
            k -= 1
        return _after_locative(doc, k)
    if a > 1 and doc[a - 1].lower_ in {"of", "de", "du", "d'", "d’"}:
        return doc[a - 2].lower_ in _PLACE_OF
    if _names_facility(doc, a):
        # a place naming the building a locative governs: "to the Bhisho legislature", "at the
        # Tessit market" (the name modifies the noun the preposition governs)
        k = a
        while k > 0 and doc[k - 1].lower_ in _ARTICLES:
            k -= 1
        return k < a and k > 0 and doc[k - 1].lower_ in _LOCATIVE
    return (
        a > 1
        and doc[a - 1].lower_ in {"'s", "’s"}
        and any(doc[a - 2] in e and e.label_ in _LOC_LABELS for e in doc.ents)
    )


#: Words that make a people's name an area: "the Dogon country", "le pays dogon", "Somali region".
_PEOPLE_AREA = {
    "country", "region", "regional", "state", "county", "plateau", "zone", "province", "pays",
    "région", "land", "lands",
}  # fmt: skip


def _people_named(doc: Doc, a: int, b: int, name: str) -> bool:
    """Whether the name at ``doc[a:b]`` names a people (:func:`lexicon.ethnonyms`), not a place.

    Villages called Peul, Mossi, Bambara or Bozo exist, but "Dogon militiamen attacked a Peul
    settlement", "Mossi youths", "des éleveurs peuls" name who acted or suffered. The name is a
    place only before or after an area word ("the Dogon country", "le pays dogon", "Somali
    region") or alone after a preposition of place ("in Bozo,"; not "in Fulani villages").
    """
    if key(name) not in ethnonyms():
        return False
    prev = doc[a - 1].lower_ if a > 0 else ""
    nxt = doc[b] if b < len(doc) else None
    if prev in _PEOPLE_AREA or (nxt is not None and nxt.lower_ in _PEOPLE_AREA):
        return False
    governed = prev in _LOCATIVE and prev != "de"
    return not governed or (nxt is not None and nxt.pos_ in {"NOUN", "PROPN", "ADJ"})


#: Articles between a preposition and the noun phrase it governs.
_ARTICLES = {"the", "a", "le", "la", "l'", "l’", "les", "un", "une"}


def _names_facility(doc: Doc, a: int) -> bool:
    """Whether the name at token ``a`` qualifies a building's noun after it ("the Bhisho
    legislature", "the Boulkessi military camp")."""
    head = doc[a]
    while head.dep_ in {"compound", "nmod", "amod", "flat"} and head.head.i > head.i:
        head = head.head
    return head.i > a and head.lower_ in FACILITIES


def _without_compass(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """The tokens of a run without its leading and trailing words of direction."""
    while a < b - 1 and doc[a].lower_ in COMPASS_WORDS:
        a += 1
    while b - 1 > a and doc[b - 1].lower_ in COMPASS_WORDS:
        b -= 1
    return a, b


def _known(gaz: Gazetteer, name: str) -> bool:
    k = key(name)
    if not k or len(k) <= 3:
        return bool(k) and len(k) == 3 and k in gaz.exact
    return k in gaz.exact or phonetic(name) in gaz.phon


def find_places(
    paras: list[tuple[int, Doc]],
    gaz: Gazetteer | None,
    *,
    skip: list[tuple[int, int]],
    countries: tuple[str, ...] = (),
    default_cc: str | None = None,
) -> list[PlaceMention]:
    """Return the resolved place mentions of an article.

    Parameters
    ----------
    paras
        ``(char offset, spaCy Doc)`` for each paragraph of the article.
    gaz
        The gazetteer; without one no place is found.
    skip
        Character ranges that are not places (datelines, actor names).
    countries
        Countries the article is about, to break ties.
    default_cc
        The article's main country: "the capital" alone is its capital.
    """
    if gaz is None:
        return []
    out: list[PlaceMention] = []
    resolved: list[Place] = []
    cache: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Place | None] = {}
    named = countries
    for off, doc in paras:
        hints = find_hints(doc.text)
        axes = find_axes(doc.text)
        brackets = [h.bracket for h in hints]
        # a coder's brackets name the units the paragraph's places lie in: their countries
        # are the paragraph's, beside those the text names (``countries`` from here on)
        first = len(out)  # this paragraph's mentions start here
        hinted_cc = tuple(dict.fromkeys(c for h in hints if (c := hint_country(gaz, h, named))))
        countries = tuple(dict.fromkeys(named + hinted_cc))
        for sent in sentences(doc):
            spans: dict[tuple[int, int], None] = {}
            entities: set[tuple[int, int]] = set()
            # a place a building's name starts with -> the end of the building's name
            buildings: dict[tuple[int, int], int] = {}
            hinted: dict[tuple[int, int], Hint | Axis] = {}
            for h in axes:
                if sent.start_char <= h.start < sent.end_char:
                    span = doc.char_span(h.start, h.end, alignment_mode="expand")
                    if span is not None:
                        hinted[(span.start, span.end)] = h
            for h in hints:
                if sent.start_char <= h.start < sent.end_char:
                    span = doc.char_span(h.start, h.end, alignment_mode="expand")
                    if span is not None:
                        k = _place_before_facility(gaz, doc, span.start, span.end)
                        if k is not None:  # "the X Provincial Hospital (units)": X, hinted
                            span = doc[span.start : k]
                            h = replace(h, name=span.text, end=span.end_char)
                        if isinstance(hinted.get((span.start, span.end)), Axis):
                            continue  # "the Boni-Hombori axis (Douentza, Mopti)": the road
                        hinted[(span.start, span.end)] = h
            # the sentence as context, outlets' names blanked: "France 24 reported" says where the
            # report comes from, not where its places lie
            ctx_text = blank(sent.text, media_spans(sent.text))
            for ent in sent.ents:
                if ent.label_ in _LOC_LABELS:
                    k = _place_before_facility(gaz, doc, ent.start, ent.end)
                    b = ent.end if k is None else k
                    spans[(ent.start, b)] = None
                    entities.add((ent.start, b))
                    if k is not None:
                        buildings[(ent.start, b)] = ent.end
            persons = [(e.start, e.end) for e in sent.ents if e.label_ in {"PER", "PERSON", "ORG"}]
            for a, b in _runs(sent):
                inner = [(s, e) for s, e in spans if a < e and s < b]
                if inner:
                    if (
                        all(a <= s and e <= b for s, e in inner)
                        and (a, b) not in spans
                        and (_known(gaz, doc[a:b].text))
                    ):  # the longest known name: "Centre-Nord", not the model's "Centre"
                        for se in inner:
                            del spans[se]
                            entities.discard(se)
                        spans[(a, b)] = None
                        entities.add((a, b))
                    continue
                known = _known(gaz, doc[a:b].text)
                if not known:
                    k = b
                    while k - 1 > a and doc[k - 1].lower_ in _UNIT_WORDS:
                        k -= 1
                    core = _without_compass(doc, a, k)
                    if k < b and _known(gaz, doc[a:k].text):
                        b, known = k, True
                    elif core != (a, k) and _known(gaz, doc[core[0] : core[1]].text):
                        (a, b), known = core, True  # "Pretoria West": Pretoria's west, Pretoria
                    elif (k := _place_before_facility(gaz, doc, a, b) or b) < b:
                        buildings[(a, k)] = b
                        b, known = k, True
                if a == sent.start and b - a == 1 and doc[a].pos_ not in {"PROPN", ""}:
                    continue
                if known:
                    spans[(a, b)] = None
                elif not any(doc[k].text in {"-", "'", "’"} for k in range(a, b)) and not any(
                    a < e and s < b for s, e in persons
                ):
                    for k in range(a, b):
                        if doc[k].lower_ not in _NOT_PLACE | FACILITIES | COMPASS_WORDS and _known(
                            gaz, doc[k].text
                        ):
                            spans[(k, k + 1)] = None
            for a, b in list(spans):
                inside = any(x <= doc[a].idx < y for x, y in brackets)
                if inside or any(a < e and s < b for s, e in hinted):
                    del spans[
                        (a, b)
                    ]  # a unit hint in brackets, or the hinted name (added whole below)
            spans.update(dict.fromkeys(hinted))
            for a, b in list(spans):
                if (a, b) in hinted:
                    continue
                # an unknown multi-word entity may be a list without commas ("Rosso Zoueirat")
                if (
                    b - a > 1
                    and not _known(gaz, doc[a:b].text)
                    and all(
                        doc[k].text[:1].isupper() and doc[k].text not in {"-", "'", "’"}
                        for k in range(a, b)
                    )
                ):
                    parts = [(k, k + 1) for k in range(a, b) if _known(gaz, doc[k].text)]
                    core = _without_compass(doc, a, b)
                    if core != (a, b):  # "Pretoria West", "East Jebel Marrah": one name
                        del spans[(a, b)]
                        if _known(gaz, doc[core[0] : core[1]].text):
                            spans[core] = None
                    elif len(parts) == b - a:
                        del spans[(a, b)]
                        spans.update(dict.fromkeys(parts))
            for a, b in sorted(spans):
                span = doc[a:b]
                s, e = off + span.start_char, off + span.end_char
                if any(s < ke and ks < e for ks, ke in skip):
                    continue
                name = span.text.strip(" ,.;:()«»\"'")
                if not name or name.lower() in _NOT_PLACE:
                    continue
                if a > sent.start and doc[a - 1].lower_.rstrip(".") in _TITLES:
                    continue  # "President Kabore", "le colonel Goïta": a person, whatever village shares the name
                if _people_named(doc, a, b, name):
                    continue  # "Dogon militiamen", "un campement peul": who, not where
                unit = _UNIT_BEFORE.search(doc.text[max(0, span.start_char - 30) : span.start_char])
                after = _UNIT_AFTER.match(doc.text[span.end_char : span.end_char + 15])
                query = unit.group(0) + name if unit else (name + after.group(0) if after else name)
                hint = hinted.get((a, b))
                if isinstance(hint, Axis):
                    place = resolve_axis(gaz, hint, countries=countries)
                elif hint is not None:
                    place, _how = resolve_hinted(gaz, hint, context=ctx_text, countries=countries)
                else:
                    # the answer depends on the sentence (context) and on the places before it
                    ck = (query, sent.text, countries, tuple(p.place_id for p in resolved[-20:]))
                    if ck not in cache:
                        res = gaz.resolve(
                            query,
                            context=ctx_text,
                            countries=countries,
                            doc_places=tuple(resolved[-20:]),
                        )
                        cache[ck] = res.place
                    place = cache[ck]
                if (
                    hint is None
                    and place is not None
                    and place.kind == "town"
                    and place.country not in AFRICA
                    and place.country not in countries
                    and place.population < CITY_POPULATION
                    and gaz.written(place, name)
                ):
                    # a town outside Africa below a city's size, in a text that does not name
                    # its country, whose name is also a town of the Sahel's neighbourhood as
                    # written ("Payak near Leer": South Sudan's Leer, not Germany's)
                    near = gaz.resolve(query, context=ctx_text, countries=_REGION_ORDER)
                    if (
                        near.place is not None
                        and near.place.country in REGION
                        and near.place.kind in {"town", "feature"}
                        and gaz.written(near.place, name)
                    ):
                        place = near.place
                if place is None:
                    continue
                if (
                    hint is None
                    and place.country
                    and place.country not in REGION
                    and place.country not in countries
                    and not (
                        _kept_abroad(place, (a, b) in entities, _after_locative(doc, a))
                        and gaz.written(place, name)
                    )
                ):
                    continue  # a namesake far from the Sahel, in a text that never names its country
                if (
                    hint is None
                    and hinted_cc
                    and place.country not in countries
                    and place.population < NOTABLE_POPULATION
                ):
                    continue  # a village of another country than the paragraph's brackets give
                resolved.append(place)
                head = span.root
                if head.head.lemma_.lower() in _NOT_LOCATING and (
                    head.dep_ == "compound"
                    or (head.dep_ in {"flat:name", "appos"} and head.head.i < head.i)
                ):
                    continue  # "the Timbuktu boat", "le bateau Tombouctou": a name, not a place
                if (
                    hint is None
                    and not (
                        (a, b) in buildings
                        and (place.population >= NOTABLE_POPULATION or b + 1 < buildings[(a, b)])
                    )  # "the Gao Regional Hospital", "the Kaya Medical Centre": the town's own
                    and head.dep_ in {"compound", "nmod", "flat", "appos"}
                    and head.head.lemma_.lower() in _BUILDINGS
                    and place.country not in countries
                    and not any(
                        c.dep_ == "case" and c.lower_ in {"de", "d'", "d’"} for c in head.children
                    )
                ):  # ("le camp de Sokolo", "la mosquée de Djibo": the building at a place)
                    continue  # "the Sidi Yahia mosque": a building named after a saint, not Morocco's town
                pre = doc.text[max(0, span.start_char - 40) : span.start_char]
                if _ATTITUDE.search(pre) or (place.kind == "country" and _AGAINST.search(pre)):
                    continue  # "pancartes hostiles à la France", "protest against France": a target
                if _metonymic_capital(head, place, gaz):
                    continue  # "Paris a condamné", "Washington said": the government speaks
                if _RELATION.search(pre) and _is_capital(place, gaz):
                    continue  # "tensions with Algiers", "relations entre Bamako et Paris": governments
                actor = place.kind == "country" and (
                    head.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "agent", "obl:agent"}
                    or (head.dep_ in {"pobj", "conj"} and head.head.lower_ in {"by", "par"})
                    or (
                        head.dep_ == "conj"
                        and head.head.dep_ in {"nsubj", "agent", "obl:agent", "pobj"}
                    )
                )  # "condemned by the UN and France", "France handed over": the country acts
                attributive = (
                    actor
                    or head.head.lemma_.lower() in _ATTRIBUTIVE_HEADS
                    or (
                        head.head.head.lemma_.lower() in _ATTRIBUTIVE_HEADS
                        and head.head.pos_ == "ADP"
                        and not _met_there(head.head.head)
                    )
                )
                relative = bool(_DIRECTION.search(pre)) or (
                    place.kind == "country" and bool(_NEAR.search(pre))
                )
                background = bool(
                    _SINCE_PLACE.search(doc.text[max(0, span.start_char - 60) : span.start_char])
                )
                near = place.kind in {"town", "feature"} and bool(_NEAR_WORDS.search(pre))
                out.append(
                    PlaceMention(
                        s,
                        e,
                        name,
                        place,
                        head.i,
                        off + sent.start_char,
                        attributive,
                        relative,
                        background,
                        near,
                    )
                )
        _inside_named(out, first, doc.text, off)
    out.extend(_capitals(paras, gaz, skip, default_cc))
    out.sort(key=lambda m: m.start)
    return out


#: What joins a place to the larger place it lies in: "Matam commune in Conakry city",
#: "Tarkende in Guma", "le quartier Koira Tegui de Niamey".
_IN_LARGER = re.compile(
    r"^(?:\s+(?:village|town|city|commune|district|neighbou?rhood|quarter|area|locality|"
    r"settlement|ward|quartier|localit[ée]|secteur))?\s*,?\s+(?:in|of|à|dans|de)\s+"
    r"(?:the\s+|la\s+|le\s+|l['’])?(?:(?:city|town|district|region|province|state|county|"
    r"commune|ville|cercle|r[ée]gion)\s+(?:of\s+|de\s+|d['’])?)?$",
    re.IGNORECASE,
)


def _inside_named(out: list[PlaceMention], first: int, text: str, off: int) -> None:
    """A place said to lie in a larger one ("Matam commune in Conakry city") whose reading is
    not there (another country, or farther than a unit spans: a namesake) is the unknown
    place inside the larger one: coded at the larger one's point, precision 2 (ACLED Codebook
    2023, "Location": a place that cannot be found is coded at the nearest known unit)."""
    for i in range(first, len(out) - 1):
        small, large = out[i], out[i + 1]
        if small.sent_start != large.sent_start or large.place.kind not in {"town", "region"}:
            continue
        if not _IN_LARGER.match(text[small.end - off : large.start - off]):
            continue
        p, q = small.place, large.place
        if p.country == q.country and (
            place_km(p, q) <= UNIT_RADIUS_KM
            or (p.admin1 and key(p.admin1) in {key(q.admin1 or ""), key(q.name)})
        ):
            continue  # there indeed ("Teguey, in the Tillabéri region")
        out[i] = replace(
            small,
            place=replace(
                q,
                place_id=f"{q.place_id}~{key(small.text)}",
                name=small.text,
                kind="town",
                geo_precision=2,
                source=f"inside {q.place_id}: {q.source}",
            ),
        )


_CAPITAL = re.compile(
    r"(?i:\bcapitale\s+(?:du\s+|de\s+la\s+|de\s+l['’]|des\s+)?(?P<a>[\w-]+)|"
    r"\bcapital\s+of\s+(?:the\s+)?(?P<b>[\w-]+)|(?P<c>[\w-]+)['’]s\s+capital|(?P<d>[\w-]+)\s+capital|"
    r"\b(?P<e>the|la|its|sa)\s+capitale?\b)"
)


def _capitals(
    paras: list[tuple[int, Doc]],
    gaz: Gazetteer,
    skip: list[tuple[int, int]],
    default_cc: str | None,
) -> list[PlaceMention]:
    """Places named as "the Chadian capital", "la capitale malienne", "Niger's capital", "the capital"."""
    out = []
    for off, doc in paras:
        for sent in sentences(doc):
            for m in _CAPITAL.finditer(sent.text):
                word = next(g for g in m.groups() if g)
                cc = gaz.country_code(word) if len(word) > 3 else None
                if cc is None and (
                    m.group("e") or word.lower() in {"the", "its", "their", "la", "sa", "leur"}
                ):
                    cc = default_cc
                cap = gaz.capital(cc) if cc else None
                if cap is None:
                    continue
                s = off + sent.start_char + m.start()
                if any(a <= s < b for a, b in skip):
                    continue
                tok = sent.char_span(m.start(), m.end(), alignment_mode="expand")
                head = tok.root if tok is not None else sent.root
                out.append(
                    PlaceMention(
                        s,
                        s + len(m.group(0)),
                        m.group(0),
                        cap,
                        head.i,
                        off + sent.start_char,
                        False,
                    )
                )
    return out
