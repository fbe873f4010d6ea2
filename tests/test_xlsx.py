"""The workbook reader: every cell kind, both date systems, sparse rows, strict OOXML.

Workbooks come from two writers: openpyxl (a dependency of the tests, not of the package)
and hand-written XML parts, for the forms openpyxl does not produce (rich and phonetic
runs, ``date1904``, rows and cells without ``r``, the strict namespace, a chartsheet first).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from geoevents.errors import SourceFormatError
from geoevents.importers.xlsx import first_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def read(path: Path) -> tuple[str, list[tuple[int, list[str]]]]:
    book, sheet = first_sheet(path)
    with book:
        return sheet.name, list(sheet.rows())


def test_openpyxl_workbook(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "ACLED"
    ws.append(["event_id_cnty", "event_date", "latitude", "fatalities", "ok", "when"])
    when = dt.datetime(2024, 7, 25, 14, 30)
    ws.append(["MLI1", dt.datetime(2024, 7, 25), 16.2719, 12, True, when])
    ws.append(["MLI2", dt.date(2023, 2, 16), -0.0444, 0, False, None])
    ws.append([])
    ws["C6"] = "sparse"
    ws["B7"] = "=1+1"  # a formula without a cached value reads as empty
    path = tmp_path / "a.xlsx"
    book.save(path)
    name, rows = read(path)
    assert name == "ACLED"
    assert rows[0] == (1, ["event_id_cnty", "event_date", "latitude", "fatalities", "ok", "when"])
    assert rows[1] == (2, ["MLI1", "2024-07-25", "16.2719", "12", "true", "2024-07-25 14:30:00"])
    assert rows[2] == (3, ["MLI2", "2023-02-16", "-0.0444", "0", "false"])
    assert (6, ["", "", "sparse"]) in rows
    assert all(number != 4 or cells == [] for number, cells in rows)


def _workbook(
    path: Path,
    sheet_xml: str,
    *,
    ns: str = MAIN,
    strings: str | None = None,
    styles: str | None = None,
    book_pr: str = "",
    chartsheet_first: bool = False,
) -> Path:
    """Write a minimal workbook by hand: the parts Excel writes, nothing else."""

    def rel(rid: str, kind: str, target: str) -> str:
        return f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>'

    rels = [rel("rId1", "worksheet", "worksheets/sheet1.xml")]
    sheets = '<sheet name="Données" sheetId="1" r:id="rId1"/>'
    if chartsheet_first:
        rels.append(rel("rId9", "chartsheet", "chartsheets/c.xml"))
        sheets = '<sheet name="Chart" sheetId="9" r:id="rId9"/>' + sheets
    if strings is not None:
        rels.append(rel("rId2", "sharedStrings", "/xl/sharedStrings.xml"))  # an absolute target
    if styles is not None:
        rels.append(rel("rId3", "styles", "styles.xml"))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{REL}">{book_pr}<sheets>{sheets}</sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>',
        )
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{ns}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{strings}</sst>')
        if styles is not None:
            zf.writestr("xl/styles.xml", f'<styleSheet xmlns="{ns}">{styles}</styleSheet>')
    return path


STYLES = (
    '<numFmts><numFmt numFmtId="164" formatCode="[$-40C]d\\ mmmm\\ yyyy;@"/>'
    '<numFmt numFmtId="165" formatCode="0.0&quot; km&quot;"/></numFmts>'
    '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
    '<xf numFmtId="22"/></cellXfs>'
)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ('<c r="A1" t="s"><v>0</v></c>', ["Tinzaouatène"]),  # rich runs joined
        ('<c r="A1" t="s"><v>1</v></c>', ["Gao"]),  # the phonetic run left out
        ('<c r="A1" t="inlineStr"><is><t>Ménaka</t></is></c>', ["Ménaka"]),
        ('<c r="A1" t="str"><f>A2</f><v>formula text</v></c>', ["formula text"]),
        ('<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>', ["true", "false"]),
        ('<c r="A1" t="e"><v>#N/A</v></c><c r="B1"><v>7</v></c>', ["", "7"]),
        ('<c r="A1" s="1"><v>45498</v></c>', ["2024-07-25"]),  # built-in date format 14
        ('<c r="A1" s="2"><v>45498</v></c>', ["2024-07-25"]),  # custom French date format
        ('<c r="A1" s="3"><v>45498</v></c>', ["45498"]),  # "0.0 km": quoted text, no date
        ('<c r="A1" s="4"><v>45498.75</v></c>', ["2024-07-25 18:00:00"]),
        ('<c r="A1"><v>16.2719</v></c><c r="C1"><v>1E-3</v></c>', ["16.2719", "", "1E-3"]),
        ('<c r="AE1"><v>31</v></c>', [""] * 30 + ["31"]),
        ('<c r="A1" s="1"/><c r="B1"><v>2</v></c>', ["", "2"]),  # styled, no value
        ('<c t="s"><v>1</v></c><c><v>2</v></c>', ["Gao", "2"]),  # cells without r
        ('<c r="A1" t="d"><v>2024-07-25T00:00:00</v></c>', ["2024-07-25T00:00:00"]),
    ],
)
def test_cell_kinds(tmp_path, cells, expected):
    strings = (
        "<si><r><t>Tinza</t></r><r><rPr><b/></rPr><t>ouatène</t></r></si>"
        '<si><t>Gao</t><rPh sb="0" eb="1"><t>ガオ</t></rPh></si>'
    )
    path = _workbook(
        tmp_path / "w.xlsx", f'<row r="1">{cells}</row>', strings=strings, styles=STYLES
    )
    assert read(path) == ("Données", [(1, expected)])


def test_rows_without_numbers_and_with_gaps(tmp_path):
    sheet = (
        '<row><c t="inlineStr"><is><t>a</t></is></c></row>'
        '<row r="5"><c r="A5"><v>5</v></c></row>'
        "<row><c><v>6</v></c></row>"
    )
    path = _workbook(tmp_path / "w.xlsx", sheet)
    assert read(path)[1] == [(1, ["a"]), (5, ["5"]), (6, ["6"])]


def test_date1904_strict_namespace_and_a_chartsheet_first(tmp_path):
    path = _workbook(
        tmp_path / "w.xlsx",
        '<row r="1"><c r="A1" s="1"><v>44036</v></c></row>',
        ns=STRICT,
        styles='<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
        book_pr='<workbookPr date1904="1"/>',
        chartsheet_first=True,
    )
    # the 1904 system counts 1,462 days fewer: 45498 in a 1900 workbook is the same day
    assert read(path) == ("Données", [(1, ["2024-07-25"])])


def test_many_rows_stream(tmp_path):
    """A long sheet reads row by row (the parsed rows are dropped as they are yielded)."""
    sheet = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 20001))
    path = _workbook(tmp_path / "w.xlsx", sheet)
    book, ws = first_sheet(path)
    with book:
        count = 0
        for number, cells in ws.rows():
            count += 1
            assert cells == [str(number)]
    assert count == 20000


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"not a zip"), "not a readable Excel workbook"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "not a readable Excel workbook"),
        (
            lambda p: _workbook(p, "", ns="urn:not-a-spreadsheet"),
            "not a spreadsheet workbook",
        ),
    ],
)
def test_not_a_workbook(tmp_path, make, message):
    path = tmp_path / "x.xlsx"
    make(path)
    with pytest.raises(SourceFormatError, match=message):
        first_sheet(path)
