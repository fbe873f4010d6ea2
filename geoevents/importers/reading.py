"""Reading delimited dataset files with DuckDB: header sniffing and SQL fragments.

:func:`sniff_csv` reads a file's first line (BOM, delimiter, encoding, header names in
canonical form); :func:`read_csv_sql` turns that into a ``read_csv`` call reading every
column as text; the ``*_sql`` helpers build the expressions the importers' SELECTs use.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geoevents.errors import SourceFormatError

#: Temp tables where DuckDB's CSV reader stores the rows it rejects.
REJECTS = "_geoevents_rejects"
REJECT_SCANS = "_geoevents_reject_scans"


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """How to read one delimited file: its column names (normalised), delimiter, header."""

    path: Path
    names: tuple[str, ...]
    delim: str
    header: bool
    encoding: str = "utf-8"


def normalise_name(raw: str) -> str:
    """Return a header name in canonical form: no BOM, lower case, words joined by ``_``.

    Examples
    --------
    >>> normalise_name('\\ufeffEVENT_ID_CNTY ')
    'event_id_cnty'
    >>> normalise_name('Sub Event Type')
    'sub_event_type'
    >>> normalise_name('')
    ''
    """
    text = raw.replace("\ufeff", "").strip().strip('"').strip().lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def _detect_encoding(head: bytes) -> str:
    """Return ``utf-8`` when the first bytes decode as UTF-8, else ``latin-1``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


#: The longest header line read whole (longer ones are cut there).
MAX_HEADER_BYTES = 1 << 24


def sniff_csv(
    path: Path,
    *,
    aliases: dict[str, str] | None = None,
    names: Sequence[str] | None = None,
    delim: str | None = None,
    display: str | None = None,
) -> CsvLayout:
    """Read the first line of a delimited file and return its :class:`CsvLayout`.

    Parameters
    ----------
    path
        The file.
    aliases
        Extra names mapped to canonical ones (``ally_actor_1`` -> ``assoc_actor_1``).
    names
        Column names for a file without a header row (GDELT); the header is then not read.
    delim
        The delimiter; sniffed among ``,``, ``;``, tab and ``|`` when ``None``.
    display
        The name messages give the file (``ged.zip!ged.csv``); ``path`` when ``None``.

    Raises
    ------
    SourceFormatError
        When the file is missing or empty.
    """
    if not path.is_file():
        msg = f"no such file: {str(path)!r}"
        raise SourceFormatError(msg)
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
        whole = head
        if b"\n" not in head and len(head) == 1 << 16:  # a header longer than the head
            whole = head + fh.readline(MAX_HEADER_BYTES)
    if not head.strip():
        msg = f"{display or path}:1: empty file"
        raise SourceFormatError(msg)
    encoding = _detect_encoding(head)
    first = (whole.decode(encoding, errors="replace").lstrip("\ufeff").splitlines() or [""])[0]
    if delim is None:
        delim = max((",", ";", "\t", "|"), key=first.count)
    if names is not None:
        return CsvLayout(path, tuple(names), delim, header=False, encoding=encoding)
    raw = next(csv.reader([first], delimiter=delim))
    aliases = aliases or {}
    seen: set[str] = set()
    out: list[str] = []
    for i, name in enumerate(raw):
        norm = normalise_name(name)
        norm = aliases.get(norm, norm)
        if not norm:
            norm = "_index" if i == 0 else f"_col{i}"
        while norm in seen:
            norm += "_"
        seen.add(norm)
        out.append(norm)
    return CsvLayout(path, tuple(out), delim, header=True, encoding=encoding)


def sql_str(text: str) -> str:
    """Return a SQL string literal.

    Examples
    --------
    >>> sql_str("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def read_csv_sql(layout: CsvLayout, *, rejects: bool) -> str:
    """Return a ``read_csv(?, ...)`` call reading every column as VARCHAR (path bound as ``?``)."""
    cols = ", ".join(f"{sql_str(n)}: 'VARCHAR'" for n in layout.names)
    opts = [
        f"columns={{{cols}}}",
        f"header={'true' if layout.header else 'false'}",
        f"delim={sql_str(layout.delim)}",
        "quote='\"'",
        "escape='\"'",
        "auto_detect=false",
        "ignore_errors=true",
        "parallel=true",
    ]
    if layout.delim == "\t":
        # GDELT fields are never quoted; a stray quote must not swallow the next rows
        opts[3] = "quote=''"
        opts[4] = "escape=''"
    if layout.encoding != "utf-8":
        opts.append(f"encoding={sql_str(layout.encoding)}")
    if rejects:
        opts += [
            "store_rejects=true",
            f"rejects_table={sql_str(REJECTS)}",
            f"rejects_scan={sql_str(REJECT_SCANS)}",
        ]
    return "read_csv(?, " + ", ".join(opts) + ")"


def col_sql(names: Sequence[str], *candidates: str) -> str:
    """Return SQL for the first present column among ``candidates``, trimmed, '' as NULL.

    Examples
    --------
    >>> col_sql(["a", "b"], "c", "b")
    'nullif(trim(src."b"), \\'\\')'
    >>> col_sql(["a"], "z")
    'NULL::VARCHAR'
    """
    for cand in candidates:
        if cand in names:
            quoted = cand.replace('"', '""')
            return f"nullif(trim(src.\"{quoted}\"), '')"
    return "NULL::VARCHAR"


def raw_col_sql(names: Sequence[str], name: str) -> str:
    """Return SQL for a column as read (no trim), or ``NULL`` when absent."""
    if name in names:
        quoted = name.replace('"', '""')
        return f'src."{quoted}"'
    return "NULL::VARCHAR"


def struct_json_sql(pairs: Sequence[tuple[str, str]]) -> str:
    """Return SQL building a JSON object from (key, SQL expression) pairs (for ``extra``).

    Examples
    --------
    >>> struct_json_sql([("a", "x")])
    'to_json(struct_pack("a" := (x)))'
    >>> struct_json_sql([])
    'NULL::JSON'
    """
    if not pairs:
        return "NULL::JSON"
    body = ", ".join('"' + k.replace('"', '""') + f'" := ({v})' for k, v in pairs)
    return f"to_json(struct_pack({body}))"
