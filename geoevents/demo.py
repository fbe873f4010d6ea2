"""The whole pipeline on the bundled sample corpus: store, time map and report in one call.

:func:`run_demo` builds a fresh DuckDB store from the dispatches shipped in
``geoevents/data/sample/`` (extraction, geocoding against the bundled gazetteer, cross-article
merging), then writes the self-contained time map, the HTML report and a PNG of the map.
Nothing needs the network. :func:`sample_paths` gives the dispatches to anyone who wants to
try the library on them (the notebooks do).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geoevents.store import open_store

log = logging.getLogger(__name__)

#: File names written into the demo folder.
DB_NAME = "demo.duckdb"
MAP_NAME = "demo_map.html"
REPORT_NAME = "demo_report.html"
MAP_TITLE = "Sahel events, bundled sample corpus"
REPORT_TITLE = "geoevents demo: Sahel events from the bundled sample corpus"


@dataclass(frozen=True, slots=True)
class DemoResult:
    """What :func:`run_demo` wrote and found.

    ``counts`` holds ``(event_type, country, n)`` rows; ``errors`` the messages of files the
    pipeline skipped; ``no_event`` the ``(source, headline)`` of dispatches read that gave no
    event; ``png_path`` is ``None`` when no snapshot was asked for.
    """

    db_path: Path
    map_path: Path
    report_path: Path
    png_path: Path | None
    n_files: int
    n_events: int
    counts: tuple[tuple[str, str, int], ...]
    errors: tuple[str, ...]
    seconds: float
    no_event: tuple[tuple[str, str], ...] = ()


def sample_dir() -> Path:
    """Return the folder of the bundled sample corpus (package data).

    Examples
    --------
    >>> (sample_dir() / "README.md").is_file()
    True
    """
    return Path(str(resources.files("geoevents") / "data" / "sample"))


def sample_paths() -> list[Path]:
    """Return the bundled sample dispatches (``*.txt``), sorted by name (= by date).

    Examples
    --------
    >>> paths = sample_paths()
    >>> len(paths) >= 25 and paths[0].suffix == ".txt"
    True
    """
    return sorted(sample_dir().glob("*.txt"))


def _have_chromium() -> bool:
    from geoevents.errors import MapError
    from geoevents.maps.snapshot import chromium_path

    try:
        chromium_path()
    except MapError:
        return False
    return True


def run_demo(out_dir: str | Path, *, png: bool = True) -> DemoResult:
    """Run the whole pipeline on the sample corpus and write store, map, report and PNG.

    Parameters
    ----------
    out_dir
        Folder for ``demo.duckdb``, ``demo_map.html``, ``demo_report.html`` and
        ``demo_report.png``; created if needed. An existing ``demo.duckdb`` there is replaced.
    png
        Also render the map to PNG (headless Chromium); skipped with a warning when the
        system has no Chromium.

    Returns
    -------
    DemoResult
        Paths written, event counts by type and country, skipped files, dispatches that gave
        no event, wall time.

    Raises
    ------
    MapError
        When the map or its PNG cannot be written.
    StoreError
        When the store cannot be created.
    """
    from geoevents import maps
    from geoevents.gazetteer import load_gazetteer
    from geoevents.pipeline import ingest
    from geoevents.report import write_report

    t0 = time.perf_counter()
    if png and not _have_chromium():
        log.warning("demo: no chromium on PATH, so no PNG of the map (apt-get install chromium)")
        png = False
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / DB_NAME
    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    paths = sample_paths()
    gazetteer = load_gazetteer()  # the bundled one
    with open_store(db_path) as store:
        summary = ingest(store, paths, gazetteer=gazetteer, relative_to=sample_dir().parent)
        for err in summary.errors:
            log.warning("demo: skipped %s", err)
        events = store.events()
        map_path = maps.save_map(
            maps.events_map(events, gazetteer=gazetteer, title=MAP_TITLE), out / MAP_NAME
        )
        report_path = write_report(store, out / REPORT_NAME, png=png, title=REPORT_TITLE)
        counts = tuple(store.counts_by_type_and_country())
        no_event = tuple(store.articles_without_events())
    png_path = report_path.with_suffix(".png") if png else None
    seconds = time.perf_counter() - t0
    log.info("demo: %d events from %d files in %.1f s", len(events), len(paths), seconds)
    return DemoResult(
        db_path=db_path,
        map_path=map_path,
        report_path=report_path,
        png_path=png_path,
        n_files=len(paths),
        n_events=len(events),
        counts=counts,
        errors=tuple(summary.errors),
        seconds=seconds,
        no_event=no_event,
    )
