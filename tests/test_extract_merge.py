"""Merging the mentions of one event within an article (geoevents.extract.merge), rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from geoevents.extract.merge import Candidate, merge
from geoevents.models import Place

# merging compares place ids, kinds and countries; coordinates are rounded town centres
GAO = Place("test:gao", "Gao", "ML", "town", -0.04, 16.27, "Gao")
ANSONGO = Place("test:ansongo", "Ansongo", "ML", "town", 0.50, 15.66, "Gao")
MENAKA = Place("test:menaka", "Ménaka", "ML", "town", 2.40, 15.92, "Ménaka")
MALI = Place("test:ml", "Mali", "ML", "country", -3.5, 17.3, geo_precision=4)
NIGER = Place("test:ne", "Niger", "NE", "country", 9.4, 17.4, geo_precision=4)


def day(d: int, until: int | None = None) -> tuple[dt.date, dt.date, str]:
    return dt.date(2024, 7, d), dt.date(2024, 7, until or d), "day"


def cand(
    et: str = "battle",
    date: tuple[dt.date, dt.date, str] | None = None,
    place: Place | None = GAO,
    *,
    sub: str = "armed_clash",
    at: int = 0,
    fatalities: int | None = None,
    actors: tuple[str, ...] = (),
    participants: tuple[str, ...] = (),
    headline: bool = False,
) -> Candidate:
    return Candidate(
        et, sub, date or day(25), place, list(actors), list(participants), fatalities,
        f"sentence {at}", (at, at + 10), 0.8, headline=headline, notes=["date from sentence"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # the same clash told twice at one town: one event
        ([cand(at=0), cand(at=50)], [("battle", "Gao")]),
        # two towns: two events
        ([cand(at=0), cand(place=ANSONGO, at=50)], [("battle", "Gao"), ("battle", "Ansongo")]),
        # a country-only mention joins the one town event it fits
        ([cand(at=0), cand(place=MALI, at=50)], [("battle", "Gao")]),
        # ... and is dropped as a summary when it fits two
        ([cand(at=0), cand(place=ANSONGO, at=50), cand(place=MALI, at=90)],
         [("battle", "Gao"), ("battle", "Ansongo")]),
        # a mention in another country is its own event
        ([cand(at=0), cand(place=NIGER, at=50)], [("battle", "Gao"), ("battle", "Niger")]),
        # dates that do not overlap: two events (two days apart)
        ([cand(date=day(20), at=0), cand(date=day(25), at=50)], [("battle", "Gao"), ("battle", "Gao")]),
        # one multi-day fight told day by day at one town: one event
        ([cand(date=day(25), at=0), cand(date=day(26), at=50)], [("battle", "Gao")]),
        # an attack and an IED at the same town on the same day: one event, the specific type wins
        ([cand(at=0), cand("explosion_remote_violence", sub="remote_explosive_landmine_ied", at=50)],
         [("explosion_remote_violence", "Gao")]),
        # a headline told nowhere in the body is dropped
        ([cand(at=0, headline=True), cand(place=ANSONGO, at=50)], [("battle", "Ansongo")]),
        # a battle and a protest at one place stay apart
        ([cand(at=0), cand("protest", sub="peaceful_protest", at=50)], [("battle", "Gao"), ("protest", "Gao")]),
    ],
)  # fmt: skip
def test_merge_rules(mentions, expected):
    got = [(c.event_type, c.place.name if c.place else None) for c in merge(mentions)]
    assert got == expected


def test_an_attack_dated_by_its_report_takes_its_own_day():
    reported = cand(date=day(26), at=0, fatalities=71)
    reported.notes = ["date from report"]
    told = cand(
        "explosion_remote_violence", sub="shelling_artillery_missile_attack", date=day(25), at=50
    )
    (one,) = merge([reported, told])
    assert (one.event_type, one.date, one.fatalities) == ("explosion_remote_violence", day(25), 71)
    assert "date from sentence" in one.notes
    # two attacks each dated by its own sentence, two days apart, stay two
    assert (
        len(
            merge(
                [cand(date=day(23), at=0), cand("explosion_remote_violence", date=day(25), at=50)]
            )
        )
        == 2
    )


def test_merge_keeps_the_largest_toll_the_finest_place_and_all_actors():
    a = cand(place=MALI, at=0, fatalities=5, actors=("FAMa",))
    b = cand(place=MENAKA, at=50, fatalities=12, actors=("Wagner",))
    (one,) = merge([a, b])
    assert (one.place, one.fatalities) == (MENAKA, 12)
    assert set(one.actors) == {"FAMa", "Wagner"}
    assert one.confidence > 0.8  # two mentions agree


def test_meetings_with_different_parties_stay_apart():
    a = cand("diplomacy", sub="meeting", place=None, participants=("ML", "RU"), at=0)
    b = cand("diplomacy", sub="meeting", place=None, participants=("ML", "DZ"), at=50)
    c = cand("diplomacy", sub="meeting", place=None, participants=("ML", "RU"), at=90)
    got = merge([a, b, c])
    assert [tuple(x.participants) for x in got] == [("ML", "RU"), ("ML", "DZ")]
