"""Importers for real datasets: ACLED exports, UCDP GED and GDELT 2.0 event tables.

Each ``import_*`` reads one file with DuckDB, normalises it in SQL and writes it into the
``events`` table in one transaction, keyed by the dataset's natural id (re-imports add
nothing); bad rows are skipped and reported with file, line and reason. Files come as
the datasets ship them: zip archives, gzip and Excel workbooks are opened by
:mod:`geoevents.importers.unpack`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.errors import ConfigError, GeoEventsError, SourceFormatError
from geoevents.filters import EventFilter, resolve_filter
from geoevents.importers.acled import export_acled, import_acled
from geoevents.importers.common import ImportSummary, RowError
from geoevents.importers.gdelt import import_gdelt
from geoevents.importers.ucdp import import_ucdp
from geoevents.importers.unpack import DATA_SUFFIXES

if TYPE_CHECKING:
    from geoevents.gazetteer import Gazetteer
    from geoevents.store import Store

__all__ = [
    "IMPORTERS",
    "ImportSummary",
    "RowError",
    "export_acled",
    "folder_files",
    "import_acled",
    "import_files",
    "import_gdelt",
    "import_ucdp",
]

#: Dataset name -> importer.
IMPORTERS: dict[str, Callable[..., ImportSummary]] = {
    "acled": import_acled,
    "gdelt": import_gdelt,
    "ucdp": import_ucdp,
}


def import_files(
    store: Store,
    dataset: str,
    paths: Sequence[str | Path],
    *,
    gazetteer: Gazetteer | str | Path | None = None,
    where: EventFilter | None = None,
) -> list[tuple[Path, ImportSummary | GeoEventsError]]:
    """Import several files of one dataset, each in its own transaction.

    A folder in ``paths`` stands for the dataset files in it and its subfolders, in path
    order (:func:`folder_files`): a folder of GDELT 15-minute archives imports in time
    order.

    ``where`` keeps only the rows it matches (a Sahel slice of a global GDELT table:
    ``EventFilter(countries=("ML", "BF", "NE"))``); place names in it are resolved here.

    A file that cannot be imported at all does not stop the others: its error is returned
    in place of its summary.

    Raises
    ------
    ConfigError
        When ``dataset`` is not one of :data:`IMPORTERS`.
    """
    try:
        importer = IMPORTERS[dataset]
    except KeyError:
        msg = f"unknown dataset {dataset!r}; expected one of {', '.join(sorted(IMPORTERS))}"
        raise ConfigError(msg) from None
    if isinstance(gazetteer, str | Path):
        from geoevents.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(gazetteer)
    if where is not None:
        where = resolve_filter(where, gazetteer=gazetteer)
    out: list[tuple[Path, ImportSummary | GeoEventsError]] = []
    for raw in paths:
        given = Path(raw)
        files = folder_files(given) if given.is_dir() else [given]
        if not files:
            kinds = ", ".join(sorted(DATASET_SUFFIXES))
            msg = f"no dataset files in folder {str(given)!r} (looked for {kinds})"
            out.append((given, SourceFormatError(msg)))
        for path in files:
            try:
                out.append((path, importer(store, path, gazetteer=gazetteer, where=where)))
            except GeoEventsError as exc:
                out.append((path, exc))
    return out


#: Suffixes of the files a folder given to :func:`import_files` contributes: what an
#: archive may hold, archives themselves, and plain text tables.
DATASET_SUFFIXES = DATA_SUFFIXES | {".zip", ".txt"}


def folder_files(folder: Path) -> list[Path]:
    """Return the dataset files in a folder and its subfolders, in path order.

    Hidden files (``.DS_Store``) and other suffixes are passed over.
    """
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in DATASET_SUFFIXES
    )
