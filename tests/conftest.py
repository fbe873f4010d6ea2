"""Shared fixtures: real stores in tmp_path, the dev corpus beside the checkout, one browser.

Marks: ``browser`` (drives headless Chromium) is set in the test modules; ``slow`` is set
here, from :data:`SLOW`, so that one table says what ``make test-fast`` leaves out.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: ../shared beside the checkout (dev corpus, GeoNames dumps); tests needing it skip without it.
SHARED = ROOT.parent / "shared"

#: Flags for the system Chromium in tests: headless, no sandbox (CI runs as root), nothing
#: that phones home.
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Tests marked ``slow`` (left out by ``make test-fast``; ``make test`` runs them), by
#: node id prefix, with what makes them slow (seconds measured on the 2-core machine).
SLOW = {
    "tests/test_demo.py": "the whole pipeline on the sample corpus, twice (7 s each)",
    "tests/test_readme.py::test_readme_examples_run": "ingests the sample corpus (15-30 s)",
    "tests/test_import_packed.py": "33 imports of gzip, zip and Excel files (1-5 s each, ~60 s)",
    "tests/test_packaging.py": "builds and installs the wheel with pip",
    "tests/test_cli_geocode.py::test_build_with_geonames_dumps": "builds a gazetteer (6 s)",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the :data:`SLOW` tests; a prefix matching nothing in a collected file is an error."""
    del config
    used = set()
    files = set()
    for item in items:
        nodeid = item.nodeid
        files.add(nodeid.split("::", 1)[0])
        for prefix in SLOW:
            if nodeid == prefix or nodeid.startswith((prefix + "::", prefix + "[")):
                item.add_marker(pytest.mark.slow)
                used.add(prefix)
    stale = [p for p in SLOW if p.split("::", 1)[0] in files and p not in used]
    if stale:
        msg = f"tests/conftest.py SLOW names tests that no longer exist: {stale}"
        raise pytest.UsageError(msg)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return a path for a fresh DuckDB store file."""
    return tmp_path / "events.duckdb"


@pytest.fixture
def shared() -> Path:
    """Return the shared folder, or skip when this checkout has none beside it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Return one headless system Chromium (Playwright) for the whole run; a missing one fails."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("no 'chromium' on PATH: install Debian's chromium (CI does, via .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        yield b
        b.close()
