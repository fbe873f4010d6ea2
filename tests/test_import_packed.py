"""Dataset files as delivered: zip archives, gzip, Excel workbooks, for every importer.

Each packed form must import exactly the events of the plain file, re-import to nothing,
and report a bad row where the analyst sees it (``ged.zip!ged.csv:3``, sheet row 5).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import SourceFormatError
from geoevents.importers import import_acled, import_gdelt, import_ucdp
from geoevents.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "import"

#: ACLED columns a workbook holds as numbers, and the one it holds as an Excel date.
_NUMERIC = {"year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
            "fatalities", "timestamp"}  # fmt: skip


def _events(db: Path) -> list[tuple]:
    with open_store(db, read_only=True) as s:
        return s.con.execute(
            "SELECT event_id, event_type, sub_event_type, date_start, date_end, time_precision, "
            "country, location_name, geo_precision, lon, lat, ST_AsText(geom), actors, "
            "fatalities, notes, origin FROM events ORDER BY event_id"
        ).fetchall()


def _plain(importer, path: Path, tmp_path: Path) -> list[tuple]:
    db = tmp_path / "plain.duckdb"
    with open_store(db) as s:
        importer(s, path)
    return _events(db)


def _zip(src: Path, out: Path, *extra: tuple[str, str]) -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, f"data/{src.name}")
        for name, text in extra:
            zf.writestr(name, text)
    return out


def _gz(src: Path, out: Path) -> Path:
    with src.open("rb") as fh, gzip.open(out, "wb") as gz:
        shutil.copyfileobj(fh, gz)
    return out


def _workbook(src: Path, out: Path, *, blank_after_header: bool = False) -> Path:
    """Write a CSV fixture as Excel would hold it: numbers as numbers, dates as dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        sheet.append(header)
        if blank_after_header:
            sheet.append([])
        for rec in reader:
            row: list[object] = []
            for name, value in zip(header, rec, strict=False):
                if name in _NUMERIC:
                    try:
                        row.append(float(value) if "." in value else int(value))
                        continue
                    except ValueError:
                        pass
                if name == "event_date":
                    try:
                        row.append(dt.datetime.strptime(value, "%Y-%m-%d"))
                        continue
                    except ValueError:
                        pass
                row.append(value)
            sheet.append(row)
    book.save(out)
    return out


PACKINGS = {
    "zip": lambda src, tmp: _zip(src, tmp / f"{src.name}.zip", ("README.txt", "terms of use")),
    "gz": lambda src, tmp: _gz(src, tmp / f"{src.name}.gz"),
    "zip of gz": lambda src, tmp: _zip(_gz(src, tmp / f"{src.name}.gz"), tmp / "inner.zip"),
}


@pytest.mark.parametrize(
    ("importer", "fixture"),
    [
        (import_acled, "acled_current.csv"),
        (import_acled, "acled_pre2019.csv"),
        (import_ucdp, "ged_49.csv"),
        (import_ucdp, "ged.geojson"),
        (import_gdelt, "gdelt_events.CSV"),
    ],
)
@pytest.mark.parametrize("packing", list(PACKINGS))
def test_packed_file_imports_like_the_plain_one(tmp_path, importer, fixture, packing):
    src = DATA / fixture
    expected = _plain(importer, src, tmp_path)
    assert expected
    packed = PACKINGS[packing](src, tmp_path)
    db = tmp_path / "packed.duckdb"
    with open_store(db) as s:
        first = importer(s, packed)
        again = importer(s, packed)
    assert _events(db) == expected
    assert (again.imported, again.unchanged) == (0, first.imported)
    assert first.file.startswith(str(packed))
    assert not list(tmp_path.glob("geoevents-unpack-*"))


def test_acled_workbook_imports_like_the_csv(tmp_path):
    src = DATA / "acled_current.csv"
    expected = _plain(import_acled, src, tmp_path)
    book = _workbook(src, tmp_path / "Africa_aggregated.xlsx")
    db = tmp_path / "xlsx.duckdb"
    with open_store(db) as s:
        summary = import_acled(s, book)
        again = import_acled(s, _zip(book, tmp_path / "Africa.zip"))
    assert summary.file == f"{book}!Data"
    assert (summary.imported, summary.skipped) == (len(expected), 0)
    assert _events(db) == expected  # Excel dates and numbers read as the CSV's text
    assert (again.imported, again.unchanged) == (0, len(expected))


