"""``geoevents import acled|ucdp|gdelt``: bring real datasets into the event store."""

from __future__ import annotations

import json

import click

from geoevents.cli import main
from geoevents.cli._filters import build_filter, filter_options_without, wait_option
from geoevents.errors import GeoEventsError
from geoevents.importers import IMPORTERS, import_files
from geoevents.store import open_store, shorten


@main.command("import")
@click.argument("dataset", type=click.Choice(sorted(IMPORTERS)))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB store file.")
@click.option(
    "--gazetteer",
    type=click.Path(exists=True, dir_okay=False),
    help="Gazetteer for rows without coordinates (default: the bundled one).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when any row was skipped (the good rows still land).",
)
@wait_option
@filter_options_without("origins")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def import_(
    dataset: str,
    db: str,
    gazetteer: str | None,
    strict: bool,
    wait: float,
    files: tuple[str, ...],
    **filters: object,
) -> None:
    """Import ACLED, UCDP GED or GDELT 2.0 event files; a re-import adds nothing.

    FILES may be CSV (GDELT: its tab-separated table), UCDP GeoJSON, an API response
    (JSON: ACLED's "data", UCDP's "Result") or JSON Lines, an Excel workbook (.xlsx, first
    sheet), any of them gzipped (.gz) or in a zip archive holding one data file, as ACLED,
    UCDP and GDELT ship them. A folder stands for the dataset files in it, in path order.

    The filter options keep a slice of a big file (a global GDELT table: --country ML
    --country BF --country NE); they test the file's own values, so a row without
    coordinates is left out by --bbox, --near or --intersects. Rows left out count as
    "filtered"; events stored before are never removed.

    One JSON summary per file goes to stdout (rows, imported, unchanged, filtered, skipped); each
    skipped row is reported on stderr as FILE:LINE: reason (FILE.zip!MEMBER, BOOK.xlsx!SHEET
    with the sheet row). A file that cannot be read at all is reported and the others still
    load; the exit code is then 1, as it is with --strict when a row was skipped, and when a
    file holds no records at all (an empty folder, a header alone).

    Example: geoevents import ucdp --db events.duckdb ged251-csv.zip
    """
    where = None
    if any(v not in (None, ()) for k, v in filters.items() if k != "border_km"):
        where = build_filter(**filters, gazetteer=gazetteer)  # type: ignore[arg-type]  # click gives each filter option its declared type
    with open_store(db, wait=wait) as store:
        results = import_files(store, dataset, files, gazetteer=gazetteer, where=where)
    failed = skipped = 0
    for _, result in results:
        if isinstance(result, GeoEventsError):
            failed += 1
            click.echo(f"error: {shorten(str(result).splitlines()[0])}", err=True)
            continue
        skipped += result.skipped
        for err in result.errors:
            click.echo(f"skipped {shorten(str(err))}", err=True)
        click.echo(json.dumps(result.as_dict() | {"errors": len(result.errors)}))
        if result.rows == 0:
            failed += 1
            click.echo(f"error: {shorten(result.file)}: no records, only a header", err=True)
    if failed:
        msg = f"{failed} of {len(results)} file(s) could not be imported"
        raise click.ClickException(msg)
    if strict and skipped:
        msg = f"{skipped} row(s) skipped (--strict); the other rows were imported"
        raise click.ClickException(msg)
