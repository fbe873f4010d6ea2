"""geoevents: Sahel news to dated, typed, geolocated events, a DuckDB spatial store and maps.

The public API, importable from the package itself::

    from geoevents import load_gazetteer, geocode, extract_events, open_store, ingest

Every name in :data:`__all__` is imported on first use (PEP 562), so ``import geoevents``
is fast and loads neither DuckDB nor spaCy; the modules that define the names can move
without breaking callers.

The function :func:`geocode` shares its name with the module ``geoevents.geocode``: the
package attribute is always the function (the import system's binding of the submodule
to the package is declined, see :class:`_Package`). Reach the module with
``from geoevents.geocode import resolve`` or ``importlib.import_module("geoevents.geocode")``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: public name -> the module that defines it
_HOMES: dict[str, str] = {
    # gazetteer and geocoding
    "Gazetteer": "geoevents.geocoding.api",
    "load_gazetteer": "geoevents.geocoding.api",
    "geocode": "geoevents._api",
    # extraction and the pipeline
    "extract_events": "geoevents.extract",
    "ingest": "geoevents.pipeline",
    "IngestSummary": "geoevents.pipeline",
    "sample_paths": "geoevents.demo",
    # the store and filters
    "open_store": "geoevents.store",
    "Store": "geoevents.store",
    "distance_km": "geoevents.store",
    "EventFilter": "geoevents.filters",
    # datasets
    "import_files": "geoevents.importers",
    "ImportSummary": "geoevents.importers",
    # maps and reports
    "events_map": "geoevents.maps",
    "save_map": "geoevents.maps",
    "write_report": "geoevents.report",
    # records
    "Event": "geoevents.models",
    "Place": "geoevents.models",
    "Resolution": "geoevents.models",
    # errors
    "ConfigError": "geoevents.errors",
    "GazetteerError": "geoevents.errors",
    "GazetteerFormatError": "geoevents.errors",
    "GeoEventsError": "geoevents.errors",
    "GeocodeError": "geoevents.errors",
    "IngestError": "geoevents.errors",
    "MapError": "geoevents.errors",
    "QueryError": "geoevents.errors",
    "SchemaVersionError": "geoevents.errors",
    "SourceFormatError": "geoevents.errors",
    "SpatialExtensionError": "geoevents.errors",
    "StoreError": "geoevents.errors",
}

__all__ = [
    "ConfigError",
    "Event",
    "EventFilter",
    "Gazetteer",
    "GazetteerError",
    "GazetteerFormatError",
    "GeoEventsError",
    "GeocodeError",
    "ImportSummary",
    "IngestError",
    "IngestSummary",
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
    "events_map",
    "extract_events",
    "geocode",
    "import_files",
    "ingest",
    "load_gazetteer",
    "open_store",
    "sample_paths",
    "save_map",
    "write_report",
]

if TYPE_CHECKING:
    from geoevents._api import geocode
    from geoevents.demo import sample_paths
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
    from geoevents.extract import extract_events
    from geoevents.filters import EventFilter
    from geoevents.geocoding.api import Gazetteer, load_gazetteer
    from geoevents.importers import ImportSummary, import_files
    from geoevents.maps import events_map, save_map
    from geoevents.models import Event, Place, Resolution
    from geoevents.pipeline import IngestSummary, ingest
    from geoevents.report import write_report
    from geoevents.store import Store, distance_km, open_store


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562) and keep it."""
    home = _HOMES.get(name)
    if home is None:
        msg = f"module 'geoevents' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package's module type: ``geocode`` stays the function.

    The import system binds each submodule to its package by ``setattr`` when it is first
    imported; the submodule ``geoevents.geocode`` must not replace the function
    :func:`geocode` as the package's attribute.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "geocode" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
