"""Resolution of place names and phrases, moved to :mod:`geoevents.geocoding`.

These names stay importable here: :func:`resolve`, :func:`resolve_many`, :func:`search`,
:func:`explain`, :func:`match_dict` (:mod:`geoevents.geocoding.api`), :func:`between_places`
(:mod:`geoevents.geocoding.phrases`), :func:`looks_like_name` (:mod:`geoevents.geocoding.match`)
and the tuning constants of each layer.
"""

from __future__ import annotations

from geoevents.geocoding.api import (
    MAX_QUERY,
    PLAIN_MEMO,
    Gazetteer,
    explain,
    match_dict,
    resolve,
    resolve_many,
    search,
    source_tag,
)
from geoevents.geocoding.context import Context
from geoevents.geocoding.distance import destination, km
from geoevents.geocoding.index import EXACT_KEY
from geoevents.geocoding.match import (
    FUZZY_FLOOR,
    FUZZY_FLOOR_ALONE,
    FUZZY_MARGIN,
    SHORT_NAME,
    STAND_IN_SCORE,
    looks_like_name,
)
from geoevents.geocoding.names import fold, key
from geoevents.geocoding.phrases import (
    AIRFIELD_CODES,
    AIRPORT_KM,
    MAX_BETWEEN_KM,
    MAX_OFFSET_KM,
    NEAR_KM,
    between_places,
)
from geoevents.geocoding.rank import (
    ACCEPT,
    MINOR_VILLAGE,
    NEIGHBOUR_KM,
    RANK_KEEP,
    SAME_PLACE_NAME_SCORE,
    UNIT_KM,
)
from geoevents.geocoding.regions import NEIGHBOURS, SAHEL

__all__ = [
    "ACCEPT",
    "AIRFIELD_CODES",
    "AIRPORT_KM",
    "EXACT_KEY",
    "FUZZY_FLOOR",
    "FUZZY_FLOOR_ALONE",
    "FUZZY_MARGIN",
    "MAX_BETWEEN_KM",
    "MAX_OFFSET_KM",
    "MAX_QUERY",
    "MINOR_VILLAGE",
    "NEAR_KM",
    "NEIGHBOURS",
    "NEIGHBOUR_KM",
    "PLAIN_MEMO",
    "RANK_KEEP",
    "SAHEL",
    "SAME_PLACE_NAME_SCORE",
    "SHORT_NAME",
    "STAND_IN_SCORE",
    "UNIT_KM",
    "Context",
    "Gazetteer",
    "between_places",
    "destination",
    "explain",
    "fold",
    "key",
    "km",
    "looks_like_name",
    "match_dict",
    "resolve",
    "resolve_many",
    "search",
    "source_tag",
]
