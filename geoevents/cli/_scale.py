"""CLI pieces for datasets and PostGIS: the ``--db`` type and the export dispatch.

``--db`` takes a store file, a GeoParquet dataset folder (``DIR/``) or a
``postgresql://`` URI; :func:`geoevents.scale.open_source` opens it (read-only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from geoevents.errors import ConfigError
from geoevents.scale import is_postgres_dsn
from geoevents.store import Store

if TYPE_CHECKING:
    from geoevents.filters import EventFilter
    from geoevents.scale.postgis import PostgisStore

DB_HELP = "The DuckDB store file, a GeoParquet dataset folder (DIR/) or a postgresql:// URI."


class DbParam(click.ParamType):  # type: ignore[type-arg,unused-ignore]  # ParamType is generic in newer click only
    """A store file, a dataset folder or a DSN, taken as given.

    Nothing is checked here: the store (or dataset, or PostgreSQL) says in one line
    what is wrong with it when it is opened, and a missing file is never created.
    """

    name = "db"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        """Return the value as text."""
        return str(value)


def export_scale(
    store: Store | PostgisStore,
    *,
    fmt: str,
    out: str | None,
    partition: str | None,
    dsn: str | None,
    flt: EventFilter,
) -> tuple[int, str]:
    """Export to a partitioned dataset or to PostGIS; return (events, where).

    Raises
    ------
    ConfigError
        When the options do not fit the format.
    """
    if not isinstance(store, Store):
        msg = (
            f"--format {fmt} --partition/--dsn reads a store file or a dataset folder, "
            f"not {store.path!r}; export to a file, or use the store the events came from"
        )
        raise ConfigError(msg)
    if fmt == "postgis":
        if not dsn or not is_postgres_dsn(dsn):
            msg = f"--format postgis needs --dsn postgresql://...; got {dsn!r}"
            raise ConfigError(msg)
        from geoevents.scale.postgis import push_postgis

        result = push_postgis(store, dsn, flt=flt)
        return result.added, f"{_safe_dsn(dsn)} ({result.updated} updated)"
    if fmt != "geoparquet":
        msg = f"--partition writes a GeoParquet dataset: use --format geoparquet, not {fmt!r}"
        raise ConfigError(msg)
    if not out:
        msg = "--format geoparquet --partition needs --out DIR/"
        raise ConfigError(msg)
    from geoevents.scale.geoparquet import export_dataset

    assert partition is not None
    return export_dataset(store, out, partition=partition, flt=flt), out


def _safe_dsn(dsn: str) -> str:
    """Return the DSN without its password.

    Examples
    --------
    >>> _safe_dsn("postgresql://u:secret@h:5432/db")
    'postgresql://u:***@h:5432/db'
    """
    head, sep, tail = dsn.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return dsn
    scheme, _, creds = head.partition("//")
    return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"
