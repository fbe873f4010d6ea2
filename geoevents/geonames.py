"""The GeoNames importer, moved to :mod:`geoevents.geocoding.geonames`; its names stay here."""

from __future__ import annotations

from geoevents.geocoding.api import read_gazetteer
from geoevents.geocoding.files import bundled_path, write_index, write_rows
from geoevents.geocoding.geonames import (
    CLASS_KIND,
    FEATURE_CODES,
    FEATURE_NAMES_LIMIT,
    NAMES_LIMIT,
    SKIP_CODES,
    admin_code,
    build_extended,
    merge_dumps,
    read_base_rows,
    read_dump,
)
from geoevents.geocoding.names import clean_names, key

__all__ = [
    "CLASS_KIND",
    "FEATURE_CODES",
    "FEATURE_NAMES_LIMIT",
    "NAMES_LIMIT",
    "SKIP_CODES",
    "admin_code",
    "build_extended",
    "bundled_path",
    "clean_names",
    "key",
    "merge_dumps",
    "read_base_rows",
    "read_dump",
    "read_gazetteer",
    "write_index",
    "write_rows",
]
