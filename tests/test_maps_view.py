"""Maps: the first view (framing), legend, basemap labels and pins sharing a place.

Object level on the ``folium.Map`` and a real browser (the fixtures of
``tests/test_maps_browser.py``) for what only a page can show: the view Leaflet opened on,
the "all events" button, the legend's size and its toggle.
"""

from __future__ import annotations

import datetime as dt

import folium
import geopandas as gpd
import pytest
from shapely import wkt
from shapely.geometry import Point

from geoevents.maps import events_map, save_map
from geoevents.maps.basemap import basemap_layer, label_point
from geoevents.maps.framing import frame_bounds
from geoevents.models import Event, Place
from geoevents.store import open_store
from tests.test_maps import (  # noqa: F401
    BAMAKO,
    GAO,
    KIDAL_REGION,
    ML_OUTLINE,
    TINZAOUATENE,
    TinyGazetteer,
    _payload,
    gazetteer,
    sample_events,
)
from tests.test_maps_browser import keep_on_failure
from tests.test_maps_browser import open_map as open_map  # noqa: PLC0414

PARIS = (2.3522, 48.8566)
US_OUTLINE = "POLYGON ((-124 32, -117 49, -95 49, -67 45, -80 25, -97 26, -124 32))"
SAHEL = (-25.0, 0.0, 35.0, 32.0)  # min lon, min lat, max lon, max lat (Paris: 48.9 N)


@pytest.fixture
def world_gazetteer(gazetteer) -> TinyGazetteer:  # noqa: F811
    us = Place("country:US", "United States", "US", "country", -98.0, 39.0, geo_precision=4,
               geometry_wkt=US_OUTLINE)  # fmt: skip
    return TinyGazetteer({**gazetteer.places, us.place_id: us})


def _far(event_id: str, **kw: object) -> Event:
    start = dt.date(2024, 7, 21)
    return Event(event_id, kw.pop("event_type", "protest"), None, start, start, "day", "text",
                 **kw)  # type: ignore[arg-type]  # fmt: skip


@pytest.fixture
def sahel_and_far(tmp_path) -> gpd.GeoDataFrame:
    """The Sahel sample events plus a US-wide protest (precision 4) and one pin in Paris."""
    far = [
        _far("us1", country="US", location_name="United States", place_kind="country",
             geo_precision=4, lon=-98.0, lat=39.0, evidence="Protests across the United States."),
        _far("fr1", event_type="strategic_development", country="FR", location_name="Paris",
             place_kind="town", geo_precision=1, lon=PARIS[0], lat=PARIS[1]),
    ]  # fmt: skip
    with open_store(tmp_path / "far.duckdb") as store:
        store.write_events([*sample_events(), *far])
        return store.events()


def _fit(m: folium.Map) -> tuple[float, float, float, float]:
    fit = next(c for c in m._children.values() if isinstance(c, folium.map.FitBounds))
    (south, west), (north, east) = fit.bounds
    return west, south, east, north


def _inside(box, outer) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def test_view_frames_the_sahel_not_a_far_country_or_pin(sahel_and_far, world_gazetteer):
    m = events_map(sahel_and_far, gazetteer=world_gazetteer)
    west, south, east, north = _fit(m)
    assert _inside((west, south, east, north), SAHEL), (west, south, east, north)
    for lon, lat in (TINZAOUATENE, GAO, BAMAKO):
        assert west <= lon <= east
        assert south <= lat <= north
    every = _payload(m).all_bounds
    assert every[0] < -120  # the US outline is still drawn, one click away
    assert every[3] > PARIS[1]
    shapes = _payload(m).data["shapes"]
    assert any(s["style"] == "country-protest" and s["label"] == "United States" for s in shapes)


def test_only_vague_events_still_get_a_view(world_gazetteer):
    gdf = gpd.GeoDataFrame(
        [{"event_id": "u", "event_type": "protest", "country": "US", "geo_precision": 4,
          "place_kind": "country", "date_start": dt.date(2024, 1, 1)}],
        geometry=[Point(-98.0, 39.0)], crs="EPSG:4326",
    )  # fmt: skip
    west, _, east, _ = _fit(events_map(gdf, gazetteer=world_gazetteer))
    assert west < -120
    assert east > -70  # nothing more precise: the country outline is the view


