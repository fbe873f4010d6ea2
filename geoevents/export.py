"""Writing events and query results out: GeoJSON, GeoParquet, CSV, ACLED CSV, JSON Lines, tables.

:func:`export_events` reads the store through an :class:`~geoevents.filters.EventFilter`
and writes a file atomically (a temporary file renamed into place). :func:`write_frame`
prints a query result to a stream as a rich table, CSV or JSON Lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import logging
import math
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from geoevents.errors import ConfigError, StoreError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    import geopandas as gpd
    import pandas as pd

    from geoevents.filters import EventFilter
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: File formats of :func:`export_events`.
EXPORT_FORMATS = ("geojson", "geoparquet", "csv", "acled")
#: Output formats of :func:`write_frame`.
QUERY_FORMATS = ("table", "csv", "jsonl")


def export_events(
    store: Store,
    out_path: str | Path,
    *,
    fmt: str,
    flt: EventFilter | None = None,
    gazetteer: object | None = None,
) -> int:
    """Write the events matching ``flt`` to ``out_path``; return how many were written.

    Parameters
    ----------
    store
        An open store.
    out_path
        The file to write (replaced atomically; its folder is created).
    fmt
        ``geojson`` (a FeatureCollection), ``geoparquet``, ``csv`` (geometry as WKT,
        lists joined with ``"; "``) or ``acled`` (ACLED's CSV columns, written by
        ``geoevents.importers.acled.export_acled``).
    flt
        Which events; all of them by default.
    gazetteer
        Gazetteer (object or path) for place names in ``flt``.

    Raises
    ------
    ConfigError
        When the format is unknown or a filter value is bad.
    StoreError
        When the file cannot be written.
    """
    if fmt not in EXPORT_FORMATS:
        msg = f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}"
        raise ConfigError(msg)
    writer = _acled_writer() if fmt == "acled" else None
    gdf = store.events(flt, gazetteer=gazetteer)
    out = Path(out_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot write {str(out)!r}: cannot make its folder: {exc.strerror or exc}"
        raise StoreError(msg) from exc
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        if fmt == "geojson":
            _write_geojson(gdf, tmp)
        elif fmt == "geoparquet":
            gdf.to_parquet(tmp, index=False)
        elif fmt == "csv":
            _frame_for_text(gdf).to_csv(tmp, index=False, quoting=csv.QUOTE_MINIMAL)
        else:
            assert writer is not None  # noqa: S101
            writer(gdf, tmp)
        tmp.replace(out)
    except OSError as exc:
        msg = f"cannot write {str(out)!r}: {exc.strerror or exc}"
        raise StoreError(msg) from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.info("exported %d events to %s (%s)", len(gdf), out, fmt)
    return len(gdf)


def _acled_writer() -> Callable[[gpd.GeoDataFrame, Path], int]:
    try:
        from geoevents.importers.acled import export_acled
    except ImportError as exc:
        msg = f"ACLED export needs geoevents.importers.acled, which is not available ({exc})"
        raise ConfigError(msg) from exc
    return export_acled


def _json_value(value: object) -> object:  # noqa: PLR0911
    """Return a JSON-ready value: ISO dates, lists, None for NaN/NA."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return _json_value(value.tolist())
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def records(df: pd.DataFrame) -> Iterator[dict[str, object]]:
    """Yield JSON-ready dicts; geometries become GeoJSON, ``extra`` JSON text an object."""
    import shapely

    geometry_cols = [c for c in df.columns if str(df[c].dtype) == "geometry"]
    columns = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        out: dict[str, object] = {}
        for name, value in zip(columns, row, strict=True):
            if name in geometry_cols:
                out[name] = None if value is None else json.loads(shapely.to_geojson(value))
            elif name == "extra" and isinstance(value, str):
                out[name] = json.loads(value)
            else:
                out[name] = _json_value(value)
        yield out


def _write_geojson(gdf: pd.DataFrame, path: Path) -> None:
    geometry = gdf.geometry.name
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for i, rec in enumerate(records(gdf)):
            geom = rec.pop(geometry)
            feature = {
                "type": "Feature",
                "id": rec.get("event_id"),
                "geometry": geom,
                "properties": rec,
            }
            fh.write(("" if i == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        fh.write("\n]}\n")


def _frame_for_text(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with geometries as WKT and lists joined by ``"; "``."""
    import pandas as pd
    import shapely

    out = pd.DataFrame(df).copy()
    for name in out.columns:
        col = out[name]
        if str(col.dtype) == "geometry":
            out[name] = [
                None if g is None else shapely.to_wkt(g, rounding_precision=-1) for g in col
            ]
        elif col.dtype == object:
            out[name] = ["; ".join(map(str, v)) if isinstance(v, list | tuple) else v for v in col]
    return out


def write_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    stream: IO[str],
    *,
    fmt: str = "table",
    geojson_columns: Sequence[str] = (),
) -> int:
    """Write plain rows (see ``Store.query_rows``) as ``table`` (rich), ``csv`` or ``jsonl``.

    Lists print joined by ``"; "`` in table and CSV. In JSON Lines, the GeoJSON text of
    ``geojson_columns`` is embedded as objects. Returns the number of rows.

    Raises
    ------
    ConfigError
        When the format is unknown.
    """
    if fmt not in QUERY_FORMATS:
        msg = f"unknown output format {fmt!r}; expected one of {', '.join(QUERY_FORMATS)}"
        raise ConfigError(msg)
    n = 0
    if fmt == "jsonl":
        columns = _unique(columns)
        geojson_columns = [c for c in columns if c.split("#")[0] in geojson_columns]
        for n, row in enumerate(rows, 1):  # noqa: B007
            rec = {
                c: json.loads(v) if c in geojson_columns and isinstance(v, str) else _json_value(v)
                for c, v in zip(columns, row, strict=True)
            }
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return n
    text_rows = ([_text_value(v) for v in row] for row in rows)
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for n, row in enumerate(text_rows, 1):  # noqa: B007
            writer.writerow(row)
        return n
    body = list(text_rows)
    _print_table(columns, body, stream)
    return len(body)


def _unique(columns: Sequence[str]) -> list[str]:
    """Return column names made unique for JSON keys: a repeated ``name`` becomes ``name#2``.

    Examples
    --------
    >>> _unique(["a", "b", "a"])
    ['a', 'b', 'a#2']
    """
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


def _text_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text_value(v) for v in value)
    converted = _json_value(value)
    return "" if converted is None else str(converted)


def _print_table(columns: Sequence[str], rows: list[list[str]], stream: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    for name in columns:
        table.add_column(str(name), overflow="fold", max_width=60)
    for row in rows:
        table.add_row(*row)
    Console(file=stream, width=max(80, min(200, 20 * len(columns))), soft_wrap=False).print(table)


def write_frame(df: pd.DataFrame, stream: IO[str], *, fmt: str = "table") -> int:
    """Write a query result to ``stream`` as ``table`` (rich), ``csv`` or ``jsonl``; return rows.

    Raises
    ------
    ConfigError
        When the format is unknown.
    """
    if fmt == "jsonl":
        for rec in records(df):
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _frame_for_text(df).to_csv(stream, index=False, lineterminator="\n")
    elif fmt == "table":
        text = _frame_for_text(df)
        rows = [[_text_value(v) for v in row] for row in text.itertuples(index=False, name=None)]
        _print_table([str(c) for c in text.columns], rows, stream)
    else:
        msg = f"unknown output format {fmt!r}; expected one of {', '.join(QUERY_FORMATS)}"
        raise ConfigError(msg)
    return len(df)
