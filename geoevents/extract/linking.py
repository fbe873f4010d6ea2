"""Which place mention is the place of an event: the link from a trigger to its place.

:func:`link_place` scores the place mentions of a sentence by their distance to the trigger
in the dependency tree (token distance without a parse), with a bonus for a locative
preposition (à, dans, près de, in, at, near ...) and a penalty for a name that qualifies
a person or an institution ("le ministre malien", "ambassadeur à Alger").
:func:`places_for` turns that ranking into the event's place or places.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from geoevents._text import key
from geoevents.geocoding.distance import place_km

if TYPE_CHECKING:
    from spacy.tokens import Token

    from geoevents.extract.places import PlaceMention
    from geoevents.models import Place
    from geoevents.extract.triggers import Trigger

_LOC_PREPS = {"à", "a", "au", "aux", "dans", "près", "vers", "sur", "en", "in", "at", "near", "outside",
              "around", "of", "de", "du", "entre", "between", "from", "depuis", "to"}  # fmt: skip


def _tree_distance(a: Token, b: Token) -> int:
    """Number of edges between two tokens of the same sentence (token distance without a parse)."""
    if not a.doc.has_annotation("DEP"):
        return abs(a.i - b.i) // 3
    anc_a = [a, *a.ancestors]
    idx = {t.i: n for n, t in enumerate(anc_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in idx:
            return idx[t.i] + n
    return abs(a.i - b.i) // 3 + 2  # two parse trees in one sentence: fall back to token distance


#: Prepositions of a goal, not of a location ("evacuated to Niamey", "fled towards Mopti"): the
#: allative case of grammars, where the moved thing ends up, not where the event happened.
_GOAL_PREPS = {"to", "towards", "toward", "into", "vers"}
#: Verbs that move people or goods away after an event (the wounded evacuated, the displaced
#: fleeing, the detainees transferred): their goal is never where the event happened. Verbs of
#: being on one's way ("en route vers Ber", "heading to Gao") are not here: an attack on a
#: column heading to a town is coded near that town when the text names no other place.
_AFTERMATH = {"evacuate", "transfer", "take", "rush", "airlift", "fly", "flee", "carry",
              "transport", "bring", "send", "admit", "repatriate", "displace",
              "évacuer", "transférer", "conduire", "emmener", "transporter", "rapatrier", "fuir",
              "réfugier", "acheminer", "admettre", "hospitaliser", "envoyer", "déplacer"}  # fmt: skip


#: Prepositions of proximity: the place is a reference point beside the event's.
_NEAR_PREPS = {"near", "outside", "around", "près", "proche", "autour"}


def _prep(tok: Token) -> Token | None:
    """The preposition that introduces a place token, if any."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in {"case", "prep"}:
                return c
        if t.dep_ == "pobj":
            return t.head
    i = tok.i
    return tok.doc[i - 1] if i > 0 and tok.doc[i - 1].pos_ == "ADP" else None


def goal(tok: Token) -> bool:
    """Whether a place token is where something went ("to X", "vers X"), not where it happened."""
    p = _prep(tok)
    return p is not None and p.lower_ in _GOAL_PREPS


def aftermath(tok: Token) -> bool:
    """Whether a place token is where people or goods were moved after the event.

    "the wounded were evacuated to Niamey", "des blessés évacués à Mopti", "fled to Mentao".
    """
    p = _prep(tok)
    if p is None or p.lower_ not in _GOAL_PREPS | {"à", "au", "aux", "en", "sur"}:
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.lemma_.lower() in _AFTERMATH


def _locative(tok: Token, *, goals: bool = True) -> bool:
    """Whether a place token is introduced by a locative preposition (a goal counts if ``goals``)."""
    if not goals and goal(tok):
        return False
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in {"case", "prep"} and c.lower_ in _LOC_PREPS:
                return True
        if t.dep_ == "pobj" and t.head.lower_ in _LOC_PREPS:
            return True
    i = tok.i
    return i > 0 and tok.doc[i - 1].lower_ in _LOC_PREPS


def link_place(
    trigger: Token, mentions: list[PlaceMention], *, goals: bool = True
) -> list[tuple[float, PlaceMention]]:
    """Score the place mentions of the trigger's sentence; lower is better.

    With ``goals`` false (an attack, not a visit) a goal preposition ("to", "vers") earns no
    locative bonus.

    Returns
    -------
    list[tuple[float, PlaceMention]]
        ``(score, mention)`` sorted best first.
    """
    doc = trigger.doc
    out: list[tuple[float, PlaceMention]] = []
    kind_rank = {
        "town": 0.0,
        "feature": 0.2,
        "area": 0.6,
        "region": 0.8,
        "border": 1.0,
        "country": 2.5,
    }
    for m in mentions:
        tok = doc[m.token_i]
        score = float(_tree_distance(trigger, tok))
        if _locative(tok, goals=goals):
            score -= 1.0
            p = _prep(tok)
            if p is not None and p.lower_ in _NEAR_PREPS:
                score += 0.5  # "in Ilitha near Berlin": where it is beats what it is near
        if m.attributive:
            score += 3.0
        if m.relative and m.place.kind in {"town", "feature"}:
            score += 2.5
        if m.relative and m.place.kind == "country":
            score += 4.0  # "la frontière avec l'Algérie": near, not in, that country
        score += kind_rank.get(m.place.kind, 1.0)
        out.append((score, m))
    out.sort(key=lambda x: x[0])
    return out


