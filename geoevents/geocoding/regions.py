"""The project's country groups, in one table (ISO 3166-1 alpha-2 codes)."""

from __future__ import annotations

#: The core Sahel countries.
SAHEL = frozenset({"ML", "BF", "NE", "MR", "TD"})
#: The Sahel and its neighbourhood: every GeoNames cities500 town of these is in the bundled
#: gazetteer, their names are searched for near spellings, and their borders are kept as lines.
NEIGHBOURS_ORDER = ("ML", "BF", "NE", "MR", "TD", "DZ", "SN", "GM", "GW", "GN", "SL", "LR", "CI", "GH",
                    "TG", "BJ", "NG", "CM", "CF", "SD", "SS", "LY", "MA", "EH", "TN", "EG", "ER", "ET")  # fmt: skip
NEIGHBOURS = frozenset(NEIGHBOURS_ORDER)
#: Countries drawn by default on a basemap (the neighbourhood without its far east).
BASEMAP_COUNTRIES = NEIGHBOURS - {"SS", "EG", "ER", "ET"}
