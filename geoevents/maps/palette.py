"""The one palette of geoevents: a colour per event type and per family, colour-blind safe.

Map markers, shapes, the map legend, clusters and the report's chart all take their colours
from here, so an event type looks the same everywhere.

The colours are the eight of Okabe and Ito, "Color Universal Design (CUD): how to make
figures and presentations that are friendly to colorblind people" (2002, revised 2008),
https://jfly.uni-koeln.de/color/ , chosen to stay distinct for protan, deutan and tritan
vision. Yellow (#F0E442) is left out: it vanishes on the light basemap. Unknown types get a
neutral grey. Each type also keeps a letter and its family a marker shape
(:mod:`geoevents.maps.styles`), so types stay apart in greyscale prints too.
"""

from __future__ import annotations

#: The Okabe-Ito colours by their published names.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Colour of an event type outside :data:`TYPE_COLORS`.
OTHER_COLOR = "#999999"

#: event_type -> colour (the ACLED types and diplomacy).
TYPE_COLORS: dict[str, str] = {
    "battle": OKABE_ITO["vermillion"],
    "explosion_remote_violence": OKABE_ITO["orange"],
    "violence_against_civilians": OKABE_ITO["reddish purple"],
    "protest": OKABE_ITO["blue"],
    "riot": OKABE_ITO["sky blue"],
    "strategic_development": OKABE_ITO["black"],
    "diplomacy": OKABE_ITO["bluish green"],
}

#: family -> colour: the colour of the family's main type (clusters, report table headers).
FAMILY_COLORS: dict[str, str] = {
    "violence": TYPE_COLORS["battle"],
    "demonstrations": TYPE_COLORS["protest"],
    "strategic": TYPE_COLORS["strategic_development"],
    "diplomacy": TYPE_COLORS["diplomacy"],
    "other": OTHER_COLOR,
}


def type_color(event_type: str) -> str:
    """Return the colour of an event type (grey when unknown).

    Examples
    --------
    >>> type_color("battle"), type_color("nonsense")
    ('#D55E00', '#999999')
    """
    return TYPE_COLORS.get(event_type, OTHER_COLOR)
