"""geoevents extract / ingest through click, on real files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geoevents.cli import main

TEXT = (
    "Combats à Kidal\n\n"
    "Des affrontements ont opposé l'armée malienne aux rebelles lundi à Kidal, selon une source sécuritaire."
)


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_help():
    r = CliRunner().invoke(main, ["extract", "--help"])
    assert r.exit_code == 0
    assert "--published" in r.output
    r = CliRunner().invoke(main, ["ingest", "--help"])
    assert r.exit_code == 0
    assert "--db" in r.output


def test_extract_json_lines(article):
    r = CliRunner().invoke(main, ["extract", "--published", "2024-08-02", str(article)])
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    (battle,) = [e for e in events if e["event_type"] == "battle"]
    assert battle["source"] == str(article)
    assert (battle["date_start"], battle["date_end"], battle["time_precision"]) == (
        "2024-07-29",
        "2024-07-29",
        "day",
    )
    assert battle["location"]["name"] == "Kidal"
    assert battle["location"]["country"] == "ML"
    for key in (
        "sub_event_type",
        "participants",
        "actors",
        "fatalities",
        "evidence",
        "evidence_span",
        "confidence",
    ):
        assert key in battle


def test_extract_bad_date_and_bad_file(article, tmp_path):
    r = CliRunner().invoke(main, ["extract", "--published", "02/08/2024", str(article)])
    assert r.exit_code == 1
    assert "'02/08/2024'" in r.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Titre\n\xff\xfe")
    r = CliRunner().invoke(main, ["extract", "--published", "2024-08-02", str(bad), str(article)])
    assert r.exit_code == 1
    assert "bad.txt:2: not UTF-8" in r.stderr
    assert '"event_type": "battle"' in r.stdout  # the good file still lands
    missing = tmp_path / "missing.txt"
    r = CliRunner().invoke(
        main, ["extract", "--published", "2024-08-02", str(missing), str(article)]
    )
    assert r.exit_code == 1
    assert "'" + str(missing) + "'" in r.stderr
    assert '"event_type": "battle"' in r.stdout  # a missing file does not stop the others


def test_extract_empty_file_is_empty_result(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0
    assert r.stdout == ""


def test_ingest_twice(article, tmp_path):
    db = tmp_path / "ev.duckdb"
    r1 = CliRunner().invoke(
        main, ["ingest", "--db", str(db), "--published", "2024-08-02", str(article)]
    )
    assert r1.exit_code == 0, r1.output
    s1 = json.loads(r1.stdout.splitlines()[-1])
    r2 = CliRunner().invoke(
        main, ["ingest", "--db", str(db), "--published", "2024-08-02", str(article)]
    )
    s2 = json.loads(r2.stdout.splitlines()[-1])
    assert s1["events_added"] >= 1
    assert s2["events_added"] == 0
