"""Long texts: how much of an article is analysed; long paragraphs cut to be read in linear time.

The policy (README "Long texts", ``docs/CONTRACT.md``):

* At most ``geoevents.extract.text.MAX_CHARS`` (100,000) characters of an article's text (HTML
  stripped) are analysed. A longer text is cut at the last paragraph break before that size,
  else at the last sentence end, else at the last space, with one warning naming the article;
  the rest gives no events.
* A paragraph longer than :data:`PARAGRAPH_CHARS` (a text without line breaks, a JSON Lines
  ``text`` of one line) is cut at sentence ends (else at a space) into pieces of at most that
  size, each read as a paragraph: the extraction's per-paragraph steps cost the square of a
  paragraph's length (a 10 MB line took 35 s for its first 100,000 characters; in pieces it
  reads as fast as the same text in short paragraphs). Each cut puts a blank line in place of
  the spaces between two sentences, so an evidence span after a cut is an offset in the text
  as analysed (one character later per cut when one space was replaced).

``prepare`` (what ``extract_events`` reads a text with) cuts long paragraphs too, so a
library caller of ``extract_events`` gets the same pieces. Nothing here refuses a text: the
file size limit is :data:`geoevents.pipeline.MAX_BYTES`; a JSON Lines line has none of its own.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

#: A paragraph longer than this many characters is cut into pieces at sentence ends.
PARAGRAPH_CHARS = 2_000

#: A paragraph, as :func:`geoevents.extract.text.paragraphs` reads them (blank lines between).
_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
#: The spaces after a sentence end: final punctuation, maybe closing quotes or brackets.
_SENT_GAP = re.compile(r"(?<=[.!?…;])[\"»”’')\]]*([ \t\f\v]+)(?=\S)")
_SPACE = re.compile(r"[ \t\f\v]+")


def _cut_at(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Return the last sentence gap in ``text[lo:hi]``, else its last run of spaces, else None."""
    last = None
    for m in _SENT_GAP.finditer(text, lo, hi):
        last = m
    if last is None:
        for m in _SPACE.finditer(text, lo, hi):
            last = m
        if last is None:
            return None
        return last.start(), last.end()
    return last.start(1), last.end(1)


def split_long_paragraphs(text: str, limit: int = PARAGRAPH_CHARS) -> str:
    r"""Return ``text`` with every paragraph longer than ``limit`` cut at sentence ends.

    The spaces of each cut become a blank line; a piece is at least half of ``limit`` long
    unless it ends its paragraph. A run of more than ``limit`` characters without a space is
    cut where it reaches ``limit``. Linear in the length of the text.

    Examples
    --------
    >>> split_long_paragraphs("One. Two. Three.", limit=10)
    'One. Two.\n\nThree.'
    >>> split_long_paragraphs("ten chars.", limit=10)
    'ten chars.'
    >>> split_long_paragraphs("abcdefghijkl", limit=5)
    'abcde\n\nfghij\n\nkl'
    """
    if len(text) <= limit:
        return text
    out: list[str] = []
    done = 0
    for m in _PARA.finditer(text):
        start, end = m.span()
        if end - start <= limit:
            continue
        i = start
        while end - i > limit:
            gap = _cut_at(text, i + limit // 2, i + limit)
            if gap is None:
                a = b = i + limit
            else:
                a, b = gap
            out.append(text[done:a])
            out.append("\n\n")
            done = i = b
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _cap(text: str, limit: int) -> int:
    """Return where to cut a text longer than ``limit``: paragraph break, sentence end, space."""
    para = text.rfind("\n\n", 0, limit)
    if para > limit // 2:
        return para
    gap = _cut_at(text, limit // 2, limit)
    return gap[0] if gap is not None else limit


def analysed_text(text: str, *, name: str) -> str:
    r"""Return the part of an article the extraction reads, prepared, in paragraphs of bounded size.

    Parameters
    ----------
    text
        The article as read (plain text or HTML).
    name
        How messages name the article (``FILE`` or ``FILE:LINE``).

    Returns
    -------
    str
        :func:`geoevents.extract.text.prepare`'s text, cut to ``MAX_CHARS`` (one warning
        naming the article when it was longer) and with long paragraphs cut (see the module
        docstring). Giving it to ``extract_events`` again changes nothing.

    Examples
    --------
    >>> analysed_text("Title\r\n\r\nBody.", name="a.txt")
    'Title\n\nBody.'
    """
    from geoevents.extract.text import MAX_CHARS, html_to_text, looks_like_html, prepare

    # prepare() without its cap: the cap below names the article and cuts at a sentence end
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CHARS and looks_like_html(text):
        text = html_to_text(text)
    # each cut of a long paragraph adds at most two characters: keep room for them
    room = MAX_CHARS - 2 * (MAX_CHARS // (PARAGRAPH_CHARS // 2) + 1)
    if len(text) > room:
        cut = _cap(text, room)
        log.warning(
            "%s: %d characters of text; only the first %d are analysed (limit %d)",
            name,
            len(text),
            cut,
            MAX_CHARS,
        )
        text = text[:cut]
    return prepare(text)  # at most MAX_CHARS now: no cut of its own; long paragraphs cut
