"""The offline vector basemap: country borders, admin-1 outlines and main towns.

The layers come from the gazetteer (``Gazetteer.basemap()``: columns ``kind`` in
``country``/``region``/``town``, ``name``, ``country``, ``geometry``), so a map is readable
with no tiles at all. Any GeoDataFrame with those columns can be passed instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

import folium

if TYPE_CHECKING:
    from collections.abc import Sequence

    import geopandas as gpd

log = logging.getLogger(__name__)

#: Name of the basemap layer in the layer control.
BASEMAP_NAME = "Basemap (countries, regions, towns)"
#: Colours of land, borders and towns.
LAND, BORDER, REGION, TOWN = "#f4f1e8", "#7a7a7a", "#b9b4a8", "#444444"


class BasemapSource(Protocol):
    """Anything with a ``basemap()`` like ``geoevents.gazetteer.Gazetteer``."""

    def basemap(self, countries: Sequence[str] | None = None) -> gpd.GeoDataFrame:
        """Return basemap features (kind, name, country, geometry)."""


def _frame(gdf: gpd.GeoDataFrame, kind: str) -> gpd.GeoDataFrame:
    part = gdf[gdf["kind"] == kind]
    keep = [c for c in ("name", "country") if c in part.columns]
    return part[[*keep, part.geometry.name]]


def basemap_layer(gdf: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Return a feature group drawing countries, admin-1 outlines and towns.

    Parameters
    ----------
    gdf
        Basemap features in lon/lat with a ``kind`` column (``country``, ``region``, ``town``).

    Returns
    -------
    folium.FeatureGroup
        The layer, named :data:`BASEMAP_NAME`; countries and regions are not clickable.
    """
    group = folium.FeatureGroup(name=BASEMAP_NAME, overlay=True, control=True, show=True)
    countries = _frame(gdf, "country")
    if len(countries):
        folium.GeoJson(
            countries.to_json(drop_id=True),
            name="countries",
            style_function=lambda _: {
                "color": BORDER,
                "weight": 1,
                "fillColor": LAND,
                "fillOpacity": 1,
            },
            control=False,
            interactive=False,
        ).add_to(group)
    regions = _frame(gdf, "region")
    if len(regions):
        folium.GeoJson(
            regions.to_json(drop_id=True),
            name="regions",
            style_function=lambda _: {"color": REGION, "weight": 0.7, "fill": False},
            control=False,
            interactive=False,
        ).add_to(group)
    towns = _frame(gdf, "town")
    if len(towns):
        folium.GeoJson(
            towns.to_json(drop_id=True),
            name="towns",
            marker=folium.CircleMarker(
                radius=2, color=TOWN, weight=1, fill=True, fill_color="#ffffff", fill_opacity=1
            ),
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            control=False,
        ).add_to(group)
    log.debug(
        "basemap: %d countries, %d regions, %d towns", len(countries), len(regions), len(towns)
    )
    return group


def default_basemap(source: BasemapSource | None) -> gpd.GeoDataFrame | None:
    """Return the gazetteer's basemap features, or ``None`` when there is no gazetteer."""
    if source is None or not hasattr(source, "basemap"):
        return None
    return source.basemap(None)
