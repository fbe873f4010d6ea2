"""A shared PostGIS store: push events into PostgreSQL, read them back read-only.

:func:`push_postgis` upserts a store's events into the ``geoevents`` schema (tables
``events``, ``event_sources``, ``articles``; a GiST index on ``geom``, a B-tree on
``date_start``), idempotent by ``event_id``: a row whose values did not change is not
touched, so pushing the same events again adds and updates nothing. It streams the rows
from DuckDB in Arrow batches through ``COPY`` into a staging table.

:func:`open_postgis` reads them back: :meth:`PostgisStore.events` lets PostgreSQL pick the
candidate rows with the filter (dates, countries, bounding box through the GiST index),
loads them into an in-memory DuckDB store and applies the same filter there, so the
answer is exactly the one a store file gives. :meth:`PostgisStore.query_rows` runs one
statement in PostgreSQL, in a read-only transaction, as the ``geoevents_reader`` role
(``SELECT`` rights only) when that role exists.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import TYPE_CHECKING, NamedTuple, cast

from geoevents._frames import EVENT_COLUMNS
from geoevents.errors import ConfigError, QueryError, StoreError
from geoevents.filters import EventFilter, resolve_filter
from geoevents.store import APPEND_ORDER, QueryRows, Store, filter_sql, open_store, within_km_sql

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import geopandas as gpd
    import pandas as pd
    import psycopg

log = logging.getLogger(__name__)

SCHEMA = "geoevents"
#: A role with SELECT rights only; readers switch to it (``SET ROLE``) when it exists.
READER_ROLE = "geoevents_reader"
PUSH_BATCH_ROWS = 100_000

PG_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.events (
    event_id        text PRIMARY KEY,
    event_type      text NOT NULL,
    sub_event_type  text,
    date_start      date,
    date_end        date,
    time_precision  text,
    country         text,
    admin1          text,
    location_name   text,
    place_id        text,
    place_kind      text,
    geo_precision   integer,
    lon             double precision,
    lat             double precision,
    geom            geometry(Geometry, 4326),
    actors          text[],
    participants    text[],
    fatalities      integer,
    cameo_code      text,
    source          text,
    source_url      text,
    evidence        text,
    evidence_start  integer,
    evidence_end    integer,
    confidence      double precision,
    origin          text NOT NULL,
    notes           text,
    extra           json
);
CREATE INDEX IF NOT EXISTS events_geom_gist ON {SCHEMA}.events USING gist (geom);
CREATE INDEX IF NOT EXISTS events_date_start ON {SCHEMA}.events (date_start);
CREATE TABLE IF NOT EXISTS {SCHEMA}.event_sources (
    event_id        text NOT NULL,
    source          text NOT NULL,
    source_url      text,
    evidence        text,
    evidence_start  integer,
    evidence_end    integer,
    PRIMARY KEY (event_id, source)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.articles (
    article_id      text PRIMARY KEY,
    source          text NOT NULL,
    headline        text,
    published       date,
    language        text,
    n_events        integer,
    ingested_at     timestamp
);
"""

_READER_DDL = f"""
DO $$ BEGIN
    CREATE ROLE {READER_ROLE} NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
GRANT USAGE ON SCHEMA {SCHEMA} TO {READER_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {READER_ROLE};
"""

_SOURCE_COLUMNS = ("event_id", "source", "source_url", "evidence", "evidence_start", "evidence_end")
_ARTICLE_COLUMNS = ("article_id", "source", "headline", "published", "language", "n_events")

#: A DuckDB list as a PostgreSQL array literal: {"a","b \\"q\\""}.
_PG_ARRAY = (
    "CASE WHEN {c} IS NULL THEN NULL ELSE '{{' || array_to_string(list_transform({c}, "
    "lambda x: '\"' || replace(replace(x, '\\', '\\\\'), '\"', '\\\"') || '\"'), ',') || '}}' END"
)


class PushResult(NamedTuple):
    """What :func:`push_postgis` did."""

    added: int
    updated: int


