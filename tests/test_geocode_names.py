"""The bundled gazetteer against the raw GeoNames dumps: coverage, press spellings, noise.

The dumps are read where the project keeps them (``../shared/data/geonames`` beside the
checkout, or the folder named by ``GEOEVENTS_GEONAMES_DIR``), never from a copy in the repo.
"""

from __future__ import annotations

import math
import os
import random
import string
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geoevents._text import key
from geoevents.gazetteer import load_gazetteer
from geoevents.geonames import FEATURE_CODES, SKIP_CODES, read_dump

ROOT = Path(__file__).resolve().parent.parent
DUMPS = Path(
    os.environ.get("GEOEVENTS_GEONAMES_DIR") or ROOT.parent / "shared" / "data" / "geonames"
)
COUNTRIES = ("ML", "BF", "NE", "MR")
needs_dumps = pytest.mark.skipif(
    not (DUMPS / "ML.txt").is_file(), reason="GeoNames dumps not found (set GEOEVENTS_GEONAMES_DIR)"
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def dump_rows():
    return {cc: [f for _, f in read_dump(DUMPS / f"{cc}.txt")] for cc in COUNTRIES}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@needs_dumps
@pytest.mark.parametrize("cc", COUNTRIES)
def test_every_village_unit_and_cited_feature_is_bundled(gaz, dump_rows, cc) -> None:
    kept = missing = 0
    for f in dump_rows[cc]:
        wanted = (
            (f[6] == "P" and f[7] not in SKIP_CODES)
            or (f[6] == "A" and f[7] in ("ADM1", "ADM2", "ADM3"))
            or f[7] in FEATURE_CODES
        )
        if not wanted:
            continue
        kept += 1
        if gaz.get(f"geonames:{f[0]}") is None:
            # merged into an older row of the same place (a curated town citing its id, a namesake < 5 km)
            hits = [gaz.places[i] for i, _ in gaz.hits(_key(f[1]))]
            if not any(_km(float(f[4]), float(f[5]), p.lat, p.lon) < 8 for p in hits):
                missing += 1
    assert kept > 1000 and missing == 0, f"{missing} of {kept} {cc} places missing"


def _key(name: str) -> str:
    from geoevents._text import key

    return key(name)


@needs_dumps
def test_alternate_names_and_arabic_script_come_along(gaz) -> None:
    # press spellings that GeoNames only has as alternate names
    for q, cc, lat, lon in [
        ("Solhan", "BF", 13.38, 0.45),
        ("Seytenga", "BF", 13.97, 0.31),
        ("Kamboinsin", "BF", 12.46, -1.56),
        ("كيدال", "ML", 18.44, 1.41),
    ]:
        p = gaz.resolve(q, countries=[cc]).place
        assert p is not None and _km(lat, lon, p.lat, p.lon) < 25, (q, p)


@needs_dumps
def test_press_spellings_of_dump_names_come_back(gaz) -> None:
    """Names from the dumps, varied as reporters write them, resolve to the same place (>= 0.93)."""
    sys.path.insert(0, str(ROOT / "gazetteer"))
    from check_names import draw, variants

    picks = draw(DUMPS, 200, seed=7)
    total = hits = 0
    for name, cc, *_ in picks:
        base = gaz.resolve(name, countries=[cc]).place
        if base is None:
            continue
        for v in variants(name):
            total += 1
            p = gaz.resolve(v, countries=[cc]).place
            hits += p is not None and _km(base.lat, base.lon, p.lat, p.lon) <= 25
    assert total > 300
    assert hits / total >= 0.93, f"{hits}/{total}"


@needs_dumps
def test_tamasheq_prefixed_names_come_back(gaz) -> None:
    """Every village named with a Ti-n-/I-n-/In/Tin/Ag prefix in the dumps, written as the press
    writes the prefix ("Ti-n-Zaouâtene": "Tin-Zaouatene", "Tinzaouatene", "Tin Zaouatene"),
    comes back to the same place (>= 0.97)."""
    sys.path.insert(0, str(ROOT / "gazetteer"))
    from check_names import draw_prefixed, robustness

    rows = draw_prefixed(DUMPS)
    hits, total, misses = robustness(gaz, [(name, cc) for name, cc, *_ in rows])
    assert len(rows) > 80 and total > 500
    assert hits / total >= 0.97, misses[:20]


@needs_dumps
def test_coder_names_with_country_hint(gaz) -> None:
    """Village names as coders write them, with the country hint, land within 25 km (>= 0.8)."""
    sys.path.insert(0, str(ROOT / "gazetteer"))
    from check_names import draw

    picks = draw(DUMPS, 300, seed=11)
    ok = 0
    for name, cc, _a1, lat, lon, _gid in picks:
        p = gaz.resolve(name, countries=[cc]).place
        assert p is None or p.country == cc, (name, cc, p)  # a country hint is a filter
        ok += p is not None and _km(lat, lon, p.lat, p.lon) <= 25
    assert ok / len(picks) >= 0.8, ok


_NOISE = st.one_of(
    st.text(max_size=24),  # any unicode
    st.text(
        alphabet=string.punctuation + string.whitespace + "\x00\x07\x1b\u200b\u00ba", max_size=12
    ),
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=3),  # one to three letters
    st.text(alphabet=string.ascii_lowercase, min_size=6, max_size=16),  # random letters
    st.builds(
        lambda a, b: a + b,
        st.text(alphabet=string.ascii_letters, min_size=1, max_size=3),
        st.text(alphabet="[]{}<>|^~`@#$%*+=_;!?º", min_size=1, max_size=2),
    ),
)


@settings(
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_NOISE)
def test_random_strings_match_nothing(gaz, s) -> None:
    # random letters can spell a real name ("REO" is Réo, Burkina Faso; "ALAA" an alternate name
    # of El Ala, Tunisia; "SYRIA"): a name of the gazetteer is not noise
    assume(key(s) not in gaz.exact)
    res = gaz.resolve(s)
    assert res.place is None or res.score < 0.5, (s, res.place, res.score, res.reason)


@pytest.mark.parametrize(
    "s",
    [
        "T}º",
        "p[a",
        "a",
        "ab",
        "Xq",
        "DU",
        "de",
        "JOMM",
        "\x00\x01",
        "!!!",
        "qzxwvkjq",
        "xqzzyxq wrrbl",
        "bcdfghjk",
    ],
)
def test_known_noise_is_refused(gaz, s) -> None:
    assert gaz.resolve(s).place is None


@pytest.mark.parametrize("s", ["Africa", "Afrique", "Europe", "Asie"])
def test_a_continent_is_no_town(gaz, s) -> None:
    # GeoNames keeps historic names among alternates (Mahdia, Tunisia: "Africa")
    assert gaz.resolve(s).place is None


def test_random_letters_seeded_match_nothing(gaz) -> None:
    rng = random.Random(5)
    hits = [
        s
        for s in (
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 12)))
            for _ in range(2000)
        )
        if gaz.resolve(s).place is not None
    ]
    # four- and five-letter strings can spell a real village exactly; longer ones must not match
    assert not [h for h in hits if len(h) >= 6], hits
    assert len(hits) <= 20, hits


def test_attribution_is_stated(gaz) -> None:
    assert "GeoNames (geonames.org)" in gaz.info()["licence"]
    assert "CC BY 4.0" in gaz.info()["licence"]
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "GeoNames (geonames.org)" in text
