"""``geoevents import acled|ucdp|gdelt``: bring real datasets into the event store."""

from __future__ import annotations

import json

import click

from geoevents.cli import main
from geoevents.errors import GeoEventsError
from geoevents.importers import IMPORTERS, import_files
from geoevents.store import open_store


@main.command("import")
@click.argument("dataset", type=click.Choice(sorted(IMPORTERS)))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB store file.")
@click.option(
    "--gazetteer",
    type=click.Path(exists=True, dir_okay=False),
    help="Gazetteer for rows without coordinates (default: the bundled one).",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def import_(dataset: str, db: str, gazetteer: str | None, files: tuple[str, ...]) -> None:
    """Import ACLED, UCDP GED or GDELT 2.0 event files; a re-import adds nothing.

    One JSON summary per file goes to stdout (rows, imported, unchanged, skipped); each
    skipped row is reported on stderr as FILE:LINE: reason. A file that cannot be read
    at all is reported and the others still load; the exit code is then 1.

    Example: geoevents import acled --db events.duckdb 2024-01-01-2024-12-31-Mali.csv
    """
    with open_store(db) as store:
        results = import_files(store, dataset, files, gazetteer=gazetteer)
    failed = 0
    for path, result in results:
        if isinstance(result, GeoEventsError):
            failed += 1
            click.echo(f"error: {str(result).splitlines()[0]}", err=True)
            continue
        for err in result.errors:
            click.echo(f"skipped {err}", err=True)
        click.echo(json.dumps(result.as_dict() | {"errors": len(result.errors)}))
        del path
    if failed:
        msg = f"{failed} of {len(files)} file(s) could not be imported"
        raise click.ClickException(msg)
