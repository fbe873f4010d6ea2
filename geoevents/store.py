"""The event store: one DuckDB file with the spatial extension loaded from its wheel.

The store owns the schema (``events``, ``event_sources``, ``articles``, ``schema_version``),
the offline loading of the spatial extension, idempotent transactional writes, and the
one place where (lon, lat) is swapped for DuckDB's ``ST_Distance_Sphere``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from geoevents.errors import SchemaVersionError, SpatialExtensionError, StoreError
from geoevents.models import Event

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: Bump when the DDL changes; a store with a larger number is refused.
SCHEMA_VERSION = 1
DUCKDB_VERSION = "1.5.5"

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "time_precision",
    "country",
    "admin1",
    "location_name",
    "place_id",
    "place_kind",
    "geo_precision",
    "lon",
    "lat",
    "geom",
    "actors",
    "participants",
    "fatalities",
    "cameo_code",
    "source",
    "source_url",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "origin",
    "notes",
    "extra",
)

SCHEMA_DDL = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,
    event_type      VARCHAR NOT NULL,
    sub_event_type  VARCHAR,
    date_start      DATE,
    date_end        DATE,
    time_precision  VARCHAR,
    country         VARCHAR,
    admin1          VARCHAR,
    location_name   VARCHAR,
    place_id        VARCHAR,
    place_kind      VARCHAR,
    geo_precision   INTEGER,
    lon             DOUBLE,
    lat             DOUBLE,
    geom            GEOMETRY,
    actors          VARCHAR[],
    participants    VARCHAR[],
    fatalities      INTEGER,
    cameo_code      VARCHAR,
    source          VARCHAR,
    source_url      VARCHAR,
    evidence        VARCHAR,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    confidence      DOUBLE,
    origin          VARCHAR NOT NULL,
    notes           VARCHAR,
    extra           JSON
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id        VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    source_url      VARCHAR,
    evidence        VARCHAR,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    PRIMARY KEY (event_id, source)
);
CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    headline        VARCHAR,
    published       DATE,
    language        VARCHAR,
    n_events        INTEGER,
    ingested_at     TIMESTAMP DEFAULT current_timestamp
);
"""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field is optional and they combine with AND.

    ``types`` match ``event_type`` or ``sub_event_type``; ``bbox`` is
    (min_lon, min_lat, max_lon, max_lat); ``near`` is a (lon, lat) point used with
    ``within_km``; ``intersects_wkt`` is a geometry (a border, a region) in lon/lat.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float] | None = None
    within_km: float | None = None
    intersects_wkt: str | None = None
    origins: tuple[str, ...] = ()


def spatial_extension_path() -> Path:
    """Return the path of the spatial extension file shipped in the installed wheel.

    Raises
    ------
    SpatialExtensionError
        When ``duckdb-extension-spatial`` is missing or does not match ``duckdb``.
    """
    try:
        import duckdb_extension_spatial  # noqa: PLC0415
    except ImportError as exc:
        msg = "the 'duckdb-extension-spatial' package is not installed; pip install it"
        raise SpatialExtensionError(msg) from exc
    root = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    path = root / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
    if not path.is_file():
        shipped = sorted(p.name for p in root.glob("v*")) if root.is_dir() else []
        msg = (
            f"duckdb {duckdb.__version__} needs spatial extension v{duckdb.__version__}, "
            f"but duckdb-extension-spatial ships {', '.join(shipped) or 'nothing'}; "
            f"install duckdb=={DUCKDB_VERSION} and duckdb-extension-spatial=={DUCKDB_VERSION}"
        )
        raise SpatialExtensionError(msg)
    return path


