"""Reports: content, HTML escaping, self-containment (real DuckDB store, real Chromium)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from geoevents.models import Event
from geoevents.report import report_html, store_sources, write_report
from geoevents.store import EventFilter, open_store
from geoevents.summary import actor_counts, period_covered, weekly_counts

if TYPE_CHECKING:
    from pathlib import Path

#: src/href/url()/@import pointing at the network: what a self-contained page must not hold.
_ASSET_URL = re.compile(
    r"""(?:\bsrc\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//)""",
    re.IGNORECASE,
)


def external_asset_urls(text: str) -> list[str]:
    """Return the snippets of ``text`` that would load something from the network."""
    return [text[max(0, m.start() - 40) : m.end() + 60] for m in _ASSET_URL.finditer(text)]


def test_asset_url_detector_finds_what_it_should():
    assert external_asset_urls('<script src="https://cdn.x/leaflet.js"></script>')
    assert external_asset_urls("<link rel=stylesheet href='//cdn.x/a.css'>")
    assert external_asset_urls("a{background:url( 'http://x/y.png')}")
    assert external_asset_urls('@import "https://fonts.x/css";')
    # a link to click and an SVG namespace are not assets
    assert not external_asset_urls('<a href="https://example.org/a">a</a>')
    assert not external_asset_urls('<svg xmlns="http://www.w3.org/2000/svg"></svg>')


def _event(eid: str, etype: str, sub: str, start: dt.date, **kw: object) -> Event:
    return Event(
        event_id=eid,
        event_type=etype,
        sub_event_type=sub,
        date_start=start,
        date_end=kw.pop("end", start),  # type: ignore[arg-type]
        time_precision="day",
        origin="text",
        **kw,  # type: ignore[arg-type]
    )


EVENTS = [
    _event(
        "t1",
        "battle",
        "armed_clash",
        dt.date(2024, 7, 25),
        end=dt.date(2024, 7, 27),
        country="ML",
        admin1="Kidal",
        location_name="Tinzaouatene",
        lon=2.9678,
        lat=19.9486,
        actors=("FAMa", "Wagner", "CSP-DPA"),
        fatalities=131,
        source="tinza-en.txt",
        source_url="https://news.example/tinza?a=1&b=2",
        evidence="Fighting near Tinzaouatene ran from Thursday to Saturday.",
    ),
    _event(
        "t2",
        "explosion_remote_violence",
        "air_drone_strike",
        dt.date(2024, 8, 25),
        country="ML",
        admin1="Kidal",
        location_name="Tinzaouatene",
        lon=2.9678,
        lat=19.9486,
        actors=("FAMa",),
        fatalities=21,
        source="drone-en.txt",
    ),
    _event(
        "d1",
        "diplomacy",
        "call",
        dt.date(2024, 8, 1),
        country="ML",
        participants=("RU", "ML"),
        actors=("Sergei Lavrov", "Abdoulaye Diop"),
        cameo_code="041",
        source="call-en.txt",
    ),
    _event(
        "b1",
        "violence_against_civilians",
        "attack",
        dt.date(2024, 8, 24),
        country="BF",
        admin1="Centre-Nord",
        location_name="Barsalogho",
        lon=-1.0633,
        lat=13.4167,
        actors=("JNIM",),
        source="barsa-fr.txt",
    ),
    _event(
        "x1",
        "protest",
        "peaceful_protest",
        dt.date(2024, 4, 13),
        country="NE",
        admin1="Niamey",
        location_name='<script>alert("pwn")</script> & Co',
        lon=2.1098,
        lat=13.5137,
        actors=('Civil society "M62" <group>',),
        source="evil<b>.txt",
        source_url="javascript:alert(1)",
        evidence="They shouted <img src=x onerror=alert(1)>.",
    ),
]


@pytest.fixture
def store_with_events(db_path: Path):
    with open_store(db_path) as store:
        assert store.write_events(EVENTS) == len(EVENTS)
        yield store


def test_weekly_counts_bins_by_monday_week_and_family():
    df = pd.DataFrame(
        {
            "event_type": ["battle", "battle", "diplomacy", "protest"],
            "date_start": ["2024-07-25", "2024-07-28", "2024-08-01", "2024-08-12"],
        }
    )
    counts = weekly_counts(df)
    assert list(counts.index.strftime("%Y-%m-%d")) == [
        "2024-07-22",
        "2024-07-29",
        "2024-08-05",
        "2024-08-12",
    ]
    assert counts["violence"].tolist() == [2, 0, 0, 0]
    assert counts["diplomacy"].tolist() == [0, 1, 0, 0]
    assert counts["demonstrations"].tolist() == [0, 0, 0, 1]


