"""Dataset files as they are delivered, turned into files DuckDB reads directly.

UCDP ships GED as ``ged251-csv.zip``, GDELT its event tables as ``*.export.CSV.zip``,
ACLED's curated regional files are Excel workbooks, both APIs answer in JSON
(``{"data": [...]}``, ``{"Result": [...]}``), and analysts keep exports gzipped.
:func:`unpacked` takes any of these and yields an :class:`Unpacked`: a plain file in a
temporary folder (removed afterwards), the name to show in messages (``ged.zip!ged.csv``,
``Africa.xlsx!Sheet1``, ``page.json!data``) and, for a workbook or JSON, the sheet row or
line of each record so that a bad row is reported where the analyst sees it. Archives are
copied in chunks and a workbook is read row by row (:mod:`geoevents.importers.xlsx`); API
responses and JSON Lines are read whole (API pages are small).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import re
import shutil
import sys
import tempfile
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError

from geoevents.errors import SourceFormatError
from geoevents.importers.xlsx import first_sheet

#: Member suffixes that hold data inside an archive (anything else, a codebook PDF, is
#: ignored); a ``.txt`` member counts only when no member has one of these.
DATA_SUFFIXES = frozenset(
    {".csv", ".tsv", ".geojson", ".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm", ".gz"}
)
#: Text members that are never the data.
_NOT_DATA = re.compile(r"^(readme|licen[cs]e|terms|notice|citation)", re.IGNORECASE)
_CHUNK = 1 << 20
#: Suffixes :func:`unpacked` turns into a plain file (a GeoJSON ``.json`` stays as it is).
_PACKED = frozenset({".zip", ".gz", ".xlsx", ".xlsm", ".xls", ".json", ".jsonl", ".ndjson"})
#: Where API responses keep their records: ACLED's ``data``, UCDP's ``Result``.
RECORD_KEYS = ("data", "Result", "results", "events")


@dataclass(frozen=True, slots=True)
class Unpacked:
    """A readable plain file, the name shown for it, and (workbooks) where its rows are.

    ``record_rows`` gives the sheet row of each data record and ``header_line`` the row of
    the header, for messages; both are plain line numbers for a text file.
    """

    path: Path
    display: str
    record_rows: Sequence[int] | None = None
    header_line: int = 1


@contextlib.contextmanager
def unpacked(path: Path) -> Iterator[Unpacked]:
    """Yield ``path`` as a plain file DuckDB can read; temporary copies go afterwards.

    ``.zip`` (one data member, itself possibly gzipped or a workbook), ``.gz``,
    ``.xlsx``/``.xlsm``, JSON records (``.json`` other than GeoJSON) and JSON Lines
    (``.jsonl``/``.ndjson``) are turned into a plain file; any other file is yielded as it is.

    Raises
    ------
    SourceFormatError
        When the file is missing, an archive, workbook or JSON file cannot be read, an
        archive holds no data file or several, or the file is an old binary ``.xls``.
    """
    if not path.is_file():
        msg = f"no such file: {str(path)!r}"
        raise SourceFormatError(msg)
    if path.suffix.lower() not in _PACKED:
        yield Unpacked(path, str(path))
        return
    with tempfile.TemporaryDirectory(prefix="geoevents-unpack-") as tmp:
        yield _unpack(path, str(path), Path(tmp))


def _unpack(path: Path, display: str, tmp: Path) -> Unpacked:
    """Unpack one level (and the levels inside it) into ``tmp``."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        member_path, member = _extract_member(path, display, tmp)
        return _unpack(member_path, f"{display}!{member}", tmp)
    if suffix == ".gz":
        target = tmp / _fresh_name(tmp, path.stem)
        try:
            with gzip.open(path, "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
        except (OSError, EOFError) as exc:
            msg = f"{display}: not a readable gzip file ({exc})"
            raise SourceFormatError(msg) from exc
        return _unpack(target, display, tmp)
    if suffix in {".xlsx", ".xlsm"}:
        return _workbook_to_csv(path, display, tmp)
    if suffix == ".xls":
        msg = f"{display}: an Excel 97-2003 .xls workbook; save it as .xlsx or CSV"
        raise SourceFormatError(msg)
    if suffix in {".jsonl", ".ndjson"}:
        return _json_lines_to_csv(path, display, tmp)
    if suffix == ".json" and not _is_geojson(path):  # GeoJSON is read as it is
        return _json_to_csv(path, display, tmp)
    return Unpacked(path, display)


def _fresh_name(tmp: Path, name: str) -> str:
    """Return ``name``, or ``name`` with a numeric prefix when it is taken in ``tmp``."""
    out, i = name, 1
    while (tmp / out).exists():
        out, i = f"{i}-{name}", i + 1
    return out


def _extract_member(path: Path, display: str, tmp: Path) -> tuple[Path, str]:
    """Copy the archive's one data member into ``tmp``; return its path and its name."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        msg = f"{display}: not a readable zip archive ({exc})"
        raise SourceFormatError(msg) from exc
    with archive:
        files = [
            PurePosixPath(m)
            for m in archive.namelist()
            if not m.endswith("/") and not m.startswith("__MACOSX/")
        ]
        files = [f for f in files if not f.name.startswith(".") and not _NOT_DATA.match(f.name)]
        members = [str(f) for f in files if f.suffix.lower() in DATA_SUFFIXES]
        if not members:
            members = [str(f) for f in files if f.suffix.lower() == ".txt"]
        if len(members) != 1:
            names = ", ".join(members[:5]) + (" ..." if len(members) > 5 else "")  # noqa: PLR2004
            found = f"found {len(members)}" + (f": {names}" if members else "")
            msg = f"{display}: expected one data file in the archive, {found}"
            raise SourceFormatError(msg)
        member = members[0]
        target = tmp / _fresh_name(tmp, PurePosixPath(member).name)
        try:
            with archive.open(member) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
        except (OSError, zipfile.BadZipFile, EOFError) as exc:
            msg = f"{display}!{member}: cannot be extracted ({exc})"
            raise SourceFormatError(msg) from exc
    return target, member


def _json_cell(value: object) -> str:
    """Return a JSON value as the text a CSV export would hold.

    Lists and objects stay JSON; whole floats lose their ``.0``.

    Examples
    --------
    >>> _json_cell(3.0), _json_cell(15.1234), _json_cell(None), _json_cell(True)
    ('3', '15.1234', '', 'true')
    >>> _json_cell(["JNIM", "FAMa"])
    '["JNIM", "FAMa"]'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # noqa: PLR2004
        return str(int(value))
    return str(value)


#: Workbooks larger than this show a progress bar while their sheet is read (a terminal only).
PROGRESS_MIN_BYTES = 2_000_000


def _tracked(
    rows: Iterator[tuple[int, list[str]]], total: int | None, path: Path, display: str
) -> Iterable[tuple[int, list[str]]]:
    """Return the rows, with a progress bar for a big workbook read on a terminal."""
    if path.stat().st_size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        return rows
    from rich.console import Console
    from rich.progress import track

    label = f"read {Path(display).name}"
    return track(rows, total=total, description=label, console=Console(stderr=True))


def _workbook_to_csv(path: Path, display: str, tmp: Path) -> Unpacked:
    """Write the workbook's first worksheet as CSV; keep the sheet row of every record.

    Rows with no value at all are left out (they are not records); the header is the first
    row that has a value, and its width is the table's.
    """
    try:
        book, sheet = first_sheet(path)
    except SourceFormatError as exc:
        msg = f"{display}: {exc}"
        raise SourceFormatError(msg) from exc
    target = tmp / _fresh_name(tmp, path.stem + ".csv")
    rows = array("q")
    width = header = 0
    try:
        with book, target.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh, lineterminator="\n")
            for row_no, cells in _tracked(sheet.rows(), sheet.rows_hint, path, display):
                if not any(c.strip() for c in cells):
                    continue
                if not width:  # the header
                    width, header = len(cells), row_no
                    while width and not cells[width - 1].strip():
                        width -= 1
                else:
                    rows.append(row_no)
                if len(cells) != width:
                    cells = (cells + [""] * width)[:width]
                out.writerow(cells)
    except (ParseError, zipfile.BadZipFile, OSError, EOFError) as exc:
        msg = f"{display}: not a readable Excel workbook ({exc})"
        raise SourceFormatError(msg) from exc
    if not width:
        msg = f"{display}: the first sheet is empty"
        raise SourceFormatError(msg)
    return Unpacked(target, f"{display}!{sheet.name}", rows, header)


