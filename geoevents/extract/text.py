"""Article text preparation: decoding, HTML stripping, paragraphs, headline and dateline."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from geoevents.errors import SourceFormatError
from geoevents.longtext import split_long_paragraphs

log = logging.getLogger(__name__)

#: Longest text analysed; longer inputs are cut at a paragraph break with a warning.
MAX_CHARS = 100_000

#: What closes a dateline: a dash (a hyphen only with a space after it) or "| AGENCY |".
_DASH_MARK = r"(?:–|--|—|-(?=\s)|\|[^|\n]{1,30}\|)"
_DASH = r"\s*(?:\([^)\n]{1,40}\))?\s*" + _DASH_MARK
#: A dateline or byline opening a paragraph: "BAMAKO, Jan. 26, 2024 –", "MOSCOW/BAMAKO (AFP) -",
#: "Ouagadougou, 27 août 2024 –", "N'Djamena, Tchad (Top News Africa) –", "AA / Bamako / ...",
#: "date 2024-08-02 –". A capitalised word before a hyphen ("Mali-Algérie", "L'état-major") is not.
_DATELINE = re.compile(
    r"^\s*(?:date\s+\d{4}-\d{2}(?:-\d{2})?\s*[–—-]|"
    r"AA\s*/[^\n]{0,80}?/[^\n/]{0,40}?(?=\s[A-ZÀ-Ý])|"
    # an upper-case place, maybe then a date
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’./ -]{1,30}(?:,\s*[\w'’.À-ÿ ,]{1,30})?" + _DASH + "|"
    # a place then a date (a digit in it)
    r"[A-ZÀ-Ý][\w'’.À-ÿ/ -]{1,30},\s*[\w'’.À-ÿ ,]{0,30}\d[\w'’.À-ÿ ,]{0,30}?" + _DASH + "|"
    # a place (no digit in a place's name: "On 7 May 2020, Govt forces (military)" is a
    # sentence) then an agency in brackets
    r"[A-ZÀ-Ý](?:[^\W\d]|['’./ -]){1,30}(?:,\s*[\w'’.À-ÿ ,]{1,30})?\s*\([^)\n]{1,40}\)\s*"
    + _DASH_MARK
    + "|"
    r"[A-ZÀ-Ý](?:[^\W\d]|['’. -]){1,30},\s*[\w ]{1,20}\s*\([^)\n]{1,40}\))"
)
_SOURCE_URL = re.compile(r"^\s*Source\s*:\s*(https?://\S+)", re.MULTILINE | re.IGNORECASE)


class _Strip(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag in {"script", "style", "head"}:
            self._skip += 1
        if tag in {"p", "br", "div", "h1", "h2", "h3", "li", "title", "tr"}:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than plain text."""
    head = text[:2000].lower()
    return (
        "<html" in head
        or "<!doctype html" in head
        or len(re.findall(r"</?(?:p|div|span|a|br)\b", head)) >= 3
    )


def html_to_text(text: str) -> str:
    """Return the visible text of an HTML page, one paragraph per block element."""
    p = _Strip()
    p.feed(text)
    p.close()
    out = html.unescape("".join(p.parts))
    out = re.sub(r"[ \t\r\f\v]+", " ", out)
    return re.sub(r"\n\s*\n(?:\s*\n)+", "\n\n", out).strip()


def decode(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode article bytes as UTF-8 (with or without BOM).

    Raises
    ------
    SourceFormatError
        When the bytes are not UTF-8; the message names the file and the line.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = f"{name}:{line}: not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start})"
        raise SourceFormatError(msg) from exc


def prepare(text: str) -> str:
    """Return analysable text: HTML stripped, NULs removed, newlines normalised, size capped."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
        log.warning("text of %d characters cut to the first %d for extraction", len(text), cut)
        text = text[:cut]
    return split_long_paragraphs(text)  # a paragraph of a line of 10 MB: linear, not quadratic


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split text into ``(offset, paragraph)`` on blank lines (and single newlines after a headline)."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        chunk = m.group(0)
        if chunk.strip():
            # a line break inside a paragraph still ends the first line (the headline)
            if not out and "\n" in chunk:
                first = chunk.index("\n")
                out.append((m.start(), chunk[:first]))
                rest_off = m.start() + first + 1
                out.append((rest_off, chunk[first + 1 :]))
            else:
                out.append((m.start(), chunk))
    return out


def dateline_spans(paras: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Character ranges of datelines and bylines at the start of the first paragraphs."""
    out = []
    for off, para in paras[:4]:
        m = _DATELINE.match(para)
        if m and len(m.group(0).split()) <= 10:
            out.append((off, off + m.end()))
    return out


def blank(text: str, spans: Iterable[tuple[int, int]], off: int = 0) -> str:
    """``text`` (which starts at character ``off``) with each span inside it made spaces, so
    offsets stay true; spans reaching outside it are left alone."""
    for a, b in spans:
        if off <= a and b <= off + len(text):
            text = text[: a - off] + " " * (b - a) + text[b - off :]
    return text


def source_url(text: str) -> str | None:
    """Return the URL of a trailing "Source: https://..." line, if any."""
    m = _SOURCE_URL.search(text)
    return m.group(1) if m else None
