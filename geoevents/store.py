"""The event store: one DuckDB file with the spatial extension loaded from its wheel.

The store owns the schema (``events``, ``event_sources``, ``articles``, ``schema_version``),
the offline loading of the spatial extension, idempotent transactional writes, and the
one place where (lon, lat) is swapped for DuckDB's ``ST_Distance_Sphere``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

import duckdb

from geoevents._frames import EVENT_COLUMNS, arrow_table, columns_from_gdf, frame_from_arrow
from geoevents.errors import (
    ConfigError,
    QueryError,
    SchemaVersionError,
    SpatialExtensionError,
    StoreError,
)
from geoevents.filters import EventFilter, check_origin, resolve_filter

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Sequence

    import geopandas as gpd
    import pandas as pd

    from geoevents.models import Event

log = logging.getLogger(__name__)

#: Bump when the DDL changes; a store with a larger number is refused.
SCHEMA_VERSION = 1
DUCKDB_VERSION = "1.5.5"
#: The storage format of a new store file (readable by DuckDB >= 1.5).
STORAGE_VERSION = "v1.5.0"

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


def spatial_extension_path() -> Path:
    """Return the path of the spatial extension file shipped in the installed wheel.

    Raises
    ------
    SpatialExtensionError
        When ``duckdb-extension-spatial`` is missing or does not match ``duckdb``.
    """
    try:
        import duckdb_extension_spatial
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


#: How long :func:`open_store` waits, by default, for another process to release the store.
DEFAULT_WAIT = 5.0
_LOCK_RE = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


def connect(
    path: str | Path = ":memory:",
    *,
    read_only: bool = False,
    guarded: bool = False,
    wait: float = 0.0,
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection with autoinstall off and the spatial extension loaded.

    Parameters
    ----------
    path
        A DuckDB file, or ``":memory:"``.
    read_only
        Open the file without write access.
    guarded
        After loading spatial, turn DuckDB's external access off (no file, network,
        ``ATTACH``, ``COPY``, ``INSTALL`` or ``LOAD``) and lock the configuration, so
        that SQL run on the connection can read the store and nothing else.
    wait
        Seconds to keep retrying while another process holds the file's lock.

    Raises
    ------
    StoreError
        When the file is not a DuckDB database, or is still locked after ``wait`` seconds
        (the message names the process holding it).
    SpatialExtensionError
        When the extension cannot be loaded.
    """
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        # a new store is written in DuckDB 1.5's own storage format: about 20% faster to
        # fill and 15% smaller than the default v0.10 format (bench/bench_import.py); files
        # that exist keep the format they have
        "storage_compatibility_version": STORAGE_VERSION,
    }
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as exc:
            held = _LOCK_RE.search(str(exc))
            if held is None:
                raise StoreError(_open_message(path, exc)) from exc
            if time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            msg = (
                f"store {str(path)!r} is in use by {held.group(1)} (PID {held.group(2)}); "
                f"waited {wait:g} s; try again when it is done, or wait longer (--wait)"
            )
            raise StoreError(msg) from exc
        except duckdb.Error as exc:
            raise StoreError(_open_message(path, exc)) from exc
    ext = spatial_extension_path()
    try:
        con.execute("SET enable_progress_bar = false")  # never draw on the caller's stdout
        con.execute(f"LOAD '{ext.as_posix()}'")
        if guarded:
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        msg = (
            f"cannot load spatial extension {ext.name} (duckdb {duckdb.__version__}): "
            f"{_first_line(exc)}"
        )
        raise SpatialExtensionError(msg) from exc
    return con


def _open_message(path: str | Path, exc: BaseException) -> str:
    return f"cannot open {str(path)!r} as a DuckDB store: {_first_line(exc)}"


#: The longest message line built from a value or a DuckDB error (the rest is cut, "...").
MAX_LINE = 300


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return shorten(text.splitlines()[0]) if text else type(exc).__name__


def shorten(text: str, limit: int = MAX_LINE) -> str:
    """Return ``text`` cut to ``limit`` characters, ending in an ellipsis when cut.

    Examples
    --------
    >>> shorten("abcdef", 4), shorten("abc", 4)
    ('a...', 'abc')
    """
    return text if len(text) <= limit else text[: limit - 3] + "..."


