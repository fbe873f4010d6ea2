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
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.extract.lexicon import ActorEntry, actors
from geoevents.geocoding.regions import AFRICA

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.tokens import Span, Token

    from geoevents.gazetteer import Gazetteer

#: ISO codes that are organisations, not states.
ORGS = frozenset({"ECOWAS", "AES", "UN", "AU", "EU"})


@lru_cache(maxsize=1)
def _actor_pattern() -> tuple[re.Pattern[str], dict[str, ActorEntry]]:
    entries = {a.surface.lower().replace("’", "'"): a for a in actors()}
    alts = sorted(entries, key=len, reverse=True)
    pat = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE
    )
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


def home_countries(entries: Iterable[ActorEntry]) -> list[str]:
    """Return the countries of the armed groups and state forces among ``entries`` (as
    :func:`find_actors` finds them) that fight at home, in order: "FAMa" -> ML, "VDP" -> BF,
    "Koglweogo" -> BF, as "Malian soldiers" names Mali. Forces of powers outside Africa
    (Barkhane, Wagner) and organisations say who, not where, and give none.

    Examples
    --------
    >>> found = find_actors("Les FAMa et Wagner ont repoussé une attaque; les VDP aussi.")
    >>> home_countries(e for _, _, e in found)
    ['ML', 'BF']
    """
    out: list[str] = []
    for e in entries:
        cc = e.country
        if e.kind in {"armed_group", "state_force"} and cc in AFRICA and cc not in out:
            out.append(cc)
    return out


_DEMONYM_RE = re.compile(r"[A-Za-zÀ-ÿ'’-]+")


def _country_word(tok: Token) -> bool:
    """Whether a token may name a country alone ("Niger", "malien"): a word of four letters or
    more, a proper noun, adjective or capitalised noun (or untagged); a common noun in lower
    case ("une grenade", "turkey") names no country, whatever country it spells."""
    return (
        tok.is_alpha
        and len(tok.text) >= 4
        and (
            not tok.pos_
            or tok.pos_ in {"PROPN", "ADJ"}
            or (tok.pos_ == "NOUN" and tok.text[:1].isupper())
        )
    )


def sentence_countries(sent: Span, gaz: Gazetteer | None) -> list[str]:
    """Return the ISO codes of countries named in a sentence (names, demonyms, capitals)."""
    if gaz is None:
        return []
    out: list[str] = []
    for tok in sent:
        if not _country_word(tok) or in_media(tok):
            continue  # a news outlet's name ("France 24") names no country
        cc = gaz.country_code(tok.text)
        if cc is None and tok.text[:1].isupper():
            cc = gaz.capital_of(tok.text)  # "à 100 km de Ouagadougou": Burkina Faso is in play
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


def countries_named(toks: Sequence[Token], gaz: Gazetteer) -> list[tuple[Token, str]]:
    """The countries a run of tokens names, each with its first token, in text order.

    A country named in two or three words ("Ivory Coast", "Burkina Faso", "South Sudan") counts
    as a whole name only, not as part of a longer one ("South African Broadcasting"); a
    one-word name ("Niger", "Tchad") as a proper noun, adjective or noun of four letters or more;
    a news outlet's name ("France 24") names none.
    """
    found: list[tuple[Token, str]] = []

    def capital(j: int) -> bool:
        return 0 <= j < len(toks) and toks[j].text[:1].isupper() and toks[j].is_alpha

    def name_word(j: int) -> bool:
        return capital(j) and toks[j].pos_ in {"PROPN", ""}

    for i in range(len(toks) - 1):
        if name_word(i - 1):
            continue
        for n in (3, 2):
            run = toks[i : i + n]
            if len(run) == n and all(capital(i + k) for k in range(n)) and not name_word(i + n):
                cc = gaz.country_code(" ".join(t.text for t in run))
                if cc:
                    found.append((run[0], cc))
                    break
    for tok in toks:
        cc = gaz.country_code(tok.text) if _country_word(tok) else None
        if cc:
            found.append((tok, cc))
    found = [f for f in found if not in_media(f[0])]  # "France 24"
    found.sort(key=lambda f: f[0].i)
    return found


