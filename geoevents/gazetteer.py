"""The gazetteer, moved to :mod:`geoevents.geocoding`; these names stay importable here.

Loading and lookups are :mod:`geoevents.geocoding.index`, the :class:`Gazetteer` with its
resolution methods and :func:`load_gazetteer` :mod:`geoevents.geocoding.api`.
"""

from __future__ import annotations

from geoevents.geocoding.api import Gazetteer, load_gazetteer, read_gazetteer
from geoevents.geocoding.index import (
    ALT_FAR,
    COLUMNS,
    EXACT_KEY,
    FUZZY_COUNTRIES,
    OPTIONAL_COLUMNS,
    PHONETIC,
    PRECISION,
    ROW_KINDS,
    GazetteerIndex,
    bundled_path,
    index_cache_path,
    open_text,
    write_index,
    write_rows,
)
from geoevents.geocoding.names import fold, key, phonetic
from geoevents.geocoding.regions import BASEMAP_COUNTRIES, NEIGHBOURS, SAHEL

#: the former private name of :func:`open_text`
_open_text = open_text

__all__ = [
    "ALT_FAR",
    "BASEMAP_COUNTRIES",
    "COLUMNS",
    "EXACT_KEY",
    "FUZZY_COUNTRIES",
    "NEIGHBOURS",
    "OPTIONAL_COLUMNS",
    "PHONETIC",
    "PRECISION",
    "ROW_KINDS",
    "SAHEL",
    "Gazetteer",
    "GazetteerIndex",
    "bundled_path",
    "fold",
    "index_cache_path",
    "key",
    "load_gazetteer",
    "open_text",
    "phonetic",
    "read_gazetteer",
    "write_index",
    "write_rows",
]
