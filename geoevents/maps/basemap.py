"""The offline vector basemap: country borders, admin-1 outlines and main towns.

The layers come from the gazetteer (``Gazetteer.basemap()``: columns ``kind`` in
``country``/``region``/``town``, ``name``, ``country``, ``geometry``), so a map is readable
with no tiles at all. Any GeoDataFrame with those columns can be passed instead.
"""

from __future__ import annotations

import html
import json
import logging
from typing import TYPE_CHECKING, Protocol

import folium
import shapely
import shapely.geometry
import shapely.ops
from branca.element import MacroElement
from jinja2 import Template

if TYPE_CHECKING:
    from collections.abc import Sequence

    import geopandas as gpd

log = logging.getLogger(__name__)

#: Name of the basemap layer in the layer control.
BASEMAP_NAME = "Basemap"
#: Colours of land, borders and towns.
LAND, BORDER, REGION, TOWN = "#f4f1e8", "#7a7a7a", "#b9b4a8", "#8a8a8a"
#: Map pane of labels: above markers (600), below popups (700); the map creates it.
LABEL_PANE = "ge-labels"
#: Countries smaller than this (square degrees) get their name only when zoomed in.
SMALL_COUNTRY_DEG2 = 12.0


class BasemapSource(Protocol):
    """Anything with a ``basemap()`` like ``geoevents.gazetteer.Gazetteer``."""

    def basemap(self, countries: Sequence[str] | None = None) -> gpd.GeoDataFrame:
        """Return basemap features (kind, name, country, geometry)."""


