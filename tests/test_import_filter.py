"""Importing a slice of a file: --country, dates, types and places keep only matching rows.

Filtered rows are counted, never reported as bad, and a filter never removes stored events.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.filters import EventFilter
from geoevents.importers import import_acled, import_files, import_gdelt, import_ucdp
from geoevents.importers.common import keep_predicate
from geoevents.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "import"
SAHEL = EventFilter(countries=("ML", "BF", "NE"))


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s


def ids(store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT event_id FROM events").fetchall()}


def test_country_slice_of_a_global_gdelt_table(store):
    first = import_gdelt(store, DATA / "gdelt_events.CSV", where=SAHEL)
    # 10 rows: 2 bad, Algeria, Nigeria and a row with no country are left out
    assert (first.rows, first.imported, first.filtered, first.skipped) == (10, 5, 3, 2)
    assert first.unchanged == 0
    assert ids(store) == {f"gdelt:110000000{i}" for i in (1, 2, 3, 6, 7)}
    again = import_gdelt(store, DATA / "gdelt_events.CSV", where=SAHEL)
    assert (again.imported, again.unchanged, again.filtered, again.skipped) == (0, 5, 3, 2)
    # without the filter the rest comes in; what was stored is unchanged
    whole = import_gdelt(store, DATA / "gdelt_events.CSV")
    assert (whole.imported, whole.unchanged, whole.filtered) == (3, 5, 0)


def test_a_filter_never_removes_stored_events(store):
    import_acled(store, DATA / "acled_current.csv")
    niger = import_acled(store, DATA / "acled_current.csv", where=EventFilter(countries=("NE",)))
    assert (niger.imported, niger.unchanged, niger.filtered) == (0, 1, 5)
    assert len(ids(store)) == 6


@pytest.mark.parametrize(
    ("flt", "kept"),
    [
        (EventFilter(start="2024-07-01"), {"MLI90001", "MLI90002", "MLI90005"}),
        (EventFilter(start="2024-01-01", end="2024-06-30"), {"NIG90004", "BFO90006"}),
        (EventFilter(types=("battle", "riot")), {"MLI90001", "BFO90006"}),
        (EventFilter(types=("air_drone_strike",)), {"MLI90002"}),
        (EventFilter(countries=("BF",), end="2023-12-31"), {"BFO90003"}),
        # Mali's north-east quarter, (lon, lat): Gao and Ménaka, not Timbuktu (-3.0) or Niamey
        (EventFilter(bbox=(-1.0, 15.0, 4.3, 20.0)), {"MLI90001", "MLI90002"}),
        # 100 km of Ouagadougou (lon, lat): the riot there, not Djibo (195 km)
        (EventFilter(near=(-1.5247, 12.3714), within_km=100), {"BFO90006"}),
        (
            EventFilter(intersects_wkt="POLYGON((-2 14, -1 14, -1 15, -2 15, -2 14))"),
            {"BFO90003"},
        ),
    ],
)
def test_acled_slices(store, flt, kept):
    summary = import_acled(store, DATA / "acled_current.csv", where=flt)
    assert ids(store) == {f"acled:{k}" for k in kept}
    assert (summary.imported, summary.filtered, summary.skipped) == (len(kept), 6 - len(kept), 0)


def test_staged_import_counts_filtered_rows(store):
    """Keys already stored send the file through the staging pass; it filters the same way."""
    import_ucdp(store, DATA / "ged_49.csv", where=EventFilter(countries=("BF",)))
    mali = import_ucdp(store, DATA / "ged_49.csv", where=EventFilter(countries=("ML",)))
    assert (mali.imported, mali.unchanged, mali.filtered) == (3, 0, 2)
    assert ids(store) == {f"ucdp:44000{i}" for i in (1, 2, 3, 4)}


def test_rows_without_coordinates_and_place_filters(store):
    """Country and dates come from the file; a place filter needs the file's coordinates."""
    by_country = import_acled(
        store, DATA / "acled_nocoords.csv", where=EventFilter(countries=("ML",))
    )
    assert (by_country.imported, by_country.geocoded, by_country.filtered) == (2, 2, 2)
    by_box = import_acled(
        store, DATA / "acled_nocoords.csv", where=EventFilter(bbox=(-20.0, 0.0, 20.0, 30.0))
    )
    assert (by_box.imported, by_box.unchanged, by_box.filtered) == (0, 0, 4)


def test_import_files_resolves_place_names(store):
    flt = EventFilter(near="Gao", within_km=50)
    [(_, summary)] = import_files(store, "ucdp", [DATA / "ged_49.csv"], where=flt)
    assert (summary.imported, summary.filtered) == (1, 4)
    assert ids(store) == {"ucdp:440001"}


def test_keep_predicate_binds_every_value():
    sql, params = keep_predicate(EventFilter(near=(2.0, 13.5), within_km=25, types=("battle",)))
    assert sql.count("?") == len(params)
    assert "battle" in params
    assert "battle" not in sql
    assert keep_predicate(EventFilter()) == ("TRUE", ())


def test_filter_values_are_bound_not_written_into_sql(store):
    """A quote in a value stays data: "OR TRUE" written into the SQL would keep every row."""
    flt = EventFilter(intersects_wkt="POINT(1 1)') OR TRUE OR ('")
    summary = import_acled(store, DATA / "acled_current.csv", where=flt)
    assert (summary.imported, summary.filtered) == (0, 6)


def test_cli_import_with_filters(tmp_path):
    db = str(tmp_path / "x.duckdb")
    args = ["import", "gdelt", "--db", db, "--country", "ML", "--country", "BF"]
    result = CliRunner().invoke(main, [*args, "--country", "NE", str(DATA / "gdelt_events.CSV")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["filtered"], summary["skipped"]) == (5, 3, 2)
    bad = CliRunner().invoke(main, [*args, "--country", "XX", str(DATA / "gdelt_events.CSV")])
    assert bad.exit_code == 1
    assert "'XX'" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    near = CliRunner().invoke(
        main,
        [
            "import",
            "ucdp",
            "--db",
            db,
            "--near",
            "Gao",
            "--within-km",
            "50",
            "--start",
            "2023",
            str(DATA / "ged_49.csv"),
        ],  # fmt: skip
    )
    assert near.exit_code == 0, near.output
    assert json.loads(near.stdout)["imported"] == 1


def test_a_folder_imports_its_dataset_files_in_path_order(tmp_path):
    folder = tmp_path / "gdelt"
    for month in ("2024-07", "2024-08"):
        (folder / month).mkdir(parents=True)
    src = (DATA / "gdelt_events.CSV").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "2024-08" / "20240801000000.export.CSV").write_text("".join(src[5:]), "utf-8")
    (folder / "2024-07" / "20240731000000.export.CSV").write_text("".join(src[:5]), "utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "notes.md").write_text("not data", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(main, ["import", "gdelt", "--db", db, str(folder)])
    assert result.exit_code == 0, result.output
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert [Path(f).name for f in files] == [
        "20240731000000.export.CSV",
        "20240801000000.export.CSV",
    ]
    with open_store(db, read_only=True) as s:
        assert s.count() == 8


def test_a_folder_without_dataset_files_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", "acled", "--db", str(tmp_path / "x.duckdb"), str(tmp_path / "empty")]
    )
    assert result.exit_code == 1
    assert "no dataset files in folder" in result.stderr
    assert result.stdout == ""
