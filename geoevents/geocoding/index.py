"""The gazetteer index: places, their names and the lookups on them (the second layer).

Above :mod:`.names`; it knows places, names and their keys, never queries or context.
:class:`GazetteerIndex` holds the places (numbered by their row: the *index* of a place) with
an exact index (folded keys), a transliteration index (built, or read from a sidecar, on first
need) and near-spelling pools; its lookups give ``(index, name score)`` pairs. Rows of kind
``demonym`` are not places: they teach :meth:`GazetteerIndex.country_code` words such as
"malien" or "Nigerien". Reading and writing gazetteer files is :mod:`.files`.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from geoevents.geocoding.names import fold, key, phonetic
from geoevents.geocoding.regions import BASEMAP_COUNTRIES, NEIGHBOURS, SAHEL
from geoevents.models import Place

if TYPE_CHECKING:
    import geopandas


#: Countries whose names are searched for near spellings (the Sahel and its neighbours).
FUZZY_COUNTRIES = NEIGHBOURS
#: Name scores: an alternate name far from the Sahel (often another language's exonym), and a
#: transliteration-key match; a score from EXACT_KEY up means the folded name itself matched.
ALT_FAR = 0.89
PHONETIC = 0.88
EXACT_KEY = 0.885


class Shape(Protocol):
    """What the geocoding layers use of a shapely geometry."""

    def distance(self, other: object) -> float:
        """Return the planar distance to ``other``, in degrees."""
        ...


class PreparedShape(Protocol):
    """What the geocoding layers use of a prepared shapely geometry."""

    @property
    def context(self) -> Shape:
        """The geometry that was prepared."""
        ...

    def contains(self, other: object) -> bool:
        """Tell whether ``other`` lies inside."""
        ...


#: A name index: key -> one code (an int) or several (a list), see :func:`_add`.
NameIndex = dict[str, int | list[int]]
#: Near-spelling pools: (first two letters, length) -> transliteration keys.
Buckets = dict[tuple[str, int], list[str]]
#: What the lazily read part of a sidecar holds: phonetic index, alternate names, pools.
Lazy = tuple[NameIndex, list[tuple[str, ...]], Buckets]


def _importance(kind: str, fcode: str, pop: int) -> float:
    """Return a prior in [0, 1]: capitals and big towns first, then regions, then small places."""
    base = math.log10(pop + 1) / 7.0 if pop > 0 else 0.0
    if fcode == "PPLC":
        base += 0.35
    elif fcode == "PPLA":
        base += 0.15
    elif fcode == "PPLA2":
        base += 0.08
    elif fcode in ("PPLA3", "PPLA4"):
        base += 0.04
    elif fcode == "CURATED":
        base += 0.2
    if kind == "country":
        base = 1.0
    elif kind == "border" or fcode == "AREA":
        base = max(base, 0.45)  # the curated named zones
    elif kind == "area":
        base = min(base, 0.1)  # GeoNames localities and tracts (dumps)
    elif kind == "region":
        # a bare name means the town more often than the region named after it
        base = 0.3 if fcode == "ADM1" else 0.15
    elif kind == "feature":
        base *= 0.5
    return min(base, 1.0)


class GazetteerIndex:
    """An in-memory gazetteer with exact, phonetic and fuzzy name indexes.

    Places are :class:`geoevents.models.Place`, numbered by their row (the *index* of a place);
    lookups return ``(index, name score)`` pairs. :class:`geoevents.geocoding.api.Gazetteer`
    adds the resolution of free-text queries; build one with
    :func:`geoevents.geocoding.api.load_gazetteer`.
    """

    def __init__(
        self,
        places: list[Place],
        names: list[tuple[str, ...]] | dict[int, tuple[str, ...]],
        fcodes: list[str],
        demonyms: dict[str, str],
        *,
        path: Path | None = None,
        comment: str = "",
        index: tuple[NameIndex, NameIndex | Callable[[], Lazy]] | None = None,
        admin_codes: list[str] | None = None,
        importance: list[float] | None = None,
    ) -> None:
        # ``names``: every place's alternate names; with a sidecar ``index`` only those of the
        # countries and borders, the rest arriving with the lazily loaded phonetic index.
        self.places = places
        self.path = path
        self.comment = comment
        self.fcodes = fcodes
        #: GeoNames admin code path per place ("ML.04.7670549"; "" when unknown)
        self.admin_codes = admin_codes if admin_codes is not None else [""] * len(places)
        self._all_names = names if isinstance(names, list) else None
        self._lock = threading.RLock()
        self.by_id: dict[str, int] = {}
        # exact: folded key -> code or [codes], code = 2 * index + (1 if main name else 0)
        self.exact: dict[str, int | list[int]] = {}
        self._phon: dict[str, int | list[int]] | None = None
        self._phon_loader: Callable[[], Lazy] | None = None
        self._countries: dict[str, int] = {}
        self._borders: dict[frozenset[str], int] = {}
        self._cc_words: dict[str, str] = dict(demonyms)
        #: the demonym rows of the file (word key -> ISO2), kept for the load-speed index
        self.demonyms = demonyms
        n_places = len(places)
        ids = [p.place_id for p in places]
        self.by_id = dict(
            zip(reversed(ids), range(n_places - 1, -1, -1))
        )  # the first row of an id wins
        kinds = [p.kind for p in places]
        self.importance = (
            importance
            if importance is not None
            else [_importance(kinds[i], fcodes[i], places[i].population) for i in range(n_places)]
        )
        for i in (i for i, k in enumerate(kinds) if k in ("border", "country")):
            p = places[i]
            if p.kind == "border":
                self._borders[frozenset(names[i])] = i
                continue
            self._countries[p.country or ""] = i
            for n in (p.name, *names[i]):
                self._cc_words.setdefault(key(n), p.country or "")
        if index is None:
            exact = self.exact
            for i, p in enumerate(places):
                if kinds[i] == "border":
                    continue
                for j, n in enumerate((p.name, *names[i])):
                    k = key(n)
                    if k:
                        _add(exact, k, 2 * i + (j == 0))
        if index is not None:
            self.exact, phon = index
            if callable(phon):
                self._phon_loader = phon
            else:
                self._phon = phon
        self._fuzzy: dict[tuple[str, int], list[str]] | None = None
        self._fuzzy_memo: dict[str, list[tuple[int, float]]] = {}
        self._fuzzy_pools: dict[tuple[str, int, int], list[str]] = {}
        self._fuzzy_ready: Buckets | None = None
        self._capitals: dict[str, Place] | None = None
        self._capital_names: dict[str, str] | None = None
        self._by_fcodes: dict[frozenset[str], list[int]] = {}
        self._by_admin1: dict[tuple[str | None, str], list[int]] = {}
        self._unit_shapes: dict[int, PreparedShape] = {}
        #: country outlines parsed by :meth:`country_shape` (ISO2 code -> geometry or None)
        self.country_shapes: dict[str, Shape | None] = {}

    def clear_caches(self) -> None:
        """Forget the near spellings memoised by earlier queries (for benchmarks)."""
        self._fuzzy_memo.clear()

    # -- lookups --------------------------------------------------------------------
    @property
    def _names(self) -> list[tuple[str, ...]]:
        """Alternate names of every place (loaded with the phonetic index when from a sidecar)."""
        if self._all_names is None:
            self.phon  # noqa: B018
        return self._all_names  # type: ignore[return-value]  # self.phon just loaded it

    @property
    def phon(self) -> dict[str, int | list[int]]:
        """The phonetic index: transliteration key -> place index or [indexes] (built lazily)."""
        if self._phon is None:
            with self._lock:
                if self._phon is None:
                    if self._phon_loader is not None:
                        self._phon, self._all_names, self._fuzzy_ready = self._phon_loader()
                    else:
                        phon: dict[str, int | list[int]] = {}
                        for i, p in enumerate(self.places):
                            if p.kind == "border":
                                continue
                            for n in (p.name, *self._names[i]):
                                ph = phonetic(n)
                                if ph:
                                    _add(phon, ph, i)
                        self._phon = phon
        return self._phon

    @property
    def alt_names(self) -> list[tuple[str, ...]]:
        """The alternate names of every place, by index (read with the phonetic index when lazy)."""
        return self._names

    def names_of(self, i: int) -> tuple[str, ...]:
        """Return the alternate names of place ``i`` (its main name is ``places[i].name``)."""
        return self._names[i]

    def written(self, place: Place, name: str) -> bool:
        """Tell whether ``place`` is called ``name`` as written, up to case and accents (its
        main or an alternate name), not only after spelling folding ("Souk" is not "So Uk")."""
        want = fold(name)
        if fold(place.name) == want:
            return True
        i = self.index_of(place.place_id)
        return i is not None and any(fold(n) == want for n in self._names[i])

    def index_of(self, place_id: str) -> int | None:
        """Return the index of the place with ``place_id`` (the first row of that id), or ``None``."""
        return self.by_id.get(place_id)

    def has_key(self, k: str) -> bool:
        """Tell whether a folded key (see :func:`geoevents.geocoding.names.key`) names a place."""
        return k in self.exact

    def cc_word(self, k: str) -> str | None:
        """Return the ISO2 code of a country name or demonym given by its key, else ``None``."""
        return self._cc_words.get(k)

    def neighbours(self, cc: str) -> set[str]:
        """Return the countries sharing a border line with ``cc`` in this gazetteer."""
        return {next(iter(k - {cc})) for k in self._borders if cc in k}

    def with_fcodes(self, fcodes: frozenset[str]) -> list[int]:
        """Return the indexes of the places whose GeoNames feature code is in ``fcodes`` (memoised)."""
        out = self._by_fcodes.get(fcodes)
        if out is None:
            out = self._by_fcodes[fcodes] = [i for i, f in enumerate(self.fcodes) if f in fcodes]
        return out

    def in_admin1(self, cc: str | None, unit: str) -> list[int]:
        """Return the indexes of the places of country ``cc`` whose first-level unit has the
        key ``unit`` (memoised)."""
        out = self._by_admin1.get((cc, unit))
        if out is None:
            out = self._by_admin1[(cc, unit)] = [
                i
                for i, p in enumerate(self.places)
                if p.country == cc and p.admin1 and key(p.admin1) == unit
            ]
        return out

    def unit_shape(self, i: int) -> PreparedShape:
        """Return the outline of admin unit ``i`` widened by 0.1 degree, prepared (parsed once).

        Only for a place with a ``geometry_wkt``; the result has ``contains`` and, through
        ``context``, the shapely geometry.
        """
        shape = self._unit_shapes.get(i)
        if shape is None:
            from shapely import prepared, wkt

            wkt_text = self.places[i].geometry_wkt or ""
            shape = self._unit_shapes[i] = prepared.prep(wkt.loads(wkt_text).buffer(0.1))
        return shape

    def hits(self, k: str) -> list[tuple[int, bool]]:
        """Return ``(index, is main name)`` for a folded key (see :func:`geoevents._text.key`)."""
        v = self.exact.get(k)
        if v is None:
            return []
        if isinstance(v, int):
            return [(v >> 1, bool(v & 1))]
        return [(c >> 1, bool(c & 1)) for c in v]

    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        """Return the place with ``place_id``, or ``None``."""
        i = self.by_id.get(place_id)
        return self.places[i] if i is not None else None

    def country(self, cc: str) -> Place | None:
        """Return the country ``cc`` (ISO2) with its simplified polygon, or ``None``."""
        i = self._countries.get((cc or "").upper())
        return self.places[i] if i is not None else None

    def capital(self, cc: str) -> Place | None:
        """Return the capital town of country ``cc``, or ``None``."""
        caps = self._capitals
        if caps is None:
            caps = {}
            for i, p in enumerate(self.places):
                if self.fcodes[i] == "PPLC" and p.kind == "town" and p.country:
                    best = caps.get(p.country)
                    if best is None or p.population > best.population:
                        caps[p.country] = p
            self._capitals = caps
        return caps.get((cc or "").upper())

    def capital_of(self, name: str) -> str | None:
        """Return the ISO2 code of the country whose capital is called ``name``, else ``None``.

        Examples: "Ouagadougou" -> "BF", "Niamey" -> "NE"; a town that is no capital -> None.
        """
        k = key(name or "")
        if not k:
            return None
        if self._capital_names is None:
            self.capital("")  # fills the capitals once
            self._capital_names = {key(p.name): cc for cc, p in (self._capitals or {}).items()}
        return self._capital_names.get(k)

    def border(self, cc_a: str, cc_b: str) -> Place | None:
        """Return the border line between two countries, or ``None`` when they do not touch."""
        i = self._borders.get(frozenset({(cc_a or "").upper(), (cc_b or "").upper()}))
        return self.places[i] if i is not None else None

    def borders_of(self, cc: str) -> list[Place]:
        """Return every border line of country ``cc``."""
        cc = (cc or "").upper()
        return [self.places[i] for k, i in self._borders.items() if cc in k]

    def country_code(self, word: str) -> str | None:
        """Return the ISO2 code a country name or demonym designates (FR/EN), else ``None``.

        Examples: "Russie", "russe", "Malian", "Algérie", "Tchad", "nigérienne".
        """
        k = key(word or "")
        if not k:
            return None
        cc = self._cc_words.get(k)
        if cc is None and len(k) > 4 and k.endswith("s"):
            cc = self._cc_words.get(k[:-1])
        if cc is None:
            k2 = key(" ".join(w for w in fold(word).split() if w not in _ARTICLES))
            cc = self._cc_words.get(k2) if k2 != k else None
        return cc

    def surface_names(self) -> Iterator[tuple[str, str]]:
        """Yield ``(surface form, kind)`` for every name of every place (for an EntityRuler)."""
        seen = set()
        for i, p in enumerate(self.places):
            if p.kind == "border":
                continue
            for n in (p.name, *self._names[i]):
                cand = (n, p.kind)
                if cand not in seen:
                    seen.add(cand)
                    yield cand

    def exact_scores(self, k: str) -> tuple[dict[int, float], bool]:
        """The name score of each place one of whose names has the key ``k`` (1.0 for a main
        name), and whether a town, unit or country has it as its main name."""
        out: dict[int, float] = {}
        places = self.places
        v = self.exact.get(k)
        named = False  # a town, unit or country of this very name
        for c in () if v is None else (v,) if isinstance(v, int) else v:
            i = c >> 1
            p = places[i]
            if c & 1:
                out[i] = 1.0
                named = named or p.kind != "feature"
            elif i not in out:
                # an alternate name far from the Sahel is often another language's exonym ("Boni" for Bonn)
                out[i] = (
                    0.97
                    if p.country in FUZZY_COUNTRIES or p.kind in ("country", "area")
                    else ALT_FAR
                )
        return out, named

    def candidates_exact(self, query: str) -> list[tuple[int, float]]:
        """Return ``(index, name score)`` pairs whose name equals ``query`` up to folding or spelling."""
        k = key(query)
        if not k:
            return []
        out, named = self.exact_scores(k)
        if named:
            # its transliterations add only rivals
            return list(out.items())
        v = self.phon.get(phonetic(query))
        if v is not None:
            for i in (v,) if isinstance(v, int) else v:
                out.setdefault(i, PHONETIC)
        return list(out.items())

    def candidates(self, query: str) -> list[tuple[int, float]]:
        """Return ``(index, name score)`` pairs for a bare name: exact, phonetic, else fuzzy."""
        return self.candidates_exact(query) or self.near_names(query)

    def near_names(self, query: str) -> list[tuple[int, float]]:
        """Return near spellings of ``query`` among the names of the Sahel's neighbourhood,
        countries and capitals (what :meth:`candidates` gives when nothing matches exactly)."""
        k = key(query)
        return self._fuzzy_candidates(k, phonetic(query)) if k else []

    def near_spellings(
        self,
        query: str,
        *,
        countries: frozenset[str] | set[str] | None,
        cutoff: float = 80.0,
        kinds: tuple[str, ...] = (),
    ) -> list[tuple[int, float]]:
        """Return looser near spellings of ``query`` (name score <= 0.87), for places in
        ``countries`` (``None``: anywhere) and of ``kinds`` (empty: any kind)."""
        ph = phonetic(query)
        if len(ph) < 4 or self._fuzzy is None and not self.phon:
            return []
        self._fuzzy_candidates(key(query), ph)  # builds the pools
        from rapidfuzz import fuzz, process

        pool = self._fuzzy_pools.get((ph[:2], len(ph), 2 if len(ph) >= 8 else 1), [])
        out: dict[int, float] = {}
        for cand, score, _ in process.extract(
            ph, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
        ):
            v = self.phon[cand]
            for i in (v,) if isinstance(v, int) else v:
                p = self.places[i]
                if (
                    (countries is None or p.country in countries)
                    and (not kinds or p.kind in kinds)
                    and out.get(i, 0.0) < 0.87 * score / 100.0
                ):
                    out[i] = 0.87 * score / 100.0
        return list(out.items())

    def _fuzzy_candidates(self, k: str, ph: str) -> list[tuple[int, float]]:
        """Near spellings, among the names of the Sahel's neighbourhood, countries and capitals."""
        if len(ph) < 6:
            return []
        from rapidfuzz import fuzz, process

        cached = self._fuzzy_memo.get(ph)
        if cached is not None:
            return cached
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    self.phon  # noqa: B018 - loads the sidecar's buckets too
                    self._fuzzy = getattr(self, "_fuzzy_ready", None) or self.fuzzy_buckets()
        if _VOWEL_SET.isdisjoint(ph):
            return []  # no vowel: not a place name in any of the gazetteer's languages
        # candidates share the first two letters (of the transliteration key) and about the length
        spread = 2 if len(ph) >= 8 else 1
        pool_key = (ph[:2], len(ph), spread)
        pool = self._fuzzy_pools.get(pool_key)
        if pool is None:
            pool = self._fuzzy_pools[pool_key] = [
                c
                for n in range(len(ph) - spread, len(ph) + spread + 1)
                for c in self._fuzzy.get((ph[:2], n), ())
            ]
        # one edit in a short name is another name (Takuba / Takoua): the shorter, the stricter
        cutoff = 88 if len(ph) >= 9 else 92
        if spread == 1:
            # below nine letters only one letter more or less reaches 92 (a key of the same
            # length is one substitution away at best: 1 - 2/16 < 0.92)
            strict = self._fuzzy_pools.get((ph[:2], len(ph), -1))
            if strict is None:
                strict = self._fuzzy_pools[(ph[:2], len(ph), -1)] = [
                    c for c in pool if len(c) != len(ph)
                ]
            pool = strict
        out: dict[int, float] = {}
        for cand, score, _ in process.extract(
            ph, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
        ):
            s = 0.87 * score / 100.0
            v = self.phon[cand]
            for i in (v,) if isinstance(v, int) else v:
                if out.get(i, 0.0) < s:
                    out[i] = s
        res = list(out.items())
        if len(self._fuzzy_memo) < 100_000:
            self._fuzzy_memo[ph] = res
        return res

    def fuzzy_buckets(self) -> dict[tuple[str, int], list[str]]:
        """Near-spelling pools: (first two letters, length) -> transliteration keys."""
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        places, fcodes = self.places, self.fcodes
        for ph, v in self.phon.items():
            if len(ph) < 3:
                continue
            for i in (v,) if isinstance(v, int) else v:
                p = places[i]
                if p.kind == "feature":
                    continue  # wells, wadis, hills: exact names only
                if (
                    p.country in FUZZY_COUNTRIES
                    or p.kind in ("country", "area")
                    or fcodes[i] == "PPLC"
                ):
                    buckets[(ph[:2], len(ph))].append(ph)
                    break
        return dict(buckets)

    # -- geometry ---------------------------------------------------------------------
    def country_shape(self, cc: str) -> Shape | None:
        """Return the shapely outline of country ``cc`` (``None`` when it has none), parsed once.

        The parsed outlines live in this gazetteer (``self.country_shapes``): another gazetteer,
        even one loaded from the same file, parses its own.
        """
        if cc not in self.country_shapes:
            c = self.country(cc)
            self.country_shapes[cc] = self.geometry(c) if c is not None and c.geometry_wkt else None
        return self.country_shapes[cc]

    def geometry(self, place: Place) -> Shape:
        """Return the shapely geometry of ``place`` (its WKT, else its point)."""
        from shapely import wkt
        from shapely.geometry import Point

        if place.geometry_wkt:
            shape: Shape = wkt.loads(place.geometry_wkt)
        else:
            shape = Point(place.lon, place.lat)
        return shape

    def basemap(self, countries: Sequence[str] | None = None) -> geopandas.GeoDataFrame:
        """Return simplified basemap layers: countries, admin-1 outlines, main towns.

        Parameters
        ----------
        countries : sequence of str, optional
            ISO2 codes to keep; ``None`` keeps the core Sahel and its neighbours.

        Returns
        -------
        geopandas.GeoDataFrame
            Columns ``kind`` ("country" | "region" | "town"), ``name``, ``country``,
            ``geometry`` (EPSG:4326).
        """
        import geopandas as gpd
        from shapely import wkt
        from shapely.geometry import Point

        keep = {c.upper() for c in countries} if countries else None
        rows = []
        for i, p in enumerate(self.places):
            if keep is not None and p.country not in keep:
                continue
            if p.kind == "country" and p.geometry_wkt:
                if keep is None and p.country not in _BASEMAP_DEFAULT:
                    continue
                rows.append(("country", p.name, p.country, wkt.loads(p.geometry_wkt)))
            elif p.kind == "region" and p.geometry_wkt and self.fcodes[i] == "ADM1":
                if keep is None and p.country not in SAHEL:
                    continue
                rows.append(("region", p.name, p.country, wkt.loads(p.geometry_wkt)))
            elif p.kind == "town" and (self.fcodes[i] in ("PPLC", "PPLA") or p.population >= 50000):
                if keep is None and p.country not in _BASEMAP_DEFAULT:
                    continue
                rows.append(("town", p.name, p.country, Point(p.lon, p.lat)))
        return gpd.GeoDataFrame(
            {
                "kind": [r[0] for r in rows],
                "name": [r[1] for r in rows],
                "country": [r[2] for r in rows],
            },
            geometry=[r[3] for r in rows],
            crs="EPSG:4326",
        )

    def info(self) -> dict[str, object]:
        """Return sources, counts per kind and version of this gazetteer."""
        counts: dict[str, int] = defaultdict(int)
        sources: dict[str, int] = defaultdict(int)
        for p in self.places:
            counts[p.kind] += 1
            sources[_source_group(p)] += 1
        return {
            "path": str(self.path) if self.path else None,
            "version": _version(),
            "places": len(self.places),
            "names": len(self.exact),
            "kinds": dict(sorted(counts.items())),
            "sources": dict(sorted(sources.items(), key=lambda kv: -kv[1])),
            "demonyms": len(self._cc_words),
            "licence": "GeoNames data CC BY 4.0, attribution: GeoNames (geonames.org); "
            "Natural Earth public domain; curated rows cite their sources",
            "comment": self.comment,
        }


def _source_group(p: Place) -> str:
    prefix = p.place_id.split(":", 1)[0]
    if prefix in ("curated", "area"):
        return "curated supplement (gazetteer/supplement.tsv)"
    if prefix == "country":
        return "Natural Earth 10m admin-0 + GeoNames countries"
    if prefix == "border":
        return "derived from Natural Earth polygons"
    return p.source.split(";")[0].split(" (")[0].strip() or "?"


_ARTICLES = frozenset({"le", "la", "les", "l", "the", "du", "de", "des", "d"})
_VOWEL_SET = frozenset("aeiou")
_BASEMAP_DEFAULT = BASEMAP_COUNTRIES


def _version() -> str:
    try:
        return (resources.files("geoevents") / "data" / "gazetteer.VERSION").read_text().strip()
    except OSError:
        return "unknown"


def _add(index: NameIndex, k: str, code: int) -> None:
    v = index.get(k)
    if v is None:
        index[k] = code
    elif isinstance(v, int):
        if v != code:
            index[k] = [v, code]
    elif code not in v:
        v.append(code)
