"""Maps as a person sees them, in real Chromium with the network blocked.

One palette everywhere (legend, markers, report chart), the histogram strip and the count
under it, brushing a window, the play plan, the first view (every marker inside it, no
control over a marker) and the PNG snapshot holding every marker in its colour.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.etree import ElementTree

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from geoevents.maps import events_map, save_map, snapshot_png
from geoevents.maps.palette import OKABE_ITO, TYPE_COLORS, type_color
from geoevents.report import weekly_chart_svg
from tests.test_maps import events_gdf, gazetteer  # noqa: F401
from tests.test_maps_browser import keep_on_failure
from tests.test_maps_browser import open_map as open_map  # noqa: PLC0414

MAP = "Object.values(window.geoeventsMaps)[0]"
LEGEND_COLOURS = (
    "() => Object.fromEntries([...document.querySelectorAll('.ge-legend input[data-type]')]"
    f".map(b => [{MAP}.D.types[+b.dataset.type].key,"
    " b.parentElement.querySelector('svg [fill]').getAttribute('fill')]))"
)
MARKER_COLOURS = (
    "() => Object.fromEntries([...document.querySelectorAll('.leaflet-marker-icon.ge-marker')]"
    ".map(e => [[...e.classList].find(c => c.startsWith('ge-type-')).slice(8),"
    " e.querySelector('svg [fill]').getAttribute('fill')]))"
)
BARS_SUM = (
    "() => [...document.querySelectorAll('.ge-hist .ge-bar')].reduce((a, r) => a + +r.dataset.n, 0)"
)
COUNT = "() => +document.querySelector('.ge-time .ge-n').innerText.split(' ')[0]"
MARKER_RECTS = (
    "() => [...document.querySelectorAll('.leaflet-marker-icon.ge-marker')].map(e => {"
    " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
)
CONTROL_RECTS = (
    "() => [...document.querySelectorAll('.leaflet-control')].map(e => {"
    " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    ".filter(r => r[2] > r[0] && r[3] > r[1])"
)


def _hex(colour: str) -> str:
    return colour.strip().upper()


def test_palette_is_okabe_ito_and_distinct():
    colours = list(TYPE_COLORS.values())
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO.values())
    assert OKABE_ITO["yellow"] not in colours  # invisible on the light basemap


def _chart_colours(events) -> dict[str, str]:
    """Return the fill colour of each type's bars in the report chart (matplotlib SVG)."""
    root = ElementTree.fromstring(weekly_chart_svg(events))
    out = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        gid = re.fullmatch(r"bars-(\w+)-\d+", g.get("id", ""))
        if gid is None:
            continue
        fills = set()
        for path in g.iter("{http://www.w3.org/2000/svg}path"):
            m = re.search(r"fill:\s*(#[0-9a-fA-F]{6})", path.get("style", ""))
            fills.add(m.group(1) if m else "#000000")  # no fill given: SVG's default, black
        assert len(fills) == 1, (gid, fills)
        colour = _hex(fills.pop())
        assert out.setdefault(gid.group(1), colour) == colour  # every bar of a type alike
    return out


