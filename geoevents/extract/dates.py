"""Date expressions in French and English news: a rule pre-pass, then dateparser.

dateparser alone reads "25, 26 et 27 juillet dernier" as 1927 and returns nothing for
"depuis 2021", and it has no notion of a publication date that is only known to the month.
This module therefore scans the text with a small grammar of the expressions news
uses (day enumerations and ranges, nights spanning two days, weekdays, "hier",
"la semaine dernière", "fin juillet", "since 2021", years) and resolves each against an
:class:`Anchor` (the publication date, or the month it falls in). Numeric dates
("22/07/2022") are handed to dateparser with the language's day order.

Every mention carries ``time_precision`` (``day``, ``week``, ``month``, ``year``) and
flags: ``since`` (the expression opens a period: "depuis 2021", "since 2012", a
background marker) and ``relative`` (it was resolved against the anchor).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS: dict[str, int] = {
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "déc": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
# English month names only when capitalised ("may" is a verb); French ones in any case.
_MON_EN = "|".join(
    sorted(
        (m.capitalize() for m in MONTHS if m.isascii() and m not in {"mars", "mai", "juin"}),
        key=len,
        reverse=True,
    )
)
_MON_ANY = rf"(?:(?i:janvier|janv|f[ée]vrier|f[ée]vr|f[ée]v|mars|mar|avril|avr|mai|juin|juillet|juil|ao[uû]t|septembre|sept|octobre|novembre|d[ée]cembre|d[ée]c)|{_MON_EN})(?![a-zA-Zéû])\.?"
#: Weekdays: French ones also capitalised at a sentence start ("Samedi, un drone a frappé").
WEEKDAY = r"(?:(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:1er|[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SEP = r"\s*(?:,|et|au|à|-|–|and|to|&)\s*(?:le\s+|the\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?\b")),
    ("numeric", re.compile(r"\b[0-3]?\d[/.][0-3]?\d[/.](?:19|20)\d\d\b")),
    # a day and month in figures, day first as written in French and British English ("le
    # 18/06", "on 27/06"): only after "on"/"le", so that "1/2" or "24/7" stay figures
    (
        "day_month",
        re.compile(r"(?i:\b(?:on|le|du|au)\s+)(?P<d>[0-3]?\d)/(?P<m>[01]?\d)\b(?![/.]\d|\s+of\b)"),
    ),
    (
        "night_wd",
        re.compile(
            rf"(?i:nuit\s+du|night\s+(?:of|from))\s+(?P<wd1>{WEEKDAY})\s+(?:au|to|into)\s+"
            rf"(?P<wd2>{WEEKDAY})(?:\s+(?P<d>{_DAY})\s+(?P<m>{_MON_ANY})(?:\s+(?P<y>{_YEAR}))?)?",
        ),
    ),
    (
        "two_months",
        re.compile(
            rf"(?:(?i:du|from|between|entre\s+le)\s+)?(?:{WEEKDAY}\s+)?(?P<d1>{_DAY})\s+(?P<m1>{_MON_ANY})"
            rf"(?:\s+(?P<y1>{_YEAR}))?{_SEP}(?:{WEEKDAY}\s+)?(?P<d2>{_DAY})\s+(?P<m2>{_MON_ANY})"
            rf"(?:,?\s+(?P<y2>{_YEAR}))?(?P<last>\s+dernier)?",
        ),
    ),
    (
        "days_month",
        re.compile(
            rf"(?:(?i:du|from|between|entre\s+le|les|des|le|the)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?"
            rf"(?P<days>{_DAY}(?:{_SEP}(?:{WEEKDAY}\s+)?{_DAY})*)\s+(?:of\s+)?(?P<m>{_MON_ANY})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?(?P<last>\s+dernier)?",
        ),
    ),
    (
        "month_days",
        re.compile(
            rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{_MON_EN}|(?i:mars|mai|juin))\.?\s+"
            rf"(?P<days>{_DAY}(?:\s*(?:,|and|to|-|–)\s*{_DAY})*)\b(?:,?\s+(?P<y>{_YEAR}))?",
        ),
    ),
    (
        "part_month",
        re.compile(
            rf"(?P<part>(?i:d[ée]but|mi-?|fin|early|mid-?|late|end\s+of|the\s+end\s+of|la\s+fin\s+de?))\s*"
            rf"(?P<m>{_MON_ANY})(?:\s+(?P<y>{_YEAR}))?(?P<last>\s+dernier)?",
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"(?P<prep>\b(?i:en|depuis|since|in|of|dès|until|jusqu'en|last|this|earlier\s+in|"
            rf"later\s+in|de|d'|courant|by)\s+)?(?P<m>{_MON_ANY})(?:\s+(?P<y>{_YEAR}))?"
            rf"(?P<last>\s+dernier)?",
        ),
    ),
    (
        "year",
        re.compile(
            rf"(?P<prep>\b(?i:en|depuis|since|in|of|dès|from|until|jusqu'en|début|fin|early|late|mid-?)\s+)?\b(?P<y>{_YEAR})\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?i:avant-hier|hier|aujourd'hui|aujourd’hui|ce\s+matin|ce\s+soir|cette\s+nuit|"
            r"la\s+semaine\s+derni[èe]re|la\s+semaine\s+pass[ée]e|cette\s+semaine|le\s+mois\s+dernier|"
            r"le\s+mois\s+pass[ée]|ce\s+mois|l['’]ann[ée]e\s+derni[èe]re|l['’]an\s+dernier|"
            r"le\s+week-end\s+dernier|ce\s+week-end|"
            r"the\s+day\s+before\s+yesterday|yesterday|today|this\s+morning|tonight|last\s+night|"
            r"this\s+week|last\s+week|last\s+month|this\s+month|last\s+year|last\s+weekend|"
            r"this\s+weekend)\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?P<pre>\b(?i:last|next|late|early|on|ce|le)\s+)?\b(?P<wd>{WEEKDAY})\b"
            r"(?P<post>\s+(?:dernier|prochain|next))?"
        ),
    ),
]


_NUM_WORDS: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>jours?|semaines?|days?|weeks?|mois|months?)"
#: Dates told relative to the date just mentioned: "le lendemain", "two days later", "dix jours plus tôt".
_CHAIN = re.compile(
    r"\b(?:"
    # "le lendemain du coup d'État", "the day after the vote": dated from a named event, not the last date
    r"(?P<next>(?i:le\s+lendemain|the\s+next\s+day|the\s+following\s+day|next\s+day)(?!\s+(?:de|du|des|d['’]|of)\b)|"
    r"(?i:the\s+day\s+after)(?!\s+(?:of|the|a|an|his|her|its|their|they|he|she|it|we|being|having)\b))|"
    r"(?P<next2>(?i:le\s+surlendemain)(?!\s+(?:de|du|des|d['’])))|"
    # "the night before": the night that ends on the day just dated, so that day or the one before
    r"(?P<night>(?i:the\s+night\s+before|the\s+previous\s+night|la\s+nuit\s+pr[ée]c[ée]dente|"
    r"la\s+nuit\s+d['’]avant)(?!\s+(?:de|du|des|d['’]|of|the|a|an|his|her|its|their|last)\b))|"
    r"(?P<prev>(?i:la\s+veille|the\s+day\s+before|the\s+previous\s+day|the\s+eve)(?!\s+(?:de|du|des|d['’]|of|the|a|an|his|her|its|their)\b))|"
    r"(?P<same>(?i:le\s+m[êe]me\s+jour|the\s+same\s+day|later\s+(?:that|the\s+same|in\s+the)\s+day|"
    r"earlier\s+(?:that|the\s+same|in\s+the)\s+day|plus\s+tard\s+dans\s+la\s+journ[ée]e|"
    r"plus\s+t[ôo]t\s+dans\s+la\s+journ[ée]e|dans\s+la\s+foul[ée]e))|"
    r"(?P<hours>(?i:(?:quelques|plusieurs|(?:a\s+)?few|several|\d{1,2}|"
    + "|".join(sorted(_NUM_WORDS, key=len, reverse=True))
    + r")\s+(?:heures|hours)\s+(?:plus\s+tard|later|apr[èe]s)))|"
    # ("two days after the attack", "a day after being dismissed", "deux jours après l'attaque":
    # dated from the thing named, not from the last date: "after" counts alone only)
    rf"(?P<n>(?i:{_NUM}))\s+(?i:{_UNIT})\s+(?P<dir>(?i:plus\s+tard|later|plus\s+t[ôo]t|earlier|"
    r"auparavant|previously|(?:apr[èe]s|after|avant|before)(?=\s*(?:[,.;:)]|$))))"
    r")\b"
)
_EARLIER = ("t", "earlier", "aupara", "avant", "before", "previous")
_SENTENCE_END = re.compile(r"[.!?]\s")


def _chain_shift(m: re.Match[str]) -> tuple[int, int, str] | None:
    """(first, last) day offsets from the previous date, and the precision, for a chained expression."""
    g = m.groupdict()
    if g.get("next"):
        return 1, 1, "day"
    if g.get("next2"):
        return 2, 2, "day"
    if g.get("night"):
        return -1, 0, "day"
    if g.get("prev"):
        return -1, -1, "day"
    if g.get("same"):
        return 0, 0, "day"
    if g.get("hours"):
        return 0, 1, "day"
    n = g["n"].lower()
    k = int(n) if n.isdigit() else _NUM_WORDS.get(n, 0)
    unit = g["unit"].lower()
    days = k * (
        7 if unit.startswith(("sem", "week")) else 30 if unit.startswith(("mois", "month")) else 1
    )
    sign = -1 if g["dir"].lower().replace("ô", "o").split()[-1].startswith(_EARLIER) else 1
    prec = "day" if days < 21 else "week" if days < 60 else "month"
    return sign * days, sign * days, prec


_SINCE_BEFORE = re.compile(r"(?i:\bsince|\bdepuis|\bdès)\b[^.;:()\n]{0,40}$")


@dataclass(frozen=True, slots=True)
class Anchor:
    """What is known of the publication date: a day (``lo == hi``) or a span (a month).

    Examples
    --------
    >>> Anchor.month(2024, 8).hi
    datetime.date(2024, 8, 31)
    """

    lo: dt.date
    hi: dt.date

    @classmethod
    def day(cls, day: dt.date) -> Anchor:
        """Return the anchor of a known publication day."""
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Anchor:
        """Return the anchor of a publication month."""
        return cls(
            dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        )

    @property
    def exact(self) -> bool:
        """Whether the publication day is known."""
        return self.lo == self.hi


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, resolved to a span of days."""

    start: int
    end: int
    text: str
    date_start: dt.date
    date_end: dt.date
    precision: str
    since: bool = False
    relative: bool = False
    #: dated from the date told before it ("the next day", "two days later"): it dates nothing
    #: told before it
    chained: bool = False


