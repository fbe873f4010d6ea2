"""The CLI on a GeoParquet dataset folder: export --partition, then query/map/report/export --db DIR/."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geoevents import open_store
from geoevents.cli import main
from tests.test_scale_geoparquet import make_events


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def store_file(db_path):
    with open_store(db_path) as store:
        store.write_events(make_events(120))
    return db_path


@pytest.fixture
def dataset(store_file, tmp_path):
    out = tmp_path / "ds"
    res = _run(
        "export",
        "--db",
        str(store_file),
        "--format",
        "geoparquet",
        "--partition",
        "year,country",
        "--out",
        f"{out}/",
    )
    assert res.exit_code == 0, res.output
    assert "wrote 120 events" in res.output
    return out


def test_query_dataset_same_rows_as_store(store_file, dataset):
    sql = "SELECT country, count(*) AS n FROM events GROUP BY 1 ORDER BY 1 NULLS LAST"
    want = _run("query", "--db", str(store_file), "--format", "jsonl", sql)
    got = _run("query", "--db", f"{dataset}/", "--format", "jsonl", sql)
    assert got.exit_code == 0, got.output
    assert got.output == want.output
    assert sum(json.loads(line)["n"] for line in got.output.splitlines()) == 120


def test_query_dataset_is_read_only(dataset):
    res = CliRunner().invoke(main, ["query", "--db", str(dataset), "DELETE FROM events"])
    assert res.exit_code == 1
    assert "refused" in res.output


def test_export_and_map_from_dataset(store_file, dataset, tmp_path):
    flt = ["--country", "ML", "--start", "2023-01", "--end", "2023-12"]
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    assert (
        _run(
            "export", "--db", str(store_file), "--format", "geojson", "--out", str(a), *flt
        ).exit_code
        == 0
    )
    res = _run("export", "--db", str(dataset), "--format", "geojson", "--out", str(b), *flt)
    assert res.exit_code == 0, res.output
    assert a.read_text() == b.read_text()
    html = tmp_path / "m.html"
    res = _run("map", "--db", str(dataset), "--out", str(html), *flt)
    assert res.exit_code == 0, res.output
    n = len(json.loads(a.read_text())["features"])
    assert f"wrote {n} events" in res.output


def test_report_from_dataset(dataset, tmp_path):
    out = tmp_path / "r.html"
    res = _run("report", "--db", str(dataset), "--out", str(out), "--country", "NE")
    assert res.exit_code == 0, res.output
    assert "Niamey" in out.read_text(encoding="utf-8")


def test_bad_partition_and_missing_options(store_file, tmp_path):
    res = CliRunner().invoke(
        main,
        [
            "export",
            "--db",
            str(store_file),
            "--format",
            "geoparquet",
            "--partition",
            "year,week",
            "--out",
            str(tmp_path / "x"),
        ],
    )
    assert res.exit_code == 1
    assert "unknown partition key 'week'" in res.output
    res = CliRunner().invoke(main, ["export", "--db", str(store_file), "--format", "csv"])
    assert res.exit_code == 2
    assert "--out" in res.output
    res = CliRunner().invoke(main, ["export", "--db", str(store_file), "--format", "postgis"])
    assert res.exit_code == 1
    assert "--dsn" in res.output
    res = CliRunner().invoke(
        main, ["map", "--db", str(tmp_path / "nope.duckdb"), "--out", "x.html"]
    )
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"Error: no store at {str(tmp_path / 'nope.duckdb')!r}; "
        "create one with geoevents import or geoevents ingest"
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["query", "SELECT 1"],
        ["export", "--format", "csv", "--out", "{out}"],
        ["map", "--out", "{out}"],
        ["report", "--out", "{out}"],
    ],
)
def test_a_missing_dataset_folder_is_one_line_and_nothing_is_created(tmp_path, command):
    folder = tmp_path / "nodata"
    args = [a.format(out=tmp_path / "out.file") for a in command]
    res = CliRunner().invoke(main, [args[0], "--db", f"{folder}/", *args[1:]])
    assert res.exit_code == 1, res.output
    assert res.output.strip().splitlines() == [f"Error: no dataset folder at {f'{folder}/'!r}"]
    assert sorted(tmp_path.iterdir()) == []


def test_sql_on_a_dataset_reads_its_own_files_only(dataset, tmp_path):
    """The guard of a read-only store holds on a dataset: no file written, none read outside."""
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    before = sorted(p.relative_to(dataset) for p in dataset.rglob("*"))
    for sql in (
        f"COPY (SELECT 1) TO '{dataset}/year=2024/x.parquet'",
        f"SELECT * FROM read_csv('{secret}')",
        f"ATTACH '{dataset}/x.duckdb'",
        "CREATE TABLE t AS SELECT 1",
        "SET enable_external_access = true",
        "SELECT 1; DROP VIEW events",
    ):
        res = CliRunner().invoke(main, ["query", "--db", f"{dataset}/", sql])
        assert res.exit_code == 1, (sql, res.output)
        assert len(res.output.strip().splitlines()) == 1, res.output
        assert "refused" in res.output, res.output
    assert sorted(p.relative_to(dataset) for p in dataset.rglob("*")) == before
    res = _run(
        "query", "--db", f"{dataset}/", "--format", "csv", "SELECT count(*) AS n FROM events"
    )
    assert res.output.splitlines() == ["n", "120"]
