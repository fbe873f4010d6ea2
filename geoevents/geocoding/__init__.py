"""Geocoding, one layer on the next (the package being gathered here, issue 13).

Layers, each importing only those before it:

1. :mod:`.regions` -- the one table of the project's countries (the core Sahel, its
   neighbourhood, the basemap's countries);
2. :mod:`.distance` -- the one great-circle distance and offset point.

Next to come here: names (folding, variants, transliteration, today :mod:`geoevents._text`),
the index (:mod:`geoevents.gazetteer`), ranking (:mod:`geoevents._context`,
:mod:`geoevents.geocode`) and phrases. The public names stay importable from
:mod:`geoevents.gazetteer` and :mod:`geoevents.geocode`.
"""

from __future__ import annotations

from geoevents.geocoding.distance import destination, km
from geoevents.geocoding.regions import BASEMAP_COUNTRIES, NEIGHBOURS, SAHEL

__all__ = ["BASEMAP_COUNTRIES", "NEIGHBOURS", "SAHEL", "destination", "km"]
