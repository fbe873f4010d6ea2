"""Points and areas in spatial filters: a region- or country-level event is not a point."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from geoevents import Event, open_store
from geoevents.cli import main
from geoevents.errors import ConfigError
from geoevents.filters import EventFilter, line_band
from geoevents.gazetteer import load_gazetteer
from geoevents.importers import import_acled

#: Mali's centre as a country-level event's anchor point (lon, lat).
MALI_ANCHOR = (-1.2, 17.4)
#: 1.7 km and 15 km south of the first segment of the Mali-Algeria border line of the bundled
#: gazetteer, (4.234 19.143)-(3.359 18.977): the segment's midpoint moved along its normal.
NEAR_BORDER = (3.79966, 19.04492)
OFF_BORDER = (3.82435, 18.92700)


def _event(event_id, lon, lat, *, precision, wkt=None, kind="town"):
    return Event(
        event_id=event_id,
        event_type="battle",
        sub_event_type=None,
        date_start=dt.date(2024, 7, 25),
        date_end=None,
        time_precision="day",
        origin="text",
        country="ML",
        lon=lon,
        lat=lat,
        geo_precision=precision,
        place_kind=kind,
        geometry_wkt=wkt,
    )


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def areas_db(tmp_path_factory, gaz):
    path = tmp_path_factory.mktemp("areas") / "events.duckdb"
    mali = gaz.country("ML")
    kidal = next(
        p
        for p in (gaz.resolve("Kidal").place, *gaz.resolve("Kidal").candidates)
        if p.kind == "region"
    )
    with open_store(path) as store:
        store.write_events(
            [
                _event("town", MALI_ANCHOR[0] + 0.1, MALI_ANCHOR[1], precision=1),
                _event("near", MALI_ANCHOR[0] - 0.1, MALI_ANCHOR[1], precision=2),
                # a country-level event known only by its anchor: never a spatial match
                _event("anchor", *MALI_ANCHOR, precision=4, kind="country"),
                # a country-level event stored with Mali's outline: matches by its area
                _event("mali", *MALI_ANCHOR, precision=4, kind="country", wkt=mali.geometry_wkt),
                _event(
                    "kidal",
                    kidal.lon,
                    kidal.lat,
                    precision=3,
                    kind="region",
                    wkt=kidal.geometry_wkt,
                ),
                _event("border", *NEAR_BORDER, precision=1),
                _event("off", *OFF_BORDER, precision=1),
            ]
        )
    return path


def _ids(path, **kw):
    with open_store(path, read_only=True) as store:
        return sorted(store.events(EventFilter(**kw))["event_id"])


def test_near_counts_point_precise_events_only(areas_db):
    got = _ids(areas_db, near=MALI_ANCHOR, within_km=30)
    assert got == ["near", "town"]  # not the country events anchored at that very point


def test_bbox_counts_an_area_by_its_geometry_never_by_its_anchor(areas_db):
    box = (MALI_ANCHOR[0] - 0.5, MALI_ANCHOR[1] - 0.5, MALI_ANCHOR[0] + 0.5, MALI_ANCHOR[1] + 0.5)
    assert _ids(areas_db, bbox=box) == ["mali", "near", "town"]
    # a box inside the Kidal region, far from its anchor
    with open_store(areas_db, read_only=True) as store:
        row = store.con.execute(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM events "
            "WHERE event_id = 'kidal')"
        ).fetchone()
    small = (row[0] - 0.01, row[1] - 0.01, row[0] + 0.01, row[1] + 0.01)
    assert "kidal" in _ids(areas_db, bbox=small)


def test_precision_keeps_point_precise_events(areas_db):
    assert _ids(areas_db, precision=2) == ["border", "near", "off", "town"]
    assert _ids(areas_db, precision=1, countries=["ML"]) == ["border", "off", "town"]
    with pytest.raises(ConfigError, match="precision 5"):
        EventFilter(precision=5)


def test_a_border_finds_events_within_its_band(areas_db, gaz):
    line = gaz.border("ML", "DZ").geometry_wkt
    with open_store(areas_db, read_only=True) as store:
        km = store.con.execute(
            "SELECT ST_Distance_Sphere(ST_FlipCoordinates(ST_Point(?, ?)), "
            "ST_FlipCoordinates(ST_ClosestPoint(ST_GeomFromText(?), ST_Point(?, ?)))) / 1000",
            [*NEAR_BORDER, line, *NEAR_BORDER],
        ).fetchone()[0]
    assert 1.5 < km < 1.9
    got = _ids(areas_db, intersects_wkt="ML-DZ")
    assert "border" in got
    assert "off" not in got
    assert "anchor" not in got
    assert "off" in _ids(areas_db, intersects_wkt="ML-DZ", border_km=20)
    assert "border" not in _ids(areas_db, intersects_wkt="ML-DZ", border_km=1)


def test_border_km_on_the_command_line(areas_db, tmp_path):
    out = tmp_path / "b.csv"
    args = ["export", "--db", str(areas_db), "--format", "csv", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--intersects", "ML-DZ"])
    assert result.exit_code == 0, result.output
    ids = [line.split(",")[0] for line in out.read_text().splitlines()[1:]]
    assert "border" in ids
    assert "off" not in ids
    result = CliRunner().invoke(main, [*args, "--intersects", "ML-DZ", "--border-km", "20"])
    assert "off" in [line.split(",")[0] for line in out.read_text().splitlines()[1:]]
    result = CliRunner().invoke(
        main, [*args, "--near", "-1.2,17.4", "--within-km", "30", "--precision", "1"]
    )
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in out.read_text().splitlines()[1:]] == ["town"]


def test_line_band_width():
    import shapely

    band = shapely.from_wkt(line_band("LINESTRING (2 14, 2 16)", 10))
    # 10 km east of longitude 2 at latitude 15 is 0.0931 degrees of longitude
    assert band.contains(shapely.Point(2.090, 15))
    assert not band.contains(shapely.Point(2.097, 15))
    assert line_band("POLYGON ((0 0", 10) == "POLYGON ((0 0"


def test_imported_region_and_country_rows_get_their_area(db_path, tmp_path, gaz):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,country,admin1,location,latitude,longitude,"
        "geo_precision\n"
        "MLI1,2024-07-25,Battles,Mali,Kidal,Kidal,18.4411,1.4078,3\n"
        "MLI2,2024-07-25,Battles,Mali,,Mali,17.57,-3.99,3\n"
        "MLI3,2024-07-25,Battles,Mali,Gao,Gao,16.2719,-0.0444,1\n",
        encoding="utf-8",
    )
    with open_store(db_path) as store:
        import_acled(store, path, gazetteer=gaz)
        got = dict(
            store.con.execute(
                "SELECT event_id, ST_GeometryType(geom)::VARCHAR || ' ' || lon FROM events"
            ).fetchall()
        )
        assert got["acled:MLI1"].startswith("POLYGON") or got["acled:MLI1"].startswith("MULTI")
        assert got["acled:MLI1"].endswith(" 1.4078")  # the file's point is kept as the anchor
        assert got["acled:MLI2"] == "POINT -3.99"  # no region named: only an anchor
        assert got["acled:MLI3"] == "POINT -0.0444"
        again = import_acled(store, path, gazetteer=gaz)
        assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    near_kidal = EventFilter(near=(1.4078, 18.4411), within_km=5)
    with open_store(db_path, read_only=True) as store:
        assert list(store.events(near_kidal)["event_id"]) == []
        inside = store.events(EventFilter(bbox=(1.3, 18.3, 1.5, 18.5)))
        assert list(inside["event_id"]) == ["acled:MLI1"]
