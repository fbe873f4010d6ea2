"""Records shared by every part of geoevents: places, resolutions, events.

Coordinates are always ``(lon, lat)`` in EPSG:4326. Geometries other than a point
travel as WKT in ``geometry_wkt``; ``lon``/``lat`` is then a representative point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: ``kind`` of a place (CONTRACT.md).
PLACE_KINDS = ("town", "region", "country", "border", "area", "feature")
#: ``time_precision`` values (CONTRACT.md).
TIME_PRECISIONS = ("day", "week", "month", "year")
#: ``origin`` of an event row.
ORIGINS = ("text", "acled", "ucdp", "gdelt")

#: ACLED event types (snake_case) and their sub-event types, plus diplomacy.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "battle": (
        "armed_clash",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    ),
    "explosion_remote_violence": (
        "chemical_weapon",
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    ),
    "violence_against_civilians": (
        "sexual_violence",
        "attack",
        "abduction_forced_disappearance",
    ),
    "protest": (
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
    ),
    "riot": ("violent_demonstration", "mob_violence"),
    "strategic_development": (
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    ),
    "diplomacy": ("call", "meeting", "visit", "agreement", "statement"),
}

#: Map families used for layers and colours.
FAMILIES: dict[str, str] = {
    "battle": "violence",
    "explosion_remote_violence": "violence",
    "violence_against_civilians": "violence",
    "protest": "demonstrations",
    "riot": "demonstrations",
    "strategic_development": "strategic",
    "diplomacy": "diplomacy",
}

#: CAMEO codes for diplomacy sub-types.
CAMEO_BY_SUBTYPE: dict[str, str] = {
    "call": "041",
    "visit": "042",
    "meeting": "036",
    "agreement": "057",
    "statement": "010",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry, or a place derived from one (an offset point, a border band).

    ``geo_precision`` follows CONTRACT.md: 1 town/site, 2 near a town, 3 region/border/area,
    4 country. ``geometry_wkt`` holds the full geometry of a region, border or area.
    """

    place_id: str
    name: str
    country: str | None
    kind: str
    lon: float
    lat: float
    admin1: str | None = None
    geo_precision: int = 1
    population: int = 0
    source: str = ""
    geometry_wkt: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to one geocoding query: the chosen place (or ``None``) and why."""

    query: str
    place: Place | None
    score: float = 0.0
    candidates: tuple[Place, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated, typed event, from a news text or an imported dataset.

    ``lon``/``lat`` is the representative point (``None`` when the place is unknown);
    ``geometry_wkt`` the honest geometry (a point, a border line, a region polygon).
    """

    event_id: str
    event_type: str
    sub_event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: str | None
    origin: str
    country: str | None = None
    admin1: str | None = None
    location_name: str | None = None
    place_id: str | None = None
    place_kind: str | None = None
    geo_precision: int | None = None
    lon: float | None = None
    lat: float | None = None
    geometry_wkt: str | None = None
    actors: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    fatalities: int | None = None
    cameo_code: str | None = None
    source: str | None = None
    source_url: str | None = None
    evidence: str | None = None
    evidence_span: tuple[int, int] | None = None
    confidence: float | None = None
    notes: str | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
