"""Event extraction from French and English Sahel news.

``extract_events(text, published=..., lang=..., gazetteer=..., source=...)`` returns
dated, typed, placed :class:`geoevents.models.Event` records, each with its evidence
sentence, character span and a confidence. The parts, one concept each:

* :mod:`.lang` -- French or English;
* :mod:`.text` -- decoding, HTML, paragraphs, headline, dateline;
* :mod:`.dates` -- the date pre-pass (+ dateparser for numeric dates), publication date;
* :mod:`.triggers` -- event typing from lemma triggers and syntax, modality;
* :mod:`.places` -- place mentions and the trigger-to-place link;
* :mod:`.actors` -- actors and diplomatic participants (``data/actors.tsv``);
* :mod:`.fatalities` -- stated death tolls;
* :mod:`.core` -- the driver and in-article merge.
"""

from __future__ import annotations

from geoevents.extract.core import extract_events
from geoevents.extract.dates import Anchor, DateMention, find_dates, publication_anchor
from geoevents.extract.lang import detect_language

__all__ = ["Anchor", "DateMention", "detect_language", "extract_events", "find_dates", "publication_anchor"]