def test_workbook_bad_rows_name_their_sheet_row(tmp_path):
    src = DATA / "acled_bad.csv"
    book = _workbook(src, tmp_path / "bad.xlsx", blank_after_header=True)
    with open_store(tmp_path / "x.duckdb") as s:
        summary = import_acled(s, book)
    assert summary.imported == 3
    by_row = {e.line: e.reason for e in summary.errors}
    assert all(e.file == f"{book}!Data" for e in summary.errors)
    # CSV line 3 is sheet row 4 (a blank row after the header); the CSV's record with two
    # lines of notes is one sheet row, so the later rows are one line closer than in the CSV
    assert "'31 Febtember 2024'" in by_row[4]
    assert "latitude 'abc'" in by_row[5]
    assert "event_type 'Picnics'" in by_row[6]
    assert "fatalities 'many'" in by_row[11]
    assert str(summary.errors[0]) == f"{book}!Data:4: {by_row[4]}"


def test_ucdp_zip_as_shipped(tmp_path):
    src = DATA / "ged_49.csv"
    archive = tmp_path / "ged251-csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(src, "GEDEvent_v25_1.csv")
        zf.writestr("__MACOSX/._GEDEvent_v25_1.csv", "resource fork")
        zf.writestr("codebook.pdf", "%PDF")
    with open_store(tmp_path / "x.duckdb") as s:
        summary = import_ucdp(s, archive)
    assert summary.file == f"{archive}!GEDEvent_v25_1.csv"
    assert summary.imported == len(_plain(import_ucdp, src, tmp_path))


