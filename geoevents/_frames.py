"""Conversions between DuckDB results, Arrow tables and (Geo)DataFrames of events.

Reading: :func:`frame_from_arrow` turns a DuckDB Arrow result into pandas or geopandas
(WKB geometry to shapely, lists to Python lists). Writing: :func:`columns_from_gdf` and
:func:`arrow_table` stage rows for ``Store`` to insert with one ``INSERT ... SELECT``.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from geoevents.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    import pyarrow as pa

#: Columns of the ``events`` table, in order; ``store.SCHEMA_DDL`` declares their types.
EVENT_COLUMNS: tuple[str, ...] = (
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
    "geom",
    "actors",
    "participants",
    "fatalities",
    "cameo_code",
    "source",
    "source_url",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "origin",
    "notes",
    "extra",
)

#: Arrow types of the staged columns that are not text (geom is staged as WKT text).
_ARROW_TYPES: dict[str, str] = {
    "date_start": "date32",
    "date_end": "date32",
    "geo_precision": "int64",
    "lon": "float64",
    "lat": "float64",
    "actors": "list",
    "participants": "list",
    "fatalities": "int64",
    "evidence_start": "int64",
    "evidence_end": "int64",
    "confidence": "float64",
}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def arrow_table(columns: dict[str, list[object]]) -> pa.Table:
    """Build the staging Arrow table; a value of the wrong type raises StoreError naming it."""
    import pyarrow as pa

    types = {
        "date32": pa.date32(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "list": pa.list_(pa.string()),
    }
    arrays = {}
    for name in EVENT_COLUMNS:
        kind = types.get(_ARROW_TYPES.get(name, ""), pa.string())
        try:
            arrays[name] = pa.array(columns[name], type=kind)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            msg = f"cannot write events: bad value in column {name!r}: {_first_line(exc)}"
            raise StoreError(msg) from exc
    n = len(columns["event_id"])
    arrays["_ord"] = pa.array(range(n), type=pa.int64())
    return pa.table(arrays)


def frame_from_arrow(table: pa.Table, geometry_columns: Sequence[str] = ()) -> pd.DataFrame:
    """Convert a DuckDB Arrow result to pandas, or geopandas when it has geometry columns.

    Geometry columns (WKB) become shapely geometries, the first one the active geometry
    (EPSG:4326); list columns become Python lists.
    """
    import pandas as pd
    import pyarrow as pa

    nullable = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
    }
    df = table.to_pandas(types_mapper=nullable.get)
    for field in table.schema:
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            df[field.name] = [[] if v is None else list(v) for v in df[field.name]]
    if not geometry_columns:
        return df
    import geopandas as gpd
    import shapely

    for name in geometry_columns:
        values = table.column(name).to_pylist()
        df[name] = gpd.GeoSeries(shapely.from_wkb(values), index=df.index, crs="EPSG:4326")
    return gpd.GeoDataFrame(df, geometry=geometry_columns[0], crs="EPSG:4326")


#: Columns whose values make the content-hash ``event_id`` of a row that has none.
_ID_COLUMNS = ("event_type", "sub_event_type", "date_start", "geom", "location_name", "source")


def columns_from_gdf(gdf: pd.DataFrame, *, origin: str) -> dict[str, list[object]]:
    """Return the ``events`` columns (geom as WKT) for the rows of a (Geo)DataFrame."""
    import pandas as pd
    import shapely

    n = len(gdf)
    geoms = gdf.geometry.array if hasattr(gdf, "geometry") and n else [None] * n
    geoms = [None if g is None or g.is_empty else g for g in geoms]
    cols: dict[str, list[object]] = {}
    for name in EVENT_COLUMNS:
        if name in gdf.columns and name != "geom":
            cols[name] = [None if _missing(v) else v for v in gdf[name].tolist()]
        else:
            cols[name] = [None] * n
    cols["geom"] = [None if g is None else shapely.to_wkt(g, rounding_precision=-1) for g in geoms]
    for i, g in enumerate(geoms):
        if g is not None and (cols["lon"][i] is None or cols["lat"][i] is None):
            point = g if g.geom_type == "Point" else g.representative_point()
            cols["lon"][i], cols["lat"][i] = point.x, point.y
    for name in ("date_start", "date_end"):
        cols[name] = [None if v is None else pd.Timestamp(v).date() for v in cols[name]]
    for name in ("actors", "participants"):
        cols[name] = [
            [] if v is None else ([v] if isinstance(v, str) else [str(x) for x in v])  # type: ignore[attr-defined]  # a list cell: str, or a list/array pandas types as object
            for v in cols[name]
        ]
    cols["extra"] = [
        v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        for v in cols["extra"]
    ]
    cols["origin"] = [origin if v is None else v for v in cols["origin"]]
    for i in range(n):
        if cols["event_id"][i] is None:
            key = [cols[c][i] for c in _ID_COLUMNS]
            raw = "\x1f".join("" if v is None else str(v) for v in key)
            digest = hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
            cols["event_id"][i] = f"{cols['origin'][i]}:{digest}"
    return cols


def _missing(value: object) -> bool:
    """Return True for None, NaN, NaT and pd.NA (not for lists or dicts)."""
    import pandas as pd

    if value is None:
        return True
    if isinstance(value, str | list | tuple | dict) or hasattr(value, "__len__"):
        return False
    return bool(pd.isna(value))
