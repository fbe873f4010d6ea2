"""Fatality counts stated in a sentence: "84 mercenaires tués", "une cinquantaine de morts",
"dozens dead", "killing at least 137".

Vague quantities follow ACLED's habit of a conservative lower bound ("dozens" -> 12,
"une centaine" -> 100, "plusieurs" -> 3).
"""

from __future__ import annotations

import re

_WORDS: dict[str, int] = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "two": 2, "three": 3, "four": 4, "five": 5,
    "six_": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
    "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
    "des dizaines": 12, "plusieurs dizaines": 20, "des centaines": 100, "plusieurs centaines": 200,
    "dozens": 12, "dozens of": 12, "scores of": 20, "hundreds": 100, "hundreds of": 100,
    "a dozen": 12, "several": 3, "plusieurs": 3, "a hundred": 100,
}  # fmt: skip
_NUM = (
    r"(?P<num>\d[\d  ,.]*\d|\d|"
    + "|".join(sorted((re.escape(w.rstrip("_")) for w in _WORDS), key=len, reverse=True))
    + r"(?:-(?:one|two|three|four|five|six|seven|eight|nine|et-un|deux|trois|quatre|cinq|six|sept|huit|neuf))?)"
)
_DEATH = (
    r"(?:mort(?:e|s|es)?|tu[ée]s?|tu[ée]es|victimes|d[ée]c[ée]d[ée]s|p[ée]ri|killed|dead|deaths?|died|"
    r"fatalities|lives|bodies|corps)"
)
_PATTERNS = (
    # "84 mercenaires tués", "137 people dead", "trois personnes sont mortes"
    re.compile(
        rf"(?i:au moins|at least|près de|pr[eè]s d'|about|some|plus de|more than|environ|"
        rf"no fewer than|nearly|up to|jusqu'à)?\s*\b{_NUM}\s+(?:[\w'’-]+\s+){{0,4}}?{_DEATH}\b",
        re.IGNORECASE,
    ),
    # "killing at least 137", "a fait 160 morts", "ont tué 21 civils", "toll of 50"
    re.compile(
        rf"\b(?:killing|killed|kill|tuant|tué|tue|fait|toll\s+(?:of|at|to)|bilan\s+(?:de|à|s'alourdit\s+à)|"
        rf"coûté\s+la\s+vie\s+à)\s+(?:(?:au moins|at least|près de|about|some|plus de|more than|"
        rf"environ|no fewer than|nearly)\s+)?\b{_NUM}\b",
        re.IGNORECASE,
    ),
)


def _value(raw: str) -> int | None:
    raw = raw.strip().lower()
    digits = re.sub(r"[  ,.]", "", raw)
    if digits.isdigit():
        return int(digits)
    if raw in _WORDS:
        return _WORDS[raw]
    if "-" in raw:
        a, _, b = raw.partition("-")
        if a in _WORDS:
            return _WORDS[a] + _WORDS.get(b.replace("et-", ""), 0)
    return _WORDS.get(raw + "_")


def find_fatalities(sentence: str) -> int | None:
    """Return the largest death count stated in a sentence, or ``None``.

    Examples
    --------
    >>> find_fatalities("Les combats ont fait 84 morts parmi les mercenaires.")
    84
    >>> find_fatalities("une cinquantaine de personnes ont été tuées")
    50
    >>> find_fatalities("Dozens dead after clashes")
    12
    >>> find_fatalities("gunmen attacked villages, killing at least 137")
    137
    >>> find_fatalities("18 blessés") is None
    True
    """
    best: int | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(sentence):
            v = _value(m.group("num"))
            if v is None or v > 100000 or (1900 <= v <= 2100 and re.fullmatch(r"\d{4}", m.group("num"))):
                continue
            best = v if best is None else max(best, v)
    return best
