"""``geoevents query`` and ``geoevents export``: read the event store from the command line."""

from __future__ import annotations

import sys

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options, wait_option
from geoevents.export import EXPORT_FORMATS, QUERY_FORMATS, export_events, write_rows
from geoevents.store import is_geometry_type, open_store

@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB store file.")
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
    A --db that does not exist is an error (nothing is created).

    Example: geoevents query --db events.duckdb "SELECT event_type, count(*) FROM events GROUP BY 1"
    """
    geometry = "geojson" if fmt == "jsonl" else "wkt"
    with open_store(db, read_only=True, wait=wait) as store:
        result = store.query_rows(sql, geometry=geometry)
    geojson = [c for c, t in zip(result.columns, result.types, strict=True) if is_geometry_type(t)]
    out = sys.stdout
    write_rows(result.columns, result.rows, out, fmt=fmt, geojson_columns=geojson)


@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB store file.")
@wait_option
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="File format."
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option(
    "--gazetteer", type=click.Path(exists=True, dir_okay=False), help="Gazetteer for place names."
)
@filter_options
def export(  # noqa: PLR0913
    db: str, wait: float, fmt: str, out: str, gazetteer: str | None, **filters: object
) -> None:
    """Write the store's events (optionally filtered) as GeoJSON, GeoParquet, CSV or ACLED CSV.

    Example: geoevents export --db events.duckdb --format geojson --out mali.geojson --country ML
    """
    flt = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]
    with open_store(db, read_only=True, wait=wait) as store:
        n = export_events(store, out, fmt=fmt, flt=flt)
    click.echo(f"wrote {n} events to {out}", err=True)