@pytest.mark.browser
def test_legend_markers_and_report_chart_share_colours(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    chart = _chart_colours(events_gdf)
    present = set(events_gdf["event_type"])
    assert set(chart) == present
    html = save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "palette.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "palette"):
        legend = {k: _hex(v) for k, v in o.page.evaluate(LEGEND_COLOURS).items()}
        markers = {k: _hex(v) for k, v in o.page.evaluate(MARKER_COLOURS).items()}
        assert set(legend) == present
        assert set(markers) == {"battle", "explosion_remote_violence", "diplomacy"}  # the pins
        for etype, colour in markers.items():
            assert colour == legend[etype] == chart[etype] == type_color(etype)
        for etype, colour in legend.items():
            assert colour == chart[etype] == type_color(etype)
        assert o.errors == []


@pytest.mark.browser
def test_histogram_sums_to_the_count_and_the_count_follows_layers_and_filters(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    html = save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "hist.html")
    o = open_map(html)
    n = len(events_gdf)
    violence = int(events_gdf["event_type"].isin(["battle", "explosion_remote_violence",
                                                  "violence_against_civilians"]).sum())  # fmt: skip
    battles = int((events_gdf["event_type"] == "battle").sum())
    with keep_on_failure(o, tmp_path_factory, "histogram"):
        p = o.page
        assert p.evaluate(BARS_SUM) == p.evaluate(COUNT) == n
        p.locator(".leaflet-control-layers-overlays label", has_text="Violence").click()
        p.wait_for_function(f"() => ({COUNT})() === {n - violence}")
        assert p.evaluate(BARS_SUM) == n - violence
        p.locator(".leaflet-control-layers-overlays label", has_text="Violence").click()
        p.wait_for_function(f"() => ({COUNT})() === {n}")
        # a type switched off in the legend leaves the count, the bars and the map
        p.locator(".ge-legend .ge-type-row", has_text="Battle").locator("input").uncheck()
        p.wait_for_function(f"() => ({COUNT})() === {n - battles}")
        assert p.evaluate(BARS_SUM) == n - battles
        assert p.locator(".ge-type-battle").count() == 0
        # and time on top: 26 July holds the two battles (unchecked) and nothing else
        p.evaluate(f"() => {MAP}.timeControl.setWindow(16, 16)")
        assert p.evaluate(COUNT) == 0
        p.locator(".ge-legend .ge-type-row", has_text="Battle").locator("input").check()
        p.wait_for_function(f"() => ({COUNT})() === 2")
        assert p.locator(".ge-date").inner_text() == "2024-07-26"
        assert o.errors == []
        assert o.attempts == []


@pytest.mark.browser
def test_brushing_the_strip_sets_the_window(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    html = save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "brush.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "brush"):
        p = o.page
        box = p.locator(".ge-hist").bounding_box()
        day_w = box["width"] / 18  # 18 days, 10-27 July
        y = box["y"] + 20
        p.mouse.move(box["x"] + 2.5 * day_w, y)  # 12 July
        p.mouse.down()
        p.mouse.move(box["x"] + 4.5 * day_w, y, steps=4)  # 14 July
        p.mouse.up()
        assert p.locator(".ge-date").inner_text() == "2024-07-12 \u2013 2024-07-14"
        assert p.evaluate(COUNT) == 2  # Gao (12th), Kidal region (14th)
        assert p.locator(".ge-len").input_value() == "custom"
        # drag inside the window: it moves, same length
        p.mouse.move(box["x"] + 3.5 * day_w, y)
        p.mouse.down()
        p.mouse.move(box["x"] + 6.5 * day_w, y, steps=4)
        p.mouse.up()
        assert p.locator(".ge-date").inner_text() == "2024-07-15 \u2013 2024-07-17"
        assert p.evaluate(f"() => {MAP}.win") == [5, 7]
        assert o.errors == []


def _years(n: int) -> gpd.GeoDataFrame:
    rows = [
        {"event_id": f"y{i}", "event_type": ("battle", "protest")[i % 2], "geo_precision": 1,
         "date_start": dt.date(2019, 1, 1) + dt.timedelta(days=(i * 37) % 2190)}
        for i in range(n)
    ]  # fmt: skip
    geoms = [Point(-8 + (i % 40) * 0.5, 12 + (i % 13) * 0.6) for i in range(n)]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


@pytest.mark.browser
def test_six_years_play_in_twenty_seconds_with_monthly_bars(
    open_map,
    tmp_path,
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    gdf = _years(400)
    o = open_map(save_map(events_map(gdf, gazetteer=gazetteer), tmp_path / "years.html"))
    with keep_on_failure(o, tmp_path_factory, "years"):
        p = o.page
        assert p.locator(".ge-unit").input_value() == "month"
        assert p.evaluate(BARS_SUM) == 400
        lo = o.state("s.D.dayMin")
        plan = p.evaluate(f"() => {MAP}.timeControl.plan({lo})")
        assert plan["ms"] <= 20_000
        assert plan["ms"] >= 10_000  # not a blink either
        p.locator(".ge-speed").select_option("2")
        fast = p.evaluate(f"() => {MAP}.timeControl.plan({lo})")
        assert fast["ms"] <= 10_000  # twice as fast
        p.locator(".ge-unit").select_option("week")
        assert p.locator(".ge-hist .ge-bar").count() > 300
        assert p.evaluate(BARS_SUM) == 400
        p.locator(".ge-mode").select_option("cumulative")
        p.evaluate("""() => { const el = document.querySelector('.ge-slider');
            el.value = el.max; el.dispatchEvent(new Event('input')); }""")
        assert p.evaluate(COUNT) == 400  # cumulative to the last day: everything
        assert o.errors == []


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1200, 800), (900, 600)])
def test_first_view_shows_every_marker_clear_of_controls(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    tmp_path_factory,
    size,
):
    html = save_map(events_map(events_gdf, title="First view"), tmp_path / "first.html")
    o = open_map(html, size=size)
    with keep_on_failure(o, tmp_path_factory, f"first_view_{size[0]}"):
        markers = o.page.evaluate(MARKER_RECTS)
        controls = o.page.evaluate(CONTROL_RECTS)
        assert len(markers) == 3
        for m in markers:
            assert m[0] >= 0 and m[1] >= 0 and m[2] <= size[0] and m[3] <= size[1], m
            for c in controls:
                assert not _overlaps(m, c), (m, c)
        # basemap labels sit in a pane above the markers
        z = o.page.evaluate(
            f"() => [+{MAP}.map.getPane('ge-labels').style.zIndex,"
            f" +getComputedStyle({MAP}.map.getPane('markerPane')).zIndex]"
        )
        assert z[0] > z[1]
        assert o.errors == []
        assert o.attempts == []


