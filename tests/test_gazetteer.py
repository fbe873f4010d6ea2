"""Gazetteer loading, lookups and the file format's errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from geoevents.errors import GazetteerError, GazetteerFormatError
from geoevents.gazetteer import COLUMNS, load_gazetteer, read_gazetteer

MINI = Path(__file__).resolve().parent / "data" / "gazetteer_mini.tsv"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_countries_capitals_codes(gaz) -> None:
    ml = gaz.country("ML")
    assert ml.kind == "country" and ml.geometry_wkt.startswith(("POLYGON", "MULTIPOLYGON"))
    assert gaz.capital("ML").name == "Bamako"
    assert gaz.capital("RU").name == "Moscow"
    for word, cc in [
        ("Russie", "RU"),
        ("russe", "RU"),
        ("Malian", "ML"),
        ("Algérie", "DZ"),
        ("Tchad", "TD"),
        ("nigérienne", "NE"),
        ("Nigerian", "NG"),
        ("burkinabè", "BF"),
        ("Côte d'Ivoire", "CI"),
    ]:
        assert gaz.country_code(word) == cc, word
    assert gaz.country_code("Gao") is None


def test_borders_are_shared_lines(gaz) -> None:
    for a, b in [
        ("ML", "DZ"),
        ("ML", "NE"),
        ("ML", "BF"),
        ("BF", "NE"),
        ("NE", "NG"),
        ("TD", "NE"),
    ]:
        p = gaz.border(a, b)
        assert p is not None and p.kind == "border", (a, b)
    assert gaz.border("ML", "TD") is None


def test_surface_names_and_basemap(gaz) -> None:
    names = dict(gaz.surface_names())
    assert names.get("Tinzaouatene") == "town" and names.get("Mali") == "country"
    bm = gaz.basemap(["ML", "BF"])
    assert set(bm["kind"]) >= {"country", "region", "town"}
    assert set(bm["country"]) == {"ML", "BF"}


def test_info(gaz) -> None:
    info = gaz.info()
    assert info["places"] > 10000 and info["kinds"]["border"] > 10


def test_read_mini_file() -> None:
    g = read_gazetteer(MINI, use_index=False)
    assert g.resolve("Tin-Zaouatene").place.place_id == "t:1"


def test_broken_files_name_path_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    lines = MINI.read_text(encoding="utf-8").splitlines()
    bad.write_text(
        "\n".join([*lines, "x:9\tNowhere\ttown\tML\t\tnot-a-lat\t1.0\t0\tPPL\t\ttest\t"]) + "\n"
    )
    with pytest.raises(GazetteerFormatError, match=rf"bad.tsv:{len(lines) + 1}:"):
        read_gazetteer(bad, use_index=False)
    short = tmp_path / "short.tsv"
    short.write_text("\t".join(COLUMNS) + "\nonly\tthree\tcolumns\n")
    with pytest.raises(GazetteerFormatError, match="short.tsv:2:"):
        read_gazetteer(short, use_index=False)
    kind = tmp_path / "kind.tsv"
    kind.write_text("\t".join(COLUMNS) + "\nx:1\tX\tplanet\tML\t\t1\t1\t0\tPPL\t\ttest\t\n")
    with pytest.raises(GazetteerFormatError, match="kind.tsv:2: unknown kind"):
        read_gazetteer(kind, use_index=False)
    gz = tmp_path / "trunc.tsv.gz"
    gz.write_bytes(gzip.compress(MINI.read_bytes())[:60])
    with pytest.raises(GazetteerError):
        read_gazetteer(gz, use_index=False)
    with pytest.raises(GazetteerError, match="not found"):
        load_gazetteer(tmp_path / "missing.tsv")


def test_index_sidecars_are_checked_and_optional(tmp_path: Path) -> None:
    from geoevents.gazetteer import write_index

    src = tmp_path / "g.tsv"
    src.write_bytes(MINI.read_bytes())
    write_index(read_gazetteer(src, use_index=False), tmp_path / "g.tsv.idx")
    assert (tmp_path / "g.tsv.idx.names").is_file()
    (tmp_path / "g.tsv.idx.names").unlink()  # lazy part missing: names come from the file itself
    g = read_gazetteer(src)
    assert g.resolve("Tinzawatene").place.place_id == "t:1"  # needs the transliteration index
    # a sidecar of another file content is ignored
    src.write_text(
        src.read_text(encoding="utf-8").replace("Kidal\ttown", "Kidal\ttown", 1) + "\n",
        encoding="utf-8",
    )
    g2 = read_gazetteer(src)
    assert g2.resolve("Gao", countries=["BF"]).place.place_id == "t:4"


def test_region_outlines_cover_their_own_towns(gaz) -> None:
    """Curated towns and region seats of the Sahel lie inside their admin-1 outline."""
    from shapely import wkt
    from shapely.geometry import Point

    from geoevents._text import key
    from geoevents.gazetteer import SAHEL

    outlines = {
        (p.country, key(p.name)): wkt.loads(p.geometry_wkt)
        for i, p in enumerate(gaz.places)
        if p.kind == "region" and p.country in SAHEL and p.geometry_wkt and gaz.fcodes[i] == "ADM1"
    }
    checked, outside = 0, []
    for p in gaz.places:
        if (
            p.kind != "town"
            or p.country not in SAHEL
            or (p.country, key(p.admin1 or "")) not in outlines
        ):
            continue
        if not (p.place_id.startswith("curated:") or key(p.name) == key(p.admin1)):
            continue
        checked += 1
        if not outlines[(p.country, key(p.admin1))].contains(Point(p.lon, p.lat)):
            outside.append(f"{p.name} ({p.admin1})")
    assert checked > 150 and not outside
    kidal = outlines[("ML", "kidal")]
    tin_ml, tin_dz = gaz.get("curated:tinzaouaten"), gaz.get("curated:tinzaouatine-dz")
    assert kidal.contains(Point(tin_ml.lon, tin_ml.lat)) and not kidal.contains(
        Point(tin_dz.lon, tin_dz.lat)
    )
