"""The geopy geocoder, moved to :mod:`geoevents.geocoding.geopy_adapter`; importable here too."""

from __future__ import annotations

from geoevents.geocoding.api import Gazetteer, load_gazetteer
from geoevents.geocoding.geopy_adapter import SahelGazetteer

__all__ = ["Gazetteer", "SahelGazetteer", "load_gazetteer"]
