"""``import geoevents`` offers the public API, lazily: fast, no spaCy, no DuckDB until used."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import geoevents
from geoevents import errors


def test_all_is_sorted_and_every_name_resolves():
    assert geoevents.__all__ == sorted(geoevents.__all__)
    assert len(set(geoevents.__all__)) == len(geoevents.__all__)
    for name in geoevents.__all__:
        assert getattr(geoevents, name) is not None, name
    assert set(dir(geoevents)) >= set(geoevents.__all__)


def test_the_readme_names_are_there():
    wanted = {
        "load_gazetteer",
        "geocode",
        "extract_events",
        "ingest",
        "open_store",
        "EventFilter",
        "import_files",
        "events_map",
        "save_map",
        "write_report",
        "Event",
        "Place",
        "Resolution",
        "GeoEventsError",
    }
    assert wanted <= set(geoevents.__all__)


def test_every_error_is_exported_and_under_the_root():
    classes = {
        n for n, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__
    }
    assert classes <= set(geoevents.__all__)
    for name in classes:
        assert issubclass(getattr(geoevents, name), geoevents.GeoEventsError), name


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        geoevents.no_such_thing  # noqa: B018


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def test_import_loads_neither_spacy_nor_duckdb():
    out = run(
        "import sys, geoevents; print(sorted(m for m in ('spacy', 'duckdb', 'folium', 'pandas') "
        "if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_geocode_is_the_function_whichever_import_comes_first():
    out = run(
        "import geoevents.geocode, geoevents\n"
        "from geoevents.geocode import resolve\n"
        "from geoevents import geocode\n"
        "print(callable(geocode), type(geoevents.geocode).__name__, resolve.__module__)\n"
        "print(geocode('Tin-Zaouatene').place.place_id)"
    )
    assert out.split() == ["True", "function", "geoevents.geocoding.api", "curated:tinzaouaten"]
    out = run(
        "from geoevents import geocode; import geoevents.geocode, geoevents;"
        "print(geoevents.geocode is geocode)"
    )
    assert out.strip() == "True"