def haversine_sql(lon_col: str, lat_col: str) -> str:
    """Return SQL for the great-circle distance in metres from ``(?, ?)`` = (lon, lat).

    DuckDB 1.5's ``ST_Distance_Sphere`` reads x as latitude: this is the one place where
    geoevents swaps (lon, lat) to (lat, lon). The two parameters are bound lon first.
    """
    return (
        f"ST_Distance_Sphere(ST_Point({lat_col}, {lon_col}), "
        "ST_FlipCoordinates(ST_Point(?::DOUBLE, ?::DOUBLE)))"
    )


def within_km_sql(
    lon: float, lat: float, km: float, *, lon_col: str = "lon", lat_col: str = "lat"
) -> tuple[str, list[object]]:
    """Return a SQL predicate (and its parameters) for "within ``km`` of (lon, lat)".

    A bounding box on the plain ``lon``/``lat`` columns goes first, so that DuckDB
    computes the swapped great-circle distance (:func:`haversine_sql`) only on the
    few rows inside it.

    Examples
    --------
    >>> sql, params = within_km_sql(2.9678, 19.9486, 50)
    >>> sql.count("?") == len(params)
    True
    """
    dlat = km / 110.0 + 1e-6  # a degree of latitude is at least 110.57 km
    coslat = math.cos(math.radians(min(abs(lat) + dlat, 89.9)))
    dlon = km / (111.0 * coslat) + 1e-6  # a degree of longitude is 111.32 km * cos(lat)
    clauses = [f"{lat_col} BETWEEN ? AND ?"]
    params: list[object] = [lat - dlat, lat + dlat]
    if lon - dlon > -180 and lon + dlon < 180:  # noqa: PLR2004
        clauses.append(f"{lon_col} BETWEEN ? AND ?")
        params += [lon - dlon, lon + dlon]
    clauses.append(f"{haversine_sql(lon_col, lat_col)} <= ?")
    params += [lon, lat, km * 1000.0]
    return "(" + " AND ".join(clauses) + ")", params


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance in km between two (lon, lat) points, via DuckDB.

    Examples
    --------
    >>> round(distance_km((-1.5247, 12.3714), (2.1098, 13.5137)))  # Ouagadougou - Niamey
    414
    """
    con = connect()
    try:
        row = con.execute(
            f"SELECT {haversine_sql('a_lon', 'a_lat')} / 1000 "  # noqa: S608
            "FROM (SELECT ?::DOUBLE AS a_lon, ?::DOUBLE AS a_lat)",
            [a[0], a[1], b[0], b[1]],
        ).fetchone()
    finally:
        con.close()
    assert row is not None  # noqa: S101
    return float(row[0])


#: An event located at a point (its place itself, or near it): ``geo_precision`` 1 or 2.
#: Region- and country-level events (3, 4) are areas; their ``lon``/``lat`` only anchor them
#: on a map.
POINT_PRECISE = "coalesce(geo_precision, 1) <= 2"
#: The event's stored geometry is an area (or line), not just its anchor point.
_HAS_SHAPE = "ST_GeometryType(geom)::VARCHAR <> 'POINT'"


def filter_sql(
    flt: EventFilter, *, start_bound: dt.date | None = None, anchors: bool = False
) -> tuple[str, list[object]]:
    """Return a ``WHERE`` clause (empty when nothing filters) and its parameters.

    Spatial filters tell points from areas (:class:`~geoevents.filters.EventFilter`):
    ``near``/``within_km`` count point-precise events only; ``bbox`` and ``intersects_wkt``
    count an area-level event through its stored area geometry, never its anchor point.

    Parameters
    ----------
    flt
        A resolved filter (:func:`resolve_filter`): ``near`` a point, ``intersects_wkt`` WKT.
    start_bound
        No event that starts before this date reaches ``flt.start`` (:meth:`Store.start_bound`):
        a bound on ``date_start`` that lets DuckDB skip whole row groups, as rows are
        appended in date order.
    anchors
        Test every event by its geometry as it is, anchor points included (an import's
        filter on a file's own coordinates).
    """
    clauses: list[str] = []
    params: list[object] = []
    if flt.start is not None:
        # the first forms only let DuckDB skip row groups by their zonemaps; the last is exact
        clauses.append("(date_end >= ? OR date_end IS NULL)")
        params.append(flt.start)
        if start_bound is not None:
            clauses.append("date_start >= ?")
            params.append(min(start_bound, flt.start))
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(flt.start)
    if flt.end is not None:
        clauses.append("date_start <= ?")
        params.append(flt.end)
    for column, values in (("country", flt.countries), ("origin", flt.origins)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    if flt.types:
        marks = ", ".join("?" * len(flt.types))
        clauses.append(f"(event_type IN ({marks}) OR sub_event_type IN ({marks}))")
        params += [*flt.types, *flt.types]
    if flt.precision is not None:
        clauses.append("geo_precision <= ?")
        params.append(flt.precision)
    shaped = "" if anchors else f" AND ({POINT_PRECISE} OR {_HAS_SHAPE})"
    if flt.bbox is not None:
        clauses.append(f"(ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?)){shaped})")
        params += flt.bbox
    if flt.near is not None and flt.within_km is not None:
        if isinstance(flt.near, str):
            msg = f"place {flt.near!r} is not resolved; call resolve_filter first"
            raise ConfigError(msg)
        sql, more = within_km_sql(flt.near[0], flt.near[1], flt.within_km)
        clauses.append(sql if anchors else f"({POINT_PRECISE} AND {sql})")
        params += more
    if flt.intersects_wkt is not None:
        clauses.append(f"(ST_Intersects(geom, ST_GeomFromText(?)){shaped})")
        params.append(flt.intersects_wkt)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


#: Rows are appended in this order, so that DuckDB's zonemaps (min/max per row group) let
#: date and place filters skip most of a large store.
APPEND_ORDER = "date_start, lon, event_id"

#: Rows of a staged batch whose id is not stored yet. Looking up only the batch's ids lets
#: DuckDB probe the primary key instead of scanning every id, and (unlike ON CONFLICT)
#: keeps the APPEND_ORDER of a parallel insert.
_NEW_IDS = (
    "s.event_id NOT IN (SELECT e.event_id FROM events e "
    "WHERE e.event_id IN (SELECT event_id FROM {t}))"
)

_SELECT_STAGED = ", ".join(
    {"geom": "TRY(ST_GeomFromText(geom)) AS geom", "extra": "extra::JSON AS extra"}.get(c, c)
    for c in EVENT_COLUMNS
)
_CHECK_STAGED = (
    "SELECT _ord, event_id, event_type, origin, geom FROM {t} WHERE event_id IS NULL "
    "OR event_type IS NULL OR origin IS NULL "
    "OR (geom IS NOT NULL AND TRY(ST_GeomFromText(geom)) IS NULL) ORDER BY _ord LIMIT 1"
)


#: Where each importer keeps a row's place names: SQL over ``events`` for
#: (admin2, admin3, location) (see :meth:`Store.unplaced_names`).
PLACE_NAME_COLUMNS: dict[str, tuple[str, str, str]] = {
    "acled": ("extra->>'admin2'", "extra->>'admin3'", "location_name"),
    "ucdp": ("extra->>'adm_2'", "NULL::VARCHAR", "location_name"),
    "gdelt": (
        "NULL::VARCHAR",
        "NULL::VARCHAR",
        "nullif(trim(split_part(location_name, ',', 1)), '')",
    ),
}

_UNPLACED_NAMES = """
SELECT DISTINCT country, admin1, {admin2}, {admin3}, {location}
FROM events WHERE origin = ? AND lon IS NULL AND place_id IS NULL
"""

#: Events of an origin left without coordinates and without a place: stored, counted.
_UNPLACED = "SELECT count(*) FROM events WHERE origin = ? AND geom IS NULL AND place_id IS NULL"

_PLACE_UPDATE = """
UPDATE events SET lon = g.lon, lat = g.lat,
    geom = coalesce(ST_GeomFromText(g.wkt), ST_Point(g.lon, g.lat)),
    place_id = g.place_id, place_kind = g.place_kind,
    geo_precision = greatest(coalesce(events.geo_precision, 1), g.geo_precision),
    country = coalesce(events.country, g.cc)
FROM _gx_geo AS g
WHERE events.origin = ? AND events.lon IS NULL AND events.place_id IS NULL
  AND events.country IS NOT DISTINCT FROM g.country
  AND events.admin1 IS NOT DISTINCT FROM g.admin1
  AND ({admin2}) IS NOT DISTINCT FROM g.admin2
  AND ({admin3}) IS NOT DISTINCT FROM g.admin3
  AND ({location}) IS NOT DISTINCT FROM g.location
"""

#: Region- or country-level events of an origin whose geometry is still a point.
_ANCHORED = """
SELECT DISTINCT country, admin1, geo_precision FROM events
WHERE origin = ? AND geo_precision >= 3 AND country IS NOT NULL AND geom IS NOT NULL
  AND ST_GeometryType(geom)::VARCHAR = 'POINT'
"""

_AREA_UPDATE = """
UPDATE events SET geom = ST_GeomFromText(a.wkt)
FROM _gx_area AS a
WHERE events.origin = ? AND events.country = a.country
  AND events.admin1 IS NOT DISTINCT FROM a.admin1
  AND events.geo_precision = a.geo_precision
  AND ST_GeometryType(events.geom)::VARCHAR = 'POINT'
"""

#: Dispatches read that no event cites (none extracted, or all dropped), with their headline.
_NO_EVENT_ARTICLES = """
SELECT a.source, any_value(a.headline) FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.source = a.source)
GROUP BY a.source ORDER BY a.source
"""

_COUNTS_BY_TYPE_COUNTRY = """
SELECT event_type, coalesce(country, '—') AS country, count(*) AS n
FROM events GROUP BY ALL ORDER BY event_type, country
"""


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
    >>> key = ("text", "battle", "2024-07-25")
    >>> content_event_id(*key) == content_event_id(*key)
    True
    """
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return "txt:" + hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def is_geometry_type(type_name: str) -> bool:
    """Return True for DuckDB's ``GEOMETRY`` type, with or without a CRS.

    Examples
    --------
    >>> is_geometry_type("GEOMETRY"), is_geometry_type("GEOMETRY('EPSG:4326')")
    (True, True)
    >>> is_geometry_type("GEOMETRY[]")
    False
    """
    return type_name == "GEOMETRY" or type_name.startswith("GEOMETRY(")