def test_frame_keeps_two_large_groups_and_drops_a_lone_one():
    import numpy as np

    sahel = [[-8 + i % 10, 13 + i % 5, -8 + i % 10, 13 + i % 5] for i in range(20)]
    lake_chad = [[14, 13, 14.5, 13.5]] * 12  # far from Mali but as many events: kept
    paris = [[*PARIS, *PARIS]]
    boxes = np.array(sahel + lake_chad + paris, dtype=float)
    box = frame_bounds(boxes, np.ones(len(boxes), dtype=int))
    assert box == (-8.0, 13.0, 14.5, 17.0)


def test_pins_of_several_types_at_one_place_fan_out(gazetteer):  # noqa: F811
    gdf = gpd.GeoDataFrame(
        [{"event_id": f"b{i}", "event_type": t, "geo_precision": 1, "date_start": dt.date(2024, 1, 1)}
         for i, t in enumerate(("battle", "protest", "diplomacy"))],
        geometry=[Point(*BAMAKO)] * 3, crs="EPSG:4326",
    )  # fmt: skip
    pts = _payload(events_map(gdf, gazetteer=gazetteer)).data["pts"]
    assert sorted(pts["s"]) == [0, 1, 2]
    assert pts["m"] == [3, 3, 3]


def test_basemap_labels_countries_and_capitals():
    base = gpd.GeoDataFrame(
        {"kind": ["country", "region"], "name": ["Mali <b>", "Kidal"], "country": ["ML", "ML"]},
        geometry=[wkt.loads(ML_OUTLINE), wkt.loads(KIDAL_REGION)],
        crs="EPSG:4326",
    )
    group = basemap_layer(base, capitals=[("Bamako", *BAMAKO)])
    m = folium.Map(tiles=None)
    group.add_to(m)
    html = m.get_root().render()
    # one script draws the labels from JSON: the name HTML-escaped, then < > & as \u escapes
    assert '["country","Mali \\u0026lt;b\\u0026gt;",' in html
    assert '["capital","Bamako",-8.0029,12.6392]' in html
    assert "<b>" not in html.split("<body>", 1)[1]
    lon, lat = label_point(wkt.loads(ML_OUTLINE), [BAMAKO])
    assert wkt.loads(ML_OUTLINE).contains(Point(lon, lat))
    assert abs(lon - BAMAKO[0]) > 1.6 or abs(lat - BAMAKO[1]) > 0.8  # clear of the capital