def _frame(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    part = gdf[gdf["kind"] == kind]
    keep = [c for c in ("name", "country") if c in part.columns]
    return part[[*keep, part.geometry.name]]


def label_point(
    geom: shapely.Geometry, avoid: Sequence[tuple[float, float]]
) -> tuple[float, float]:
    """Return where to write a country's name: inside it, away from capitals' labels.

    Examples
    --------
    >>> square = shapely.box(0, 0, 6, 6)
    >>> label_point(square, [])
    (3.0, 3.0)
    >>> label_point(square, [(3.0, 3.0)])
    (3.0, 4.2)
    """
    best = shapely.ops.polylabel(geom, tolerance=0.1) if geom.geom_type == "Polygon" else None
    if best is None:
        parts = getattr(geom, "geoms", [geom])
        best = max(parts, key=lambda g: g.area).representative_point()
    x, y = round(best.x, 3), round(best.y, 3)
    for dx, dy in ((0, 0), (0, 1.2), (0, -1.2), (1.8, 0), (-1.8, 0), (0, 2.4), (0, -2.4)):
        cx, cy = x + dx, y + dy
        clear = all(abs(cx - ax) > 1.6 or abs(cy - ay) > 0.8 for ax, ay in avoid)
        if clear and geom.contains(shapely.Point(cx, cy)):
            return round(cx, 3), round(cy, 3)
    return x, y


class LabelLayer(MacroElement):
    """Text labels drawn by one short script (a folium marker each: 0.7 s for 770 of them).

    Each label is (kind, text, lon, lat); the text is HTML-escaped here and the list written
    as script-safe JSON. Labels sit in the label pane (above markers), never clickable.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, labels) {
          labels.forEach(function (l) {
            L.marker([l[3], l[2]], {pane: {{ this.pane|tojson }}, interactive: false,
              keyboard: false, icon: L.divIcon({className: "ge-label ge-label-" + l[0],
              html: (l[0] === "capital" ? "<i></i>" : "") + "<span>" + l[1] + "</span>",
              iconSize: [0, 0], iconAnchor: [0, 0]})}).addTo(group);
          });
        })({{ this._parent.get_name() }}, {{ this.labels_js }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: Sequence[tuple[str, str, float, float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's Element has no annotations
        self._name = "LabelLayer"
        self.pane = LABEL_PANE
        rows = [
            [kind, html.escape(text), round(lon, 4), round(lat, 4)]
            for kind, text, lon, lat in labels
        ]
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        for raw, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(raw, code)
        self.labels_js = text


def basemap_labels(
    gdf: gpd.GeoDataFrame, *, capitals: Sequence[tuple[str, float, float]] = ()
) -> list[tuple[str, str, float, float]]:
    """Return the basemap's labels as (kind, text, lon, lat), in drawing order.

    Kinds: ``country`` (or ``country-small``, named only when zoomed in) inside each country,
    away from capitals; ``capital``; ``town`` for the other towns (regional capitals and large
    towns, shown from zoom 6).

    Examples
    --------
    >>> import geopandas as gpd
    >>> base = gpd.GeoDataFrame({"kind": ["country", "town"], "name": ["Mali", "Gao"]},
    ...                         geometry=[shapely.box(-12, 10, 4, 25), shapely.Point(0, 16.3)])
    >>> [row[:2] for row in basemap_labels(base, capitals=[("Bamako", -8.0, 12.6)])]
    [('country', 'Mali'), ('capital', 'Bamako'), ('town', 'Gao')]
    """
    out: list[tuple[str, str, float, float]] = []
    countries = _frame(gdf, "country")
    if len(countries) and "name" in countries.columns:
        taken = [(lon, lat) for _, lon, lat in capitals]
        for name, geom in zip(countries["name"].tolist(), countries.geometry.tolist(), strict=True):
            if not name or geom is None or geom.is_empty:
                continue
            lon, lat = label_point(geom, taken)
            small = geom.area < SMALL_COUNTRY_DEG2
            out.append(("country-small" if small else "country", str(name), lon, lat))
    out.extend(("capital", name, lon, lat) for name, lon, lat in capitals)
    towns = _frame(gdf, "town")
    if len(towns) and "name" in towns.columns:
        named = {(round(lon, 2), round(lat, 2)) for _, lon, lat in capitals}
        for name, pt in zip(towns["name"].tolist(), towns.geometry.tolist(), strict=True):
            if name and pt is not None and (round(pt.x, 2), round(pt.y, 2)) not in named:
                out.append(("town", str(name), float(pt.x), float(pt.y)))
    return out


def shared_lines(geoms: Sequence[shapely.Geometry]) -> shapely.Geometry:
    """Return the outlines of polygons as lines, each shared edge once (not once per side).

    Examples
    --------
    >>> a, b = shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)
    >>> round(shared_lines([a, b]).length, 6)  # two squares: 7 unit edges, not 8
    7.0
    """
    return shapely.line_merge(shapely.union_all([shapely.boundary(g) for g in geoms]))


def _lines(geoms: Sequence[shapely.Geometry], style: dict[str, object]) -> folium.GeoJson:
    lines = shared_lines([g for g in geoms if g is not None and not g.is_empty])
    return folium.GeoJson(
        {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(lines)},
        style_function=lambda _: {**style, "fill": False},
        control=False,
        interactive=False,
    )


def basemap_layer(
    gdf: gpd.GeoDataFrame, *, capitals: Sequence[tuple[str, float, float]] = ()
) -> folium.FeatureGroup:
    """Return a feature group drawing countries, admin-1 outlines, towns and labels.

    Country names sit inside each country; capitals get a dot and their name, so the map can
    be read with no tiles. Town dots and names appear from zoom 6 (the page hides them when
    zoomed out). Labels sit in the label pane, above markers, with a white halo. Borders are
    drawn once: a border shared by two countries is one line, not one per country.

    Parameters
    ----------
    gdf
        Basemap features in lon/lat with a ``kind`` column (``country``, ``region``, ``town``).
    capitals
        (name, lon, lat) of capitals to label.

    Returns
    -------
    folium.FeatureGroup
        The layer, named :data:`BASEMAP_NAME`; countries and regions are not clickable.
    """
    group = folium.FeatureGroup(name=BASEMAP_NAME, overlay=True, control=True, show=True)
    countries = _frame(gdf, "country")
    if len(countries):  # land only: the borders are drawn once, below
        folium.GeoJson(
            countries.to_json(drop_id=True),
            name="countries",
            style_function=lambda _: {"stroke": False, "fillColor": LAND, "fillOpacity": 1},
            control=False,
            interactive=False,
        ).add_to(group)
    regions = _frame(gdf, "region")
    if len(regions):
        _lines(regions.geometry.tolist(), {"color": REGION, "weight": 0.7}).add_to(group)
    if len(countries):
        _lines(countries.geometry.tolist(), {"color": BORDER, "weight": 1}).add_to(group)
    towns = _frame(gdf, "town")
    if len(towns):
        folium.GeoJson(
            towns.to_json(drop_id=True),
            name="towns",
            marker=folium.CircleMarker(
                radius=1.8,
                color=TOWN,
                weight=1,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1,
                class_name="ge-town",
            ),
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            control=False,
        ).add_to(group)
    labels = basemap_labels(gdf, capitals=capitals)
    if labels:
        LabelLayer(labels).add_to(group)
    log.debug(
        "basemap: %d countries, %d regions, %d towns", len(countries), len(regions), len(towns)
    )
    return group


def default_basemap(source: BasemapSource | None) -> gpd.GeoDataFrame | None:
    """Return the gazetteer's basemap features, or ``None`` when there is no gazetteer."""
    if source is None or not hasattr(source, "basemap"):
        return None
    return source.basemap(None)


def capitals_of(source: object, gdf: gpd.GeoDataFrame) -> list[tuple[str, float, float]]:
    """Return (name, lon, lat) of the capitals of the basemap's countries, when known."""
    capital = getattr(source, "capital", None)
    if capital is None or "country" not in gdf.columns:
        return []
    out = []
    codes = gdf.loc[gdf["kind"] == "country", "country"].dropna().astype(str).unique().tolist()
    for cc in sorted(codes):
        place = capital(cc)
        if place is not None:
            out.append((place.name, float(place.lon), float(place.lat)))
    return out