class QueryRows(NamedTuple):
    """A query result as plain Python values (see :meth:`Store.query_rows`)."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[object, ...]]


class Store:
    """An open event store. Use :func:`open_store` to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, guarded: bool = False) -> None:
        self.con = con
        self.path = path
        #: The connection is read-only with external access off and its configuration
        #: locked (a store opened with ``read_only=True``): SQL run on it reads the store only.
        self.guarded = guarded
        self._depth = 0

    # -- schema ----------------------------------------------------------------------------
    def _ensure_schema(self, *, read_only: bool) -> None:
        tables = {
            r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
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
        """Run a block in one transaction: all of it lands or none of it.

        Nested blocks join the outer transaction, so a failure anywhere undoes everything.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self._depth = 0
            self.con.execute("ROLLBACK")
            raise
        self._depth = 0
        self.con.execute("COMMIT")

    # -- writes ----------------------------------------------------------------------------
    def write_events(self, events: Iterable[Event]) -> int:
        """Insert events whose ``event_id`` is new, in one transaction; return how many landed.

        Every event's source is also recorded in ``event_sources`` (provenance), even when
        the event itself was already stored.

        Raises
        ------
        StoreError
            When an event lacks an id, type or origin, or has malformed WKT; nothing lands.
        """
        rows = [event_row(e) for e in events]
        columns = {name: [r[i] for r in rows] for i, name in enumerate(EVENT_COLUMNS)}
        return self._write_columns(columns)

    def write_gdf(self, gdf: pd.DataFrame, *, origin: str) -> int:
        """Insert the rows of a GeoDataFrame of events; return how many were new.

        Columns are matched by name against the ``events`` table (as :meth:`events` returns
        them), the active geometry becomes ``geom``, missing ``lon``/``lat`` come from a
        representative point, a missing ``origin`` is ``origin`` and a missing ``event_id``
        a content hash of the row.

        Raises
        ------
        StoreError
            When a row cannot be stored; nothing lands.
        ConfigError
            When ``origin`` is unknown.
        """
        origin = check_origin(origin)
        return self._write_columns(columns_from_gdf(gdf, origin=origin))

    def _write_columns(self, columns: dict[str, list[object]]) -> int:
        if not columns["event_id"]:
            return 0
        table = arrow_table(columns)
        name = f"_batch_{id(table):x}"
        self.con.register(name, table)
        try:
            with self.transaction() as con:
                bad = con.execute(_CHECK_STAGED.format(t=name)).fetchone()
                if bad is not None:
                    raise StoreError(_bad_row_message(bad))
                row = con.execute(
                    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "  # noqa: S608
                    f"SELECT {_SELECT_STAGED} FROM (SELECT DISTINCT ON (event_id) * FROM {name} "
                    f"ORDER BY event_id, _ord) s WHERE {_NEW_IDS.format(t=name)} "
                    f"ORDER BY {APPEND_ORDER}"
                ).fetchone()
                con.execute(
                    "INSERT INTO event_sources SELECT DISTINCT ON (event_id, source) "  # noqa: S608
                    "event_id, source, source_url, evidence, evidence_start, evidence_end "
                    f"FROM {name} WHERE source IS NOT NULL ORDER BY event_id, source, _ord "
                    "ON CONFLICT DO NOTHING"
                )
        except duckdb.Error as exc:
            msg = f"cannot write events to {self.path!r}: {_first_line(exc)}"
            raise StoreError(msg) from exc
        finally:
            self.con.unregister(name)
        added = int(row[0]) if row else 0
        log.info("%d of %d events were new in %s", added, len(columns["event_id"]), self.path)
        return added

    # -- articles and cross-article merging (geoevents.pipeline) ---------------------------
    def has_article(self, article_id: str) -> bool:
        """Return True when an article of this id (a content hash) was ingested already."""
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
        ).fetchone()
        return row is not None

    def has_event(self, event_id: str) -> bool:
        """Return True when an event of this id is stored."""
        row = self.con.execute("SELECT 1 FROM events WHERE event_id = ?", [event_id]).fetchone()
        return row is not None

    def add_article(
        self,
        article_id: str,
        *,
        source: str,
        headline: str | None,
        published: dt.date | None,
        language: str | None,
        n_events: int,
    ) -> None:
        """Record an ingested article (nothing happens when its id is stored already)."""
        with self.transaction() as con:
            con.execute(
                "INSERT INTO articles (article_id, source, headline, published, language, "
                "n_events) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [article_id, source, headline, published, language, n_events],
            )

    def overlapping_text_events(
        self, event: Event
    ) -> list[tuple[str, float | None, float | None, str | None]]:
        """Return ``(event_id, lon, lat, country)`` of stored text events that may be ``event``.

        They have its type (and, for diplomacy, its sub-type), dates that overlap its dates
        and another id; whether their places match is the caller's call
        (:func:`geoevents.pipeline.find_same_event`). Empty when ``event`` lacks a date.
        """
        if event.date_start is None or event.date_end is None:
            return []
        sql = (
            "SELECT event_id, lon, lat, country FROM events WHERE origin = 'text' "
            "AND event_type = ? AND date_start <= ? AND date_end >= ? AND event_id <> ?"
        )
        params: list[object] = [event.event_type, event.date_end, event.date_start, event.event_id]
        if event.event_type == "diplomacy":
            sql += " AND sub_event_type = ?"
            params.append(event.sub_event_type)
        return [
            (str(eid), lon, lat, country)
            for eid, lon, lat, country in self.con.execute(sql, params).fetchall()
        ]

    # -- placing imported rows without coordinates (geoevents.importers.places) ------------
    def unplaced_names(
        self, origin: str
    ) -> list[tuple[str | None, str | None, str | None, str | None, str | None]]:
        """Return the distinct place names of ``origin`` events without coordinates or place.

        Each row is ``(country, admin1, admin2, admin3, location)``, read where the importer
        of ``origin`` keeps them (:data:`PLACE_NAME_COLUMNS`).
        """
        admin2, admin3, location = PLACE_NAME_COLUMNS[origin]
        sql = _UNPLACED_NAMES.format(admin2=admin2, admin3=admin3, location=location)
        return [tuple(r) for r in self.con.execute(sql, [origin]).fetchall()]

    def place_events(self, origin: str, rows: Sequence[tuple[object, ...]]) -> int:
        """Give ``origin`` events without coordinates the place found for their names.

        Each row is ``(country, admin1, admin2, admin3, location`` -- as
        :meth:`unplaced_names` gave them -- ``place_id, place_kind, geo_precision, lon, lat,
        place_country, area_wkt)``; an event keeps a finer precision and its own country.
        Returns how many events were placed.
        """
        if not rows:
            return 0
        admin2, admin3, location = PLACE_NAME_COLUMNS[origin]
        update = _PLACE_UPDATE.format(
            admin2=admin2.replace("extra", "events.extra"),
            admin3=admin3.replace("extra", "events.extra"),
            location=location.replace("location_name", "events.location_name"),
        )
        with self.transaction() as con:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _gx_geo (country VARCHAR, admin1 VARCHAR,"
                " admin2 VARCHAR, admin3 VARCHAR, location VARCHAR, place_id VARCHAR,"
                " place_kind VARCHAR, geo_precision INTEGER, lon DOUBLE, lat DOUBLE, cc VARCHAR,"
                " wkt VARCHAR)"
            )
            con.executemany("INSERT INTO _gx_geo VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            row = con.execute(update, [origin]).fetchone()
            con.execute("DROP TABLE _gx_geo")
        return int(row[0]) if row else 0

    def point_areas(self, origin: str) -> list[tuple[str, str | None, int]]:
        """Return the region- and country-level ``origin`` events still drawn as a point.

        Distinct ``(country, admin1, geo_precision)`` of events of precision 3 or 4 whose
        geometry is only their anchor point (:meth:`set_areas` gives them their area).
        """
        return [tuple(r) for r in self.con.execute(_ANCHORED, [origin]).fetchall()]

    def set_areas(self, origin: str, rows: Sequence[tuple[str, str | None, int, str]]) -> int:
        """Give those ``origin`` events (:meth:`point_areas`) the area they cover.

        Each row is ``(country, admin1, geo_precision, area_wkt)``; returns how many events
        got an area.
        """
        if not rows:
            return 0
        with self.transaction() as con:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _gx_area (country VARCHAR, admin1 VARCHAR,"
                " geo_precision INTEGER, wkt VARCHAR)"
            )
            con.executemany("INSERT INTO _gx_area VALUES (?, ?, ?, ?)", rows)
            row = con.execute(_AREA_UPDATE, [origin]).fetchone()
            con.execute("DROP TABLE _gx_area")
        return int(row[0]) if row else 0

    def unplaced_count(self, origin: str) -> int:
        """Return how many ``origin`` events have neither a geometry nor a place."""
        row = self.con.execute(_UNPLACED, [origin]).fetchone()
        return int(row[0]) if row else 0

    # -- reads -----------------------------------------------------------------------------
    def events(
        self, flt: EventFilter | None = None, *, gazetteer: object | None = None
    ) -> gpd.GeoDataFrame:
        """Return the events matching ``flt`` as a GeoDataFrame (EPSG:4326).

        Parameters
        ----------
        flt
            The filter; ``None`` returns every event.
        gazetteer
            Gazetteer (object or path) for place names in the filter; the bundled one by default.

        Returns
        -------
        geopandas.GeoDataFrame
            The ``events`` columns, ``geom`` as the active ``geometry`` column, ``actors`` and
            ``participants`` as lists, dates as ``datetime.date``; ordered by date and id.

        Raises
        ------
        ConfigError
            When a place name is unknown or the WKT is malformed.
        """
        flt = resolve_filter(flt or EventFilter(), gazetteer=gazetteer)
        if flt.intersects_wkt is not None:
            self._check_wkt(flt.intersects_wkt)
        bound = self.start_bound(flt.start) if flt.start else None
        where, params = filter_sql(flt, start_bound=bound)
        cols = ", ".join("geom AS geometry" if c == "geom" else c for c in EVENT_COLUMNS)
        query = f"SELECT {cols} FROM events{where} ORDER BY date_start, event_id"  # noqa: S608
        table = self._run(query, params).to_arrow_table()
        return frame_from_arrow(table, ["geometry"])

    def sql(
        self, query: str, params: Sequence[object] | None = None, *, writable: bool = False
    ) -> pd.DataFrame:
        """Run SQL and return a DataFrame, or a GeoDataFrame when a column is a GEOMETRY.

        The SQL runs on the guarded connection of a store opened with ``read_only=True``:
        DuckDB itself refuses anything that writes, reads or writes another file, attaches,
        installs, loads or changes a setting. On a store opened for writing, SQL runs only
        when the caller asks for it with ``writable=True`` (then it may do anything).

        Parameters
        ----------
        query
            The SQL (several statements run in turn; the last one's result is returned).
        params
            Values bound to the ``?`` of the query.
        writable
            Run on a store opened for writing, without the guard.

        Raises
        ------
        QueryError
            When the SQL is malformed or refused, or the store is open for writing and
            ``writable`` is not set.
        """
        self._check_guard(writable=writable)
        result = self._run(query, params)
        if cast("object", result.description) is None:  # a statement without rows (stubs say never)
            import pandas as pd

            return pd.DataFrame()
        geometry = [d[0] for d in result.description if is_geometry_type(str(d[1]))]
        geometry.sort(key=lambda name: name not in ("geometry", "geom"))
        return frame_from_arrow(result.to_arrow_table(), geometry)

    def _check_guard(self, *, writable: bool) -> None:
        if writable and self.guarded:
            msg = f"store {self.path!r} is open read-only; open it without read_only to write"
            raise QueryError(msg)
        if not writable and not self.guarded:
            msg = (
                f"store {self.path!r} is open for writing: read it through "
                "open_store(path, read_only=True), or pass writable=True to run SQL unguarded"
            )
            raise QueryError(msg)

    def query(self, query: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        """Run one statement on the guarded connection, like :meth:`sql`.

        Raises
        ------
        QueryError
            When the SQL is malformed, has several statements, or is refused.
        """
        self._check_guard(writable=False)
        return self.sql(one_statement(self.con, query), params)

    def query_rows(self, query: str, *, geometry: str = "wkt") -> QueryRows:
        """Run one statement on the guarded connection; return columns, types and rows.

        The light path for printing (no pandas): GEOMETRY columns come back as WKT text
        (``geometry="wkt"``) or GeoJSON text (``"geojson"``), dates as ``datetime.date``.

        Raises
        ------
        QueryError
            When the SQL is malformed, has several statements, or is refused.
        """
        self._check_guard(writable=False)
        statement = one_statement(self.con, query)
        convert = {"wkt": "ST_AsText", "geojson": "ST_AsGeoJSON"}[geometry]
        try:
            rel = cast("duckdb.DuckDBPyRelation | None", self.con.sql(statement))
            if rel is None:  # a statement without rows (duckdb's stubs say never)
                return QueryRows([], [], [])
            names, types = list(rel.columns), [str(t) for t in rel.types]
            if any(is_geometry_type(t) for t in types):
                # alias columns by position: names may repeat ("SELECT geom, geom ...")
                exprs = []
                for i, (name, kind) in enumerate(zip(names, types, strict=True)):
                    alias = '"' + name.replace('"', '""') + '"'
                    exprs.append(
                        f"{convert}(_c{i}) AS {alias}"
                        if is_geometry_type(kind)
                        else f"_c{i} AS {alias}"
                    )
                positions = ", ".join(f"_c{i}" for i in range(len(names)))
                rel = self.con.sql(
                    f"SELECT {', '.join(exprs)} FROM ({statement}) AS _q({positions})"  # noqa: S608
                )
            return QueryRows(names, types, rel.fetchall())
        except duckdb.Error as exc:
            msg = f"query refused or failed: {_first_line(exc)}"
            raise QueryError(msg) from exc

    def _run(self, query: str, params: Sequence[object] | None) -> duckdb.DuckDBPyConnection:
        try:
            return self.con.execute(query, list(params or []))
        except duckdb.Error as exc:
            msg = f"query refused or failed: {_first_line(exc)}"
            raise QueryError(msg) from exc

    def start_bound(self, start: dt.date) -> dt.date:
        """Return the earliest ``date_start`` of an event still running on ``start`` (or ``start``).

        Cheap on a date-ordered store: the ``date_end`` and ``date_start`` zonemaps leave
        only the row groups around ``start`` to read.
        """
        row = self.con.execute(
            "SELECT min(date_start) FROM events WHERE date_end >= ? AND date_start < ?",
            [start, start],
        ).fetchone()
        return min(start, row[0]) if row and row[0] is not None else start

    def _check_wkt(self, wkt: str) -> None:
        row = self.con.execute("SELECT TRY(ST_GeomFromText(?)) IS NULL", [wkt]).fetchone()
        if row is None or row[0]:
            short = wkt if len(wkt) <= 60 else wkt[:57] + "..."  # noqa: PLR2004
            msg = f"intersects geometry {short!r} is not valid WKT"
            raise ConfigError(msg)

    def count(self) -> int:
        """Return the number of events in the store."""
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def counts_by_type_and_country(self) -> list[tuple[str, str, int]]:
        """Return ``(event_type, country, n)`` for every type and country ("—" when none)."""
        rows = self.con.execute(_COUNTS_BY_TYPE_COUNTRY).fetchall()
        return [(str(t), str(c), int(n)) for t, c, n in rows]

    def articles_without_events(self) -> list[tuple[str, str]]:
        """Return ``(source, headline)`` of ingested articles no stored event cites."""
        rows = self.con.execute(_NO_EVENT_ARTICLES).fetchall()
        return [(str(src), str(head or "")) for src, head in rows]

    def df(self, query: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        """Run SQL and return a pandas DataFrame (geometry columns as WKB bytes)."""
        return self.con.execute(query, list(params or [])).df()

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


def _bad_row_message(bad: tuple[object, ...]) -> str:
    ordinal, event_id, event_type, origin, wkt = bad
    where = f"event {event_id!r}" if event_id is not None else f"event #{int(ordinal) + 1}"  # type: ignore[call-overload]  # the ordinal DuckDB numbered the row with
    for field, value in (("event_id", event_id), ("event_type", event_type), ("origin", origin)):
        if value is None:
            return f"cannot write {where}: {field} is missing; nothing was written"
    short = str(wkt) if len(str(wkt)) <= 60 else str(wkt)[:57] + "..."  # noqa: PLR2004
    return f"cannot write {where}: geometry {short!r} is not valid WKT; nothing was written"


def one_statement(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """Return the one statement of ``query`` (DuckDB's parser), without a trailing semicolon.

    Only a convenience for one-line errors: what a statement may do is decided by the
    guarded connection it runs on (:func:`connect`), not by its type.

    Raises
    ------
    QueryError
        When the SQL is malformed or holds several statements.
    """
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        msg = f"malformed SQL: {_first_line(exc)}"
        raise QueryError(msg) from exc
    if len(statements) != 1:
        msg = f"expected exactly one SQL statement, got {len(statements)}"
        raise QueryError(msg)
    return str(statements[0].query).strip().rstrip(";").strip()


@contextlib.contextmanager
def open_store(
    path: str | Path = ":memory:", *, read_only: bool = False, wait: float = DEFAULT_WAIT
) -> Iterator[Store]:
    """Open (and create, unless read-only) an event store; close it on exit.

    A read-only store is *guarded*: its connection cannot write, read other files, attach,
    install, load or change settings (:meth:`Store.sql`). A file left empty by a store
    killed while it was being created gets its schema when it is opened.

    Parameters
    ----------
    path
        A DuckDB file, or ``":memory:"``.
    read_only
        Open without write access, guarded; a missing file is then an error.
    wait
        Seconds to wait while another process holds the store (a writer), before failing
        with a message naming it.

    Raises
    ------
    StoreError
        When the file is missing (read-only), not a DuckDB database, not a geoevents store,
        cannot be created, or stays locked.
    SchemaVersionError
        When the store comes from a newer geoevents.
    """
    path = str(path)
    memory = path == ":memory:"
    if not memory:
        _check_path(Path(path), read_only=read_only)
    con = connect(path, read_only=read_only, guarded=read_only and not memory, wait=wait)
    if read_only and not memory and _no_tables(con) and os.access(path, os.W_OK):
        con.close()  # a store killed while being created: complete its schema, then read
        with open_store(path, wait=wait):
            pass
        con = connect(path, read_only=True, guarded=True, wait=wait)
    store = Store(con, path, guarded=read_only and not memory)
    try:
        store._ensure_schema(read_only=read_only)
        yield store
    finally:
        store.close()


def _check_path(file: Path, *, read_only: bool) -> None:
    """Refuse, in one line, a store path that cannot be opened (or created)."""
    shown = str(file)
    if file.is_dir():
        msg = f"store {shown!r} is a folder; give a file path such as events.duckdb"
        raise StoreError(msg)
    if read_only and not file.exists():
        msg = f"no store at {shown!r}; create one with geoevents import or geoevents ingest"
        raise StoreError(msg)
    parent = file.parent
    if not file.exists():
        blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            msg = f"cannot create store {shown!r}: {str(blocker)!r} is a file, not a folder"
            raise StoreError(msg)
        if not parent.exists():
            msg = f"cannot create store {shown!r}: folder {str(parent)!r} does not exist"
            raise StoreError(msg)
        if not os.access(parent, os.W_OK | os.X_OK):
            msg = f"cannot create store {shown!r}: folder {str(parent)!r} is not writable"
            raise StoreError(msg)
        return
    if not os.access(file, os.R_OK):
        msg = f"cannot read store {shown!r}: permission denied"
        raise StoreError(msg)
    if not read_only and not os.access(file, os.W_OK):
        msg = f"cannot write store {shown!r}: the file is read-only"
        raise StoreError(msg)
    if not read_only and not os.access(parent, os.W_OK | os.X_OK):
        msg = (
            f"cannot write store {shown!r}: its folder is read-only "
            "(DuckDB writes a .wal file beside the store)"
        )
        raise StoreError(msg)
    if not file.is_file():
        msg = f"store {shown!r} is not a regular file"
        raise StoreError(msg)
    if file.stat().st_size == 0:
        if read_only:
            msg = (
                f"store {shown!r} is an empty file (its creation was interrupted); "
                "delete it, or open it for writing (geoevents import) to create the store"
            )
            raise StoreError(msg)
        file.unlink()  # nothing in it: an interrupted creation; DuckDB makes a new store


def _no_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Return True for a DuckDB file without any table (a store killed while being created)."""
    row = con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()
    return bool(row and row[0] == 0)
