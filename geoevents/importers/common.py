"""The import engine shared by the ACLED, UCDP and GDELT importers.

A dataset file is read by DuckDB itself (``read_csv`` with every column as VARCHAR, or
``ST_Read`` for GeoJSON), normalised by one SQL ``SELECT`` per format, and written into
``events`` in one transaction: the file streams through in constant memory (DuckDB's write
buffer bounded, :data:`WRITE_BUFFER`; the primary key's index is what grows). A quick
pre-check of the keys in the file's first rows picks the path: a plain ``INSERT ... SELECT``
when none is stored (a first import: about DuckDB's own bare ``read_csv`` load), else one
staging pass that compares every row with the stored event of its key, so that a re-import
adds nothing, revised rows update, and an unchanged file costs one read.

Where a first import's time goes (1M ACLED rows, bench/bench_import.py, CPU seconds of
each stage alone): parsing the CSV 1.4, normalising 0.6, writing the rows into DuckDB's
storage ~4.9, and the ``events`` primary key about 1 s of wall time more. DuckDB's bare
load of the same file is itself 1.3-1.6x the time of pandas 3 + geopandas writing
GeoParquet, the reason the import misses that target (1.9x).

Files come as the datasets ship them (zip, gzip, workbooks, API JSON): :mod:`.unpack`
turns them into a plain file first; a filter (:func:`keep_predicate`) keeps a slice.

Every normalising ``SELECT`` yields the ``events`` columns plus ``_reason`` (``NULL`` for a
good row, else why the row is refused). Good rows land; bad rows are counted and reported
as :class:`RowError` (file, line, reason) in the :class:`ImportSummary`, as are the rows
DuckDB's CSV reader itself rejects (its reject table gives their line).
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from geoevents._frames import EVENT_COLUMNS
from geoevents.errors import IngestError
from geoevents.filters import EventFilter
from geoevents.importers._countries import country_key_rows
from geoevents.importers.reading import REJECT_SCANS, REJECTS, sql_str
from geoevents.importers.unpack import json_record_lines
from geoevents.store import filter_sql, shorten

if TYPE_CHECKING:
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: Columns the importers fill, in the events table's order (``geom`` is built from lon/lat in
#: SQL); imported rows carry no evidence span and no confidence.
INSERT_COLUMNS: tuple[str, ...] = tuple(
    c for c in EVENT_COLUMNS if c not in {"evidence_start", "evidence_end", "confidence"}
)

#: Rows DuckDB buffers before writing them out during an import. Its default, a fifth of
#: its memory limit per thread (1.2 GiB on a 24 GB machine), made a 2M-row import peak at
#: 1.4 GB of RSS; with 64 MB the peak is 554 / 589 / 628 MB for 0.3M / 1M / 2M rows (the
#: primary key's index is what still grows) and the time is unchanged.
WRITE_BUFFER = "64MB"
#: Files larger than this get a progress bar (when stderr is a terminal).
PROGRESS_MIN_BYTES = 20_000_000
#: At most this many bad rows are kept in a summary (all are counted).
MAX_REPORTED_ERRORS = 1000

_REJECTS = REJECTS
_REJECT_SCANS = REJECT_SCANS
_NO_FLIP = "build_side_probe_side"


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that was refused: the file, its line (1-based, ``None`` if unknown) and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        """Return ``file:line: reason``, cut to :data:`~geoevents.store.MAX_LINE` characters."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return shorten(f"{where}: {self.reason}")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did, counted in rows.

    ``imported`` are new events, ``updated`` stored events the file revises (same key and
    origin, other content: ACLED corrects its rows), ``unchanged`` events already stored
    as they are, ``filtered`` good rows left out by the import's filter (``--country`` ...),
    ``skipped`` bad rows (each in ``errors``). ``geocoded`` rows without coordinates were
    placed through the gazetteer; ``unplaced`` events of the dataset are stored without
    geometry, as neither coordinates nor a known place gave one (never dropped).
    """

    file: str
    origin: str
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    filtered: int = 0
    skipped: int = 0
    geocoded: int = 0
    unplaced: int = 0
    errors: tuple[RowError, ...] = field(default=(), hash=False, compare=False)

    def as_dict(self) -> dict[str, object]:
        """Return the summary as a JSON-ready dict (errors as ``file:line: reason`` strings)."""
        return {
            "file": self.file,
            "origin": self.origin,
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "filtered": self.filtered,
            "skipped": self.skipped,
            "geocoded": self.geocoded,
            "unplaced": self.unplaced,
            "errors": [str(e) for e in self.errors],
        }


# -- lookups ----------------------------------------------------------------------------------
def ensure_lookups(
    con: duckdb.DuckDBPyConnection,
    tables: Sequence[tuple[str, str, Sequence[tuple[object, ...]]]] = (),
) -> None:
    """Create the temp lookup tables the normalising SQL joins, once per connection.

    ``_gx_country(key, cc)`` maps country keys to ISO2; ``tables`` adds (name, column DDL,
    rows) triples, e.g. an importer's type table. Names must start with ``_gx_``.
    """
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE '_gx_%'"
        ).fetchall()
    }
    wanted = [("_gx_country", "key VARCHAR PRIMARY KEY, cc VARCHAR", country_key_rows()), *tables]
    for name, ddl, rows in wanted:
        if name in present:
            continue
        if not re.fullmatch(r"_gx_[a-z0-9_]+", name):
            msg = f"lookup table name {name!r} must match _gx_[a-z0-9_]+"
            raise ValueError(msg)
        con.execute(f"CREATE TEMP TABLE {name} ({ddl})")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", [list(r) for r in rows])  # noqa: S608


# -- progress ---------------------------------------------------------------------------------
@dataclass(slots=True)
class _Progress:
    """A rich progress bar on stderr fed by DuckDB's query progress, polled from a thread."""

    con: duckdb.DuckDBPyConnection
    label: str
    enabled: bool
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _settings: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    def __enter__(self) -> _Progress:
        if self.enabled:
            self._settings.enter_context(_setting(self.con, "enable_progress_bar", "true"))
            self._settings.enter_context(_setting(self.con, "enable_progress_bar_print", "false"))
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task(self.label, total=100)
            while not self._stop.wait(0.25):
                done = self.con.query_progress()
                if done >= 0:
                    bar.update(task, completed=min(100.0, done))
            bar.update(task, completed=100)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._settings.close()


