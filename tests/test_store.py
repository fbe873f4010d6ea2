from __future__ import annotations

import datetime as dt
import random

import geopandas as gpd
import pandas as pd
import pytest

from geoevents import (
    ConfigError,
    Event,
    QueryError,
    SchemaVersionError,
    StoreError,
    distance_km,
    open_store,
)
from geoevents.store import EventFilter, within_km_sql

BAMAKO = (-8.0029, 12.6392)
NIAMEY = (2.1098, 13.5137)
OUAGA = (-1.5247, 12.3714)
TINZ = (2.9678, 19.9486)


def _event(event_id: str = "e1", **kw) -> Event:
    base = {
        "event_id": event_id,
        "event_type": "battle",
        "sub_event_type": "armed_clash",
        "date_start": dt.date(2024, 7, 25),
        "date_end": dt.date(2024, 7, 27),
        "time_precision": "day",
        "origin": "text",
        "lon": TINZ[0],
        "lat": TINZ[1],
        "country": "ML",
        "source": "a.txt",
    }
    base.update(kw)
    return Event(**base)


def _ids(gdf) -> set[str]:
    return set(gdf["event_id"])


@pytest.fixture
def filled(db_path):
    """A store with a handful of events of every geometry kind."""
    events = [
        _event("tinz", actors=("FAMa", "Wagner"), fatalities=12),
        _event(
            "niamey",
            lon=NIAMEY[0],
            lat=NIAMEY[1],
            country="NE",
            event_type="diplomacy",
            sub_event_type="visit",
            participants=("NE", "RU"),
            date_start=dt.date(2024, 8, 30),
            date_end=None,
        ),
        _event(
            "ouaga",
            lon=OUAGA[0],
            lat=OUAGA[1],
            country="BF",
            event_type="violence_against_civilians",
            sub_event_type="attack",
            date_start=dt.date(2024, 6, 20),
            date_end=dt.date(2024, 7, 2),
            origin="acled",
        ),
        _event(
            "bamako",
            lon=BAMAKO[0],
            lat=BAMAKO[1],
            event_type="protest",
            sub_event_type="peaceful_protest",
            date_start=dt.date(2023, 1, 5),
            date_end=None,
        ),
        _event(
            "border",
            lon=3.36,
            lat=18.98,
            place_kind="border",
            geo_precision=3,
            geometry_wkt="LINESTRING (4.234 19.143, 3.359 18.977, 2.5 18.6)",
        ),
        _event(
            "region",
            lon=0.9,
            lat=19.7,
            place_kind="region",
            geo_precision=3,
            geometry_wkt="POLYGON ((-1 18, 3 18, 3 21, -1 21, -1 18))",
            date_start=dt.date(2024, 9, 1),
            date_end=dt.date(2024, 9, 30),
            time_precision="month",
        ),
        _event("nowhere", lon=None, lat=None, country=None, extra={"note": "no place"}),
    ]
    with open_store(db_path) as store:
        assert store.write_events(events) == len(events)
    return db_path


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (BAMAKO, NIAMEY, 1100),  # Bamako - Niamey, about 1,100 km
        (OUAGA, NIAMEY, 409),  # Ouagadougou - Niamey, about 409 km (413.8 between these points)
    ],
)
def test_distance_swaps_lon_lat_for_duckdb(a, b, km):
    from geopy.distance import geodesic

    got = distance_km(a, b)
    assert got == pytest.approx(km, abs=6)  # unswapped, DuckDB says 423.6 for Ouagadougou - Niamey
    assert distance_km(b, a) == pytest.approx(got)
    # an independent ellipsoidal answer (geopy takes lat, lon); sphere and ellipsoid differ < 0.5 %
    assert got == pytest.approx(geodesic((a[1], a[0]), (b[1], b[0])).km, rel=0.005)


def test_radius_filter_uses_true_distances(filled):
    # Ouagadougou is ~409 km from Niamey: 400 km leaves it out, 420 km takes it in
    with open_store(filled, read_only=True) as store:
        assert _ids(store.events(EventFilter(near=NIAMEY, within_km=400))) == {"niamey"}
        assert _ids(store.events(EventFilter(near=NIAMEY, within_km=420))) == {"niamey", "ouaga"}
        assert "bamako" not in _ids(store.events(EventFilter(near=NIAMEY, within_km=1090)))
        assert "bamako" in _ids(store.events(EventFilter(near=NIAMEY, within_km=1110)))


