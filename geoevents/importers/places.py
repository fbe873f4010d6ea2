"""Coordinates for imported rows that have none, from the gazetteer.

ACLED exports may come without ``latitude``/``longitude``, GDELT rows may lack an
``ActionGeo`` point and GED rows their coordinates; their place names (ACLED ``location``,
``admin3``, ``admin2``, ``admin1``; GED ``where_coordinates``, ``adm_2``, ``adm_1``; GDELT
the first part of ``ActionGeo_FullName`` and its ADM1) are resolved, most precise first, and
the precision written is the honest one: a town found by its own name keeps the file's
precision (at least 1), a commune (admin3) is 2, a district or region (admin2, admin1) 3,
the country alone 4. Each distinct place is resolved once, however many rows share it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geoevents.importers.common import Geocoder
from geoevents.store import PLACE_NAME_COLUMNS

if TYPE_CHECKING:
    from geoevents.gazetteer import Gazetteer
    from geoevents.models import Place
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: Where each importer keeps a row's place names (owned by the store, named here too).
NAME_COLUMNS = PLACE_NAME_COLUMNS


@dataclass(frozen=True, slots=True)
class Located:
    """Where a row's place names led: the place and the precision it deserves."""

    place: Place
    precision: int


def locate(
    gazetteer: Gazetteer,
    *,
    country: str | None,
    admin1: str | None = None,
    admin2: str | None = None,
    admin3: str | None = None,
    location: str | None = None,
) -> Located | None:
    """Resolve a row's place names, most precise first; ``None`` when nothing fits.

    Parameters
    ----------
    gazetteer
        The gazetteer to ask.
    country
        ISO2 code of the row, used to keep candidates inside the right country.
    admin1, admin2, admin3, location
        The row's administrative units and location name (any may be missing).
    """
    countries = (country,) if country else ()
    context = ", ".join(x for x in (admin3, admin2, admin1) if x) or None
    steps = ((location, 1), (admin3, 2), (admin2, 3), (admin1, 3))
    for name, floor in steps:
        if not name:
            continue
        res = gazetteer.resolve(name, context=context, countries=countries)
        place = _pick(res.place, res.candidates, country=country, region=floor >= 3)
        if place is None:
            continue
        if floor == 1 and place.kind not in ("town", "feature"):
            floor = 3 if place.kind in ("region", "border", "area") else 4
        return Located(place, max(floor, place.geo_precision))
    if country:
        whole = gazetteer.country(country)
        if whole is not None:
            return Located(whole, 4)
    return None


def _pick(
    best: Place | None, candidates: tuple[Place, ...], *, country: str | None, region: bool
) -> Place | None:
    """Return the resolved place, or for an admin unit the region candidate of that name."""
    pool = [p for p in (best, *candidates) if p is not None]
    if country:
        pool = [p for p in pool if not p.country or p.country == country]
    if region:
        regions = [p for p in pool if p.kind == "region"]
        if regions:
            return regions[0]
    return pool[0] if pool else None


def make_geocoder(origin: str, gazetteer: Gazetteer | None) -> Geocoder:
    """Return the geocoding step for rows of ``origin`` without coordinates.

    The step returns (events placed now, events of ``origin`` still without a place: they
    stay stored without geometry). The gazetteer (bundled one when ``None``) is loaded only
    when such rows exist.
    """
    if origin not in NAME_COLUMNS:
        raise KeyError(origin)

    def geocode(store: Store) -> tuple[int, int]:
        placed = _place(store)
        _areas(store)
        unplaced = store.unplaced_count(origin)
        if unplaced:
            log.warning("%d %s event(s) have no coordinates and no place found", unplaced, origin)
        return placed, unplaced

    def _place(store: Store) -> int:
        pending = [
            r for r in store.unplaced_names(origin) if any(r)
        ]  # a row with no country and no name at all has nothing to look up
        if not pending:
            return 0
        gaz = gazetteer if gazetteer is not None else _bundled()
        rows = []
        for cc, admin1, admin2, admin3, location in pending:
            found = locate(
                gaz, country=cc, admin1=admin1, admin2=admin2, admin3=admin3, location=location
            )
            if found is None:
                log.info("no place for %r (%s, %s) in %s", location, admin1, cc, origin)
                continue
            p = found.place
            rows.append(
                (
                    cc,
                    admin1,
                    admin2,
                    admin3,
                    location,
                    p.place_id,
                    p.kind,
                    found.precision,
                    p.lon,
                    p.lat,
                    p.country,
                    area_wkt(p, found.precision),
                )
            )
        return store.place_events(origin, rows)

    def _areas(store: Store) -> int:
        """Give region- and country-level events with only an anchor point their area."""
        pending = store.point_areas(origin)
        if not pending:
            return 0
        gaz = gazetteer if gazetteer is not None else _bundled()
        rows = []
        for cc, admin1, precision in pending:
            place = area_of(gaz, country=cc, admin1=admin1, precision=precision)
            if place is not None and place.geometry_wkt:
                rows.append((cc, admin1, precision, place.geometry_wkt))
        return store.set_areas(origin, rows)

    return geocode


def area_wkt(place: Place, precision: int) -> str | None:
    """Return the area an event placed at ``place`` with ``precision`` covers, or ``None``.

    Region- and country-level events (precision 3, 4) found at a place with a geometry
    (a region, a country, an area) are stored with that geometry; their point is only an
    anchor for maps.
    """
    if precision >= 3 and place.kind != "town" and place.geometry_wkt:  # noqa: PLR2004
        return place.geometry_wkt
    return None


def area_of(
    gazetteer: Gazetteer, *, country: str, admin1: str | None, precision: int
) -> Place | None:
    """Return the region (``admin1``, precision 3) or country (precision 4) an event covers."""
    if precision >= 4 or not admin1:  # noqa: PLR2004
        return gazetteer.country(country) if precision >= 4 else None  # noqa: PLR2004
    res = gazetteer.resolve(admin1, countries=(country,))
    place = _pick(res.place, res.candidates, country=country, region=True)
    return place if place is not None and place.kind == "region" else None


def _bundled() -> Gazetteer:
    """Return the bundled gazetteer (imported late: only rows without coordinates need it)."""
    from geoevents.gazetteer import load_gazetteer

    return load_gazetteer()
