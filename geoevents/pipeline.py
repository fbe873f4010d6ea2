"""Ingest: article files -> extracted events -> the store, with cross-article merging.

Each file is read and decoded on its own; a bad file (not UTF-8, unreadable, empty)
is reported in :attr:`IngestSummary.errors` as ``"FILE: reason"`` and the others go on.
An article already ingested (same content hash) adds nothing. An event that another
article already reported -- same type (and diplomatic sub-type), overlapping dates, and
places within :data:`MERGE_KM` km (or both without a point and in the same country) --
is not stored twice: the new article is added to that event's ``event_sources``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.articles import Article
from geoevents.errors import GeoEventsError, IngestError, SourceFormatError
from geoevents.extract import detect_language, extract_events
from geoevents.extract.dates import publication_anchor
from geoevents.extract.text import decode, paragraphs
from geoevents.geocoding.distance import km
from geoevents.longtext import analysed_text

if TYPE_CHECKING:
    from geoevents.gazetteer import Gazetteer
    from geoevents.models import Event
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: Two reports of one event are merged when their places are at most this far apart.
MERGE_KM = 25.0
#: Files larger than this are refused (a news article is a few kB).
MAX_BYTES = 20_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


@dataclass
class IngestSummary:
    """What an ingest did: files read, events added, events merged into earlier ones, errors."""

    files: int = 0
    events_added: int = 0
    events_merged: int = 0
    articles_skipped: int = 0
    errors: list[str] = field(default_factory=list)


def iter_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Yield article files: files as given, directories walked for text/HTML files (sorted).

    Raises
    ------
    IngestError
        When a path does not exist.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
            )
        elif p.is_file():
            yield p
        else:
            msg = f"no such file or directory: {str(p)!r}"
            raise IngestError(msg)


def article_files(path: Path) -> list[Path]:
    """Return the article files of one path given by the user (a file, or a folder walked).

    Raises
    ------
    IngestError
        When the path does not exist, or is a folder without article files.
    """
    found = list(iter_files([path]))
    if not found and Path(path).is_dir():
        msg = f"no article files in folder {str(path)!r} (looked for {', '.join(TEXT_SUFFIXES)})"
        raise IngestError(msg)
    return found


def read_article(path: Path) -> str:
    """Return the text of an article file (UTF-8; HTML is kept and stripped later).

    Raises
    ------
    SourceFormatError
        When the file is not UTF-8 or too large.
    IngestError
        When the file cannot be read.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            msg = f"{path}: {size} bytes is too large for an article (limit {MAX_BYTES})"
            raise SourceFormatError(msg)
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read: {exc.strerror or exc}"
        raise IngestError(msg) from exc
    return decode(data, name=str(path))


def extract_file(
    path: Path,
    *,
    published: dt.date | None = None,
    lang: str = "auto",
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Read one article file and return its events (``source`` is the path as given).

    A text longer than the analysed limit is cut with one warning naming the file
    (:mod:`geoevents.longtext`).

    Raises
    ------
    SourceFormatError
        When the file is empty (or only spaces), not UTF-8 or too large.
    """
    text = read_article(path)
    if not text.strip():
        msg = f"{path}: empty file, no text to extract events from"
        raise SourceFormatError(msg)
    text = analysed_text(text, name=str(path))
    return extract_events(
        text, published=published, lang=lang, gazetteer=gazetteer, source=str(path)
    )


def find_same_event(store: Store, event: Event) -> str | None:
    """Return the id of a stored text event that is the same as ``event``, or ``None``."""
    for eid, lon, lat, country in store.overlapping_text_events(event):
        if event.lon is not None and event.lat is not None and lon is not None and lat is not None:
            if km(event.lon, event.lat, lon, lat) <= MERGE_KM:
                return eid
        elif event.lon is None and lon is None and event.country and event.country == country:
            return eid
    return None


def _article_id(text: str) -> str:
    return "art:" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _ingest_one(
    store: Store,
    path: Path | str,
    events: list[Event],
    article_id: str,
    clean: str,
    summary: IngestSummary,
) -> None:
    """Store one article's events and its record; ``clean`` is the text as analysed."""
    with store.transaction():
        added = merged = 0
        for ev in events:
            if store.has_event(ev.event_id):
                store.write_events([ev])  # only provenance, if new
                continue
            same = find_same_event(store, ev)
            if same is not None:
                store.write_events([dataclasses.replace(ev, event_id=same)])
                merged += 1
            else:
                added += store.write_events([ev])
        paras = paragraphs(clean)
        anchor = publication_anchor(clean)
        store.add_article(
            article_id,
            source=str(path),
            headline=paras[0][1].strip()[:500] if paras else None,
            published=anchor.lo if anchor and anchor.exact else None,
            language=detect_language(clean) if clean.strip() else None,
            n_events=len(events),
        )
    summary.events_added += added
    summary.events_merged += merged


def _shown(path: Path, root: Path | None) -> Path:
    """Return ``path`` relative to ``root`` when it lies under it, else as given."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(root.resolve())
    return path


def ingest(
    store: Store,
    paths: Sequence[Path],
    *,
    published: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    relative_to: Path | None = None,
    articles: Iterable[Article | GeoEventsError] = (),
) -> IngestSummary:
    """Extract the events of article files and directories and store them.

    Parameters
    ----------
    store
        An open, writable store.
    paths
        Files and directories (walked for ``.txt``/``.html`` files).
    published
        Publication date for every file (else each file's own dateline / date line).
    gazetteer
        For place resolution.
    relative_to
        Files under this folder are recorded by their path relative to it (the demo records
        ``sample/NAME.txt``, not where the package is installed); others as given.
    articles
        Articles read already (:func:`geoevents.articles.read_jsonl`), stored after the files;
        an error in their place (a bad JSON Lines record) is counted like a bad file.

    Returns
    -------
    IngestSummary
        Counts and the per-file error messages; a bad file never stops the others.
    """
    summary = IngestSummary()
    files: list[Path] = []
    for p in paths:
        try:
            files.extend(article_files(p))
        except IngestError as exc:
            summary.errors.append(str(exc))
    for path in files:
        summary.files += 1
        try:
            text = read_article(path)
            if not text.strip():
                msg = f"{path}: empty file, no text to extract events from"
                raise SourceFormatError(msg)
            if store.has_article(_article_id(text)):
                summary.articles_skipped += 1
                log.info("%s: already ingested", path)
                continue
            shown = _shown(path, relative_to)
            clean = analysed_text(text, name=str(path))
            events = extract_events(
                clean, published=published, gazetteer=gazetteer, source=str(shown)
            )
            _ingest_one(store, shown, events, _article_id(text), clean, summary)
        except GeoEventsError as exc:
            msg = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            summary.errors.append(msg.splitlines()[0])
            log.info("%s", msg)  # reported once, by the caller, from summary.errors
    for art in articles:
        summary.files += 1
        if isinstance(art, GeoEventsError):
            summary.errors.append(str(art).splitlines()[0])
            continue
        if store.has_article(_article_id(art.text)):
            summary.articles_skipped += 1
            continue
        try:
            clean = analysed_text(art.text, name=art.where or art.source)
            events = extract_events(clean, published=art.published or published, lang=art.lang,
                                    gazetteer=gazetteer, source=art.source, url=art.url)  # fmt: skip
            _ingest_one(store, art.source, events, _article_id(art.text), clean, summary)
        except GeoEventsError as exc:
            summary.errors.append(f"{art.source}: {str(exc).splitlines()[0]}")
    return summary