# -- JSON records (API responses) ---------------------------------------------------------
def _is_geojson(path: Path) -> bool:
    """Return True when the file's head names a GeoJSON ``FeatureCollection``."""
    with path.open("rb") as fh:
        head = fh.read(1 << 14)
    return b'"FeatureCollection"' in head or b'"features"' in head


def _records_to_csv(
    records: list[dict[str, object]], lines: Sequence[int], path: Path, display: str, tmp: Path
) -> tuple[Path, array[int]]:
    """Write records as CSV (columns in order of first appearance) into ``tmp``.

    Returns the CSV and the line of each record in ``path``.

    Raises
    ------
    SourceFormatError
        When there is no record.
    """
    if not records:
        msg = f"{display}: holds no records"
        raise SourceFormatError(msg)
    target = tmp / _fresh_name(tmp, path.stem + ".csv")
    names: dict[str, None] = {}
    for rec in records:
        names.update(dict.fromkeys(rec))
    with target.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(names)
        for rec in records:
            out.writerow(_json_cell(rec.get(n)) for n in names)
    return target, array("q", lines)


def _json_to_csv(path: Path, display: str, tmp: Path) -> Unpacked:
    """Write the records of a JSON file as CSV: a top-level array, or an API response.

    An API response keeps its records under one of :data:`RECORD_KEYS` (ACLED's ``data``,
    UCDP's ``Result``). The file is read whole: API pages are small.
    """
    try:
        with path.open(encoding="utf-8-sig") as fh:
            doc = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{display}: not readable JSON ({exc})"
        raise SourceFormatError(msg) from exc
    key = None
    if isinstance(doc, dict):
        key = next((k for k in RECORD_KEYS if isinstance(doc.get(k), list)), None)
        if key is None:
            msg = (
                f"{display}: no records: expected a JSON array or an object with one of "
                f"{', '.join(RECORD_KEYS)} holding them"
            )
            raise SourceFormatError(msg)
        doc = doc[key]
    if not isinstance(doc, list):
        msg = f"{display}: no records: expected a JSON array"
        raise SourceFormatError(msg)
    records = [r if isinstance(r, dict) else {} for r in doc]
    found = json_record_lines(path, key, len(records))
    lines = [found.get(i, 0) for i in range(1, len(records) + 1)]
    target, rows = _records_to_csv(records, lines, path, display, tmp)
    return Unpacked(target, display if key is None else f"{display}!{key}", rows)