# -- the engine -------------------------------------------------------------------------------
#: A geocoder for rows without coordinates: gets the store (inside the import's
#: transaction), fills them, returns how many it placed and how many events of the origin
#: are left without a place.
Geocoder = Callable[["Store"], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Plan:
    """One file to import: the relation SQL (``src``), its bound parameters, the normalising SELECT.

    ``select_sql`` reads ``FROM {source} AS src`` and yields :data:`INSERT_COLUMNS` (with
    ``geom`` already built), ``_reason`` and ``{ord} AS _ord`` (the record ordinal, filled
    only in the pass that looks for bad rows); ``line_offset`` is the line of record 1.
    ``record_rows`` (a workbook turned into CSV) gives each record's sheet row, reported in
    place of the CSV's line.
    """

    file: Path
    origin: str
    source_sql: str
    source_sql_rejects: str
    params: tuple[object, ...]
    select_sql: str
    line_offset: int
    is_csv: bool = True
    quoted: bool = True
    display: str | None = None
    lookups: tuple[tuple[str, str, tuple[tuple[object, ...], ...]], ...] = ()
    record_rows: Sequence[int] | None = None


def run_import(
    store: Store,
    plan: Plan,
    *,
    geocode: Geocoder | None = None,
    where: EventFilter | None = None,
) -> ImportSummary:
    """Import one file according to ``plan`` in one transaction and return the summary.

    ``where`` (a resolved :class:`~geoevents.filters.EventFilter`) keeps only the good rows
    it matches, tested on the file's own values: a row without coordinates has no geometry
    yet, so a place filter (bbox, near, intersects) leaves it out. Rows left out are counted
    as ``filtered``; events stored earlier are never removed by a filter.

    Into a store that holds none of the file's keys (checked on the first
    :data:`PRECHECK_ROWS` rows, before any normalising) the file goes in with a plain
    insert, the fastest: no key check beyond the primary key's own. Otherwise, or when that
    insert fails on a key (stored further down, or repeated in the file), the file is
    normalised once into a staging table that keeps only new and revised rows, compared
    with the stored events in the same pass; those are then inserted or updated.

    Raises
    ------
    IngestError
        When DuckDB cannot read the file at all.
    """
    con = store.con
    ensure_lookups(con, plan.lookups)
    label = Path(plan.display).name if plan.display else plan.file.name
    keep = _Keep(*keep_predicate(where))
    started = time.perf_counter()
    try:
        if _keys_stored(store, plan):
            log.debug("%s: some event ids are stored already; staging the file", label)
            c = _staged(store, plan, geocode, keep)
        else:
            try:
                c = _insert(store, plan, geocode, keep)
            except duckdb.ConstraintException:
                log.debug("%s: some event ids exist already; staging the file", label)
                c = _staged(store, plan, geocode, keep)
    except duckdb.Error as exc:
        msg = f"cannot import {plan.display or str(plan.file)!r}: {str(exc).splitlines()[0]}"
        raise IngestError(msg) from exc
    errors = _locate(plan, c.bad, c.rejects)
    summary = ImportSummary(
        file=plan.display or str(plan.file),
        origin=plan.origin,
        rows=c.total + len(c.rejects),
        imported=c.imported,
        updated=c.updated,
        unchanged=c.good - c.filtered - c.imported - c.updated,
        filtered=c.filtered,
        skipped=len(c.bad) + len(c.rejects),
        geocoded=c.geocoded,
        unplaced=c.unplaced,
        errors=tuple(errors[:MAX_REPORTED_ERRORS]),
    )
    log.info(
        "%s: %d rows, %d imported, %d updated, %d unchanged, %d filtered, %d skipped in %.1fs",
        label,
        summary.rows,
        c.imported,
        c.updated,
        summary.unchanged,
        summary.filtered,
        summary.skipped,
        time.perf_counter() - started,
    )
    for err in summary.errors[:20]:
        log.info("%s", err)
    return summary


@dataclass(frozen=True, slots=True)
class _Counts:
    """What one pass over a file did: rows read, good, left out by the filter, written."""

    imported: int
    updated: int
    total: int
    good: int
    filtered: int
    bad: list[tuple[int, str]]
    rejects: list[tuple[int, str]]
    geocoded: int
    unplaced: int


@dataclass(frozen=True, slots=True)
class _Keep:
    """Which good rows an import keeps: a SQL predicate on the ``events`` columns, its values."""

    sql: str = "TRUE"
    params: tuple[object, ...] = ()

    @property
    def everything(self) -> bool:
        """Whether every good row is kept (no filter)."""
        return self.sql == "TRUE"


def keep_predicate(where: EventFilter | None) -> tuple[str, tuple[object, ...]]:
    """Return the filter as a SQL predicate on the ``events`` columns and its bound values.

    A row the predicate cannot decide (a NULL country, no geometry) is not kept. Rows are
    tested by the file's own coordinates, a region- or country-level row's included.

    Examples
    --------
    >>> from geoevents.filters import EventFilter
    >>> keep_predicate(EventFilter(countries=("ML", "NE")))
    ('coalesce((country IN (?, ?)), false)', ('ML', 'NE'))
    >>> keep_predicate(None)
    ('TRUE', ())
    """
    if where is None:
        return "TRUE", ()
    clause, params = filter_sql(where, anchors=True)
    if not clause:
        return "TRUE", ()
    return f"coalesce(({clause.removeprefix(' WHERE ')}), false)", tuple(params)


#: Rows read from the head of a file to find out whether its keys are stored already.
PRECHECK_ROWS = 2000

#: The columns whose values make a stored event differ from the file's row (same key and
#: origin). A fingerprint of them (DuckDB's 64-bit ``hash``) is compared, so that the join
#: with the stored events holds 8 bytes per event instead of their notes and actors.
_COMPARED = (
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "time_precision",
    "fatalities",
    "actors",
    "notes",
    "cameo_code",
)

#: A stored event differs from the file's row; the place found by the gazetteer for a row
#: without coordinates is not a difference.
_CHANGED = f"""
  e._h <> hash({", ".join("s." + c for c in _COMPARED)})
  OR (s.lon IS NOT NULL AND (e.lon IS DISTINCT FROM s.lon OR e.lat IS DISTINCT FROM s.lat))
"""

#: A revised row refreshes the stored event; the gazetteer's place for a row without
#: coordinates is kept.
_UPDATE = """
UPDATE events AS e SET
  event_type = s.event_type, sub_event_type = s.sub_event_type, date_start = s.date_start,
  date_end = s.date_end, time_precision = s.time_precision, fatalities = s.fatalities,
  actors = s.actors, participants = s.participants, cameo_code = s.cameo_code,
  notes = s.notes, source = s.source, source_url = s.source_url, extra = s.extra,
  admin1 = s.admin1, location_name = s.location_name, country = coalesce(s.country, e.country),
  lon = coalesce(s.lon, e.lon), lat = coalesce(s.lat, e.lat), geom = coalesce(s.geom, e.geom),
  geo_precision = CASE WHEN s.lon IS NULL THEN e.geo_precision ELSE s.geo_precision END,
  place_kind = CASE WHEN s.lon IS NULL THEN e.place_kind ELSE s.place_kind END
FROM (SELECT DISTINCT ON (event_id) * FROM {stage} WHERE _status = 'changed') AS s
WHERE e.event_id = s.event_id
"""

_STAGE = "_gx_stage"


def _keys_stored(store: Store, plan: Plan) -> bool:
    """Return True when the store holds any of the keys in the first rows of the file."""
    con = store.con
    if con.execute("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)").fetchone() == (0,):
        return False
    head = f"(SELECT * FROM {plan.source_sql} LIMIT {PRECHECK_ROWS})"
    head = plan.select_sql.format(source=head, ord="NULL::BIGINT")
    row = con.execute(
        f"SELECT count(*) FROM ({head}) AS s "  # noqa: S608
        "WHERE s.event_id IN (SELECT event_id FROM events)",
        list(plan.params),
    ).fetchone()
    return bool(row and row[0])


def _bad_query(plan: Plan, keep: _Keep) -> tuple[str, list[object]]:
    """Return the pass that counts records, good ones and kept ones, and lists the refused.

    The refused records come as (ordinal, reason), in file order. Returns the SQL and its
    parameters (the filter's values come first: they are first in the text).
    """
    numbered = f"(SELECT row_number() OVER () AS _ord, * FROM {plan.source_sql})"
    return (
        "SELECT count(*), count(*) FILTER (WHERE _reason IS NULL), "  # noqa: S608
        f"count(*) FILTER (WHERE _reason IS NULL AND {keep.sql}), "
        "list([_ord::VARCHAR, _reason] ORDER BY _ord) FILTER (WHERE _reason IS NOT NULL) FROM ("
        + plan.select_sql.format(source=numbered, ord="src._ord")
        + ")"
    ), [*keep.params, *plan.params]


def _insert(store: Store, plan: Plan, geocode: Geocoder | None, keep: _Keep) -> _Counts:
    """Insert the file's good rows that ``keep`` matches with a plain insert; return counts.

    Raises
    ------
    duckdb.ConstraintException
        When a key is stored already or repeated in the file (nothing lands).
    """
    con = store.con
    label = Path(plan.display).name if plan.display else plan.file.name
    _drop_rejects(con, plan)
    cols = ", ".join(INSERT_COLUMNS)
    insert = (
        f"INSERT INTO events ({cols}) SELECT {cols} FROM ("  # noqa: S608
        + plan.select_sql.format(source=plan.source_sql_rejects, ord="NULL::BIGINT")
        + f") AS s WHERE _reason IS NULL AND {keep.sql}"
    )
    big = plan.file.stat().st_size >= PROGRESS_MIN_BYTES and sys.stderr.isatty()
    started = time.perf_counter()
    with (
        _setting(con, "disabled_optimizers", _NO_FLIP),
        _setting(con, "preserve_insertion_order", "false"),
        _setting(con, "write_buffer_row_group_memory_limit", WRITE_BUFFER, reset=True),
        _Progress(con, f"import {label}", big),
        store.transaction(),
    ):
        row = con.execute(insert, [*plan.params, *keep.params]).fetchone()
        imported = int(row[0]) if row else 0
        t_insert = time.perf_counter()
        rejects = _rejects(con) if plan.is_csv else []
        if not rejects and plan.is_csv and keep.everything and _count_records(plan) == imported:
            # every record landed: no bad row to look for (the common first import; with a
            # filter, the pass below counts what it left out, so the line count is not read)
            row = (imported, imported, imported, None)
        else:
            con.execute("SET preserve_insertion_order = true")  # row_number() in file order
            row = con.execute(*_bad_query(plan, keep)).fetchone()
        t_check = time.perf_counter()
        geocoded, unplaced = geocode(store) if geocode is not None else (0, 0)
        t_geo = time.perf_counter()
    log.debug(
        "%s: insert %.2fs, check %.2fs, geocode %.2fs, commit %.2fs",
        label,
        t_insert - started,
        t_check - t_insert,
        t_geo - t_check,
        time.perf_counter() - t_geo,
    )
    total, good, kept = (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)
    bad = [(int(o), str(r)) for o, r in (row[3] if row and row[3] else [])]
    return _Counts(imported, 0, total, good, good - kept, bad, rejects, geocoded, unplaced)


def _staged(store: Store, plan: Plan, geocode: Geocoder | None, keep: _Keep) -> _Counts:
    """Import a file some of whose keys are stored: one normalising pass, then small writes.

    The pass compares every good row with the stored event of its key and keeps in a temp
    table the full columns of new and revised rows only (the unchanged ones are counted);
    new rows are inserted (the first of a repeated key), revised ones update the store.
    """
    con = store.con
    label = Path(plan.display).name if plan.display else plan.file.name
    _drop_rejects(con, plan)
    select = plan.select_sql.format(source=plan.source_sql_rejects, ord="NULL::BIGINT")
    kept = ", ".join(
        f"CASE WHEN _status IN ('new', 'changed') THEN {c} END AS {c}" for c in INSERT_COLUMNS
    )
    stage = f"""
CREATE OR REPLACE TEMP TABLE {_STAGE} AS
SELECT _status, {kept} FROM (
  SELECT s.*, CASE WHEN s._reason IS NOT NULL THEN 'bad' WHEN NOT s._keep THEN 'filtered'
    WHEN e.event_id IS NULL THEN 'new'
    WHEN e.origin = s.origin AND ({_CHANGED}) THEN 'changed' ELSE 'same' END AS _status
  FROM (SELECT *, {keep.sql} AS _keep FROM ({select})) AS s
  LEFT JOIN (SELECT event_id, origin, lon, lat, hash({", ".join(_COMPARED)}) AS _h
    FROM events) AS e
    ON e.event_id = s.event_id
)
"""  # noqa: S608
    cols = ", ".join(INSERT_COLUMNS)
    insert = (
        f"INSERT INTO events ({cols}) SELECT {cols} FROM "  # noqa: S608
        f"(SELECT DISTINCT ON (event_id) * FROM {_STAGE} WHERE _status = 'new') "
        "ON CONFLICT DO NOTHING"
    )
    big = plan.file.stat().st_size >= PROGRESS_MIN_BYTES and sys.stderr.isatty()
    started = time.perf_counter()
    try:
        with (
            _setting(con, "disabled_optimizers", _NO_FLIP),
            _setting(con, "preserve_insertion_order", "false"),
            _setting(con, "write_buffer_row_group_memory_limit", WRITE_BUFFER, reset=True),
            _Progress(con, f"import {label}", big),
            store.transaction(),
        ):
            con.execute(stage, [*keep.params, *plan.params])
            t_stage = time.perf_counter()
            row = con.execute(insert).fetchone()
            imported = int(row[0]) if row else 0
            row = con.execute(_UPDATE.format(stage=_STAGE)).fetchone()
            updated = int(row[0]) if row else 0
            total, n_bad, n_filtered = con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE _status = 'bad'), "  # noqa: S608
                f"count(*) FILTER (WHERE _status = 'filtered') FROM {_STAGE}"
            ).fetchone() or (0, 0, 0)
            rejects = _rejects(con) if plan.is_csv else []
            bad: list[tuple[int, str]] = []
            if n_bad:
                con.execute("SET preserve_insertion_order = true")  # row_number() in file order
                row = con.execute(*_bad_query(plan, keep)).fetchone()
                bad = [(int(o), str(r)) for o, r in (row[3] if row and row[3] else [])]
            t_check = time.perf_counter()
            geocoded, unplaced = geocode(store) if geocode is not None else (0, 0)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {_STAGE}")
    log.debug(
        "%s: staged %.2fs, writes and check %.2fs, total %.2fs",
        label,
        t_stage - started,
        t_check - t_stage,
        time.perf_counter() - started,
    )
    good = int(total) - int(n_bad)
    return _Counts(
        imported, updated, int(total), good, int(n_filtered), bad, rejects, geocoded, unplaced
    )


