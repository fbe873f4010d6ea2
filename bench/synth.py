"""Synthetic Sahel events for benchmarks, generated inside DuckDB (a million in a few seconds).

Events cluster around real Sahel towns (Gaussian spread of about 35 km), with ACLED-like
type shares, dates from 2018 to 2025 (a third are single-day events with no ``date_end``,
the rest last two or three days) and deterministic pseudo-random values derived from
``hash(row, seed)``, so the same ``(n, seed)`` always gives the same events.

API::

    synth_events_table(con, n, seed=0, name="synth_events") -> str   # a TEMP table, events columns
    synth_store(path, n, seed=0) -> Path                              # a geoevents store file

Run ``python bench/synth.py OUT.duckdb N`` to write a store.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.models import EVENT_TYPES
from geoevents.store import APPEND_ORDER, open_store

if TYPE_CHECKING:
    import duckdb

#: (name, ISO2, admin1, lon, lat, weight). Coordinates: GeoNames (rounded), for clustering only.
TOWNS: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("Bamako", "ML", "Bamako", -8.0029, 12.6392, 4),
    ("Gao", "ML", "Gao", -0.0446, 16.2717, 8),
    ("Tombouctou", "ML", "Tombouctou", -3.0074, 16.7735, 6),
    ("Kidal", "ML", "Kidal", 1.4078, 18.4411, 5),
    ("Tinzaouatene", "ML", "Kidal", 2.9678, 19.9486, 2),
    ("Mopti", "ML", "Mopti", -4.1977, 14.4843, 7),
    ("Ménaka", "ML", "Ménaka", 2.4022, 15.9182, 5),
    ("Ségou", "ML", "Ségou", -6.2667, 13.4317, 4),
    ("Douentza", "ML", "Mopti", -2.9500, 15.0000, 4),
    ("Ouagadougou", "BF", "Centre", -1.5247, 12.3714, 4),
    ("Djibo", "BF", "Sahel", -1.6306, 14.1022, 7),
    ("Dori", "BF", "Sahel", -0.0345, 14.0354, 5),
    ("Fada N'Gourma", "BF", "Est", 0.3506, 12.0616, 5),
    ("Ouahigouya", "BF", "Nord", -2.4217, 13.5828, 4),
    ("Kaya", "BF", "Centre-Nord", -1.0844, 13.0917, 4),
    ("Niamey", "NE", "Niamey", 2.1098, 13.5137, 3),
    ("Tillabéri", "NE", "Tillabéri", 1.4531, 14.2117, 6),
    ("Ouallam", "NE", "Tillabéri", 2.0864, 14.3189, 3),
    ("Diffa", "NE", "Diffa", 12.6113, 13.3154, 4),
    ("Agadez", "NE", "Agadez", 7.9911, 16.9733, 2),
    ("Tahoua", "NE", "Tahoua", 5.2655, 14.8888, 2),
    ("N'Djamena", "TD", "N'Djamena", 15.0444, 12.1348, 2),
    ("Bol", "TD", "Lac", 14.7140, 13.4586, 2),
    ("Nouakchott", "MR", "Nouakchott", -15.9785, 18.0858, 1),
    ("Bassikounou", "MR", "Hodh Ech Chargui", -5.9500, 15.8700, 1),
)

#: Share (percent) of each event type, roughly ACLED's Sahel mix plus diplomacy.
TYPE_SHARES: dict[str, int] = {
    "battle": 30,
    "explosion_remote_violence": 14,
    "violence_against_civilians": 26,
    "protest": 8,
    "riot": 3,
    "strategic_development": 14,
    "diplomacy": 5,
}
ORIGIN_SHARES = {"acled": 60, "text": 30, "gdelt": 10}
ACTORS = ["FAMa", "JNIM", "EIGS", "Wagner", "Africa Corps", "VDP", "FDS", "CSP-DPA", "civilians"]
FIRST_DAY = "2018-01-01"
N_DAYS = 8 * 365 + 2  # to 2025-12-31

_SQL = """
CREATE OR REPLACE TEMP TABLE {name} AS
WITH r AS (
    SELECT i,
        (hash(i, $seed, 1) % 1000003) / 1000003.0 AS u1,
        (hash(i, $seed, 2) % 1000003) / 1000003.0 AS u2,
        (hash(i, $seed, 3) % 1000003) / 1000003.0 AS u3,
        (hash(i, $seed, 4) % 1000003)::BIGINT AS h4,
        (hash(i, $seed, 5) % 1000003)::BIGINT AS h5,
        (hash(i, $seed, 6) % 1000003)::BIGINT AS h6,
        (hash(i, $seed, 7) % 1000003)::BIGINT AS h7
    FROM range($n) t(i)
), p AS (
    SELECT r.*,
        $towns[1 + h4 % len($towns)] AS town,
        $types[1 + h5 % len($types)] AS ty,
        sqrt(-2 * ln(greatest(u1, 1e-9))) AS rad
    FROM r
), q AS (
    SELECT p.*,
        town.lon + 0.32 * rad * cos(2 * pi() * u2) / cos(radians(town.lat)) AS x,
        town.lat + 0.32 * rad * sin(2 * pi() * u2) AS y,
        DATE '{first}' + CAST(floor(u3 * {days}) AS INTEGER) AS d,
        ty.t AS etype,
        ty.subs[1 + h6 % len(ty.subs)] AS subtype
    FROM p
)
SELECT
    'syn:' || $seed || ':' || i AS event_id,
    etype AS event_type,
    subtype AS sub_event_type,
    d AS date_start,
    CASE WHEN h7 % 3 = 0 THEN NULL ELSE d + CAST(h7 % 3 AS INTEGER) END AS date_end,
    'day' AS time_precision,
    town.cc AS country,
    town.admin1 AS admin1,
    town.name AS location_name,
    NULL::VARCHAR AS place_id,
    'town' AS place_kind,
    CASE WHEN h7 % 5 = 0 THEN 2 ELSE 1 END AS geo_precision,
    x AS lon,
    y AS lat,
    ST_Point(x, y) AS geom,
    [$actors[1 + h6 % len($actors)], $actors[1 + h7 % len($actors)]] AS actors,
    CASE WHEN etype = 'diplomacy' THEN [town.cc, 'RU'] ELSE [] END::VARCHAR[] AS participants,
    CASE WHEN etype IN ('battle', 'explosion_remote_violence', 'violence_against_civilians')
         THEN CAST(h5 % 25 AS INTEGER) END AS fatalities,
    NULL::VARCHAR AS cameo_code,
    'synthetic' AS source,
    NULL::VARCHAR AS source_url,
    NULL::VARCHAR AS evidence,
    NULL::INTEGER AS evidence_start,
    NULL::INTEGER AS evidence_end,
    round(0.5 + 0.5 * u3, 3) AS confidence,
    $origins[1 + h4 % len($origins)] AS origin,
    NULL::VARCHAR AS notes,
    NULL::JSON AS extra