def _json_lines_to_csv(path: Path, display: str, tmp: Path) -> Unpacked:
    """Write a JSON Lines file (one record per line) as CSV, keeping each record's line.

    The records are held until written, as the CSV header is every key of every record.
    """
    records: list[dict[str, object]] = []
    lines: list[int] = []
    with path.open(encoding="utf-8-sig") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                msg = f"{display}:{line_no}: not a JSON record ({exc.msg})"
                raise SourceFormatError(msg) from exc
            records.append(rec if isinstance(rec, dict) else {})
            lines.append(line_no)
    target, rows = _records_to_csv(records, lines, path, display, tmp)
    return Unpacked(target, display, rows)


#: A JSON string (escapes included) or a bracket: what :func:`json_record_lines` needs.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')


def json_record_lines(path: Path, key: str | None, last: int) -> dict[int, int]:
    """Return (record number -> line where its object opens), up to record ``last``.

    Records are the objects directly inside the array under ``key`` in the top-level
    object (GeoJSON's ``features``, an API's ``data``), or inside the top-level array when
    ``key`` is ``None``; numbered from 1 in file order. Strings are skipped whole, so
    braces inside values do not count.
    """
    out: dict[int, int] = {}
    if last <= 0:
        return out
    depth = 0
    seen_key = ""
    want = None if key is None else json.dumps(key)
    records_depth = -1
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line_no, line in enumerate(fh, start=1):
            for m in _JSON_TOKEN.finditer(line):
                tok = m.group()
                if tok[0] == '"':
                    if depth == 1:
                        seen_key = tok
                elif tok in "{[":
                    if tok == "{" and depth == records_depth:
                        out[len(out) + 1] = line_no
                        if len(out) >= last:
                            return out
                    depth += 1
                    if tok == "[" and (
                        (want is None and depth == 1) or (depth == 2 and seen_key == want)  # noqa: PLR2004
                    ):
                        records_depth = depth
                else:
                    if tok == "]" and depth == records_depth:
                        records_depth = -1  # past the records: later arrays are not records
                    depth -= 1
    return out
