"""Maps, object level: what events_map builds (layers, bounds, honest shapes) and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import folium
import pytest
from click.testing import CliRunner
from shapely import wkt

from geoevents.maps import events_map
from geoevents.maps.basemap import BASEMAP_NAME
from geoevents.maps.core import CLUSTER_ABOVE, HEATMAP_NAME, EventsLayer
from geoevents.maps.layers import build_payload
from geoevents.maps.styles import FAMILY_LABELS, NEAR_RADIUS_M, VAGUE_RADIUS_M
from geoevents.models import Event, Place
from geoevents.store import open_store

# Coordinates (lon, lat) from GeoNames; outlines are rough test shapes, not real borders.
TINZAOUATENE = (2.9678, 19.9486)
GAO = (-0.0434, 16.2666)
MENAKA = (2.4019, 15.9182)
BAMAKO = (-8.0029, 12.6392)
MOSCOW = (37.6156, 55.7522)
KIDAL_REGION = "POLYGON ((-0.5 17.5, 4.3 17.5, 4.3 21, 1.2 21, -0.5 19, -0.5 17.5))"
ML_DZ_BORDER = "LINESTRING (-4.8 25, 1.2 21.1, 4.2 19.1)"
ML_OUTLINE = "POLYGON ((-12.2 14.8, -5.5 10.2, 4.2 15, 4.2 19.1, -4.8 25, -12.2 14.8))"
NASTY = '<script>alert("pwned")</script> & <b>bold</b> "quoted"'


@dataclass
class TinyGazetteer:
    """Capitals and one country outline: what the map asks a gazetteer for."""

    places: dict[str, Place]

    def capital(self, cc: str) -> Place | None:
        return self.places.get(f"capital:{cc}")

    def country(self, cc: str) -> Place | None:
        return self.places.get(f"country:{cc}")

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)


@pytest.fixture
def gazetteer() -> TinyGazetteer:
    places = [
        Place("capital:ML", "Bamako", "ML", "town", *BAMAKO),
        Place("capital:RU", "Moscow", "RU", "town", *MOSCOW),
        Place(
            "country:ML",
            "Mali",
            "ML",
            "country",
            -4.0,
            17.0,
            geo_precision=4,
            geometry_wkt=ML_OUTLINE,
        ),
    ]
    return TinyGazetteer({p.place_id: p for p in places})


def _ev(event_id: str, event_type: str, day: int, **kw: object) -> Event:
    start = dt.date(2024, 7, day)
    kw.setdefault("date_end", start)
    return Event(
        event_id,
        event_type,
        kw.pop("sub_event_type", None),
        start,
        kw.pop("date_end"),
        "day",
        "text",
        **kw,
    )  # type: ignore[arg-type]


def sample_events() -> list[Event]:
    """Return events covering every way of drawing: pins, circles, areas, borders, links."""
    return [
        _ev(
            "e1",
            "battle",
            25,
            sub_event_type="armed_clash",
            date_end=dt.date(2024, 7, 27),
            country="ML",
            admin1="Kidal",
            location_name="Tinzaouatene",
            place_kind="town",
            geo_precision=1,
            lon=TINZAOUATENE[0],
            lat=TINZAOUATENE[1],
            actors=("FAMa", "Wagner", "CSP-DPA"),
            fatalities=47,
            source="article1.txt",
            source_url="https://news.example/a1",
            evidence=NASTY,
        ),
        _ev(
            "e2",
            "battle",
            26,
            country="ML",
            location_name="Tinzaouatene",
            place_kind="town",
            geo_precision=1,
            lon=TINZAOUATENE[0],
            lat=TINZAOUATENE[1],
            fatalities=3,
            evidence="Second clash at the same place {{ 7*7 }} {% if x %}.",
        ),
        _ev(
            "e3",
            "explosion_remote_violence",
            10,
            sub_event_type="air_drone_strike",
            country="ML",
            location_name="Ménaka",
            place_kind="town",
            geo_precision=1,
            lon=MENAKA[0],
            lat=MENAKA[1],
            source_url="javascript:alert(1)",
            source="bad-link.txt",
            evidence="Drone strike on Ménaka.",
        ),
        _ev(
            "e4",
            "violence_against_civilians",
            12,
            country="ML",
            location_name="Gao",
            place_kind="town",
            geo_precision=2,
            lon=GAO[0],
            lat=GAO[1],
            evidence="Near Gao, civilians attacked.",
        ),
        _ev(
            "e5",
            "battle",
            14,
            country="ML",
            location_name="Kidal",
            place_kind="region",
            geo_precision=3,
            lon=1.9,
            lat=19.2,
            geometry_wkt=KIDAL_REGION,
            evidence="Fighting in the Kidal region.",
        ),
        _ev(
            "e6",
            "strategic_development",
            15,
            country="ML",
            location_name="Mali-Algeria border",
            place_kind="border",
            geo_precision=3,
            lon=1.2,
            lat=21.1,
            geometry_wkt=ML_DZ_BORDER,
            evidence="Near the Algerian border.",
        ),
        _ev(
            "e7",
            "protest",
            16,
            country="ML",
            location_name="Mali",
            place_kind="country",
            geo_precision=4,
            lon=-4.0,
            lat=17.0,
            evidence="Protests somewhere in Mali.",
        ),
        _ev(
            "e8",
            "diplomacy",
            18,
            sub_event_type="call",
            participants=("RU", "ML"),
            evidence="Putin called Goïta.",
        ),
        _ev(
            "e9",
            "diplomacy",
            20,
            sub_event_type="visit",
            participants=("RU", "ML"),
            country="ML",
            location_name="Bamako",
            place_kind="town",
            geo_precision=1,
            lon=BAMAKO[0],
            lat=BAMAKO[1],
            evidence="A Russian delegation visited Bamako.",
        ),
        _ev("e10", "riot", 22, evidence="A riot somewhere, place unknown."),
        _ev(
            "e11",
            "protest",
            23,
            country="ML",
            location_name="Somewhere",
            lon=-3.0,
            lat=14.0,
            evidence="Unknown precision and kind.",
        ),
    ]


@pytest.fixture
def events_gdf(db_path):
    """The sample events as the store returns them (real DuckDB file with spatial)."""
    with open_store(db_path) as store:
        store.write_events(sample_events())
        return store.events()


def _payload(m: folium.Map):
    layer = next(c for c in m._children.values() if isinstance(c, EventsLayer))
    return layer.payload


def _shape_kinds(data: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for shape in data["shapes"]:
        out.setdefault(shape["style"].split("-", 1)[0], []).append(shape)
    return out


def _event_index(data: dict, event_id: str) -> int:
    return data["ev"]["id"].index(data["str"].index(event_id))


def test_layers_by_family_and_no_tiles(events_gdf, gazetteer):
    m = events_map(events_gdf, gazetteer=gazetteer, title="Mali, July 2024")
    names = [c.layer_name for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert names == [
        *(FAMILY_LABELS[f] for f in ("violence", "demonstrations", "strategic", "diplomacy")),
        HEATMAP_NAME,  # the density layer, always there, off until switched on
    ]
    assert any(isinstance(c, folium.LayerControl) for c in m._children.values())
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())
    assert (
        m.options["maxZoom"] == 18
    )  # folium.Map(tiles=None) would drop it: markercluster needs it
    assert m.get_root().title == "Mali, July 2024"


def test_bounds_cover_events_not_far_capitals(events_gdf, gazetteer):
    m = events_map(events_gdf, gazetteer=gazetteer)
    fit = next(c for c in m._children.values() if isinstance(c, folium.map.FitBounds))
    (south, west), (north, east) = fit.bounds
    for lon, lat in (TINZAOUATENE, GAO, BAMAKO):
        assert west <= lon <= east
        assert south <= lat <= north
    assert north < 30  # the Moscow-Bamako link does not pull the view to Russia
    assert fit.options["maxZoom"] == 9


def _points(data: dict) -> dict[tuple[float, float, int], list[int]]:
    pts = data["pts"]
    return {
        (pts["x"][k], pts["y"][k], pts["n"][k]): pts["e"][pts["o"][k] : pts["o"][k + 1]]
        for k in range(len(pts["x"]))
    }


def test_precise_events_share_one_marker_per_place_and_type(events_gdf, gazetteer):
    data = _payload(events_map(events_gdf, gazetteer=gazetteer)).data
    pins = {(x, y): evs for (x, y, near), evs in _points(data).items() if not near}
    assert sorted(pins[TINZAOUATENE]) == sorted(
        [_event_index(data, "e1"), _event_index(data, "e2")]
    )
    assert pins[BAMAKO] == [_event_index(data, "e9")]  # the diplomatic venue
    assert len(pins) == 3
    k = list(_points(data)).index((*TINZAOUATENE, 0))
    assert data["pts"]["f"][k] == 50  # size by fatalities at the place


def test_vague_places_are_never_pins(events_gdf, gazetteer):
    data = _payload(events_map(events_gdf, gazetteer=gazetteer)).data
    points = _points(data)
    pinned = {i for (_, _, near), evs in points.items() if not near for i in evs}
    for eid in ("e4", "e5", "e6", "e7", "e11"):
        assert _event_index(data, eid) not in pinned, eid
    near = {(x, y): evs for (x, y, n), evs in points.items() if n}
    assert near == {GAO: [_event_index(data, "e4")], (-3.0, 14.0): [_event_index(data, "e11")]}
    assert data["nearRadius"] == NEAR_RADIUS_M
    assert "legend-near" in data["legendStyles"]
    kinds = _shape_kinds(data)
    (area,) = kinds["area"]
    assert data["geoms"][area["g"]]["type"] == "Polygon"
    assert area["ev"] == [_event_index(data, "e5")]
    (border,) = kinds["border"]
    assert data["geoms"][border["g"]]["type"] == "LineString"
    (country,) = kinds["country"]  # precision 4 with a point only: the gazetteer's outline
    assert wkt.loads(ML_OUTLINE).equals(wkt.loads(json_shape_wkt(data["geoms"][country["g"]])))


def json_shape_wkt(geojson: dict) -> str:
    from shapely.geometry import shape

    return shape(geojson).wkt


def test_country_without_outline_is_a_wide_circle(events_gdf):
    data = _payload(events_map(events_gdf, gazetteer=TinyGazetteer({}))).data
    vague = _shape_kinds(data)["vague"]
    assert [s["circle"][2] for s in vague] == [VAGUE_RADIUS_M[4]]
    assert "link" not in _shape_kinds(data)  # no capitals known: no links


def test_diplomacy_links_capitals_and_counts_undrawn(events_gdf, gazetteer):
    payload = _payload(events_map(events_gdf, gazetteer=gazetteer))
    (link,) = _shape_kinds(payload.data)["link"]
    assert link["label"] == "Bamako \u2013 Moscow"
    assert sorted(link["ev"]) == sorted(
        [_event_index(payload.data, "e8"), _event_index(payload.data, "e9")]
    )
    line = payload.data["geoms"][link["g"]]["coordinates"]
    assert tuple(line[0]) == BAMAKO
    assert tuple(line[-1]) == MOSCOW
    assert len(line) > 2  # a great circle, not a straight Mercator line
    assert payload.not_drawn == 1  # e10: no place at all
    assert payload.data["notDrawn"] == 1


def test_one_capital_links_to_a_venue_abroad(gazetteer):
    import pandas as pd

    df = pd.DataFrame(
        [
            {
                "event_id": "v",
                "event_type": "diplomacy",
                "date_start": "2024-03-01",
                "participants": ["RU"],
                "location_name": "Bamako",
                "geo_precision": 1,
                "lon": BAMAKO[0],
                "lat": BAMAKO[1],
            }
        ]
    )
    data = build_payload(df, lookup=gazetteer).data
    (link,) = _shape_kinds(data)["link"]
    assert link["label"] == "Bamako \u2013 Moscow"
    assert (*BAMAKO, 0) in _points(data)  # and the venue marker


def test_dates_and_popup_fields(events_gdf, gazetteer):
    data = _payload(events_map(events_gdf, gazetteer=gazetteer)).data
    assert data["day0"] == "2024-07-10"
    i = _event_index(data, "e1")
    assert (data["ev"]["ds"][i], data["ev"]["de"][i]) == (15, 17)
    assert data["dayMax"] == 17
    s = data["str"]
    assert s[data["ev"]["ac"][i]] == "FAMa, Wagner, CSP-DPA"
    assert s[data["ev"]["evd"][i]] == NASTY  # escaped in the page, see test_maps_html
    assert s[data["ev"]["loc"][i]] == "Tinzaouatene, Kidal, ML"
    assert data["ev"]["f"][i] == 47
    assert data["ev"]["f"][_event_index(data, "e4")] == -1  # unknown, not zero


def test_clustering_threshold_and_heatmap(gazetteer):
    import geopandas as gpd
    from shapely.geometry import Point

    n = CLUSTER_ABOVE + 20
    rows = [
        {
            "event_id": f"p{i}",
            "event_type": "battle",
            "date_start": dt.date(2024, 1, 1 + i % 28),
            "geo_precision": 1,
        }
        for i in range(n)
    ]
    gdf = gpd.GeoDataFrame(
        rows,
        geometry=[Point(-5 + i * 0.03, 14 + (i % 17) * 0.1) for i in range(n)],
        crs="EPSG:4326",
    )
    m = events_map(gdf, gazetteer=gazetteer, heatmap=True)
    html = m.get_root().render()
    assert f"clusterAbove: {CLUSTER_ABOVE}" in html  # the page clusters (test_maps_browser)
    assert "L.HeatLayer" in html  # Leaflet.heat itself, inlined from folium's own files
    shown = {
        c.layer_name: c.show for c in m._children.values() if isinstance(c, folium.FeatureGroup)
    }
    assert shown[HEATMAP_NAME] is True  # heatmap=True: density shown when the map opens
    assert _payload(m).n_points == n
    small = events_map(gdf.iloc[:10], gazetteer=gazetteer)
    groups = [c for c in small._children.values() if isinstance(c, folium.FeatureGroup)]
    assert [g.show for g in groups if g.layer_name == HEATMAP_NAME] == [False]


def test_online_tiles_are_an_option(events_gdf, gazetteer):
    m = events_map(events_gdf, gazetteer=gazetteer, tiles="online")
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert len(tiles) == 1
    assert "openstreetmap" in tiles[0].tiles


def test_basemap_layer_from_frame(events_gdf, gazetteer):
    import geopandas as gpd
    from shapely.geometry import Point

    base = gpd.GeoDataFrame(
        {
            "kind": ["country", "region", "town"],
            "name": ["Mali", "Kidal", "Gao"],
            "country": ["ML"] * 3,
        },
        geometry=[wkt.loads(ML_OUTLINE), wkt.loads(KIDAL_REGION), Point(*GAO)],
        crs="EPSG:4326",
    )
    m = events_map(events_gdf, gazetteer=gazetteer, basemap=base)
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert groups[0].layer_name == BASEMAP_NAME  # drawn first, below the events
    html = m.get_root().render()
    assert '"name": "Gao"' in html or '"name":"Gao"' in html  # the town, with its tooltip
    assert '["town","Gao",-0.0434,16.2666]' in html  # and its name, shown from zoom 6
    assert html.count('"type": "LineString"') == 2  # the region's outline, the country's border


def test_plain_frame_with_lon_lat_only(gazetteer):
    import pandas as pd

    df = pd.DataFrame(
        [
            {
                "event_id": "x",
                "event_type": "battle",
                "date_start": "2024-03-01",
                "geo_precision": 1,
                "lon": GAO[0],
                "lat": GAO[1],
            }
        ]
    )
    payload = build_payload(df, lookup=gazetteer)
    assert payload.n_points == 1
    assert payload.data["pts"]["x"] == [GAO[0]]
    assert payload.data["pts"]["n"] == [0]


def test_missing_end_covers_the_time_precision_period():
    import pandas as pd

    from geoevents.maps.layers import day_numbers

    df = pd.DataFrame(
        {
            "date_start": [
                dt.date(2024, 2, 1),
                dt.date(2024, 2, 5),
                dt.date(2024, 1, 1),
                dt.date(2024, 2, 3),
                dt.date(2024, 2, 3),
            ],
            "date_end": [None, None, None, None, dt.date(2024, 2, 1)],
            "time_precision": ["month", "week", "year", "day", "day"],
        }
    )
    ds, de, day0 = day_numbers(df)
    assert day0 == dt.date(2024, 1, 1)
    assert list(ds) == [31, 35, 0, 33, 33]
    assert list(de) == [
        59,
        41,
        365,
        33,
        33,
    ]  # Feb 29 (leap year), +6 days, Dec 31, itself, never before


def test_projected_frame_is_drawn_in_lon_lat(events_gdf, gazetteer):
    projected = events_gdf.to_crs("EPSG:3857")
    data = _payload(events_map(projected, gazetteer=gazetteer)).data
    assert (*TINZAOUATENE, 0) in _points(data)


def test_empty_frame_still_makes_a_map(events_gdf, gazetteer):
    m = events_map(events_gdf.iloc[:0], gazetteer=gazetteer)
    data = _payload(m).data
    assert data["dayMin"] is None
    assert data["pts"]["e"] == []


def test_cli_map_writes_self_contained_html(db_path, tmp_path):
    from geoevents.cli import main

    with open_store(db_path) as store:
        store.write_events(sample_events())
    out = tmp_path / "maps" / "mali.html"
    result = CliRunner().invoke(
        main,
        [
            "map",
            "--db",
            str(db_path),
            "--out",
            str(out),
            "--type",
            "battle",
            "--start",
            "2024-07-20",
            "--title",
            "Battles",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote 2 events" in result.output
    html = out.read_text(encoding="utf-8")
    assert "<title>Battles</title>" in html
    payload = re.search(
        r"window\.geoeventsDraw\(\s*\w+,\s*\{.*?\},\s*(\{.*?\}),\s*\{id:", html, re.DOTALL
    )
    assert payload is not None
    data = json.loads(payload.group(1))
    assert sorted(data["str"][i] for i in data["ev"]["id"]) == ["e1", "e2"]


def test_cli_map_bad_date_is_one_line_error(db_path, tmp_path):
    from geoevents.cli import main

    with open_store(db_path) as store:
        store.write_events(sample_events())
    result = CliRunner().invoke(
        main, ["map", "--db", str(db_path), "--out", str(tmp_path / "m.html"), "--start", "July"]
    )
    assert result.exit_code == 1
    assert "'July'" in result.output
    assert "Traceback" not in result.output


def test_cli_map_help():
    from geoevents.cli import main

    result = CliRunner().invoke(main, ["map", "--help"])
    assert result.exit_code == 0
    assert "Example: geoevents map" in result.output


def test_default_gazetteer_gives_capitals_outlines_and_basemap(events_gdf):
    from geoevents.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    m = events_map(events_gdf)  # the bundled gazetteer, loaded by default
    groups = [c.layer_name for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert groups[0] == BASEMAP_NAME
    data = _payload(m).data
    kinds = _shape_kinds(data)
    (link,) = kinds["link"]
    line = data["geoms"][link["g"]]["coordinates"]
    bamako, moscow = gaz.capital("ML"), gaz.capital("RU")
    assert {tuple(line[0]), tuple(line[-1])} == {
        (round(bamako.lon, 4), round(bamako.lat, 4)),
        (round(moscow.lon, 4), round(moscow.lat, 4)),
    }
    (country,) = kinds["country"]
    outline = wkt.loads(gaz.country("ML").geometry_wkt)
    drawn = wkt.loads(json_shape_wkt(data["geoms"][country["g"]]))
    assert drawn.symmetric_difference(outline).area < 0.01 * outline.area
