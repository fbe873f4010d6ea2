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
#: The countries and territories of Africa (UN M49 region 002): a bracket's unit names that
#: tie between a country of Africa and one elsewhere are read as Africa's, the continent the
#: project's texts report on.
AFRICA = frozenset({
    "DZ", "EG", "LY", "MA", "SD", "TN", "EH", "IO", "BI", "KM", "DJ", "ER", "ET", "TF", "KE",
    "MG", "MW", "MU", "YT", "MZ", "RE", "RW", "SC", "SO", "SS", "UG", "TZ", "ZM", "ZW", "AO",
    "CM", "CF", "TD", "CG", "CD", "GQ", "GA", "ST", "BW", "SZ", "LS", "NA", "ZA", "BJ", "BF",
    "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SH", "SN", "SL", "TG",
})  # fmt: skip
