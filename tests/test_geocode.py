"""Table-driven geocoding tests (tests/data/geocode_cases.tsv) on the bundled gazetteer."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from geoevents.gazetteer import SAHEL, load_gazetteer

CASES = Path(__file__).resolve().parent / "data" / "geocode_cases.tsv"


def _cases() -> list:
    out = []
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            continue
        f = (line.split("\t") + [""] * 10)[:10]
        out.append(pytest.param(*f, id=f"{n}-{f[0][:24] or 'empty'}"))
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("query", "context", "countries", "country", "kind", "precision", "lat", "lon", "km", "note"),
    _cases(),
)
def test_case(gaz, query, context, countries, country, kind, precision, lat, lon, km, note) -> None:
    res = gaz.resolve(
        query, context=context or None, countries=[c for c in countries.split(",") if c]
    )
    p = res.place
    if country == "null":
        assert p is None, f"{note}: expected no match, got {p}"
        return
    if country == "!sahel":  # a decoy: no match, or a match outside the Sahel
        assert p is None or p.country not in SAHEL, f"{note}: pulled into the Sahel: {p}"
        return
    assert p is not None, f"{note}: no match ({res.reason})"
    if country != "*":
        assert p.country == country, note
    if kind:
        assert p.kind == kind, note
    if precision:
        assert p.geo_precision == int(precision), note
    if lat:
        assert _km(float(lat), float(lon), p.lat, p.lon) <= float(km), note
    assert 0.0 < res.score <= 1.0


def test_border_is_a_line(gaz) -> None:
    res = gaz.resolve("la frontière algérienne", context="des soldats maliens")
    assert res.place is not None and res.place.geometry_wkt.startswith(
        ("LINESTRING", "MULTILINESTRING")
    )
    assert {"ML", "DZ"} == set(res.place.place_id.split(":")[1].split("-"))


def test_near_has_a_disc(gaz) -> None:
    p = gaz.resolve("près de Gao").place
    assert p.geometry_wkt.startswith("POLYGON") and p.geo_precision == 2


def test_long_and_odd_input_is_null(gaz) -> None:
    assert gaz.resolve("Gao " * 2500).place is None
    assert gaz.resolve("\x00\x01").place is None
    assert gaz.resolve("!!!").place is None


def test_doc_places_disambiguate(gaz) -> None:
    ouaga = gaz.resolve("Ouagadougou").place
    bamako = gaz.resolve("Bamako").place
    assert gaz.resolve("Gao", doc_places=[ouaga]).place.country in ("BF", "ML")
    assert gaz.resolve("Koro", doc_places=[bamako]).place.country == "ML"


@pytest.mark.parametrize(
    ("named_before", "query", "context", "expected"),
    [
        # the document named the Malian town; a second spelling that matches the Algerian twin
        # exactly is still the Malian town ...
        ("Tinzaouatene", "Tinzaouatine", "les forces armées maliennes ont mené des frappes dans le "
         "secteur de Tinzaouatine", ("Tinzaouaten", "ML")),
        # ... unless the sentence puts it across the border
        ("Tinzaouatene", "Tinzaouatine", "des frappes ont visé Tinzaouatine, en Algérie",
         ("Tin Zaouatine", "DZ")),
        # with nothing named before, the exact name wins
        (None, "Tinzaouatine", "des frappes dans le secteur de Tinzaouatine", ("Tin Zaouatine", "DZ")),
    ],
)  # fmt: skip
def test_a_place_named_before_wins_its_other_spellings(
    gaz, named_before, query, context, expected
) -> None:
    before = [gaz.resolve(named_before).place] if named_before else []
    p = gaz.resolve(query, context=context, doc_places=before).place
    assert (p.name, p.country) == expected


def test_a_country_named_before_does_not_pull_a_town_to_its_region(gaz) -> None:
    # a country's centre is no evidence of nearness: "À Gao" stays the town
    ctx = "À Gao, des centaines de jeunes ont manifesté mardi pour soutenir la transition."
    p = gaz.resolve("Gao", context=ctx, countries=("ML",), doc_places=[gaz.country("ML")]).place
    assert (p.kind, p.geo_precision) == ("town", 1)


def test_resolve_many_keeps_order(gaz) -> None:
    res = gaz.resolve_many(["Gao", "Niamey", "Gao", ""])
    assert [r.place.country if r.place else None for r in res] == ["ML", "NE", "ML", None]


def test_geopandas_geocode_offline(gaz) -> None:
    import geopandas

    from geoevents.geopy_geocoder import SahelGazetteer

    gdf = geopandas.tools.geocode(
        ["Tin-Zaouatene", "Ségou", "zzqxw"], provider=SahelGazetteer, gazetteer=gaz
    )
    assert gdf.crs.to_epsg() == 4326
    assert (
        abs(gdf.geometry.iloc[0].x - 2.9678) < 0.1 and abs(gdf.geometry.iloc[0].y - 19.9486) < 0.1
    )
    assert gdf.geometry.iloc[2].is_empty
    coder = SahelGazetteer(gazetteer=gaz)
    assert coder.reverse((16.27, -0.04)).raw["name"] == "Gao"
    assert len(coder.geocode("Gao", exactly_one=False, limit=3)) == 3


@pytest.mark.parametrize(
    ("query", "context"),
    [
        ("Léré", "Léré, dans le Cher, a fêté son maire."),
        ("Kidal", "Kidal, a subdistrict of Malang, East Java"),
        ("Karma", "Karma is a village in Bihar, India."),
        ("Dori", "Dori is a small town in Italy."),
    ],
)
def test_far_away_namesakes_stay_out_of_the_sahel(gaz, query, context) -> None:
    p = gaz.resolve(query, context=context).place
    assert p is None or p.country not in {"ML", "BF", "NE", "MR", "TD"}


def test_border_phrase_alone_is_the_sahel_stretch_of_that_border(gaz) -> None:
    # "the Algerian border" names one side only: without a place or a demonym of the other side
    # it is Algeria's border with the Sahel countries (Mali, Niger, Mauritania), one line
    for q in ("la frontière algérienne", "the Algerian border"):
        res = gaz.resolve(q)
        p = res.place
        assert p is not None and p.kind == "border" and p.country == "DZ", res.reason
        assert p.geometry_wkt.startswith(("LINESTRING", "MULTILINESTRING"))
        assert "ML" in res.reason and "NE" in res.reason
    # a place of the same document gives the other side
    tin = gaz.resolve("Tinzaouatene").place
    res = gaz.resolve("the Algerian border", doc_places=[tin])
    assert res.place is not None and res.place.place_id == "border:DZ-ML"


def test_a_far_away_row_without_a_country_records_no_vote(gaz) -> None:
    from geoevents.geocoding.context import Context

    blank = [p for p in gaz.places if not p.country]
    assert any(p.name == "Iqlīm Kūrdistān" for p in blank)  # GeoNames leaves a few rows blank
    ctx = Context(gaz, "Fighting in Ghana and in Iqlīm Kūrdistān.", (), (), "gao")
    # a None key here made any sort of the votes raise TypeError (None < str)
    assert sorted(ctx.votes) == ["GH"]
    assert sorted(ctx.named | ctx.by_name | ctx.by_people) == ["GH"]
    res = gaz.resolve("Gao", context="Fighting in Iqlīm Kūrdistān, then in Gao.")
    assert res.place is not None
    assert res.place.country == "ML"
