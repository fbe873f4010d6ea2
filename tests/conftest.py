"""Shared fixtures: real stores in tmp_path, the dev corpus beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: ../shared beside the checkout (dev corpus, GeoNames dumps); tests needing it skip without it.
SHARED = ROOT.parent / "shared"


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