@pytest.mark.browser
def test_snapshot_png_holds_every_marker_in_its_colour(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    from PIL import Image

    html = save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "shot.html")
    png = snapshot_png(html, tmp_path / "shot.png", width=1200, height=800)
    o = open_map(html, size=(1200, 800))  # the page the snapshot took, same size
    with keep_on_failure(o, tmp_path_factory, "snapshot"):
        glyphs = o.page.evaluate(
            "() => [...document.querySelectorAll('.leaflet-marker-icon.ge-marker svg')].map(e => {"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2,"
            " r.height, e.querySelector('[fill]').getAttribute('fill')]; })"
        )
    assert len(glyphs) == 3
    img = Image.open(png).convert("RGB")
    for cx, cy, s, colour in glyphs:
        want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        half = int(s // 2)
        box = img.crop((round(cx) - half, round(cy) - half, round(cx) + half, round(cy) + half))
        pixels = np.asarray(box, dtype=int).reshape(-1, 3)
        same = int((np.abs(pixels - np.array(want)) <= 16).all(axis=1).sum())
        assert same >= 0.08 * len(pixels), (colour, same, len(pixels))  # the glyph is there


def _payload_of(m):
    from geoevents.maps.core import EventsLayer

    return next(c for c in m._children.values() if isinstance(c, EventsLayer)).payload.data


def test_country_level_events_share_one_outline_never_a_point(gazetteer):  # noqa: F811
    rows = [
        {"event_id": f"c{i}", "event_type": t, "country": "ML", "location_name": "Mali",
         "place_kind": "country", "geo_precision": 4, "date_start": dt.date(2024, 7, 1 + i)}
        for i, t in enumerate(("protest", "strategic_development", "protest"))
    ]  # fmt: skip
    bamako = (-8.0029, 12.6392)  # where a geocoder may have put "Mali": its capital
    gdf = gpd.GeoDataFrame(rows, geometry=[Point(*bamako)] * 3, crs="EPSG:4326")
    data = _payload_of(events_map(gdf, gazetteer=gazetteer))
    assert data["pts"]["x"] == []  # no pin at the capital
    countries = [s for s in data["shapes"] if s["style"].startswith("country-")]
    assert len(countries) == 1  # one outline, not one per type
    assert countries[0]["style"] == "country-mixed"
    assert sorted(countries[0]["ev"]) == [0, 1, 2]


def test_relative_places_and_placeless_events_read_truthfully(gazetteer):  # noqa: F811
    rows = [
        {"event_id": "r1", "event_type": "battle", "location_name": "50 km nord of Gao",
         "place_kind": "town", "geo_precision": 2, "date_start": dt.date(2024, 7, 1)},
        {"event_id": "r2", "event_type": "riot", "date_start": dt.date(2024, 7, 2)},
    ]  # fmt: skip
    gdf = gpd.GeoDataFrame(rows, geometry=[Point(-0.04, 16.72), None], crs="EPSG:4326")
    data = _payload_of(events_map(gdf, gazetteer=gazetteer))
    assert "50 km N of Gao" in data["str"]
    assert not any("nord" in s for s in data["str"])
    assert data["ev"]["p"] == [2, 0]  # the riot has no place: precision 0, "not on the map"
    assert data["notDrawn"] == 1


@pytest.mark.browser
def test_popups_say_when_there_is_no_place_and_show_evidence_and_source(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    o = open_map(save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "pop.html"))
    with keep_on_failure(o, tmp_path_factory, "popup_truth"):
        p = o.page
        xy = p.evaluate(  # a point on the link's line, where a person would click
            "() => { const e = document.querySelector('path.ge-link-diplomacy');"
            " const q = e.getPointAtLength(e.getTotalLength() * 0.3), m = e.getScreenCTM();"
            " return [q.x * m.a + m.e, q.y * m.d + m.f]; }"
        )
        p.mouse.click(*xy)
        popup = p.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "Putin called Go\u00efta." in text  # the evidence sentence
        assert "Place: none found in the text; drawn as a link between the capitals" in text
        assert "precision 2" not in text
        p.evaluate(f"() => {MAP}.map.closePopup()")
        popup.wait_for(state="detached")
        p.locator(".ge-type-battle").click()
        popup.wait_for()
        assert popup.locator("a[href='https://news.example/a1']").count() == 1
        assert o.errors == []
        assert o.attempts == []


ZOOM_TO = (
    f"z => new Promise(r => {{ const m = {MAP}.map; m.once('zoomend', () => r(1));"
    " m.setZoom(z, {animate: false}); })"
)
VISIBLE = "sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).length"


@pytest.mark.browser
def test_labels_appear_as_one_zooms_in(open_map, tmp_path, tmp_path_factory):
    rows = [{"event_id": "k1", "event_type": "battle", "geo_precision": 1, "country": "ML",
             "location_name": "Tessit", "date_start": dt.date(2024, 7, 1)}]  # fmt: skip
    gdf = gpd.GeoDataFrame(rows, geometry=[Point(0.2906, 15.0136)], crs="EPSG:4326")
    html = save_map(events_map(gdf, title="Labels"), tmp_path / "labels.html")  # bundled basemap
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "labels"):
        p = o.page
        p.evaluate(ZOOM_TO, 5)
        assert p.evaluate(VISIBLE, ".ge-label-capital span") > 3  # Bamako, Niamey, ...
        assert p.evaluate(VISIBLE, ".ge-label-town span") == 0
        assert p.evaluate(VISIBLE, ".ge-label-event span") == 0
        p.evaluate(ZOOM_TO, 6)
        assert p.evaluate(VISIBLE, ".ge-label-town span") > 0  # regional towns
        assert p.evaluate(VISIBLE, ".ge-label-event span") == 0
        p.evaluate(ZOOM_TO, 7)
        assert p.locator(".ge-label-event span", has_text="Tessit").is_visible()
        # no two labels shown overlap: the lower-ranked one is hidden until the next move
        rects = p.evaluate(
            "() => [...document.querySelectorAll('.ge-label span')].filter(e =>"
            " e.offsetParent !== null && getComputedStyle(e).visibility === 'visible').map(e => {"
            " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
            ".filter(r => r[2] > 0 && r[0] < innerWidth && r[3] > 0 && r[1] < innerHeight)"
        )  # in view
        assert len(rects) > 10
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert not _overlaps(a, b), (a, b)
        # labels are in the label pane, above the markers, and never catch a click
        pane = p.evaluate(
            "() => { const e = document.querySelector('.ge-label-event');"
            " return [e.parentElement.className,"
            " getComputedStyle(e.parentElement).pointerEvents]; }"
        )
        assert "leaflet-ge-labels-pane" in pane[0]
        assert pane[1] == "none"
        assert o.errors == []
        assert o.attempts == []


