"""Benchmark: event extraction throughput against raw spaCy parsing of the same texts.

Texts: the dev corpus articles (``../shared/corpus/articles`` beside the checkout), or the
bundled sample corpus when that folder is absent. Measured in the same run, per language
with the same spaCy model:

* floor: ``nlp.pipe`` over the texts (tokenise, tag, parse, lemmatise, NER) and nothing else;
* ours: :func:`geoevents.extract.extract_events` on every text with the bundled gazetteer
  (date pre-pass, triggers, modality, place resolution and linking, actors, merge).

Each is timed 3 times (best kept) after a warm-up that loads the models and the gazetteer.
Target: extraction at >= 0.5x the raw ``nlp.pipe`` throughput (words/s). Prints a table,
writes ``bench/results/extract.json``, exits 1 when the target is missed.
Usage: ``python bench/bench_extract.py``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from geoevents.extract import detect_language, extract_events
from geoevents.extract.nlp import load_nlp
from geoevents.extract.text import paragraphs, prepare
from geoevents.gazetteer import load_gazetteer

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 0.5
REPEATS = 3


def corpus() -> tuple[str, list[str]]:
    """Return (name, texts) of the benchmark corpus."""
    shared = HERE.parent.parent / "shared" / "corpus" / "articles"
    if shared.is_dir():
        return "dev corpus", [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*.txt"))]
    sample = HERE.parent / "geoevents" / "data" / "sample"
    return "bundled sample", [p.read_text(encoding="utf-8") for p in sorted(sample.rglob("*.txt"))]


def best(fn) -> float:  # type: ignore[no-untyped-def]
    """Best wall time of REPEATS calls."""
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    """Run the benchmark; return 0 when the target is met."""
    name, texts = corpus()
    gaz = load_gazetteer()
    by_lang: dict[str, list[str]] = {}
    for t in texts:
        by_lang.setdefault(detect_language(t), []).append(t)
    rows = []
    total_words = total_raw = total_ours = 0.0
    for lang, group in sorted(by_lang.items()):
        nlp = load_nlp(lang)
        words = sum(len(t.split()) for t in group)
        # the floor parses the same paragraphs extract_events parses
        paras = [p for t in group for _, p in paragraphs(prepare(t))]
        extract_events(group[0], gazetteer=gaz, lang=lang)  # warm-up
        list(nlp.pipe(paras))
        raw = best(lambda: list(nlp.pipe(paras, batch_size=64)))  # noqa: B023
        ours = best(lambda: [extract_events(t, gazetteer=gaz, lang=lang) for t in group])  # noqa: B023
        rows.append({"lang": lang, "texts": len(group), "words": words, "raw_s": raw, "extract_s": ours,
                     "raw_words_per_s": words / raw, "extract_words_per_s": words / ours, "ratio": raw / ours})  # fmt: skip
        total_words += words
        total_raw += raw
        total_ours += ours
    ratio = total_raw / total_ours
    result = {
        "corpus": name,
        "texts": len(texts),
        "words": int(total_words),
        "raw_nlp_pipe_words_per_s": round(total_words / total_raw),
        "extract_words_per_s": round(total_words / total_ours),
        "ratio": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "ok": ratio >= TARGET_RATIO,
        "per_language": rows,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"{'lang':5} {'texts':>5} {'words':>6} {'nlp.pipe w/s':>13} {'extract w/s':>12} {'ratio':>6}"
    )
    for r in rows:
        print(f"{r['lang']:5} {r['texts']:5d} {r['words']:6d} {r['raw_words_per_s']:13.0f} "
              f"{r['extract_words_per_s']:12.0f} {r['ratio']:6.2f}")  # fmt: skip
    print(f"all   {len(texts):5d} {int(total_words):6d} {result['raw_nlp_pipe_words_per_s']:13d} "
          f"{result['extract_words_per_s']:12d} {ratio:6.2f}  (target >= {TARGET_RATIO})")  # fmt: skip
    out = HERE / "results" / "extract.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
