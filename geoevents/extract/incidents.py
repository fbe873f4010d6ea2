"""One incident told in several sentences of a paragraph becomes one event.

A coder's note, or a news paragraph about one attack, tells the attack, then the reply,
the toll and what was taken: each sentence has a cue of its own ("attacked", "gunfire",
"killed", "captured"). ACLED codes one event per actors, place and day (Codebook 2023,
"Event definition"), so mentions of the same paragraph whose dates overlap and whose
places agree (the same place, or one of them unplaced, or a town inside the other's area)
are folded into the first one told. Diplomacy is left alone: a visit and the talks held
during it are two events.

English text is then typed from the whole incident by the trained model
(:mod:`.classify`) when the model is sure enough; otherwise the lexicon's type stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from geoevents.extract.lexicon import FIREFIGHT, MOVED, PROTEST_VIOLENCE, RESISTANCE, SMALL_ARMS
from geoevents.extract.merge import Candidate, _absorb, _compatible, _decided, _overlap
from geoevents.extract.text import blank

if TYPE_CHECKING:
    from geoevents.extract.classify import TypeModel

#: The model's type replaces the lexicon's from this probability on.
MODEL_MIN_P = 0.5


def _paragraph(start: int, paras: list[tuple[int, str]]) -> int:
    for i in range(len(paras) - 1, -1, -1):
        if paras[i][0] <= start:
            return i
    return 0


#: Types of armed violence: two of them each typed for sure are two acts.
_ARMED_TYPES = {"battle", "violence_against_civilians", "explosion_remote_violence"}


def _same_incident(a: Candidate, b: Candidate) -> bool:
    if (
        a.event_type != b.event_type
        and {a.event_type, b.event_type} <= _ARMED_TYPES
        and _decided(a)
        and _decided(b)
    ):
        return False  # two acts each typed for sure: men executed after a bomb hit a convoy
    return _overlap(a.date, b.date) and _compatible(a.place, b.place)


def fold(
    cands: list[Candidate], paras: list[tuple[int, str]], *, model: TypeModel | None
) -> list[Candidate]:
    """Fold the mentions of one incident per paragraph; type English incidents by the model.

    Parameters
    ----------
    cands
        Candidates after :func:`.merge.merge`, in text order.
    paras
        ``(char offset, text)`` of each paragraph of the article.
    model
        The English type model, or ``None`` (French, or the model not wanted).
    """
    groups: dict[int, list[list[Candidate]]] = {}
    out: list[Candidate] = []
    cands = _fights_absorb_movements(cands, paras)
    for c in cands:
        if c.event_type == "diplomacy" or c.headline:
            out.append(c)
            continue
        incidents = groups.setdefault(_paragraph(c.span[0], paras), [])
        home = next((g for g in incidents if _same_incident(g[0], c)), None)
        if home is None:
            incidents.append([c])
        else:
            home.append(c)
    for p, incidents in groups.items():
        for g in incidents:
            base = g[0]
            _take_violence(base, g[1:])
            for c in g[1:]:
                kind = (base.event_type, base.sub_event_type)
                ruled = [n for n in base.notes if n.startswith("codebook:")]
                _absorb(base, c)
                if (base.event_type, base.sub_event_type) != kind:
                    # the incident keeps its first mention's type, and so the rule behind it
                    base.notes = [n for n in base.notes if not n.startswith("codebook:")] + ruled
                base.event_type, base.sub_event_type = kind
                lo, hi = min(base.span[0], c.span[0]), max(base.span[1], c.span[1])
                base.span = (lo, hi)
            # read without the causes told by any of its mentions (a protest's grievance, an
            # arrest's reason): the paragraph when it tells one incident, else its sentences
            if len(incidents) == 1:
                text = blank(paras[p][1], [a for c in g for a in c.aside], paras[p][0])
            else:
                text = " ".join(blank(c.evidence, c.aside, c.span[0]) for c in g)
            if model is not None:
                _retype(base, model, text)
            _resisted(base, text)
            out.append(base)
    out = _absorb_damage(out)
    out.sort(key=lambda c: c.span[0])
    return out


_VIOLENT = {"battle", "violence_against_civilians", "explosion_remote_violence", "riot"}


def _fights_absorb_movements(
    cands: list[Candidate], paras: list[tuple[int, str]]
) -> list[Candidate]:
    """Drop the movements of forces a paragraph tells beside violence of the same days.

    Reinforcements sent during a fight are part of it (the Codebook codes a movement of forces
    as a strategic development only when no violence occurs), wherever they came from.
    """
    fights = [(_paragraph(c.span[0], paras), c.date) for c in cands if c.event_type in _VIOLENT]
    out = []
    for c in cands:
        if MOVED in c.notes:
            here = _paragraph(c.span[0], paras)
            if any(p == here and _overlap(d, c.date) for p, d in fights):
                continue
        out.append(c)
    return out


def _absorb_damage(cands: list[Candidate]) -> list[Candidate]:
    """Fold looting and arson at the place and on the day of a violent event into it.

    Houses burnt or a market looted during an attack are part of that attack (Codebook 2023,
    "Looting/property destruction" is coded alone only "when no other violence occurs").
    """
    violent = [c for c in cands if c.event_type in _VIOLENT and c.place is not None]
    out = []
    for c in cands:
        if c.sub_event_type == "looting_property_destruction" and c.place is not None:
            pid = c.place.place_id
            host = next(
                (
                    v
                    for v in violent
                    if v.place is not None and v.place.place_id == pid and _overlap(v.date, c.date)
                ),
                None,
            )
            if host is not None:
                host.notes.append("looting or arson during it folded in")
                continue
        out.append(c)
    return out


#: Sub-types the model does not overturn: their weapon defines them (Codebook 2023: an IED,
#: a mine, a suicide bomb or an air/drone strike is remote violence whoever it kills; shelling
#: and grenades inside a firefight are part of a battle, so those stay open to the model).
_DEFINED_BY_CUE = {
    "remote_explosive_landmine_ied",
    "suicide_bomb",
    "air_drone_strike",
    "sexual_violence",  # VAC whoever the perpetrator (Codebook 2023, "Sexual violence")
    "disrupted_weapons_use",  # a bomb defused or seized explodes nowhere (Codebook 2023, SD)
}


#: Sub-types whose weapon defines them unless the text tells a firefight they were part of.
_WEAPON_UNLESS_FIREFIGHT = {"shelling_artillery_missile_attack", "grenade"}


def _retype(c: Candidate, model: TypeModel, text: str) -> None:
    if c.sub_event_type in _DEFINED_BY_CUE or any(n.startswith("codebook:") for n in c.notes):
        return  # the weapon, or both sides named in the parse, decided it
    if c.sub_event_type in _WEAPON_UNLESS_FIREFIGHT and not FIREFIGHT.search(text):
        return  # shells or a grenade with no fighting told: remote violence
    got = model.read(text)
    if got.probability < MODEL_MIN_P or got.event_type == c.event_type:
        return
    et, sub = got.event_type, got.sub_event_type
    if et == "protest" and PROTEST_VIOLENCE.search(text):
        et, sub = "riot", "violent_demonstration"  # demonstrators' violence makes a riot
        if et == c.event_type:
            return
    c.notes.append(f"type from the model ({got.probability:.2f}; lexicon said {c.event_type})")
    c.event_type, c.sub_event_type = et, sub


#: Developments that violence in the same incident absorbs (Codebook 2023: looting or
#: property destruction is coded alone "when no other violence occurs"; an arrest with
#: beatings is violence against the arrested).
_ABSORBED_BY_VIOLENCE = {"looting_property_destruction", "arrests"}


def _take_violence(base: Candidate, others: list[Candidate]) -> None:
    """Give an incident the type of the violence told in it: a development it absorbs takes the
    violence's type, and a one-sided attack whose incident also tells a battle with both sides
    named ("gunmen raided the village ... they clashed with soldiers") is that battle."""
    if base.sub_event_type in _ABSORBED_BY_VIOLENCE:
        violent = next((c for c in others if c.event_type in _VIOLENT), None)
        if violent is not None:
            base.event_type, base.sub_event_type = violent.event_type, violent.sub_event_type
            base.notes[:] = [n for n in base.notes if not n.startswith("codebook:")]
    elif base.event_type in _ONE_SIDED and base.sub_event_type not in _DEFINED_BY_CUE:
        battle = next(
            (
                c
                for c in others
                if c.event_type == "battle" and any(n.startswith("codebook:") for n in c.notes)
            ),
            None,
        )
        if battle is not None:
            base.event_type, base.sub_event_type = battle.event_type, battle.sub_event_type
            base.notes[:] = [n for n in base.notes if not n.startswith("codebook:")]


#: Types an attack takes when its target is not told to fight back.
_ONE_SIDED = {"violence_against_civilians", "explosion_remote_violence"}


def _resisted(c: Candidate, text: str) -> None:
    """An attack whose target fought back is a battle (:data:`.lexicon.RESISTANCE`): fire
    returned, an attack repelled, dead "on both sides"; a weapon that defines its type (a
    mine, an air strike, a suicide bomb) keeps it."""
    if c.event_type not in _ONE_SIDED or c.sub_event_type in _DEFINED_BY_CUE:
        return
    if c.sub_event_type in {"sexual_violence", "abduction_forced_disappearance"}:
        return
    if RESISTANCE.search(text):
        c.notes.append(f"the target fought back: a battle (text said {c.event_type})")
        c.event_type, c.sub_event_type = "battle", "armed_clash"
    elif c.sub_event_type in _WEAPON_UNLESS_FIREFIGHT and SMALL_ARMS.search(text):
        c.notes.append("shells or grenades with small arms: ground fighting, a battle")
        c.event_type, c.sub_event_type = "battle", "armed_clash"


def with_type(c: Candidate, event_type: str, sub_event_type: str) -> Candidate:
    """A copy of a candidate with another type."""
    return replace(c, event_type=event_type, sub_event_type=sub_event_type)
