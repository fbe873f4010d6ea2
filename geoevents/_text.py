"""Text folding for place names: the keys the gazetteer index is built on.

Three levels, each coarser than the last:

* :func:`fold` -- lower case, accents stripped, apostrophes and any other
  punctuation turned into a single space (``"Ti-n-Zaouâtene"`` -> ``"ti n zaouatene"``).
* :func:`key` -- :func:`fold` without spaces (``"tinzaouatene"``): hyphens, spaces and
  apostrophes are spelled every way in the press, so the index ignores them.
* :func:`phonetic` -- :func:`key` with the French/English transliteration choices of
  Sahel names merged (``ou``/``w``/``u``, ``dj``/``j``, ``y``/``i``, doubled letters,
  a final mute ``e``...), so ``"Tinzawatene"`` and ``"Tinzaouaten"`` share one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOS = re.compile(r"[\u2019\u2018\u02bc\u02bb`´']")
_NONWORD = re.compile(r"[^0-9a-z]+")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})

#: Transliteration merges for :func:`phonetic`, applied in order.
_PHONETIC = (
    (re.compile(r"^(?:ai|ay|ei)n(?=[^aeiouy])"), "in"),  # Aïn Guezzam, Ayn Amenas: In Guezzam, In Amenas
    (re.compile(r"^i?n(?=[^aeiouy])"), "n"),  # I-n-Tillit, In Tillit, N'Tillit
    ("tch", "ch"),
    ("sh", "ch"),
    ("dj", "j"),
    ("qu", "k"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"c(?=[eiy])"), "s"),
    ("ou", "u"),
    ("w", "u"),
    ("y", "i"),
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    (re.compile(r"(?<=[tdbp])h"), ""),
    ("q", "k"),
    (re.compile(r"c(?=[aoukr])"), "k"),
    (re.compile(r"(?<=[aeiou])h(?![aeiou])"), ""),
    ("ee", "e"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters -> one
    (re.compile(r"(?<=..[^aeiou])e$"), ""),
)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents or punctuation, single-spaced.

    Parameters
    ----------
    text : str
        Any string; other scripts fold to an empty string.

    Returns
    -------
    str
        The folded text (ASCII letters, digits and single spaces).
    """
    s = text.lower()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOS.sub(" ", s)
    return _NONWORD.sub(" ", s).strip()


def key(text: str) -> str:
    """Return the index key of ``text``: :func:`fold` without spaces."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=200_000)
def phonetic(text: str) -> str:
    """Return the transliteration-merged key of ``text`` (see the module docstring)."""
    s = key(text)
    for pat, rep in _PHONETIC:
        if isinstance(pat, str):
            if pat in s:
                s = s.replace(pat, rep)
        else:
            s = pat.sub(rep, s)
    return s


def is_latin(text: str) -> bool:
    """Tell whether ``text`` is written in Latin script (accents allowed) with some letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


def clean_names(names, *, limit: int = 40) -> list[str]:
    """Keep Latin-script alternate names once each (by :func:`key`), dropping codes and scraps.

    Drops IATA-like codes (all capitals, up to 4 letters), strings of fewer than three
    characters and names with digits; keeps at most ``limit``.
    """
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        n = n.strip()
        if len(n) < 3 or not is_latin(n) or (n.isupper() and len(n) <= 4) or any(c.isdigit() for c in n):
            continue
        k = key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
        if len(out) >= limit:
            break
    return out
