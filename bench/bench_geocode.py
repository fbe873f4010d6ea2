"""Benchmark: batch geocoding of 100,000 names in process, against a bare dict lookup.

The names are drawn (seeded) from the bundled gazetteer the way a news or ACLED batch
names places: a few towns very often, most rarely (Zipf-like), with press spellings
(capitals, accents dropped, hyphens for spaces), some relative phrases ("près de X",
"région de X") and some noise. Measured in the same run:

* ``Gazetteer.resolve_many`` on the 100k names (ranking, variants, fuzzy, relative phrases);
* the floor: a bare ``dict`` from folded main names to places, each name folded with
  :func:`geoevents.geocoding.names.fold` (uncached) and looked up (what any geocoder must at least do);
* the load time of the bundled gazetteer (fresh process).

Each is timed 3 times (best kept); our caches (folding, keys, spelling, fuzzy) are emptied
before each run, and the lazily loaded parts of the index are loaded before timing.

Targets: >= 50,000 names/s, and within 3x of the dict floor. Prints a table, writes
``bench/results/geocode.json``, exits 1 when a target is missed.
Usage: ``python bench/bench_geocode.py [N_NAMES]``.
"""

from __future__ import annotations

import json
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

from geoevents.geocoding.api import load_gazetteer  # noqa: E402
from geoevents.geocoding.names import fold, key, phonetic  # noqa: E402
from geoevents.geocoding.regions import SAHEL  # noqa: E402

TARGET_RATE = 50_000.0
TARGET_RATIO = 3.0
SEED = 20240725
REPEATS = 3


def make_names(gaz, n: int, rng: random.Random) -> list[str]:
    """Draw ``n`` query strings: Zipf-weighted Sahel towns and world capitals, variants, noise."""
    towns = [p for p in gaz.places if p.kind == "town" and p.country in SAHEL]
    towns.sort(key=lambda p: -p.population)
    capitals = [p for i, p in enumerate(gaz.places) if gaz.fcodes[i] == "PPLC"]
    regions = [p for p in gaz.places if p.kind == "region" and p.country in SAHEL]
    pool = towns + capitals
    weights = [1.0 / (r + 1) ** 1.1 for r in range(len(pool))]
    picks = rng.choices(pool, weights=weights, k=n)
    out = []
    for p in picks:
        r = rng.random()
        name = p.name
        if r < 0.55:
            out.append(name)
        elif r < 0.65:
            out.append(name.upper())
        elif r < 0.75:
            out.append(fold(name).title())
        elif r < 0.80:
            out.append(name.replace(" ", "-").replace("'", ""))
        elif r < 0.85:
            out.append(f"près de {name}")
        elif r < 0.88:
            out.append(f"région de {rng.choice(regions).name}")
        elif r < 0.91:
            out.append(f"{rng.choice((10, 20, 30, 50))} km au nord de {name}")
        elif r < 0.95:
            # a typo: one letter doubled or dropped
            i = rng.randrange(1, max(2, len(name) - 1))
            out.append(
                name[:i] + name[i] + name[i:] if rng.random() < 0.5 else name[:i] + name[i + 1 :]
            )
        else:
            out.append(
                "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))
            )
    return out


def fresh_load_seconds() -> float:
    code = (
        "import time; t=time.perf_counter(); from geoevents.gazetteer import load_gazetteer; "
        "load_gazetteer(); print(time.perf_counter()-t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return min(runs)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    load_warm = time.perf_counter() - t0
    names = make_names(gaz, n, rng)
    distinct = len(set(names))

    # the floor: folded main name -> place, one dict lookup per name
    table = {}
    for p in gaz.places:
        table.setdefault(fold(p.name), p)
    bare_fold = fold.__wrapped__  # the floor folds every name: no cache, no batching
    floor_runs = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        floor_hits = sum(1 for q in names if table.get(bare_fold(q)) is not None)
        floor_runs.append(time.perf_counter() - t0)
    floor_s = min(floor_runs)

    gaz.resolve("Tinzawatenne")  # loads the lazy parts of the index (counted in the load time)
    ours_runs = []
    for _ in range(REPEATS):
        fold.cache_clear()
        key.cache_clear()
        phonetic.cache_clear()
        gaz.clear_caches()  # near spellings and context-free answers memoised by earlier runs
        t0 = time.perf_counter()
        res = gaz.resolve_many(names)
        ours_runs.append(time.perf_counter() - t0)
    ours_s = min(ours_runs)
    hits = sum(1 for r in res if r.place is not None)

    rate = n / ours_s
    ratio = ours_s / floor_s
    load_fresh = fresh_load_seconds()
    ok = rate >= TARGET_RATE and ratio <= TARGET_RATIO
    print(f"names: {n:,} ({distinct:,} distinct)")
    print(f"{'method':<34}{'seconds':>10}{'names/s':>14}{'matched':>10}")
    print(
        f"{'dict lookup on folded main names':<34}{floor_s:>10.3f}{n / floor_s:>14,.0f}{floor_hits:>10,}"
    )
    print(f"{'Gazetteer.resolve_many':<34}{ours_s:>10.3f}{rate:>14,.0f}{hits:>10,}")
    print(
        f"ratio to the dict floor: {ratio:.2f}x (target <= {TARGET_RATIO}x); "
        f"rate target >= {TARGET_RATE:,.0f}/s; load: {load_fresh:.2f} s fresh, {load_warm:.2f} s here"
    )
    print("PASS" if ok else "FAIL")
    out = HERE / "results" / "geocode.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "n_names": n,
                "distinct": distinct,
                "floor_s": floor_s,
                "resolve_many_s": ours_s,
                "names_per_s": rate,
                "ratio_to_floor": ratio,
                "matched": hits,
                "floor_matched": floor_hits,
                "load_fresh_s": load_fresh,
                "targets": {"names_per_s": TARGET_RATE, "ratio": TARGET_RATIO},
                "pass": ok,
                "python": platform.python_version(),
                "machine": platform.machine(),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
