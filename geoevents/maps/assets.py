"""Third-party scripts and styles, inlined into the HTML from installed registry packages.

Nothing here is copied into the geoevents repository: every file is read at run time from a
package installed from PyPI.

=========================  ====================================  =============================
asset                      package (import name)                 file
=========================  ====================================  =============================
Leaflet 1.9 JS + CSS       ``xstatic-leaflet`` (xstatic.pkg.      ``data/leaflet.js``,
                           leaflet)                              ``data/leaflet.css``
Leaflet control images     ``xstatic-leaflet``                   ``data/images/*.png``
Leaflet.heat (density)     ``folium`` (folium)                   ``templates/leaflet_heat.min.js``
Leaflet.markercluster      ``xstatic-leaflet-markercluster``     ``data/leaflet.markercluster.js``
(available, not used)                                            ``data/MarkerCluster*.css``
=========================  ====================================  =============================

Clustering is done by the small script of :mod:`geoevents.maps.script` (a grid over the
current view), not by Leaflet.markercluster: markercluster builds an index for every zoom
level when markers are added, which took seconds for 50,000 distinct places.

Known traps, handled here:

- ``leaflet.css`` refers to ``images/layers.png`` relative to the page: once the CSS is inlined
  that URL points next to the HTML file. The images are inlined as ``data:`` URIs.
- ``L.Icon.Default`` guesses its image path from the ``<link>`` of ``leaflet.css``; with
  inlined CSS it finds nothing. :func:`icon_default_js` sets the image URLs explicitly.
- The time control of folium (``TimestampedGeoJson``) needs the Glyphicons font from a CDN;
  geoevents draws its own time control with inline SVG, so no icon font is needed.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import logging
import re
from pathlib import Path

from branca.element import Element, Figure, MacroElement

from geoevents.errors import MapError

log = logging.getLogger(__name__)

#: (package import name, path inside the package) of every asset geoevents may inline.
ASSETS: dict[str, tuple[str, str]] = {
    "leaflet.js": ("xstatic.pkg.leaflet", "data/leaflet.js"),
    "leaflet.css": ("xstatic.pkg.leaflet", "data/leaflet.css"),
    "layers.png": ("xstatic.pkg.leaflet", "data/images/layers.png"),
    "layers-2x.png": ("xstatic.pkg.leaflet", "data/images/layers-2x.png"),
    "marker-icon.png": ("xstatic.pkg.leaflet", "data/images/marker-icon.png"),
    "marker-icon-2x.png": ("xstatic.pkg.leaflet", "data/images/marker-icon-2x.png"),
    "marker-shadow.png": ("xstatic.pkg.leaflet", "data/images/marker-shadow.png"),
    "markercluster.js": ("xstatic.pkg.leaflet_markercluster", "data/leaflet.markercluster.js"),
    "markercluster.css": ("xstatic.pkg.leaflet_markercluster", "data/MarkerCluster.css"),
    "markercluster.default.css": (
        "xstatic.pkg.leaflet_markercluster",
        "data/MarkerCluster.Default.css",
    ),
    "leaflet-heat.js": ("folium", "templates/leaflet_heat.min.js"),
}

_PACKAGES = {
    "xstatic.pkg.leaflet": "xstatic-leaflet",
    "xstatic.pkg.leaflet_markercluster": "xstatic-leaflet-markercluster",
    "folium": "folium",
}

_CSS_URL = re.compile(r"url\((['\"]?)images/([\w.-]+\.png)\1\)")


def asset_path(name: str) -> Path:
    """Return the installed file behind an asset name of :data:`ASSETS`.

    Raises
    ------
    MapError
        When the name is unknown or its package is not installed.
    """
    if name not in ASSETS:
        msg = f"unknown map asset {name!r}; expected one of {sorted(ASSETS)}"
        raise MapError(msg)
    module, rel = ASSETS[name]
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        msg = f"map asset {name!r} needs the package {_PACKAGES[module]!r}; pip install it"
        raise MapError(msg)
    path = Path(next(iter(spec.submodule_search_locations))) / rel
    if not path.is_file():
        msg = f"map asset {name!r}: {rel!r} is missing from package {_PACKAGES[module]!r}"
        raise MapError(msg)
    return path


@functools.cache
def asset_text(name: str) -> str:
    """Return a text asset (JS or CSS); CSS image URLs become ``data:`` URIs."""
    text = asset_path(name).read_text(encoding="utf-8")
    if name.endswith(".css"):
        text = _CSS_URL.sub(lambda m: f"url({data_uri(m.group(2))})", text)
    # A literal "</script" or "</style" inside an inlined file would end the element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


@functools.cache
def data_uri(name: str) -> str:
    """Return a PNG asset as a ``data:image/png;base64,...`` URI."""
    raw = asset_path(name).read_bytes()
    return "data:image/png;base64," + base64.b64encode(raw).decode("ascii")


def icon_default_js() -> str:
    """Return JS that points ``L.Icon.Default`` at inlined images (the inlined-CSS trap)."""
    return (
        "L.Icon.Default.mergeOptions({"
        f"iconUrl:{data_uri('marker-icon.png')!r},"
        f"iconRetinaUrl:{data_uri('marker-icon-2x.png')!r},"
        f"shadowUrl:{data_uri('marker-shadow.png')!r}}});"
        "L.Icon.Default.prototype.options.imagePath='';"
    )


class RawHTML(Element):
    """A piece of HTML written as is.

    A ``branca`` Element compiles its text as a Jinja template: far too slow, and wrong, for a
    150 kB script.
    """

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html

    def render(self, **kwargs: object) -> str:
        """Return the HTML unchanged."""
        return self.html


class InlineAssets(MacroElement):
    """Put Leaflet and plugin scripts/styles inline into the ``<head>`` of the figure.

    Parameters
    ----------
    scripts
        Names of JS assets, in load order.
    styles
        Names of CSS assets.
    """

    def __init__(self, scripts: tuple[str, ...], styles: tuple[str, ...]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's Element has no annotations
        self._name = "InlineAssets"
        self.scripts = scripts
        self.styles = styles

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca's returns None too, untyped
        """Add one ``<style>``/``<script>`` element per asset to the figure header."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "InlineAssets must be added to a map inside a Figure"
            raise MapError(msg)
        for name in self.styles:
            figure.header.add_child(RawHTML(f"<style>{asset_text(name)}</style>"), name=name)
        for name in self.scripts:
            figure.header.add_child(RawHTML(f"<script>{asset_text(name)}</script>"), name=name)
        if "leaflet.js" in self.scripts:
            figure.header.add_child(RawHTML(f"<script>{icon_default_js()}</script>"), name="icon")
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # branca: no annotations
