"""Ingest into a real DuckDB store: per-file errors, idempotence, cross-article merge."""

from __future__ import annotations

import datetime as dt

import pytest

from geoevents.gazetteer import load_gazetteer
from geoevents.pipeline import ingest
from geoevents.store import open_store

A = (
    "Combats à Kidal\n\n"
    "Des affrontements ont opposé l'armée malienne aux rebelles du CSP-DPA le 25 juillet 2024 à Kidal, "
    "selon une source sécuritaire."
)
B = (
    "Fighting in northern Mali\n\n"
    "Clashes between the Malian army and CSP-DPA rebels erupted in Kidal on July 25, 2024, "
    "a security source said."
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_ingest_reports_bad_files_and_keeps_good_ones(tmp_path, db_path, gaz):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Titre\n\nDes combats à Gao.".encode("latin-1"))
    with open_store(db_path) as store:
        s = ingest(store, [d, tmp_path / "missing.txt"], gazetteer=gaz)
        n = store.count()
    assert s.files == 3
    assert s.events_added == n >= 1
    assert len(s.errors) == 3
    assert any("empty.txt: empty file" in e for e in s.errors)
    assert any("latin1.txt:3: not UTF-8" in e for e in s.errors)
    assert any("missing.txt" in e for e in s.errors)


def test_ingest_is_idempotent(tmp_path, db_path, gaz):
    f = tmp_path / "a.txt"
    f.write_text(A, encoding="utf-8")
    with open_store(db_path) as store:
        first = ingest(store, [f], gazetteer=gaz)
        n = store.count()
        again = ingest(store, [f], gazetteer=gaz)
        assert store.count() == n
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert first.events_added == n > 0
    assert (again.events_added, again.articles_skipped) == (0, 1)


def test_sources_are_recorded_relative_to_a_root_when_asked(tmp_path, db_path, gaz):
    (tmp_path / "in").mkdir()
    inside, outside = tmp_path / "in" / "a.txt", tmp_path / "b.txt"
    inside.write_text(A, encoding="utf-8")
    outside.write_text(B, encoding="utf-8")
    with open_store(db_path) as store:
        ingest(store, [inside, outside], gazetteer=gaz, relative_to=tmp_path / "in")
        sources = dict(
            store.con.execute("SELECT source, count(*) FROM articles GROUP BY 1").fetchall()
        )
        ev_sources = {
            r[0] for r in store.con.execute("SELECT source FROM event_sources").fetchall()
        }
    assert set(sources) == {"a.txt", str(outside)}
    assert "a.txt" in ev_sources


def test_same_event_from_two_articles_is_merged(tmp_path, db_path, gaz):
    (tmp_path / "fr.txt").write_text(A, encoding="utf-8")
    (tmp_path / "en.txt").write_text(B, encoding="utf-8")
    with open_store(db_path) as store:
        s = ingest(store, [tmp_path / "fr.txt", tmp_path / "en.txt"], gazetteer=gaz)
        rows = store.con.execute(
            "SELECT e.event_id, count(s.source) FROM events e JOIN event_sources s USING (event_id) "
            "WHERE e.event_type = 'battle' GROUP BY 1"
        ).fetchall()
        day = store.con.execute(
            "SELECT date_start FROM events WHERE event_type = 'battle'"
        ).fetchone()[0]
    assert s.events_merged >= 1
    assert len(rows) == 1
    assert rows[0][1] == 2
    assert day == dt.date(2024, 7, 25)


def test_ingest_reports_empty_folders_and_files_once_with_status_1(tmp_path, caplog):
    from click.testing import CliRunner

    from geoevents.cli import main

    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe bad")
    db = str(tmp_path / "events.duckdb")
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no article files in folder" in result.output
    result = CliRunner().invoke(
        main, ["ingest", "--db", db, str(tmp_path / "blank.txt"), str(tmp_path / "bad.txt")]
    )
    assert result.exit_code == 1
    assert "blank.txt: empty file" in result.output
    assert result.output.count("not UTF-8") == 2  # the Error: line and the JSON summary
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
