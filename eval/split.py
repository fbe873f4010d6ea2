#!/usr/bin/env python3
"""Split the shared dev sets into a tuning part and an untouched part, by a hash of each id.

usage: python eval/split.py OUT_DIR

Reads ``../shared/corpus`` (the notes, the article truth and the toponyms) and writes, under
OUT_DIR (outside the repository: the dev material is never copied into it):

    notes-africa-tune.jsonl   notes-africa-holdout.jsonl
    notes-world-tune.jsonl    notes-world-holdout.jsonl
    truth-tune.jsonl          truth-holdout.jsonl
    toponyms-tune.jsonl       toponyms-holdout.jsonl

A record is in the untouched ("holdout") part when the first byte of the SHA-1 of its id is
odd: about half of every set, stable across machines and runs. Only the tuning part may be
read while changing rules, lexicons or models; every closing note reports both.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SETS = {
    "notes-africa": SHARED / "notes" / "acled-africa-dev.jsonl",
    "notes-world": SHARED / "notes" / "acled-world-dev.jsonl",
    "truth": SHARED / "truth.jsonl",
    "toponyms": SHARED / "toponyms.jsonl",
}


def held_out(record_id: str) -> bool:
    """Whether a record belongs to the untouched part."""
    return hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 == 1


def split(src: Path, out: Path, stem: str) -> tuple[int, int]:
    tune, hold = [], []
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.strip():
            (hold if held_out(str(json.loads(line)["id"])) else tune).append(line)
    (out / f"{stem}-tune.jsonl").write_text("\n".join(tune) + "\n", encoding="utf-8")
    (out / f"{stem}-holdout.jsonl").write_text("\n".join(hold) + "\n", encoding="utf-8")
    return len(tune), len(hold)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for stem, src in SETS.items():
        if src.exists():
            t, h = split(src, out, stem)
            print(f"{stem}: tune {t}, holdout {h}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
