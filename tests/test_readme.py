"""The README's Python examples run as written, in a fresh folder with the bundled sample.

The files an example names and the reader is expected to have (a GDELT download) are made
from the test fixtures under the same name; everything else the examples use ships with the
package. Only ```` ```python ```` blocks are examples; a script for another engine (the
Spark/Sedona one, fenced ```` ```py ````) needs that engine and is not run.
"""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

import pytest

from tests.conftest import DATA, ROOT

if TYPE_CHECKING:
    from pathlib import Path

README = ROOT / "README.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.M | re.S)


def _gdelt_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(DATA / "import" / "gdelt_events.CSV", path.name.removesuffix(".zip"))


#: file named in the README -> how to make it from the fixtures
INPUTS = {"20240727.export.CSV.zip": _gdelt_zip}


def test_the_readme_has_examples():
    assert len(BLOCKS) >= 3
    assert all("from geoevents import" in b for b in BLOCKS), "examples use the public API"


@pytest.mark.slow
def test_readme_examples_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name, make in INPUTS.items():
        make(tmp_path / name)
    printed = []
    for n, block in enumerate(BLOCKS, 1):
        exec(compile(block, f"README.md python block {n}", "exec"), {"__name__": f"readme_{n}"})  # noqa: S102
        printed.append(capsys.readouterr().out)
    ingest_out, extract_out, import_out = printed[:3]
    added = re.search(r"events_added=(\d+)", ingest_out)
    assert added, ingest_out
    assert int(added.group(1)) > 0, ingest_out
    assert "location_name" in ingest_out
    assert (tmp_path / "tinza.html").stat().st_size > 0
    assert "battle 2024-03-12 Tidermène" in extract_out
    imported = re.search(r"imported=(\d+)", import_out)
    assert imported, import_out
    assert int(imported.group(1)) > 0, import_out
    assert (tmp_path / "sahel-report.html").stat().st_size > 0
