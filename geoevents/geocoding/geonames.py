"""Extend a gazetteer with GeoNames country dumps (``ML.txt``, ``BF.txt`` ... from the GeoNames export).

The GeoNames importer sits on top of the geocoding package: it reads and writes gazetteer
files with :mod:`.index` and folds names with :mod:`.names`.

``build_extended(["ML.txt", "BF.txt"], "sahel-full.tsv.gz")`` writes the bundled gazetteer
plus every populated place, administrative unit, area and named feature of the dumps.
A dump row whose GeoNames id is already in the base (a cities500 town, or a curated
row citing that id) only adds its alternate names to it; same-named towns less than
5 km from a base town are merged the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from geoevents.errors import GazetteerFormatError
from geoevents.geocoding.files import (
    bundled_path,
    open_text,
    read_index,
    write_index,
    write_rows,
)
from geoevents.geocoding.index import GazetteerIndex
from geoevents.geocoding.names import clean_names, key

log = logging.getLogger(__name__)

#: GeoNames feature class -> gazetteer kind (classes not listed are skipped: roads, vegetation).
CLASS_KIND = {
    "P": "town",
    "A": "region",
    "L": "area",
    "H": "feature",
    "T": "feature",
    "S": "feature",
}
#: Feature codes skipped inside kept classes (historical, abandoned or too fine units).
SKIP_CODES = frozenset(
    {
        "PPLH",
        "PPLQ",
        "PPLW",
        "ADM4",
        "ADM5",
        "ADMD",
        "PCLH",
        "ADM1H",
        "ADM2H",
        "ADM3H",
        "ZN",
        "ZNB",
        "PCLI",
        "PCLD",
        "PCLS",
        "PCLF",
        "PCLIX",
        "TERR",
        "RESF",
        "RESN",
    }
)
_GEONAMES_ID = re.compile(r"GeoNames (\d+)")
_UNIT_WORDS = re.compile(
    r"^(?:Cercle|Commune(?: rurale| urbaine)?|Province|Département|Departement|Department|Préfecture|Région|"
    r"Region|Moughataa|Wilaya|Arrondissement)\s+(?:de la |de l['’]|du |de |des |d['’])?|"
    r"\s+(?:Cercle|Commune|Province|Department|Département|Prefecture|Region|Moughataa|District)$",
    re.IGNORECASE,
)
_RESERVE_WORDS = re.compile(
    r"^(?:Forêt|Foret|Réserve|Reserve|Parc|Ranch)(?:\s+(?:Classée|Classee|Partielle|Totale|National|Nationale|"
    r"Sylvo-Pastorale|de Faune|Forestière|Forestiere|du Gibier|de Gibier))*\s+(?:de la |de l['’]|du |de |des |d['’])?|"
    r"\s+(?:Forest|Forest Reserve|Classified Forest|National Park|Game Reserve|Reserve)$",
    re.IGNORECASE,
)
_ADM_SUFFIX = re.compile(
    r"\s+(?:Region|Province|Department|District|Prefecture)$|^(?:Région|Province) (?:de la |de l'|du |de |des )",
    re.IGNORECASE,
)


def read_base_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield the rows of a gazetteer file as dicts (comments skipped)."""
    with open_text(path) as fh:
        header = None
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if header is None:
                header = f
                continue
            if len(f) != len(header):
                msg = f"{path}:{n}: {len(f)} columns, expected {len(header)}"
                raise GazetteerFormatError(msg)
            yield dict(zip(header, f, strict=True))


