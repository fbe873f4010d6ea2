"""Colours, glyphs and line styles of geoevents maps: one place to change the look.

Each event type gets a colour, its family a marker shape and the type a letter, so types stay
distinguishable in greyscale prints. Vague places get shapes, never pins (:data:`SHAPE_STYLES`).
"""

from __future__ import annotations

from geoevents.maps.palette import FAMILY_COLORS, OTHER_COLOR, TYPE_COLORS
from geoevents.models import EVENT_TYPES, FAMILIES

__all__ = ["FAMILY_COLORS", "FAMILY_LABELS", "TYPE_STYLES", "type_style"]

#: Human names of the layer families (:data:`geoevents.models.FAMILIES` values), in layer order.
FAMILY_LABELS: dict[str, str] = {
    "violence": "Violence",
    "demonstrations": "Demonstrations",
    "strategic": "Strategic developments",
    "diplomacy": "Diplomacy",
}

FAMILY_SHAPES: dict[str, str] = {
    "violence": "circle",
    "demonstrations": "square",
    "strategic": "diamond",
    "diplomacy": "triangle",
}

#: event_type -> (label, colour, letter); colours from :mod:`geoevents.maps.palette`.
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "battle": ("Battle", TYPE_COLORS["battle"], "B"),
    "explosion_remote_violence": (
        "Explosion / remote violence",
        TYPE_COLORS["explosion_remote_violence"],
        "E",
    ),
    "violence_against_civilians": (
        "Violence against civilians",
        TYPE_COLORS["violence_against_civilians"],
        "C",
    ),
    "protest": ("Protest", TYPE_COLORS["protest"], "P"),
    "riot": ("Riot", TYPE_COLORS["riot"], "R"),
    "strategic_development": ("Strategic development", TYPE_COLORS["strategic_development"], "S"),
    "diplomacy": ("Diplomacy", TYPE_COLORS["diplomacy"], "D"),
}

#: Unknown event types are drawn in this style, in the strategic family.
OTHER_TYPE = ("Other", OTHER_COLOR, "?")

#: What each ``geo_precision`` means, for popups.
PRECISION_LABELS: dict[int, str] = {
    0: "no place found in the text: not on the map",
    1: "precision 1: the named town or site",
    2: "precision 2: near the place (circle of uncertainty)",
    3: "precision 3: somewhere in the region, border area or zone",
    4: "precision 4: somewhere in the country",
}

#: Radius in metres of the circle drawn around a precision-2 place.
NEAR_RADIUS_M = 30_000
#: Radius when a precision-3/4 place has no known outline (only a representative point).
VAGUE_RADIUS_M = {3: 100_000, 4: 300_000}

#: Shape kinds: stroke/fill style (colour added per type) and legend text.
SHAPE_STYLES: dict[str, dict[str, object]] = {
    "near": {
        "weight": 1.5,
        "opacity": 0.9,
        "fillOpacity": 0.15,
        "dash": "4 3",
        "legend": "Near a place: circle of uncertainty (prec. 2)",
    },
    "area": {
        "weight": 2,
        "opacity": 0.9,
        "fillOpacity": 0.12,
        "dash": "6 4",
        "legend": "Region or zone (prec. 3)",
    },
    "border": {
        "weight": 9,
        "opacity": 0.4,
        "fillOpacity": 0.0,
        "line": True,
        "legend": "Border area (prec. 3)",
    },
    "country": {
        "weight": 2,
        "opacity": 0.85,
        "fillOpacity": 0.025,  # an outline, barely tinted: a country is not where it happened
        "dash": "10 6",
        "legend": "Country only: outline (prec. 4)",
    },
    "vague": {
        "weight": 1.5,
        "opacity": 0.8,
        "fillOpacity": 0.06,
        "dash": "2 6",
        "legend": "Vague, outline unknown: wide circle (prec. 3-4)",
    },
    "link": {
        "weight": 1.8,
        "opacity": 0.6,
        "fillOpacity": 0.0,
        "dash": "8 5",
        "line": True,
        "legend": "Diplomacy: capitals involved",
    },
}


def type_style(event_type: str) -> tuple[str, str, str, str]:
    """Return (label, colour, letter, family) for an event type.

    Examples
    --------
    >>> type_style("battle")
    ('Battle', '#D55E00', 'B', 'violence')
    >>> type_style("nonsense")[3]
    'strategic'
    """
    label, color, letter = TYPE_STYLES.get(event_type, OTHER_TYPE)
    return label, color, letter, FAMILIES.get(event_type, "strategic")


def all_types() -> list[str]:
    """Return the known event types in legend order."""
    return list(EVENT_TYPES)