def connect(path: str | Path = ":memory:", *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection with autoinstall off and the spatial extension loaded.

    Raises
    ------
    StoreError
        When the file is not a DuckDB database.
    SpatialExtensionError
        When the extension cannot be loaded.
    """
    config = {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as exc:
        msg = f"cannot open {str(path)!r} as a DuckDB store: {str(exc).splitlines()[0]}"
        raise StoreError(msg) from exc
    ext = spatial_extension_path()
    try:
        con.execute(f"LOAD '{ext.as_posix()}'")
    except duckdb.Error as exc:
        con.close()
        msg = (
            f"cannot load spatial extension {ext.name} (duckdb {duckdb.__version__}): "
            f"{str(exc).splitlines()[0]}"
        )
        raise SpatialExtensionError(msg) from exc
    return con


def haversine_sql(lon_col: str, lat_col: str) -> str:
    """Return SQL for the great-circle distance in metres from ``(?, ?)`` = (lon, lat).

    DuckDB 1.5's ``ST_Distance_Sphere`` reads x as latitude: this is the one place where
    geoevents swaps (lon, lat) to (lat, lon). The two parameters are bound lon first.
    """
    return f"ST_Distance_Sphere(ST_Point({lat_col}, {lon_col}), ST_Point(?::DOUBLE, ?::DOUBLE))"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance in km between two (lon, lat) points, via DuckDB.

    Examples
    --------
    >>> round(distance_km((-1.5247, 12.3714), (2.1098, 13.5137)))
    409
    """
    con = connect()
    try:
        row = con.execute(
            "SELECT ST_Distance_Sphere(ST_Point(?, ?), ST_Point(?, ?)) / 1000",
            [a[1], a[0], b[1], b[0]],
        ).fetchone()
    finally:
        con.close()
    assert row is not None  # noqa: S101
    return float(row[0])


def event_row(event: Event) -> tuple[object, ...]:
    """Return the ``events`` row for an event, in :data:`EVENT_COLUMNS` order (geom as WKT)."""
    span = event.evidence_span or (None, None)
    wkt = event.geometry_wkt
    if wkt is None and event.lon is not None and event.lat is not None:
        wkt = f"POINT ({event.lon!r} {event.lat!r})"
    return (
        event.event_id,
        event.event_type,
        event.sub_event_type,
        event.date_start,
        event.date_end,
        event.time_precision,
        event.country,
        event.admin1,
        event.location_name,
        event.place_id,
        event.place_kind,
        event.geo_precision,
        event.lon,
        event.lat,
        wkt,
        list(event.actors),
        list(event.participants),
        event.fatalities,
        event.cameo_code,
        event.source,
        event.source_url,
        event.evidence,
        span[0],
        span[1],
        event.confidence,
        event.origin,
        event.notes,
        json.dumps(event.extra, ensure_ascii=False) if event.extra else None,
    )


def content_event_id(*parts: object) -> str:
    """Return a stable id from the parts that identify an event (a content hash).

    Examples
    --------
    >>> content_event_id("text", "battle", "2024-07-25") == content_event_id("text", "battle", "2024-07-25")
    True
    """
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return "txt:" + hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


class Store:
    """An open event store. Use :func:`open_store` to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    # -- schema ----------------------------------------------------------------------------
    def _ensure_schema(self, *, read_only: bool) -> None:
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "schema_version" in tables:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] if row else None
            if version is None or version > SCHEMA_VERSION:
                msg = (
                    f"store {self.path!r} has schema version {version!r}; this geoevents "
                    f"reads version {SCHEMA_VERSION} or older"
                )
                raise SchemaVersionError(msg)
            return
        if tables:
            msg = f"{self.path!r} is a DuckDB file but not a geoevents store (no schema_version)"
            raise StoreError(msg)
        if read_only:
            return
        with self.transaction():
            self.con.execute(SCHEMA_DDL)
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: all of it lands or none of it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writes ----------------------------------------------------------------------------
    def write_events(self, events: Iterable[Event]) -> int:
        """Insert events whose ``event_id`` is new, in one transaction; return how many landed."""
        rows = [event_row(e) for e in events]
        if not rows:
            return 0
        cols = ", ".join(EVENT_COLUMNS)
        marks = ", ".join("ST_GeomFromText(?::VARCHAR)" if c == "geom" else "?" for c in EVENT_COLUMNS)
        with self.transaction() as con:
            before = self.count()
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _staging AS SELECT * FROM events LIMIT 0")
            con.execute("DELETE FROM _staging")
            con.executemany(f"INSERT INTO _staging ({cols}) VALUES ({marks})", rows)  # noqa: S608
            con.execute(
                f"INSERT INTO events SELECT * FROM (SELECT DISTINCT ON (event_id) * FROM _staging) s "  # noqa: S608
                "WHERE s.event_id NOT IN (SELECT event_id FROM events)"
            )
            con.execute(
                "INSERT INTO event_sources SELECT event_id, source, source_url, evidence, "
                "evidence_start, evidence_end FROM _staging WHERE source IS NOT NULL "
                "ON CONFLICT DO NOTHING"
            )
            con.execute("DROP TABLE _staging")
            return self.count() - before

    # -- reads -----------------------------------------------------------------------------
    def count(self) -> int:
        """Return the number of events in the store."""
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def df(self, query: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        """Run SQL and return a pandas DataFrame (geometry columns as WKB bytes)."""
        return self.con.execute(query, list(params or [])).df()

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


@contextlib.contextmanager
def open_store(path: str | Path = ":memory:", *, read_only: bool = False) -> Iterator[Store]:
    """Open (and create, unless read-only) an event store; close it on exit.

    Parameters
    ----------
    path
        A DuckDB file, or ``":memory:"``.
    read_only
        Open without write access; a missing file is then an error.

    Raises
    ------
    StoreError
        When the file is not a DuckDB database or not a geoevents store.
    SchemaVersionError
        When the store comes from a newer geoevents.
    """
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        msg = f"no store at {path!r}"
        raise StoreError(msg)
    con = connect(path, read_only=read_only)
    store = Store(con, path)
    try:
        store._ensure_schema(read_only=read_only)  # noqa: SLF001
        yield store
    finally:
        store.close()