def _month(word: str) -> int | None:
    return MONTHS.get(
        word.lower().rstrip(".").replace("û", "u").replace("aout", "août"), None
    ) or MONTHS.get(word.lower().rstrip("."))


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word) or "0")


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _infer_year(m: int, d: int, anchor: Anchor | None, *, past: bool = True) -> int | None:
    """Year of a day-month with no year: the anchor's, or the one before when it would be later."""
    if anchor is None:
        return None
    y = anchor.hi.year
    try:
        cand = dt.date(y, m, min(d, calendar.monthrange(y, m)[1]))
    except ValueError:
        return None
    if past and cand > anchor.hi + dt.timedelta(days=7):
        return y - 1
    return y


def _next_year(d: dt.date) -> dt.date:
    return d.replace(year=d.year + 1, day=min(d.day, calendar.monthrange(d.year + 1, d.month)[1]))


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _weekday_span(
    wd: int, anchor: Anchor, *, strict: bool = False, future: bool = False
) -> tuple[dt.date, dt.date]:
    """Days with weekday ``wd`` that a bare weekday can mean, given the anchor."""
    if future:
        lo = anchor.lo + dt.timedelta(days=(wd - anchor.lo.weekday()) % 7 or 7)
        hi = anchor.hi + dt.timedelta(days=(wd - anchor.hi.weekday()) % 7 or 7)
        return lo, hi
    back_hi = (anchor.hi.weekday() - wd) % 7
    if strict and back_hi == 0:
        back_hi = 7
    hi = anchor.hi - dt.timedelta(days=back_hi)
    back_lo = (anchor.lo.weekday() - wd) % 7
    if strict and back_lo == 0:
        back_lo = 7
    lo = anchor.lo - dt.timedelta(days=back_lo)
    return lo, hi


