#!/usr/bin/env python3
"""Train the English event-type model (``geoevents/data/event_types.npz``) on coded notes.

usage: python eval/train_types.py [--check]

Reads the coded notes of ``../shared/corpus/notes`` and keeps only their tuning halves (the
hash split of ``eval/split.py``): the untouched halves are what the model is scored on, so
they never reach training. Labels are ACLED's event types (old codebook names mapped to the
new ones; "Riots/Protests", which names two types, is left out of the type model) and the
sub-event types of the current codebook, written in snake_case. The model is a multinomial
logistic regression (scikit-learn, a training-time dependency only: ``pip install -e
'.[train]'``) over the hashed features of :func:`geoevents.extract.classify.features`; the
file stores the non-zero weights as float16, no text and no vocabulary.

``--check`` prints accuracy on the untouched halves of both note sets and on the tuning
half by 5-fold cross-validation, without writing the model.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from split import held_out  # noqa: E402

from geoevents.extract.classify import matrix  # noqa: E402

NOTES = ROOT.parent / "shared" / "corpus" / "notes"
SETS = ("acled-africa-dev.jsonl", "acled-world-dev.jsonl")
OUT = ROOT / "geoevents" / "data" / "event_types.npz"

#: Old codebook names (before 2019) and their current type; ACLED codebook 2019, "changes".
OLD = {
    "Remote violence": "explosion_remote_violence",
    "Strategic development": "strategic_development",
    "Non-violent transfer of territory": "strategic_development",
    "Headquarters or base established": "strategic_development",
}
#: The current codebook's six types.
NEW = {
    "Explosions/Remote violence": "explosion_remote_violence",
    "Violence against civilians": "violence_against_civilians",
    "Protests": "protest",
    "Riots": "riot",
    "Strategic developments": "strategic_development",
}
C = 8.0


def event_type(name: str) -> str | None:
    if name.startswith("Battle"):
        return "battle"
    return OLD.get(name) or NEW.get(name)  # "Riots/Protests" names two types: left out


def sub_type(name: str) -> str | None:
    return re.sub(r"[^a-z]+", "_", name.lower()).strip("_") or None


def load(part: str) -> list[dict]:
    out = []
    for name in SETS:
        for line in (NOTES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if held_out(str(r["id"])) == (part == "holdout"):
                    out.append(r)
    return out


def fit(texts: list[str], labels: list[str]):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(matrix(texts), labels)
    return model


def pack(model, prefix: str) -> dict[str, np.ndarray]:
    w = model.coef_.T.astype(np.float32)  # (DIM, labels)
    index = np.flatnonzero(np.abs(w).max(axis=1) > 1e-4).astype(np.int32)
    return {
        f"{prefix}_labels": np.array(list(model.classes_)),
        f"{prefix}_index": index,
        f"{prefix}_weights": w[index].astype(np.float16),
        f"{prefix}_bias": model.intercept_.astype(np.float32),
    }


def main(argv: list[str]) -> int:
    tune = load("tune")
    typed = [(r["text"], event_type(r["event_type"])) for r in tune]
    typed = [(t, y) for t, y in typed if y]
    subs = [
        (r["text"], f"{event_type(r['event_type'])}/{sub_type(r['sub_event_type'])}")
        for r in tune
        if event_type(r["event_type"]) and sub_type(r["sub_event_type"] or "")
    ]
    if "--check" in argv:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score

        x = matrix([t for t, _ in typed])
        y = [y for _, y in typed]
        cv = cross_val_score(LogisticRegression(C=C, max_iter=3000), x, y, cv=5)
        print(f"type, tuning half, 5-fold: {cv.mean():.3f}")
        model = fit([t for t, _ in typed], y)
        hold = load("holdout")
        for name in SETS:
            rows = [
                (r["text"], event_type(r["event_type"])) for r in hold if r["id"] and _in(r, name)
            ]
            rows = [(t, y) for t, y in rows if y]
            pred = model.predict(matrix([t for t, _ in rows]))
            acc = float(np.mean([p == y for p, (_, y) in zip(pred, rows)]))
            print(f"type, untouched half of {name}: {acc:.3f} ({len(rows)} notes)")
        return 0
    arrays = {}
    arrays.update(pack(fit([t for t, _ in typed], [y for _, y in typed]), "type"))
    arrays.update(pack(fit([t for t, _ in subs], [y for _, y in subs]), "sub"))
    np.savez_compressed(OUT, **arrays)
    print(
        f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB) from {len(typed)} typed and {len(subs)} sub-typed notes"
    )
    return 0


_IDS: dict[str, set[str]] = {}


def _in(record: dict, name: str) -> bool:
    if name not in _IDS:
        _IDS[name] = {
            str(json.loads(line)["id"])
            for line in (NOTES / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        }
    return str(record["id"]) in _IDS[name]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
