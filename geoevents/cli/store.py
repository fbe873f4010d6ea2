"""``geoevents query`` and ``geoevents export``: read the event store from the command line."""

from __future__ import annotations

import sys

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options, wait_option
from geoevents.cli._scale import DB_HELP, DbParam, export_scale
from geoevents.export import EXPORT_FORMATS, QUERY_FORMATS, export_events, write_rows
from geoevents.scale import open_source
from geoevents.store import is_geometry_type


@main.command()
@click.option("--db", required=True, type=DbParam(), help=DB_HELP)
@wait_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="Output format (geometries as WKT, or GeoJSON in jsonl).",
)
@click.argument("sql")
def query(db: str, wait: float, fmt: str, sql: str) -> None:
    """Run one SQL statement on the store, read-only.

    The store is opened read-only with DuckDB's external access off and its settings
    locked: a statement that would write, read or write another file (COPY, read_csv,
    glob ...), attach, install, load or change a setting is refused by DuckDB, in one line.
    A dataset folder (DIR/) is read the same way (only its own files; SELECT and EXPLAIN
    only); a postgresql:// URI runs the statement in a read-only transaction.
    A --db that does not exist is an error (nothing is created).

    Example: geoevents query --db events.duckdb "SELECT event_type, count(*) FROM events GROUP BY 1"
    """
    geometry = "geojson" if fmt == "jsonl" else "wkt"
    with open_source(db, wait=wait) as store:
        result = store.query_rows(sql, geometry=geometry)
    geojson = [c for c, t in zip(result.columns, result.types, strict=True) if is_geometry_type(t)]
    out = sys.stdout
    write_rows(result.columns, result.rows, out, fmt=fmt, geojson_columns=geojson)


@main.command()
@click.option("--db", required=True, type=DbParam(), help=DB_HELP)
@wait_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*EXPORT_FORMATS, "postgis")),
    required=True,
    help="File format, or postgis (with --dsn).",
)
@click.option("--out", type=click.Path(), help="File to write (a folder with --partition).")
@click.option(
    "--partition",
    metavar="KEYS",
    help="With geoparquet: write a hive-partitioned dataset folder, e.g. year,country.",
)
@click.option(
    "--dsn", metavar="postgresql://...", help="With postgis: the database to upsert into."
)
@click.option(
    "--gazetteer", type=click.Path(exists=True, dir_okay=False), help="Gazetteer for place names."
)
@filter_options
def export(  # noqa: PLR0913
    db: str,
    wait: float,
    fmt: str,
    out: str | None,
    partition: str | None,
    dsn: str | None,
    gazetteer: str | None,
    **filters: object,
) -> None:
    """Write the store's events (optionally filtered) as GeoJSON, GeoParquet, CSV or ACLED CSV.

    --partition year,country writes a GeoParquet dataset folder; --format postgis upserts
    into the PostGIS database --dsn.

    Example: geoevents export --db events.duckdb --format geojson --out mali.geojson --country ML
    """
    flt = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]  # click gives each filter option its declared type
    scale = fmt == "postgis" or bool(partition)
    if not scale and not out:
        msg = "Missing option '--out'."
        raise click.UsageError(msg)
    with open_source(db, wait=wait) as store:
        if scale:
            n, where = export_scale(store, fmt=fmt, out=out, partition=partition, dsn=dsn, flt=flt)
        else:
            where = str(out)
            n = export_events(store, where, fmt=fmt, flt=flt)  # type: ignore[arg-type]  # click.Choice limits fmt to the formats
    click.echo(f"wrote {n} events to {where}", err=True)