def _connect(dsn: str, *, autocommit: bool = False) -> psycopg.Connection:
    try:
        import psycopg
    except ImportError as exc:
        msg = "PostGIS needs the 'psycopg' package; pip install 'psycopg[binary]'"
        raise StoreError(msg) from exc
    try:
        return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=10)
    except psycopg.Error as exc:
        msg = f"cannot connect to PostgreSQL {_redact(dsn)!r}: {_first_line(exc)}"
        raise StoreError(msg) from exc


def _redact(dsn: str) -> str:
    head, sep, tail = dsn.partition("@")
    if sep and ":" in head.split("//", 1)[-1]:
        scheme, _, creds = head.partition("//")
        return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"
    return dsn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def ensure_schema(conn: psycopg.Connection) -> None:
    """Create the PostGIS extension (when missing), the tables, indexes and reader role.

    Raises
    ------
    StoreError
        When PostGIS is not installed on the server or the tables cannot be made.
    """
    import psycopg

    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            conn.execute(PG_DDL)
    except psycopg.Error as exc:
        msg = f"cannot create the {SCHEMA} tables (is PostGIS installed?): {_first_line(exc)}"
        raise StoreError(msg) from exc
    try:
        with conn.transaction():
            conn.execute(_READER_DDL)
    except psycopg.Error as exc:  # no CREATEROLE right: readers get read-only transactions
        log.warning("no %s role made: %s", READER_ROLE, _first_line(exc))


def _events_sql(where: str) -> str:
    cols = []
    for name in EVENT_COLUMNS:
        if name == "geom":
            cols.append("CASE WHEN geom IS NULL THEN NULL ELSE hex(ST_AsWKB(geom)) END AS geom")
        elif name in ("actors", "participants"):
            cols.append(_PG_ARRAY.format(c=name) + f" AS {name}")
        elif name == "extra":
            cols.append("extra::VARCHAR AS extra")
        else:
            cols.append(name)
    return f"SELECT {', '.join(cols)} FROM events{where}"


