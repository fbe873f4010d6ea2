"""``geoevents report``: a self-contained HTML report (map, weekly chart, tables) of a store."""

from __future__ import annotations

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options
from geoevents.cli._scale import DB_HELP, DbParam
from geoevents.scale import open_source


@main.command()
@click.option("--db", required=True, type=DbParam(), help=DB_HELP)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option(
    "--png/--no-png",
    default=False,
    show_default=True,
    help="Also write OUT.png, a snapshot of the map.",
)
@click.option("--title", default=None, help="Report title.")
@click.option(
    "--gazetteer", type=click.Path(exists=True, dir_okay=False), help="Gazetteer for place names."
)
@filter_options
def report(
    db: str, out: str, png: bool, title: str | None, gazetteer: str | None, **filters: object
) -> None:
    """Write a self-contained HTML report (map, weekly chart, tables, sources) of a store.

    Example: geoevents report --db events.duckdb --out report.html --png --country ML
    """
    from geoevents.report import write_report

    flt = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]  # click gives each filter option its declared type
    with open_source(db) as store:
        path = write_report(store, out, flt=flt, png=png, title=title)  # type: ignore[arg-type]  # open_source gives a store write_report reads
    click.echo(path)
    if png:
        click.echo(path.with_suffix(".png"))