FROM q
"""


def _weighted(items: dict[str, int]) -> list[str]:
    return [name for name, weight in items.items() for _ in range(weight)]


def synth_events_table(
    con: duckdb.DuckDBPyConnection, n: int, seed: int = 0, *, name: str = "synth_events"
) -> str:
    """Create (or replace) a TEMP table of ``n`` synthetic events with the ``events`` columns.

    Parameters
    ----------
    con
        A connection with the spatial extension loaded (``Store.con``).
    n
        Number of events.
    seed
        Changes every pseudo-random value; the same seed gives the same events.
    name
        Table name (a plain identifier).

    Returns
    -------
    str
        The table name.
    """
    if not name.isidentifier():
        msg = f"table name {name!r} is not an identifier"
        raise ValueError(msg)
    towns = [
        {"name": t[0], "cc": t[1], "admin1": t[2], "lon": t[3], "lat": t[4]}
        for t in TOWNS
        for _ in range(t[5])
    ]
    con.execute(
        _SQL.format(name=name, first=FIRST_DAY, days=N_DAYS),
        {
            "n": int(n),
            "seed": int(seed),
            "towns": towns,
            "types": [{"t": t, "subs": list(EVENT_TYPES[t])} for t in _weighted(TYPE_SHARES)],
            "origins": _weighted(ORIGIN_SHARES),
            "actors": ACTORS,
        },
    )
    return name


def synth_store(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write a geoevents store with ``n`` synthetic events (added to any already there).

    Returns
    -------
    Path
        The store path.
    """
    with open_store(path) as store, store.transaction() as con:
        table = synth_events_table(con, n, seed)
        # appended as Store.write_events appends a batch: new ids only, in APPEND_ORDER
        con.execute(
            f"INSERT INTO events SELECT * FROM {table} s WHERE s.event_id NOT IN "
            f"(SELECT e.event_id FROM events e WHERE e.event_id IN (SELECT event_id FROM {table})) "
            f"ORDER BY {APPEND_ORDER}"
        )
        con.execute(f"DROP TABLE {table}")
    return Path(path)


if __name__ == "__main__":
    out, count = sys.argv[1], int(sys.argv[2])
    t0 = time.perf_counter()
    synth_store(out, count)
    print(f"{count} synthetic events -> {out} in {time.perf_counter() - t0:.1f} s")
