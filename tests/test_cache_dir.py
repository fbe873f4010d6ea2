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


def test_gazetteer_info_shows_the_index_cache(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from geoevents.cli import main

    monkeypatch.setenv("GEOEVENTS_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "g.tsv"
    shutil.copy(DATA / "gazetteer_mini.tsv", src)
    r = CliRunner().invoke(main, ["gazetteer", "info", "--gazetteer", str(src)])
    assert r.exit_code == 0, r.output
    cache = json.loads(r.stdout)["index_cache"]
    assert cache["exists"] is True
    assert cache["path"].startswith(str(tmp_path / "cache" / "gazetteer-"))
    assert cache["path"].endswith(".idx")


def test_two_processes_building_the_index_at_once(tmp_path):
    """Two real processes build the same index into an empty cache at the same moment."""
    import os
    import subprocess
    import sys

    cache = tmp_path / "cache"
    src = tmp_path / "g.tsv"
    shutil.copy(DATA / "gazetteer_mini.tsv", src)
    go = tmp_path / "go"
    code = (
        "import pathlib, sys, time\n"
        "go = pathlib.Path(sys.argv[2])\n"
        "while not go.exists(): time.sleep(0.005)\n"
        "from geoevents.gazetteer import read_gazetteer\n"
        "g = read_gazetteer(sys.argv[1])\n"
        "print(len(g.places), g.resolve('Gao').place.place_id)\n"
    )
    env = {**os.environ, "GEOEVENTS_CACHE_DIR": str(cache)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(src), str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert outs[0][0] == outs[1][0]
    assert sorted(p.name.split(".", 1)[1] for p in cache.iterdir()) == ["idx", "idx.names"]
    from geoevents.gazetteer import read_gazetteer

    again = read_gazetteer(src)  # what they left is a whole, readable index
    assert f"{len(again.places)} {again.resolve('Gao').place.place_id}\n" == outs[0][0]


def test_two_gazetteers_never_share_country_outlines():
    from geoevents.gazetteer import bundled_path, read_gazetteer

    a = read_gazetteer(bundled_path())  # two objects of one file: what load_gazetteer never shares
    b = read_gazetteer(bundled_path())
    shape = a.country_shape("ML")
    assert shape is not None
    assert "ML" in a.country_shapes
    assert b.country_shapes == {}  # the other one parses its own
    assert a.country_shapes is not b.country_shapes
    assert a.country_shape("ML") is shape  # parsed once per gazetteer
