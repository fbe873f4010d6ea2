"""Maps in a real browser: the system's headless Chromium, every non-file request aborted.

On failure the page's screenshot and HTML are kept under pytest's base temp folder
(``browser-failures/``), and the assertion message says where.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geoevents.maps import events_map, save_map, snapshot_png
from tests.test_maps import BAMAKO, GAO, TINZAOUATENE, events_gdf, gazetteer  # noqa: F401

pytestmark = pytest.mark.browser

READY = "() => !!window.geoeventsMaps && Object.values(window.geoeventsMaps).some(s => s.ready)"
# No pan or zoom animation running on any map (Leaflet's own flags).
IDLE = (
    "() => Object.values(window.geoeventsMaps).every("
    "s => !(s.map._panAnim && s.map._panAnim._inProgress) && !s.map._animatingZoom)"
)
STATE = "() => Object.values(window.geoeventsMaps)[0]"
LOCAL = ("file:", "data:", "blob:", "about:")


@dataclass
class Opened:
    page: object
    html: Path
    attempts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def state(self, expr: str) -> object:
        return self.page.evaluate(f"() => {{ const s = ({STATE})(); return {expr}; }}")


@pytest.fixture
def open_map(browser) -> Iterator:  # browser: one per session (conftest)
    pages = []

    def _open(
        html: Path, *, wait_ready: bool = True, size: tuple[int, int] = (1200, 800)
    ) -> Opened:
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        opened = Opened(page, html)
        pages.append(opened)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))

        def block(route):
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                opened.attempts.append(route.request.url)
                route.abort()

        page.route("**/*", block)
        page.goto(html.as_uri(), wait_until="load")
        if wait_ready:
            page.wait_for_function(READY, timeout=30_000)
        return opened

    yield _open
    for opened in pages:
        opened.page.close()


@contextlib.contextmanager
def keep_on_failure(opened: Opened, tmp_path_factory, name: str) -> Iterator[None]:
    """Save a screenshot and the HTML when the block fails, and say where."""
    try:
        yield
    except Exception as exc:
        folder = tmp_path_factory.getbasetemp() / "browser-failures"
        folder.mkdir(exist_ok=True)
        shot = folder / f"{name}.png"
        with contextlib.suppress(Exception):
            opened.page.screenshot(path=str(shot))
        shutil.copy(opened.html, folder / f"{name}.html")
        msg = (
            f"{exc}\n(kept {shot} and {folder / (name + '.html')}; console errors: {opened.errors})"
        )
        raise AssertionError(msg) from exc


@pytest.fixture
def small_map(tmp_path, events_gdf, gazetteer) -> Path:  # noqa: F811
    return save_map(
        events_map(events_gdf, gazetteer=gazetteer, title="Test map"), tmp_path / "small.html"
    )


def test_map_draws_offline(open_map, small_map, tmp_path_factory):
    o = open_map(small_map)
    with keep_on_failure(o, tmp_path_factory, "draws_offline"):
        p = o.page
        assert p.evaluate("() => typeof L === 'object' && L.version") == "1.9.3"
        assert (
            p.locator(".leaflet-marker-icon.ge-marker").count() == 3
        )  # Tinzaouatene, Ménaka, Bamako
        # circles near Gao and (unknown precision) at lon -3, Kidal region, border band, outline, link
        assert p.locator("path.ge-shape").count() == 6
        assert p.locator("path.ge-link-diplomacy").count() == 1
        assert p.locator(".ge-time .ge-play svg").count() == 1
        assert p.locator(".ge-time input.ge-slider").count() == 1
        assert p.locator(".ge-date").inner_text().startswith("All events, 2024-07-10")
        assert "Test map" in p.locator(".ge-legend").inner_text()
        assert "1 event(s) without a known place" in p.locator(".ge-legend").inner_text()
        # four families and the density layer
        assert p.locator(".leaflet-control-layers-overlays label").count() == 5
        assert o.errors == []
        assert o.attempts == []


def test_popup_shows_escaped_article_text(open_map, small_map, tmp_path_factory):
    o = open_map(small_map)
    with keep_on_failure(o, tmp_path_factory, "popup"):
        p = o.page
        p.locator(".ge-type-battle").click()
        popup = p.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "2 events: Tinzaouatene" in text
        assert '<script>alert("pwned")</script> & <b>bold</b> "quoted"' in text
        assert popup.locator("script").count() == 0
        assert popup.locator("q b").count() == 0
        assert "Actors: FAMa, Wagner, CSP-DPA" in text
        assert "Fatalities: 47" in text
        assert "2024-07-25 \u2013 2024-07-27 (day)" in text
        assert "Tinzaouatene, Kidal, ML \u2014 precision 1" in text
        assert popup.locator("a").first.get_attribute("href") == "https://news.example/a1"
        assert p.evaluate("() => window.pwned === undefined")
        # The open popup may cover Ménaka, and the map may still be auto-panning to show it: a
        # click on the close button during that pan is taken as a drag and swallowed (CI saw it).
        # Close through the map, then wait for every pan to finish before the next click.
        p.evaluate("() => Object.values(window.geoeventsMaps)[0].map.closePopup()")
        popup.wait_for(state="detached")
        p.wait_for_function(IDLE)
        p.locator(".ge-type-explosion_remote_violence").click()
        p.wait_for_function(
            "() => document.querySelector('.leaflet-popup-content').innerText.includes('Ménaka')"
        )
        assert popup.locator("a").count() == 0  # a javascript: URL is never made a link
        assert "Source: bad-link.txt" in popup.inner_text()
        assert o.errors == []
        assert o.attempts == []


def test_vague_place_popup_from_its_circle(open_map, small_map, tmp_path_factory):
    o = open_map(small_map)
    with keep_on_failure(o, tmp_path_factory, "circle_popup"):
        p = o.page
        p.locator("path.ge-near-violence_against_civilians").click()
        popup = p.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Near Gao, civilians attacked." in popup.inner_text()
        assert "precision 2: near the place" in popup.inner_text()
        assert o.errors == []


def test_time_slider_shows_each_event_over_its_dates(open_map, small_map, tmp_path_factory):
    o = open_map(small_map)
    with keep_on_failure(o, tmp_path_factory, "time_slider"):
        p = o.page
        assert o.state("s.bins.length") == 18  # 18 days, a bar per day
        p.evaluate("""() => { const el = document.querySelector('.ge-slider');
            el.value = 16; el.dispatchEvent(new Event('input')); }""")  # 2024-07-26
        assert p.locator(".ge-date").inner_text() == "2024-07-26"
        assert o.state("[s.mode, s.visiblePoints, s.visibleEvents, s.visibleShapes]") == [
            "time",
            1,
            2,
            0,
        ]
        assert p.locator(".leaflet-marker-icon.ge-marker").count() == 1
        p.evaluate("""() => { const el = document.querySelector('.ge-slider');
            el.value = 17; el.dispatchEvent(new Event('input')); }""")  # 2024-07-27: only e1 lasts
        assert o.state("s.visibleEvents") == 1
        p.locator(".ge-all").click()
        assert o.state("[s.mode, s.visiblePoints]") == ["all", 5]  # 3 pins, 2 circles near a place
        assert p.locator(".leaflet-marker-icon.ge-marker").count() == 3
        p.locator(".ge-play").click()
        p.wait_for_function("() => document.querySelector('.ge-date').innerText === '2024-07-11'")
        p.locator(".ge-play").click()  # pause
        plan = o.state("s.playPlan")
        assert plan["ms"] <= 20_000  # the whole range plays in 20 s at most
        assert o.state("s.playing") is False  # paused: its timer is cleared
        assert o.errors == []
        assert o.attempts == []


def _many(n: int, *, evidence_len: int = 40) -> gpd.GeoDataFrame:
    rows = [
        {
            "event_id": f"m{i}",
            "event_type": ("battle", "protest", "riot")[i % 3],
            "date_start": dt.date(2023, 1, 1) + dt.timedelta(days=i % 500),
            "geo_precision": 1,
            "location_name": f"Place {i}",
            "evidence": (f"Event {i} " + "x" * evidence_len)[:evidence_len],
        }
        for i in range(n)
    ]
    return gpd.GeoDataFrame(
        rows,
        geometry=[Point(-10 + (i % 211) * 0.12, 11 + (i % 97) * 0.1) for i in range(n)],
        crs="EPSG:4326",
    )


def test_clustered_map_has_max_zoom_and_clusters(open_map, tmp_path, gazetteer, tmp_path_factory):  # noqa: F811
    html = save_map(events_map(_many(600), gazetteer=gazetteer), tmp_path / "clustered.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "clustered"):
        p = o.page
        assert o.state("s.cluster") is True
        assert p.locator(".ge-cluster").count() > 0
        assert o.state("s.visiblePoints") == 600
        counts = p.evaluate(
            "() => [...document.querySelectorAll('.ge-cluster')].map(e => +e.innerText)"
        )
        singles = p.locator(".leaflet-marker-icon.ge-marker:not(.ge-cluster)").count()
        # every marker off screen is outside the view; on screen, clusters + singles add up
        assert sum(counts) + singles <= 600
        assert sum(counts) > 0
        zoom = p.evaluate("() => Object.values(window.geoeventsMaps)[0].map.getZoom()")
        xy = p.evaluate("""() => {
            for (const el of document.querySelectorAll('.ge-cluster')) {
                const r = el.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
                if (el.contains(document.elementFromPoint(x, y))) { return [x, y]; }
            }
            return null; }""")
        assert xy is not None  # a cluster that is not hidden under another
        p.mouse.click(*xy)
        p.wait_for_function(f"() => Object.values(window.geoeventsMaps)[0].map.getZoom() > {zoom}")
        p.locator(".leaflet-marker-icon.ge-marker").first.wait_for()  # the cluster broke up
        assert o.errors == []  # "Map has no maxZoom specified" would show here
        assert o.attempts == []


def test_large_gzipped_payload_opens(open_map, tmp_path, gazetteer, tmp_path_factory):  # noqa: F811
    html = save_map(
        events_map(_many(6000, evidence_len=400), gazetteer=gazetteer), tmp_path / "large.html"
    )
    assert '{"gz":"' in html.read_text(encoding="utf-8")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "gzipped"):
        assert o.state("s.markers.length") == 6000
        assert o.page.locator(".ge-cluster").count() > 0
        assert o.errors == []
        assert o.attempts == []


def test_online_tiles_are_requested_and_counted(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    html = save_map(
        events_map(events_gdf, gazetteer=gazetteer, tiles="online"), tmp_path / "online.html"
    )
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "online"):
        for _ in range(100):  # tile requests start after the first layout; poll up to 10 s
            if o.attempts:
                break
            o.page.wait_for_timeout(100)
        assert o.attempts  # the blocker sees requests: zero attempts elsewhere means something
        assert all("openstreetmap.org" in url for url in o.attempts)


def test_snapshot_png(small_map, tmp_path):
    png = snapshot_png(small_map, tmp_path / "map.png", width=800, height=600)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (800, 600)
    from PIL import Image

    colours = Image.open(png).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # markers, shapes and legend were drawn, not a blank page


def test_default_map_with_vector_basemap(open_map, tmp_path, events_gdf, tmp_path_factory):  # noqa: F811
    html = save_map(events_map(events_gdf, title="Bundled gazetteer"), tmp_path / "default.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "default_basemap"):
        p = o.page
        assert (
            p.locator(".leaflet-overlay-pane path").count() > 50
        )  # countries and admin-1 outlines
        assert p.locator("path.ge-link-diplomacy").count() == 1
        assert p.locator(".leaflet-marker-icon.ge-marker").count() == 3
        assert o.errors == []
        assert o.attempts == []


def test_density_layer_switches_on_and_follows_time(
    open_map,
    tmp_path,
    events_gdf,  # noqa: F811
    gazetteer,  # noqa: F811
    tmp_path_factory,
):
    html = save_map(events_map(events_gdf, gazetteer=gazetteer), tmp_path / "heat.html")
    o = open_map(html)
    with keep_on_failure(o, tmp_path_factory, "heatmap"):
        p = o.page
        assert p.locator("canvas.leaflet-heatmap-layer").count() == 0  # off by default
        p.locator(".leaflet-control-layers-overlays label", has_text="Density").click()
        p.wait_for_selector("canvas.leaflet-heatmap-layer")
        assert o.state("s.heatPoints") == 5  # 3 pins + 2 circles near a place
        p.evaluate("() => Object.values(window.geoeventsMaps)[0].timeControl.setWindow(16, 16)")
        assert o.state("s.heatPoints") == 1  # 26 July: only Tinzaouatene
        assert o.errors == []
        assert o.attempts == []
    shown = save_map(
        events_map(events_gdf, gazetteer=gazetteer, heatmap=True), tmp_path / "heat_on.html"
    )
    o = open_map(shown)
    with keep_on_failure(o, tmp_path_factory, "heatmap_on"):
        o.page.wait_for_selector("canvas.leaflet-heatmap-layer")  # heatmap=True: on at once
        assert o.state("s.heatPoints") == 5


def test_cli_map_with_png(db_path, tmp_path):
    from click.testing import CliRunner

    from geoevents.cli import main
    from geoevents.store import open_store
    from tests.test_maps import sample_events

    with open_store(db_path) as store:
        store.write_events(sample_events())
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(
        main,
        ["map", "--db", str(db_path), "--out", str(out), "--country", "ML", "--png", "--heatmap"],
    )
    assert result.exit_code == 0, result.output
    assert out.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
