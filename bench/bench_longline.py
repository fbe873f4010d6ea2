"""A 10 MB line: ``extract``, ``extract --jsonl``, ``ingest`` and ``import`` of one huge line.

Each command runs as a fresh ``geoevents`` process (wall time and peak RSS from ``os.wait4``),
best of ROUNDS, against a floor in the same run: the same bytes in normal lines (the article in
one-sentence paragraphs, the JSON Lines text with its paragraph breaks, the CSV as ordinary
ACLED rows). Targets: each long-line run <= 1.5x its floor's time and <= 2x its floor's peak
RSS (the text analysed is capped, so neither grows with the line).

Usage: python bench/bench_longline.py [MB]   (default 10)
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GEOEVENTS = str(Path(sys.executable).with_name("geoevents"))
ROUNDS = 2
TIME_RATIO, RSS_RATIO = 1.5, 2.0

SENTENCES = [
    "Des combattants de l'État islamique au Sahel ont attaqué mardi un poste de l'armée "
    "malienne à Tidermène, dans la région de Ménaka, a annoncé l'état-major des FAMa, qui fait "
    "état de 12 assaillants tués.",
    "Le lendemain, des manifestants ont bloqué la route de Gao pour protester contre l'insécurité.",
    "Le ministre des affaires étrangères a reçu à Bamako son homologue nigérien pour discuter "
    "de la sécurité.",
    "Une mine a explosé au passage d'un véhicule civil près de Douentza, tuant trois personnes.",
]
HEAD = "Mali : l'armée repousse une attaque près de Ménaka BAMAKO, 14 mars 2024 - "


def _texts(size: int) -> tuple[str, str]:
    """Return the article as one line of ``size`` bytes, and its sentences one per paragraph."""
    parts, n, i = [], len(HEAD.encode()), 0
    while n < size:
        s = SENTENCES[i % len(SENTENCES)]
        parts.append(s)
        n += len(s.encode()) + 1
        i += 1
    return HEAD + " ".join(parts), HEAD + "\n\n" + "\n\n".join(parts)


def _write_inputs(folder: Path, size: int) -> dict[str, tuple[list[str], list[str]]]:
    line, paras = _texts(size)
    (folder / "line.txt").write_text(line, encoding="utf-8")
    (folder / "paras.txt").write_text(paras, encoding="utf-8")
    for name, text in (("line.jsonl", line), ("paras.jsonl", paras)):
        rec = {"id": name, "text": text, "published": "2024-03-14", "lang": "fr"}
        (folder / name).write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    src = ROOT / "tests" / "data" / "import" / "acled_current.csv"
    rows = list(csv.reader(src.open(encoding="utf-8")))
    header, body = rows[0], rows[1:]
    key, notes = header.index("event_id_cnty"), header.index("notes")
    with (folder / "huge_field.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        first = list(body[0])
        first[notes] = line
        w.writerows([first, *body[1:]])
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        i = 0
        while fh.tell() < size:
            r = list(body[i % len(body)])
            r[key] = f"BENCH{i}"
            w.writerow(r)
            i += 1
    f = str(folder)
    return {
        "extract": (["extract", f"{f}/line.txt"], ["extract", f"{f}/paras.txt"]),
        "extract --jsonl": (["extract", "--jsonl", f"{f}/line.jsonl"],
                            ["extract", "--jsonl", f"{f}/paras.jsonl"]),
        "ingest": (["ingest", "--db", f"{f}/DB.duckdb", f"{f}/line.txt"],
                   ["ingest", "--db", f"{f}/DB.duckdb", f"{f}/paras.txt"]),
        "import": (["import", "acled", "--db", f"{f}/DB.duckdb", f"{f}/huge_field.csv"],
                   ["import", "acled", "--db", f"{f}/DB.duckdb", f"{f}/rows.csv"]),
    }  # fmt: skip


def _run(args: list[str], folder: Path, tag: str) -> tuple[float, float, int]:
    """Run ``geoevents ARGS`` on a new store; return (seconds, peak RSS MB, exit code)."""
    db = folder / f"{tag}.duckdb"
    db.unlink(missing_ok=True)
    argv = [GEOEVENTS, *[a.replace(f"{folder}/DB.duckdb", str(db)) for a in args]]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main(argv: list[str]) -> int:
    """Measure each case, print a table, write results/longline.json; 1 if a target is missed."""
    mb = float(argv[0]) if argv else 10.0
    results: dict[str, dict[str, float]] = {}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = _write_inputs(folder, int(mb * 1_000_000))
        print(
            f"{'case':16} {'line s':>7} {'floor s':>7} {'ratio':>6} {'line MB':>8} {'floor MB':>8}"
        )
        for name, (line_args, floor_args) in cases.items():
            best: dict[str, tuple[float, float]] = {}
            for tag, args in (("line", line_args), ("floor", floor_args)):
                runs = []
                for _ in range(ROUNDS):
                    s, rss, rc = _run(args, folder, tag)
                    if rc not in (0, 1):
                        print(f"{name} {tag}: exit {rc}", file=sys.stderr)
                        ok = False
                    runs.append((s, rss))
                best[tag] = (min(r[0] for r in runs), min(r[1] for r in runs))
            (ls, lr), (fs, fr) = best["line"], best["floor"]
            results[name] = {"line_s": round(ls, 2), "floor_s": round(fs, 2),
                             "time_ratio": round(ls / fs, 2), "line_rss_mb": round(lr),
                             "floor_rss_mb": round(fr), "rss_ratio": round(lr / fr, 2)}  # fmt: skip
            ok = ok and ls / fs <= TIME_RATIO and lr / fr <= RSS_RATIO
            print(f"{name:16} {ls:7.2f} {fs:7.2f} {ls / fs:6.2f} {lr:8.0f} {fr:8.0f}", flush=True)
    out = HERE / "results" / "longline.json"
    out.write_text(json.dumps({"mb": mb, "rounds": ROUNDS, "targets": {"time_ratio": TIME_RATIO,
                   "rss_ratio": RSS_RATIO}, "cases": results}, indent=2) + "\n")  # fmt: skip
    print(f"wrote {out.relative_to(ROOT)}; targets {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
