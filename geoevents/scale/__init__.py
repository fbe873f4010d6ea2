"""Beyond one store file: partitioned GeoParquet datasets and a shared PostGIS store.

- :mod:`geoevents.scale.geoparquet` writes a hive-partitioned GeoParquet 1.1 dataset
  (``export_dataset``) and opens one as a read-only store (``open_dataset``).
- :mod:`geoevents.scale.postgis` pushes events into PostGIS (``push_postgis``) and
  reads them back (``open_postgis``).
- :func:`open_source` picks one of those, or a store file, from a ``--db`` value.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from geoevents.scale.postgis import PostgisStore
    from geoevents.store import Store

__all__ = ["is_dataset_path", "is_postgres_dsn", "open_source"]


def is_postgres_dsn(db: str) -> bool:
    """Return True when ``db`` is a PostgreSQL connection URI.

    Examples
    --------
    >>> is_postgres_dsn("postgresql://u@localhost/db"), is_postgres_dsn("events.duckdb")
    (True, False)
    """
    return db.startswith(("postgresql://", "postgres://"))


def is_dataset_path(db: str) -> bool:
    """Return True when ``db`` names a dataset folder (an existing folder, or ends with ``/``).

    Examples
    --------
    >>> is_dataset_path("data/events/"), is_dataset_path("events.duckdb")
    (True, False)
    """
    return db.endswith(("/", "\\")) or Path(db).is_dir()


@contextlib.contextmanager
def open_source(db: str, *, wait: float | None = None) -> Iterator[Store | PostgisStore]:
    """Open ``db`` read-only: a PostgreSQL URI, a GeoParquet dataset folder or a store file.

    Every one is read-only: a store file or a dataset through a guarded DuckDB connection
    (:func:`geoevents.store.open_store`), PostgreSQL in read-only transactions.

    Parameters
    ----------
    db
        ``postgresql://...``, a folder (``DIR/`` or an existing folder) or a store file.
    wait
        Seconds to wait for a store file another process is writing (default:
        :data:`geoevents.store.DEFAULT_WAIT`).

    Raises
    ------
    StoreError
        When the source cannot be opened (a missing store file or dataset folder
        included; nothing is created).
    """
    if is_postgres_dsn(db):
        from geoevents.scale.postgis import open_postgis

        with open_postgis(db) as pg:
            yield pg
    elif is_dataset_path(db):
        from geoevents.scale.geoparquet import open_dataset

        with open_dataset(db) as ds:
            yield ds
    else:
        from geoevents.store import DEFAULT_WAIT, open_store

        with open_store(db, read_only=True, wait=DEFAULT_WAIT if wait is None else wait) as store:
            yield store
