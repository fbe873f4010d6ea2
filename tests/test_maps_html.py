"""Maps, HTML level: self-contained output, escaping, payload encoding, notebook fragment."""

from __future__ import annotations

import base64
import gzip
import html as html_mod
import json
import re

import pytest

from geoevents.errors import MapError
from geoevents.maps import events_map, external_urls, map_html, save_map
from geoevents.maps.assets import asset_path, asset_text, icon_default_js
from geoevents.maps.core import encode_payload, json_for_script
from tests.test_maps import NASTY, TinyGazetteer, events_gdf, gazetteer, sample_events  # noqa: F401


@pytest.fixture
def saved(tmp_path, events_gdf, gazetteer):  # noqa: F811
    path = save_map(
        events_map(events_gdf, gazetteer=gazetteer, title="Mali <script>x</script>"),
        tmp_path / "map.html",
    )
    return path.read_text(encoding="utf-8")


def test_no_network_asset_urls(saved):
    assert external_urls(saved) == []
    # hyperlinks (Leaflet's attribution) are fine; nothing the page *loads* may be remote
    assert not re.search(
        r"""<(script|link|img|iframe|source)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""",
        saved,
        re.IGNORECASE,
    )
    assert not re.search(r"""url\(\s*["']?(https?:)?//""", saved, re.IGNORECASE)
    assert "cdn.jsdelivr" not in saved
    assert "cdnjs" not in saved
    assert "glyphicons" not in saved.lower()  # our time control draws its icons in SVG


def test_assets_are_inlined(saved):
    assert "Leaflet 1.9" in saved  # the library banner: inlined, not linked
    assert "<link" not in saved
    assert "url(images/" not in saved  # leaflet.css control images became data: URIs
    assert "background-image: url(data:image/png;base64," in saved
    assert icon_default_js() in saved  # L.Icon.Default gets explicit image URLs
    assert "window.geoeventsDraw" in saved


def test_escaping_in_payload_and_title(saved):
    assert "<script>alert" not in saved
    assert "<b>bold</b>" not in saved
    assert '\\u003cscript\\u003ealert(\\"pwned\\")\\u003c/script\\u003e' in saved
    assert "<title>Mali &lt;script&gt;x&lt;/script&gt;</title>" in saved
    # every <script> element is one of ours or an inlined library, none comes from data
    assert saved.count("<script") == saved.count("</script>")


def test_article_text_is_not_a_template(saved):
    assert "Second clash at the same place {{ 7*7 }} {% if x %}." in saved


def test_json_for_script_round_trip():
    data = {"s": [NASTY, "\u2028line", "a & b"]}
    text = json_for_script(data)
    assert not set("<>&") & set(text)
    assert json.loads(text) == data


def test_large_payload_is_gzipped():
    data = {"str": [f"evidence sentence number {i}" for i in range(1000)]}
    plain = encode_payload(data)
    assert json.loads(plain) == data
    packed = encode_payload(data, gzip_above=100)
    blob = json.loads(packed)["gz"]
    assert json.loads(gzip.decompress(base64.b64decode(blob))) == data
    assert len(packed) < len(plain)


def test_map_html_is_an_escaped_iframe(events_gdf, gazetteer):  # noqa: F811
    fragment = map_html(events_map(events_gdf, gazetteer=gazetteer), height=420)
    assert fragment.startswith('<iframe class="geoevents-map" srcdoc="')
    assert "height:420px" in fragment
    doc = html_mod.unescape(fragment.split('srcdoc="', 1)[1].split('" style=', 1)[0])
    assert doc.startswith("<!DOCTYPE html>")
    assert external_urls(doc) == []
    assert "<script>alert" not in fragment


def test_repr_html_for_notebooks(events_gdf, gazetteer):  # noqa: F811
    frag = events_map(events_gdf, gazetteer=gazetteer)._repr_html_()
    assert "<iframe" in frag
    assert "cdn.jsdelivr" not in frag


def test_online_tiles_are_the_only_network_use(tmp_path, events_gdf, gazetteer):  # noqa: F811
    path = save_map(
        events_map(events_gdf, gazetteer=gazetteer, tiles="online"), tmp_path / "m.html"
    )
    text = path.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in text
    assert external_urls(text) == []  # tiles are requested by Leaflet at run time, not as assets


def test_unknown_asset_is_a_map_error():
    with pytest.raises(MapError, match="'nope.js'"):
        asset_path("nope.js")
    assert "L.MarkerClusterGroup" in asset_text("markercluster.js")


def test_save_map_to_bad_path_is_a_map_error(tmp_path, events_gdf, gazetteer):  # noqa: F811
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(MapError, match="cannot write map"):
        save_map(events_map(events_gdf, gazetteer=gazetteer), blocker / "map.html")
