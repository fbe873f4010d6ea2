"""The geoevents exception tree.

::

    GeoEventsError(Exception)                      catch-all for callers
    +-- ConfigError(GeoEventsError, ValueError)
    +-- GazetteerError(GeoEventsError)
    |   +-- GazetteerFormatError(GazetteerError, ValueError)   path:line in message
    +-- GeocodeError(GeoEventsError)
    +-- IngestError(GeoEventsError)
    |   +-- SourceFormatError(IngestError, ValueError)
    +-- StoreError(GeoEventsError)
    |   +-- SchemaVersionError(StoreError)
    |   +-- SpatialExtensionError(StoreError)
    |   +-- QueryError(StoreError, ValueError)
    +-- MapError(GeoEventsError)
"""

from __future__ import annotations


class GeoEventsError(Exception):
    """Base of every error geoevents raises on purpose."""


class ConfigError(GeoEventsError, ValueError):
    """Raised when an option or filter value is not one geoevents accepts."""


class GazetteerError(GeoEventsError):
    """Raised when a gazetteer cannot be loaded or built."""


class GazetteerFormatError(GazetteerError, ValueError):
    """Raised when a gazetteer file has a malformed row; the message names path:line."""


class GeocodeError(GeoEventsError):
    """Raised when a geocoding request itself is invalid (not when nothing matches)."""


class IngestError(GeoEventsError):
    """Raised when an input file cannot be read or imported at all."""


class SourceFormatError(IngestError, ValueError):
    """Raised when an input file is not in the expected format; the message names file and line."""


class StoreError(GeoEventsError):
    """Raised when the event store cannot be opened, read or written."""


class SchemaVersionError(StoreError):
    """Raised when a store was written by a newer (or unknown) schema version."""


class SpatialExtensionError(StoreError):
    """Raised when DuckDB's spatial extension cannot be loaded from the installed wheel."""


class QueryError(StoreError, ValueError):
    """Raised for malformed SQL, or a statement that would write through a read-only query."""


class MapError(GeoEventsError):
    """Raised when a map cannot be built or written."""