#: Dependency labels of a clause's subject, active or passive (spaCy English and French).
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})


def _capital_subjects(sent: Span, gaz: Gazetteer) -> list[tuple[Token, str]]:
    """National capitals that are the subject of a clause, standing for their government by
    metonymy ("Paris a pris acte", "Washington said": the seat of government for the
    government, Oxford Dictionary of English, "metonymy"), each with its country."""
    out = []
    for tok in sent:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        t = tok
        while t.dep_ == "conj" and t.head.i != t.i:  # "Paris et Londres ont condamné"
            t = t.head
        if t.dep_ in SUBJECTS:
            cc = gaz.capital_of(tok.text)
            if cc:
                out.append((tok, cc))
    return out


def participants(
    sent: Span, gaz: Gazetteer | None, people: dict[str, str] | None = None
) -> list[str]:
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
        found += [(tok.idx - sent.start_char, cc) for tok, cc in countries_named(list(sent), gaz)]
        found += [(tok.idx - sent.start_char, cc) for tok, cc in _capital_subjects(sent, gaz)]
    found.sort()
    out: list[str] = []
    for _, cc in found:
        if cc not in out:
            out.append(cc)
    return out


_ELIDED = re.compile(
    r"(?:\s+|^)(?:[sldnmtcj]|qu|jusqu|lorsqu|puisqu)['’]\s*$|['’]s$|^(?:[ld]|qu)['’]", re.IGNORECASE
)


#: News agencies and outlets: sources of the report, never actors of the event.
_MEDIA = re.compile(
    r"\b(?:AFP|Reuters|Anadolu|Xinhua|Associated\s+Press|AP|AMAP|APS|ANP|AIB|RFI|France\s*24|TASS|Tass|"
    r"RIA\s+Novosti|Sputnik|Al\s+Jazeera|BBC|Jeune\s+Afrique|Le\s+Monde|agence|agency)\b"
)


def media_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of news outlets' names ("France 24", "RFI"): sources, never places."""
    return [m.span() for m in _MEDIA.finditer(text)]


@lru_cache(maxsize=4096)
def _sentence_media(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(media_spans(text))


def in_media(tok: Token) -> bool:
    """Whether a token is part of a news outlet's name.

    The outlets of each sentence are found once: an outlet's name never crosses a sentence.
    """
    sent = tok.sent
    at = tok.idx - sent.start_char
    return any(a <= at < b for a, b in _sentence_media(sent.text))


def _fold(word: str) -> str:
    """Lower case, no accents, and the usual French/English transliteration variants made equal
    ("Poutine"/"Putin", "Sergueï"/"Sergei"/"Sergey")."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    w = w.replace("ou", "u").replace("gue", "ge").replace("y", "i").replace("j", "i")
    w = re.sub(r"(.)\1", r"\1", w)
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


_DATE_WORDS = {_fold(w) for w in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
                                  "wednesday", "thursday", "friday", "saturday", "sunday")}  # fmt: skip


def clean_name(text: str) -> str:
    """A person's name as NER found it, without an elided clitic ("Lavrov s’" -> "Lavrov")."""
    prev = None
    text = text.strip()
    while prev != text:
        prev, text = text, _ELIDED.sub("", text).strip(' ,;:-«»"')
    return text


def add_name(names: list[str], text: str, *, known: bool = False) -> None:
    """Append an actor name unless it is junk or the same person as one already there.

    Two names are the same person when their last words agree up to accents and
    transliteration of the vowels ("Sergueï Lavrov", "Sergei Lavrov", "Lavrov").
    """
    name = text if known else clean_name(text)
    if name in names or (
        not known and (len(name) <= 3 or _MEDIA.search(name) or _fold(name) in _DATE_WORDS)
    ):
        return
    last = _fold(name.split()[-1])
    for n in names:
        if _fold(n.split()[-1]) == last and len(last) > 3:
            return
    names.append(name)
