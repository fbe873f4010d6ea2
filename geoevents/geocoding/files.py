"""Gazetteer files: reading, writing and the load-speed sidecars (above :mod:`.index`).

A gazetteer file is a UTF-8 TSV, optionally gzip-compressed, with ``#`` comment
lines, then a header row naming :data:`COLUMNS`, then one place per row. ``names``
holds alternate names separated by ``|``; ``geometry`` a WKT (countries, regions,
borders, areas) or nothing; rows of kind ``demonym`` name a country's people.

The bundled file (``geoevents/data/gazetteer.tsv.gz``) is built by ``gazetteer/build.py``;
``geoevents gazetteer build --geonames ML.txt ...`` extends it with GeoNames dumps
(:func:`geoevents.geocoding.geonames.build_extended`). Load-speed indexes (``PATH.idx``,
``PATH.idx.names``, beside the file or in the user cache, where the first load of a file
writes them) are written by :func:`write_index` and checked against the file's SHA-1. The
bundled file's is not shipped: it is derived on first load.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TextIO, TypeVar

from geoevents.errors import GazetteerError, GazetteerFormatError
from geoevents.geocoding.index import GazetteerIndex, Lazy
from geoevents.geocoding.names import is_ordinal, key
from geoevents.models import Place

# the logger keeps the name of the module the loading code came from (logging set up for it works)
log = logging.getLogger("geoevents.gazetteer")

#: Columns of a gazetteer file, in order.
COLUMNS = (
    "place_id",
    "name",
    "kind",
    "country",
    "admin1",
    "lat",
    "lon",
    "population",
    "fcode",
    "names",
    "source",
    "geometry",
)
#: Optional trailing columns (older files stop at ``geometry``): ``admin_code`` is the GeoNames
#: administrative code path of the place, ``CC.ADMIN1.ADMIN2.ADMIN3`` ("ML.04.7670549").
OPTIONAL_COLUMNS = ("admin_code",)
#: Kinds a row may have (the place kinds of CONTRACT.md, plus ``demonym``).
ROW_KINDS = ("town", "region", "country", "border", "area", "feature", "demonym")
#: geo_precision per kind (CONTRACT.md).
PRECISION = {"town": 1, "feature": 1, "region": 3, "border": 3, "area": 3, "country": 4}
_BUNDLED = "gazetteer.tsv.gz"


def bundled_path() -> Path:
    """Return the path of the bundled gazetteer file (package data)."""
    return Path(str(resources.files("geoevents") / "data" / _BUNDLED))


def open_text(path: Path) -> TextIO:
    """Open a gazetteer file (gzip-compressed when it ends in ``.gz``) for reading as text."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="\n")
    return open(path, encoding="utf-8", newline="\n")


def write_rows(path: Path, rows: Iterable[Mapping[str, object]], *, comment: str = "") -> int:
    """Write gazetteer rows (dicts keyed by :data:`COLUMNS`) to ``path``; return the count.

    ``path`` ending in ``.gz`` is gzip-compressed (with a fixed mtime, so builds are
    reproducible).
    """
    cols = COLUMNS + OPTIONAL_COLUMNS
    lines = [f"# {comment}\n"] if comment else []
    lines.append("\t".join(cols) + "\n")
    n = 0
    for r in rows:
        vals = [str(r.get(c, "") or "").replace("\t", " ").replace("\n", " ") for c in cols]
        lines.append("\t".join(vals) + "\n")
        n += 1
    data = "".join(lines).encode("utf-8")
    path = Path(path)
    if path.suffix == ".gz":
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
        ):
            gz.write(data)
    else:
        path.write_bytes(data)
    return n


_G = TypeVar("_G", bound=GazetteerIndex)


