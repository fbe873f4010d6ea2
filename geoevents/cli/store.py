"""``geoevents query`` and ``geoevents export``: read the event store from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options
from geoevents.cli._scale import DB_HELP, DbParam, export_scale
from geoevents.export import EXPORT_FORMATS, QUERY_FORMATS, export_events, write_rows
from geoevents.scale import is_dataset_path, is_postgres_dsn, open_source
from geoevents.store import is_geometry_type, open_store


@main.command()
@click.option("--db", required=True, type=DbParam(exists=False), help=DB_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="Output format (geometries as WKT, or GeoJSON in jsonl).",
)
@click.argument("sql")
def query(db: str, fmt: str, sql: str) -> None:
    """Run one read-only SQL statement on the store; statements that write are refused.

    A --db path that does not exist yet is created empty, with the schema.

    Example: geoevents query --db events.duckdb "SELECT event_type, count(*) FROM events GROUP BY 1"
    """
    if not Path(db).exists() and not (is_postgres_dsn(db) or is_dataset_path(db)):
        with open_store(db):
            pass
    geometry = "geojson" if fmt == "jsonl" else "wkt"
    with open_source(db) as store:
        result = store.query_rows(sql, geometry=geometry)
    geojson = [c for c, t in zip(result.columns, result.types, strict=True) if is_geometry_type(t)]
    out = sys.stdout
    write_rows(result.columns, result.rows, out, fmt=fmt, geojson_columns=geojson)


@main.command()
@click.option("--db", required=True, type=DbParam(), help=DB_HELP)
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
def export(
    db: str,
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
    flt = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]
    with open_source(db) as store:
        if fmt == "postgis" or partition:
            n, out = export_scale(store, fmt=fmt, out=out, partition=partition, dsn=dsn, flt=flt)  # type: ignore[arg-type]
        elif not out:
            raise click.UsageError("Missing option '--out'.")
        else:
            n = export_events(store, out, fmt=fmt, flt=flt)  # type: ignore[arg-type]
    click.echo(f"wrote {n} events to {out}", err=True)