def _copy_batches(
    conn: psycopg.Connection, table: str, columns: Sequence[str], reader: object
) -> int:
    """COPY Arrow batches (as CSV: strings quoted, nulls empty) into ``table``."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    options = pacsv.WriteOptions(include_header=False)
    n = 0
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT csv)") as copy:
        for batch in reader:  # type: ignore[attr-defined]  # a pyarrow RecordBatchReader (pyarrow ships no types)
            buf = io.BytesIO()
            pacsv.write_csv(pa.Table.from_batches([batch]), buf, options)
            copy.write(buf.getvalue())
            n += batch.num_rows
    return n


def push_postgis(
    store: Store,
    dsn: str,
    *,
    flt: EventFilter | None = None,
    gazetteer: object | None = None,
    batch_rows: int = PUSH_BATCH_ROWS,
) -> PushResult:
    """Upsert the events matching ``flt`` (and their sources) into PostGIS, in one transaction.

    Parameters
    ----------
    store
        An open store (a file, or a dataset from ``open_dataset``).
    dsn
        A ``postgresql://`` URI; the tables are made on first use.
    flt
        Which events; all of them by default.
    gazetteer
        Gazetteer (object or path) for place names in ``flt``.
    batch_rows
        Rows per Arrow batch streamed through ``COPY``.

    Returns
    -------
    PushResult
        Events added, and events whose stored values changed (updated).

    Raises
    ------
    StoreError
        When PostgreSQL cannot be reached or written; nothing lands.
    """
    import psycopg

    flt = resolve_filter(flt or EventFilter(), gazetteer=gazetteer)
    bound = store.start_bound(flt.start) if flt.start else None
    where, params = filter_sql(flt, start_bound=bound)
    conn = _connect(dsn)
    try:
        ensure_schema(conn)
        with conn.transaction():
            conn.execute(
                f"CREATE TEMP TABLE _stage (LIKE {SCHEMA}.events) ON COMMIT DROP; "
                "ALTER TABLE _stage ALTER COLUMN geom TYPE text; "
                f"CREATE TEMP TABLE _stage_src (LIKE {SCHEMA}.event_sources) ON COMMIT DROP; "
                f"CREATE TEMP TABLE _stage_art (LIKE {SCHEMA}.articles) ON COMMIT DROP"
            )
            rel = store.con.execute(_events_sql(where), params)
            _copy_batches(conn, "_stage", EVENT_COLUMNS, rel.to_arrow_reader(batch_rows))
            src = store.con.execute(
                f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM event_sources "
                f"WHERE event_id IN (SELECT event_id FROM events{where})",
                params,
            )
            _copy_batches(conn, "_stage_src", _SOURCE_COLUMNS, src.to_arrow_reader(batch_rows))
            art = store.con.execute(
                f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE article_id IS NOT NULL"
            )
            _copy_batches(conn, "_stage_art", _ARTICLE_COLUMNS, art.to_arrow_reader(batch_rows))
            row = conn.execute(_UPSERT).fetchone()
            conn.execute(
                f"INSERT INTO {SCHEMA}.event_sources SELECT * FROM _stage_src "
                "ON CONFLICT DO NOTHING"
            )
            conn.execute(
                f"INSERT INTO {SCHEMA}.articles SELECT * FROM _stage_art ON CONFLICT DO NOTHING"
            )
        with conn.transaction():
            conn.execute(f"ANALYZE {SCHEMA}.events")
    except psycopg.Error as exc:
        msg = f"cannot push events to {_redact(dsn)!r}: {_first_line(exc)}"
        raise StoreError(msg) from exc
    finally:
        conn.close()
    result = PushResult(int(row[0]), int(row[1])) if row else PushResult(0, 0)
    log.info("pushed to %s: %d added, %d updated", _redact(dsn), *result)
    return result


def _upsert_sql() -> str:
    cols = list(EVENT_COLUMNS)
    select = ", ".join(
        "ST_SetSRID(ST_GeomFromWKB(decode(geom, 'hex')), 4326)" if c == "geom" else c for c in cols
    )
    others = [c for c in cols if c != "event_id"]
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in others)
    old = ", ".join(f"e.{c}::text" if c == "extra" else f"e.{c}" for c in others)
    new = ", ".join(f"EXCLUDED.{c}::text" if c == "extra" else f"EXCLUDED.{c}" for c in others)
    return (
        f"WITH up AS (INSERT INTO {SCHEMA}.events AS e ({', '.join(cols)}) "
        f"SELECT {select} FROM _stage ON CONFLICT (event_id) DO UPDATE SET {sets} "
        f"WHERE ({old}) IS DISTINCT FROM ({new}) RETURNING (xmax = 0) AS added) "
        "SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM up"
    )


_UPSERT = _upsert_sql()


# -- reading -------------------------------------------------------------------------------


def _pg_prefilter(flt: EventFilter) -> tuple[str, list[object]]:
    """Return a PostgreSQL WHERE clause selecting a superset of what ``flt`` keeps."""
    clauses: list[str] = []
    params: list[object] = []
    if flt.start is not None:
        clauses.append("coalesce(date_end, date_start) >= %s")
        params.append(flt.start)
    if flt.end is not None:
        clauses.append("date_start <= %s")
        params.append(flt.end)
    for column, values in (("country", flt.countries), ("origin", flt.origins)):
        if values:
            clauses.append(f"{column} = ANY(%s)")
            params.append(list(values))
    if flt.types:
        clauses.append("(event_type = ANY(%s) OR sub_event_type = ANY(%s))")
        params += [list(flt.types), list(flt.types)]
    if flt.bbox is not None:
        clauses.append("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
        params += list(flt.bbox)
    if flt.intersects_wkt is not None:
        clauses.append("geom && ST_GeomFromText(%s, 4326)")
        params.append(flt.intersects_wkt)
    if flt.near is not None and flt.within_km is not None:
        assert not isinstance(flt.near, str)
        # the bounding box part of the DuckDB predicate, on lon/lat (the distance is exact there)
        sql, more = within_km_sql(flt.near[0], flt.near[1], flt.within_km)
        box = sql.split(" AND ST_Distance_Sphere")[0].lstrip("(")
        clauses.append(box.replace("?", "%s"))
        params += more[: box.count("?")]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class PostgisStore:
    """Events in PostGIS, read-only (see :func:`open_postgis`)."""

    def __init__(self, conn: psycopg.Connection, dsn: str) -> None:
        self.conn = conn
        self.path = _redact(dsn)
        self._local: contextlib.ExitStack | None = None
        self._store: Store | None = None

    def events(
        self, flt: EventFilter | None = None, *, gazetteer: object | None = None
    ) -> gpd.GeoDataFrame:
        """Return the events matching ``flt``, exactly as :meth:`Store.events` would.

        The events read (and their sources) stay in a local DuckDB store that :meth:`df`
        queries.

        Raises
        ------
        ConfigError
            When a place name is unknown or the WKT is malformed.
        QueryError
            When PostgreSQL fails.
        """
        import psycopg

        flt = resolve_filter(flt or EventFilter(), gazetteer=gazetteer)
        where, params = _pg_prefilter(flt)
        cols = ", ".join(
            {"geom": "ST_AsBinary(geom)", "extra": "extra::text"}.get(c, c) for c in EVENT_COLUMNS
        )
        ids = f"SELECT event_id FROM events{where}"
        try:
            with self.conn.transaction():
                events = self.conn.execute(f"SELECT {cols} FROM events{where}", params).fetchall()
                sources = self.conn.execute(
                    f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM event_sources "
                    f"WHERE event_id IN ({ids})",
                    params,
                ).fetchall()
                articles = self.conn.execute(
                    f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE source IN "
                    f"(SELECT source FROM event_sources WHERE event_id IN ({ids}))",
                    params,
                ).fetchall()
        except psycopg.Error as exc:
            msg = f"query failed on {self.path!r}: {_first_line(exc)}"
            raise QueryError(msg) from exc
        store = self._fresh_local()
        _load_local(store, events, sources, articles)
        return store.events(flt, gazetteer=gazetteer)

    def _fresh_local(self) -> Store:
        if self._local is not None:
            self._local.close()
        self._local = contextlib.ExitStack()
        self._store = self._local.enter_context(open_store(":memory:"))
        return self._store

    @property
    def local(self) -> Store:
        """The local DuckDB store holding the events last read by :meth:`events`.

        Raises
        ------
        StoreError
            When no events were read yet.
        """
        if self._store is None:
            msg = "PostgisStore.local holds the events read by events(); call events() first"
            raise StoreError(msg)
        return self._store

    def df(self, query: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        """Run DuckDB SQL on the events last read by :meth:`events` (and their sources).

        Raises
        ------
        StoreError
            When no events were read yet.
        """
        if self._store is None:
            msg = "PostgisStore.df runs on the events read by events(); call events() first"
            raise StoreError(msg)
        return self._store.df(query, params)

    def count(self) -> int:
        """Return the number of events in the PostGIS table."""
        with self.conn.transaction():
            row = self.conn.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def query_rows(self, query: str, *, geometry: str = "wkt") -> QueryRows:
        """Run one read-only statement in PostgreSQL; geometries as WKT or GeoJSON text.

        The statement runs alone (the extended protocol refuses several), in a read-only
        transaction that is rolled back, as the reader role when it exists.

        Raises
        ------
        QueryError
            When the SQL fails, would write, or is several statements.
        """
        import psycopg
        import shapely

        if geometry not in ("wkt", "geojson"):
            msg = f"geometry format {geometry!r}; expected wkt or geojson"
            raise ConfigError(msg)
        try:
            geom_oid = self._geometry_oid()
            with self.conn.transaction(force_rollback=True):
                cur = self.conn.cursor()
                cur.execute(query.strip().rstrip(";"), binary=True)
                if cur.description is None:
                    return QueryRows([], [], [])
                names = [d.name for d in cur.description]
                is_geom = [d.type_code == geom_oid for d in cur.description]
                types = [
                    "GEOMETRY" if g else str(d.type_display)
                    for d, g in zip(cur.description, is_geom, strict=True)
                ]
                rows = cur.fetchall()
        except psycopg.Error as exc:
            msg = f"query failed: {_first_line(exc)}"
            raise QueryError(msg) from exc

        def text(value: object) -> object:
            if value is None:
                return None
            shape = shapely.from_wkb(bytes(cast("bytes", value)))
            if geometry == "geojson":
                return shapely.to_geojson(shape)
            return shapely.to_wkt(shape, rounding_precision=-1)

        if any(is_geom):
            rows = [
                tuple(text(v) if g else v for v, g in zip(row, is_geom, strict=True))
                for row in rows
            ]
        return QueryRows(names, types, rows)

    def _geometry_oid(self) -> int | None:
        with self.conn.transaction():
            row = self.conn.execute("SELECT to_regtype('geometry')::oid").fetchone()
        return int(row[0]) if row and row[0] else None

    def close(self) -> None:
        """Close the connection and the local store."""
        if self._local is not None:
            self._local.close()
        self.conn.close()


_ARROW = {
    "date_start": "date32",
    "date_end": "date32",
    "geo_precision": "int64",
    "lon": "float64",
    "lat": "float64",
    "geom": "binary",
    "actors": "list",
    "participants": "list",
    "fatalities": "int64",
    "evidence_start": "int64",
    "evidence_end": "int64",
    "confidence": "float64",
    "published": "date32",
    "n_events": "int64",
}


def _arrow(columns: Sequence[str], rows: Sequence[tuple[object, ...]]) -> object:
    import pyarrow as pa

    types = {
        "date32": pa.date32(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "binary": pa.binary(),
        "list": pa.list_(pa.string()),
    }
    return pa.table(
        {
            name: pa.array([r[i] for r in rows], type=types.get(_ARROW.get(name, ""), pa.string()))
            for i, name in enumerate(columns)
        }
    )


def _load_local(
    store: Store,
    events: Sequence[tuple[object, ...]],
    sources: Sequence[tuple[object, ...]],
    articles: Sequence[tuple[object, ...]],
) -> None:
    """Insert rows read from PostGIS into an in-memory store, in the store's append order."""
    con = store.con
    select = ", ".join(
        {"geom": "ST_GeomFromWKB(geom) AS geom", "extra": "extra::JSON AS extra"}.get(c, c)
        for c in EVENT_COLUMNS
    )
    for name, cols, rows, sql in (
        (
            "_pg_events",
            EVENT_COLUMNS,
            events,
            f"INSERT INTO events SELECT {select} FROM _pg_events ORDER BY {APPEND_ORDER}",
        ),
        (
            "_pg_sources",
            _SOURCE_COLUMNS,
            sources,
            "INSERT INTO event_sources SELECT * FROM _pg_sources",
        ),
        (
            "_pg_articles",
            _ARTICLE_COLUMNS,
            articles,
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) SELECT * FROM _pg_articles",
        ),
    ):
        if not rows:
            continue
        con.register(name, _arrow(cols, rows))
        try:
            con.execute(sql)
        finally:
            con.unregister(name)


