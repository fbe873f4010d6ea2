"""Data-driven lexicons: the actor list, the names of peoples and the trigger lexicon
(``geoevents/data/*.tsv``)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from geoevents._text import key
from geoevents.errors import ConfigError

#: What makes a demonstration a riot (ACLED Codebook 2023, Riots/Violent demonstration:
#: demonstrators engage in violence or destruction: vandalism, looting, arson, burning tyres,
#: stone-throwing), and the codebook's own name for it ("a violent demonstration").
PROTEST_VIOLENCE = re.compile(
    r"\b(?:vandal\w*|pillag\w*|saccag\w*|incendi\w*|sabotage|[ée]meut\w*|riot\w*|loot\w*|"
    r"burn\w*|br[uû]l\w*|jets?\s+de\s+pierres|(?:lanc|jet)\w*\s+des\s+(?:pierres|projectiles)|"
    r"caillass\w*|(?:thr[eo]w\w*|hurl\w*)\s+(?:\w+\s+){0,3}?(?:stones?|rocks?)|"
    r"ston(?:ed|ing)|(?:stone|rock)[-\s]throw\w*|pelt\w*|on\s+fire|set\s+fire|le\s+feu|torch(?:ed|ing)|"
    r"violent\s+(?:demonstrations?|protests?)|manifestations?\s+violentes?)\b",
    re.IGNORECASE,
)
#: A firefight in the text: shelling or a grenade inside one is part of the battle.
#: Words telling that the side attacked fought back: fire returned, an attack repelled,
#: casualties "on both sides". A violent interaction with two armed sides is a battle (ACLED
#: Codebook 2023, "Battles": "a violent interaction between two politically organised armed
#: groups"); unarmed victims do not return fire.
RESISTANCE = re.compile(
    r"\b(?:return(?:ed|ing)?\s+fire|fought\s+back|fighting\s+back|repell?(?:ed|ing)?|"
    r"repuls(?:ed|ing)|reacted\s+with\s+(?:gun)?fire|"
    r"exchange[sd]?\s+(?:of\s+)?(?:gun|artillery|mortar|rocket)?\s*(?:fire|shells|shelling)|"
    r"exchanged\s+(?:artillery|mortars?|rockets?)|in\s+both\s+directions|dans\s+les\s+deux\s+sens|"
    r"(?:on|from|of)\s+both\s+sides|ripost\w*|repouss\w*|r[ée]pliqu\w*|"
    r"des\s+deux\s+c[ôo]t[ée]s|de\s+part\s+et\s+d['’]autre|[ée]changes?\s+de\s+tirs)\b",
    re.IGNORECASE,
)
FIREFIGHT = re.compile(
    r"\b(?:clash\w*|fight\w*|fought|firefights?|gunfights?|skirmish\w*|exchange[sd]?\s+(?:of\s+)?"
    r"(?:gun)?fire|affrontements?|combats?|accrochages?|[ée]changes?\s+de\s+tirs)\b",
    re.IGNORECASE,
)
#: Prepositions of a noun's "of" complement, English and French ("the attack of", "l'attaque
#: d'hommes armés", "le scrutin du 29 août").
OF = frozenset({"of", "de", "des", "du", "d'", "d’"})
#: Collective and quantity nouns whose "of"/"de" complement names what is counted (Larousse,
#: "dizaine", "vingtaine", "centaine": noms collectifs; Merriam-Webster, "dozen", "score",
#: "number", "group"): "une vingtaine de civils", "dozens of villagers" are people.
QUANTITY = frozenset(
    "dizaine quinzaine vingtaine trentaine quarantaine cinquantaine soixantaine centaine "
    "millier dizaines centaines milliers nombre groupe dozen dozens score scores hundred "
    "hundreds thousand thousands number group".split()
)
#: Words of troops brought in (triggers.tsv, "Other" strategic developments): a movement of
#: forces is an event only when no violence is told beside it.
MOVEMENT = frozenset({"reinforcement", "renfort"})
#: The note a candidate from one of :data:`MOVEMENT` carries.
MOVED = "movement of forces"

#: Small arms: shelling told together with them is ground fighting with heavy weapons, an armed
#: clash (ACLED Codebook 2023, "Armed clash": remote weapons used in a battle between armed
#: groups on the ground), not a shelling alone. Machine guns are not among them: coders code
#: heavy machine-gun fire from afar as shelling, like mortars and grenade launchers.
SMALL_ARMS = re.compile(
    r"\b(?:small\s+arms|light\s+weapons|(?:assault\s+)?rifles?|gunfire|automatic\s+weapons|"
    r"armes?\s+(?:l[ée]g[èe]res|automatiques)|kalachnikovs?|kalashnikovs?|AK-?47s?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One surface form of an actor: canonical name, kind and country (or organisation) code."""

    surface: str
    canonical: str
    kind: str
    country: str | None


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One trigger lemma with the event type (or class) it signals and its weight."""

    lang: str
    lemma: str
    pos: str
    event_type: str
    sub_event_type: str
    weight: float


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("geoevents").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            msg = f"geoevents/data/{name}: malformed row {n}: {row!r}"
            raise ConfigError(msg)
    return rows


@lru_cache(maxsize=1)
def actors() -> tuple[ActorEntry, ...]:
    """Return the actor list (armed groups, state forces, organisations, officials)."""
    return tuple(
        ActorEntry(r["surface"], r["canonical"], r["kind"], r["country"] or None)
        for r in _rows("actors.tsv")
    )


@lru_cache(maxsize=1)
def ethnonyms() -> frozenset[str]:
    """Return the folded names of peoples (``ethnonyms.tsv``): "Peul", "Dogon", "Mossi"..."""
    return frozenset(key(r["form"]) for r in _rows("ethnonyms.tsv"))


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], tuple[TriggerEntry, ...]]:
    """Return the trigger lexicon keyed by (lang, lemma)."""
    out: dict[tuple[str, str], list[TriggerEntry]] = {}
    for r in _rows("triggers.tsv"):
        e = TriggerEntry(r["lang"], r["lemma"], r["pos"], r["type"], r["sub"], float(r["weight"]))
        out.setdefault((e.lang, e.lemma), []).append(e)
    return {k: tuple(v) for k, v in out.items()}
