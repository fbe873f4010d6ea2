"""Language of an article: French or English, from function words.

News texts are long enough for a function-word vote to be exact and deterministic
(it needs no model and runs in microseconds); ``lingua`` is used only when the vote
is too close to call, e.g. for a one-line text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

LANGS = ("fr", "en")

_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "un",
        "une",
        "et",
        "est",
        "sont",
        "au",
        "aux",
        "dans",
        "par",
        "pour",
        "sur",
        "avec",
        "qui",
        "que",
        "ne",
        "pas",
        "ont",
        "été",
        "il",
        "elle",
        "ils",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "selon",
        "lors",
        "après",
        "avant",
        "contre",
        "entre",
    ]
)
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "are",
        "was",
        "were",
        "on",
        "for",
        "with",
        "by",
        "that",
        "this",
        "from",
        "at",
        "as",
        "it",
        "its",
        "has",
        "have",
        "had",
        "been",
        "which",
        "who",
        "after",
        "before",
        "against",
        "between",
        "said",
        "their",
        "his",
        "her",
    ]
)
_WORD = re.compile(r"[a-zA-Zàâçéèêëîïôûùüÿœ']+")


@lru_cache(maxsize=1)
def _lingua() -> Any:  # noqa: ANN401 - lingua's detector (lingua ships no type stubs)
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()


def detect_language(text: str) -> str:
    """Return ``"fr"`` or ``"en"`` for a text (``"fr"`` when nothing can be told).

    Examples
    --------
    >>> detect_language("Les soldats ont été attaqués dans la nuit du 3 au 4 juin.")
    'fr'
    >>> detect_language("Gunmen attacked the villages of the region on Sunday.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if abs(fr - en) >= 3 or (fr + en) >= 20:
        return "fr" if fr >= en else "en"
    try:
        lang = _lingua().detect_language_of(text[:2000])
    except (ImportError, OSError) as exc:  # lingua missing or broken: keep the vote
        log.debug("lingua unavailable: %s", exc)
        lang = None
    if lang is not None:
        return "fr" if lang.name == "FRENCH" else "en"
    return "fr" if fr >= en else "en"
