"""Self-contained, time-aware maps of events (Leaflet through folium, no network needed).

Public API: :func:`events_map` builds a ``folium.Map``, :func:`save_map` writes it as one
HTML file with every asset inlined, :func:`map_html` gives an iframe fragment for notebooks
and reports, :func:`snapshot_png` renders a PNG through the system's headless Chromium.
"""

from __future__ import annotations

from geoevents.maps.core import events_map, external_urls, map_html, save_map
from geoevents.maps.snapshot import snapshot_png

__all__ = ["events_map", "external_urls", "map_html", "save_map", "snapshot_png"]
