from __future__ import annotations

import csv
import datetime as dt
import io
import json

import geopandas as gpd
import pytest

from geoevents import ConfigError, Event, open_store
from geoevents.export import export_events, write_rows
from geoevents.store import EventFilter


@pytest.fixture
def store_path(db_path):
    events = [
        Event(
            event_id="a",
            event_type="battle",
            sub_event_type="armed_clash",
            date_start=dt.date(2024, 7, 25),
            date_end=dt.date(2024, 7, 27),
            time_precision="day",
            origin="text",
            country="ML",
            location_name="Tinzaouatene",
            lon=2.9678,
            lat=19.9486,
            actors=("FAMa", "Wagner", "CSP-DPA"),
            fatalities=47,
            source="a.txt",
            evidence='Des combats "violents" à Tinzaouatene',
            extra={"k": "v"},
        ),
        Event(
            event_id="b",
            event_type="diplomacy",
            sub_event_type="call",
            date_start=dt.date(2024, 8, 2),
            date_end=None,
            time_precision="day",
            origin="text",
            country="NE",
            participants=("NE", "RU"),
            cameo_code="041",
        ),
        Event(
            event_id="c",
            event_type="battle",
            sub_event_type=None,
            date_start=dt.date(2024, 9, 1),
            date_end=None,
            time_precision="month",
            origin="acled",
            country="ML",
            lon=0.9,
            lat=19.7,
            geometry_wkt="POLYGON ((-1 18, 3 18, 3 21, -1 21, -1 18))",
        ),
    ]
    with open_store(db_path) as store:
        store.write_events(events)
    return db_path


def test_geojson_is_a_feature_collection_in_lon_lat(store_path, tmp_path):
    out = tmp_path / "deep" / "events.geojson"
    with open_store(store_path, read_only=True) as store:
        assert export_events(store, out, fmt="geojson") == 3
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    feats = {f["id"]: f for f in doc["features"]}
    assert feats["a"]["geometry"] == {"type": "Point", "coordinates": [2.9678, 19.9486]}
    assert feats["a"]["properties"]["actors"] == ["FAMa", "Wagner", "CSP-DPA"]
    assert feats["a"]["properties"]["date_start"] == "2024-07-25"
    assert feats["a"]["properties"]["fatalities"] == 47
    assert feats["a"]["properties"]["extra"] == {"k": "v"}
    assert feats["a"]["properties"]["evidence"] == 'Des combats "violents" à Tinzaouatene'
    assert feats["b"]["geometry"] is None
    assert feats["b"]["properties"]["date_end"] is None
    assert feats["c"]["geometry"]["type"] == "Polygon"
    # another GIS reader agrees
    assert len(gpd.read_file(out)) == 3


def test_geoparquet_round_trips(store_path, tmp_path):
    out = tmp_path / "events.parquet"
    with open_store(store_path, read_only=True) as store:
        assert export_events(store, out, fmt="geoparquet", flt=EventFilter(countries=["ML"])) == 2
    back = gpd.read_parquet(out)
    assert back.crs.to_epsg() == 4326
    assert sorted(back["event_id"]) == ["a", "c"]
    assert list(back.set_index("event_id").loc["a", "actors"]) == ["FAMa", "Wagner", "CSP-DPA"]


def test_csv_has_wkt_and_joined_lists(store_path, tmp_path):
    out = tmp_path / "events.csv"
    with open_store(store_path, read_only=True) as store:
        n = export_events(
            store, out, fmt="csv", flt=EventFilter(types=["battle"], start="2024-07-01")
        )
    with out.open(encoding="utf-8") as fh:
        rows = {r["event_id"]: r for r in csv.DictReader(fh)}
    assert n == 2
    assert set(rows) == {"a", "c"}
    assert rows["a"]["geometry"] == "POINT (2.9678 19.9486)"
    assert rows["a"]["actors"] == "FAMa; Wagner; CSP-DPA"
    assert rows["c"]["geometry"].startswith("POLYGON ((-1 18")


def test_unknown_format_and_failed_export_keep_old_file(store_path, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("old", encoding="utf-8")
    with open_store(store_path, read_only=True) as store:
        with pytest.raises(ConfigError, match="'shapefile'"):
            export_events(store, out, fmt="shapefile")
        with pytest.raises(ConfigError, match="'Xyzzyville'"):
            export_events(store, out, fmt="csv", flt=EventFilter(near="Xyzzyville", within_km=3))
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.duckdb", "keep.csv"]


def test_acled_export_goes_through_the_importer(store_path, tmp_path):
    out = tmp_path / "acled.csv"
    try:
        from geoevents.importers.acled import export_acled  # noqa: F401
    except ImportError:
        with (
            open_store(store_path, read_only=True) as store,
            pytest.raises(ConfigError, match="ACLED"),
        ):
            export_events(store, out, fmt="acled")
        assert not out.exists()
        return
    with open_store(store_path, read_only=True) as store:
        assert export_events(store, out, fmt="acled") == 3
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3


def test_write_rows_formats():
    cols = ["event_id", "date_start", "actors", "geom", "n"]
    rows = [
        (
            "a",
            dt.date(2024, 7, 25),
            ["FAMa", "JNIM"],
            '{"type": "Point", "coordinates": [1, 2]}',
            None,
        )
    ]
    buf = io.StringIO()
    assert write_rows(cols, rows, buf, fmt="jsonl", geojson_columns=["geom"]) == 1
    rec = json.loads(buf.getvalue())
    assert rec == {
        "event_id": "a",
        "date_start": "2024-07-25",
        "actors": ["FAMa", "JNIM"],
        "geom": {"type": "Point", "coordinates": [1, 2]},
        "n": None,
    }
    buf = io.StringIO()
    write_rows(
        cols, [("a", dt.date(2024, 7, 25), ["FAMa", "JNIM"], "POINT (1 2)", None)], buf, fmt="csv"
    )
    assert buf.getvalue().splitlines() == [
        "event_id,date_start,actors,geom,n",
        "a,2024-07-25,FAMa; JNIM,POINT (1 2),",
    ]
    buf = io.StringIO()
    write_rows(cols, [("a", dt.date(2024, 7, 25), ["FAMa"], "POINT (1 2)", 3)], buf, fmt="table")
    assert "POINT (1 2)" in buf.getvalue()
    assert "1 row" in buf.getvalue()
    with pytest.raises(ConfigError, match="'xml'"):
        write_rows(cols, rows, io.StringIO(), fmt="xml")
