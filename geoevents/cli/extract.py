"""``geoevents extract`` and ``geoevents ingest``: article files to JSON Lines or to the store."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from geoevents.cli import main
from geoevents.errors import ConfigError, GeoEventsError

if TYPE_CHECKING:
    from geoevents.articles import Article
    from geoevents.gazetteer import Gazetteer
    from geoevents.models import Event

log = logging.getLogger(__name__)
T = TypeVar("T")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        msg = f"--published {value!r} is not a date; expected YYYY-MM-DD"
        raise ConfigError(msg) from exc


def _gazetteer(path: str | None) -> Gazetteer:
    from geoevents.gazetteer import load_gazetteer

    return load_gazetteer(path)


def _progress(items: Iterable[T], total: int | None, what: str) -> Iterable[T]:
    """A progress bar on stderr when it is a terminal (long batch runs), else the items as they are."""
    from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no stubs

    bar: Iterable[T] = tqdm(
        items, total=total, unit=what, disable=None, file=sys.stderr, leave=False
    )
    return bar


def _jsonl_articles(
    paths: tuple[Path, ...], fail: Callable[[GeoEventsError], None]
) -> Iterator[Article | GeoEventsError]:
    """The articles (or their errors) of JSON Lines files, with a progress bar."""
    from geoevents.articles import count_lines, read_jsonl

    for path in paths:
        try:
            total = count_lines(path)
            yield from _progress(read_jsonl(path), total, "article")
        except GeoEventsError as exc:
            fail(exc)
        except OSError as exc:
            fail(GeoEventsError(f"{path}: cannot read: {exc.strerror or exc}"))


@main.command()
@click.option("--published", help="Publication date YYYY-MM-DD (default: read from the text).")
@click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default="auto", show_default=True)
@click.option(
    "--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False), help="Gazetteer file."
)
@click.option(
    "--jsonl", "jsonl", multiple=True, type=click.Path(path_type=Path),
    help='Articles as JSON Lines, one {"id" or "url", "title", "text", "published", "lang"} a line.',
)  # fmt: skip
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def extract(
    published: str | None,
    lang: str,
    gazetteer_path: str | None,
    jsonl: tuple[Path, ...],
    files: tuple[Path, ...],
) -> None:
    """Extract events from article files; one JSON object per event on stdout.

    Example: geoevents extract --published 2024-08-02 article.txt
    """
    from geoevents.extract import extract_events
    from geoevents.extract.serialize import event_json
    from geoevents.longtext import analysed_text
    from geoevents.pipeline import article_files, extract_file

    if not files and not jsonl:
        raise click.UsageError("give article files or folders, or --jsonl FILE")
    pub, gaz = _date(published), _gazetteer(gazetteer_path)
    failed = []

    def fail(exc: GeoEventsError) -> None:
        failed.append(str(exc).splitlines()[0])
        click.echo(f"Error: {failed[-1]}", err=True)

    def emit(events: Iterable[Event]) -> None:
        for ev in events:
            sys.stdout.write(json.dumps(event_json(ev), ensure_ascii=False) + "\n")

    for given in files:  # a missing or unreadable file is reported; the others still give events
        try:
            found = article_files(given)
        except GeoEventsError as exc:
            fail(exc)
            continue
        for path in _progress(found, len(found), "file") if len(found) > 20 else found:
            try:
                emit(extract_file(path, published=pub, lang=lang, gazetteer=gaz))
            except GeoEventsError as exc:
                fail(exc)
    for art in _jsonl_articles(jsonl, fail):
        if isinstance(art, GeoEventsError):
            fail(art)
            continue
        try:
            text = analysed_text(art.text, name=art.where or art.source)
            emit(extract_events(text, published=art.published or pub, lang=art.lang if art.lang != "auto" else lang,
                                gazetteer=gaz, source=art.source, url=art.url))  # fmt: skip
        except GeoEventsError as exc:
            fail(GeoEventsError(f"{art.source}: {exc}"))
    if failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.option(
    "--db", "db", required=True, type=click.Path(dir_okay=False), help="DuckDB store file."
)
@click.option("--published", help="Publication date YYYY-MM-DD for every file.")
@click.option(
    "--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False), help="Gazetteer file."
)
@click.option(
    "--jsonl", "jsonl", multiple=True, type=click.Path(path_type=Path),
    help='Articles as JSON Lines, one {"id" or "url", "title", "text", "published", "lang"} a line.',
)  # fmt: skip
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def ingest(
    db: str,
    published: str | None,
    gazetteer_path: str | None,
    jsonl: tuple[Path, ...],
    paths: tuple[Path, ...],
) -> None:
    """Extract events from files and directories and add them to the store.

    Example: geoevents ingest --db events.duckdb corpus/articles/
    """
    from geoevents.pipeline import ingest as run_ingest
    from geoevents.store import open_store

    if not paths and not jsonl:
        raise click.UsageError("give article files or folders, or --jsonl FILE")
    pub, gaz = _date(published), _gazetteer(gazetteer_path)
    unreadable: list[str] = []

    def fail(exc: GeoEventsError) -> None:
        unreadable.append(str(exc).splitlines()[0])

    with open_store(db) as store:
        s = run_ingest(
            store, list(paths), published=pub, gazetteer=gaz, articles=_jsonl_articles(jsonl, fail)
        )
    s.errors.extend(unreadable)
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
