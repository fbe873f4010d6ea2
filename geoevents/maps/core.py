"""Build, write and embed event maps: :func:`events_map`, :func:`save_map`, :func:`map_html`.

A map is a ``folium.Map`` with no CDN links at all: Leaflet and its plugins are inlined from
installed packages (:mod:`geoevents.maps.assets`), a vector basemap replaces tiles unless
online tiles are asked for, and events travel as one compact payload drawn by the small
script of :mod:`geoevents.maps.script`. A folium marker per event would not scale
(150,000 markers make a 135 MB file no browser opens); this does: 100,000 events make a
file of about 9 MB, gzipped and base64-encoded inside the page, that opens in about 2 s
(``bench/bench_map.py``).

Traps handled: ``folium.Map(tiles=None)`` drops ``max_zoom`` (set on the map options here);
branca compiles rendered scripts as Jinja templates (the events call is added as raw HTML,
so ``{{ }}`` in article text stays text); branca writes ``<title>`` unescaped (escaped here).
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import folium
from branca.element import Figure, MacroElement
from jinja2 import Template

from geoevents.errors import GeoEventsError, MapError
from geoevents.maps.assets import InlineAssets, RawHTML
from geoevents.maps.basemap import LABEL_PANE, basemap_layer, capitals_of, default_basemap
from geoevents.maps.layers import Payload, PlaceLookup, build_payload
from geoevents.maps.script import EVENTS_CSS, EVENTS_JS
from geoevents.maps.styles import FAMILY_LABELS

if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger(__name__)

#: Precise events are clustered when a map has more point markers than this.
CLUSTER_ABOVE = 300
#: Shapes are drawn on one canvas instead of SVG paths above this many.
CANVAS_ABOVE = 1500
#: Payloads larger than this (bytes of JSON) are gzipped and base64-encoded in the page.
GZIP_ABOVE = 2_000_000
#: Map view when there is nothing to draw: the Sahel, (south, west, north, east).
SAHEL_BOUNDS = (8.0, -18.0, 26.0, 25.0)
#: Named tile providers accepted for ``tiles`` besides any folium/xyzservices name.
ONLINE_TILES = "OpenStreetMap"
MAX_ZOOM = 18
HEATMAP_NAME = "Density (events in the time window)"


_EXTERNAL = re.compile(
    r"""(?:<script[^>]*\bsrc|<link[^>]*\bhref|<img[^>]*\bsrc)\s*=\s*["']?(https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def json_for_script(data: object) -> str:
    r"""Return JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&``).

    Examples
    --------
    >>> json_for_script({"e": "</script><b>&"})
    '{"e":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, code)
    return text


def encode_payload(data: dict[str, object], *, gzip_above: int = GZIP_ABOVE) -> str:
    """Return the payload as a JS expression: JSON, or ``{"gz": base64 of gzip}`` when large.

    Above ``gzip_above`` characters the text is gzipped; the page inflates it with the
    browser's ``DecompressionStream``.
    """
    text = json_for_script(data)
    if len(text) <= gzip_above:
        return text
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=4, mtime=0))
    return '{"gz":"' + packed.decode("ascii") + '"}'


class EventsLayer(MacroElement):
    """The events of a map: inline payload plus the geoevents script that draws it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        // Drawn once every other script of the map has run (folium appends its scripts again
        // when a map is rendered twice): the page then measures the controls it frames around.
        var {{ this.get_name() }} = new Promise(function (done) { setTimeout(function () {
          done(window.geoeventsDraw(
            {{ this._parent.get_name() }},
            { {%- for fam, group in this.groups.items() %}
                {{ fam|tojson }}: {{ group.get_name() }},{% endfor -%} },
            {{ this.payload_js }},
            {id: {{ this.get_name()|tojson }}, clusterAbove: {{ this.cluster_above }},
             canvasAbove: {{ this.canvas_above }}, title: {{ this.title|tojson }},
             heat: {{ this.heat.get_name() if this.heat else "null" }}}
          ));
        }, 0); });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: Payload,
        groups: dict[str, folium.FeatureGroup],
        *,
        title: str | None,
        heat: folium.FeatureGroup | None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's Element has no annotations
        self._name = "GeoEvents"
        self.payload = payload
        self.payload_js = encode_payload(payload.data)
        self.groups = groups
        self.title = title
        self.heat = heat
        self.cluster_above = CLUSTER_ABOVE
        self.canvas_above = CANVAS_ABOVE

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca's returns None too, untyped
        """Add the geoevents CSS and script to the header, then the drawing call.

        ``MacroElement.render`` would wrap the rendered call in a new ``Element``, which
        compiles it as a Jinja template: slow for megabytes of data, and it would evaluate any
        ``{{ ... }}`` found in article text. The call is added as raw HTML instead.
        """
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "the events layer must be added to a map inside a Figure"
            raise MapError(msg)
        figure.header.add_child(RawHTML(f"<style>{EVENTS_CSS}</style>"), name="geoevents_css")
        figure.header.add_child(RawHTML(f"<script>{EVENTS_JS}</script>"), name="geoevents_js")
        script = self._template.module.__dict__["script"](self, kwargs)
        figure.script.add_child(RawHTML(str(script)), name=self.get_name())


class LabelPane(MacroElement):
    """The map pane of labels, above markers: created before the basemap adds its labels."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (m) { var p = m.createPane({{ this.pane|tojson }});
          p.style.zIndex = 650; p.style.pointerEvents = "none"; })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's Element has no annotations
        self._name = "LabelPane"
        self.pane = LABEL_PANE


def _default_lookup() -> PlaceLookup | None:
    try:
        from geoevents.gazetteer import load_gazetteer
    except ImportError:
        log.info("no geoevents.gazetteer: no capitals, outlines or vector basemap")
        return None
    try:
        return load_gazetteer()
    except GeoEventsError as exc:
        log.warning("no gazetteer (%s): no capitals, outlines or vector basemap", exc)
        return None


def events_map(
    gdf: gpd.GeoDataFrame,
    *,
    gazetteer: PlaceLookup | None = None,
    tiles: str | None = None,
    title: str | None = None,
    heatmap: bool = False,
    basemap: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """Build a self-contained map of events: layers by family, time control, legend.

    Parameters
    ----------
    gdf
        Events (columns of the ``events`` table, ``geometry`` in lon/lat), e.g.
        ``Store.events()``.
    gazetteer
        Capitals (diplomacy links), outlines of vague places and the vector basemap; default
        the bundled gazetteer when ``geoevents.gazetteer`` is available.
    tiles
        ``None`` for the offline vector basemap only; ``"online"`` or a folium/xyzservices
        provider name to add web tiles (the map then needs the network for them).
    title
        Title shown in the legend and the HTML ``<title>``.
    heatmap
        Show the density layer (a heatmap of the events in the time window, always in the
        layer control) when the map opens.
    basemap
        Basemap features (``kind``, ``name``, ``country``, geometry) to use instead of the
        gazetteer's.

    Returns
    -------
    folium.Map
        The map; write it with :func:`save_map`, embed it with :func:`map_html`. It opens on
        the main group of events placed at precision 1-3 (:func:`~geoevents.maps.framing.
        frame_bounds`); a button zooms out to all of them.
    """
    if gazetteer is None:
        gazetteer = _default_lookup()
    payload = build_payload(gdf, lookup=gazetteer)
    m = folium.Map(
        tiles=None, zoom_start=5, control_scale=True, maxZoom=MAX_ZOOM, minZoom=2, zoomSnap=0.5
    )
    # folium.Map(tiles=None) drops max_zoom, which markercluster needs: set it on the map itself.
    m.options["maxZoom"] = MAX_ZOOM
    m.default_js = []  # no CDN links: every asset is inlined by InlineAssets
    m.default_css = []
    root = m.get_root()
    if title and isinstance(root, Figure):
        root.title = html.escape(title)  # branca writes the title unescaped
    InlineAssets(("leaflet.js", "leaflet-heat.js"), ("leaflet.css",)).add_to(m)
    LabelPane().add_to(m)
    if tiles:
        provider = ONLINE_TILES if tiles == "online" else tiles
        folium.TileLayer(
            provider, name=f"Tiles: {provider}", max_zoom=MAX_ZOOM, overlay=False
        ).add_to(m)
    base = basemap if basemap is not None else default_basemap(gazetteer)  # type: ignore[arg-type]  # gazetteer is not None on this path
    labelled: set[str] = set()
    if base is not None and len(base):
        capitals = capitals_of(gazetteer, base)
        basemap_layer(base, capitals=capitals).add_to(m)
        towns = base.loc[base["kind"] == "town", "name"] if "name" in base.columns else []
        labelled = {str(n) for n in towns if n} | {name for name, _, _ in capitals}
    # Towns the basemap labels already: the page does not label them again as event towns.
    payload.data["labelled"] = sorted(labelled)
    groups = {}
    for family in payload.families:
        groups[family] = folium.FeatureGroup(name=FAMILY_LABELS[family], show=True)
        groups[family].add_to(m)
    heat = folium.FeatureGroup(name=HEATMAP_NAME, show=heatmap)
    heat.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    south, west, north, east = SAHEL_BOUNDS
    if payload.bounds is not None:
        west, south, east, north = payload.bounds
    # A first guess; the page fits the view again once its controls are drawn, with padding
    # of their measured size, so that no control covers an event.
    fit = folium.map.FitBounds(
        [[south, west], [north, east]],
        max_zoom=9,
        padding_top_left=(40, 20),
        padding_bottom_right=(20, 70),
    )
    fit.options["animate"] = False  # the first view is final at once: no zoom animation
    m.add_child(fit)
    # Last: the page draws the events, adds its controls and fits the view to what they leave.
    EventsLayer(payload, groups, title=title, heat=heat).add_to(m)
    log.info(
        "map: %d events, %d markers, %d shapes, %d not drawn",
        len(gdf),
        payload.n_points,
        payload.n_shapes,
        payload.not_drawn,
    )
    return m


def external_urls(html: str) -> list[str]:
    """Return the asset references of a page that would need the network (should be none).

    Examples
    --------
    >>> external_urls('<script src="https://cdn.example/x.js"></script><a href="https://a.b">')
    ['<script src="https://']
    """
    return [m.group(0) for m in _EXTERNAL.finditer(html)]


def map_document(m: folium.Map) -> str:
    """Return the full HTML document of a map."""
    return str(m.get_root().render())


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write a map as one self-contained HTML file and return its path.

    Raises
    ------
    MapError
        When the file cannot be written, or the page would load an asset from the network
        while no online tiles were asked for.
    """
    path = Path(path)
    html = map_document(m)
    online = any(isinstance(c, folium.TileLayer) for c in m._children.values())
    page = html
    for layer in m._children.values():
        if isinstance(layer, EventsLayer):  # data, not markup: its text is escaped JSON
            page = page.replace(layer.payload_js, "")
    bad = external_urls(page)
    if bad and not online:
        msg = f"map for {str(path)!r} would load assets from the network: {bad[0]!r}"
        raise MapError(msg)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        msg = f"cannot write map {str(path)!r}: {exc.strerror}"
        raise MapError(msg) from exc
    log.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)
    return path


def map_html(m: folium.Map, *, height: int = 600) -> str:
    """Return an ``<iframe srcdoc>`` fragment embedding the self-contained map.

    For notebooks and report pages; ``folium.Map._repr_html_`` gives the same in Jupyter.
    Render a map once: a second render of a folium map appends its scripts again (write the
    map with :func:`save_map` and embed the file's text with :func:`iframe_html` to have both).
    """
    return iframe_html(map_document(m), height=height)


def iframe_html(document: str, *, height: int = 600) -> str:
    """Return an ``<iframe srcdoc>`` fragment holding an HTML document (a saved map).

    Examples
    --------
    >>> iframe_html("<p>a & b</p>", height=10)[:60]
    '<iframe class="geoevents-map" srcdoc="&lt;p&gt;a &amp; b&lt;'
    """
    doc = html.escape(document, quote=True)
    return (
        f'<iframe class="geoevents-map" srcdoc="{doc}" style="width:100%;height:{height}px;'
        'border:none" sandbox="allow-scripts allow-popups" loading="lazy"></iframe>'
    )