def test_within_km_sql_prefilters_on_plain_columns():
    sql, params = within_km_sql(*TINZ, 50)
    assert sql.count("?") == len(params)
    assert "lat BETWEEN" in sql
    assert "lon BETWEEN" in sql
    # the box is wide enough: 50 km is < 0.46 degrees of latitude
    assert params[0] < TINZ[1] - 0.45
    assert params[1] > TINZ[1] + 0.45


def test_write_is_idempotent(db_path):
    with open_store(db_path) as store:
        assert store.write_events([_event(), _event(), _event("e2")]) == 2
        assert store.write_events([_event()]) == 0
    with open_store(db_path, read_only=True) as store:
        assert store.count() == 2
        wkt = store.df("SELECT ST_AsText(geom) AS g FROM events WHERE event_id = 'e1'")["g"][0]
        assert wkt == "POINT (2.9678 19.9486)"


def test_write_records_provenance(db_path):
    with open_store(db_path) as store:
        store.write_events([_event(source="a.txt", evidence="FAMa fought", evidence_span=(3, 14))])
        store.write_events([_event(source="b.txt")])  # same event, second source
        rows = store.df("SELECT * FROM event_sources ORDER BY source")
    assert list(rows["source"]) == ["a.txt", "b.txt"]
    assert rows["evidence"][0] == "FAMa fought"
    assert (rows["evidence_start"][0], rows["evidence_end"][0]) == (3, 14)


def test_failing_batch_leaves_nothing_behind(db_path):
    bad = _event("bad", geometry_wkt="POLYGON ((0 0, 1 1")
    with open_store(db_path) as store:
        with pytest.raises(StoreError, match=r"'bad'.*POLYGON"):
            store.write_events([_event("good1"), _event("good2"), bad])
        assert store.count() == 0
        assert store.df("SELECT count(*) AS n FROM event_sources")["n"][0] == 0
        # a failure later in an outer transaction undoes batches already written in it
        with pytest.raises(StoreError, match="event_type"), store.transaction():  # noqa: PT012
            assert store.write_events([_event("good1")]) == 1
            store.write_events([_event("typeless", event_type=None)])
        assert store.count() == 0
        assert store.df("SELECT count(*) AS n FROM event_sources")["n"][0] == 0
    with open_store(db_path, read_only=True) as store:
        assert store.count() == 0


def test_bad_value_type_is_named(db_path):
    with open_store(db_path) as store, pytest.raises(StoreError, match="fatalities"):
        store.write_events([_event(fatalities="many")])


def test_thousands_of_events_land_in_date_order(db_path):
    days = list(range(3000))
    random.Random(1).shuffle(days)
    events = [
        _event(f"e{d}", date_start=dt.date(2020, 1, 1) + dt.timedelta(days=d), lon=1 + d / 1000)
        for d in days
    ]
    with open_store(db_path) as store:
        assert store.write_events(events) == 3000
        assert store.write_events(events) == 0
        stored = store.df("SELECT date_start FROM events")["date_start"]  # physical order
    assert stored.is_monotonic_increasing


def test_events_returns_geodataframe(filled):
    with open_store(filled, read_only=True) as store:
        gdf = store.events()
    assert isinstance(gdf, gpd.GeoDataFrame)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 7
    row = gdf.set_index("event_id")
    assert row.loc["tinz", "geometry"].coords[0] == TINZ
    assert row.loc["border", "geometry"].geom_type == "LineString"
    assert row.loc["region", "geometry"].geom_type == "Polygon"
    assert row.loc["nowhere", "geometry"] is None
    assert row.loc["tinz", "actors"] == ["FAMa", "Wagner"]
    assert row.loc["niamey", "participants"] == ["NE", "RU"]
    assert row.loc["bamako", "actors"] == []
    assert row.loc["tinz", "date_start"] == dt.date(2024, 7, 25)
    assert row.loc["tinz", "fatalities"] == 12


