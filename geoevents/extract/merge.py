"""Mentions of one event in an article, folded into one: candidates and their merge.

Each trigger that survives the filters gives a :class:`Candidate` per place. Mentions
of one event (same type, overlapping dates, same or compatible place) are merged: the
most precise place and date win, actors and participants add up, the highest toll stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geoevents.extract.actors import ORGS, add_name

if TYPE_CHECKING:
    from geoevents.models import Place

log = logging.getLogger(__name__)


@dataclass
class Candidate:
    """One mention of an event: a trigger with its date, place, actors and evidence."""

    event_type: str
    sub_event_type: str
    date: tuple[dt.date, dt.date, str]
    place: Place | None
    actors: list[str]
    participants: list[str]
    fatalities: int | None
    evidence: str
    span: tuple[int, int]
    confidence: float
    headline: bool = False
    notes: list[str] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    #: Character spans (of the article) told as a cause, not as what happened: a protest's
    #: grievance, an arrest's reason. The type model reads the incident without them.
    aside: list[tuple[int, int]] = field(default_factory=list)


def _overlap(a: tuple[dt.date, dt.date, str], b: tuple[dt.date, dt.date, str]) -> bool:
    return not (a[1] < b[0] or b[1] < a[0])


_ARMED = {"battle", "violence_against_civilians", "explosion_remote_violence"}
#: When two mentions of one attack are typed differently, the more specific type wins; a
#: demonstration told with its demonstrators' violence is a riot (Codebook 2023, Riots).
_PRIORITY = {"explosion_remote_violence": 1, "riot": 1}
#: Developments the Codebook (2023, Strategic developments) defines by the absence of violence:
#: looting or destruction "when no other violence occurs", a "non-violent" transfer of territory.
_NON_VIOLENT = {"looting_property_destruction", "non_violent_transfer_of_territory"}
#: Violence done to people in a fight or an attack, which such developments are then part of.
_PEOPLE_HURT = {"battle", "violence_against_civilians"}


#: Sub-types their weapon defines (Codebook 2023, "Explosions/Remote violence").
_WEAPON_DEFINED = {"remote_explosive_landmine_ied", "suicide_bomb", "air_drone_strike", "grenade",
                   "shelling_artillery_missile_attack"}  # fmt: skip


def _decided(c: Candidate) -> bool:
    """Whether a mention's type is sure: a codebook row decided it with both sides named, or
    its weapon defines it."""
    return c.sub_event_type in _WEAPON_DEFINED or any(n.startswith("codebook:") for n in c.notes)


def _same(a: Candidate, b: Candidate) -> bool:
    if not _overlap(a.date, b.date):
        near = abs((a.date[0] - b.date[1]).days) <= 1 or abs((b.date[0] - a.date[1]).days) <= 1
        # one multi-day fight told day by day; or one attack dated once by its own day and once
        # by the day it was reported ("killed ..., the ministry said on Wednesday")
        same_type = a.event_type == b.event_type or _reported(a) or _reported(b)
        return bool(
            near
            and same_type
            and a.event_type in _ARMED
            and b.event_type in _ARMED
            and _fine(a)
            and _fine(b)
            and _same_place(a, b)
        )
    if a.event_type != b.event_type:
        # one attack told twice with different cues: merge only at the very same named place
        if {a.event_type, b.event_type} <= {"protest", "riot"}:
            return _compatible(a.place, b.place)
        if {a.sub_event_type, b.sub_event_type} & _NON_VIOLENT and (
            {a.event_type, b.event_type} & _PEOPLE_HURT
        ):
            # at the place and on the day of violence, they are part of it: the camp destroyed
            # in the assault, the attackers withdrawing after it
            return _fine(a) and _same_place(a, b)
        return (
            a.event_type in _ARMED
            and b.event_type in _ARMED
            and "air_drone_strike" not in {a.sub_event_type, b.sub_event_type}
            # both typed for sure (a codebook row on both sides named, or the weapon): two acts,
            # such as men executed after a bomb hit a convoy
            and not (_decided(a) and _decided(b))
            and a.place is not None
            and b.place is not None
            and a.place.place_id == b.place.place_id
            and a.place.kind == "town"
        )
    if a.event_type == "diplomacy":
        # a visit and the talks held during it stay two events (a visit, a meeting), as coders do
        if a.sub_event_type != b.sub_event_type:
            return False
        if a.date != b.date and (_earlier(a) or _earlier(b)):
            return False  # "X avait salué ...": an earlier statement than the one reported today
        if _distinct_parties(a, b):
            return False  # two meetings with different people or countries
    return _compatible(a.place, b.place)


def _same_place(a: Candidate, b: Candidate) -> bool:
    return a.place is not None and b.place is not None and a.place.place_id == b.place.place_id


def _earlier(c: Candidate) -> bool:
    """Whether a mention is told in the pluperfect, dated only as a range before the story."""
    return any(n.startswith("date from range") for n in c.notes)


def _reported(c: Candidate) -> bool:
    """Whether a mention is dated only by the day it was reported (no date of its own)."""
    return "date from report" in c.notes or "dated by its report" in c.notes


def _distinct_parties(a: Candidate, b: Candidate) -> bool:
    """Whether two diplomatic mentions name different parties (one host meeting two guests)."""
    pa, pb = {n for n in a.actors if n in a.persons}, {n for n in b.actors if n in b.persons}
    if pa and pb and not pa & pb:
        return True
    if a.sub_event_type == "statement":
        # each state speaks for itself: the country named first (the speaker) tells two
        # statements apart ("Bamako expelled the ambassador; Paris took note")
        sa, sb = (next((x for x in c.participants if x not in ORGS), None) for c in (a, b))
        return sa is not None and sb is not None and sa != sb
    if a.sub_event_type not in {"meeting", "visit", "call"}:
        return False  # a text signed "in the presence of" other states is still one signing
    for xa, xb in ((pa, pb), (set(a.participants), set(b.participants))):
        if len(xa) >= 2 and len(xb) >= 2 and not (xa <= xb or xb <= xa):
            return True
    return False


def _compatible(a: Place | None, b: Place | None) -> bool:
    """Whether two places can be the place of one event (same, unknown, or one inside the other's country)."""
    if a is None or b is None or a.place_id == b.place_id:
        return True
    coarse = {"country", "region", "area", "border"}
    if a.country is None or b.country is None:
        return a.kind in coarse or b.kind in coarse
    return (a.kind in coarse or b.kind in coarse) and a.country == b.country


def _fine(c: Candidate) -> bool:
    return c.place is not None and c.place.kind in {"town", "feature"}


def _absorb(o: Candidate, c: Candidate) -> None:
    """Fold mention ``c`` into event ``o``."""
    for n in c.actors:
        add_name(o.actors, n, known=True)
    for n in c.participants:
        if n not in o.participants:
            o.participants.append(n)
    o.aside.extend(x for x in c.aside if x not in o.aside)
    if c.fatalities is not None and (o.fatalities is None or c.fatalities > o.fatalities):
        o.fatalities = c.fatalities
    if _PRIORITY.get(c.event_type, 0) > _PRIORITY.get(o.event_type, 0):
        o.event_type, o.sub_event_type = c.event_type, c.sub_event_type
    elif o.sub_event_type in _NON_VIOLENT and c.event_type in _PEOPLE_HURT:
        # the development was part of the violence: the event is the violence
        o.event_type, o.sub_event_type = c.event_type, c.sub_event_type
        o.notes = [n for n in o.notes if not n.startswith("codebook:")]
    if c.event_type == o.event_type and not _decided(o):
        # a mention the Codebook typed from both sides decides the event it joins
        o.notes.extend(n for n in c.notes if n.startswith("codebook:"))
    if c.place is not None and (o.place is None or (not _fine(o) and _fine(c))):
        o.place = c.place
    if not _overlap(o.date, c.date):
        if _reported(o) and not _reported(c):
            o.date = c.date  # the event's own day, not the day it was reported
            keep = [n for n in o.notes if not n.startswith("date")]
            o.notes = keep + [n for n in c.notes if n.startswith("date")]
        elif not _reported(c):
            o.date = (min(o.date[0], c.date[0]), max(o.date[1], c.date[1]), "day")
    elif (
        c.event_type == o.event_type
        and c.date[2] == "day"
        and (c.date[1] - c.date[0]) < (o.date[1] - o.date[0])
        and not c.headline
        and "sentence" in " ".join(c.notes)
    ):
        o.date = c.date  # a mention with its own, more precise date
    o.confidence = round(min(0.99, o.confidence + 0.05), 3)


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Merge the mentions of one event: same type, overlapping dates, same (or unknown) place.

    Mentions with a named town come first; a mention with only a country (or no place)
    then joins the one event it fits, stays alone when it fits none, and is dropped when
    it fits several (a summary sentence of events already counted).
    """
    out: list[Candidate] = []
    body = any(not c.headline for c in cands)
    for c in sorted(cands, key=lambda c: (c.headline, not _fine(c), -c.confidence)):
        fits = [o for o in out if _same(o, c)]
        if not fits and c.headline and body:
            log.debug("dropped headline mention told nowhere in the body: %r", c.evidence[:60])
        elif not fits:
            out.append(c)
        elif _fine(c) or len({o.place.place_id if o.place else None for o in fits}) == 1:
            _absorb(fits[0], c)
        else:
            log.debug("dropped summary mention %r", c.evidence[:60])
    out.sort(key=lambda c: c.span[0])
    return out
