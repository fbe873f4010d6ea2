"""``geoevents map``: draw the store's events as one self-contained HTML map."""

from __future__ import annotations

from pathlib import Path

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options
from geoevents.cli._scale import DB_HELP, DbParam
from geoevents.scale import open_source


@main.command(name="map")
@click.option("--db", required=True, type=DbParam(), help=DB_HELP)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--title", default=None, help="Map title (legend and page title).")
@click.option(
    "--tiles",
    default=None,
    metavar="online|PROVIDER",
    help="Add web tiles ('online' = OpenStreetMap); default: the offline vector basemap only.",
)
@click.option(
    "--heatmap",
    is_flag=True,
    help="Show the density layer when the map opens (always in the layer control, off).",
)
@click.option(
    "--png", is_flag=True, help="Also write OUT.png, a snapshot through headless Chromium."
)
@click.option(
    "--gazetteer",
    type=click.Path(exists=True, dir_okay=False),
    help="Gazetteer file (default: bundled).",
)
@filter_options
def map_command(
    db: str,
    out: str,
    title: str | None,
    tiles: str | None,
    heatmap: bool,
    png: bool,
    gazetteer: str | None,
    **filters: object,
) -> None:
    """Write a self-contained HTML map of the events: time strip, layers, density, popups.

    The file opens with no network at all unless --tiles is given.

    Example: geoevents map --db events.duckdb --out maps/mali.html --country ML --start 2024-07
    """
    from geoevents.maps import events_map, save_map, snapshot_png

    flt = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]  # click gives each filter option its declared type
    gaz = None
    if gazetteer:
        from geoevents.gazetteer import load_gazetteer

        gaz = load_gazetteer(gazetteer)
    with open_source(db) as store:
        events = store.events(flt, gazetteer=gaz)
    path = save_map(
        events_map(events, gazetteer=gaz, tiles=tiles, title=title, heatmap=heatmap), out
    )
    click.echo(f"wrote {len(events)} events to {path}", err=True)
    if png:
        shot = snapshot_png(path, Path(out).with_suffix(".png"))
        click.echo(f"wrote {shot}", err=True)