@contextlib.contextmanager
def open_postgis(dsn: str) -> Iterator[PostgisStore]:
    """Open the PostGIS store at ``dsn`` read-only.

    Every transaction is read-only; the session switches to the ``geoevents_reader`` role
    when it exists, and searches the ``geoevents`` schema first (``FROM events`` works).

    Raises
    ------
    StoreError
        When PostgreSQL cannot be reached, or has no ``geoevents.events`` table.
    """
    import psycopg

    conn = _connect(dsn, autocommit=True)
    try:
        row = conn.execute(
            "SELECT to_regclass(%s), "
            "(SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s)",
            [f"{SCHEMA}.events", READER_ROLE],
        ).fetchone()
        if row is None or row[0] is None:
            msg = f"no {SCHEMA}.events table in {_redact(dsn)!r}; push events with export --format postgis"
            raise StoreError(msg)
        conn.execute(f"SET search_path = {SCHEMA}, public")
        if row[1]:
            conn.execute(f"SET ROLE {READER_ROLE}")
        else:
            log.warning(
                "no %s role in %s: reading with read-only transactions only",
                READER_ROLE,
                _redact(dsn),
            )
        conn.autocommit = False
        conn.read_only = True
    except psycopg.Error as exc:
        conn.close()
        msg = f"cannot open PostGIS store {_redact(dsn)!r}: {_first_line(exc)}"
        raise StoreError(msg) from exc
    except StoreError:
        conn.close()
        raise
    store = PostgisStore(conn, dsn)
    try:
        yield store
    finally:
        store.close()