@pytest.mark.browser
def test_browser_opens_on_the_sahel_and_zooms_out_to_all(
    open_map,
    tmp_path,
    sahel_and_far,
    world_gazetteer,
    tmp_path_factory,
):
    html = save_map(events_map(sahel_and_far, gazetteer=world_gazetteer), tmp_path / "far.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "framing"):
        p = o.page
        bounds = "() => { const b = Object.values(window.geoeventsMaps)[0].map.getBounds(); " \
                 "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"  # fmt: skip
        view = p.evaluate(bounds)
        assert _inside(view, SAHEL), view
        for lon, lat in (TINZAOUATENE, GAO, BAMAKO):
            assert view[0] <= lon <= view[2]
            assert view[1] <= lat <= view[3]
        p.locator(".ge-fit a").click()
        p.wait_for_function("() => Object.values(window.geoeventsMaps)[0].map.getBounds()"
                            ".contains([40, -100])")  # fmt: skip
        assert p.evaluate(bounds)[3] > PARIS[1]
        assert o.errors == []
        assert o.attempts == []


@pytest.mark.browser
def test_browser_legend_is_compact_and_collapsible(
    open_map,
    tmp_path,
    sahel_and_far,
    world_gazetteer,
    tmp_path_factory,
):
    html = save_map(
        events_map(sahel_and_far, gazetteer=world_gazetteer, title="T"), tmp_path / "l.html"
    )
    big = open_map(html)
    with keep_on_failure(big, tmp_path_factory, "legend_big"):
        box = big.page.locator(".ge-legend").bounding_box()
        assert box["width"] * box["height"] < 0.12 * 1200 * 800, box
        assert big.page.locator(".ge-legend .ge-body").is_visible()
        assert "Battle (3)" in big.page.locator(".ge-legend").inner_text()
        # pins of one place never sit on top of each other
        assert big.errors == []
    small = open_map(html, size=(700, 500))
    with keep_on_failure(small, tmp_path_factory, "legend_small"):
        p = small.page
        assert not p.locator(".ge-legend .ge-body").is_visible()
        assert p.locator(".ge-legend").bounding_box()["height"] < 60
        p.locator(".ge-legend .ge-toggle").click()
        assert p.locator(".ge-legend .ge-body").is_visible()
        assert "Battle (3)" in p.locator(".ge-legend").inner_text()
        p.locator(".ge-legend .ge-toggle").click()
        assert not p.locator(".ge-legend .ge-body").is_visible()
        assert small.errors == []
        assert small.attempts == []


@pytest.mark.browser
def test_browser_pins_at_one_place_do_not_overlap(open_map, tmp_path, gazetteer, tmp_path_factory):  # noqa: F811
    gdf = gpd.GeoDataFrame(
        [{"event_id": f"b{i}", "event_type": t, "geo_precision": 1, "date_start": dt.date(2024, 1, 1)}
         for i, t in enumerate(("battle", "protest", "diplomacy"))],
        geometry=[Point(*BAMAKO)] * 3, crs="EPSG:4326",
    )  # fmt: skip
    o = open_map(save_map(events_map(gdf, gazetteer=gazetteer), tmp_path / "fan.html"))
    with keep_on_failure(o, tmp_path_factory, "fan"):
        boxes = o.page.evaluate("() => [...document.querySelectorAll('.leaflet-marker-icon.ge-marker')]"
                                ".map(e => { const r = e.getBoundingClientRect(); "
                                "return [r.x + r.width / 2, r.y + r.height / 2, r.width]; })")  # fmt: skip
        assert len(boxes) == 3
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert abs(a[0] - b[0]) + abs(a[1] - b[1]) >= a[2] * 0.9, boxes
        assert o.errors == []


def test_popup_source_is_a_file_name_not_a_machine_path(gazetteer):  # noqa: F811
    gdf = gpd.GeoDataFrame(
        [{"event_id": "s1", "event_type": "battle", "geo_precision": 1,
          "date_start": dt.date(2024, 1, 1), "source": "/home/ana/corpus/gao-2024.txt"},
         {"event_id": "s2", "event_type": "battle", "geo_precision": 1,
          "date_start": dt.date(2024, 1, 1), "source": "AFP/Reuters"}],
        geometry=[Point(*GAO)] * 2, crs="EPSG:4326",
    )  # fmt: skip
    strings = _payload(events_map(gdf, gazetteer=gazetteer)).data["str"]
    assert "gao-2024.txt" in strings
    assert "AFP/Reuters" in strings
    assert not any("/home/ana" in s for s in strings)


@pytest.mark.browser
def test_browser_time_window_counts_its_events(
    open_map,
    tmp_path,
    sahel_and_far,
    world_gazetteer,
    tmp_path_factory,
):
    html = save_map(events_map(sahel_and_far, gazetteer=world_gazetteer), tmp_path / "t.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "time_count"):
        p = o.page
        assert p.locator(".ge-time .ge-n").inner_text() == f"{len(sahel_and_far)} events"
        p.evaluate(
            "() => { const s = document.querySelector('.ge-slider'); s.value = 0;"
            " s.dispatchEvent(new Event('input')); }"
        )
        assert p.locator(".ge-date").inner_text() == "2024-07-10"
        assert p.locator(".ge-time .ge-n").inner_text() == "1 event"  # Ménaka, 10 July
        assert o.errors == []
        assert o.attempts == []
