"""Name folding, moved to :mod:`geoevents.geocoding.names`; these names stay importable here."""

from __future__ import annotations

from geoevents.geocoding.names import clean_names, fold, is_arabic, is_latin, key, phonetic

__all__ = ["clean_names", "fold", "is_arabic", "is_latin", "key", "phonetic"]
