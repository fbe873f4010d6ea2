"""A geopy ``Geocoder`` over the offline gazetteer, so geopy and geopandas work without a network.

Example::

    import geopandas
    from geoevents.geocoding.geopy_adapter import SahelGazetteer

    gdf = geopandas.tools.geocode(["Tin-Zaouatene", "Ségou"], provider=SahelGazetteer)
    # or with an extended gazetteer and a country preference:
    gdf = geopandas.tools.geocode(names, provider=SahelGazetteer, gazetteer="sahel-full.tsv.gz",
                                  countries=["ML"])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geoevents.geocoding.api import Gazetteer, load_gazetteer
from geoevents.models import Resolution

__all__ = ["SahelGazetteer"]


class SahelGazetteer(Geocoder):  # type: ignore[misc]  # geopy ships no types: Geocoder is Any
    """geopy geocoder answering from a geoevents gazetteer (no HTTP request is ever made).

    Parameters
    ----------
    gazetteer : Gazetteer, str or Path, optional
        A loaded gazetteer or a gazetteer file; ``None`` uses the bundled one.
    countries : sequence of str
        Preferred countries (ISO2) for every query.
    context : str, optional
        A sentence shared by every query (helps disambiguation).
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | str | Path | None = None,
        countries: Sequence[str] = (),
        context: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.gazetteer = (
            gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
        )
        self.countries = tuple(countries)
        self.context = context

    @staticmethod
    def _location(res: Resolution) -> Location | None:
        p = res.place
        if p is None:
            return None
        label = ", ".join(
            x for x in (p.name, p.admin1 if p.admin1 != p.name else None, p.country) if x
        )
        raw = {
            "place_id": p.place_id,
            "name": p.name,
            "kind": p.kind,
            "country": p.country,
            "admin1": p.admin1,
            "geo_precision": p.geo_precision,
            "score": res.score,
            "source": p.source,
            "geometry_wkt": p.geometry_wkt,
            "reason": res.reason,
        }
        return Location(label, (p.lat, p.lon), raw)

    def geocode(
        self,
        query: object,  # geopy callers pass a str, a dict or None; each is read as text
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        context: str | None = None,
        countries: Sequence[str] = (),
    ) -> Location | list[Location] | None:
        """Return the best place for ``query`` (or up to ``limit`` candidates when not ``exactly_one``).

        Parameters
        ----------
        query : str
            A place name or phrase ("près de Gao").
        exactly_one : bool
            geopy's switch: one Location (or None) when true, else a list.
        limit : int, optional
            Maximum number of Locations when ``exactly_one`` is false.
        context : str, optional
            Overrides the geocoder's shared context sentence.
        countries : sequence of str
            Overrides the geocoder's preferred countries.

        Returns
        -------
        Location, list of Location, or None
        """
        if not isinstance(query, str):
            query = "" if query is None else str(query)
        res = self.gazetteer.resolve(
            query, context=context or self.context, countries=tuple(countries) or self.countries
        )
        if exactly_one:
            return self._location(res)
        found = [
            loc
            for loc in (self._location(r) for r in self.gazetteer.search(query, limit=limit or 10))
            if loc
        ]
        if res.place is not None:
            best = self._location(res)
            found = [best, *[f for f in found if f.raw["place_id"] != res.place.place_id]]
        return found[: limit or 10] or None

    def reverse(
        self, query: object, *, exactly_one: bool = True, limit: int | None = None
    ) -> Location | list[Location] | None:
        """Return the nearest town (or towns) to a ``(lat, lon)`` point, from the gazetteer."""
        from geopy.point import Point as GeoPoint

        pt = GeoPoint(query)
        lat, lon = pt.latitude, pt.longitude
        gaz = self.gazetteer
        best = sorted(
            (
                p
                for p in gaz.places
                if p.kind == "town" and abs(p.lat - lat) < 1.0 and abs(p.lon - lon) < 1.0
            ),
            key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * 0.9) ** 2,
        )[: (1 if exactly_one else (limit or 5))]
        locs = [
            self._location(Resolution(p.name, p, 1.0, (), "reverse: nearest town")) for p in best
        ]
        if exactly_one:
            return locs[0] if locs else None
        return locs or None