#: "between" / "entre" right before two coordinated towns: the stretch between them.
_BETWEEN = re.compile(
    r"(?i:\b(?:between|entre)\s+(?:the\s+towns?\s+of\s+|les\s+localit[ée]s\s+de\s+)?)$"
)
#: What may stand between two coordinated place names ("Douentza, Koro et Ségou").
_COORD = re.compile(r"^\s*(?:(?:,|et|and|;)\s*(?:[A-ZÀ-Ý][\w'’-]*\s*)?)*(?:,|et|and|;)?\s*$")
#: A country named as where something goes ("exports to China"), not where the event happens.
_DESTINATION = re.compile(
    r"(?i:\b(?:to|towards|into|vers|en\s+direction\s+de|[àa]\s+destination\s+de)\s+(?:the\s+|la\s+|l['’])?)$"
)


#: A town this close to a unit's anchor is taken as inside it ("près de Boni, dans le cercle
#: de Douentza"): a cercle, province or department of the Sahel spans about this much.
UNIT_RADIUS_KM = 120.0


#: Two towns written "A, B" this close are an address (a quarter and its town), not a list.
ADDRESS_KM = 25.0


def _within(town: Place, unit: Place, km: float) -> bool:
    return town.geo_precision < unit.geo_precision and place_km(town, unit) <= km


def places_for(
    trig: Trigger,
    sent_start: int,
    places: list[PlaceMention],
    text: str,
    *,
    diplomacy: bool,
    visit: bool = False,
) -> list[PlaceMention]:
    """Return the place mentions of the trigger's sentence that are its event's place(s).

    The best-linked mention wins (for diplomacy only a venue: a town or, for a visit, a
    country, introduced by a locative preposition); a region or area yields to a named town
    inside it (an area across borders, such as Lake Chad, to a town of any country near it); a
    town brings the towns coordinated with it ("à Douentza, Koro et Ségou"),
    one event each. ``sent_start`` identifies the sentence; ``text`` is the article.
    """
    mentions = [m for m in places if m.sent_start == sent_start and not m.background]
    if not diplomacy:
        mentions = [
            m for m in mentions
            if not ((m.relative or m.attributive or _DESTINATION.search(text[max(0, m.start - 30) : m.start]))
                    and m.place.kind == "country")
        ]  # fmt: skip
        doc = trig.token.doc
        mentions = [m for m in mentions if not aftermath(doc[m.token_i])]  # "evacuated to Niamey"
    if not mentions:
        return []
    ranked = link_place(trig.token, mentions, goals=diplomacy)
    score, best = ranked[0]
    if diplomacy:
        kinds = {"town", "feature", "country"} if visit else {"town", "feature"}
        for score, m in ranked:
            tok = trig.token.doc[m.token_i]
            if m.attributive or m.relative or m.place.kind not in kinds or not _locative(tok):
                continue
            if score <= 4.0 or (
                trig.sub_event_type in {"meeting", "statement"} and m.place.kind == "town"
            ):
                return [m]
        return []
    if score > 10.0:
        return []
    if best.place.kind in {"region", "area"} or best.place.geo_precision >= 2:
        # a unit ("cercle de Douentza", resolved to its seat at precision 2) or an area
        # "à Tidermène, dans la région de Ménaka": the town inside the region is the place
        inside = [
            m for _, m in ranked
            if m.place.kind in {"town", "feature"} and not (m.attributive or m.relative)
            and m.place.geo_precision < best.place.geo_precision
            and ((m.place.country == best.place.country and m.place.admin1
                  and key(m.place.admin1) == key(best.place.admin1 or best.place.name))
                 or ((m.place.country == best.place.country or best.place.kind == "area")
                     and _within(m.place, best.place, UNIT_RADIUS_KM)))
        ]  # fmt: skip
        if inside:
            best = inside[0]
    group = [best]
    if best.place.kind == "town":
        ordered = sorted(mentions, key=lambda m: m.start)
        i = ordered.index(best)
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(ordered):
                a, b = ordered[min(j, j + step)], ordered[max(j, j + step)]
                between = text[a.end : b.start]
                if not _COORD.match(between) or ordered[j + step].place.kind != "town":
                    break
                j += step
                group.append(ordered[j])
    group.sort(key=lambda m: m.start)
    if (
        len(group) == 2
        and text[group[0].end : group[1].start].strip() == ","
        and group[1].place.population > group[0].place.population
        and place_km(group[0].place, group[1].place) <= ADDRESS_KM
    ):
        # an address names the larger place after a comma ("à Lafiabougou, Bamako"): one place,
        # the finer one
        return [group[0]]
    if len(group) == 2 and _BETWEEN.search(text[max(0, group[0].start - 40) : group[0].start]):
        # "between Boni and Hombori": one event on the stretch between them, not one at each end
        from geoevents.geocode import between_places  # noqa: PLC0415

        pa, pb = group[0].place, group[1].place
        mid = between_places(pa, pb)
        if mid is not None and place_km(pa, pb) > BETWEEN_MIDPOINT_KM:
            # two towns far apart: a coder codes the event at one of them, near it (precision 2),
            # as the notes do ("between Qalimow and Balcad" coded Qalimow, precision 2)
            mid = replace(
                mid, lon=pa.lon, lat=pa.lat, admin1=pa.admin1, country=pa.country,
                source=f"between {pa.place_id} and {pb.place_id}: at the first named, precision 2",
            )  # fmt: skip
        if mid is not None:
            return [replace(group[0], place=mid, end=group[1].end)]
    return [
        replace(m, place=replace(m.place, geo_precision=2))
        if m.near and m.place.geo_precision < 2
        else m
        for m in group
    ]  # "near X": coded at X, precision 2 (Codebook 2023, "Geo-precision")


#: Up to this distance between two towns, the midpoint of the stretch is within half of it of
#: either end, so it stands for "between A and B"; farther apart, the first named end does.
BETWEEN_MIDPOINT_KM = 100.0
