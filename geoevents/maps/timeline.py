"""Dates of the map payload: day numbers for the page's time control.

Each event is visible over its own ``date_start`` .. ``date_end``; the page shows the events
that overlap the chosen window, and counts them per day, week or month by ``date_start``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import geopandas as gpd


def _to_days(gdf: gpd.GeoDataFrame, column: str) -> np.ndarray:
    if column not in gdf.columns:
        return np.full(len(gdf), np.datetime64("NaT"), dtype="datetime64[D]")
    stamps = pd.to_datetime(gdf[column], errors="coerce")
    days: np.ndarray = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    return days


def day_numbers(gdf: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, dt.date | None]:
    """Return start and end day numbers (-1 when unknown) and the date of day 0.

    A missing end is the end of the start's ``time_precision`` period (the week, month or
    year), else the start itself; the end is never before the start.
    """
    start, end = _to_days(gdf, "date_start"), _to_days(gdf, "date_end")
    if "time_precision" in gdf.columns and np.isnat(end).any():
        tp = gdf["time_precision"].astype("string").fillna("").to_numpy()
        months = start.astype("datetime64[M]")
        period_end = np.where(
            tp == "week",
            start + 6,
            np.where(
                tp == "month",
                (months + 1).astype("datetime64[D]") - 1,
                np.where(
                    tp == "year",
                    (start.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1,
                    start,
                ),
            ),
        )
        end = np.where(np.isnat(end), period_end, end)
    end = np.where(np.isnat(end), start, end)
    ok = ~np.isnat(start)
    if not ok.any():
        none = np.full(len(gdf), -1, dtype=np.int64)
        return none, none.copy(), None
    first = start[ok].min()
    ds = np.where(ok, (start - first).astype(np.int64), -1)
    de = np.where(ok, np.maximum((end - first).astype(np.int64), ds), -1)
    return ds, de, dt.date.fromisoformat(str(first))