def _drop_rejects(con: duckdb.DuckDBPyConnection, plan: Plan) -> None:
    """Forget the rejected rows of an earlier file (DuckDB appends to its reject tables)."""
    if plan.is_csv:
        con.execute(f"DROP TABLE IF EXISTS {_REJECTS}")
        con.execute(f"DROP TABLE IF EXISTS {_REJECT_SCANS}")


@contextlib.contextmanager
def _setting(
    con: duckdb.DuckDBPyConnection, name: str, value: str, *, reset: bool = False
) -> Iterator[None]:
    """Set a DuckDB setting for the block and restore it after (``reset``: reset it).

    The importers use it for ``preserve_insertion_order = false`` (a faster, leaner insert),
    to bound DuckDB's write buffer (:data:`WRITE_BUFFER`; reset after, as its printed value
    ``1.2 GiB`` is rounded), and to keep DuckDB from building its hash tables on the
    streamed file instead of on the small lookup tables (``build_side_probe_side``: it
    cannot know the file is large).
    """
    row = con.execute("SELECT current_setting(?)", [name]).fetchone()
    before = "" if reset or row is None or row[0] is None else str(row[0])
    con.execute(f"SET {name} = {sql_str(value)}")
    try:
        yield
    finally:
        con.execute(f"SET {name} = {sql_str(before)}" if before else f"RESET {name}")


