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


def test_empty_inputs_say_so_and_exit_1(tmp_path, article):
    """Issue 14: an empty file, an empty folder, an empty feed did nothing: a line and status 1."""
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    folder = tmp_path / "nothing"
    folder.mkdir()
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n", encoding="utf-8")
    cases = [
        (["extract", str(empty), str(article)],
         f"Error: {empty}: empty file, no text to extract events from"),
        (["extract", str(folder)],
         f"Error: no article files in folder {str(folder)!r} (looked for .txt, .text, .md, .html, .htm)"),
        (["extract", "--jsonl", str(feed)], f"Error: {feed}: no articles, the file is empty"),
        (["ingest", "--db", str(tmp_path / "s.duckdb"), "--jsonl", str(feed)],
         f"Error: {feed}: no articles, the file is empty"),
        (["geocode", "--file", str(empty)], f"Error: no query in {str(empty)!r}: the file is empty"),
    ]  # fmt: skip
    for args, line in cases:
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.stderr.splitlines()[0] == line, args
    r = CliRunner().invoke(main, ["extract", str(empty), str(article)])
    assert [json.loads(x)["event_type"] for x in r.stdout.splitlines()] == [
        "battle"
    ]  # the other file


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
