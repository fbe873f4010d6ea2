"""Actors and diplomatic participants of a sentence.

Actors come from the actor list (``geoevents/data/actors.tsv``: armed groups and their
aliases, state forces, organisations, well-known officials) matched on word
boundaries. Participants of a diplomatic event are ISO codes (or organisation codes):
from listed officials and organisations, from official titles qualified by a demonym
("le ministre russe des Affaires étrangères" -> RU, "Turkish Foreign Minister" -> TR),
and from country names and demonyms the gazetteer knows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.extract.lexicon import ActorEntry, actors

if TYPE_CHECKING:
    from spacy.tokens import Span

    from geoevents.gazetteer import Gazetteer

#: ISO codes that are organisations, not states.
ORGS = frozenset({"ECOWAS", "AES", "UN", "AU", "EU"})


@lru_cache(maxsize=1)
def _actor_pattern() -> tuple[re.Pattern[str], dict[str, ActorEntry]]:
    entries = {a.surface.lower().replace("’", "'"): a for a in actors()}
    alts = sorted(entries, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE)
    return pat, entries


def find_actors(text: str) -> list[tuple[int, int, ActorEntry]]:
    """Return ``(start, end, entry)`` for every listed actor named in ``text``.

    All-capital surface forms (acronyms such as ``CSP``, ``UN``, ``FAN``) only match in
    capitals.

    Examples
    --------
    >>> [e.canonical for _, _, e in find_actors("Les FAMa et Wagner contre le CSP-DPA")]
    ['FAMa', 'Wagner Group', 'CSP-DPA']
    >>> find_actors("un fan de football")
    []
    """
    pat, entries = _actor_pattern()
    out = []
    norm = text.replace("’", "'")
    for m in pat.finditer(norm):
        e = entries[m.group(0).lower()]
        if e.surface.isupper() and not m.group(0).isupper():
            continue
        out.append((m.start(), m.end(), e))
    return out


_DEMONYM_RE = re.compile(r"[A-Za-zÀ-ÿ'’-]+")


def sentence_countries(sent: Span, gaz: Gazetteer | None) -> list[str]:
    """Return the ISO codes of countries named in a sentence (names, demonyms, capitals)."""
    if gaz is None:
        return []
    out: list[str] = []
    for tok in sent:
        if not tok.is_alpha or len(tok.text) < 4:
            continue
        if tok.pos_ and tok.pos_ not in {"PROPN", "ADJ", "NOUN"}:
            continue
        cc = gaz.country_code(tok.text)
        if cc and cc not in out:
            out.append(cc)
    return out


def person_countries(sents: list[Span], gaz: Gazetteer | None) -> dict[str, str]:
    """Map the names of people in a document to a country from their title.

    "Turkish Foreign Minister Hakan Fidan", "son homologue malien Abdoulaye Diop",
    "le président russe, Vladimir Poutine": the demonym or country within the six
    tokens before a person's name gives the country. Both the full name and the last
    word are keys, so a later "Fidan" is known too.
    """
    out: dict[str, str] = {}
    if gaz is None:
        return out
    for sent in sents:
        for ent in sent.ents:
            if ent.label_ not in {"PER", "PERSON"}:
                continue
            cc = None
            for tok in reversed(list(sent.doc[max(sent.start, ent.start - 6) : ent.start])):
                if tok.text in {".", ";", "et", "and"}:
                    break
                if tok.is_alpha and len(tok.text) > 3:
                    cc = gaz.country_code(tok.text)
                    if cc:
                        break
            if cc:
                out.setdefault(ent.text, cc)
                out.setdefault(ent[-1].text, cc)
    return out


def participants(sent: Span, gaz: Gazetteer | None, people: dict[str, str] | None = None) -> list[str]:
    """Return the participants of a diplomatic event told in ``sent``, in order of mention."""
    found: list[tuple[int, str]] = []
    if people:
        for tok in sent:
            cc = people.get(tok.text)
            if cc:
                found.append((tok.idx - sent.start_char, cc))
    for s, _, e in find_actors(sent.text):
        if e.country and (e.kind in {"person", "org"}):
            found.append((s, e.country))
    if gaz is not None:
        for tok in sent:
            if not tok.is_alpha or len(tok.text) < 4:
                continue
            if tok.pos_ and tok.pos_ not in {"PROPN", "ADJ", "NOUN"}:
                continue
            cc = gaz.country_code(tok.text)
            if cc:
                found.append((tok.idx - sent.start_char, cc))
    found.sort()
    out: list[str] = []
    for _, cc in found:
        if cc not in out:
            out.append(cc)
    return out
