"""A non-editable install ships its data: wheel contents, and the CLI run from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("geoevents-*.whl")
    return found


def test_wheel_carries_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "geoevents/data/gazetteer.tsv.gz" in names
    assert "geoevents/data/actors.tsv" in names
    assert "geoevents/py.typed" in names
    assert sum(n.startswith("geoevents/data/sample/") and n.endswith(".txt") for n in names) >= 20
    assert not any(n.startswith(("tests/", "bench/", "gazetteer/")) for n in names)


def test_installed_wheel_works_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import geoevents, sys; print(geoevents.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(target))
    out = subprocess.run(
        [sys.executable, "-m", "geoevents", "geocode", "Tin-Zaouatene", "Tombouctou"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["match"]["country"] for r in rows] == ["ML", "ML"]
