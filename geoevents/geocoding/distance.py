"""Great-circle distance and offset points on a sphere of radius 6,371 km; (lon, lat) order."""

from __future__ import annotations

import math
from typing import Protocol


class _Located(Protocol):
    @property
    def lon(self) -> float: ...
    @property
    def lat(self) -> float: ...


#: Mean Earth radius, km.
EARTH_KM = 6371.0


def km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the great-circle distance between two (lon, lat) points, in km.

    Examples
    --------
    >>> round(km(-1.5339, 12.3657, 2.1098, 13.5137))  # Ouagadougou - Niamey
    415
    >>> km(0.0, 0.0, 0.0, 0.0)
    0.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_km(a: _Located, b: _Located) -> float:
    """Return the great-circle distance between two places (anything with ``lon`` and ``lat``)."""
    return km(a.lon, a.lat, b.lon, b.lat)


def destination(lon: float, lat: float, bearing: float, dist_km: float) -> tuple[float, float]:
    """Return the (lon, lat) reached from (lon, lat) going ``dist_km`` on ``bearing`` degrees.

    Examples
    --------
    >>> lon, lat = destination(-0.0447, 16.2717, 0.0, 50.0)  # 50 km north of Gao
    >>> round(lon, 4), round(lat, 4)
    (-0.0447, 16.7214)
    """
    d = dist_km / EARTH_KM
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return (math.degrees(l2) + 540) % 360 - 180, math.degrees(p2)
