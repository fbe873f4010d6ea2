"""Benchmark: a partitioned GeoParquet dataset and a PostGIS store beside a store file.

On N synthetic events (bench/synth.py; 10,000,000 by default), in one run:

* the partitioned export (``--partition year,country``): time, size on disk, files;
* the radius + date query of the README (50 km around Tinzaouatene, July-August 2024),
  ``events(flt)`` warm, on the store file and on the dataset (partition and bbox pruning);
  target: the dataset within 2x the store file;
* a full scan of the dataset (the distance computed on every row: what no pruning costs),
  for reference: the pruned query should be far under it;
* the PostGIS push of the first P events (1,000,000 by default) into a fresh database:
  rows/s, then the same push again (must add 0 and update 0).

Prints a table, writes ``bench/results/scale.json``; exits 1 when a target is missed.
Usage: ``python bench/bench_scale.py [N_EVENTS [N_PUSH]]``. The PostGIS part needs the
server of ``GEOEVENTS_BENCH_PG`` (default: the local PostgreSQL, user postgres) and is
skipped, saying so, when it is unreachable.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import synth_store

from geoevents.filters import EventFilter
from geoevents.scale.geoparquet import export_dataset, open_dataset
from geoevents.store import haversine_sql, open_store

LON, LAT, KM = 2.9678, 19.9486, 50.0
START, END = "2024-07-01", "2024-08-31"
REPEATS = 7
TARGET_RATIO = 2.0
PG_ADMIN = os.environ.get("GEOEVENTS_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _median_time(fn: object, repeats: int = REPEATS) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _push(store_path: Path, n_push: int) -> dict[str, object]:
    try:
        import psycopg
    except ImportError:
        return {"skipped": "psycopg not installed"}
    from geoevents.scale.postgis import push_postgis

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        return {"skipped": f"PostgreSQL unreachable ({str(exc).strip().splitlines()[0]})"}
    name = f"geoevents_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f"CREATE DATABASE {name}")
    dsn = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        with open_store(store_path, read_only=True) as store:
            # the first n_push events in date order: a date range that holds about n_push rows
            (last,) = store.con.execute(
                "SELECT date_start FROM events ORDER BY date_start LIMIT 1 OFFSET ?",
                [n_push - 1],
            ).fetchone()
            flt = EventFilter(end=last)
            (rows,) = store.con.execute(
                "SELECT count(*) FROM events WHERE date_start <= ?", [last]
            ).fetchone()
            t = time.perf_counter()
            first = push_postgis(store, dsn, flt=flt)
            t_first = time.perf_counter() - t
            t = time.perf_counter()
            again = push_postgis(store, dsn, flt=flt)
            t_again = time.perf_counter() - t
    finally:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        admin.close()
    return {
        "rows": rows,
        "push_s": round(t_first, 2),
        "rows_per_s": round(rows / t_first),
        "added": first.added,
        "repush_s": round(t_again, 2),
        "repush_added": again.added,
        "repush_updated": again.updated,
    }


def main(n: int, n_push: int) -> int:
    """Run the benchmark on ``n`` events (PostGIS: ``n_push``); return the exit code."""
    flt = EventFilter(near=(LON, LAT), within_km=KM, start=START, end=END)
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-scale-") as tmp:
        db = Path(tmp) / "events.duckdb"
        t = time.perf_counter()
        synth_store(db, n)
        t_synth = time.perf_counter() - t
        out = Path(tmp) / "dataset"
        with open_store(db, read_only=True) as store:
            t = time.perf_counter()
            written = export_dataset(store, out, partition="year,country")
            t_export = time.perf_counter() - t
            t_store, want = _median_time(lambda: store.events(flt))
        size_store = db.stat().st_size
        size_ds = _du(out)
        files = len(list(out.rglob("*.parquet")))
        with open_dataset(out) as ds:
            t = time.perf_counter()
            first = ds.events(flt)
            t_ds_first = time.perf_counter() - t
            t_ds, got = _median_time(lambda: ds.events(flt))
            scan_sql = (
                f"SELECT count(*) FROM events WHERE {haversine_sql('lon', 'lat')} <= ? "
                "AND coalesce(date_end, date_start) >= ?::DATE AND date_start <= ?::DATE"
            )
            t_scan, scan = _median_time(
                lambda: ds.con.execute(scan_sql, [LON, LAT, KM * 1000, START, END]).fetchone()[0],
                3,
            )
        same = list(got["event_id"]) == list(want["event_id"]) == list(first["event_id"])
        push = _push(db, min(n_push, n))
    ratio = t_ds / t_store
    result = {
        "n_events": n,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "synth_store_s": round(t_synth, 1),
        "store_mb": round(size_store / 1e6, 1),
        "export_s": round(t_export, 1),
        "export_rows_per_s": round(written / t_export),
        "dataset_mb": round(size_ds / 1e6, 1),
        "dataset_files": files,
        "query_matches": len(want),
        "same_answer": same and scan == len(want),
        "store_query_ms": round(t_store * 1000, 1),
        "dataset_query_ms": round(t_ds * 1000, 1),
        "dataset_first_query_ms": round(t_ds_first * 1000, 1),
        "dataset_full_scan_ms": round(t_scan * 1000, 1),
        "dataset_vs_store": round(ratio, 2),
        "full_scan_vs_dataset": round(t_scan / t_ds, 1),
        "target_dataset_vs_store": TARGET_RATIO,
        "postgis": push,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    ok = ratio <= TARGET_RATIO and result["same_answer"]
    if isinstance(push, dict) and "rows" in push:
        ok = ok and push["repush_added"] == 0 and push["repush_updated"] == 0
    if not ok:
        print("TARGET MISSED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    args = [int(a.replace("_", "")) for a in sys.argv[1:]]
    raise SystemExit(main(args[0] if args else 10_000_000, args[1] if len(args) > 1 else 1_000_000))
