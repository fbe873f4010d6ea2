"""Fatality counts stated in a sentence: "84 mercenaires tués", "une cinquantaine de morts",
"dozens dead", "killing at least 137".

Vague quantities follow ACLED's habit of a conservative lower bound ("dozens" -> 12,
"une centaine" -> 100, "plusieurs" -> 3).
"""

from __future__ import annotations

import re

from geoevents.extract.dates import WEEKDAY

#: Number words, French and English, that combine into a count ("soixante-et-onze", "seventy-one",
#: "quatre-vingt-dix", "two hundred").
_UNITS: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000,
}  # fmt: skip
#: Vague quantities, as ACLED codes them (a conservative lower bound).
_VAGUE: dict[str, int] = {
    "une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
    "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
    "des dizaines": 12, "plusieurs dizaines": 20, "des centaines": 100, "plusieurs centaines": 200,
    "dozens": 12, "dozens of": 12, "scores of": 20, "hundreds": 100, "hundreds of": 100,
    "a dozen": 12, "several": 3, "plusieurs": 3, "a hundred": 100,
}  # fmt: skip
_WORD = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_NUM = (
    r"(?P<num>\d[\d  ,.]*\d|\d|"
    + "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
    + rf"|{_WORD}(?!\w)(?:(?:-et-|\s+et\s+|\s+and\s+|-|\s+){_WORD}(?!\w))*)"
)
_DEATH = (
    r"(?:mort(?:e|s|es)?|tu[ée]s?|tu[ée]es|victimes|d[ée]c[ée]d[ée]s|p[ée]ri|killed|dead|deaths?|died|"
    r"executed|ex[ée]cut[ée]s?|ex[ée]cut[ée]es|"
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
        rf"\b(?:killing|killed|kill|executed|executing|tuant|tué|tue|exécuté|exécutant|fait|toll\s+(?:of|at|to)|bilan\s+(?:de|à|s'alourdit\s+à)|"
        rf"coûté\s+la\s+vie\s+à)\s+(?:(?:{WEEKDAY}|hier|yesterday)\s+)?(?:(?:au moins|at least|près de|about|some|plus de|more than|"
        rf"environ|no fewer than|nearly)\s+)?\b{_NUM}\b",
        re.IGNORECASE,
    ),
)


#: An indefinite article before a word of amount is no count (a grammar rule, not a number):
#: "un nombre important", "un grand nombre", "une partie", "an unknown number", "a number of".
_ARTICLE_OF_AMOUNT = re.compile(
    r"\s+(?:(?:grand|certain|bon|petit|large|great|small|unknown|unspecified|undisclosed|"
    r"indéterminé|important)\s+)?(?:nombre|partie|quantité|number|part|amount|handful|poignée)\b",
    re.IGNORECASE,
)


def _words_value(raw: str) -> int | None:
    """Return the value of number words: "soixante-et-onze" 71, "quatre-vingt-dix" 90, "two hundred" 200."""
    words = [w for w in re.split(r"-et-|\s+et\s+|\s+and\s+|[-\s]+", raw) if w]
    if not words or any(w not in _UNITS for w in words):
        return None
    total, current = 0, 0
    for w in words:
        v = _UNITS[w]
        if v == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif v == 100:
            current = max(current, 1) * 100
        elif v == 20 and current % 100 == 4:
            current += 76  # "quatre-vingt(s)": 80
        else:
            current += v
    return total + current


def _value(raw: str) -> int | None:
    vague = _VAGUE.get(raw.strip().lower())
    return vague if vague is not None else number_value(raw)


def number_value(raw: str) -> int | None:
    """The value of a number in figures or words ("3", "three", "trois", "vingt-deux").

    >>> number_value("three"), number_value("vingt-deux"), number_value("12")
    (3, 22, 12)
    """
    raw = raw.strip().lower()
    digits = re.sub(r"[  ,.]", "", raw)
    return int(digits) if digits.isdigit() else _words_value(raw)


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
    >>> find_fatalities("soixante-et-onze soldats ont été tués"), find_fatalities("Seventy-one soldiers were killed")
    (71, 71)
    >>> find_fatalities("quatre-vingt-dix-sept morts"), find_fatalities("two hundred people died")
    (97, 200)
    >>> find_fatalities("des frappes ont tué dimanche 21 civils, dont 11 enfants")
    21
    >>> find_fatalities("ayant coûté la vie à un nombre important de soldats") is None
    True
    """
    best: int | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(sentence):
            v = _value(m.group("num"))
            if (
                v is None
                or v > 100000
                or (1900 <= v <= 2100 and re.fullmatch(r"\d{4}", m.group("num")))
            ):
                continue
            if v == 1 and _ARTICLE_OF_AMOUNT.match(sentence, m.end("num")):
                continue  # "un nombre important de soldats": an indefinite article, not the number one
            best = v if best is None else max(best, v)
    return best
