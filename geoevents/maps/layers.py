"""Turn an events GeoDataFrame into the compact payload drawn by :mod:`geoevents.maps.script`.

The payload is columnar (one array per field, strings interned in one table) so that 100,000
events stay a few megabytes. Each event becomes, honestly:

- precision 1: a point marker (``pts``), one per place and type, sized by fatalities;
- precision 2: a circle of uncertainty around the place (``shapes``, kind ``near``);
- precision 3: the region/zone polygon (``area``) or border line (``border``);
- precision 4: the country outline (``country``);
- precision 3-4 without a known outline: a wide dashed circle (``vague``), never a pin;
- diplomacy: links between the participants' capitals (``link``) plus the venue, if known.

Events sharing one shape are grouped into it (its popup lists them), which keeps the number
of drawn shapes to the number of distinct places.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Protocol, cast

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry import shape as to_shape

from geoevents.maps.framing import frame_bounds, union_box
from geoevents.maps.geometry import (
    COORD_DIGITS,
    great_circle,
    precision_of,
    round_geom,
    split_geometries,
)
from geoevents.maps.styles import (
    FAMILY_COLORS,
    FAMILY_LABELS,
    FAMILY_SHAPES,
    NEAR_RADIUS_M,
    PRECISION_LABELS,
    SHAPE_STYLES,
    VAGUE_RADIUS_M,
    type_style,
)
from geoevents.maps.timeline import day_numbers

#: Colour of a country outline holding events of several types.
MIXED_COLOR = "#555555"

if TYPE_CHECKING:
    from collections.abc import Sequence

    import geopandas as gpd

    from geoevents.models import Place

log = logging.getLogger(__name__)


class PlaceLookup(Protocol):
    """What the map needs from a gazetteer (``geoevents.gazetteer.Gazetteer`` provides it)."""

    def capital(self, cc: str) -> Place | None:
        """Return the capital of a country, by ISO code."""

    def country(self, cc: str) -> Place | None:
        """Return a country, with its outline in ``geometry_wkt``."""

    def get(self, place_id: str) -> Place | None:
        """Return a place by id."""


@dataclass
class _Interner:
    index: dict[str, int] = field(default_factory=dict)
    table: list[str] = field(default_factory=list)

    def __call__(self, value: str | None) -> int:
        if not value:
            return -1
        got = self.index.get(value)
        if got is None:
            got = self.index[value] = len(self.table)
            self.table.append(value)
        return got


def _text(value: object) -> str:
    """Return a display string for a scalar, list or missing value.

    Examples
    --------
    >>> _text(["FAMa", "Wagner"]), _text(None), _text(float("nan")), _text("x")
    ('FAMa, Wagner', '', '', 'x')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value if v is not None and str(v))
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def _codes(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
    return [str(v) for v in value]  # type: ignore[attr-defined]  # a list or array cell of a frame


def _int_or(value: object, default: int) -> int:
    if value is None or pd.isna(value):
        return default
    return int(cast("float", value))  # a number of a pandas row


@dataclass
class Payload:
    """The data of one map: what the browser draws, plus bounds and counts for Python callers."""

    data: dict[str, object]
    bounds: tuple[float, float, float, float] | None  # min lon, min lat, max lon, max lat
    families: list[str]
    n_points: int
    n_shapes: int
    not_drawn: int
    all_bounds: tuple[float, float, float, float] | None = None  # every drawn mark but links


class _Builder:
    def __init__(self, lookup: PlaceLookup | None) -> None:
        self.lookup = lookup
        self.strings = _Interner()
        self.geoms: list[object] = []
        self.geom_index: dict[bytes, int] = {}
        self.shapes: dict[tuple[object, ...], dict[str, object]] = {}
        self.styles: dict[str, dict[str, object]] = {}
        self.points: dict[tuple[object, ...], list[int]] = {}
        self.point_xy: list[tuple[float, float, int]] = []
        self._arcs: dict[tuple[str, str], shapely.Geometry] = {}
        # Box (min lon, min lat, max lon, max lat) and precision of each shape but links.
        self._shape_boxes: dict[tuple[object, ...], tuple[float, float, float, float, int]] = {}
        self.shape_types: dict[tuple[object, ...], set[str]] = {}
        self.type_index: dict[str, int] = {}
        self.types: list[dict[str, object]] = []
        self._geom_cache: dict[str, shapely.Geometry | None] = {}
        self._capitals: dict[str, Place | None] = {}

    # -- helpers -----------------------------------------------------------------------------
    def type_of(self, event_type: str) -> int:
        got = self.type_index.get(event_type)
        if got is None:
            label, color, letter, family = type_style(event_type)
            got = self.type_index[event_type] = len(self.types)
            self.types.append(
                {
                    "key": event_type,
                    "label": label,
                    "color": color,
                    "letter": letter,
                    "family": family,
                    "shape": FAMILY_SHAPES[family],
                    "n": 0,
                }
            )
        self.types[got]["n"] = int(self.types[got]["n"]) + 1  # type: ignore[call-overload]  # the "n" entry is an int
        return got

    def geom_id(self, geom: shapely.Geometry) -> int:
        key = shapely.to_wkb(geom)
        got = self.geom_index.get(key)
        if got is None:
            got = self.geom_index[key] = len(self.geoms)
            self.geoms.append(mapping(round_geom(geom)))
        return got

    def style_of(self, kind: str, event_type: str) -> str:
        key = f"{kind}-{event_type}"
        if key not in self.styles:
            color = MIXED_COLOR if event_type == "mixed" else type_style(event_type)[1]
            self.styles[key] = {**SHAPE_STYLES[kind], "color": color, "fill": color}
        return key

    def mix_country_styles(self) -> None:
        """Give a country outline holding events of several types the neutral colour."""
        for key, types in self.shape_types.items():
            if len(types) > 1:
                self.shapes[key]["style"] = self.style_of("country", "mixed")

    def add_shape(
        self,
        key: tuple[object, ...],
        kind: str,
        event_type: str,
        label: str,
        event: int,
        *,
        geom: shapely.Geometry | None = None,
        circle: tuple[float, float, float] | None = None,
        precision: int = 3,
    ) -> None:
        shape = self.shapes.get(key)
        if shape is None:
            family = type_style(event_type)[3]
            shape = {
                "style": self.style_of(kind, event_type),
                "fam": family,
                "label": label,
                "ev": [],
            }
            if circle is not None:
                lon, lat, radius = circle
                shape["circle"] = [round(lon, COORD_DIGITS), round(lat, COORD_DIGITS), radius]
                box = circle_box(lon, lat, radius)
            else:
                shape["g"] = self.geom_id(geom)
                minx, miny, maxx, maxy = shapely.bounds(geom).tolist()
                box = (minx, miny, maxx, maxy)
            if kind != "link":  # links to far capitals (Moscow) never frame the view
                self._shape_boxes[key] = (*box, precision)
            self.shapes[key] = shape
        shape["ev"].append(event)  # type: ignore[attr-defined]  # the "ev" entry is a list

    def outline(
        self, place_id: str | None, cc: str | None, precision: int
    ) -> shapely.Geometry | None:
        """Return the outline of a vague place from the gazetteer, if it knows one."""
        if self.lookup is None:
            return None
        key = f"{precision}:{place_id if precision == 3 else cc}"
        if key in self._geom_cache:
            return self._geom_cache[key]
        place = None
        if precision == 3 and place_id:
            place = self.lookup.get(place_id)
        elif precision == 4 and cc:
            place = self.lookup.country(cc)
        geom = shapely.from_wkt(place.geometry_wkt) if place and place.geometry_wkt else None
        if geom is not None and geom.geom_type == "Point":
            geom = None
        self._geom_cache[key] = geom
        return geom

    def capitals(self, codes: Sequence[str]) -> list[tuple[str, tuple[float, float]]]:
        if self.lookup is None:
            return []
        out: dict[str, tuple[str, tuple[float, float]]] = {}
        for cc in codes:
            if cc not in self._capitals:
                self._capitals[cc] = self.lookup.capital(cc) if len(cc) == 2 else None
            place = self._capitals[cc]
            if place is not None:
                out.setdefault(place.place_id, (place.name, (place.lon, place.lat)))
        return list(out.values())

    # -- one event -----------------------------------------------------------------------------
    def add_event(
        self,
        i: int,
        event_type: str,
        geom: shapely.Geometry | None,
        precision: int,
        *,
        lonlat: tuple[float, float],
        label: str,
        place_id: str,
        country: str,
    ) -> bool:
        """Add the marks of event ``i`` (not its links); return whether anything was drawn.

        ``geom`` is ``None`` for a point (then at ``lonlat``, which may be NaN: no place).
        """
        lon, lat = lonlat
        if geom is None:
            if math.isnan(lon) or math.isnan(lat):
                return False
            if precision in (3, 4):
                geom = self.outline(place_id or None, country or None, precision)
        elif precision == 1:
            precision = 3  # a line or an area is not a site
        if geom is None:
            return self.add_point(i, event_type, precision, lon, lat, label=label)
        gtype = geom.geom_type
        kind = "border" if "LineString" in gtype else "country" if precision == 4 else "area"
        # A country is outlined once, whatever the types of its events (the popup lists them);
        # a region or border once per type, in that type's colour.
        wkb = shapely.to_wkb(geom)
        key = (kind, wkb) if kind == "country" else (kind, event_type, wkb)
        self.add_shape(key, kind, event_type, label, i, geom=geom, precision=precision)
        if kind == "country":
            self.shape_types.setdefault(key, set()).add(event_type)
        return True

    def add_point(
        self,
        i: int,
        event_type: str,
        precision: int,
        lon: float,
        lat: float,
        *,
        label: str,
    ) -> bool:
        """Add a pin (precision 1) or a circle of uncertainty (2, or 3-4 with no outline).

        Pins and precision-2 circles are "points": clustered together in the page, and drawn
        (as a pin, or as a circle of :data:`NEAR_RADIUS_M`) only when shown alone.
        """
        if precision in (1, 2):
            near = int(precision == 2)
            x, y = round(lon, COORD_DIGITS), round(lat, COORD_DIGITS)
            key = (event_type, x, y, near)
            found = self.points.get(key)
            if found is None:
                found = self.points[key] = []
                self.point_xy.append((x, y, near))
                if near:
                    self.style_of("near", event_type)
            found.append(i)
            return True
        radius = VAGUE_RADIUS_M[precision]
        key2 = ("vague", event_type, round(lon, 3), round(lat, 3), radius)
        self.add_shape(
            key2, "vague", event_type, label, i, circle=(lon, lat, radius), precision=precision
        )
        return True

    def points_payload(
        self, types: list[int], fatalities: list[int]
    ) -> dict[str, list[int | float]]:
        """Return precise events as markers, one per (type, place): columnar, with offsets."""
        out: dict[str, list[int | float]] = {
            "x": [], "y": [], "n": [], "t": [], "f": [], "o": [], "e": [], "s": [], "m": [],
        }  # fmt: skip
        # Pins of several types at one place are fanned out around it (slot s of m).
        per_place: dict[tuple[float, float], int] = {}
        slots = []
        for x, y, near in self.point_xy:
            slot = per_place.get((x, y), 0) if not near else 0
            if not near:
                per_place[(x, y)] = slot + 1
            slots.append(slot)
        for (x, y, near), events, slot in zip(
            self.point_xy, self.points.values(), slots, strict=True
        ):
            out["s"].append(slot)
            out["m"].append(1 if near else per_place[(x, y)])
            out["x"].append(x)
            out["y"].append(y)
            out["n"].append(near)
            out["t"].append(types[events[0]])
            out["f"].append(sum(max(fatalities[i], 0) for i in events))
            out["o"].append(len(out["e"]))
            out["e"].extend(events)
        out["o"].append(len(out["e"]))
        return out

    def frame_marks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the box, precision and number of events of every mark but links."""
        xy = np.asarray(self.point_xy, dtype=float).reshape(-1, 3)
        near = xy[:, 2] > 0
        dlat = NEAR_RADIUS_M / 111_320
        dlon = dlat / np.maximum(0.05, np.cos(np.radians(xy[:, 1])))
        pad_x, pad_y = np.where(near, dlon, 0.0), np.where(near, dlat, 0.0)
        pts = np.column_stack(
            [xy[:, 0] - pad_x, xy[:, 1] - pad_y, xy[:, 0] + pad_x, xy[:, 1] + pad_y]
        )
        shape_rows = [
            (*box, len(self.shapes[key]["ev"]))  # type: ignore[arg-type]  # the "ev" entry is a list
            for key, box in self._shape_boxes.items()
        ]
        rows = np.asarray(shape_rows, dtype=float).reshape(-1, 6)
        boxes = np.vstack([pts, rows[:, :4]])
        precisions = np.concatenate([np.where(near, 2, 1), rows[:, 4]]).astype(int)
        weights = np.concatenate([[len(v) for v in self.points.values()], rows[:, 5]]).astype(float)
        return boxes, precisions, weights

    def add_links(
        self, i: int, participants: object, venue: tuple[str, tuple[float, float]] | None
    ) -> bool:
        """Add links between the capitals of a diplomatic event's participants.

        With one known capital and a known venue elsewhere (a minister abroad), the link goes
        from that capital to the venue.
        """
        caps = self.capitals(_codes(participants))
        if len(caps) == 1 and venue is not None:
            (_, (lon, lat)), (_, (vlon, vlat)) = caps[0], venue
            if abs(lon - vlon) + abs(lat - vlat) > 0.5:
                caps.append(venue)
        if len(caps) < 2:
            return False
        for (na, a), (nb, b) in list(combinations(sorted(caps), 2))[:28]:
            line = self._arcs.get((na, nb))
            if line is None:
                line = self._arcs[(na, nb)] = shapely.LineString(great_circle(a, b))
            self.add_shape(("link", na, nb), "link", "diplomacy", f"{na} \u2013 {nb}", i, geom=line)
        return True


_COLUMNS = (
    "event_id",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "time_precision",
    "country",
    "admin1",
    "location_name",
    "place_id",
    "place_kind",
    "geo_precision",
    "lon",
    "lat",
    "actors",
    "participants",
    "fatalities",
    "source",
    "source_url",
    "evidence",
)


_LOCAL_PATH = re.compile(r"^(?:/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\])")


def source_label(source: str) -> str:
    """Return a source as shown in popups: a local file path becomes its file name.

    Examples
    --------
    >>> source_label("/home/ana/corpus/2024-08-27-barsalogho.txt")
    '2024-08-27-barsalogho.txt'
    >>> source_label(r"C:\\data\\a.txt"), source_label("AFP/Reuters"), source_label("https://x.org/a")
    ('a.txt', 'AFP/Reuters', 'https://x.org/a')
    """
    if not _LOCAL_PATH.match(source):  # "AFP/Reuters" or a URL stays as it is
        return source
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source


_COMPASS_ABBR = {
    "nord": "N", "north": "N", "n": "N", "sud": "S", "south": "S", "s": "S",
    "est": "E", "east": "E", "e": "E", "ouest": "W", "west": "W", "o": "W", "w": "W",
    "nord est": "NE", "northeast": "NE", "north east": "NE", "ne": "NE",
    "nord ouest": "NW", "northwest": "NW", "north west": "NW", "nw": "NW", "no": "NW",
    "sud est": "SE", "southeast": "SE", "south east": "SE", "se": "SE",
    "sud ouest": "SW", "southwest": "SW", "south west": "SW", "sw": "SW", "so": "SW",
}  # fmt: skip
_OFFSET_NAME = re.compile(
    r"^(\d+(?:[.,]\d+)?)\s*km\s+(?:au\s+|to\s+the\s+)?([^\W\d_]+(?:[ -][^\W\d_]+)?)"
    r"\s+(?:of|de|du|d')\s*(.+)$",
    re.IGNORECASE,
)


def place_label(name: str) -> str:
    """Return a place name as popups show it: offsets read "50 km N of Gao" in any language.

    Examples
    --------
    >>> place_label("50 km nord of Gao"), place_label("30 km sud-ouest de Ménaka")
    ('50 km N of Gao', '30 km SW of Ménaka')
    >>> place_label("12 km north east of Kidal"), place_label("Gao"), place_label("")
    ('12 km NE of Kidal', 'Gao', '')
    """
    m = _OFFSET_NAME.match(name.strip())
    if m is None:
        return name
    abbr = _COMPASS_ABBR.get(m.group(2).lower().replace("-", " "))
    if abbr is None:
        return name
    return f"{m.group(1)} km {abbr} of {m.group(3)}"


def circle_box(lon: float, lat: float, radius: float) -> tuple[float, float, float, float]:
    """Return the (lon, lat) bounding box of a circle of ``radius`` metres.

    Examples
    --------
    >>> [round(v, 2) for v in circle_box(0.0, 0.0, 111_320)]
    [-1.0, -1.0, 1.0, 1.0]
    """
    dlat = radius / 111_320
    dlon = dlat / max(0.05, math.cos(math.radians(lat)))
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def _extent(shape: dict[str, object], geoms: list[object]) -> float:
    """Return a size for drawing order: wide shapes first, so that small ones stay clickable."""
    circle = shape.get("circle")
    if circle is not None:
        return float(circle[2]) ** 2 / 1e10  # type: ignore[index]  # a circle is (lon, lat, radius)
    minx, miny, maxx, maxy = shapely.bounds(to_shape(geoms[int(shape["g"])]))  # type: ignore[call-overload]  # the "g" entry is an int
    return float((maxx - minx) * (maxy - miny))


def _texts(values: list[object]) -> list[str]:
    return ["" if v is None else v if type(v) is str else _text(v) for v in values]


def build_payload(gdf: gpd.GeoDataFrame, *, lookup: PlaceLookup | None = None) -> Payload:
    """Build the browser payload for a set of events.

    Parameters
    ----------
    gdf
        Events with the columns of the ``events`` table (missing columns count as empty) and
        a ``geometry`` column in lon/lat.
    lookup
        Gazetteer used for capitals (diplomacy links) and outlines of vague places.

    Returns
    -------
    Payload
        The payload and what it contains.
    """
    crs = getattr(gdf, "crs", None)
    if crs is not None and not crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")  # the map is in lon/lat, whatever the frame came in
    n = len(gdf)
    cols: dict[str, list[object]] = {
        c: (gdf[c].tolist() if c in gdf.columns else [None] * n) for c in _COLUMNS
    }
    text = {
        c: _texts(cols[c])
        for c in _COLUMNS
        if c not in ("geo_precision", "lon", "lat", "fatalities")
    }
    text["source"] = [source_label(v) for v in text["source"]]
    text["location_name"] = [place_label(v) for v in text["location_name"]]
    geoms, lonlat = split_geometries(gdf, cols)
    start, end, day0 = day_numbers(gdf)
    b = _Builder(lookup)
    intern = b.strings
    types = [t or "other" for t in text["event_type"]]
    prec = [
        precision_of(p, k) for p, k in zip(cols["geo_precision"], cols["place_kind"], strict=True)
    ]
    fat = [_int_or(f, -1) for f in cols["fatalities"]]
    places = [
        ", ".join(p for p in parts if p)
        for parts in zip(text["location_name"], text["admin1"], text["country"], strict=True)
    ]
    not_drawn = 0
    for i in range(n):
        venue = None
        if prec[i] <= 2 and not math.isnan(lonlat[i][0]) and not math.isnan(lonlat[i][1]):
            venue = (text["location_name"][i] or "venue", lonlat[i])
        linked = types[i] == "diplomacy" and b.add_links(i, cols["participants"][i], venue)
        if linked and prec[i] > 2:
            continue  # links drawn; a vague "venue" (a whole country) would add nothing
        drawn = b.add_event(
            i,
            types[i],
            geoms[i],
            prec[i],
            lonlat=lonlat[i],
            label=text["location_name"][i] or text["country"][i] or "unnamed place",
            place_id=text["place_id"][i],
            country=text["country"][i],
        )
        if not (drawn or linked):
            not_drawn += 1
    ev: dict[str, list[int]] = {
        "id": [intern(v) for v in text["event_id"]],
        "t": [b.type_of(t) for t in types],
        "st": [intern(v) for v in text["sub_event_type"]],
        "ds": start.tolist(),
        "de": end.tolist(),
        "tp": [intern(v) for v in text["time_precision"]],
        # 0: no place at all (neither coordinates nor a shape): the popup says so
        "p": [
            0 if g is None and (math.isnan(x) or math.isnan(y)) else p
            for p, g, (x, y) in zip(prec, geoms, lonlat, strict=True)
        ],
        "f": fat,
        "loc": [intern(v) for v in places],
        "ac": [intern(v) for v in text["actors"]],
        "pa": [intern(v) for v in text["participants"]],
        "src": [intern(v) for v in text["source"]],
        "url": [intern(v) for v in text["source_url"]],
        "evd": [intern(v[:600]) for v in text["evidence"]],
    }
    b.mix_country_styles()
    families = [f for f in FAMILY_LABELS if any(t["family"] == f for t in b.types)]
    used = sorted(
        {str(s["style"]).split("-", 1)[0] for s in b.shapes.values()}
        | ({"near"} if any(p[2] for p in b.point_xy) else set()),
        key=list(SHAPE_STYLES).index,
    )
    legend_styles = {}
    for kind in used:
        legend_styles[f"legend-{kind}"] = {
            **SHAPE_STYLES[kind],
            "color": "#555555",
            "fill": "#888888",
        }
    valid_days = [d for d in ev["de"] if d >= 0]
    data: dict[str, object] = {
        "day0": day0.isoformat() if day0 else "1970-01-01",
        "dayMin": 0 if valid_days else None,
        "dayMax": max(valid_days) if valid_days else None,
        "families": families,
        "familyColors": FAMILY_COLORS,
        "types": b.types,
        "precision": {str(k): v for k, v in PRECISION_LABELS.items()},
        "styles": {**b.styles, **legend_styles},
        "legendStyles": list(legend_styles),
        "str": intern.table,
        "ev": ev,
        "pts": b.points_payload(ev["t"], ev["f"]),
        "nearRadius": NEAR_RADIUS_M,
        "shapes": sorted(b.shapes.values(), key=lambda sh: -_extent(sh, b.geoms)),
        "geoms": b.geoms,
        "notDrawn": not_drawn,
    }
    boxes, precisions, weights = b.frame_marks()
    bounds = frame_bounds(boxes, precisions, weights)
    every = union_box(boxes)
    data["allBounds"] = every
    data["frame"] = bounds
    return Payload(data, bounds, families, len(b.points), len(b.shapes), not_drawn, every)
