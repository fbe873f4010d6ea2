"""Hostile SQL through ``geoevents query``: refused by DuckDB's own controls, store bytes kept."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from click.testing import CliRunner

from geoevents import Event, open_store
from geoevents.cli import main


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("guard") / "events.duckdb"
    with open_store(path) as store:
        store.write_events(
            [
                Event(
                    event_id="tinz",
                    event_type="battle",
                    sub_event_type=None,
                    date_start=dt.date(2024, 7, 25),
                    date_end=None,
                    time_precision="day",
                    origin="text",
                    country="ML",
                    lon=2.9678,
                    lat=19.9486,
                )
            ]
        )
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Statements that must not run: each would write, read a file that is not the store,
#: reach the network, or change the connection's configuration.
HOSTILE = [
    "COPY (SELECT 1) TO '{db}'",
    "COPY events TO '{dir}/leak.csv'",
    "COPY events FROM '/etc/passwd'",
    "EXPORT DATABASE '{dir}/dump'",
    "ATTACH '{dir}/other.duckdb' AS o",
    "ATTACH '{db}' AS again (READ_ONLY false)",
    "ATTACH ':memory:' AS scratch",
    "INSTALL httpfs",
    "LOAD httpfs",
    "LOAD '{dir}/evil.duckdb_extension'",
    "PRAGMA enable_external_access",
    "PRAGMA threads=1",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET lock_configuration",
    "SET GLOBAL autoinstall_known_extensions = true",
    "SET allowed_directories = ['/']",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('/etc/passwd')",
    "SELECT * FROM read_json('/etc/os-release')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM ST_Read('/etc/passwd')",
    "SELECT * FROM ST_Read('/vsicurl/http://127.0.0.1:9/x.geojson')",
    "SELECT * FROM ST_Read_Meta('/etc/passwd')",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{db}'",
    "EXPLAIN ANALYZE INSTALL spatial",
    "EXPLAIN COPY events TO '{dir}/x.csv'",
    "EXPLAIN ANALYZE SELECT * FROM read_text('/etc/passwd')",
    "EXPLAIN ANALYZE DELETE FROM events",
    "DELETE FROM events",
    "DROP TABLE events",
    "UPDATE events SET country = 'XX'",
    "INSERT INTO events (event_id, event_type, origin) VALUES ('x', 'battle', 'text')",
    "CREATE TABLE t AS SELECT 1",
    "CALL dbgen(sf = 0.01)",
    "SELECT 1; DELETE FROM events",
    "SELECT 1; COPY events TO '{dir}/y.csv'",
    "/* harmless */ dElEtE /* really */ FROM events",
    "\n-- a comment\nCoPy events TO '{dir}/z.csv'",
    "WITH x AS (SELECT 1) SELECT * FROM read_text('/etc/passwd')",
    "SELECT (SELECT count(*) FROM glob('/root/*'))",
    "select * from READ_CSV_AUTO('/etc/passwd')",
    "CHECKPOINT; DROP TABLE events",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_statement_is_refused_and_the_store_is_unchanged(store_file, template):
    folder = store_file.parent
    sql = template.format(db=store_file, dir=folder)
    before = _digest(store_file)
    files_before = sorted(p.name for p in folder.iterdir())
    result = CliRunner().invoke(main, ["query", "--db", str(store_file), sql])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    assert "root:x:0:0" not in result.output
    assert _digest(store_file) == before
    assert sorted(p.name for p in folder.iterdir()) == files_before


def test_the_table_holds_at_least_thirty_statements():
    assert len(HOSTILE) >= 30


def test_reads_still_work_on_the_guarded_store(store_file):
    before = _digest(store_file)
    result = CliRunner().invoke(
        main,
        [
            "query",
            "--db",
            str(store_file),
            "--format",
            "csv",
            "SELECT event_id, ST_AsText(geom) AS g FROM events",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["event_id,g", "tinz,POINT (2.9678 19.9486)"]
    assert _digest(store_file) == before
