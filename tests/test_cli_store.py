from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

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


@pytest.mark.parametrize(
    "command",
    [
        ["query", "SELECT 1"],
        ["export", "--format", "csv", "--out", "{out}"],
        ["map", "--out", "{out}"],
        ["report", "--out", "{out}"],
    ],
)
def test_a_missing_store_is_one_line_and_nothing_is_created(tmp_path, command):
    path = tmp_path / "typo.duckdb"
    out = tmp_path / "out.file"
    args = [a.format(out=out) for a in command]
    result = _run(args[0], "--db", str(path), *args[1:])
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [
        f"Error: no store at {str(path)!r}; create one with geoevents import or geoevents ingest"
    ]
    assert sorted(tmp_path.iterdir()) == []


def test_a_store_killed_while_being_created_opens_and_gets_its_schema(tmp_path):
    import duckdb

    path = tmp_path / "half.duckdb"
    duckdb.connect(str(path)).close()  # a DuckDB file, killed before the schema landed
    result = _run("query", "--db", str(path), "--format", "csv", "SELECT count(*) AS n FROM events")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "0"]
    empty = tmp_path / "zero.duckdb"
    empty.write_bytes(b"")  # killed before DuckDB wrote its header
    result = _run("query", "--db", str(empty), "SELECT 1")
    assert result.exit_code == 1
    assert "empty file" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with open_store(empty) as store:  # opening it for writing makes the store
        assert store.count() == 0


def test_a_device_is_never_taken_for_an_empty_store():
    import os as _os

    for command in (["query", "SELECT 1"], ["import", "acled", "nothing.csv"]):
        result = _run(command[0], "--db", _os.devnull, *command[1:])
        assert result.exit_code == 1
        assert result.output.strip() == f"Error: store {_os.devnull!r} is not a regular file"
    assert not Path(_os.devnull).is_file() and Path(_os.devnull).exists()


def test_a_store_under_a_file_or_in_a_missing_folder_is_one_line(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    for db, named in (
        (blocker / "events.duckdb", "is a file, not a folder"),
        (tmp_path / "nowhere" / "events.duckdb", "does not exist"),
    ):
        result = _run("import", "acled", "--db", str(db), str(blocker))
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert named in lines[0]
        assert "Traceback" not in result.output


def _bound_by_permissions() -> None:
    """In the child, before exec: as root, drop what lets root write through file permissions.

    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave the bounding set, so the command (still uid 0,
    still able to run the interpreter) meets a read-only file or folder as any user does.
    """
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_bound(cwd: Path, *args: str):
    """Run ``geoevents ARGS`` as a fresh process bound by file permissions (root too)."""
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("geoevents")
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=_bound_by_permissions,  # the child only drops capabilities
        check=False,
        timeout=120,
    )


def test_a_read_only_store_file_or_folder_is_one_line(store_path, tmp_path):
    from tests.conftest import DATA

    work = tmp_path / "work"
    work.mkdir()
    ro = work / "ro"
    ro.mkdir()
    store = work / "s.duckdb"
    store.write_bytes(store_path.read_bytes())
    store.chmod(0o444)
    ro.chmod(0o555)
    article = work / "a.txt"
    article.write_text(
        "Combats à Kidal\n\nDes combats ont eu lieu lundi à Kidal.", encoding="utf-8"
    )
    src = work / "a.csv"
    src.write_text("event_id_cnty,event_date,event_type\nMLI1,2024-07-25,Battles\n")
    gaz = str(DATA / "gazetteer_mini.tsv")
    cases = [
        (("import", "acled", "--db", "s.duckdb", "a.csv"),
         "Error: cannot write store 's.duckdb': the file is read-only"),
        (("ingest", "--db", "s.duckdb", "--gazetteer", gaz, "a.txt"),
         "Error: cannot write store 's.duckdb': the file is read-only"),
        (("ingest", "--db", "ro/new.duckdb", "--gazetteer", gaz, "a.txt"),
         "Error: cannot create store 'ro/new.duckdb': folder 'ro' is not writable"),
        (("import", "acled", "--db", "ro/new.duckdb", "a.csv"),
         "Error: cannot create store 'ro/new.duckdb': folder 'ro' is not writable"),
        (("report", "--db", "s.duckdb", "--gazetteer", gaz, "--out", "ro/r.html"),
         "Error: cannot write report 'ro/r.html': Permission denied"),
        (("map", "--db", "s.duckdb", "--gazetteer", gaz, "--out", "ro/m.html"),
         "Error: cannot write map 'ro/m.html': Permission denied"),
        (("export", "--db", "s.duckdb", "--format", "csv", "--out", "ro/x.csv"),
         "Error: cannot write 'ro/x.csv': Permission denied"),
    ]  # fmt: skip
    try:
        for args, expected in cases:
            result = _run_bound(work, *args)
            assert result.returncode == 1, (args, result.stderr)
            assert result.stderr.strip().splitlines() == [expected], (args, result.stderr)
            assert "Traceback" not in result.stderr
        assert sorted(p.name for p in ro.iterdir()) == []
        count = ("query", "--db", "s.duckdb", "--format", "csv", "SELECT count(*) AS n FROM events")
        result = _run_bound(work, *count)
        assert (result.returncode, result.stdout.splitlines()) == (0, ["n", "3"]), result.stderr
    finally:
        ro.chmod(0o755)


def test_a_second_writer_waits_then_names_the_holder(store_path, tmp_path):
    import subprocess
    import sys
    import time

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('locked', flush=True); time.sleep(60)",
            str(store_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = _run("query", "--db", str(store_path), "--wait", "0.5", "SELECT 1")
        waited = time.monotonic() - started
        assert result.exit_code == 1
        line = result.output.strip()
        assert len(line.splitlines()) == 1
        assert f"(PID {holder.pid})" in line
        assert "waited 0.5 s" in line
        assert waited >= 0.5
    finally:
        holder.kill()
        holder.wait()
    count = "SELECT count(*) AS n FROM events"
    result = _run("query", "--db", str(store_path), "--format", "csv", count)
    assert result.output.splitlines() == ["n", "3"]


def test_query_into_a_closed_pipe_exits_quietly(store_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).with_name("geoevents")
    cmd = [str(exe)] if exe.exists() else [shutil.which("geoevents") or "geoevents"]
    proc = subprocess.Popen(
        [
            *cmd,
            "query",
            "--db",
            str(store_path),
            "--format",
            "csv",
            "SELECT * FROM range(300000) AS t(n)",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline() == b"n\n"
    proc.stdout.close()  # what `| head -1` does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert err == b""


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


@pytest.mark.parametrize(
    "command",
    [["export", "--format", "csv", "--out", "{out}"], ["report", "--out", "{out}"]],
)
def test_an_output_under_a_file_is_one_line(store_path, tmp_path, command):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    args = [a.format(out=blocker / "out.file") for a in command]
    result = _run(args[0], "--db", str(store_path), *args[1:])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "notes.txt/out.file" in lines[0]
    assert blocker.read_text() == "x"
