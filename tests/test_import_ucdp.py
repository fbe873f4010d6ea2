"""UCDP GED import: 49- and 42-column CSV, GeoJSON, precision mapping, deaths, bad rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geoevents.errors import SourceFormatError
from geoevents.importers import import_ucdp
from geoevents.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s


def events(store):
    cur = store.con.execute(
        "SELECT event_id, event_type, sub_event_type, date_start, date_end, time_precision, "
        "geo_precision, place_kind, country, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_X(geom) ELSE lon END AS x, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_Y(geom) ELSE lat END AS y, fatalities, actors, "
        "extra FROM events ORDER BY event_id"
    )
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def test_ged_49_columns(store):
    path = DATA / "ged_49.csv"
    summary = import_ucdp(store, path)
    assert (summary.rows, summary.imported, summary.skipped) == (7, 5, 2)
    assert [(e.line, e.reason) for e in summary.errors] == [
        (7, "type_of_violence '4' is not 1, 2 or 3"),
        (8, "date_start '2023-13-45' is not a date"),
    ]
    got = events(store)
    gao = got["ucdp:440001"]
    assert (gao["event_type"], gao["sub_event_type"]) == ("battle", "armed_clash")
    assert (gao["x"], gao["y"]) == (-0.0444, 16.2719)
    assert gao["country"] == "ML"
    assert gao["actors"] == ["Government of Mali", "JNIM"]
    extra = json.loads(gao["extra"])
    assert (gao["fatalities"], extra["best"], extra["low"], extra["high"]) == (12, "12", "10", "15")
    assert got["ucdp:440002"]["event_type"] == "violence_against_civilians"
    assert got["ucdp:440004"]["country"] == "BF"
    assert got["ucdp:440005"]["country"] == "NE"


@pytest.mark.parametrize(
    ("event_id", "where_prec", "geo_precision", "kind", "date_prec", "time_precision"),
    [
        ("ucdp:440001", 1, 1, "town", 1, "day"),
        ("ucdp:440002", 2, 2, "town", 2, "week"),
        ("ucdp:440004", 3, 3, "region", 3, "week"),
        ("ucdp:440003", 4, 3, "region", 4, "month"),
        ("ucdp:440005", 6, 4, "country", 5, "year"),
    ],
)
def test_precision_mapping(
    store, event_id, where_prec, geo_precision, kind, date_prec, time_precision
):
    import_ucdp(store, DATA / "ged_49.csv")
    row = events(store)[event_id]
    extra = json.loads(row["extra"])
    assert (extra["where_prec"], extra["date_prec"]) == (str(where_prec), str(date_prec))
    assert (row["geo_precision"], row["place_kind"]) == (geo_precision, kind)
    assert row["time_precision"] == time_precision


def test_date_span_kept(store):
    import_ucdp(store, DATA / "ged_49.csv")
    row = events(store)["ucdp:440005"]
    assert (row["date_start"], row["date_end"]) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_ged_42_columns_same_events(tmp_path):
    with open_store(tmp_path / "a.duckdb") as a, open_store(tmp_path / "b.duckdb") as b:
        assert import_ucdp(a, DATA / "ged_49.csv").imported == 5
        assert import_ucdp(b, DATA / "ged_42.csv").imported == 5
        keep = (
            "event_type",
            "date_start",
            "date_end",
            "time_precision",
            "geo_precision",
            "x",
            "y",
            "fatalities",
            "country",
        )
        left = {k: [v[c] for c in keep] for k, v in events(a).items()}
        right = {k: [v[c] for c in keep] for k, v in events(b).items()}
    assert left == right


def test_geojson(store):
    summary = import_ucdp(store, DATA / "ged.geojson")
    assert (summary.imported, summary.skipped) == (3, 0)
    got = events(store)
    assert (got["ucdp:440001"]["x"], got["ucdp:440001"]["y"]) == (-0.0444, 16.2719)
    assert got["ucdp:440003"]["geo_precision"] == 3
    assert json.loads(got["ucdp:440002"]["extra"])["high"] == "31"


def test_bad_geojson_feature_is_reported_with_its_line(store, tmp_path):
    doc = json.loads((DATA / "ged.geojson").read_text(encoding="utf-8"))
    doc["features"][1]["properties"]["date_start"] = "someday {soon}"
    doc["features"][2]["properties"]["where_description"] = 'a "quoted" {brace} ['
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    summary = import_ucdp(store, path)
    assert (summary.imported, summary.skipped) == (2, 1)
    (err,) = summary.errors
    lines = path.read_text(encoding="utf-8").splitlines()
    assert err.line is not None
    assert lines[err.line - 1].strip() == "{"  # the line where the second feature opens
    assert '"type": "Feature"' in lines[err.line]
    assert sum(1 for ln in lines[: err.line] if ln.strip() == "{") == 3  # root, 1st, 2nd
    assert "someday {soon}" in err.reason
    assert str(err).startswith(f"{path}:{err.line}: feature 2: ")


def test_reimport_adds_nothing(store):
    import_ucdp(store, DATA / "ged_49.csv")
    again = import_ucdp(store, DATA / "ged_49.csv")
    assert (again.imported, again.unchanged, again.skipped) == (0, 5, 2)
    # the same events in another layout are the same events
    assert import_ucdp(store, DATA / "ged.geojson").imported == 0
    assert store.count() == 5


def test_not_a_ged_file(store):
    with pytest.raises(SourceFormatError, match="type_of_violence"):
        import_ucdp(store, DATA / "acled_current.csv")


def test_rows_without_coordinates_are_geocoded(store, tmp_path):
    """A GED row without latitude/longitude is placed from where_coordinates / adm_1."""
    import csv

    with (DATA / "ged_49.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    header = list(table[0])
    for rec in table:
        if rec["id"] in ("440001", "440003"):
            rec["latitude"] = rec["longitude"] = rec["geom_wkt"] = ""
    table[0]["where_coordinates"] = "Gao town"
    path = tmp_path / "ged_nocoords.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(table)
    summary = import_ucdp(store, path)
    assert (summary.imported, summary.geocoded) == (5, 2), summary.errors
    got = events(store)
    gao = got["ucdp:440001"]
    assert abs(gao["x"] - (-0.04)) < 0.1
    assert abs(gao["y"] - 16.27) < 0.1
    assert gao["geo_precision"] == 1  # where_prec 1, a town found by its own name
    # where_prec 4 (a region): stays precision 3 even when placed, never pretends to a town
    assert got["ucdp:440003"]["geo_precision"] == 3
    assert got["ucdp:440003"]["x"] is not None
    # and a re-import keeps the places found and adds nothing
    again = import_ucdp(store, path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 5)
    assert events(store)["ucdp:440001"]["x"] == gao["x"]


def test_acled_export_round_trip_keeps_date_spans(tmp_path):
    """GED date spans survive an ACLED-shaped export (which has one date column) and re-import."""
    from geoevents.importers import export_acled, import_acled

    cols = (
        "event_id, event_type, sub_event_type, date_start, date_end, time_precision, country, "
        "lon, lat, fatalities, origin"
    )
    with open_store(tmp_path / "a.duckdb") as a:
        import_ucdp(a, DATA / "ged_49.csv")
        before = a.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        assert export_acled(a.events(), tmp_path / "out.csv") == 5
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "date_end=2020-12-31" in text
    with open_store(tmp_path / "b.duckdb") as b:
        assert import_acled(b, tmp_path / "out.csv").imported == 5
        after = b.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        tags = b.con.execute("SELECT extra->>'tags' FROM events").fetchall()
    assert after == before
    assert (dt.date(2020, 1, 1), dt.date(2020, 12, 31)) in [(r[3], r[4]) for r in after]
    assert all(t[0] is None for t in tags)  # our own entries are taken out of tags again
