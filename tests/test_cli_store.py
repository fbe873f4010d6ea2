from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from geoevents import Event, open_store
from geoevents.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def store_path(db_path):
    def ev(event_id, **kw):
        base = {
            "event_id": event_id,
            "event_type": "battle",
            "sub_event_type": "armed_clash",
            "date_start": dt.date(2024, 7, 25),
            "date_end": dt.date(2024, 7, 27),
            "time_precision": "day",
            "origin": "text",
            "country": "ML",
            "lon": 2.9678,
            "lat": 19.9486,
            "actors": ("FAMa", "Wagner"),
            "source": "a.txt",
        }
        base.update(kw)
        return Event(**base)

    events = [
        ev("tinz"),
        ev(
            "niamey",
            country="NE",
            lon=2.1098,
            lat=13.5137,
            event_type="diplomacy",
            sub_event_type="visit",
            date_start=dt.date(2024, 8, 30),
            date_end=None,
            actors=(),
        ),
        ev(
            "ouaga",
            country="BF",
            lon=-1.5247,
            lat=12.3714,
            date_start=dt.date(2023, 3, 1),
            date_end=None,
            origin="acled",
        ),
    ]
    with open_store(db_path) as store:
        store.write_events(events)
    return db_path


def test_query_creates_a_new_store_with_the_schema(tmp_path):
    path = tmp_path / "fresh.duckdb"
    result = _run("query", "--db", str(path), "--format", "csv", "SELECT count(*) AS n FROM events")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "0"]
    with open_store(path, read_only=True) as store:
        assert store.count() == 0


def test_query_formats(store_path):
    csv_out = _run(
        "query",
        "--db",
        str(store_path),
        "--format",
        "csv",
        "SELECT event_id, actors, geom FROM events WHERE event_id = 'tinz'",
    )
    assert csv_out.exit_code == 0, csv_out.output
    assert csv_out.output.splitlines()[1] == "tinz,FAMa; Wagner,POINT (2.9678 19.9486)"
    jsonl = _run(
        "query",
        "--db",
        str(store_path),
        "--format",
        "jsonl",
        "SELECT event_id, date_start, actors, geom FROM events ORDER BY event_id",
    )
    recs = [json.loads(line) for line in jsonl.output.splitlines()]
    assert [r["event_id"] for r in recs] == ["niamey", "ouaga", "tinz"]
    assert recs[2]["geom"] == {"type": "Point", "coordinates": [2.9678, 19.9486]}
    assert recs[2]["date_start"] == "2024-07-25"
    assert recs[0]["actors"] == []
    table = _run(
        "query", "--db", str(store_path), "SELECT event_type, count(*) AS n FROM events GROUP BY 1"
    )
    assert table.exit_code == 0
    assert "diplomacy" in table.output
    assert "2 rows" in table.output


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("DELETE FROM events", "DELETE"),
        ("DROP TABLE events", "DROP"),
        ("UPDATE events SET country = 'XX'", "UPDATE"),
        ("SELEC * FROM events", "syntax error"),
        ("SELECT * FROM nope", "nope"),
    ],
)
def test_query_refuses_writes_and_bad_sql_in_one_line(store_path, sql, named):
    result = _run("query", "--db", str(store_path), sql)
    assert result.exit_code == 1
    assert named in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    with open_store(store_path, read_only=True) as store:
        assert store.count() == 3


def test_query_on_a_file_that_is_not_duckdb(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just notes")
    result = _run("query", "--db", str(bad), "SELECT 1")
    assert result.exit_code == 1
    assert "notes.txt" in result.output
    assert bad.read_text() == "just notes"


def test_query_on_a_newer_schema(store_path):
    with open_store(store_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (7)")
    result = _run("query", "--db", str(store_path), "SELECT 1")
    assert result.exit_code == 1
    assert "schema version 7" in result.output


def test_export_with_filters(store_path, tmp_path):
    out = tmp_path / "near.geojson"
    result = _run(
        "export",
        "--db",
        str(store_path),
        "--format",
        "geojson",
        "--out",
        str(out),
        "--near",
        "2.9678,19.9486",
        "--within-km",
        "50",
        "--start",
        "2024-07",
        "--end",
        "2024-08",
    )
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == ["tinz"]
    out = tmp_path / "x.csv"
    result = _run(
        "export",
        "--db",
        str(store_path),
        "--format",
        "csv",
        "--out",
        str(out),
        "--type",
        "battle",
        "--country",
        "bf",
        "--country",
        "ML",
        "--origin",
        "acled",
    )
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in out.read_text().splitlines()] == ["event_id", "ouaga"]
    out = tmp_path / "box.parquet"
    result = _run(
        "export",
        "--db",
        str(store_path),
        "--format",
        "geoparquet",
        "--out",
        str(out),
        "--bbox",
        "0,10,5,15",
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 events" in result.output


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--type", "batle"], "'batle'"),
        (["--country", "Mali"], "'Mali'"),
        (["--start", "2024-13"], "'2024-13'"),
        (["--bbox", "1,2,3"], "'1,2,3'"),
        (["--near", "2.9,19.9"], "--within-km"),
        (["--origin", "twitter"], "'twitter'"),
        (["--intersects", "POLYGON ((0 0, 1"], "not valid WKT"),
    ],
)
def test_export_bad_filter_values(store_path, tmp_path, args, named):
    out = tmp_path / "x.geojson"
    result = _run(
        "export", "--db", str(store_path), "--format", "geojson", "--out", str(out), *args
    )
    assert result.exit_code == 1
    assert named in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_help_texts():
    for command in ("query", "export"):
        result = _run(command, "--help")
        assert result.exit_code == 0
        assert "Example: geoevents" in result.output
    assert "--within-km" in _run("export", "--help").output


def test_query_keeps_repeated_column_names_apart(store_path):
    sql = "SELECT ST_Point(1, 2) AS g, ST_Point(3, 4) AS g, 1 AS n, 2 AS n;"
    csv_out = _run("query", "--db", str(store_path), "--format", "csv", sql)
    assert csv_out.output.splitlines() == ["g,g,n,n", "POINT (1 2),POINT (3 4),1,2"]
    rec = json.loads(_run("query", "--db", str(store_path), "--format", "jsonl", sql).output)
    assert rec["g"]["coordinates"] == [1, 2]
    assert rec["g#2"]["coordinates"] == [3, 4]
    assert (rec["n"], rec["n#2"]) == (1, 2)
