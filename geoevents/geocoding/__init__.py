"""Geocoding: place names and phrases to places, one layer on the next (issue 13).

Each module imports only those before it (``tests/test_geocoding_layers.py`` checks it):

1. :mod:`.regions` -- the one table of the project's countries (the core Sahel, its
   neighbourhood, the basemap's countries);
2. :mod:`.distance` -- the one great-circle distance and offset point;
3. :mod:`.names` -- folding, variants, transliteration: the keys names are indexed on;
4. :mod:`.index` -- :class:`~.index.GazetteerIndex`: places, and the exact, phonetic and
   near-spelling lookups on their names;
5. :mod:`.files` -- reading and writing gazetteer files, the load-speed sidecars;
6. :mod:`.candidates` -- :class:`~.candidates.Candidate` and :class:`~.candidates.Ranked`,
   the typed records lookups and ranking give;
7. :mod:`.context` -- what the sentence, the hints and the document say;
8. :mod:`.rank` -- name score, priors, hints and context into one total;
9. :mod:`.match` -- plain names: exact, spelling variants, near spellings;
10. :mod:`.phrases` -- relative phrases, borders, areas: a table of steps;
11. :mod:`.api` -- :class:`~.api.Gazetteer`, :func:`~.api.load_gazetteer`,
    :func:`~.api.resolve`, :func:`~.api.resolve_many`, :func:`~.api.search`...;
12. on top: :mod:`.geopy_adapter` (a geopy ``Geocoder``) and :mod:`.geonames` (GeoNames dumps).

The public names stay importable from :mod:`geoevents`, :mod:`geoevents.gazetteer` and
:mod:`geoevents.geocode`. Importing this package loads only the first two layers.
"""

from __future__ import annotations

from geoevents.geocoding.distance import destination, km
from geoevents.geocoding.regions import BASEMAP_COUNTRIES, NEIGHBOURS, SAHEL

__all__ = ["BASEMAP_COUNTRIES", "NEIGHBOURS", "SAHEL", "destination", "km"]