def read_index(path: str | Path, cls: type[_G], *, use_index: bool = True) -> _G:
    """Read and index a gazetteer file as a ``cls``; raise GazetteerFormatError naming path:line.

    When a valid index sidecar (``PATH.idx``, written by :func:`write_index`) sits beside
    the file, or in the user cache, the places and name indexes are read from it instead
    (a few hundred milliseconds instead of seconds).
    """
    path = Path(path)
    if use_index:
        gz = _read_index(path, cls)
        if gz is not None:
            return gz
    places: list[Place] = []
    names: list[tuple[str, ...]] = []
    fcodes: list[str] = []
    admin_codes: list[str] = []
    demonyms: dict[str, str] = {}
    comment = ""
    width = len(COLUMNS)
    try:
        fh = open_text(path)
        header_seen = False
        with fh:
            for n, line in enumerate(fh, 1):
                if line.startswith("#"):
                    comment = comment or line[1:].strip()
                    continue
                if not line.strip():
                    continue
                f = line.rstrip("\n").split("\t")
                if not header_seen:
                    if tuple(f[: len(COLUMNS)]) != COLUMNS or tuple(f[len(COLUMNS) :]) not in (
                        (),
                        OPTIONAL_COLUMNS,
                    ):
                        raise GazetteerFormatError(
                            f"{path}:{n}: header {f[:3]!r}... is not a geoevents gazetteer header"
                        )
                    header_seen = True
                    width = len(f)
                    continue
                if len(f) != width:
                    raise GazetteerFormatError(f"{path}:{n}: {len(f)} columns, expected {width}")
                pid, name, kind, cc, a1, lat, lon, pop, fcode, alts, src, geom = f[:12]
                if kind not in ROW_KINDS:
                    raise GazetteerFormatError(f"{path}:{n}: unknown kind {kind!r}")
                # (a bare ordinal among them is an old numbered unit's number, not a name)
                alt = tuple(a for a in alts.split("|") if a and not is_ordinal(a)) if alts else ()
                if kind == "demonym":
                    for w in (name, *alt):
                        demonyms[key(w)] = cc
                    continue
                try:
                    la, lo = float(lat), float(lon)
                    popn = int(pop or 0)
                except ValueError:
                    raise GazetteerFormatError(
                        f"{path}:{n}: bad lat/lon/population {lat!r}, {lon!r}, {pop!r}"
                    ) from None
                if not (-90 <= la <= 90 and -180 <= lo <= 180) or not name or not pid:
                    raise GazetteerFormatError(
                        f"{path}:{n}: bad place {pid!r} {name!r} at {lat}, {lon}"
                    )
                places.append(
                    Place(
                        place_id=pid,
                        name=name,
                        country=cc or None,
                        kind=kind,
                        lon=lo,
                        lat=la,
                        admin1=a1 or None,
                        geo_precision=PRECISION.get(kind, 1),
                        population=popn,
                        source=src,
                        geometry_wkt=geom or None,
                    )
                )
                names.append(alt)
                fcodes.append(fcode)
                admin_codes.append(f[12] if width > 12 else "")
        if not header_seen:
            raise GazetteerFormatError(f"{path}:1: empty gazetteer file (no header row)")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer: {exc}") from exc
    gz = cls(places, names, fcodes, demonyms, path=path, comment=comment, admin_codes=admin_codes)
    log.info("loaded %d places from %s", len(places), path)
    if use_index:
        try:
            write_index(gz, _cache_index_path(path))
        except OSError as exc:  # a read-only home is fine: the next load is slow again
            log.debug("cannot cache the gazetteer index: %s", exc)
    return gz


_INDEX_VERSION = 8


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha1(path.read_bytes()).hexdigest()


def _cache_index_path(path: Path) -> Path:
    import os

    base = Path(
        os.environ.get("GEOEVENTS_CACHE_DIR")  # README "Files geoevents writes"
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geoevents"
    )
    return base / f"gazetteer-{_digest(path)}.idx"


def index_cache_path(path: str | Path) -> Path:
    """Return where the load-speed index of the gazetteer file ``path`` is cached.

    ``$GEOEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/geoevents``, else ``~/.cache/geoevents``;
    the file name holds the SHA-1 of the gazetteer file (README "Files geoevents writes").
    """
    return _cache_index_path(Path(path))


