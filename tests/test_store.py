from __future__ import annotations

import datetime as dt

import pytest

from geoevents import Event, SchemaVersionError, StoreError, distance_km, open_store


def _event(event_id: str = "e1", **kw) -> Event:
    base = dict(
        event_id=event_id,
        event_type="battle",
        sub_event_type="armed_clash",
        date_start=dt.date(2024, 7, 25),
        date_end=dt.date(2024, 7, 27),
        time_precision="day",
        origin="text",
        lon=2.9678,
        lat=19.9486,
        source="a.txt",
    )
    base.update(kw)
    return Event(**base)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((-8.0029, 12.6392), (2.1098, 13.5137), 1100),  # Bamako - Niamey
        ((-1.5247, 12.3714), (2.1098, 13.5137), 409),  # Ouagadougou - Niamey
    ],
)
def test_distance_swaps_lon_lat_for_duckdb(a, b, km):
    assert distance_km(a, b) == pytest.approx(km, abs=5)


def test_write_is_idempotent(db_path):
    with open_store(db_path) as store:
        assert store.write_events([_event(), _event(), _event("e2")]) == 2
        assert store.write_events([_event()]) == 0
    with open_store(db_path, read_only=True) as store:
        assert store.count() == 2
        wkt = store.df("SELECT ST_AsText(geom) AS g FROM events WHERE event_id = 'e1'")["g"][0]
        assert wkt == "POINT (2.9678 19.9486)"


def test_newer_schema_is_refused(db_path):
    with open_store(db_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(SchemaVersionError, match="999"), open_store(db_path):
        pass


def test_not_a_duckdb_file(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError, match="notes.duckdb"), open_store(bad):
        pass