def _relative(word: str, anchor: Anchor) -> tuple[dt.date, dt.date, str] | None:
    w = re.sub(r"\s+", " ", word.lower()).replace("’", "'")
    one = dt.timedelta(days=1)
    if w in {"hier", "yesterday", "last night"}:
        return anchor.lo - one, anchor.hi - one, "day"
    if w in {"avant-hier", "the day before yesterday"}:
        return anchor.lo - 2 * one, anchor.hi - 2 * one, "day"
    if w in {
        "aujourd'hui",
        "ce matin",
        "ce soir",
        "cette nuit",
        "today",
        "this morning",
        "tonight",
    }:
        return anchor.lo, anchor.hi, "day"
    if "semaine" in w or "week" in w:
        last = "derni" in w or "pass" in w or "last" in w
        back = 7 if last else 0
        if "end" in w:
            sat_lo = anchor.lo - dt.timedelta(
                days=(anchor.lo.weekday() - 5) % 7 + (back if last else 0)
            )
            sat_lo = anchor.lo - dt.timedelta(
                days=(anchor.lo.weekday() - 5) % 7 or (7 if last else 0)
            )
            sat_hi = anchor.hi - dt.timedelta(
                days=(anchor.hi.weekday() - 5) % 7 or (7 if last else 0)
            )
            return sat_lo, sat_hi + one, "week"
        mon_lo = anchor.lo - dt.timedelta(days=anchor.lo.weekday() + back)
        mon_hi = anchor.hi - dt.timedelta(days=anchor.hi.weekday() + back)
        return mon_lo, mon_hi + 6 * one, "week"
    if "mois" in w or "month" in w:
        last = "derni" in w or "pass" in w or "last" in w
        first = anchor.lo.replace(day=1)
        if last:
            first = (first - one).replace(day=1)
        return first, _month_end(first.year, first.month), "month"
    if "ann" in w or "an dernier" in w or "year" in w:
        y = anchor.hi.year - 1
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    return None


