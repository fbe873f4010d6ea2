"""The gazetteer, moved to :mod:`geoevents.geocoding`; these names stay importable here.

Lookups are :mod:`geoevents.geocoding.index`, files and their sidecars
:mod:`geoevents.geocoding.files`, the :class:`Gazetteer` with its
resolution methods and :func:`load_gazetteer` :mod:`geoevents.geocoding.api`.
"""

from __future__ import annotations

from geoevents.geocoding.api import Gazetteer, load_gazetteer, read_gazetteer
from geoevents.geocoding.files import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    PRECISION,
    ROW_KINDS,
    bundled_path,
    index_cache_path,
    open_text,
    write_index,
    write_rows,
)
from geoevents.geocoding.index import ALT_FAR, EXACT_KEY, FUZZY_COUNTRIES, PHONETIC, GazetteerIndex
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
