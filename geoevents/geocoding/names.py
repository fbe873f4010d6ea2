"""Names: folding, variants and transliteration, the keys the gazetteer index is built on.

The first geocoding layer above the tables (:mod:`.regions`, :mod:`.distance`): it imports no
other part of geoevents.

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
from collections.abc import Iterable
from functools import lru_cache
from operator import methodcaller

_APOS = re.compile(r"[\u2019\u2018\u02bc\u02bb`´']")
# Latin letters, digits and the Arabic letters (hamza to yeh, without the tatweel)
_NONWORD = re.compile(r"[^0-9a-z\u0621-\u063a\u0641-\u064a]+")
#: Arabic letter variants merged (alef forms, alef maqsura, teh marbuta).
_ARABIC = str.maketrans(
    {
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        "\u06cc": "\u064a",
        "\u06a9": "\u0643",
    }
)
#: Tifinagh (Neo-Tifinagh and Tuareg letters) transliterated the way Latin Tamasheq writes them.
_TIFINAGH = str.maketrans(
    {
        "\u2d30": "a",
        "\u2d31": "b",
        "\u2d32": "b",
        "\u2d33": "g",
        "\u2d34": "g",
        "\u2d35": "dj",
        "\u2d36": "dj",
        "\u2d37": "d",
        "\u2d38": "d",
        "\u2d39": "d",
        "\u2d3a": "d",
        "\u2d3b": "e",
        "\u2d3c": "f",
        "\u2d3d": "k",
        "\u2d3e": "k",
        "\u2d3f": "k",
        "\u2d40": "h",
        "\u2d41": "h",
        "\u2d42": "h",
        "\u2d43": "h",
        "\u2d44": "a",
        "\u2d45": "kh",
        "\u2d46": "kh",
        "\u2d47": "q",
        "\u2d48": "q",
        "\u2d49": "i",
        "\u2d4a": "j",
        "\u2d4b": "j",
        "\u2d4c": "j",
        "\u2d4d": "l",
        "\u2d4e": "m",
        "\u2d4f": "n",
        "\u2d50": "ny",
        "\u2d51": "ng",
        "\u2d52": "p",
        "\u2d53": "ou",
        "\u2d54": "r",
        "\u2d55": "r",
        "\u2d56": "gh",
        "\u2d57": "gh",
        "\u2d58": "j",
        "\u2d59": "s",
        "\u2d5a": "s",
        "\u2d5b": "ch",
        "\u2d5c": "t",
        "\u2d5d": "tch",
        "\u2d5e": "tch",
        "\u2d5f": "t",
        "\u2d60": "v",
        "\u2d61": "w",
        "\u2d62": "y",
        "\u2d63": "z",
        "\u2d64": "z",
        "\u2d65": "z",
        "\u2d66": "e",
        "\u2d67": "o",
        "\u2d6f": "w",
    }
)
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})

#: Transliteration merges for :func:`phonetic`, applied in order: (pattern, replacement, a
#: substring the pattern needs, or "" when none; a pattern is tried only when it is there).
_PHONETIC = (
    (
        re.compile(r"^(?:ai|ay|ei)n(?=[^aeiouy])"),
        "in",
        "n",
    ),  # Aïn Guezzam, Ayn Amenas: In Guezzam, In Amenas
    (re.compile(r"^i?n(?=[^aeiouy])"), "n", "n"),  # I-n-Tillit, In Tillit, N'Tillit
    ("tch", "ch", "tch"),
    ("sh", "ch", "sh"),
    ("dj", "j", "dj"),
    ("qu", "k", "qu"),
    (re.compile(r"gu(?=[ei])"), "g", "gu"),
    (re.compile(r"c(?=[eiy])"), "s", "c"),
    ("ou", "u", "ou"),
    ("w", "u", "w"),
    ("y", "i", "y"),
    ("ph", "f", "ph"),
    ("kh", "k", "kh"),
    ("gh", "g", "gh"),
    (re.compile(r"(?<=[tdbp])h"), "", "h"),
    ("q", "k", "q"),
    (re.compile(r"c(?=[aoukr])"), "k", "c"),
    (re.compile(r"(?<=[aeiou])h(?![aeiou])"), "", "h"),
    ("ee", "e", "ee"),
    (re.compile(r"(.)\1+"), methodcaller("group", 1), ""),  # doubled letters -> one (no template)
    (re.compile(r"(?<=..[^aeiou])e$"), "", "e"),
)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents or punctuation, single-spaced.

    Parameters
    ----------
    text : str
        Any string. Arabic letters are kept (their variants merged), Tifinagh is
        transliterated to Latin letters, other scripts fold to an empty string.

    Returns
    -------
    str
        The folded text (ASCII letters, digits and single spaces).
    """
    s = text.lower()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_SPECIAL).translate(_TIFINAGH))
        s = "".join(c for c in s if not unicodedata.combining(c)).translate(_ARABIC)
    s = _APOS.sub(" ", s)
    return _NONWORD.sub(" ", s).strip()


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """Return the index key of ``text``: :func:`fold` without spaces (memoised, as :func:`fold`).

    Examples
    --------
    >>> key("Tin-Zaouatène"), key("tin zaouatene"), key(" N'Tillit "), key("")
    ('tinzaouatene', 'tinzaouatene', 'ntillit', '')
    """
    if _FOLDED.fullmatch(text):  # folded already (most callers pass folded text): fold keeps it
        return text.replace(" ", "")
    return fold(text).replace(" ", "")