@pytest.mark.browser
def test_cluster_counts_follow_the_time_window(
    open_map,
    tmp_path,
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    gdf = _years(900)
    o = open_map(save_map(events_map(gdf, gazetteer=gazetteer), tmp_path / "clusters.html"))
    # events drawn: the number a cluster shows, or the events of a single marker
    total = (
        f"() => {{ const s = {MAP}; let n = 0; Object.values(s.pointLayers).forEach(l =>"
        " l.eachLayer(m => { n += m._members ? +m._icon.innerText : s.cnt[m._gk]; })); return n; }"
    )
    with keep_on_failure(o, tmp_path_factory, "cluster_time"):
        p = o.page
        assert o.state("s.cluster") is True
        assert p.evaluate(total) == 900  # every event inside the first view, counted once
        lo = o.state("s.D.dayMin")
        p.evaluate(f"() => {MAP}.timeControl.setWindow({lo}, {lo + 364})")  # 2019
        in_2019 = int((gdf["date_start"] < dt.date(2020, 1, 1)).sum())
        assert p.evaluate(total) == in_2019
        assert p.evaluate(COUNT) == in_2019
        assert o.errors == []


@pytest.mark.browser
def test_a_map_rendered_twice_opens_the_same(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    tmp_path_factory,
):
    from geoevents.maps import map_html

    once = save_map(events_map(events_gdf), tmp_path / "once.html")  # bundled basemap
    m = events_map(events_gdf)
    map_html(m)  # folium appends its scripts again on the second render (save_map)
    twice = save_map(m, tmp_path / "twice.html")
    view = f"() => {{ const b = {MAP}.map.getBounds(); return [b.getWest(), b.getSouth()," \
        " b.getEast(), b.getNorth()]; }"  # fmt: skip
    shown = "() => [...document.querySelectorAll('.ge-label span')].filter(e =>" \
        " e.offsetParent !== null && getComputedStyle(e).visibility === 'visible')" \
        ".map(e => e.textContent).sort()"  # fmt: skip
    views = []
    for html in (once, twice):
        o = open_map(html, size=(800, 500))  # small: some labels clash and are hidden
        with keep_on_failure(o, tmp_path_factory, f"render_{html.stem}"):
            assert o.state("s.labels.hidden") > 0
            views.append(([round(v, 6) for v in o.page.evaluate(view)], o.page.evaluate(shown)))
            assert o.errors == []
    assert views[0] == views[1]


@pytest.mark.browser
def test_undated_events_are_counted_apart_from_the_bars(
    open_map,
    tmp_path,
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    rows = [
        {"event_id": "d1", "event_type": "battle", "geo_precision": 1,
         "date_start": dt.date(2024, 7, 1)},
        {"event_id": "d2", "event_type": "battle", "geo_precision": 1,
         "date_start": dt.date(2024, 7, 3)},
        {"event_id": "u1", "event_type": "protest", "geo_precision": 1, "date_start": None},
    ]  # fmt: skip
    gdf = gpd.GeoDataFrame(rows, geometry=[Point(-8, 12.6), Point(-1.5, 12.4), Point(2.1, 13.5)],
                           crs="EPSG:4326")  # fmt: skip
    o = open_map(save_map(events_map(gdf, gazetteer=gazetteer), tmp_path / "undated.html"))
    with keep_on_failure(o, tmp_path_factory, "undated"):
        p = o.page
        assert p.locator(".ge-time .ge-n").inner_text() == "3 events (1 undated)"
        assert p.evaluate(BARS_SUM) == 2
        assert o.errors == []