def test_date_filter_keeps_overlapping_events(filled):
    with open_store(filled, read_only=True) as store:
        july = _ids(store.events(EventFilter(start="2024-07-01", end="2024-07-31")))
        # ouaga spans 20 June - 2 July; an event with no end counts as one day
        assert {"tinz", "ouaga", "border", "nowhere"} == july
        assert _ids(store.events(EventFilter(start="2024-08-30"))) == {"niamey", "region"}
        assert _ids(store.events(EventFilter(end="2023-12-31"))) == {"bamako"}


def test_type_country_origin_filters(filled):
    with open_store(filled, read_only=True) as store:
        assert _ids(store.events(EventFilter(types=["diplomacy"]))) == {"niamey"}
        assert _ids(store.events(EventFilter(types=["attack", "peaceful_protest"]))) == {
            "ouaga",
            "bamako",
        }
        assert _ids(store.events(EventFilter(countries=["ne", "BF"]))) == {"niamey", "ouaga"}
        assert _ids(store.events(EventFilter(origins=["acled"]))) == {"ouaga"}


def test_bbox_and_intersects_filters(filled):
    with open_store(filled, read_only=True) as store:
        # the region polygon reaches into this box although its point does not
        box = _ids(store.events(EventFilter(bbox=(2.5, 19.5, 3.5, 20.5))))
        assert box == {"tinz", "region"}
        line = "LINESTRING (2.9 17.0, 2.9 19.5)"  # crosses the border line and the region
        assert _ids(store.events(EventFilter(intersects_wkt=line))) == {"border", "region"}
        with pytest.raises(ConfigError, match="not valid WKT"):
            store.events(EventFilter(intersects_wkt="POLYGON ((0 0, 1"))


def test_place_names_resolve_through_the_gazetteer(filled):
    with open_store(filled, read_only=True) as store:
        near = store.events(EventFilter(near="Tinzaouatene", within_km=20))
        assert _ids(near) == {"tinz"}
        # "Kidal" is a town and a region: intersecting wants the region's polygon
        kidal = _ids(store.events(EventFilter(intersects_wkt="Kidal")))
        assert {"region", "border"} <= kidal
        assert not {"niamey", "ouaga", "bamako"} & kidal
        # a border by its two countries
        assert "border" in _ids(store.events(EventFilter(intersects_wkt="ML-DZ")))
        with pytest.raises(ConfigError, match="Xyzzyville"):
            store.events(EventFilter(near="Xyzzyville", within_km=5))


@pytest.mark.parametrize(
    ("kw", "named"),
    [
        ({"types": ["batle"]}, "'batle'.*did you mean 'battle'"),
        ({"types": ["armed clash"]}, "'armed clash'"),
        ({"countries": ["Mali"]}, "'Mali'"),
        ({"countries": ["ML", "XX"]}, "'XX'"),
        ({"origins": ["twitter"]}, "'twitter'"),
        ({"start": "2024-13-01"}, "'2024-13-01'"),
        ({"start": "2024-08-01", "end": "2024-07-01"}, "after end"),
        ({"bbox": (10, 10, 0, 0)}, "min above max"),
        ({"near": (19.9, 200.0), "within_km": 5}, "outside"),
        ({"near": TINZ}, "within_km"),
        ({"near": TINZ, "within_km": -3}, "-3"),
    ],
)
def test_bad_filter_values_are_named(kw, named):
    with pytest.raises(ConfigError, match=named):
        EventFilter(**kw)


