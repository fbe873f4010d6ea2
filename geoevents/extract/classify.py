"""Event types of English text from a linear model trained on coded conflict notes.

The model reads words, word pairs, word stems and the codebook's armed and crowd actor classes
the words name (hashed into a fixed space, so it stores no vocabulary and no text) and gives a
probability for each of ACLED's six event types and, within a type, for its sub-event types.
It was trained by ``eval/train_types.py`` on the tuning halves of the coded notes in
``../shared/corpus/notes`` (never on the untouched halves it is scored on) and is stored as
``data/event_types.npz``: weights only.

Only English is modelled: the notes are English. French text is typed by the trigger
lexicon and the codebook table (:mod:`.codebook`).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from typing import Any, Iterable

import numpy as np

from geoevents.extract.actors import find_actors
from geoevents.extract.codebook import ARMED, CROWD, kind_class, word_class

#: Size of the hashed feature space (a power of two).
DIM = 1 << 18
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SIZE = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Lower-cased words, each number as ``0``."""
    return ["0" if w.isdigit() else w for w in _WORD.findall(text.lower())]


def features(text: str) -> list[int]:
    """Hashed feature indices of a text: words, stems (first 5 letters), word pairs, a size tag,
    and the armed and crowd classes of the codebook that its words and listed actors name.

    The classes carry what was learnt on one region's actors to another's: "JNIM", "VDP" or
    "Koglweogo" never occur in the training notes, but "c:rebel" and "c:state" do. Trained on
    other regions' notes only, they raise the type read right on Africa's tuning notes from
    0.667 to 0.681. The civilian class is left out: protesters and victims are both civilians
    by their nouns ("teachers", "residents"), and with it "parents and teachers marched" read as
    violence against civilians.
    """
    words = tokens(_SIZE.sub(" ", text))
    feats = [f"w:{w}" for w in words]
    feats += [f"s:{w[:5]}" for w in words if len(w) > 5]
    feats += [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    feats += [f"c:{c}" for c in map(word_class, words) if c in ARMED or c in CROWD]
    feats += [f"c:{c}" for _, _, e in find_actors(text) if (c := kind_class(e.kind)) in ARMED]
    if _SIZE.search(text):
        feats.append("tag:size")  # coders note a crowd's size for protests and riots only
    return [zlib.crc32(f.encode("utf-8")) & (DIM - 1) for f in feats]


def matrix(texts: Iterable[str]) -> Any:  # noqa: ANN401 - a scipy.sparse matrix (scipy ships no types)
    """A SciPy CSR matrix of the texts' features (training only; SciPy comes with scikit-learn)."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]  # training only; scipy has no stubs here

    rows, cols = [], []
    n = 0
    for n, text in enumerate(texts, 1):
        idx = sorted(set(features(text)))
        rows.extend([n - 1] * len(idx))
        cols.extend(idx)
    data = np.ones(len(cols), dtype=np.float32)
    x = csr_matrix((data, (rows, cols)), shape=(n, DIM), dtype=np.float32)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(x.multiply(1.0 / norms[:, None]))


@dataclass(frozen=True)
class Typed:
    """A model's reading of a text."""

    event_type: str
    probability: float
    sub_event_type: str
    sub_probability: float
    margin: float  # probability of the best type minus the runner-up's


class _Linear:
    """A multinomial linear model stored as sparse weights."""

    def __init__(self, labels: list[str], index: np.ndarray, weights: np.ndarray, bias: np.ndarray):
        self.labels = labels
        self._bias = bias.astype(np.float64)
        dense = np.zeros((DIM, len(labels)), dtype=np.float32)
        dense[index] = weights.astype(np.float32)
        self._w = dense

    def proba(self, idx: list[int]) -> np.ndarray:
        u = np.unique(np.asarray(idx, dtype=np.int64))
        z = self._bias.copy()
        if len(u):
            z += self._w[u].sum(axis=0) / np.sqrt(len(u))
        z -= z.max()
        e = np.exp(z)
        out: np.ndarray = e / e.sum()
        return out


class TypeModel:
    """The trained event-type and sub-event-type model (loaded once, read-only)."""

    def __init__(self, path: Any = None) -> None:  # noqa: ANN401 - a Traversable or a Path
        self._path = path or files("geoevents.data") / "event_types.npz"

    @cached_property
    def _models(self) -> tuple[_Linear, _Linear]:
        with self._path.open("rb") as fh:
            z = np.load(fh, allow_pickle=False)
            out = []
            for part in ("type", "sub"):
                labels = [str(x) for x in z[f"{part}_labels"]]
                out.append(
                    _Linear(labels, z[f"{part}_index"], z[f"{part}_weights"], z[f"{part}_bias"])
                )
        return out[0], out[1]

    def read(self, text: str) -> Typed:
        """The most probable type of a text and, within it, the most probable sub-type."""
        types, subs = self._models
        idx = features(text)
        p = types.proba(idx)
        order = np.argsort(-p)
        best = types.labels[int(order[0])]
        margin = float(p[order[0]] - p[order[1]])
        q = subs.proba(idx)
        allowed = [i for i, lab in enumerate(subs.labels) if lab.split("/", 1)[0] == best]
        if allowed:
            j = max(allowed, key=lambda i: q[i])
            sub, sp = subs.labels[j].split("/", 1)[1], float(q[j] / sum(q[i] for i in allowed))
        else:
            sub, sp = "other", 0.0
        return Typed(best, float(p[order[0]]), sub, sp, margin)

    def probabilities(self, text: str) -> dict[str, float]:
        """Probability of each event type for a text."""
        types, _ = self._models
        p = types.proba(features(text))
        return {lab: float(v) for lab, v in zip(types.labels, p)}


_MODEL: TypeModel | None = None


def type_model() -> TypeModel:
    """The bundled model, loaded on first use."""
    global _MODEL
    if _MODEL is None:
        _MODEL = TypeModel()
    return _MODEL
