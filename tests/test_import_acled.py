"""ACLED import: every export generation, date formats, bad rows, idempotence, export round trip."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import SourceFormatError
from geoevents.gazetteer import load_gazetteer
from geoevents.importers import export_acled, import_acled
from geoevents.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "import"
#: Mali's bounding box (lon/lat), from its national borders.
MALI_BBOX = (-12.25, 10.15, 4.25, 25.0)


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s


def rows(store, where="TRUE"):
    cur = store.con.execute(
        "SELECT event_id, event_type, sub_event_type, date_start, time_precision, country, "
        "location_name, geo_precision, lon, lat, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_X(geom) END AS gx, "
        "CASE WHEN ST_GeometryType(geom)::VARCHAR = 'POINT' THEN ST_Y(geom) END AS gy, "
        "ST_GeometryType(geom)::VARCHAR AS shape, actors, fatalities, "
        f"origin, extra FROM events WHERE {where} ORDER BY event_id"
    )
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def test_current_export(store):
    summary = import_acled(store, DATA / "acled_current.csv")
    assert (summary.rows, summary.imported, summary.unchanged, summary.skipped) == (6, 6, 0, 0)
    got = rows(store)
    gao = got["acled:MLI90001"]
    assert (gao["event_type"], gao["sub_event_type"]) == ("battle", "armed_clash")
    assert gao["date_start"] == dt.date(2024, 7, 25)
    assert gao["country"] == "ML"
    assert gao["fatalities"] == 12
    assert gao["actors"][:2] == ["Military Forces of Mali (2021-)", "Wagner Group"]
    # geometry is (lon, lat), exactly where the file put it
    assert (gao["gx"], gao["gy"]) == (-0.0444, 16.2719)
    assert (gao["lon"], gao["lat"]) == (-0.0444, 16.2719)
    menaka = got["acled:MLI90002"]
    assert menaka["sub_event_type"] == "air_drone_strike"
    assert menaka["date_start"] == dt.date(2024, 11, 1)
    assert menaka["time_precision"] == "week"
    assert menaka["geo_precision"] == 2
    assert json.loads(menaka["extra"])["civilian_targeting"] == "Civilian targeting"
    assert got["acled:MLI90005"]["time_precision"] == "month"
    assert got["acled:BFO90003"]["country"] == "BF"
    assert got["acled:BFO90003"]["actors"][-2:] == [
        "Women (Burkina Faso)",
        "Farmers (Burkina Faso)",
    ]
    assert got["acled:NIG90004"]["event_type"] == "protest"
    assert got["acled:BFO90006"]["event_type"] == "riot"
    assert json.loads(got["acled:NIG90004"]["extra"])["tags"] == "crowd size=several hundred"


def test_malian_row_inside_mali(store):
    import_acled(store, DATA / "acled_current.csv")
    mali = load_gazetteer().country("ML")
    assert mali is not None
    assert mali.geometry_wkt
    inside = dict(
        store.con.execute(
            "SELECT event_id, ST_Within(geom, ST_GeomFromText(?)) FROM events WHERE country = 'ML'",
            [mali.geometry_wkt],
        ).fetchall()
    )
    assert inside and all(inside.values()), inside
    for x, y in store.con.execute("SELECT lon, lat FROM events WHERE country = 'ML'").fetchall():
        assert MALI_BBOX[0] <= x <= MALI_BBOX[2]
        assert MALI_BBOX[1] <= y <= MALI_BBOX[3]
    # and the same point with lon/lat swapped would not be in Mali: the check can fail
    swapped = store.con.execute(
        "SELECT ST_Within(ST_Point(ST_Y(geom), ST_X(geom)), ST_GeomFromText(?)) FROM events "
        "WHERE event_id = 'acled:MLI90001'",
        [mali.geometry_wkt],
    ).fetchone()
    assert swapped == (False,)


def test_2019_2023_export(store):
    summary = import_acled(store, DATA / "acled_2019_2023.csv")
    assert summary.imported == 3
    got = rows(store)
    assert got["acled:MLI5001"]["date_start"] == dt.date(2021, 2, 16)
    assert got["acled:BFO5002"]["date_start"] == dt.date(2020, 5, 9)
    assert got["acled:BFO5002"]["sub_event_type"] == "remote_explosive_landmine_ied"
    assert got["acled:NIG5003"]["date_start"] == dt.date(2022, 3, 21)
    extra = json.loads(got["acled:MLI5001"]["extra"])
    assert extra["event_id_no_cnty"] == "5001"
    assert (extra["inter1"], extra["inter2"], extra["interaction"]) == ("1", "2", "12")
    assert {r["country"] for r in got.values()} == {"ML", "BF", "NE"}


def test_pre2019_export_maps_old_types(store):
    summary = import_acled(store, DATA / "acled_pre2019.csv")
    assert summary.imported == 8
    got = {k: (v["event_type"], v["sub_event_type"]) for k, v in rows(store).items()}
    assert got == {
        "acled:MLI1201": ("battle", "armed_clash"),
        "acled:MLI1202": ("battle", "government_regains_territory"),
        "acled:MLI1203": ("explosion_remote_violence", None),
        "acled:BFO1204": ("protest", None),
        "acled:NIG1205": ("violence_against_civilians", None),
        "acled:MLI1206": ("strategic_development", "non_violent_transfer_of_territory"),
        "acled:MLI1207": ("strategic_development", "headquarters_or_base_established"),
        "acled:MLI1208": ("strategic_development", None),
    }
    first = rows(store)["acled:MLI1201"]
    assert first["actors"] == ["MNLA", "HCUA", "AQIM"]  # ALLY_ACTOR_1 read as assoc_actor_1
    assert first["date_start"] == dt.date(2015, 1, 1)
    assert json.loads(first["extra"])["gwno"] == "432"
    assert first["country"] == "ML"  # from the name: pre-2019 files have no ISO column


def test_reduced_export_with_bom_index_and_upper_case(store):
    summary = import_acled(store, DATA / "acled_reduced.csv")
    assert (summary.imported, summary.skipped) == (5, 0)
    got = rows(store)
    assert got["acled:MLI7701"]["lon"] == -0.0444
    assert got["acled:MLI7701"]["lat"] == 16.2719
    assert got["acled:NIG7703"]["fatalities"] is None
    assert got["acled:NIG7703"]["date_start"] == dt.date(2015, 1, 1)
    assert got["acled:MLI7704"]["sub_event_type"] == "looting_property_destruction"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-16", dt.date(2023, 2, 16)),
        ("01 November 2024", dt.date(2024, 11, 1)),
        ("01-January-2015", dt.date(2015, 1, 1)),
        ("16-Feb-21", dt.date(2021, 2, 16)),
        ("9-May-20", dt.date(2020, 5, 9)),
        ("16-Feb-1997", dt.date(1997, 2, 16)),
        ("30-Jan-97", dt.date(1997, 1, 30)),
        # saved by a spreadsheet: day first (French), two-digit years, or month first (US)
        ("25/07/2024", dt.date(2024, 7, 25)),
        ("3/4/2024", dt.date(2024, 4, 3)),  # nothing tells: day first
        ("25/7/24", dt.date(2024, 7, 25)),
        ("7/25/2024", dt.date(2024, 7, 25)),
    ],
)
def test_date_formats(store, tmp_path, text, expected):
    path = tmp_path / "dates.csv"
    path.write_text(
        f"event_id_cnty,event_date,event_type,latitude,longitude\nMLI1,{text},Battles,16.27,-0.04\n",
        encoding="utf-8",
    )
    summary = import_acled(store, path)
    assert summary.imported == 1, summary.errors
    assert rows(store)["acled:MLI1"]["date_start"] == expected


def test_month_first_file_reads_every_row_month_first(store, tmp_path):
    """One date with a second number above 12 makes the whole file month first."""
    path = tmp_path / "us.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,latitude,longitude\n"
        "MLI1,7/25/2024,Battles,16.27,-0.04\nMLI2,3/4/2024,Battles,16.27,-0.04\n",
        encoding="utf-8",
    )
    assert import_acled(store, path).imported == 2
    assert rows(store)["acled:MLI2"]["date_start"] == dt.date(2024, 3, 4)


def test_bad_rows_reported_with_line_and_skipped(store):
    path = DATA / "acled_bad.csv"
    summary = import_acled(store, path)
    assert (summary.rows, summary.imported, summary.skipped) == (10, 3, 7)
    assert set(rows(store)) == {"acled:MLI6601", "acled:MLI6606", "acled:MLI6610"}
    lines = {e.line: e.reason for e in summary.errors}
    assert all(e.file == str(path) for e in summary.errors)
    assert sorted(lines) == [3, 4, 5, 6, 9, 10, 11]
    assert "'31 Febtember 2024'" in lines[3]
    assert "latitude 'abc'" in lines[4]
    assert "event_type 'Picnics'" in lines[5]
    assert "event_id_cnty" in lines[6]
    assert "out of range" in lines[9]
    assert "31" in lines[10]  # wrong number of columns (DuckDB's own reject)
    assert "fatalities 'many'" in lines[11]
    assert str(summary.errors[0]) == f"{path}:3: {lines[3]}"
    # the multi-line notes survive
    note = store.con.execute("SELECT notes FROM events WHERE event_id = 'acled:MLI6606'").fetchone()
    assert note == ("two\nlines of notes",)


def test_reimport_adds_nothing(store):
    first = import_acled(store, DATA / "acled_current.csv")
    before = store.con.execute("SELECT count(*), sum(fatalities) FROM events").fetchone()
    again = import_acled(store, DATA / "acled_current.csv")
    assert (first.imported, again.imported, again.unchanged) == (6, 0, 6)
    assert store.con.execute("SELECT count(*), sum(fatalities) FROM events").fetchone() == before


def test_not_an_acled_file(store, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="event_type"):
        import_acled(store, path)
    assert store.count() == 0


#: A Burkina Faso export as shared trimmed: no event_id_cnty, no coordinates (synthetic rows
#: shaped like ACLED's; places from the bundled gazetteer).
TRIMMED = (
    "event_date,event_type,sub_event_type,actor1,actor2,country,admin1,"
    "admin2,location,fatalities,notes\n"
    "12 May 2024,Battles,Armed clash,VDP,JNIM,Burkina Faso,Sahel,Soum,"
    "Djibo,4,Clash near Djibo.\n"
    "13 May 2024,Protests,Peaceful protest,Protesters,,Burkina Faso,Centre,"
    "Kadiogo,Ouagadougou,0,March.\n"
    "14 May 2024,Violence against civilians,Attack,JNIM,Civilians,"
    "Burkina Faso,Sahel,Soum,Xqzhamlet,2,Raid.\n"
    "14 May 2024,Violence against civilians,Attack,JNIM,Civilians,"
    "Burkina Faso,Sahel,Soum,Xqzhamlet,2,Raid.\n"
    "15 May 2024,Strategic developments,Looting/property destruction,JNIM,,"
    "Burkina Faso,,,,0,Looting.\n"
    "16 May 2024,Riots,Mob violence,Rioters,,,,,Xqzvillage,0,Unplaced.\n"
)


def test_a_trimmed_export_without_ids_or_coordinates_lands_whole(store, tmp_path):
    path = tmp_path / "bf_trimmed.csv"
    path.write_text(TRIMMED, encoding="utf-8")
    summary = import_acled(store, path)
    assert (summary.rows, summary.imported, summary.skipped) == (6, 6, 0)
    assert (summary.geocoded, summary.unplaced) == (5, 1)
    got = rows(store)
    assert all(k.startswith("acled:key-") for k in got)
    assert len(got) == 6  # the two identical rows are two events (key, key-2)
    assert sum(k.endswith("-2") for k in got) == 1
    by_place = {r["location_name"]: r for r in got.values()}
    djibo = by_place["Djibo"]
    assert djibo["geo_precision"] == 1
    assert abs(djibo["lon"] - (-1.63)) < 0.1
    assert abs(djibo["lat"] - 14.10) < 0.1
    assert by_place["Xqzhamlet"]["geo_precision"] == 3  # placed in its district, not a town
    unplaced = by_place["Xqzvillage"]
    assert (unplaced["lon"], unplaced["gx"]) == (None, None)
    countrywide = [r for r in got.values() if r["location_name"] is None]
    assert [r["geo_precision"] for r in countrywide] == [4]
    # every placed row inside Burkina Faso
    bf = load_gazetteer().country("BF")
    inside = store.con.execute(
        "SELECT count(*) FROM events WHERE geom IS NOT NULL "
        "AND NOT ST_Intersects(geom, ST_GeomFromText(?))",
        [bf.geometry_wkt],
    ).fetchone()
    assert inside == (0,)
    again = import_acled(store, path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 6)
    assert store.count() == 6


def test_the_derived_key_is_stable_and_documented():
    from geoevents.importers.acled import KEY_COLUMNS, _id_sql

    names = ("event_date", "event_type", "location")
    assert set(names) <= set(KEY_COLUMNS)
    assert _id_sql(names) == _id_sql(names)
    assert "event_id_cnty" not in KEY_COLUMNS


def test_rows_without_coordinates_are_geocoded_honestly(store):
    summary = import_acled(store, DATA / "acled_nocoords.csv")
    assert (summary.imported, summary.geocoded) == (4, 4)
    got = rows(store)
    gao = got["acled:MLI8801"]
    assert gao["geo_precision"] == 1
    assert abs(gao["lon"] - (-0.04)) < 0.1
    assert abs(gao["lat"] - 16.27) < 0.1
    djibo = got["acled:BFO8802"]
    assert abs(djibo["lon"] - (-1.63)) < 0.1
    assert abs(djibo["lat"] - 14.10) < 0.1
    # unknown location, known region: placed in the region, precision 3 (not a town)
    region = got["acled:MLI8803"]
    assert region["geo_precision"] == 3
    kind = store.con.execute(
        "SELECT place_kind FROM events WHERE event_id = 'acled:MLI8803'"
    ).fetchone()
    assert kind == ("region",)
    # nothing but the country: precision 4, a point inside Niger
    niger = got["acled:NIG8804"]
    assert niger["geo_precision"] == 4
    ne = load_gazetteer().country("NE")
    inside = store.con.execute(
        "SELECT ST_Within(geom, ST_GeomFromText(?)) FROM events WHERE event_id = 'acled:NIG8804'",
        [ne.geometry_wkt],
    ).fetchone()
    assert inside == (True,)


def test_export_then_reimport_gives_same_events(tmp_path):
    cols = (
        "event_id, event_type, sub_event_type, date_start, time_precision, country, admin1, "
        "location_name, geo_precision, lon, lat, actors, fatalities, source, notes, origin"
    )
    with open_store(tmp_path / "a.duckdb") as a:
        for name in ("acled_current.csv", "acled_2019_2023.csv", "acled_pre2019.csv"):
            import_acled(a, DATA / name)
        original = a.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        n = export_acled(a.events(), tmp_path / "export.csv")
    assert n == len(original) == 17
    with open_store(tmp_path / "b.duckdb") as b:
        summary = import_acled(b, tmp_path / "export.csv")
        assert (summary.imported, summary.skipped) == (17, 0)
        again = b.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
        extra = b.con.execute(
            "SELECT extra FROM events WHERE event_id = 'acled:MLI90002'"
        ).fetchone()
    assert again == original
    assert json.loads(extra[0])["civilian_targeting"] == "Civilian targeting"


def test_export_of_text_events_keeps_their_ids(tmp_path):
    from geoevents.models import Event

    event = Event(
        event_id="txt:0123456789abcdef",
        event_type="diplomacy",
        sub_event_type="visit",
        date_start=dt.date(2024, 5, 2),
        date_end=dt.date(2024, 5, 2),
        time_precision="day",
        origin="text",
        country="ML",
        location_name="Bamako",
        geo_precision=1,
        lon=-8.0,
        lat=12.65,
        actors=("Assimi Goita", "Vladimir Putin", "Abdourahamane Tiani"),
        fatalities=None,
        source="article.txt",
    )
    with open_store(tmp_path / "a.duckdb") as a:
        a.write_events([event])
        export_acled(a.events(), tmp_path / "text.csv")
    with open_store(tmp_path / "b.duckdb") as b:
        assert import_acled(b, tmp_path / "text.csv").imported == 1
        got = b.con.execute(
            "SELECT event_id, event_type, sub_event_type, origin, actors, lon, lat FROM events"
        ).fetchall()
    assert got == [
        (
            "txt:0123456789abcdef",
            "diplomacy",
            "visit",
            "text",
            ["Assimi Goita", "Vladimir Putin", "Abdourahamane Tiani"],
            -8.0,
            12.65,
        )
    ]


def test_cli_import(tmp_path):
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    args = [
        "import",
        "acled",
        "--db",
        str(db),
        str(DATA / "acled_current.csv"),
        str(DATA / "acled_bad.csv"),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    summaries = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(s["imported"], s["skipped"]) for s in summaries] == [(6, 0), (3, 7)]
    assert f"{DATA / 'acled_bad.csv'}:3: event_date" in result.stderr
    again = runner.invoke(main, args)
    assert [json.loads(line)["unchanged"] for line in again.stdout.splitlines()] == [6, 3]


def test_cli_import_missing_file_exit_1(tmp_path):
    result = CliRunner().invoke(
        main, ["import", "acled", "--db", str(tmp_path / "x.duckdb"), str(tmp_path / "nope.csv")]
    )
    assert result.exit_code == 1
    assert "nope.csv" in result.stderr


def test_repeated_id_in_file_keeps_first_and_settings_restored(store, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
        "MLI1,2024-01-01,Battles,16.27,-0.04,1\n"
        "MLI2,2024-01-02,Battles,16.27,-0.04,2\n"
        "MLI1,2024-01-01,Battles,16.27,-0.04,1\n",
        encoding="utf-8",
    )
    summary = import_acled(store, path)
    assert (summary.rows, summary.imported, summary.unchanged, summary.skipped) == (3, 2, 1, 0)
    assert store.count() == 2
    settings = store.con.execute(
        "SELECT current_setting('preserve_insertion_order'), current_setting('disabled_optimizers')"
    ).fetchone()
    assert settings == (True, "")


def test_semicolon_decimal_comma_latin1(store, tmp_path):
    """A spreadsheet re-save: ';' separator, decimal commas, Latin-1 text."""
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "event_id_cnty;event_date;event_type;location;latitude;longitude\n"
        "MLI9;16-Feb-21;Battles;Ségou;13,4317;-6,2157\n".encode("latin-1")
    )
    summary = import_acled(store, path)
    assert (summary.imported, summary.skipped) == (1, 0), summary.errors
    got = rows(store)["acled:MLI9"]
    assert (got["lon"], got["lat"]) == (-6.2157, 13.4317)
    assert got["location_name"] == "Ségou"


def test_revised_rows_update_stored_events(store, tmp_path):
    first = import_acled(store, DATA / "acled_current.csv")
    assert first.updated == 0
    revised = tmp_path / "revised.csv"
    text = (DATA / "acled_current.csv").read_text(encoding="utf-8")
    text = text.replace("Synthetic battles event near Gao.,12,", "Revised: more dead.,15,")
    revised.write_text(text, encoding="utf-8")
    again = import_acled(store, revised)
    assert (again.imported, again.updated, again.unchanged) == (0, 1, 5)
    got = rows(store)["acled:MLI90001"]
    assert got["fatalities"] == 15
    assert (got["lon"], got["lat"]) == (-0.0444, 16.2719)
    assert store.count() == 6
    # and the same file once more changes nothing
    assert import_acled(store, revised).updated == 0


def test_geocoded_place_survives_reimport(store):
    import_acled(store, DATA / "acled_nocoords.csv")
    before = store.con.execute(
        "SELECT event_id, lon, lat, geo_precision FROM events ORDER BY 1"
    ).fetchall()
    again = import_acled(store, DATA / "acled_nocoords.csv")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 4)
    assert (
        store.con.execute(
            "SELECT event_id, lon, lat, geo_precision FROM events ORDER BY 1"
        ).fetchall()
        == before
    )


def test_stored_key_past_the_precheck_still_found(store, tmp_path):
    """A file whose first rows are new but a later row is stored (and revised) imports right."""
    from geoevents.importers.common import PRECHECK_ROWS

    header = "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
    old = tmp_path / "old.csv"
    old.write_text(header + "MLI1,2024-01-01,Battles,16.27,-0.04,1\n", encoding="utf-8")
    assert import_acled(store, old).imported == 1
    n_new = PRECHECK_ROWS + 100
    body = "".join(f"BFO{i},2024-02-01,Protests,12.37,-1.52,0\n" for i in range(n_new))
    big = tmp_path / "big.csv"
    big.write_text(
        header + body + "MLI1,2024-01-01,Battles,16.27,-0.04,4\nBFO1,x,Battles,1,1,1\n",
        encoding="utf-8",
    )
    summary = import_acled(store, big)
    assert (summary.imported, summary.updated, summary.unchanged, summary.skipped) == (
        n_new,
        1,
        0,
        1,
    )
    assert [e.line for e in summary.errors] == [n_new + 3]
    assert store.count() == n_new + 1
    fat = store.con.execute("SELECT fatalities FROM events WHERE event_id = 'acled:MLI1'")
    assert fat.fetchone() == (4,)
    again = import_acled(store, big)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, n_new + 1)


def test_import_leaves_the_connection_settings_as_they_were(store):
    names = ("write_buffer_row_group_memory_limit", "preserve_insertion_order",
             "disabled_optimizers")  # fmt: skip
    query = "SELECT " + ", ".join(f"current_setting('{n}')" for n in names)
    before = store.con.execute(query).fetchone()
    import_acled(store, DATA / "acled_current.csv")
    import_acled(store, DATA / "acled_current.csv")  # the staged path too
    assert store.con.execute(query).fetchone() == before


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("event_date", "2024-07-26"),
        ("sub_event_type", "Attack"),
        ("time_precision", "2"),
        ("fatalities", "13"),
        ("notes", "revised notes"),
        ("actor2", "Someone else"),
        ("latitude", "16.3"),
    ],
)
def test_a_revision_of_any_compared_column_updates(store, tmp_path, column, value):
    """Re-imports compare a fingerprint of each row: one changed value is enough."""
    with (DATA / "acled_current.csv").open(encoding="utf-8", newline="") as fh:
        recs = list(csv.reader(fh))
    import_acled(store, DATA / "acled_current.csv")
    recs[1][recs[0].index(column)] = value
    revised = tmp_path / "revised.csv"
    with revised.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(recs)
    summary = import_acled(store, revised)
    assert (summary.updated, summary.unchanged) == (1, 5)
    assert import_acled(store, revised).updated == 0  # and the revision is now stored


def test_cli_failure_paths_of_an_import(tmp_path):
    db = str(tmp_path / "events.duckdb")
    header_only = tmp_path / "header.csv"
    header_only.write_text("event_id_cnty,event_date,event_type\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "acled", "--db", db, str(header_only)])
    assert result.exit_code == 1
    assert "no records, only a header" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["import", "acled", "--db", db, str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no dataset files in folder" in result.output
    # a 65k-character header name gives a short, one-line refusal
    wide = tmp_path / "wide.csv"
    wide.write_text("x" * 65_000 + ",event_date\n1,2024-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "acled", "--db", db, str(wide)])
    assert result.exit_code == 1
    assert "no column 'event_type'" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 400


def test_a_ten_megabyte_line_is_one_skipped_row_and_the_others_land(store, tmp_path):
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("event_id_cnty,event_date,event_type,notes\n")
        fh.write("MLI1,2024-01-01,Battles," + "n" * 10_000_000 + "\n")
        fh.write("MLI2,2024-01-02,Battles,short\n")
    summary = import_acled(store, path)
    assert (summary.rows, summary.imported, summary.skipped) == (2, 1, 1)
    assert summary.errors[0].line == 2
    row = len("MLI1,2024-01-01,Battles,") + 10_000_000  # without its newline
    assert (
        summary.errors[0].reason == f"a row of {row:,} bytes; rows are read up to 2,000,000 bytes"
    )
    assert len(str(summary.errors[0])) < 400


def test_a_huge_bad_value_gives_a_short_error(store, tmp_path):
    path = tmp_path / "baddate.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type\nMLI1," + "d" * 100_000 + ",Battles\n"
        "MLI2,2024-01-02,Battles\n",
        encoding="utf-8",
    )
    summary = import_acled(store, path)
    assert (summary.imported, summary.skipped) == (1, 1)
    text = str(summary.errors[0])
    assert text.startswith(f"{path}:2: event_date 'ddd")
    assert len(text) <= 300
    assert text.endswith("...")


def test_a_header_longer_than_the_sniffed_head_is_read_whole(store, tmp_path):
    from geoevents.importers import import_gdelt

    path = tmp_path / "long_header.csv"
    path.write_text(
        "x" * 70_000 + ",event_id_cnty,event_date,event_type\nnote,MLI1,2024-07-25,Battles\n",
        encoding="utf-8",
    )
    summary = import_acled(store, path)
    assert (summary.imported, summary.skipped) == (1, 0)
    wide = tmp_path / "wide.tsv"
    wide.write_text("\t".join(["y" * 70_000, "a", "b", "c", "d", "e"]) + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="6 tab-separated columns, expected 61"):
        import_gdelt(store, wide)
