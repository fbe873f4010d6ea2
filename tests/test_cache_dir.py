"""GEOEVENTS_CACHE_DIR chooses where the gazetteer's load-speed index is cached."""

from __future__ import annotations

import logging
import shutil

from geoevents.gazetteer import read_gazetteer
from tests.conftest import DATA


def test_index_is_cached_in_geoevents_cache_dir(tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    monkeypatch.setenv("GEOEVENTS_CACHE_DIR", str(cache))
    src = tmp_path / "g.tsv"
    shutil.copy(DATA / "gazetteer_mini.tsv", src)
    first = read_gazetteer(src)
    written = sorted(p.name for p in cache.iterdir())
    assert len(written) == 2, written  # the index and its lazily read names part
    assert written[0].startswith("gazetteer-")
    assert written[0].endswith(".idx")
    with caplog.at_level(logging.INFO, logger="geoevents.gazetteer"):
        again = read_gazetteer(src)
    assert f"(index {written[0]})" in caplog.text  # read from the cache this time
    assert [p.place_id for p in again.places] == [p.place_id for p in first.places]
    assert again.resolve("Gao").place == first.resolve("Gao").place
