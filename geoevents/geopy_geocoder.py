"""The geopy geocoder, moved to :mod:`geoevents.geocoding.geopy_adapter`; importable here too."""

from __future__ import annotations

from geoevents.geocoding.geopy_adapter import SahelGazetteer

__all__ = ["SahelGazetteer"]
