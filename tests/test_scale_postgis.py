"""The shared PostGIS store, on a real PostgreSQL with PostGIS (a fresh database per module)."""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from click.testing import CliRunner

from geoevents import open_store
from geoevents.cli import main
from geoevents.errors import QueryError, StoreError
from geoevents.report import store_sources
from geoevents.scale import open_source
from geoevents.scale.postgis import open_postgis, push_postgis
from geoevents.store import EventFilter
from tests.test_scale_geoparquet import FILTERS, make_events

psycopg = pytest.importorskip("psycopg")

#: The server the tests create their database on (CI: the machine's PostgreSQL 15).
ADMIN_DSN = os.environ.get("GEOEVENTS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="module")
def pg_dsn():
    try:
        admin = psycopg.connect(ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL unreachable at {ADMIN_DSN} ({exc}); set GEOEVENTS_TEST_PG")
    name = f"geoevents_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {name}")
    dsn = ADMIN_DSN.rsplit("/", 1)[0] + "/" + name
    try:
        yield dsn
    finally:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pg") / "events.duckdb"
    events = make_events()
    with open_store(path) as store:
        store.write_events(events)
        store.con.execute(
            "INSERT INTO articles (article_id, source, headline, published) "
            "SELECT 'a' || i, 'src' || i || '.txt', 'Titre ' || i, DATE '2024-01-01' + i::INTEGER "
            "FROM range(9) t(i)"
        )
    return path


@pytest.fixture(scope="module")
def pushed(store_file, pg_dsn):
    with open_store(store_file, read_only=True) as store:
        result = push_postgis(store, pg_dsn)
    assert result.added == 400
    assert result.updated == 0
    return pg_dsn


def test_push_is_idempotent_and_indexed(store_file, pushed):
    with open_store(store_file, read_only=True) as store:
        again = push_postgis(store, pushed)
    assert (again.added, again.updated) == (0, 0)
    with psycopg.connect(pushed) as conn:
        (n,) = conn.execute("SELECT count(*) FROM geoevents.events").fetchone()
        indexes = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'geoevents'"
            )
        }
        srid, kind = conn.execute(
            "SELECT ST_SRID(geom), GeometryType(geom) FROM geoevents.events WHERE event_id = 'e0001'"
        ).fetchone()
        x, y, lon, lat = conn.execute(
            "SELECT ST_X(geom), ST_Y(geom), lon, lat FROM geoevents.events WHERE event_id = 'e0001'"
        ).fetchone()
        prec, src = conn.execute(
            "SELECT time_precision, source FROM geoevents.events WHERE event_id = 'e0001'"
        ).fetchone()
    assert n == 400
    assert "USING gist (geom)" in indexes["events_geom_gist"]
    assert (srid, kind) == (4326, "POINT")
    assert (x, y) == (lon, lat)  # (lon, lat) order kept, no swap
    assert (prec, src) == ("day", "src1.txt")


def test_changed_event_is_updated_not_duplicated(store_file, pushed, tmp_path):
    copy = tmp_path / "changed.duckdb"
    shutil.copy(store_file, copy)
    with open_store(copy) as store:
        store.con.execute("UPDATE events SET fatalities = 999 WHERE event_id = 'e0002'")
        result = push_postgis(store, pushed, flt=EventFilter(countries=["ML", "NE", "BF"]))
    assert (result.added, result.updated) == (0, 1)
    with psycopg.connect(pushed) as conn:
        assert conn.execute(
            "SELECT fatalities FROM geoevents.events WHERE event_id = 'e0002'"
        ).fetchone() == (999,)
        conn.execute("UPDATE geoevents.events SET fatalities = NULL WHERE event_id = 'e0002'")
    with open_store(store_file, read_only=True) as store:  # put it back as the store has it
        assert push_postgis(store, pushed).updated == 1


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_postgis_answers_as_the_store_file(store_file, pushed, flt):
    with open_store(store_file, read_only=True) as store, open_postgis(pushed) as pg:
        want = store.events(flt)
        got = pg.events(flt)
        assert list(got["event_id"]) == list(want["event_id"])
        assert got.drop(columns="geometry").equals(want.drop(columns="geometry"))
        assert got.geometry.to_wkb().equals(want.geometry.to_wkb())
        ids = [str(i) for i in want["event_id"]]
        assert store_sources(pg, ids).equals(store_sources(store, ids))


def test_query_is_read_only(pushed):
    with open_source(pushed) as pg:
        rows = pg.query_rows("SELECT country, count(*) FROM events GROUP BY 1 ORDER BY 1")
        assert sum(r[1] for r in rows.rows) == 400
        geo = pg.query_rows("SELECT geom FROM events WHERE event_id = 'e0001'", geometry="geojson")
        assert geo.types == ["GEOMETRY"]
        assert '"Point"' in geo.rows[0][0]
        for sql, why in (
            ("DELETE FROM events", "read-only transaction"),
            ("SELECT 1; DROP TABLE events", "multiple commands"),
            ("CREATE TABLE x (i int)", "read-only transaction"),
            ("SELECT pg_read_file('/etc/hostname')", "permission denied"),
        ):
            with pytest.raises(QueryError, match=why):
                pg.query_rows(sql)
        assert pg.count() == 400
    with psycopg.connect(pushed) as conn:
        (role,) = conn.execute(
            "SELECT has_table_privilege('geoevents_reader', 'geoevents.events', 'INSERT')"
        ).fetchone()
    assert role is False


def test_cli_push_query_map(store_file, pushed, tmp_path):
    run = CliRunner().invoke
    pg_dsn = pushed
    res = run(
        main,
        [
            "export",
            "--db",
            str(store_file),
            "--format",
            "postgis",
            "--dsn",
            pg_dsn,
            "--country",
            "NE",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "wrote 0 events to postgresql://" in res.output  # already there: nothing added
    res = run(
        main, ["query", "--db", pg_dsn, "--format", "csv", "SELECT count(*) AS n FROM events"]
    )
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1] == "400"
    res = run(main, ["map", "--db", pg_dsn, "--out", str(tmp_path / "m.html"), "--country", "NE"])
    assert res.exit_code == 0, res.output
    res = run(
        main, ["report", "--db", pg_dsn, "--out", str(tmp_path / "r.html"), "--country", "NE"]
    )
    assert res.exit_code == 0, res.output
    assert "Titre" in (tmp_path / "r.html").read_text(encoding="utf-8")
    res = run(
        main,
        ["export", "--db", pg_dsn, "--format", "geojson", "--out", str(tmp_path / "a.geojson")],
    )
    assert res.exit_code == 0, res.output
    assert "wrote 400 events" in res.output
    res = run(
        main,
        [
            "export",
            "--db",
            pg_dsn,
            "--format",
            "geoparquet",
            "--partition",
            "year",
            "--out",
            str(tmp_path / "d"),
        ],
    )
    assert res.exit_code == 1
    assert "reads a store file or a dataset folder" in res.output


def test_missing_table_and_unreachable_server(pg_dsn):
    admin = psycopg.connect(ADMIN_DSN, autocommit=True)
    name = f"geoevents_empty_{uuid.uuid4().hex[:8]}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        empty = ADMIN_DSN.rsplit("/", 1)[0] + "/" + name
        with pytest.raises(StoreError, match="no geoevents.events table"), open_postgis(empty):
            pass
    finally:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()
    with (
        pytest.raises(StoreError, match="cannot connect"),
        open_postgis("postgresql://postgres@127.0.0.1:1/none"),
    ):
        pass
