"""Country keys -> ISO 3166-1 alpha-2, for the datasets' country columns.

Keys are ISO numeric codes without leading zeros (ACLED ``iso``: ``466``), ISO alpha-3
(ACLED ``iso3``, UCDP/GDELT actor codes: ``mli``) and names in lower case without accents
(ISO names from pycountry, plus the spellings ACLED and UCDP use that ISO does not).
"""

from __future__ import annotations

import unicodedata
from functools import cache

#: Dataset spellings that differ from ISO 3166 names (source: the country lists of ACLED's
#: and UCDP GED's codebooks; UCDP's parenthesised former names are stripped before lookup).
ALIASES: dict[str, str] = {
    "russia": "RU",
    "turkey": "TR",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "zaire": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo": "CG",
    "ivory coast": "CI",
    "cape verde": "CV",
    "kingdom of eswatini": "SZ",
    "swaziland": "SZ",
    "palestine": "PS",
    "micronesia": "FM",
    "brunei": "BN",
    "east timor": "TL",
    "kosovo": "XK",
    "macedonia": "MK",
    "macedonia, fyr": "MK",
    "bosnia-herzegovina": "BA",
    "the gambia": "GM",
    "gambia": "GM",
    "united states": "US",
    "united states of america": "US",
    "united kingdom": "GB",
    "vatican city": "VA",
    "caribbean netherlands": "BQ",
    "bonaire, saint eustatius and saba": "BQ",
    "saint helena, ascension and tristan da cunha": "SH",
    "north korea": "KP",
    "south korea": "KR",
    "syria": "SY",
    "laos": "LA",
    "iran": "IR",
    "yemen (north yemen)": "YE",
    "south yemen": "YE",
    "sao tome and principe": "ST",
    "curacao": "CW",
    "reunion": "RE",
    "czechia": "CZ",
}


def fold(name: str) -> str:
    """Return a name folded for lookup: lower case, accents removed, spaces squeezed.

    Examples
    --------
    >>> fold("  Côte d'Ivoire ")
    "cote d'ivoire"
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


@cache
def country_key_rows() -> tuple[tuple[str, str], ...]:
    """Return (key, ISO2) rows: numeric codes, alpha-3 codes, names, official and common names."""
    import pycountry

    rows: dict[str, str] = {}
    for c in pycountry.countries:
        cc = c.alpha_2
        rows.setdefault(str(int(c.numeric)), cc)
        rows.setdefault(c.alpha_3.lower(), cc)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                rows.setdefault(fold(value), cc)
    for key, cc in ALIASES.items():
        rows[fold(key)] = cc
    rows["xkx"] = "XK"  # Kosovo's user-assigned alpha-3 (UCDP, World Bank)
    rows["ksv"] = "XK"  # Kosovo in CAMEO actor codes
    return tuple(rows.items())