def _numeric(text: str, anchor: Anchor | None) -> dt.date | None:
    """A date in figures, day first as French, British and African English write it
    ("10/01/2024": 10 January); month first only where day first cannot be ("12/25/2023") or
    would fall after the publication while month first does not (a US-style date)."""
    a, b, y = (int(x) for x in re.split(r"[/.]", text))
    dmy, mdy = _safe(y, b, a), _safe(y, a, b)
    if dmy is None or (anchor is not None and mdy is not None and dmy > anchor.hi >= mdy):
        return mdy
    return dmy


def _resolve(
    kind: str, m: re.Match[str], anchor: Anchor | None, lang: str
) -> tuple[dt.date, dt.date, str, bool, bool] | None:
    """Return (start, end, precision, since, relative) for one match, or None."""
    g = m.groupdict()
    if kind == "iso":
        y, mo = int(g["y"]), int(g["m"])
        if not 1 <= mo <= 12:
            return None
        if g.get("d"):
            d = _safe(y, mo, int(g["d"]))
            return (d, d, "day", False, False) if d else None
        return dt.date(y, mo, 1), _month_end(y, mo), "month", False, False
    if kind == "numeric":
        d = _numeric(m.group(0), anchor)
        return (d, d, "day", False, False) if d else None
    if kind == "day_month":
        mo, day = int(g["m"]), int(g["d"])
        y = _infer_year(mo, day, anchor) if 1 <= mo <= 12 else None
        d = _safe(y, mo, day) if y is not None else None
        return (d, d, "day", False, True) if d else None
    if kind == "night_wd":
        if g.get("d"):
            mo = _month(g["m"])
            day = _day(g["d"])
            y = int(g["y"]) if g.get("y") else _infer_year(mo or 1, day, anchor)
            if mo is None or y is None:
                return None
            end = _safe(y, mo, day)
            return (end - dt.timedelta(days=1), end, "day", False, False) if end else None
        if anchor is None:
            return None
        lo, hi = _weekday_span(WEEKDAYS[g["wd2"].lower()], anchor)
        return lo - dt.timedelta(days=1), hi, "day" if anchor.exact else "month", False, True
    if kind == "two_months":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if m1 is None or m2 is None:
            return None
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        y2 = int(g["y2"]) if g.get("y2") else _infer_year(m2, d2, anchor)
        if y2 is None:
            return None
        y1 = int(g["y1"]) if g.get("y1") else (y2 - 1 if m1 > m2 else y2)
        a, b = _safe(y1, m1, d1), _safe(y2, m2, d2)
        return (a, b, "day", False, False) if a and b and a <= b else None
    if kind in {"days_month", "month_days"}:
        mo = _month(g["m"])
        days = [_day(x) for x in re.findall(_DAY, g["days"])]
        days = [d for d in days if 1 <= d <= 31]
        if mo is None or not days:
            return None
        y = int(g["y"]) if g.get("y") else _infer_year(mo, max(days), anchor)
        if y is None:
            return None
        if g.get("wd") and not g.get("y") and len(days) == 1:
            # "Thursday, October 20": the year in which that day is that weekday
            wd = WEEKDAYS[g["wd"].lower()]
            y = next(
                (
                    c
                    for c in (y, y - 1, y + 1)
                    if (d0 := _safe(c, mo, days[0])) and d0.weekday() == wd
                ),
                y,
            )
        a, b = _safe(y, mo, min(days)), _safe(y, mo, max(days))
        return (a, b, "day", False, not g.get("y")) if a and b else None
    if kind == "part_month":
        mo = _month(g["m"])
        if mo is None:
            return None
        y = int(g["y"]) if g.get("y") else _infer_year(mo, 1, anchor)
        if y is None:
            return None
        part = g["part"].lower()
        last = calendar.monthrange(y, mo)[1]
        if part.startswith(("d", "early")):
            lo, hi = 1, 10
        elif part.startswith("mi"):
            lo, hi = 11, 20
        else:
            lo, hi = 21, last
        return dt.date(y, mo, lo), dt.date(y, mo, hi), "month", False, not g.get("y")
    if kind == "month_year":
        mo = _month(g["m"])
        prep = (g.get("prep") or "").strip().lower()
        if mo is None or not (g.get("y") or prep or g.get("last")):
            return None
        if prep in {"de", "d'"} and not g.get("y"):
            return None
        y = int(g["y"]) if g.get("y") else _infer_year(mo, 1, anchor)
        if y is None:
            return None
        since = prep in {"depuis", "since", "dès"}
        return dt.date(y, mo, 1), _month_end(y, mo), "month", since, not g.get("y")
    if kind == "year":
        y = int(g["y"])
        prep = (g.get("prep") or "").strip().lower()
        since = prep in {"depuis", "since", "dès", "from"}
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", since, False
    if kind == "relative":
        if anchor is None:
            return None
        r = _relative(m.group(0), anchor)
        if r is None:
            return None
        prec = r[2] if anchor.exact or r[2] != "day" or r[0] == r[1] else "month"
        return r[0], r[1], prec, False, True
    if kind == "weekday":
        if anchor is None:
            return None
        pre = (g.get("pre") or "").strip().lower()
        post = (g.get("post") or "").strip().lower()
        future = pre == "next" or post in {"prochain", "next"}
        lo, hi = _weekday_span(
            WEEKDAYS[g["wd"].lower()],
            anchor,
            strict=pre == "last" or post == "dernier",
            future=future,
        )
        # one possible day (the anchor's window holds one such weekday) is a day, not a month
        return lo, hi, "day" if anchor.exact or lo == hi else "month", False, True
    return None