def test_sql_returns_geodataframe_only_with_geometry(filled):
    with open_store(filled, read_only=True) as store:
        geo = store.sql("SELECT event_id, geom FROM events WHERE country = ?", ["NE"])
        plain = store.sql("SELECT event_type, count(*) AS n FROM events GROUP BY 1")
        with pytest.raises(QueryError, match="nope"):
            store.sql("SELECT * FROM nope")
    assert isinstance(geo, gpd.GeoDataFrame)
    assert geo.geometry.name == "geom"
    assert geo.geometry.iloc[0].coords[0] == NIAMEY
    assert not isinstance(plain, gpd.GeoDataFrame)
    assert isinstance(plain, pd.DataFrame)
    assert int(plain["n"].sum()) == 7


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("DELETE FROM events", "DELETE"),
        (
            "INSERT INTO events (event_id, event_type, origin) VALUES ('x', 'battle', 'text')",
            "INSERT",
        ),
        ("CREATE TABLE t AS SELECT 1", "CREATE"),
        ("COPY events TO 'x.csv'", "x.csv"),
        ("ATTACH 'other.duckdb'", "other.duckdb"),
        ("SELECT 1; DELETE FROM events", "one SQL statement"),
        ("SELEC event_id FROM events", "syntax error"),
    ],
)
def test_query_refuses_writes_and_malformed_sql(filled, sql, named):
    with open_store(filled, read_only=True) as store:
        with pytest.raises(QueryError, match=named):
            store.query(sql)
        with pytest.raises(QueryError):
            store.sql(sql)
        assert store.count() == 7


def test_sql_is_guarded_unless_asked_for_writes(filled, tmp_path):
    with open_store(filled) as store:
        with pytest.raises(QueryError, match="open for writing"):
            store.sql("SELECT count(*) AS n FROM events")
        store.sql("DELETE FROM events WHERE event_id = 'tinz'", writable=True)
        assert store.count() == 6
    with open_store(filled, read_only=True) as store:
        with pytest.raises(QueryError, match="read-only"):
            store.sql("SELECT 1", writable=True)
        # a statement type a parser calls a read still cannot write, nor read a file
        for sql in (
            f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{filled}'",
            "SELECT * FROM read_text('/etc/hostname')",
        ):
            with pytest.raises(QueryError, match="disabled by configuration"):
                store.sql(sql)


def test_query_allows_reads(filled):
    with open_store(filled, read_only=True) as store:
        assert len(store.query("WITH t AS (SELECT * FROM events) SELECT event_id FROM t")) == 7
        assert len(store.query("EXPLAIN SELECT * FROM events")) >= 1
        rows = store.query_rows("SELECT event_id, geom FROM events WHERE event_id = 'tinz'")
        assert rows.columns == ["event_id", "geom"]
        assert rows.rows == [("tinz", "POINT (2.9678 19.9486)")]


def test_write_gdf_round_trips(filled, tmp_path):
    with open_store(filled, read_only=True) as store:
        before = store.events()
    with open_store(tmp_path / "copy.duckdb") as copy:
        assert copy.write_gdf(before, origin="text") == 7
        assert copy.write_gdf(before, origin="text") == 0
        after = copy.events()
    pd.testing.assert_frame_equal(
        pd.DataFrame(before.drop(columns="geometry")), pd.DataFrame(after.drop(columns="geometry"))
    )
    assert [g.wkt if g else None for g in before.geometry] == [
        g.wkt if g else None for g in after.geometry
    ]


def test_write_gdf_fills_ids_points_and_origin(db_path):
    from shapely.geometry import LineString, Point

    gdf = gpd.GeoDataFrame(
        {
            "event_type": ["battle", "riot"],
            "date_start": pd.to_datetime(["2024-07-25", "2024-07-26"]),
            "actors": [["JNIM"], None],
        },
        geometry=[Point(2.9678, 19.9486), LineString([(0, 0), (2, 0)])],
        crs="EPSG:4326",
    )
    with open_store(db_path) as store:
        assert store.write_gdf(gdf, origin="gdelt") == 2
        assert store.write_gdf(gdf, origin="gdelt") == 0  # content ids are stable
        out = store.events().set_index("event_type")
    assert out.loc["battle", "event_id"].startswith("gdelt:")
    assert out.loc["battle", "origin"] == "gdelt"
    assert (out.loc["battle", "lon"], out.loc["battle", "lat"]) == (2.9678, 19.9486)
    assert out.loc["riot", "lat"] == 0  # representative point on the line
    assert out.loc["riot", "actors"] == []
    with open_store(db_path) as store, pytest.raises(ConfigError, match="'twitter'"):
        store.write_gdf(gdf, origin="twitter")