def read_dump(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, 19 fields)`` of a GeoNames dump; GazetteerFormatError on a bad row."""
    with open(path, encoding="utf-8", newline="\n") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\r\n").split("\t")
            if len(f) != 19:
                raise GazetteerFormatError(
                    f"{path}:{n}: {len(f)} tab-separated columns, a GeoNames dump has 19"
                )
            try:
                float(f[4]), float(f[5]), int(f[0])
            except ValueError:
                raise GazetteerFormatError(
                    f"{path}:{n}: bad geonameid/latitude/longitude {f[0]!r} {f[4]!r} {f[5]!r}"
                ) from None
            yield n, f


#: Feature codes kept from classes H, T, S, L and V: what news and coders name (wells, wadis,
#: rivers, lakes, mountains, airports, camps, forests, named areas). Classes P and A are kept whole.
FEATURE_CODES = frozenset(
    {
        # hydrography
        "WLL",
        "WLLS",
        "WLLQ",
        "WTRH",
        "WAD",
        "WADS",
        "STM",
        "STMS",
        "LK",
        "LKI",
        "LKS",
        "LKSI",
        "PND",
        "PNDI",
        "PNDS",
        "SPNG",
        "RSV",
        # terrain
        "MT",
        "MTS",
        "HLL",
        "HLLS",
        "PLAT",
        "RDGE",
        "PASS",
        "ERG",
        "VAL",
        "GRGE",
        "ISL",
        "ISLS",
        "MESA",
        "CLF",
        # spots
        "AIRP",
        "AIRF",
        "AIRB",
        "AIRQ",
        "AIRH",
        "INSM",
        "MILB",
        "FT",
        "PSTB",
        "CMP",
        "CMPRF",
        "MN",
        "MNAU",
        "MNN",
        "DAM",
        "PRN",
        "MKT",
        "BDG",
        # areas
        "AREA",
        "RGN",
        "RGNL",
        "LCTY",
        "OAS",
        "RESF",
        "RESN",
        "RESW",
        "RESV",
        "PRK",
        # vegetation
        "FRST",
    }
)
#: Alternate names kept per place: every one for towns and units, a few for features.
NAMES_LIMIT = {"town": 400, "region": 400}
FEATURE_NAMES_LIMIT = 12


def admin_code(f: Sequence[str]) -> str:
    """Return the admin code path ``CC.A1.A2.A3`` of a dump row (empty parts and ``00`` dropped).

    Examples
    --------
    >>> admin_code(["1", "Bamba", "", "", "0", "0", "P", "PPL", "ML", "", "09", "", "", ""])
    'ML.09'
    >>> admin_code(["1", "X", "", "", "0", "0", "P", "PPL", "NE", "", "00", "", "", ""])
    'NE'
    """
    parts = [f[8]]
    for c in (f[10], f[11], f[12]):
        if not c or c == "00":
            break
        parts.append(c)
    return ".".join(parts)


def merge_dumps(
    rows: list[dict[str, str]],
    dumps: Sequence[str | Path],
    *,
    codes: frozenset[str] | None = FEATURE_CODES,
    arabic: bool = True,
) -> tuple[int, int]:
    """Add the places of GeoNames ``dumps`` to gazetteer ``rows`` (dicts, changed in place).

    Kept: classes P (except historical and abandoned places) and A (ADM1-3), and the
    features of classes H, T, S, L, V whose code is in ``codes`` (``None``: every one).
    A dump row whose GeoNames id is already a row (a cities500 town, or a curated row
    citing that id), or a same-named town less than ~5 km from one, adds its names and
    admin code to that row. Returns ``(added, merged)``.
    """
    by_gid: dict[str, dict[str, str]] = {}
    towns_by_key: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        if r["place_id"].startswith("geonames:"):
            by_gid[r["place_id"][9:]] = r
        for m in _GEONAMES_ID.finditer(r["source"]):
            by_gid.setdefault(m.group(1), r)
        if r["kind"] == "town":
            towns_by_key.setdefault(key(r["name"]), []).append(r)
    added = merged = 0
    for dump in dumps:
        dump = Path(dump)
        parsed = list(read_dump(dump))
        # admin-1 names: the base gazetteer's name for that GeoNames unit, else the dump's
        admin1 = {
            (f[8], f[10]): (by_gid[f[0]]["name"] if f[0] in by_gid else _ADM_SUFFIX.sub("", f[1]))
            for _, f in parsed
            if f[7] == "ADM1"
        }
        for _, f in parsed:
            kind = CLASS_KIND.get(f[6])
            if f[6] == "V":
                kind = "area"
            if kind is None or (f[7] in SKIP_CODES and f[7] not in (codes or ())):
                continue
            if f[6] not in ("P", "A") and codes is not None and f[7] not in codes:
                continue
            gid, name = f[0], f[1]
            limit = NAMES_LIMIT.get(kind, FEATURE_NAMES_LIMIT)
            names = [f[2], *sorted(f[3].split(","))]
            if (
                f[6] == "A"
            ):  # "Cercle de Koro", "Province du Soum", "Tahoua Department": also "Koro", "Soum"
                names += [
                    b
                    for b in (_UNIT_WORDS.sub("", n).strip() for n in (name, *names))
                    if b and b != name
                ]
            elif f[7] in (
                "RESF",
                "RESN",
                "RESW",
                "PRK",
                "FRST",
            ):  # "Forêt Classée de Kou": also "Kou"
                names += [
                    b
                    for b in (_RESERVE_WORDS.sub("", n).strip() for n in (name, *names))
                    if b and b != name
                ]
            alts = clean_names(names, limit=limit, arabic=arabic)
            hit = by_gid.get(gid)
            if hit is None and kind == "town":
                hit = _near_same_name(
                    [r for r in towns_by_key.get(key(name), ()) if r["country"] == f[8]],
                    float(f[4]),
                    float(f[5]),
                )
            if hit is not None:
                known = {key(hit["name"]), *(key(a) for a in hit["names"].split("|") if a)}
                new = [a for a in [name, *alts] if key(a) not in known]
                if new:
                    hit["names"] = "|".join([a for a in hit["names"].split("|") if a] + new)
                if hit["country"] == f[8]:  # the country's own dump is the authority on its units
                    hit["admin_code"] = admin_code(f)
                    if hit["kind"] == "region" and not hit["geometry"]:
                        hit["lat"], hit["lon"] = (
                            f[4],
                            f[5],
                        )  # rather than the mean of the towns filed under it
                merged += 1
                continue
            if kind == "region" and f[7] not in ("ADM1", "ADM2", "ADM3"):
                kind = "area"
            row = {
                "place_id": f"geonames:{gid}",
                "name": name,
                "kind": kind,
                "country": f[8],
                "admin1": admin1.get((f[8], f[10]), ""),
                "lat": f[4],
                "lon": f[5],
                "population": f[14] or "0",
                "fcode": f[7],
                "names": "|".join(a for a in alts if key(a) != key(name)),
                "source": f"geonames-dump:{dump.name}",
                "geometry": "",
                "admin_code": admin_code(f),
            }
            rows.append(row)
            by_gid[gid] = row
            if kind == "town":
                towns_by_key.setdefault(key(name), []).append(row)
            added += 1
        log.info("%s: %d rows read", dump, len(parsed))
    return added, merged


def build_extended(
    dumps: Sequence[str | Path], out: str | Path, *, base: str | Path | None = None
) -> dict[str, int]:
    """Write ``out``: the ``base`` gazetteer (default: bundled) plus the places of GeoNames ``dumps``.

    Parameters
    ----------
    dumps : sequence of path
        GeoNames country dumps (19 tab-separated columns, no header).
    out : path
        The gazetteer file to write (``.tsv`` or ``.tsv.gz``); an index sidecar ``out.idx``
        is written beside it.
    base : path, optional
        The gazetteer to extend.

    Returns
    -------
    dict
        ``places`` (total), ``added`` (new rows from dumps), ``merged`` (dump rows folded
        into existing places).
    """
    base_path = Path(base) if base else bundled_path()
    rows = list(read_base_rows(base_path))
    added, merged = merge_dumps(rows, dumps)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = write_rows(
        out,
        rows,
        comment=f"geoevents gazetteer: {base_path.name} + GeoNames dumps "
        f"{', '.join(Path(d).name for d in dumps)}; GeoNames (geonames.org) CC BY 4.0",
    )
    index = read_index(out, GazetteerIndex, use_index=False)
    write_index(index, out.with_name(out.name + ".idx"))
    return {"places": n, "added": added, "merged": merged}


def _near_same_name(
    cands: Sequence[dict[str, str]], lat: float, lon: float
) -> dict[str, str] | None:
    for r in cands:
        if abs(float(r["lat"]) - lat) < 0.05 and abs(float(r["lon"]) - lon) < 0.05:
            return r
    return None