def find_dates(text: str, anchor: Anchor | None = None, *, lang: str = "fr") -> list[DateMention]:
    """Return the date expressions of ``text``, resolved against ``anchor``, in text order.

    Parameters
    ----------
    text
        Any text (a sentence or a whole article).
    anchor
        The publication date (or month); relative expressions need it and are skipped
        without it.
    lang
        ``"fr"`` or ``"en"``; only the day order of numeric dates depends on it.

    Returns
    -------
    list[DateMention]
        Non-overlapping mentions, longest patterns first.

    Examples
    --------
    >>> import datetime as dt
    >>> a = Anchor.day(dt.date(2024, 8, 2))
    >>> m = find_dates("les affrontements des 25, 26 et 27 juillet dernier", a)[0]
    >>> (m.date_start.isoformat(), m.date_end.isoformat(), m.precision)
    ('2024-07-25', '2024-07-27', 'day')
    >>> find_dates("jeudi", a)[0].date_start.isoformat()
    '2024-08-01'
    >>> [(d.date_start.year, d.since) for d in find_dates("depuis 2021", a)]
    [(2021, True)]
    >>> find_dates("", a)
    []
    >>> find_dates("ils doivent partir au plus tard le 15 septembre", a)[0].date_start.isoformat()
    '2024-09-15'
    """
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            r = _resolve(kind, m, anchor, lang)
            if r is None:
                continue
            if (
                anchor is not None
                and r[1] < anchor.lo
                and not re.search(r"\d{4}", m.group(0))
                and _DEADLINE.search(text[max(0, s - 20) : s])
            ):
                # "au plus tard le 15 septembre", "by 15 September": a deadline ahead, not a day past
                r = (_next_year(r[0]), _next_year(r[1]), *r[2:])
            taken.append((s, e))
            since = r[3] or bool(_SINCE_BEFORE.search(text[max(0, s - 60) : s]))
            out.append(
                DateMention(s, e, m.group(0).strip(), r[0], r[1], r[2], since=since, relative=r[4])
            )
    out.sort(key=lambda d: d.start)
    return _ranges(text, _chained(text, out, taken))