def test_newer_schema_is_refused(db_path):
    with open_store(db_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(SchemaVersionError, match="999"), open_store(db_path):
        pass


def test_not_a_duckdb_file(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError, match=r"notes\.duckdb"), open_store(bad):
        pass
    assert bad.read_text() == "hello"


def test_duckdb_file_that_is_not_a_store(tmp_path):
    import duckdb

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (a INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a geoevents store"), open_store(other):
        pass


def test_long_events_reach_into_a_date_window(db_path):
    # rows are appended in date order and the date filter skips row groups by date_start:
    # an event that began long before the window must still be found
    events = [
        _event(f"d{i}", date_start=dt.date(2020, 1, 1) + dt.timedelta(days=i), date_end=None)
        for i in range(1500)  # to February 2024
    ]
    events.append(_event("long", date_start=dt.date(2020, 3, 1), date_end=dt.date(2024, 7, 5)))
    with open_store(db_path) as store:
        store.write_events(events)
        assert store.start_bound(dt.date(2024, 7, 1)) == dt.date(2020, 3, 1)
        assert store.start_bound(dt.date(2025, 1, 1)) == dt.date(2025, 1, 1)
        july = store.events(EventFilter(start="2024-07-01", end="2024-07-31"))
    assert set(july["event_id"]) == {"long"}


def _storage_version(store_con) -> str:
    row = store_con.execute(
        "SELECT tags['storage_version'] FROM duckdb_databases() WHERE NOT internal "
        "AND database_name NOT IN ('memory', 'temp')"
    ).fetchone()
    return str(row[0])


def test_new_store_uses_duckdb_15_storage_and_old_files_keep_theirs(tmp_path):
    import duckdb

    with open_store(tmp_path / "new.duckdb") as store:
        store.write_events([_event()])
        assert _storage_version(store.con).startswith("v1.5")
    # a store made with DuckDB's default (older) format opens, takes writes, keeps its format
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    with open_store(old) as store:
        store.write_events([_event()])
        before = _storage_version(store.con)
        assert not before.startswith("v1.5")
    with open_store(old) as store:
        assert _storage_version(store.con) == before
        assert len(store.events()) == 1


def test_articles_are_recorded_once_and_known_by_id(db_path):
    with open_store(db_path) as store:
        assert not store.has_article("art:1")
        meta = {"headline": "Tinzaouatene", "published": dt.date(2024, 7, 27), "language": "fr"}
        store.add_article("art:1", source="a.txt", n_events=1, **meta)
        store.add_article(
            "art:1", source="b.txt", headline=None, published=None, language=None, n_events=0
        )
        assert store.has_article("art:1")
        assert not store.has_article("art:2")
        store.write_events([_event("tinz")])
        store.add_article(
            "art:2", source="c.txt", headline="nothing", published=None, language="en", n_events=0
        )
        rows = store.sql("SELECT article_id, source FROM articles ORDER BY 1", writable=True)
        assert list(rows.itertuples(index=False, name=None)) == [
            ("art:1", "a.txt"),
            ("art:2", "c.txt"),
        ]
        assert store.articles_without_events() == [("c.txt", "nothing")]
        assert store.has_event("tinz") and not store.has_event("other")


def test_overlapping_text_events_match_type_dates_and_diplomatic_kind(db_path):
    with open_store(db_path) as store:
        store.write_events(
            [
                _event("clash"),
                _event("later", date_start=dt.date(2024, 8, 1), date_end=dt.date(2024, 8, 1)),
                _event("visit", event_type="diplomacy", sub_event_type="visit", lon=None, lat=None),
                _event("acled", origin="acled"),
            ]
        )
        new = _event("new", date_start=dt.date(2024, 7, 27), date_end=dt.date(2024, 7, 28))
        assert store.overlapping_text_events(new) == [("clash", TINZ[0], TINZ[1], "ML")]
        talks = _event("talks", event_type="diplomacy", sub_event_type="agreement")
        assert store.overlapping_text_events(talks) == []
        visit = _event("visit2", event_type="diplomacy", sub_event_type="visit")
        assert store.overlapping_text_events(visit) == [("visit", None, None, "ML")]
        assert store.overlapping_text_events(_event("clash")) == []  # never itself
        assert store.overlapping_text_events(_event("x", date_start=None, date_end=None)) == []
        counts = store.counts_by_type_and_country()
        assert counts == [("battle", "ML", 3), ("diplomacy", "ML", 1)]
