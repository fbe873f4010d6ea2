"""The context of a geocoding query, moved to :mod:`geoevents.geocoding.context`."""

from __future__ import annotations

from geoevents.geocoding.context import Context

__all__ = ["Context"]