#: "from Thursday to Saturday", "du jeudi au samedi", "between Monday and Wednesday".
_RANGE_OPEN = re.compile(r"(?i:\b(?:from|between|du|entre|de)\s+(?:le\s+|la\s+)?)$")
_RANGE_JOIN = re.compile(
    r"(?i:^\s*(?:to|until|till|through|and|au|à|a|et|jusqu['’]au|-|–)\s+(?:le\s+)?$)"
)
#: The longest span two joined days may make (a week and a half).
MAX_RANGE_DAYS = 10


def _ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """Join two single days written as a range into one mention.

    Examples
    --------
    >>> import datetime as dt
    >>> a = Anchor.day(dt.date(2024, 7, 29))
    >>> [(m.text, str(m.date_start), str(m.date_end)) for m in find_dates("from Thursday to Saturday", a)]
    [('Thursday to Saturday', '2024-07-25', '2024-07-27')]
    >>> [(m.text, str(m.date_end)) for m in find_dates("du jeudi au samedi", a)]
    [('jeudi au samedi', '2024-07-27')]
    >>> len(find_dates("jeudi, puis samedi", a))
    2
    """
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.precision == b.precision == "day"
            and a.date_start == a.date_end
            and b.date_start == b.date_end
            and not (a.since or b.since)
            and 0 < (b.date_start - a.date_start).days <= MAX_RANGE_DAYS
            and _RANGE_OPEN.search(text[max(0, a.start - 12) : a.start])
            and _RANGE_JOIN.match(text[a.end : b.start])
        ):
            out.append(DateMention(a.start, b.end, text[a.start : b.end], a.date_start, b.date_end, "day",
                                   relative=a.relative or b.relative))  # fmt: skip
            i += 2
            continue
        out.append(a)
        i += 1
    return out


#: A date right after a verb of reporting is the day of the report ("a-t-on appris mercredi",
#: "the army said on Friday"): not a base for "le lendemain".
_REPORT_DATE = re.compile(
    r"(?i:\b(?:appris|annonc[ée]\w*|indiqu[ée]\w*|d[ée]clar[ée]\w*|affirm[ée]\w*|pr[ée]cis[ée]\w*|"
    r"rapport[ée]\w*|confirm[ée]\w*|said|announced|reported|told|stated|confirmed|added)\s+"
    r"(?:ce\s+|le\s+|on\s+|late\s+on\s+|dans\s+la\s+nuit\s+de\s+)?)$"
)


def _chained(
    text: str, found: list[DateMention], taken: list[tuple[int, int]]
) -> list[DateMention]:
    """Add the expressions dated from the date told just before them ("le lendemain", "two days later").

    Examples
    --------
    >>> a = Anchor.day(dt.date(2025, 3, 12))
    >>> t = "Des soldats ont été tués lundi, a-t-on appris mercredi. Le lendemain, l'armée a riposté."
    >>> [(m.text, str(m.date_start)) for m in find_dates(t, a)][-1]
    ('Le lendemain', '2025-03-11')
    """
    chain = [
        m
        for m in _CHAIN.finditer(text)
        if not any(m.start() < te and ts < m.end() for ts, te in taken)
    ]
    if not chain:
        return found
    out = list(found)
    for m in chain:
        prev = max(
            (
                d
                for d in out
                if d.end <= m.start()
                and not d.since
                and not (
                    _REPORT_DATE.search(text[max(0, d.start - 30) : d.start])
                    and _SENTENCE_END.search(text, d.end, m.start())
                )
            ),
            key=lambda d: d.start,
            default=None,
        )  # "... a-t-on appris mercredi. Le lendemain, ...": the day after the event, not the report
        # (but "residents said on 2 June that gunmen had come the night before": the report's eve)
        shift = _chain_shift(m)
        if prev is None or shift is None:
            continue
        one = dt.timedelta(days=1)
        base = prev.date_end if shift[0] >= 0 else prev.date_start
        if prev.precision not in {"day"} and shift[2] == "day":
            lo, hi, prec = (
                prev.date_start + shift[0] * one,
                prev.date_end + shift[1] * one,
                prev.precision,
            )
        else:
            lo, hi, prec = base + shift[0] * one, base + shift[1] * one, shift[2]
        out.append(
            DateMention(
                m.start(), m.end(), m.group(0).strip(), lo, hi, prec, relative=True, chained=True
            )
        )
        out.sort(key=lambda d: d.start)
    return out