def _count_records(plan: Plan) -> int:
    """Return the number of data lines of a delimited file (a fast newline count).

    Quoted newlines make this larger than the number of records, never smaller, so it
    equals the number of imported rows only when every record landed.
    """
    lines = 0
    last = b"\n"
    with plan.file.open("rb") as fh:
        while chunk := fh.read(1 << 24):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return lines - (plan.line_offset - 1)


def _rejects(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """Return (line, reason) for the rows DuckDB's CSV reader rejected, one per line."""
    try:
        rows = con.execute(
            f"SELECT line, min(error_type || coalesce(' in column ' || column_name, '') || ': ' "  # noqa: S608
            f"|| split_part(error_message, chr(10), 1)) FROM {_REJECTS} GROUP BY line ORDER BY line"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    return [(int(line), _reject_reason(str(reason))) for line, reason in rows]


_LINE_SIZE = re.compile(
    r"LINE SIZE OVER MAXIMUM: Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)"
)


def _reject_reason(reason: str) -> str:
    """DuckDB's reason for a rejected row, in our words when we know it (a row over the size limit).

    >>> _reject_reason("LINE SIZE OVER MAXIMUM: Maximum line size of 2000000 bytes exceeded. "
    ...                "Actual Size:10000435 bytes.")
    'a row of 10,000,435 bytes; rows are read up to 2,000,000 bytes'
    """
    m = _LINE_SIZE.match(reason)
    if m is None:
        return reason
    return f"a row of {int(m[2]):,} bytes; rows are read up to {int(m[1]):,} bytes"


def _locate(
    plan: Plan, bad: list[tuple[int, str]], rejects: list[tuple[int, str]]
) -> list[RowError]:
    """Turn record numbers into file lines.

    DuckDB numbers rejected rows by record (header = 1); bad rows come as ordinals among
    the records it kept. One scan of the file (only when something is wrong) maps both to
    the physical line where the record starts, quoted newlines included.
    """
    name = plan.display or str(plan.file)
    last = max((o for o, _ in bad), default=0)
    if not plan.is_csv:
        lines = json_record_lines(plan.file, "features", last)
        return [RowError(name, lines.get(o), f"feature {o}: {r}") for o, r in bad]
    if not bad and not rejects:
        return []
    rejected = {line for line, _ in rejects}
    by_ord: dict[int, int]
    by_rec: Mapping[int, int | None]
    if plan.record_rows is not None:  # a workbook or JSON turned into CSV: its own rows
        by_ord, by_rec = _sheet_rows(plan, rejected, last)
    else:
        by_ord, by_rec = _record_lines(
            plan.file, plan.line_offset, rejected, last, quoted=plan.quoted
        )
    out = [RowError(name, by_rec.get(rec, rec), reason) for rec, reason in rejects]
    out += [RowError(name, by_ord.get(o), r) for o, r in bad]
    out.sort(key=lambda e: (e.line is None, e.line or 0))
    return out


def _sheet_rows(
    plan: Plan, rejected: set[int], last: int
) -> tuple[dict[int, int], dict[int, int | None]]:
    """Return (ordinal of kept record -> row, record number -> row) from ``plan.record_rows``.

    A rejected record beyond the known rows maps to ``None`` (no row to name).
    """
    rows = plan.record_rows or ()
    first = plan.line_offset
    by_rec = {rec: rows[rec - first] if 0 <= rec - first < len(rows) else None for rec in rejected}
    by_ord: dict[int, int] = {}
    ordinal = 0
    for i, row in enumerate(rows):
        if ordinal >= last:
            break
        if i + first not in rejected:
            ordinal += 1
            by_ord[ordinal] = row
    return by_ord, by_rec


def _record_lines(
    path: Path, first_line: int, rejected: set[int], last: int, *, quoted: bool
) -> tuple[dict[int, int], dict[int, int]]:
    """Return (ordinal of kept record -> line, record number -> line) up to what is needed.

    ``first_line`` is the line (and record number) of the first data record.
    """
    by_ord: dict[int, int] = {}
    by_rec: dict[int, int] = {}
    ordinal = 0
    need_rec = max(rejected, default=0)
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        if first_line > 1:
            fh.readline()
        for rec_no, (line, text) in enumerate(
            _records(fh, first_line, quoted=quoted), start=first_line
        ):
            if rec_no in rejected:
                by_rec[rec_no] = line
            elif text.strip():
                ordinal += 1
                by_ord[ordinal] = line
            if ordinal >= last and rec_no >= need_rec:
                break
    return by_ord, by_rec


def _records(fh: object, first_line: int, *, quoted: bool) -> Iterator[tuple[int, str]]:
    """Yield (first line number, text) of each physical record, joining quoted newlines."""
    line = first_line
    pending = ""
    start = line
    for raw in fh:  # type: ignore[attr-defined]  # a text or binary file object; typed object for both
        if not pending:
            start = line
        pending += raw
        line += 1
        if not quoted or pending.count('"') % 2 == 0:
            yield start, pending
            pending = ""
    if pending:
        yield start, pending
