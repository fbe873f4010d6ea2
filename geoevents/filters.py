"""The event filter: which events to read, checked when it is built.

:class:`EventFilter` is the one record shared by ``Store.events``, ``geoevents export`` and
``geoevents map``; :func:`resolve_filter` turns place names in it into coordinates or
geometry through the gazetteer (imported lazily, only when a name is given).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geoevents.errors import ConfigError
from geoevents.models import EVENT_TYPES, ORIGINS, Place

log = logging.getLogger(__name__)

#: Half-width in km of the band around a border line that ``intersects`` finds events in.
DEFAULT_BORDER_KM = 10.0


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field is optional and they combine with AND.

    Values are checked when the filter is built: an unknown event type, origin or a
    malformed country code raises :class:`~geoevents.errors.ConfigError` naming it.

    Parameters
    ----------
    start, end
        Keep events whose ``[date_start, date_end]`` overlaps ``[start, end]``
        (``datetime.date`` or ``"YYYY-MM-DD"``).
    types
        Event types or sub-event types (``battle``, ``armed_clash`` ...).
    countries
        ISO 3166-1 alpha-2 codes.
    bbox
        ``(min_lon, min_lat, max_lon, max_lat)``; events whose geometry intersects it.
    near
        A ``(lon, lat)`` point, or a place name resolved through the gazetteer; needs
        ``within_km``.
    within_km
        Radius around ``near``, great-circle distance to the event's point.
    intersects_wkt
        A geometry (a border, a region) as WKT in lon/lat, or a place name whose
        gazetteer geometry is used; a line (a border) stands for the band of
        ``border_km`` on either side of it.
    origins
        ``text``, ``acled``, ``ucdp``, ``gdelt``.
    precision
        Keep only events located at least this precisely: ``geo_precision`` 1 (the place
        itself) to 4 (the country); ``2`` keeps point-precise events only.
    border_km
        Half-width in km of the band a line in ``intersects_wkt`` stands for (default 10).

    Notes
    -----
    Points and areas: an event located only to a region or a country (``geo_precision``
    3 or 4) is not a point at that area's centre. Its ``lon``/``lat`` are a display anchor
    and never match a spatial filter: ``near``/``within_km`` count only events located at
    a point (precision 1 or 2), ``bbox`` and ``intersects_wkt`` count an area event when its
    stored area geometry intersects them, and not at all when only its anchor is stored.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float] | str | None = None
    within_km: float | None = None
    intersects_wkt: str | None = None
    origins: tuple[str, ...] = ()
    precision: int | None = None
    border_km: float = DEFAULT_BORDER_KM

    def __post_init__(self) -> None:
        """Check and normalise every value; raise ConfigError naming the first bad one."""
        put = object.__setattr__
        put(self, "start", _as_date(self.start, "start"))
        put(self, "end", _as_date(self.end, "end"))
        if self.start and self.end and self.start > self.end:
            msg = f"start {self.start.isoformat()!r} is after end {self.end.isoformat()!r}"
            raise ConfigError(msg)
        put(self, "types", tuple(_check_type(t) for t in _as_tuple(self.types)))
        put(self, "countries", tuple(check_country(c) for c in _as_tuple(self.countries)))
        put(self, "origins", tuple(check_origin(o) for o in _as_tuple(self.origins)))
        if self.bbox is not None:
            put(self, "bbox", _check_bbox(self.bbox))
        if isinstance(self.near, str):
            put(self, "near", self.near.strip())
        elif self.near is not None:
            put(self, "near", _check_point(self.near))
        if self.within_km is not None:
            km = float(self.within_km)
            if not 0 < km <= 20_000:  # noqa: PLR2004
                msg = f"within_km {self.within_km!r} must be a distance in km above 0"
                raise ConfigError(msg)
            put(self, "within_km", km)
        if (self.near is None) != (self.within_km is None):
            msg = "a radius filter needs both near (a place or lon,lat) and within_km"
            raise ConfigError(msg)
        if self.intersects_wkt is not None and not self.intersects_wkt.strip():
            msg = "intersects_wkt is empty; give WKT or a place name"
            raise ConfigError(msg)
        if self.precision is not None:
            if self.precision not in (1, 2, 3, 4) or isinstance(self.precision, bool):
                msg = f"precision {self.precision!r} must be 1, 2, 3 or 4 (geo_precision)"
                raise ConfigError(msg)
            put(self, "precision", int(self.precision))
        band: object = self.border_km  # as given: a caller may pass anything
        if (
            not isinstance(band, int | float) or isinstance(band, bool) or not 0 <= band <= 500  # noqa: PLR2004
        ):
            msg = f"border_km {band!r} must be a distance in km from 0 to 500"
            raise ConfigError(msg)
        put(self, "border_km", float(band))


_WKT_RE = re.compile(
    r"^\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b",
    re.IGNORECASE,
)
_ALL_TYPES: frozenset[str] = frozenset(EVENT_TYPES) | frozenset(
    sub for subs in EVENT_TYPES.values() for sub in subs
)


def _as_tuple(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        msg = f"expected a list of values, got {value!r}"
        raise ConfigError(msg)
    return tuple(value)


def _as_date(value: object, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"{name} date {value!r} is not a YYYY-MM-DD date"
        raise ConfigError(msg) from None


def _check_type(value: object) -> str:
    name = str(value).strip().lower()
    if name not in _ALL_TYPES:
        close = difflib.get_close_matches(name, sorted(_ALL_TYPES), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        msg = (
            f"unknown event type {value!r}; {hint}expected one of {', '.join(EVENT_TYPES)} "
            "or one of their sub-event types (geoevents.models.EVENT_TYPES)"
        )
        raise ConfigError(msg)
    return name


@functools.cache
def _iso2_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (pycountry's offline table) plus ``XK``, Kosovo's code in use."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}


def check_country(value: object) -> str:
    """Return ``value`` as an upper-case ISO 3166-1 alpha-2 code.

    Raises
    ------
    ConfigError
        Naming the value when it is no such code.

    Examples
    --------
    >>> check_country(" ml ")
    'ML'
    >>> check_country("XX")
    Traceback (most recent call last):
    ...
    geoevents.errors.ConfigError: country 'XX' is not an ISO 3166-1 alpha-2 code such as 'ML' or 'NE'
    """
    code = str(value).strip().upper()
    if code not in _iso2_codes():
        msg = f"country {value!r} is not an ISO 3166-1 alpha-2 code such as 'ML' or 'NE'"
        raise ConfigError(msg)
    return code


def check_origin(value: object) -> str:
    """Return ``value`` as a known origin (``text``, ``acled`` ...).

    Raises
    ------
    ConfigError
        When the origin is unknown.
    """
    name = str(value).strip().lower()
    if name not in ORIGINS:
        msg = f"unknown origin {value!r}; expected one of {', '.join(ORIGINS)}"
        raise ConfigError(msg)
    return name


def _check_point(value: object) -> tuple[float, float]:
    try:
        lon, lat = (float(v) for v in value)  # type: ignore[attr-defined]  # any object: a non-iterable raises TypeError, caught below
    except (TypeError, ValueError):
        msg = f"point {value!r} is not a (lon, lat) pair"
        raise ConfigError(msg) from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # noqa: PLR2004
        msg = f"point {value!r} is outside lon -180..180 / lat -90..90 (give lon first)"
        raise ConfigError(msg)
    return (lon, lat)


def _check_bbox(value: object) -> tuple[float, float, float, float]:
    try:
        box = tuple(float(v) for v in value)  # type: ignore[attr-defined]  # any object: a non-iterable raises TypeError, caught below
    except (TypeError, ValueError):
        box = ()
    if len(box) != 4:  # noqa: PLR2004
        msg = f"bbox {value!r} is not (min_lon, min_lat, max_lon, max_lat)"
        raise ConfigError(msg)
    _check_point(box[:2])
    _check_point(box[2:])
    if box[0] > box[2] or box[1] > box[3]:
        msg = f"bbox {value!r} has min above max; expected (min_lon, min_lat, max_lon, max_lat)"
        raise ConfigError(msg)
    return box


def parse_point(text: str) -> tuple[float, float] | None:
    """Return ``(lon, lat)`` from ``"lon,lat"`` text, or ``None`` when it is not two numbers.

    Raises
    ------
    ConfigError
        When the two numbers are not a valid longitude and latitude.

    Examples
    --------
    >>> parse_point("2.9678, 19.9486"), parse_point("Gao")
    ((2.9678, 19.9486), None)
    """
    parts = text.split(",")
    if len(parts) != 2:  # noqa: PLR2004
        return None
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    return _check_point(values)


def is_wkt(text: str) -> bool:
    """Return True when ``text`` looks like WKT rather than a place name.

    Examples
    --------
    >>> is_wkt("LINESTRING (0 0, 1 1)"), is_wkt("Liptako-Gourma")
    (True, False)
    """
    return bool(_WKT_RE.match(text))


_BORDER_RE = re.compile(r"^([A-Z]{2})\s*[-/]\s*([A-Z]{2})$")


def _gazetteer(gazetteer: object | None, name: str) -> object:
    if gazetteer is not None and not isinstance(gazetteer, str | Path):
        return gazetteer
    try:
        from geoevents.gazetteer import load_gazetteer
    except ImportError as exc:
        msg = f"cannot resolve place {name!r}: no gazetteer available ({exc}); give lon,lat"
        raise ConfigError(msg) from exc
    return load_gazetteer(gazetteer)


def resolve_place(name: str, *, gazetteer: object | None = None, area: bool = False) -> Place:
    """Resolve a place name through the gazetteer (the bundled one by default).

    Parameters
    ----------
    name
        A place name, as :meth:`Gazetteer.resolve` accepts it; with ``area``, also two
        ISO2 codes such as ``"ML-DZ"`` for the border between them.
    gazetteer
        A loaded gazetteer, a gazetteer file path, or ``None`` for the bundled one.
    area
        Want a place with a line or area geometry: when the best match is a town, its
        namesake region or area among the candidates is taken ("Kidal" the region).

    Raises
    ------
    ConfigError
        When the gazetteer is unavailable, does not know the place, or (with ``area``)
        knows it only as a point.
    """
    gaz = _gazetteer(gazetteer, name)
    border = _BORDER_RE.match(name.strip().upper()) if area else None
    if border is not None:
        place = gaz.border(*border.groups())  # type: ignore[attr-defined]  # gaz is a PlaceLookup protocol without border()
        if place is None:
            msg = f"no border {name!r} in the gazetteer"
            raise ConfigError(msg)
        return place  # type: ignore[no-any-return]  # border() of an untyped lookup returns Any
    resolution = gaz.resolve(name)  # type: ignore[attr-defined]  # gaz is a PlaceLookup protocol without resolve()
    if resolution.place is None:
        msg = f"unknown place {name!r}: the gazetteer has no match"
        raise ConfigError(msg)
    places: list[Place] = [resolution.place, *resolution.candidates]
    if area:
        places = [p for p in places if p.geometry_wkt]
        if not places:
            found = resolution.place
            msg = (
                f"place {name!r} ({found.kind} {found.name}) has no area or line geometry "
                "to intersect; use near + within_km"
            )
            raise ConfigError(msg)
    place = places[0]
    log.info("place %r resolved to %s %s (%s)", name, place.kind, place.name, place.place_id)
    return place


def resolve_filter(flt: EventFilter, *, gazetteer: object | None = None) -> EventFilter:
    """Return ``flt`` with place names in ``near`` / ``intersects_wkt`` turned into geometry.

    A line to intersect (a border such as ``ML-DZ``, or WKT) becomes the band of
    ``flt.border_km`` on either side of it (:func:`line_band`).

    Raises
    ------
    ConfigError
        When a place is unknown, or has no area geometry to intersect.
    """
    changes: dict[str, object] = {}
    if isinstance(flt.near, str):
        point = parse_point(flt.near)
        if point is None:
            place = resolve_place(flt.near, gazetteer=gazetteer)
            point = (place.lon, place.lat)
        changes["near"] = point
    wkt = flt.intersects_wkt
    if wkt is not None and not is_wkt(wkt):
        wkt = resolve_place(wkt, gazetteer=gazetteer, area=True).geometry_wkt
    if wkt is not None and _LINE_RE.match(wkt) and flt.border_km > 0:
        wkt = line_band(wkt, flt.border_km)
    if wkt != flt.intersects_wkt:
        changes["intersects_wkt"] = wkt
    return dataclasses.replace(flt, **changes) if changes else flt  # type: ignore[arg-type]  # changes maps field names to values of their own types


_LINE_RE = re.compile(r"^\s*(LINESTRING|MULTILINESTRING)\b", re.IGNORECASE)
#: km per degree of latitude, and of longitude at the equator (WGS84 means).
_KM_LAT, _KM_LON = 110.574, 111.320


def line_band(wkt: str, km: float) -> str:
    """Return the polygon of the points within ``km`` of a line (WKT in lon/lat), as WKT.

    The line is buffered in a local sinusoidal projection centred on its own longitudes
    (x = (lon - lon0) * cos(lat), in km), where a Sahel border of a few degrees is drawn
    within about 3 % of its true distances; the band's edge is then at ``km`` +- 3 %.
    Malformed WKT is returned unchanged (the store reports it).

    Examples
    --------
    >>> from shapely import from_wkt
    >>> band = from_wkt(line_band("LINESTRING (0 15, 1 15)", 10))
    >>> band.contains(from_wkt("POINT (0.5 15.08)")), band.contains(from_wkt("POINT (0.5 15.1)"))
    (True, False)
    """
    import numpy as np
    import shapely

    try:
        line = shapely.from_wkt(wkt)
    except shapely.errors.GEOSException:
        return wkt
    if line is None or line.is_empty:
        return wkt
    lon0 = (line.bounds[0] + line.bounds[2]) / 2

    def forward(xy: np.ndarray) -> np.ndarray:
        lon, lat = xy[:, 0], xy[:, 1]
        return np.column_stack(((lon - lon0) * _KM_LON * np.cos(np.radians(lat)), lat * _KM_LAT))

    def back(xy: np.ndarray) -> np.ndarray:
        lat = xy[:, 1] / _KM_LAT
        return np.column_stack((lon0 + xy[:, 0] / (_KM_LON * np.cos(np.radians(lat))), lat))

    band = shapely.transform(shapely.transform(line, forward).buffer(km, quad_segs=16), back)
    return str(shapely.to_wkt(band, rounding_precision=5))
