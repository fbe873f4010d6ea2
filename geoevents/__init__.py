"""geoevents: Sahel news to dated, typed, geolocated events, a DuckDB spatial store and maps."""

from __future__ import annotations

__version__ = "0.1.0"

from geoevents.errors import (
    ConfigError,
    GazetteerError,
    GazetteerFormatError,
    GeocodeError,
    GeoEventsError,
    IngestError,
    MapError,
    QueryError,
    SchemaVersionError,
    SourceFormatError,
    SpatialExtensionError,
    StoreError,
)
from geoevents.models import Event, Place, Resolution
from geoevents.store import Store, distance_km, open_store

__all__ = [
    "ConfigError",
    "Event",
    "GazetteerError",
    "GazetteerFormatError",
    "GeoEventsError",
    "GeocodeError",
    "IngestError",
    "MapError",
    "Place",
    "QueryError",
    "Resolution",
    "SchemaVersionError",
    "SourceFormatError",
    "SpatialExtensionError",
    "Store",
    "StoreError",
    "__version__",
    "distance_km",
    "open_store",
]
