"""The demo end to end on the bundled sample corpus, its CLI, and the report CLI (real parts)."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.demo import DB_NAME, MAP_NAME, REPORT_NAME, run_demo, sample_dir, sample_paths
from geoevents.store import open_store
from tests.test_report import external_asset_urls

if TYPE_CHECKING:
    from pathlib import Path

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_sample_corpus_is_bundled_and_documented():
    paths = sample_paths()
    assert len(paths) >= 25
    readme = (sample_dir() / "README.md").read_text(encoding="utf-8")
    langs = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        headline, blank, dateline = text.splitlines()[:3]
        assert headline.strip(), path.name
        assert not blank.strip(), path.name
        assert re.search("[\u2013\u2014-]", dateline), f"{path.name}: no dateline dash"
        assert len(text) < 4000, path.name
        assert f"`{path.name}`" in readme, f"{path.name} is not listed in the sample README"
        langs.add(path.stem.rsplit("-", 1)[1])
    assert langs == {"fr", "en"}


@pytest.fixture(scope="module")
def demo_cli_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "maps"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_cli_prints_summary_and_paths(demo_cli_out):
    out, output = demo_cli_out
    assert "Events by type and country" in output
    found = re.search(
        r"^\d+ events from \d+ dispatches \((\d+) gave no event, \d+ skipped\)", output, re.M
    )
    assert found is not None, output
    listed = re.findall(r"^no event: (\S+)", output, re.M)
    assert len(listed) == int(found.group(1))
    with open_store(out / DB_NAME, read_only=True) as store:
        cited = {r[0] for r in store.con.execute("SELECT source FROM event_sources").fetchall()}
        read = {r[0] for r in store.con.execute("SELECT source FROM articles").fetchall()}
    assert sorted(listed) == sorted(read - cited)
    for name in (DB_NAME, MAP_NAME, REPORT_NAME, "demo_report.png"):
        assert (out / name).is_file()
        assert name in output
    assert re.search(r"│ battle\s+│", output)


def test_demo_store_has_typed_geolocated_events(demo_cli_out):
    out, _ = demo_cli_out
    with open_store(out / DB_NAME, read_only=True) as store:
        types = dict(
            store.con.execute("SELECT event_type, count(*) FROM events GROUP BY 1").fetchall()
        )
        countries = {
            r[0] for r in store.con.execute("SELECT DISTINCT country FROM events").fetchall()
        }
        n_files = store.con.execute("SELECT count(DISTINCT source) FROM event_sources").fetchone()[
            0
        ]
        near_tinza = store.con.execute(
            "SELECT count(*) FROM events "
            "WHERE lon BETWEEN 2.5 AND 3.5 AND lat BETWEEN 19.5 AND 20.5"
        ).fetchone()[0]
    assert {"battle", "diplomacy", "protest"} <= set(types), types
    assert len(types) >= 4
    assert {"ML", "NE", "BF"} <= countries
    assert n_files >= 20  # most dispatches yield at least one event
    with open_store(out / DB_NAME, read_only=True) as store:
        sources = {
            r[0]
            for r in store.con.execute(
                "SELECT source FROM events UNION SELECT source FROM articles"
            ).fetchall()
        }
    # recorded by their place in the package, not where it is installed on this machine
    assert all(s.startswith("sample/") and s.endswith(".txt") for s in sources), sorted(sources)[:3]
    assert near_tinza >= 2  # the July fighting and the August drone strikes at Tinzaouatene


def test_demo_map_and_report_are_self_contained(demo_cli_out):
    out, _ = demo_cli_out
    map_html = (out / MAP_NAME).read_text(encoding="utf-8")
    report_html = (out / REPORT_NAME).read_text(encoding="utf-8")
    assert external_asset_urls(map_html) == []
    assert external_asset_urls(report_html) == []
    assert "L.map(" in map_html or "L.map (" in map_html
    assert "srcdoc=" in report_html  # the map is embedded in the report
    assert "Tinzaouatene" in report_html
    assert "Barsalogho" in report_html
    assert (out / "demo_report.png").read_bytes()[:8] == PNG_MAGIC
    assert "data:image/png;base64," in report_html


def test_report_cli_filters_by_country(demo_cli_out, tmp_path):
    out, _ = demo_cli_out
    target = tmp_path / "niger.html"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            str(out / DB_NAME),
            "--out",
            str(target),
            "--country",
            "NE",
            "--title",
            "Niger",
        ],
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert "<title>Niger</title>" in page
    assert "Niamey" in page
    by_country = page.split("<h2>By country and region</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<td>NE (Niger)</td>" in by_country
    assert "<td>ML (" not in by_country
    assert "<td>BF (" not in by_country
    assert not target.with_suffix(".png").exists()


def test_report_cli_bad_db_is_one_line_error(tmp_path):
    bad = tmp_path / "not-a-store.duckdb"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["report", "--db", str(bad), "--out", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1
    assert "not-a-store.duckdb" in result.output
    assert "Traceback" not in result.output


def test_run_demo_library_replaces_existing_store(demo_cli_out, tmp_path):
    out, _ = demo_cli_out
    shutil.copytree(out, tmp_path / "again")
    with open_store(tmp_path / "again" / DB_NAME, read_only=True) as store:
        before = store.count()
    result = run_demo(tmp_path / "again", png=False)
    assert result.n_events == before > 0  # a fresh store, not the old one plus duplicates
    assert result.png_path is None
    assert result.map_path.is_file()
    assert result.report_path.is_file()
    assert sum(n for _, _, n in result.counts) == result.n_events
    assert result.n_files == len(sample_paths())
    with open_store(result.db_path, read_only=True) as store:
        assert store.count() == result.n_events


def test_demo_picture_for_the_readme(demo_cli_out):
    """The README's picture is the demo's PNG: ``UPDATE_DOCS_PICTURE=1`` writes it to docs/.

    Run ``UPDATE_DOCS_PICTURE=1 .venv/bin/pytest tests/test_demo.py -k picture`` after a
    change to the maps; without the variable the test only checks the PNG.
    """
    import os
    import struct
    from pathlib import Path

    out, _ = demo_cli_out
    png = (out / "demo_report.png").read_bytes()
    assert png[:8] == PNG_MAGIC
    assert struct.unpack(">II", png[16:24]) == (1200, 800)  # a report page's width
    if os.environ.get("UPDATE_DOCS_PICTURE") == "1":
        target = Path(__file__).resolve().parents[1] / "docs" / "demo-map.png"
        target.write_bytes(png)
