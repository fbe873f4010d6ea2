"""Articles as news APIs and scrapers give them: JSON Lines, one article a line.

Each line is an object with ``text`` and, optionally, ``id`` or ``url`` (the article's name
in events and errors), ``title`` (its headline), ``published`` (``YYYY-MM-DD`` or an ISO
date-time such as ``2017-02-19T08:30:00Z``) and ``lang`` (``fr``, ``en`` or ``auto``).
A bad line is reported as ``FILE:LINE: reason`` and the other lines still give events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geoevents.errors import IngestError, SourceFormatError

_LANGS = {"fr", "en", "auto"}


@dataclass(frozen=True, slots=True)
class Article:
    """One article to extract events from."""

    source: str  # how events and messages name it
    text: str
    published: dt.date | None = None
    lang: str = "auto"
    url: str | None = None
    where: str | None = None  # FILE:LINE of a JSON Lines record, for messages


def _published(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise SourceFormatError(f"{where}: 'published' {value!r} is not a date")
    text = value.strip()
    try:
        if len(text) > 10:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SourceFormatError(
            f"{where}: 'published' {value!r} is not a date (YYYY-MM-DD or ISO date-time)"
        ) from None


def _article(record: object, where: str) -> Article:
    if not isinstance(record, dict):
        raise SourceFormatError(
            f"{where}: expected a JSON object with 'text', got {type(record).__name__}"
        )
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceFormatError(f"{where}: no 'text' (a non-empty string) in this record")
    title = record.get("title")
    if isinstance(title, str) and title.strip():
        text = f"{title.strip()}\n\n{text}"
    lang = record.get("lang") or "auto"
    if lang not in _LANGS:
        raise SourceFormatError(f"{where}: 'lang' {lang!r} is not one of fr, en, auto")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    name = record.get("id") or url
    source = str(name) if name not in (None, "") else where
    return Article(source, text, _published(record.get("published"), where), lang, url, where)


def read_jsonl(path: Path | str) -> Iterator[Article | SourceFormatError]:
    """Yield the articles of a JSON Lines file, or the error of each bad line.

    Raises
    ------
    IngestError
        When the file cannot be opened, is not UTF-8 (nothing of it can be read) or has no
        line (raised after the last article, so the others are read first).
    """
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    records = 0
    with fh:
        try:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                records += 1
                where = f"{path}:{n}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield SourceFormatError(f"{where}: not JSON ({exc.msg} at column {exc.colno})")
                    continue
                try:
                    yield _article(record, where)
                except SourceFormatError as exc:
                    yield exc
        except UnicodeDecodeError as exc:
            raise IngestError(f"{path}: not UTF-8 text (byte {exc.start} of a line)") from exc
    if not records:
        raise IngestError(f"{path}: no articles, the file is empty")


def count_lines(path: Path | str) -> int:
    """The number of non-empty lines of a file (for a progress bar's total)."""
    with Path(path).open("rb") as fh:
        return sum(1 for line in fh if line.strip())
