"""The GeoNames importer, moved to :mod:`geoevents.geocoding.geonames`; its names stay here."""

from __future__ import annotations

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

__all__ = [
    "CLASS_KIND",
    "FEATURE_CODES",
    "FEATURE_NAMES_LIMIT",
    "NAMES_LIMIT",
    "SKIP_CODES",
    "admin_code",
    "build_extended",
    "merge_dumps",
    "read_base_rows",
    "read_dump",
]
