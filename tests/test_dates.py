"""Date pre-pass: enumerations, ranges, nights, weekdays, relative words, years, publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from geoevents.extract.dates import Anchor, find_dates, publication_anchor

PUB = Anchor.day(dt.date(2024, 8, 2))  # a Friday


def one(text: str, anchor: Anchor | None = PUB, lang: str = "fr"):
    found = find_dates(text, anchor, lang=lang)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("les affrontements des 25, 26 et 27 juillet dernier", "2024-07-25", "2024-07-27", "day"),
        ("dans la nuit du 31 mars au 1er avril", "2024-03-31", "2024-04-01", "day"),
        ("from 25 to 27 July", "2024-07-25", "2024-07-27", "day"),
        ("dans la nuit du vendredi au samedi 5 juin", "2024-06-04", "2024-06-05", "day"),
        ("Dans la nuit du 11 au 12 juin 2022", "2022-06-11", "2022-06-12", "day"),
        ("entre le 25 et le 27 juillet", "2024-07-25", "2024-07-27", "day"),
        ("le mardi 26 mars", "2024-03-26", "2024-03-26", "day"),
        (
            "on Thursday, October 20",
            "2022-10-20",
            "2022-10-20",
            "day",
        ),  # the year it was a Thursday
        ("on April 28 and 29", "2024-04-28", "2024-04-29", "day"),
        ("July 26, 2023", "2023-07-26", "2023-07-26", "day"),
        ("le 6 juillet 2024", "2024-07-06", "2024-07-06", "day"),
        ("22/07/2022", "2022-07-22", "2022-07-22", "day"),
        # in figures day first, in English too (British and African usage): 10 January...
        ("On 10/01/2024 gunmen attacked", "2024-01-10", "2024-01-10", "day"),
        # ...month first only where day first cannot be (25 is no month)
        ("On 12/25/2023 gunmen attacked", "2023-12-25", "2023-12-25", "day"),
        # day and month in figures, day first, after "on"/"le": the year from the anchor
        ("gunmen struck on 27/06", "2024-06-27", "2024-06-27", "day"),
        ("le 18/06, des hommes armés", "2024-06-18", "2024-06-18", "day"),
        ("jeudi", "2024-08-01", "2024-08-01", "day"),
        ("on Friday", "2024-08-02", "2024-08-02", "day"),
        ("last Friday", "2024-07-26", "2024-07-26", "day"),
        ("hier", "2024-08-01", "2024-08-01", "day"),
        ("fin juillet", "2024-07-21", "2024-07-31", "month"),
        ("In late November", "2023-11-21", "2023-11-30", "month"),
        ("la semaine dernière", "2024-07-22", "2024-07-28", "week"),
        ("last month", "2024-07-01", "2024-07-31", "month"),
        ("en mars dernier", "2024-03-01", "2024-03-31", "month"),
        ("en 2021", "2021-01-01", "2021-12-31", "year"),
    ],
)
def test_expressions(text, start, end, precision):
    m = one(text, lang="en" if text[0].isupper() and " " in text and text.isascii() else "fr")
    assert (m.date_start.isoformat(), m.date_end.isoformat(), m.precision) == (
        start,
        end,
        precision,
    )


@pytest.mark.parametrize("text", ["open 24/7 for the wounded", "on 1/2 of the fields", "on 45/12"])
def test_figures_that_are_not_a_day_and_month(text):
    assert find_dates(text, PUB, lang="en") == []


def test_since_is_a_background_marker():
    m = one("Le Mali et la Russie sont convenus depuis 2021 de renforcer leurs liens")
    assert (m.date_start.year, m.since) == (2021, True)
    assert one("since 2012").since
    assert not one("le 6 juillet 2024").since


def test_weekday_on_publication_day_is_that_day():
    m = one("jeudi", Anchor.day(dt.date(2023, 11, 23)))
    assert m.date_start == dt.date(2023, 11, 23)


def test_weekday_with_month_only_publication_spans_the_month():
    m = one("jeudi", Anchor.month(2024, 8))
    assert m.date_start <= dt.date(2024, 8, 1) <= m.date_end
    assert m.precision == "month"


def test_relative_needs_an_anchor():
    assert find_dates("jeudi", None) == []
    assert find_dates("le 6 juillet 2024", None)[0].date_start == dt.date(2024, 7, 6)


def test_may_the_verb_is_not_a_month():
    assert find_dates("we may go there in 2024", PUB, lang="en")[0].precision == "year"
    assert find_dates("they may strike", PUB, lang="en") == []


def test_no_date_and_empty():
    assert find_dates("", PUB) == []
    assert find_dates("Les soldats ont riposté.", PUB) == []


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        (" date 2024-08 – A l'occasion d'un entretien", "2024-08-01", "2024-08-31"),
        ("Headline\n\nTue 23 March 2021:\n\nRaiders struck", "2021-03-23", "2021-03-23"),
        ("Headline\n\nFriday, November 29 2024\n\nChad ended", "2024-11-29", "2024-11-29"),
        ("Title\n\nBAMAKO, Mar 30 – In 2012 rebels took Kidal", "2012-03-30", "2012-03-30"),
    ],
)
def test_publication_anchor(text, lo, hi):
    a = publication_anchor(text)
    assert a is not None
    assert (a.lo.isoformat(), a.hi.isoformat()) == (lo, hi)


def test_no_publication_date():
    assert publication_anchor("Headline\n\nNothing dated here.") is None


@pytest.mark.parametrize(
    ("text", "which", "start", "end", "precision"),
    [
        (
            "L'attaque a eu lieu le 3 août. Le lendemain, l'armée a riposté.",
            1,
            "2024-08-04",
            "2024-08-04",
            "day",
        ),
        (
            "L'attaque a eu lieu le 3 août. La veille, des tirs avaient été entendus.",
            1,
            "2024-08-02",
            "2024-08-02",
            "day",
        ),
        (
            "They attacked on 3 June. The next day the army responded.",
            1,
            "2024-06-04",
            "2024-06-04",
            "day",
        ),
        (
            "They attacked on 3 June. Two days later, the army responded.",
            1,
            "2024-06-05",
            "2024-06-05",
            "day",
        ),
        (
            "He landed on 6 February. A few hours later he was received.",
            1,
            "2024-02-06",
            "2024-02-07",
            "day",
        ),
        (
            "Le départ la semaine dernière, et celui des avions dix jours plus tôt.",
            1,
            "2024-07-12",
            "2024-07-18",
            "week",
        ),
        (
            "Les soldats sont partis le 20 juillet et les avions 10 jours auparavant.",
            1,
            "2024-07-10",
            "2024-07-10",
            "day",
        ),
        (
            "The talks ended on 12 July; later that day a deal was signed.",
            1,
            "2024-07-12",
            "2024-07-12",
            "day",
        ),
    ],
)
def test_dates_chained_to_the_previous_date(text, which, start, end, precision):
    m = find_dates(text, PUB, lang="fr")[which]
    assert (m.date_start.isoformat(), m.date_end.isoformat(), m.precision) == (
        start,
        end,
        precision,
    )
    assert m.relative


def test_chained_date_needs_a_date_before_it():
    assert find_dates("Le lendemain, l'armée a riposté.", PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le 3 août, des tirs. Ces violences interviennent au lendemain du coup d'État.",
        "Le 3 août, des tirs. Le lendemain de l'attaque, l'armée a riposté.",
        "On 3 June, shots. The day after the vote, the army responded.",
        "Le 3 août, des tirs. La veille de l'élection, rien.",
    ],
)
def test_a_day_told_from_a_named_event_is_not_chained(text):
    assert [m.date_start.isoformat() for m in find_dates(text, PUB, lang="fr")] in (
        ["2024-08-03"],
        ["2024-06-03"],
    )
