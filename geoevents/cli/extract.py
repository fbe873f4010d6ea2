"""``geoevents extract`` and ``geoevents ingest``: article files to JSON Lines or to the store."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path

import click

from geoevents.cli import main
from geoevents.errors import ConfigError, GeoEventsError

log = logging.getLogger(__name__)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        msg = f"--published {value!r} is not a date; expected YYYY-MM-DD"
        raise ConfigError(msg) from exc


def _gazetteer(path: str | None):  # type: ignore[no-untyped-def]
    from geoevents.gazetteer import load_gazetteer

    return load_gazetteer(path)


@main.command()
@click.option("--published", help="Publication date YYYY-MM-DD (default: read from the text).")
@click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default="auto", show_default=True)
@click.option("--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False), help="Gazetteer file.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(published: str | None, lang: str, gazetteer_path: str | None, files: tuple[Path, ...]) -> None:
    """Extract events from article files; one JSON object per event on stdout.

    Example: geoevents extract --published 2024-08-02 article.txt
    """
    from geoevents.extract.serialize import event_json
    from geoevents.pipeline import extract_file, iter_files

    pub, gaz = _date(published), _gazetteer(gazetteer_path)
    failed = []

    def fail(exc: GeoEventsError) -> None:
        failed.append(str(exc).splitlines()[0])
        click.echo(f"Error: {failed[-1]}", err=True)

    for given in files:  # a missing or unreadable file is reported; the others still give events
        try:
            found = list(iter_files([given]))
        except GeoEventsError as exc:
            fail(exc)
            continue
        for path in found:
            try:
                events = extract_file(path, published=pub, lang=lang, gazetteer=gaz)
            except GeoEventsError as exc:
                fail(exc)
                continue
            for ev in events:
                sys.stdout.write(json.dumps(event_json(ev), ensure_ascii=False) + "\n")
    if failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="DuckDB store file.")
@click.option("--published", help="Publication date YYYY-MM-DD for every file.")
@click.option("--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False), help="Gazetteer file.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def ingest(db: str, published: str | None, gazetteer_path: str | None, paths: tuple[Path, ...]) -> None:
    """Extract events from files and directories and add them to the store.

    Example: geoevents ingest --db events.duckdb corpus/articles/
    """
    from geoevents.pipeline import ingest as run_ingest
    from geoevents.store import open_store

    pub, gaz = _date(published), _gazetteer(gazetteer_path)
    with open_store(db) as store:
        s = run_ingest(store, list(paths), published=pub, gazetteer=gaz)
    for err in s.errors:
        click.echo(f"Error: {err}", err=True)
    click.echo(
        f"{s.files} files, {s.events_added} events added, {s.events_merged} merged into earlier events, "
        f"{s.articles_skipped} already ingested, {len(s.errors)} errors",
        err=True,
    )
    click.echo(json.dumps({"files": s.files, "events_added": s.events_added, "events_merged": s.events_merged,
                           "articles_skipped": s.articles_skipped, "errors": s.errors}))  # fmt: skip
    if s.errors:
        raise click.exceptions.Exit(1)
