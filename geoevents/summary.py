"""Summaries of a frame of events: period covered, weekly counts, counts by key and by actor.

Plain pandas on the frames :meth:`geoevents.store.Store.events` returns (any frame with an
``event_type`` column and, where asked for, ``date_start``/``date_end``/``fatalities`` and
list columns such as ``actors``); the report draws its chart and tables from them, and
they serve notebooks as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from geoevents.models import FAMILIES

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Map families in display order (columns of the counts, rows of the legend).
FAMILY_ORDER: tuple[str, ...] = ("violence", "demonstrations", "strategic", "diplomacy", "other")


def family_of(event_type: object) -> str:
    """Return the map family of an event type (``"other"`` when unknown).

    Examples
    --------
    >>> family_of("battle"), family_of("diplomacy"), family_of(None)
    ('violence', 'diplomacy', 'other')
    """
    return FAMILIES.get(str(event_type), "other") if event_type is not None else "other"


def as_list(value: object) -> list[str]:
    """Return a list column value (list, tuple, numpy array, or missing) as a list of str."""
    if value is None or isinstance(value, str | float):
        return [value] if isinstance(value, str) and value else []
    try:
        return [str(v) for v in value if v is not None and str(v)]  # type: ignore[attr-defined]  # any object: a non-iterable raises TypeError, caught below
    except TypeError:
        return []


def date_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return a column as pandas datetimes (NaT where missing)."""
    if column not in frame.columns:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame[column], errors="coerce")


def period_covered(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day covered by dated events, or ``None`` if none is dated.

    Examples
    --------
    >>> df = pd.DataFrame({"date_start": [dt.date(2024, 7, 25), None],
    ...                    "date_end": [dt.date(2024, 7, 27), None]})
    >>> period_covered(df)
    (datetime.date(2024, 7, 25), datetime.date(2024, 7, 27))
    >>> period_covered(df.iloc[1:]) is None
    True
    """
    start = date_column(events, "date_start")
    end = date_column(events, "date_end").fillna(start)
    if start.notna().sum() == 0:
        return None
    return start.min().date(), end.max().date()


def weekly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Count dated events per week (weeks start on Monday) and family.

    Returns
    -------
    pandas.DataFrame
        One row per week from the first to the last dated event (empty weeks included),
        one column per family present, integer counts.

    Examples
    --------
    >>> df = pd.DataFrame({"event_type": ["battle", "protest", "battle"],
    ...                    "date_start": ["2024-07-25", "2024-07-27", "2024-08-07"]})
    >>> weekly_counts(df).to_dict("list")
    {'violence': [1, 0, 1], 'demonstrations': [1, 0, 0]}
    """
    start = date_column(events, "date_start")
    dated = events.loc[start.notna()]
    if dated.empty:
        return pd.DataFrame()
    day = start.loc[dated.index].dt.normalize()
    week = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    fam = dated["event_type"].map(family_of)
    counts = pd.crosstab(week, fam)
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="7D")
    counts = counts.reindex(full, fill_value=0)
    order = [f for f in FAMILY_ORDER if f in counts.columns]
    counts = counts[order].astype(int)
    counts.index.name = "week"
    counts.columns.name = None
    return counts


def counts_by(events: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Count events by the given columns, with one count column per family and a total.

    Missing keys count under ``"—"``. Rows are sorted by total, largest first; with several
    key columns, rows sharing the first key stay together (largest group first).
    """
    keys = events[list(columns)].astype("object").where(events[list(columns)].notna(), "—")
    keys = keys.map(lambda v: "—" if v is None or v == "" else str(v))
    fam = events["event_type"].map(family_of)
    table = pd.crosstab([keys[c] for c in columns], fam)
    order = [f for f in FAMILY_ORDER if f in table.columns]
    table = table[order]
    table["events"] = table.sum(axis=1)
    if "fatalities" in events.columns:
        fat = pd.to_numeric(events["fatalities"], errors="coerce")
        grouped = fat.groupby([keys[c] for c in columns]).sum(min_count=1)
        table["fatalities"] = grouped.reindex(table.index)
    if len(columns) == 1:
        return table.sort_values("events", ascending=False, kind="stable")
    # keep the rows of one first key together, biggest first key first
    first = table.index.get_level_values(0)
    group_total = table.groupby(level=0)["events"].transform("sum")
    order = pd.DataFrame(
        {"g": -group_total.to_numpy(), "k": first, "n": -table["events"].to_numpy()}
    )
    return table.iloc[order.sort_values(["g", "k", "n"], kind="stable").index.to_numpy()]


def actor_counts(events: pd.DataFrame, column: str = "actors") -> pd.DataFrame:
    """Count events per actor (or participant); an event with three actors counts for each.

    Examples
    --------
    >>> df = pd.DataFrame({"event_type": ["battle", "battle"],
    ...                    "actors": [["FAMa", "Wagner"], ["FAMa"]]})
    >>> actor_counts(df)["events"].to_dict()
    {'FAMa': 2, 'Wagner': 1}
    """
    if column not in events.columns:
        return pd.DataFrame(columns=["events", "first", "last"])
    rows = []
    start = date_column(events, "date_start")
    for idx, value in events[column].items():
        for actor in dict.fromkeys(as_list(value)):
            rows.append((actor, start.loc[idx]))
    if not rows:
        return pd.DataFrame(columns=["events", "first", "last"])
    frame = pd.DataFrame(rows, columns=["actor", "date"])
    out = frame.groupby("actor").agg(
        events=("date", "size"), first=("date", "min"), last=("date", "max")
    )
    return out.sort_values(["events"], ascending=False, kind="stable")