def test_gdelt_bigquery_export_with_header(tmp_path):
    """A BigQuery export: comma-separated, quoted, a header row naming GlobalEventID."""
    src = DATA / "gdelt_events.CSV"
    expected = _plain(import_gdelt, src, tmp_path)
    from geoevents.importers.gdelt import GDELT_COLUMNS

    out = tmp_path / "bq-results.csv"
    with src.open(encoding="utf-8", newline="") as fh, out.open("w", encoding="utf-8") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for line in fh:
            writer.writerow(line.rstrip("\n").split("\t"))
    with open_store(tmp_path / "tsv.duckdb") as s:
        tsv = import_gdelt(s, src)
    db = tmp_path / "bq.duckdb"
    with open_store(db) as s:
        summary = import_gdelt(s, out)
    assert _events(db) == expected
    assert (summary.imported, summary.skipped) == (tsv.imported, tsv.skipped)
    # the same bad rows, one line further down (the header)
    assert [e.line for e in summary.errors] == [e.line + 1 for e in tsv.errors]


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("two.zip", lambda p: _two_members(p), "expected one data file in the archive, found 2"),
        ("none.zip", lambda p: _members(p, ("README.md", "x")), "found 0"),
        ("broken.zip", lambda p: p.write_bytes(b"PK\x03\x04 not really"), "not a readable zip"),
        ("broken.csv.gz", lambda p: p.write_bytes(b"\x1f\x8b\x08junk"), "not a readable gzip"),
        ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "save it as .xlsx or CSV"),
        ("fake.xlsx", lambda p: p.write_text("a,b\n", encoding="utf-8"), "not a readable Excel"),
        ("empty.xlsx", lambda p: openpyxl.Workbook().save(p), "the first sheet is empty"),
    ],
)
def test_unreadable_packing_is_one_clear_error(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    with open_store(tmp_path / "x.duckdb") as s:
        with pytest.raises(SourceFormatError, match=message) as info:
            import_acled(s, path)
        assert s.count() == 0
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def _members(path: Path, *members: tuple[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members:
            zf.writestr(name, text)


def _two_members(path: Path) -> None:
    _members(path, ("a.csv", "x\n"), ("b.csv", "y\n"))


def test_cli_imports_a_workbook_and_reports_the_sheet_row(tmp_path):
    book = _workbook(DATA / "acled_bad.csv", tmp_path / "bad.xlsx")
    result = CliRunner().invoke(
        main, ["import", "acled", "--db", str(tmp_path / "x.duckdb"), str(book)]
    )
    assert result.exit_code == 0, result.output
    assert '"imported": 3' in result.stdout
    assert f"{book}!Data:3: " in result.stderr
    # --strict: the same file again adds nothing, still skips the bad rows, and exits 1
    strict = CliRunner().invoke(
        main, ["import", "acled", "--strict", "--db", str(tmp_path / "x.duckdb"), str(book)]
    )
    assert strict.exit_code == 1
    assert '"imported": 0' in strict.stdout
    assert strict.stderr.strip().splitlines()[-1] == (
        "Error: 7 row(s) skipped (--strict); the other rows were imported"
    )
    clean = _workbook(DATA / "acled_current.csv", tmp_path / "clean.xlsx")
    ok = CliRunner().invoke(
        main, ["import", "acled", "--strict", "--db", str(tmp_path / "x.duckdb"), str(clean)]
    )
    assert ok.exit_code == 0, ok.output


# -- API responses and JSON Lines --------------------------------------------------------------
def _records(src: Path, *, numbers: bool) -> list[dict[str, object]]:
    """The fixture's rows as an API gives them: ACLED's all strings, UCDP's numbers as numbers."""
    with src.open(encoding="utf-8", newline="") as fh:
        out = []
        for rec in csv.DictReader(fh):
            row: dict[str, object] = {}
            for k, v in rec.items():
                try:
                    row[k] = (float(v) if "." in v else int(v)) if numbers else v
                except ValueError:
                    row[k] = v if v != "" or not numbers else None
            out.append(row)
    return out


def test_acled_api_response(tmp_path):
    src = DATA / "acled_current.csv"
    expected = _plain(import_acled, src, tmp_path)
    page = tmp_path / "acled_api_page1.json"
    body = {"status": 200, "success": True, "count": 6, "messages": [],
            "data": _records(src, numbers=False), "filename": "x"}  # fmt: skip
    page.write_text(json.dumps(body, indent=2), encoding="utf-8")
    db = tmp_path / "api.duckdb"
    with open_store(db) as s:
        summary = import_acled(s, page)
        again = import_acled(s, page)
    assert summary.file == f"{page}!data"
    assert _events(db) == expected
    assert (again.imported, again.unchanged) == (0, 6)


def test_ucdp_api_response_and_json_lines(tmp_path):
    src = DATA / "ged_49.csv"
    expected = _plain(import_ucdp, src, tmp_path)
    records = _records(src, numbers=True)
    page = tmp_path / "gedevents.json"
    body = {"TotalCount": len(records), "TotalPages": 1, "NextPageUrl": "", "Result": records}
    page.write_text(json.dumps(body), encoding="utf-8")
    lines = tmp_path / "ged.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n\n" for r in records), encoding="utf-8")
    zipped = _zip(lines, tmp_path / "ged-jsonl.zip")  # a JSON Lines member is data too
    for path in (page, lines, zipped):
        db = tmp_path / f"{path.suffix[1:]}.duckdb"
        with open_store(db) as s:
            assert import_ucdp(s, path).imported == len(expected)
        assert _events(db) == expected


def test_json_bad_records_name_the_line_where_they_open(tmp_path):
    records = _records(DATA / "acled_current.csv", numbers=False)
    records[2]["event_date"] = "someday {soon}"
    records[4]["latitude"] = "north"
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"data": records}, indent=1), encoding="utf-8")
    text = page.read_text(encoding="utf-8").splitlines()
    opens = [i for i, line in enumerate(text, start=1) if line == "  {"]
    nd = tmp_path / "page.ndjson"
    nd.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with open_store(tmp_path / "x.duckdb") as s:
        summary = import_acled(s, page)
        lined = import_acled(s, nd)
    assert [e.line for e in summary.errors] == [opens[2], opens[4]]
    assert "'someday {soon}'" in summary.errors[0].reason
    assert [e.line for e in lined.errors] == [3, 5]
    assert str(lined.errors[1]).startswith(f"{nd}:5: latitude 'north'")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"status": 200, "data": []}', "holds no records"),
        ('{"status": 200, "rows": [{"a": 1}]}', "expected a JSON array or an object with one of"),
        ("[1, 2", "not readable JSON"),
    ],
)
def test_unusable_json(tmp_path, text, message):
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with open_store(tmp_path / "x.duckdb") as s, pytest.raises(SourceFormatError, match=message):
        import_acled(s, path)