#: A labelled date line: "Date:", "Published:", "Publié le", "Mis à jour le", "Posted on".
_PUB_LABEL = (
    r"(?:date|dated|published|publication|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|"
    r"publi[ée]e?(?:\s+le)?|mis\s+[àa]\s+jour(?:\s+le)?|parution)"
)
_PUB_PATTERNS = (
    re.compile(
        rf"^\s*date\s+(?P<y>{_YEAR})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?",
        re.IGNORECASE | re.MULTILINE,
    ),
    # ISO 8601 ("Date: 2017-02-19", "Published: 2017-02-19T08:30:00Z", or the line alone)
    re.compile(
        rf"^\s*(?:{_PUB_LABEL}\s*[:\-–]?\s*)?(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\s*$",
        re.IGNORECASE | re.MULTILINE,
    ),
    # labelled written dates ("Date: 19 February 2017", "Published: Feb. 19, 2017", "Publié le 19 février 2017")
    re.compile(
        rf"^\s*{_PUB_LABEL}\s*[:\-–]?\s*(?:{WEEKDAY},?\s+)?(?:(?P<d>{_DAY})\s+(?P<m>{_MON_ANY})|"
        rf"(?P<m2>{_MON_ANY})\s+(?P<d2>{_DAY}),?)\s+(?P<y>{_YEAR})\b",
        re.IGNORECASE | re.MULTILINE,
    ),
    # labelled day-first numeric dates, the French and British order ("Publié le 19/02/2017")
    re.compile(
        rf"^\s*{_PUB_LABEL}\s*[:\-–]?\s*(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>{_YEAR})\b",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(
        rf"^\s*(?:{WEEKDAY}|(?i:mon|tue|wed|thu|fri|sat|sun)),?\s+(?:(?P<d>{_DAY})\s+(?P<m>{_MON_ANY})|"
        rf"(?P<m2>{_MON_ANY})\s+(?P<d2>{_DAY}))(?:,?\s+(?P<y>{_YEAR}))",
        re.MULTILINE | re.IGNORECASE,
    ),
    # datelines: "BAMAKO, Mar 30 –", "N'DJAMENA, April 20 (Xinhua) --", "Bamako, 27 mar (AMAP)",
    # "MOSCOW/BAMAKO, Aug. 2, 2024 –"
    re.compile(
        rf"^\s*[A-Z][\w'’/ -]{{2,30}},\s+(?:(?P<m2>{_MON_ANY})\s+(?P<d2>{_DAY})|(?P<d>{_DAY})\s+(?P<m>{_MON_ANY}))"
        rf"(?:,?\s+(?P<y>{_YEAR}))?\s*(?:\(|–|-|—)",
        re.MULTILINE,
    ),
)


def is_date_line(line: str) -> bool:
    """Tell whether ``line`` is a labelled date line and nothing more ("Date: 4 May 2020",
    "Published: 2017-02-19T08:30:00Z", "Publié le 19/02/2017"): the text's metadata, no headline.

    Examples
    --------
    >>> is_date_line("Date: 4 May 2020"), is_date_line("Published: 2017-02-19T08:30:00Z")
    (True, True)
    >>> is_date_line("Mali: dates of the vote set for 4 May 2020")
    False
    """
    line = line.strip()
    for pat in _PUB_PATTERNS[:4]:
        m = pat.match(line)
        if m is not None and not line[m.end() :].strip(" .,"):
            return True
    return False


@lru_cache(maxsize=64)
def publication_anchor(text: str) -> Anchor | None:
    """Find the publication date in an article's own text: a "date" line, a dated line, a dateline.

    A dateline without a year takes the latest year written in the text.

    Examples
    --------
    >>> publication_anchor(" date 2024-08 – A l'occasion d'un entretien")
    Anchor(lo=datetime.date(2024, 8, 1), hi=datetime.date(2024, 8, 31))
    >>> publication_anchor("Headline\\n\\nBAMAKO, Mar 30 – In 2012 rebels...").lo
    datetime.date(2012, 3, 30)
    >>> publication_anchor("Headline\\n\\nMOSCOW/BAMAKO, Aug. 2, 2024 – Russia ...")
    Anchor(lo=datetime.date(2024, 8, 2), hi=datetime.date(2024, 8, 2))
    >>> publication_anchor("no date here") is None
    True
    """
    head = text[:1500]
    for pat in _PUB_PATTERNS:
        m = pat.search(head)
        if not m:
            continue
        g = m.groupdict()
        mon = g.get("m") or g.get("m2")
        mo = int(mon) if mon and mon.isdigit() else (_month(mon) if mon else None)
        if mo is None:
            continue
        if g.get("y"):
            y = int(g["y"])
        else:
            years = [m.date_end.year for m in find_dates(text, None) if not m.since]
            if not years:
                continue
            y = max(years)
        day = g.get("d") or g.get("d2")
        if day:
            d = _safe(y, mo, _day(day))
            if d:
                return Anchor.day(d)
        return Anchor.month(y, mo)
    return None


_DEADLINE = re.compile(
    r"(?i:until|till|jusqu|d'ici|by|before|avant|deadline|échéance|later\s+than|au\s+plus\s+tard|"
    r"at\s+the\s+latest)\W*(?:au|à|le|the)?\s*$"
)


def _weekday_year(text: str, *, today: dt.date | None = None) -> int | None:
    """The latest year (not after ``today``) in which a stated "weekday day month" is right."""
    today = today or dt.date.today()
    best: int | None = None
    for kind, pat in _PATTERNS:
        if kind not in {"days_month", "month_days"}:
            continue
        for m in pat.finditer(text):
            g = m.groupdict()
            mo = _month(g["m"]) if g.get("m") else None
            days = [_day(x) for x in re.findall(_DAY, g.get("days") or "")]
            if not g.get("wd") or g.get("y") or mo is None or len(days) != 1:
                continue
            wd = WEEKDAYS[g["wd"].lower()]
            for y in range(today.year, today.year - 40, -1):
                d = _safe(y, mo, days[0])
                if d is not None and d <= today and d.weekday() == wd:
                    best = y if best is None else max(best, y)
                    break
    return best


def estimate_anchor(text: str, *, lang: str = "fr", today: dt.date | None = None) -> Anchor | None:
    """Guess the publication span of an undated article from the dates it mentions.

    News is published shortly after the latest date it reports: the span runs from the
    end of the latest explicit date (a day: for 10 days; a month: for a month). Day-month
    dates without a year take the latest year written in the text.

    Examples
    --------
    >>> a = estimate_anchor("In 2025 ... the decree of April 30 ... protests on Saturday")
    >>> (a.lo.isoformat(), a.hi.isoformat())
    ('2025-04-30', '2025-05-10')
    >>> estimate_anchor("nothing dated") is None
    True
    >>> estimate_anchor("le mardi 26 mars", today=dt.date(2026, 1, 1)).lo
    datetime.date(2024, 3, 26)
    """
    years = [m.date_end.year for m in find_dates(text, None, lang=lang) if not m.since]
    if not years:
        years = [y for y in [_weekday_year(text, today=today)] if y is not None]
    if not years:
        return None
    y = max(years)
    provisional = Anchor(dt.date(y, 1, 1), dt.date(y, 12, 31))
    found = [
        m
        for m in find_dates(text, provisional, lang=lang)
        if re.search(r"\d", m.text)
        and re.search(r"[^\W\d_]", m.text)
        and not m.since
        and m.precision in {"day", "month"}
        and abs(m.date_end.year - y) <= 1
        and not _DEADLINE.search(text[max(0, m.start - 16) : m.start])
    ]
    if not found:
        return None
    last = max(found, key=lambda m: m.date_end)
    span = 10 if last.precision == "day" else 31
    return Anchor(last.date_end, last.date_end + dt.timedelta(days=span))


def article_anchor(
    text: str, published: dt.date | None = None, *, lang: str = "fr"
) -> Anchor | None:
    """Return the anchor for relative dates: ``published``, else the text's own date, else a guess.

    A month-only date line is narrowed by :func:`estimate_anchor` when the two agree.
    """
    if published is not None:
        return Anchor.day(published)
    own = publication_anchor(text)
    guess = estimate_anchor(text, lang=lang)
    if own is None:
        return guess
    if not own.exact and guess is not None:
        lo, hi = max(own.lo, guess.lo), min(own.hi, guess.hi)
        if lo <= hi:
            return Anchor(lo, hi)
    return own