#: Text :func:`fold` leaves as it is, up to spaces: lower-case ASCII letters, digits, spaces.
_FOLDED = re.compile(r"[a-z0-9 ]*")


@lru_cache(maxsize=200_000)
def phonetic(text: str) -> str:
    """Return the transliteration-merged key of ``text`` (see the module docstring)."""
    s = key(text)
    for pat, rep, needs in _PHONETIC:
        if needs and needs not in s:
            continue
        if isinstance(pat, str):
            s = s.replace(pat, rep)  # type: ignore[arg-type]  # a string's replacement is a string
        else:
            s = pat.sub(rep, s)
    return s


def is_arabic(text: str) -> bool:
    """Tell whether ``text`` is written in Arabic script (with some letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(
        0x0600 <= ord(c) <= 0x06FF or 0x0750 <= ord(c) <= 0x077F for c in letters
    )


def is_latin(text: str) -> bool:
    """Tell whether ``text`` is written in Latin script (accents allowed) with some letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


#: Ordinal numbers, French and English: GeoNames and ISO 3166-2 keep the old numbered names of
#: units ("Première Région", Hodh ech Chargui) and their bare ordinal as an alternate, which is
#: a number, not a name ("Second" at a sentence's start; "PREMYER" as a spelling of it).
ORDINALS = frozenset(
    "premier premiere deuxieme second seconde troisieme quatrieme cinquieme sixieme septieme "
    "huitieme neuvieme dixieme onzieme douzieme treizieme first third fourth fifth sixth "
    "seventh eighth ninth tenth eleventh twelfth thirteenth".split()
)


def is_ordinal(name: str) -> bool:
    """Tell whether ``name`` is a bare ordinal number ("Premiere", "Second"), not a name.

    >>> is_ordinal("Première"), is_ordinal("Première Région"), is_ordinal("Seconde")
    (True, False, True)
    """
    return key(name) in ORDINALS


def clean_names(names: Iterable[str], *, limit: int = 40, arabic: bool = False) -> list[str]:
    """Keep Latin-script alternate names once each (by :func:`key`), dropping codes and scraps.

    Drops IATA-like codes (all capitals, up to 4 letters), strings of fewer than three
    characters and names with digits; keeps at most ``limit``. With ``arabic``, names in
    Arabic script are kept too.
    """
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        n = n.strip()
        if (
            len(n) < 3
            or not (is_latin(n) or (arabic and is_arabic(n)))
            or (n.isupper() and len(n) <= 4)
            or any(c.isdigit() for c in n)
        ):
            continue
        k = key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
        if len(out) >= limit:
            break
    return out