def write_index(gz: GazetteerIndex, out: Path) -> Path:
    """Write the load-speed sidecars of ``gz``: ``out`` (places, exact index) and ``out.names``
    (alternate names, transliteration index, near-spelling pools; read on first need)."""
    import marshal
    import os
    import zlib

    if gz.path is None:
        raise GazetteerError("cannot index a gazetteer that has no file")
    rows = [
        (
            p.place_id,
            p.name,
            p.country,
            p.kind,
            p.lon,
            p.lat,
            p.admin1,
            p.geo_precision,
            p.population,
            p.source,
            p.geometry_wkt,
        )
        for p in gz.places
    ]
    names = gz.alt_names
    few = {i: names[i] for i, p in enumerate(gz.places) if p.kind in ("country", "border")}
    core = (
        rows,
        few,
        gz.fcodes,
        gz.demonyms,
        gz.comment,
        gz.exact,
        gz.admin_codes,
        gz.importance,
    )
    lazy = (gz.phon, names, gz.fuzzy_buckets())
    sha = _digest(gz.path)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # stored uncompressed: a local cache, never committed, read 10x faster than zlib
    for target, payload, level in ((out, _interned(core), 0), (_lazy_path(out), lazy, 0)):
        tmp = target.with_name(
            f"{target.name}.{os.getpid()}.tmp"
        )  # two processes may cache at once
        blob = marshal.dumps(payload)
        tmp.write_bytes(
            marshal.dumps((_INDEX_VERSION, sha, zlib.compress(blob, level) if level else blob))
        )
        tmp.replace(target)
    return out


def _lazy_path(idx: Path) -> Path:
    return idx.with_name(idx.name + ".names")


def _interned(core: tuple[Any, ...]) -> tuple[Any, ...]:
    """Intern the repeated strings of the rows (kind, country, admin-1, source) so marshal shares them."""
    import sys

    rows = [
        tuple(
            sys.intern(v) if isinstance(v, str) and j in (2, 3, 6, 9) else v
            for j, v in enumerate(r)
        )
        for r in core[0]
    ]
    return (rows, *core[1:])


def _read_blob(path: Path, sha: str) -> Any:  # noqa: ANN401 - what marshal wrote
    """Return the payload of a sidecar written for the file with digest ``sha``, else ``None``."""
    import marshal
    import zlib

    try:
        state = marshal.loads(path.read_bytes())
        if (
            isinstance(state, tuple)
            and len(state) == 3
            and state[0] == _INDEX_VERSION
            and state[1] == sha
        ):
            blob = state[2]
            return marshal.loads(blob if blob[:1] != b"x" else zlib.decompress(blob))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        pass
    return None


def _read_index(path: Path, cls: type[_G]) -> _G | None:
    import gc

    try:
        sha = _digest(path)
    except OSError:
        return None
    for cand in (path.with_name(path.name + ".idx"), _cache_index_path(path)):
        enabled = gc.isenabled()
        gc.disable()
        try:
            core = _read_blob(cand, sha)
            if core is None:
                continue
            rows, names, fcodes, demonyms, comment, exact, admin_codes, importance = core
            places = [Place(*r) for r in rows]
        except (ValueError, TypeError):
            continue
        finally:
            if enabled:
                gc.enable()

        def load_lazy(cand: Path = cand) -> Lazy:
            lazy: Lazy | None = _read_blob(_lazy_path(cand), sha)
            if lazy is None:  # the names sidecar is missing or stale: take them from the file
                full = read_index(path, GazetteerIndex, use_index=False)
                lazy = (full.phon, full.alt_names, full.fuzzy_buckets())
            return lazy

        gz = cls(
            places,
            names,
            fcodes,
            demonyms,
            path=path,
            comment=comment,
            index=(exact, load_lazy),
            admin_codes=admin_codes,
            importance=importance,
        )
        log.info("loaded %d places from %s (index %s)", len(places), path, cand.name)
        return gz
    return None
