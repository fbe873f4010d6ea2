"""Geometry helpers of the map payload: precision rules, rounding, great circles, columns.

Coordinates stay (lon, lat) here; only Leaflet (in the page) swaps them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    import geopandas as gpd

#: Decimal places kept for coordinates (about 11 m).
COORD_DIGITS = 4
#: Polygons with more vertices than this are simplified before drawing.
MAX_VERTICES = 3000
_KIND_PRECISION = {"town": 1, "feature": 1, "region": 3, "border": 3, "area": 3, "country": 4}


def round_geom(geom: shapely.Geometry) -> shapely.Geometry:
    """Return the geometry with coordinates rounded, simplified first when it is huge."""
    if shapely.get_num_coordinates(geom) > MAX_VERTICES:
        geom = shapely.simplify(geom, 0.01, preserve_topology=True)
    return shapely.transform(geom, lambda c: np.round(c, COORD_DIGITS))


def precision_of(value: object, kind: object) -> int:
    """Return the geo precision to draw: the stored one, else one inferred from the place kind.

    An unknown precision with an unknown kind is drawn as 2 (a circle), never as a pin.

    Examples
    --------
    >>> precision_of(1, None), precision_of(None, "country"), precision_of(None, None)
    (1, 4, 2)
    >>> precision_of(7, "town")
    4
    """
    got = int(value) if value is not None and not pd.isna(value) else 0  # type: ignore[call-overload]  # a number of a frame, not missing
    if got <= 0:
        return _KIND_PRECISION.get(str(kind), 2)
    return min(got, 4)


def great_circle(a: tuple[float, float], b: tuple[float, float], n: int = 24) -> list[list[float]]:
    """Return ``n + 1`` (lon, lat) points on the great circle from ``a`` to ``b``.

    Examples
    --------
    >>> great_circle((0.0, 0.0), (10.0, 0.0), 2)
    [[0.0, 0.0], [5.0, 0.0], [10.0, 0.0]]
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    p1 = np.array(
        [math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1)]
    )
    p2 = np.array(
        [math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2)]
    )
    omega = math.acos(max(-1.0, min(1.0, float(p1 @ p2))))
    out = []
    for k in range(n + 1):
        t = k / n
        if omega < 1e-9:
            v = p1
        else:
            v = (math.sin((1 - t) * omega) * p1 + math.sin(t * omega) * p2) / math.sin(omega)
        lat = math.degrees(math.atan2(v[2], math.hypot(v[0], v[1])))
        lon = math.degrees(math.atan2(v[1], v[0]))
        out.append([round(lon, COORD_DIGITS), round(lat, COORD_DIGITS)])
    return out


def split_geometries(
    gdf: gpd.GeoDataFrame,
    cols: dict[str, list[object]],
) -> tuple[list[shapely.Geometry | None], list[tuple[float, float]]]:
    """Return per event: the geometry when it is not a point, and the point's (lon, lat).

    Points (the bulk) stay as plain floats; a missing geometry falls back to ``lon``/``lat``.
    """
    n = len(gdf)
    try:
        arr = np.asarray(gdf.geometry.values, dtype=object)
    except AttributeError:  # a plain DataFrame, or no active geometry column: lon/lat only
        arr = np.full(n, None, dtype=object)
    kind = shapely.get_type_id(arr)
    empty = shapely.is_empty(arr) | (kind < 0)
    is_point = (kind == 0) & ~empty
    x = np.where(is_point, shapely.get_x(arr), np.nan)
    y = np.where(is_point, shapely.get_y(arr), np.nan)
    lon = pd.to_numeric(pd.Series(cols["lon"]), errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(pd.Series(cols["lat"]), errors="coerce").to_numpy(dtype=float)
    x = np.where(empty, lon, x)
    y = np.where(empty, lat, y)
    geoms = [
        None if (p or e) else g
        for g, p, e in zip(arr.tolist(), is_point.tolist(), empty.tolist(), strict=True)
    ]
    return geoms, list(zip(x.tolist(), y.tolist(), strict=True))
