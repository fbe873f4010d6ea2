"""A 10 MB line: an article with no line break, a JSON Lines record (issue 14 section 3).

Not timed (``bench/bench_longline.py`` measures it): each run must complete, give the events of
the analysed part, and say once, in one line naming the file, that the rest was not analysed.
A CSV row of 10 MB: ``tests/test_import_acled.py``.
"""

from __future__ import annotations

import json
import logging
import re

from click.testing import CliRunner

from geoevents.cli import main
from geoevents.extract.text import MAX_CHARS, paragraphs, prepare
from geoevents.longtext import PARAGRAPH_CHARS, analysed_text, split_long_paragraphs
from tests.conftest import DATA

GAZ = str(DATA / "gazetteer_mini.tsv")
HEAD = "BAMAKO, 14 mars 2024 - "
SENTENCES = [
    "Des combattants de l'État islamique au Sahel ont attaqué mardi un poste de l'armée malienne "
    "à Kidal, a annoncé l'état-major des FAMa, qui fait état de 12 assaillants tués.",
    "Le ministre a reçu son homologue pour discuter de la coopération agricole.",
    "La saison des pluies a commencé plus tôt que prévu dans le nord du pays.",
]


def _line(size: int) -> str:
    """One line of about ``size`` bytes: a dateline, then the sentences over and over."""
    body = " ".join(SENTENCES) + " "
    return HEAD + body * (size // len(body.encode()) + 1)


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_split_cuts_long_paragraphs_at_sentence_ends_only():
    text = "Titre\n\n" + _line(50_000) + "\n\nFin."
    out = split_long_paragraphs(text)
    paras = [p for _, p in paragraphs(out)]
    assert paras[0] == "Titre"
    assert paras[-1] == "Fin."
    assert max(len(p) for p in paras) <= PARAGRAPH_CHARS
    assert all(p.rstrip().endswith(".") for p in paras[1:])  # every piece ends a sentence
    assert re.sub(r"\s+", " ", out) == re.sub(r"\s+", " ", text)  # only spaces became breaks
    assert split_long_paragraphs(out) == out  # cut once: the extraction's prepare changes nothing


def test_split_cuts_a_run_without_spaces_at_the_limit():
    out = split_long_paragraphs("x" * 5_000, limit=2_000)
    assert [len(p) for _, p in paragraphs(out)] == [2_000, 2_000, 1_000]


def test_analysed_text_is_capped_once_and_prepare_keeps_it(caplog):
    with caplog.at_level(logging.WARNING):
        text = analysed_text(_line(1_000_000), name="big.txt")
        assert prepare(text) == text  # what extract_events reads: no second cut, no warning
    assert len(text) <= MAX_CHARS
    assert text.rstrip().endswith(".")
    (msg,) = _warnings(caplog)
    assert msg.startswith("big.txt: ")
    assert "only the first" in msg
    assert "\n" not in msg


def test_extract_a_10_mb_line_completes_with_one_warning(tmp_path, caplog):
    big = tmp_path / "line.txt"
    big.write_text(_line(10_000_000), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        r = CliRunner().invoke(main, ["extract", "--gazetteer", GAZ, str(big)])
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    battles = [e for e in events if e["event_type"] == "battle"]
    assert battles, events
    assert {e["location"]["name"] for e in battles if e["location"]} == {"Kidal"}
    assert {e["date_start"] for e in battles} == {"2024-03-12"}
    (msg,) = _warnings(caplog)  # one warning, naming the file
    assert msg.startswith(f"{big}: ")


def test_ingest_a_10_mb_jsonl_record_warns_once_naming_file_and_line(tmp_path, caplog):
    feed = tmp_path / "feed.jsonl"
    small = {"id": "small", "text": HEAD + SENTENCES[0], "lang": "fr"}
    big = {"id": "big", "text": _line(10_000_000), "published": "2024-03-14", "lang": "fr"}
    feed.write_text(
        json.dumps(small, ensure_ascii=False) + "\n" + json.dumps(big, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    with caplog.at_level(logging.WARNING):
        r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--gazetteer", GAZ,
                                      "--jsonl", str(feed)])  # fmt: skip
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout.splitlines()[-1])
    assert summary["files"] == 2
    assert summary["errors"] == []
    assert summary["events_added"] >= 1
    (msg,) = _warnings(caplog)  # once, not once by extraction and again by the store's record
    assert msg.startswith(f"{feed}:2: ")
