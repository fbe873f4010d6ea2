"""GDELT 2.0 import: 61-column TSV, FIPS -> ISO, CAMEO -> types, ActionGeo, bad rows, zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from geoevents.errors import SourceFormatError
from geoevents.importers import import_gdelt
from geoevents.importers.fips import FIPS_TO_ISO, fips_to_iso
from geoevents.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "import"
TABLE = DATA / "gdelt_events.CSV"


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s


def events(store):
    cur = store.con.execute(
        "SELECT event_id, event_type, sub_event_type, cameo_code, country, admin1, geo_precision, "
        "place_kind, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_X(geom) ELSE lon END AS x, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_Y(geom) ELSE lat END AS y, participants, source_url, date_start "
        "FROM events ORDER BY event_id"
    )
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def test_import_and_bad_rows(store):
    summary = import_gdelt(store, TABLE)
    assert (summary.rows, summary.imported, summary.skipped) == (10, 8, 2)
    assert [(e.line, e.reason) for e in summary.errors] == [
        (9, "Day '20241345' is not a YYYYMMDD date"),
        (10, "ActionGeo_Lat 'north' is not a number"),
    ]


@pytest.mark.parametrize(
    ("event_id", "fips", "iso"),
    [
        ("gdelt:1100000002", "NG", "NE"),  # NG is Niger in FIPS, not Nigeria
        ("gdelt:1100000003", "UV", "BF"),
        ("gdelt:1100000004", "AG", "DZ"),
        ("gdelt:1100000005", "NI", "NG"),  # and Nigeria is NI
        ("gdelt:1100000001", "ML", "ML"),
    ],
)
def test_fips_to_iso(store, event_id, fips, iso):
    import_gdelt(store, TABLE)
    assert fips_to_iso(fips) == iso
    assert events(store)[event_id]["country"] == iso


def test_fips_table_is_consistent():
    fips = [f for f, _, _ in FIPS_TO_ISO]
    assert len(fips) == len(set(fips))
    assert all(
        len(f) == 2 and len(i) == 2 and f.isupper() and i.isupper() for f, i, _ in FIPS_TO_ISO
    )
    assert fips_to_iso("ng") == "NE"
    assert fips_to_iso("XX") is None


@pytest.mark.parametrize(
    ("event_id", "cameo", "event_type", "sub"),
    [
        ("gdelt:1100000001", "190", "battle", "armed_clash"),
        ("gdelt:1100000002", "042", "diplomacy", "visit"),
        ("gdelt:1100000003", "041", "diplomacy", "call"),
        ("gdelt:1100000004", "111", "diplomacy", "statement"),
        ("gdelt:1100000005", "1451", "riot", "violent_demonstration"),
        ("gdelt:1100000006", "183", "explosion_remote_violence", "remote_explosive_landmine_ied"),
        ("gdelt:1100000007", "057", "diplomacy", "agreement"),
        ("gdelt:1100000008", "0874", "strategic_development", "other"),
    ],
)
def test_cameo_mapping(store, event_id, cameo, event_type, sub):
    import_gdelt(store, TABLE)
    row = events(store)[event_id]
    assert (row["cameo_code"], row["event_type"], row["sub_event_type"]) == (cameo, event_type, sub)


def test_action_geo(store):
    import_gdelt(store, TABLE)
    got = events(store)
    gao = got["gdelt:1100000001"]
    assert (gao["x"], gao["y"]) == (-0.0444, 16.2719)
    assert (gao["geo_precision"], gao["place_kind"], gao["admin1"]) == (1, "town", "Gao")
    assert (got["gdelt:1100000003"]["geo_precision"], got["gdelt:1100000003"]["place_kind"]) == (
        4,
        "country",
    )
    assert got["gdelt:1100000006"]["geo_precision"] == 3
    nowhere = got["gdelt:1100000008"]
    assert (nowhere["x"], nowhere["country"]) == (None, None)
    # diplomacy carries ISO participants from the actors' CAMEO country codes
    assert sorted(got["gdelt:1100000002"]["participants"]) == ["DZ", "NE"]
    assert sorted(got["gdelt:1100000003"]["participants"]) == ["BF", "RU"]
    assert got["gdelt:1100000001"]["participants"] == []
    assert got["gdelt:1100000001"]["source_url"] == "https://www.example.org/news/1100000001"


def test_reimport_and_zip(store, tmp_path):
    import_gdelt(store, TABLE)
    archive = tmp_path / "20240801000000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(TABLE, "20240801000000.export.CSV")
    again = import_gdelt(store, archive)
    assert (again.imported, again.unchanged, again.skipped) == (0, 8, 2)
    assert again.errors[0].file.endswith(".zip!20240801000000.export.CSV")
    assert again.errors[0].line == 9
    assert store.count() == 8


def test_wrong_width(store):
    with pytest.raises(SourceFormatError, match="61"):
        import_gdelt(store, DATA / "ged_49.csv")


def test_acled_export_round_trip_keeps_gdelt_ids(tmp_path):
    from geoevents.importers import export_acled, import_acled

    cols = (
        "event_id, event_type, sub_event_type, date_start, date_end, country, lon, lat, origin, "
        "cameo_code, participants"
    )
    with open_store(tmp_path / "a.duckdb") as a:
        import_gdelt(a, TABLE)
        before = a.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        assert export_acled(a.events(), tmp_path / "out.csv") == 8  # one row has no point
    with open_store(tmp_path / "b.duckdb") as b:
        assert import_acled(b, tmp_path / "out.csv").imported == 8
        after = b.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
    assert after == before
    # the CAMEO code and the participants came back from the export's tags
    got = {r[0]: (r[-2], sorted(r[-1])) for r in after}
    assert got["gdelt:1100000002"] == ("042", ["DZ", "NE"])