def test_period_and_actor_counts_from_store(store_with_events):
    events = store_with_events.events()
    assert period_covered(events) == (dt.date(2024, 4, 13), dt.date(2024, 8, 25))
    actors = actor_counts(events)
    assert actors.loc["FAMa", "events"] == 2
    assert actors.loc["FAMa", "last"].date() == dt.date(2024, 8, 25)
    assert set(actor_counts(events, "participants").index) == {"RU", "ML"}


def test_report_content(store_with_events):
    events = store_with_events.events()
    sources = store_sources(store_with_events, list(events["event_id"]))
    assert sorted(sources["source"]) == sorted(e.source for e in EVENTS)
    page = report_html(events, sources=sources, title="Sahel, summer 2024")
    assert "<title>Sahel, summer 2024</title>" in page
    assert "Period covered: <b>2024-04-13 to 2024-08-25</b>" in page
    # the country/region table: Kidal has the battle and the drone strike, 152 dead
    row = re.search(r"<tr><td>ML</td><td>Kidal</td>(.*?)</tr>", page)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[-2:] == ["2", "152"]
    for name in (
        "Tinzaouatene",
        "Barsalogho",
        "Sergei Lavrov",
        "JNIM",
        "drone-en.txt",
        "air_drone_strike",
    ):
        assert name in page
    # an http source gets a link (escaped), the chart is an inline SVG image
    assert '<a href="https://news.example/tinza?a=1&amp;b=2"' in page
    chart = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert chart is not None
    svg = base64.b64decode(chart.group(1)).decode("utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    assert external_asset_urls(page) == []


def test_report_escapes_every_text(store_with_events):
    events = store_with_events.events()
    page = report_html(events, sources=store_sources(store_with_events, list(events["event_id"])))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt; &amp; Co" in page
    assert "Civil society &quot;M62&quot; &lt;group&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "evil&lt;b&gt;.txt" in page
    assert "javascript:" not in page  # no link for a non-http URL
    assert page.count("<script") == 0  # the report itself has no script without a map


def test_report_of_empty_store_says_so(db_path, tmp_path):
    with open_store(db_path) as store:
        out = write_report(store, tmp_path / "empty.html", png=False)
    page = out.read_text(encoding="utf-8")
    assert "no dated events" in page
    assert "no events" in page
    assert "srcdoc=" in page  # an empty map is still drawn


def test_write_report_filtered_no_png(store_with_events, tmp_path):
    out = write_report(
        store_with_events,
        tmp_path / "sub" / "report.html",
        flt=EventFilter(countries=("ML",)),
        png=False,
    )
    page = out.read_text(encoding="utf-8")
    assert "Barsalogho" not in page
    assert "Tinzaouatene" in page
    assert "Period covered: <b>2024-07-25 to 2024-08-25</b>" in page
    assert not (tmp_path / "sub" / "report.png").exists()
    assert external_asset_urls(page) == []
    assert "leaflet" in page.lower()  # the map is embedded
    assert "<td>ML (Mali)</td><td>Kidal</td>" in page  # country names from the gazetteer


@pytest.mark.browser
def test_report_opens_offline_in_chromium_with_png(store_with_events, tmp_path, browser):
    out = write_report(store_with_events, tmp_path / "report.html", png=True)
    png = tmp_path / "report.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in out.read_text(encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page()  # the session's browser (conftest)
    try:

        def route(r):
            if r.request.url.startswith(("file:", "data:", "about:", "blob:")):
                r.continue_()
            else:
                requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(out.as_uri(), wait_until="load")
        assert page.title() == "geoevents report"
        assert page.locator("h2", has_text="By actor").count() == 1
        # the embedded map runs inside its iframe
        frame = page.frame_locator("iframe.geoevents-map")
        frame.locator(".leaflet-container").wait_for(timeout=10000)
        frame.locator(".ge-hist .ge-bar").first.wait_for(timeout=10000)  # the map has drawn
        # printed, the PNG replaces the interactive map
        assert page.locator(".map.screen-only").is_visible()
        assert not page.locator(".print-only img").is_visible()
        page.emulate_media(media="print")
        assert page.locator(".print-only img").is_visible()
        assert not page.locator(".map.screen-only").is_visible()
    finally:
        page.close()
    assert requests == []
    assert errors == []


def test_large_report_maps_the_latest_and_counts_all(store_with_events, tmp_path):
    out = write_report(store_with_events, tmp_path / "big.html", png=False, map_max=2)
    page = out.read_text(encoding="utf-8")
    note = re.search(r"The map shows the (\d+) events from (\S+) on, the latest of 5;", page)
    assert note is not None
    assert int(note.group(1)) <= 2
    assert note.group(2) == "2024-08-02"  # the day after the third latest start (1 August)
    assert '<div class="card"><b>5</b>events</div>' in page  # the cards count every event
    assert "Sergei Lavrov" in page  # 1 August: off the map, still in the tables
    assert "Period covered: <b>2024-04-13 to 2024-08-25</b>" in page
    assert external_asset_urls(page) == []
