"""Article text -> events: the extraction driver.

For each sentence: find typed triggers (:mod:`.triggers`), drop negated, denied,
intended and background mentions, pick the date expression nearest the trigger (else
the last date of the paragraph, else the lead's date, else the publication date), link
the place tied to the trigger (:mod:`.places` finds them, :mod:`.linking` ties them),
collect actors, participants and the stated death toll, then merge the mentions of one
event within the article (:mod:`.merge`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from geoevents.extract.actors import (
    ORGS,
    SUBJECTS,
    add_name,
    countries_named,
    find_actors,
    home_countries,
    media_spans,
    participants,
    person_countries,
    sentence_countries,
)
from geoevents.extract.classify import type_model
from geoevents.extract.codebook import ARMED, participants_of, phrase_class, word_class
from geoevents.extract.dates import (
    Anchor,
    DateMention,
    article_anchor,
    find_dates,
    is_date_line,
)
from geoevents.extract.fatalities import find_fatalities, number_value
from geoevents.extract.incidents import fold
from geoevents.extract.lang import detect_language
from geoevents.extract.lexicon import MOVED, MOVEMENT, OF, PROTEST_VIOLENCE
from geoevents.extract.linking import places_for
from geoevents.extract.merge import Candidate, merge
from geoevents.extract.nlp import load_nlp, sentences
from geoevents.extract.places import REGION, PlaceMention, find_places
from geoevents.extract.text import dateline_spans, paragraphs, prepare, source_url
from geoevents.extract.triggers import Trigger, event_types, find_triggers, modality, of_head
from geoevents.models import CAMEO_BY_SUBTYPE, Event, Place
from geoevents.store import content_event_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from geoevents.gazetteer import Gazetteer

log = logging.getLogger(__name__)

_VIOLENT = {"battle", "explosion_remote_violence", "violence_against_civilians", "protest", "riot"}
_OFFICIAL = re.compile(
    r"\b(?:ministre|minist[èe]re|pr[ée]sident|pr[ée]sidence|gouvernement|porte-parole|chef|junte|"
    r"autorit[ée]s|diplomates?|ambassadeur|d[ée]l[ée]gation|minister|ministry|government|spokes(?:man|woman|person)|"
    r"junta|authorities|head\s+of\s+state|leader|diplomat|ambassador|commission|presidency)\b",
    re.IGNORECASE,
)
_BASE = re.compile(
    r"\b(?:base|bases|camp|troupes?|troops?|militaires|soldats|soldiers|forces|contingent|army|arm[ée]e|casques\s+bleus|peacekeepers?)\b",
    re.IGNORECASE,
)
_SIGN = re.compile(
    # "signataires de l'Accord", "signatories": parties to an agreement, not a signing
    r"\b(?:sign(?!atair|ator)\w*|conclu\w*|paraph\w*|ink\w*|reach\w*|cr[ée]ation|cr[ée][ée]\w*|mise?\s+en\s+place|"
    r"established?|founded?|creation|adopt\w*|ratifi\w*)\b",
    re.IGNORECASE,
)
_AMBASSADOR = re.compile(r"\b(?:ambassadeur|ambassador|envoy)\b", re.IGNORECASE)
#: What makes a march a protest: a demand, a slogan, something opposed.
_PROTEST_CAUSE = re.compile(
    r"\b(?:r[ée]clam\w*|exig\w*|d[ée]non[cç]\w*|protest\w*|pancartes?|banderoles?|slogans?|"
    r"scand\w*|contre|against|demand\w*|denounc\w*|placards?|banners?|chant\w*|soutien\s+[àa]|"
    r"in\s+support\s+of|manifest\w*|demonstrat\w*|call(?:s|ed|ing)?\s+for|appel\w*\s+[àa]|"
    r"organi[sz]\w*)\b",
    re.IGNORECASE,
)
#: Members of a group (Merriam-Webster, "defect": to forsake one cause, party or nation for
#: another; Larousse, "faire défection"): who defects or surrenders.
_MEMBERS = re.compile(r"\b(?:members?|membres?)\b", re.IGNORECASE)


def _group_members(tok: Token) -> bool:
    """Whether a verb's subject is a group's members or an actor of the Codebook's classes."""
    subj = [c for c in tok.children if c.dep_ in SUBJECTS]
    return any(
        _MEMBERS.search(" ".join(t.text for t in c.subtree)) or phrase_class(c.subtree) is not None
        for c in subj
    )


#: A toll in a sentence: what an event noun after "following"/"after" caused.
_TOLL = re.compile(
    r"\b(?:killed|dead|died|injured|wounded|tu[ée]s?|morts?|bless[ée]s)\b", re.IGNORECASE
)
#: Fire on demonstrators: excessive force unless the text tells non-lethal means.
_PROTEST_FIRE = re.compile(r"\b(?:tirs?|fired|shot)\b", re.IGNORECASE)
#: Harm done to demonstrators (Codebook 2023, "Excessive force against protesters": lethal
#: violence or serious injuries) and live fire.
_PROTEST_HARM = re.compile(
    r"\b(?:tu[ée]e?s?|mort\w*|killed|dead|died|bless[ée]e?s|injured|wounded|"
    r"balles?\s+r[ée]elles|live\s+(?:rounds|ammunition|fire|bullets))\b",
    re.IGNORECASE,
)
#: Non-lethal means of putting a demonstration down (Codebook 2023, "Protest with
#: intervention": dispersed or suppressed without serious or lethal injuries).
_PROTEST_CHECKED = re.compile(
    r"\b(?:tear\s*gas|teargas|gaz\s+lacrymog[èe]nes?|lacrymog[èe]nes?|water\s+cannons?|"
    r"canons?\s+[àa]\s+eau|rubber\s+bullets|balles\s+en\s+caoutchouc|dispers\w+)\b",
    re.IGNORECASE,
)
#: Nouns of a crowd of demonstrators.
_CROWD = re.compile(
    r"^(?:crowds?|protesters?|protestors?|demonstrators?|marchers?|rally|rallies|gathering|"
    r"foules?|manifestants?|manifestations?|rassemblements?|marche|marcheurs|sit-in|"
    r"attroupements?|mob)$",
    re.IGNORECASE,
)


#: The date of an event told in a text that gives no year and no publication date: left open.
OPEN_DATE = (dt.date.min, dt.date.max, "open")

#: Events dated more than this many days before publication are background.
BACKGROUND_DAYS = 300
_SINCE = re.compile(r"(?i:\bsince|\bdepuis|\bdès)\b[^.;:,()]{0,40}$")
_SINCE_WORD = re.compile(r"(?i:\bsince\b|\bdepuis\b|\bdès\b)")
#: Prepositions of a protest's object: what people march "against" or "over" is its grievance.
_GRIEVANCE_PREPS = {"against", "over", "contre"}
_DEMONSTRATIONS = {"protest", "riot"}


#: Nouns of a link: what an arrest or an inquiry is "in connection with" ("en lien avec") is
#: its reason, an event told elsewhere.
_CONNECTION = {"connection", "relation", "relations", "link", "lien", "rapport"}
#: Nouns of inquiry: the event they are about is the inquiry's subject, told before.
_INQUIRY = {"investigation", "inquiry", "probe", "enquête", "commission"}


def _in_connection(tok: Token) -> bool:
    """Whether an event noun is the complement of "in connection with", "en lien avec", or the
    subject of an inquiry ("an investigation into the killings", "une enquête sur l'attaque"):
    an event told as a reference, not a new one."""
    if tok.dep_ == "pobj":
        prep = tok.head
    else:
        prep = next((c for c in tok.children if c.dep_ == "case"), tok)
    link = prep.head if tok.dep_ == "pobj" else tok.head
    if prep.lower_ in {"into", "on", "sur"} and link.lemma_.lower() in _INQUIRY:
        return True
    return prep.lower_ in {"with", "to", "avec"} and link.lemma_.lower() in _CONNECTION


def _grievance(tok: Token, lang: str) -> bool:
    """Whether an event noun is the object of a protest ("protested against the killing",
    "against a string of stabbing attacks", "une marche contre les enlèvements"): the
    demonstrators' grievance, told as their cause, not an event of the report (the Codebook
    codes the demonstration)."""
    if tok.pos_ != "NOUN" or event_types(tok, lang) & _DEMONSTRATIONS:
        return False
    t = tok
    for _ in range(3):  # up through "of" ("a string of attacks")
        if t.dep_ == "pobj":
            prep, gov = t.head, t.head.head
        else:
            prep = next((c for c in t.children if c.dep_ == "case"), None)
            gov = t.head
            if prep is None or t.dep_ not in {"obl", "nmod", "obl:arg"}:
                return False
        if prep.lower_ in _GRIEVANCE_PREPS:
            return bool(event_types(gov, lang) & _DEMONSTRATIONS)
        if prep.lower_ not in OF or gov.pos_ not in {"NOUN", "PRON"}:
            return False
        t = gov
    return False


@lru_cache(maxsize=16)
def _causes(sent: Span, lang: str) -> tuple[frozenset[int], tuple[tuple[int, int], ...]]:
    """The sentence's causes, read once for all its triggers: the token indices of its protest
    grievances and their phrases, and the character spans (in the paragraph) of those and of
    its arrests' reasons (see ``Candidate.aside``)."""
    grievance: set[int] = set()
    spans = []
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        told = _grievance(tok, lang)
        if told:
            grievance.update(t.i for t in tok.subtree)
        if told or _in_connection(tok):
            spans.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)))
    return frozenset(grievance), tuple(spans)


def _grievances(sent: Span, lang: str) -> frozenset[int]:
    """Token indices of the sentence's protest grievances and their phrases."""
    return _causes(sent, lang)[0]


def _asides(sent: Span, lang: str, off: int) -> list[tuple[int, int]]:
    """Character spans of the sentence's grievances and reasons (see ``Candidate.aside``)."""
    return [(off + a, off + b) for a, b in _causes(sent, lang)[1]]


_REFERENCE_PREPS = {
    "before",
    "after",
    "since",
    "following",
    "avant",
    "après",
    "depuis",
    "suite",
    "lors",
}
_CLASH_LEMMAS = {
    "heurt",
    "clash",
    "affrontement",
    "affronter",
    "échauffourée",
    "fighting",
    "tir",
    "gunfire",
}


@dataclass(frozen=True)
class _AsMention:
    """An event's date used as the date context of the next sentences."""

    span: tuple[dt.date, dt.date, str]

    @property
    def date_start(self) -> dt.date:
        return self.span[0]

    @property
    def date_end(self) -> dt.date:
        return self.span[1]

    @property
    def precision(self) -> str:
        return self.span[2]


@dataclass
class _Doc:
    text: str
    lang: str
    anchor: Anchor | None
    paras: list[tuple[int, Doc]]
    dates: list[DateMention]
    places: list[PlaceMention]
    headline_end: int
    gaz: Gazetteer | None
    people: dict[str, str] = field(default_factory=dict)


#: Verbs that only report what happened ("a annoncé", "said", "a-t-on appris").
_TELL = {
    "dire", "déclarer", "annoncer", "indiquer", "affirmer", "préciser", "ajouter", "confirmer",
    "rapporter", "expliquer", "souligner", "say", "announce", "tell", "report", "state", "add",
    "confirm", "claim", "disclose", "reveal", "publish", "release", "make", "apprendre", "learn",
}  # fmt: skip
#: Verbs that judge what happened: a statement of their own.
_JUDGE = {
    "dénoncer",
    "condamner",
    "saluer",
    "déplorer",
    "denounce",
    "condemn",
    "welcome",
    "deplore",
    "decry",
}
#: Reporting verbs: their date is the report's, not the event's.
_REPORT = _TELL | _JUDGE


def _clause(tok: Token) -> Token:
    """The verb heading the clause a token is in (or the sentence root)."""
    t = tok
    for _ in range(12):
        if t.pos_ in {"VERB", "AUX"} or t.head.i == t.i:
            return t
        t = t.head
    return t


#: "the country" with a locative, adjectives allowed ("in the West African country", "dans
#: ce pays sahélien"): an anaphora for the country the article is about.
_THE_COUNTRY = re.compile(
    r"(?i:\b(?:in|to|into)\s+the\s+(?:[\w-]+\s+){0,3}country\b|"
    r"\b(?:dans|en|vers)\s+(?:le|ce)\s+pays\b)"
)


def _subordinate(tok: Token) -> bool:
    """Whether a token lies in a relative, adverbial or complement clause."""
    return any(
        a.dep_ in {"relcl", "acl", "advcl", "ccomp", "acl:relcl"} for a in [tok, *tok.ancestors]
    )


def _root(tok: Token) -> Token:
    t = tok
    for _ in range(40):
        if t.head.i == t.i:
            break
        t = t.head
    return t


def _token_at(doc: Doc, char: int) -> Token | None:
    for t in doc:
        if t.idx <= char < t.idx + len(t.text):
            return t
    return None


@dataclass
class _Context:
    """What the sentences read so far tell the next ones (dates, places, venues to fall back on)."""

    #: the headline's first town
    head_place: Place | None = None
    #: the first town or feature of a headline-less text's lede (:func:`_lede_end`)
    lede_place: Place | None = None
    #: the town of the last non-diplomatic event
    last_any_place: Place | None = None
    #: the town of the last strategic development
    last_civil_place: Place | None = None
    #: the last date written in the paragraph so far (outside the headline)
    last_date: DateMention | None = None
    #: the date of the paragraph's last event
    last_event_date: _AsMention | None = None
    #: the town of the last violent event
    last_place: Place | None = None
    #: the venue of the last diplomatic event
    last_venue: Place | None = None
    #: type and sub-type of the last violent event
    last_violent: tuple[str, str] | None = None
    #: the country the article is mostly about
    main_country: Place | None = None
    #: the date of the article's last event
    prev_event_date: _AsMention | None = None
    #: the candidates told so far, in text order
    told: list[Candidate] = field(default_factory=list)


#: Prepositions that make a dated noun the time of what happens ("during the 3 August
#: elections", "lors du scrutin du 3 août").
_DURING = {"during", "at", "on", "in", "amid", "lors", "pendant", "durant", "au", "à", "dans"}
#: Nouns of a part of time ("the morning of 27 November", "la nuit du 26 au 27"): a date
#: they carry is a time, not a thing's.
_TIME_NOUNS = {
    "morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "dawn",
    "hours", "matinée", "matin", "soirée", "soir", "nuit", "journée", "semaine", "week-end",
    "mois", "après-midi", "aube", "heures", "nuitée",
}  # fmt: skip


_DAY_NOUNS = {"day", "jour", "journée"}


def _days_of(tok: Token) -> int | None:
    """The number of days an act fills when told as "N days of X" ("three days of fighting",
    "trois jours de combats"), up to a month; else ``None``."""
    owner = of_head(tok)
    if owner is None or owner.lemma_.lower() not in _DAY_NOUNS:
        return None
    for c in owner.children:
        if c.dep_ == "nummod" or c.like_num:
            n = number_value(c.text)
            return n if n is not None and 2 <= n <= 31 else None
    return None


def _names_a_thing(doc: Doc, a: int, b: int, lang: str) -> bool:
    """Whether the date at characters ``a:b`` qualifies a noun that names no event ("the
    August 3 elections", "le scrutin du 3 août"): the date is that thing's, not an act's."""
    if doc.text[b : b + 3].lstrip()[:1] in {":", "-", "–", "—"}:
        return False  # a date heading what follows ("2024-01-10: JNIM fighters..."): a note's date
    toks = [t for t in doc if a <= t.idx < b and not t.is_punct]
    heads = {t.head.i: t.head for t in toks if not (a <= t.head.idx < b)}
    if len(heads) != 1:
        return False
    (noun,) = heads.values()
    if noun.pos_ != "NOUN":
        return False
    if any(
        t.dep_ not in {"compound", "nmod", "amod", "npadvmod", "nummod", "poss"}
        for t in toks
        if t.head.i == noun.i
    ):
        return False
    if noun.lower_ in _TIME_NOUNS or noun.lemma_.lower() in _TIME_NOUNS or event_types(noun, lang):
        return False
    governor = (
        noun.head.lower_
        if noun.dep_ == "pobj"
        else next((c.lower_ for c in noun.children if c.dep_ == "case"), "")
    )
    return governor not in _DURING


def _pick_date(
    trig: Trigger,
    sent: Span,
    d: _Doc,
    para_off: int,
    last_para_date: DateMention | None,
    *,
    carried: bool = False,
):
    """Return ``((start, end, precision), how)`` for a trigger, or ``(None, reason)``.

    ``last_para_date`` is the date the paragraph told last; ``carried`` says it comes from
    an earlier paragraph's event instead.
    """
    s0 = para_off + sent.start_char
    s1 = para_off + sent.end_char
    in_sent = [m for m in d.dates if s0 <= m.start < s1]
    real = [m for m in in_sent if not m.since]
    things: set[int] = set()  # dates of things named, not of acts ("the August 3 elections")
    if in_sent and not real:
        since_at = _SINCE_WORD.search(sent.text)
        if since_at and trig.token.idx - sent.start_char > since_at.start():
            return None, "background"
    if real:
        pos = para_off + trig.token.idx
        sub = [t for t in trig.token.subtree] if trig.token.doc.has_annotation("DEP") else []
        lo_sub = para_off + min((t.idx for t in sub), default=0)
        hi_sub = para_off + max((t.idx + len(t) for t in sub), default=0)
        # a gerund subject ("Fighting resumed last year") is dated through its verb, like a noun
        subject = trig.token.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
        head = trig.token.head if trig.token.pos_ == "NOUN" or subject else trig.token
        head_kids = [c for c in head.children] if sub else []

        doc = trig.token.doc
        trig_clause = _clause(head) if subject else _clause(trig.token)

        def rank(m: DateMention) -> tuple[int, int]:
            if (
                sub
                and any(ch.isdigit() for ch in m.text)
                and _names_a_thing(doc, m.start - para_off, m.end - para_off, d.lang)
            ):
                return (8, 0)  # "the August 3 elections": the date of what the noun names
            if lo_sub <= m.start < hi_sub:
                return (0, abs(m.start - pos))
            tok = _token_at(doc, m.start - para_off)
            clause = _clause(tok) if tok is not None and sub else None
            if (
                clause is not None
                and clause.lemma_.lower() in _REPORT
                and clause.i not in {trig.token.i, head.i}
                and trig.sub_event_type != "statement"
            ):
                return (9, 0)  # the date of the report ("a-t-on appris mercredi"), not of the event
            # a date inside a phrase the event's head governs ("Le lendemain, des affrontements ont ...")
            if any(
                para_off + c.left_edge.idx <= m.start < para_off + c.idx + len(c.text_with_ws) + 40
                for c in head_kids
            ):
                return (1, abs(m.start - pos))
            if clause is not None:
                if clause.i == trig_clause.i or _root(clause).i != _root(trig_clause).i:
                    return (2, abs(m.start - pos))
                if trig_clause.dep_ == "advcl" and _clause(trig_clause.head).i == clause.i:
                    # an adverbial clause shares its main clause's time ("soldiers were killed
                    # on Sunday when jihadists attacked"; Quirk et al. 1985, 15.25 "time clauses")
                    return (2, abs(m.start - pos))
                return (3, abs(m.start - pos))
            return (2, abs(m.start - pos))

        ranks = [rank(m) for m in real]  # each mention ranked once
        things = {m.start for m, r in zip(real, ranks) if r[0] == 8}
        reports = [m for m, r in zip(real, ranks) if r[0] == 9]
        siblings = any(r[0] == 3 for r in ranks)
        kept = sorted((i for i, r in enumerate(ranks) if r[0] < 3), key=ranks.__getitem__)
        real = [real[i] for i in kept]  # best first; ties in text order
        if not real and reports:
            report = reports[0]
            fb = last_para_date
            if fb is None or fb.date_start > report.date_end:
                # an event cannot be later than the report of it
                return (report.date_start, report.date_end, report.precision), "report"
            if carried and not siblings:
                # "On Tuesday, Goïta said he had held a call with Putin": the sentence's own
                # report day bounds the event; another paragraph's event day does not date it
                span = (report.date_end - fb.date_start).days
                grain = "day" if span == 0 else ("week" if span <= 7 else "month")
                return (fb.date_start, report.date_end, grain), "between: before its report"
    if real:
        best = real[0]
        if best.relative or best.precision != "day":
            for m in real[1:]:
                if not m.relative and m.precision == "day" and abs(m.start - best.end) < 25:
                    best = m
                    break
        return (best.date_start, best.date_end, best.precision), "sentence"
    if last_para_date is not None:
        m = last_para_date
        return (m.date_start, m.date_end, m.precision), "paragraph"
    lead = next(
        (
            m
            for m in d.dates
            if not m.since
            and not m.chained  # "He died the next day": no date for what came before it
            and m.start >= d.headline_end
            and m.start not in things
        ),
        None,
    )
    if lead is not None:
        return (lead.date_start, lead.date_end, lead.precision), "lead"
    if d.anchor is not None:
        return (d.anchor.lo, d.anchor.hi, "day" if d.anchor.exact else "month"), "published"
    return None, "undated"


def _parties(c: Candidate) -> list[str]:
    """A diplomatic candidate's parties: its participants and its venue's country (a visit's
    host); none for other events."""
    if c.event_type != "diplomacy":
        return []
    venue = c.place.country if c.place is not None and c.place.country else None
    return list(dict.fromkeys([*c.participants, *([venue] if venue else [])]))


#: Personal and possessive pronouns that stand for a diplomatic act's parties.
_PARTY_PRONOUNS = {"il", "elle", "ils", "elles", "leur", "leurs", "he", "she", "they", "their",
                   "his", "her", "son", "sa", "ses"}  # fmt: skip


def _pronoun_party(tok: Token) -> bool:
    """Whether an act's subject (a verb's, or the verb's a noun is the object or adjunct of) or
    a noun's possessive is a personal pronoun: "il a annoncé", "leur entretien", "their talks"."""
    holders = [tok] if tok.pos_ in {"VERB", "AUX"} else [tok, tok.head]
    return any(
        c.lower_ in _PARTY_PRONOUNS
        and (c.dep_ in SUBJECTS or (h.i == tok.i and c.dep_ in {"det", "poss", "nmod:poss"}))
        for h in holders
        for c in h.children
    )


def _gerund(tok: Token) -> bool:
    """Whether a verb is a gerund or present participle ("demanding", "en demandant"), whose
    subject is its main verb's; a past participle ("Announced on ...") is passive, not so."""
    return tok.tag_ == "VBG" or (
        tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Pres"]
    )


def _official_subject(trig: Trigger, sent: Span, d: _Doc) -> bool:
    tok = trig.token
    subj = [c for c in tok.children if c.dep_ in SUBJECTS]
    if (
        not subj
        and (tok.dep_ in {"conj", "xcomp"} or (tok.dep_ == "advcl" and _gerund(tok)))
        and tok.pos_ in {"VERB", "AUX"}
    ):
        # coordinated verbs share their subject ("Paris a pris acte ... et annoncé"), and a
        # gerund or an infinitive complement has its main verb's ("Berlin a riposté en
        # demandant ...": Grevisse, le gérondif a pour sujet celui du verbe principal)
        subj = [c for c in tok.head.children if c.dep_ in SUBJECTS]
    if subj and all(c.pos_ == "PRON" for c in subj) and tok.dep_ in {"ccomp", "xcomp"}:
        # "the ministry said it deplored ...": the pronoun stands for the reporting verb's subject
        subj += [c for c in tok.head.children if c.dep_ in SUBJECTS]
    if subj:
        text = " ".join(" ".join(t.text for t in c.subtree) for c in subj)
    elif tok.dep_ == "acl" and tok.head.i != tok.i:
        # a participle's subject is the noun phrase it qualifies ("civilians attending a wedding")
        own = range(tok.left_edge.i, tok.right_edge.i + 1)
        text = " ".join(t.text for t in tok.head.subtree if t.i not in own)
    else:
        text = sent.text[: max(0, tok.idx - sent.start_char)]
    if _OFFICIAL.search(text) or any(e.kind in {"person", "org"} for _, _, e in find_actors(text)):
        return True
    if d.gaz is not None and any(
        c.text[:1].isupper()
        and (countries_named(list(c.subtree), d.gaz) or d.gaz.capital_of(c.text))
        for c in subj
    ):
        # "Niger has stopped", "Ivory Coast demanded", "Paris a pris acte": the state itself
        # (past any dateline)
        return True
    return d.gaz is not None and any(
        d.gaz.country_code(w) for w in text.split()[:6] if len(w) > 3 and w[0].isupper()
    )


_DIE = {"die", "mourir", "décéder", "décès", "death", "succomber", "succumb"}
_LEADER = re.compile(
    r"\b(?:pr[ée]sident|president|ministre|minister|chef\s+de\s+l['’][ée]tat|head\s+of\s+state|leader)\b",
    re.IGNORECASE,
)


def _leader_subject(trig: Trigger, d: _Doc) -> bool:
    tok = trig.token
    subj = " ".join(t.text for c in tok.children if c.dep_.startswith("nsubj") for t in c.subtree)
    if not subj:  # a parse broken by a dateline: the words just before the verb
        subj = (
            tok.doc.text[max(tok.sent.start_char, tok.idx - 60) : tok.idx]
            .split("--")[-1]
            .split("–")[-1]
        )
    return bool(_LEADER.search(subj)) or any(e.kind == "person" for _, _, e in find_actors(subj))


def _supported(
    trig: Trigger, sent: Span, d: _Doc, parts: list[str], *, anaphoric: bool = False
) -> bool:
    """Whether a trigger has the context its type needs (weak cues need more); ``anaphoric``:
    its subject is a pronoun standing for the parties of an earlier diplomatic act."""
    et, sub = trig.event_type, trig.sub_event_type
    if et == "diplomacy":
        if not parts:
            return False
        if sub == "statement":
            if len(parts) < 2:
                return False
            if trig.token.lemma_.lower() in {"rappeler", "recall"} and not _AMBASSADOR.search(
                sent.text
            ):
                return False
            objs = [c for c in trig.token.children if c.dep_ in {"obj", "dobj"}]
            if any(c.pos_ == "PRON" or c.ent_type_ in {"PER", "PERSON"} for c in objs):
                return False  # "welcomed him": hosting, not a statement
            if trig.token.dep_ in {"xcomp", "advcl"} and (
                event_types(trig.token.head, d.lang) & _DEMONSTRATIONS
            ):
                return False  # "rallied to demand", "ont marché pour dénoncer": a protest's cause
            return trig.token.pos_ in {"VERB", ""} and (
                anaphoric or _official_subject(trig, sent, d)
            )
        if sub == "meeting" and len(parts) < 2:
            return False
        if (
            trig.token.lemma_.lower() == "entretenir"
            and trig.token.pos_ == "VERB"
            and not any(
                c.lower_ in {"se", "s'", "s’", "nous", "vous"} or c.dep_.startswith("expl")
                for c in trig.token.children
            )
        ):
            return False  # "entretenir des liens": keeping ties; talks are reflexive ("s'entretenir avec")
        if sub == "visit" and trig.weight < 0.5:
            # "attend", "assister": a visit only when officials attend ("civilians attending a
            # wedding" is no diplomacy, whatever countries the sentence names)
            return _official_subject(trig, sent, d)
        if sub == "agreement" and trig.weight < 0.5:
            return bool(_SIGN.search(sent.text))
        return True
    if et == "strategic_development" and trig.weight < 0.6:
        if trig.token.lemma_.lower() in MOVEMENT:
            # troops are "reinforcements", "des renforts"; "the reinforcement of security" is
            # a strengthening (the dictionaries' count and mass senses)
            return trig.token.morph.get("Number") == ["Plur"] or trig.token.lower_.endswith("s")
        if sub == "arrests" and trig.weight < 0.5:
            return _arrest(trig.token)
        if sub == "change_to_group_activity" and _group_members(trig.token):
            return True  # "400 members of UPND defected", "des combattants se sont rendus"
        if sub in {"non_violent_transfer_of_territory", "change_to_group_activity"}:
            return bool(_BASE.search(sent.text))
        if sub == "other" and trig.weight < 0.5:
            passive = any(
                c.dep_ in {"nsubj:pass", "nsubjpass", "aux:pass", "auxpass"}
                for c in trig.token.children
            )
            return trig.token.pos_ in {"VERB", "NOUN", ""} and (
                passive or _official_subject(trig, sent, d)
            )
        return trig.weight >= 0.5
    if et == "protest" and sub == "protest_with_intervention" and trig.weight < 0.5:
        # "dispersed the crowd": a crowd dispersed is a protest put down; "dispersed the
        # attackers" is not
        return any(
            _CROWD.match(t.text)
            for c in trig.token.children
            if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"}
            for t in c.subtree
        )
    if et == "protest" and trig.weight < 0.5:
        # "ont défilé dans les rues pour réclamer ...", "marched against ...": a march with a cause
        return bool(_PROTEST_CAUSE.search(sent.text))
    return trig.weight >= 0.5 or trig.cls == "kill"


#: Words naming people an arrest is told of: officials, opponents, suspects (dictionary sense of
#: "arrêter qqn", "detain someone": to seize a person, Larousse, Merriam-Webster).
_HELD = re.compile(
    r"^(?:pr[ée]sident|president|ministre|minister|premier|prime|chef|leader|opposant|opponent|"
    r"activist|militant|suspect|d[ée]put[ée]|lawmaker|officier|officer|dirigeant|responsable|"
    r"official|membre|member|syndicaliste|unionist|imam|ancien|former|g[ée]n[ée]ral|colonel)",
    re.IGNORECASE,
)


def _arrest(tok: Token) -> bool:
    """Whether an ambiguous arrest verb ("arrêter": stop or arrest; "détenir": hold or own)
    seizes people: its object, or its passive subject, is a person (a named one, an official, an
    opponent, a suspect, or a member of an actor class) and no thing is stopped ("arrêter les
    travaux")."""
    held = [c for c in tok.children if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"}]
    held += [g for c in held for g in c.children if g.dep_ == "conj"]
    return any(
        c.ent_type_ in {"PER", "PERSON"}
        or (c.pos_ in {"NOUN", "PROPN"} and (_HELD.match(c.text) or word_class(c.text)))
        for c in held
    )


#: A military speaker: its communiqué about an operation is no diplomatic statement.
_MILITARY_SPEAKER = re.compile(
    r"\b(?:[ée]tat-major|arm[ée]e|forces\s+arm[ée]es|FAMa|army|military|armed\s+forces|general\s+staff|"
    r"d[ée]fense|defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)\b",
    re.IGNORECASE,
)


_TERRITORY = {"non_state_actor_overtakes_territory", "government_regains_territory"}
#: A change of control with no fighting (Merriam-Webster, "without a fight"; Larousse, "sans
#: coup férir": without meeting resistance).
_UNOPPOSED = re.compile(
    r"\b(?:without\s+(?:a\s+)?(?:fight|fighting|resistance|a\s+shot\s+(?:being\s+)?fired|"
    r"firing\s+a\s+shot)|unopposed|sans\s+(?:combat(?:s|tre)?|r[ée]sistance|coup\s+f[ée]rir|"
    r"tirer\s+un\s+(?:seul\s+)?coup\s+de\s+feu))\b",
    re.IGNORECASE,
)
#: Seats of power: soldiers taking them stage a coup (Codebook 2023, "Strategic developments:
#: Other", coups), not a change of territory.
_SEAT = re.compile(
    r"\b(?:pala(?:ce|is)|pr[ée]siden(?:cy|ce)|t[ée]l[ée]vision|radio|broadcaster|power|pouvoir|"
    r"parliament|parlement|assembl[ée]e?|state\s+house)\b",
    re.IGNORECASE,
)


#: Verbs of taking whose object may be ground or goods ("seized the town", "seized cattle").
_TAKE = {"seize", "capture", "saisir"}
#: Nouns of ground, places and positions: what a change of territory takes.
_GROUND = {"town", "city", "village", "locality", "base", "camp", "post", "position", "area",
           "territory", "district", "region", "zone", "garrison", "headquarters", "airport",
           "border", "checkpoint", "hill", "bridge", "island", "control", "ville", "localité",
           "poste", "territoire", "contrôle", "aéroport", "frontière", "pont", "île",
           "colline", "quartier", "neighbourhood", "neighborhood", "stronghold", "bastion"}  # fmt: skip


def _ground(tok: Token) -> bool:
    """Whether an object names ground: a proper name, a place entity or a noun of ground."""
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in {"GPE", "LOC", "FAC"}
        or tok.lemma_.lower() in _GROUND
        or tok.lower_ in _GROUND
    )


def _territory(tok: Token, sub: str) -> tuple[str, str]:
    """A change of control typed by who takes it (Codebook 2023, Battles): state forces and
    their affiliates ("FAMa and Wagner") regain territory, a non-state group overtakes it;
    soldiers seizing a seat of power stage a coup."""
    subj = " ".join(
        t.text for c in tok.children if c.dep_ in {"nsubj", "nsubj:pass"} for t in c.subtree
    )
    objs = [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
    goods = objs and not any(_ground(o) or _SEAT.search(o.text) for o in objs)
    if tok.lemma_.lower() in _TAKE and goods:
        # "seized 300 head of cattle": goods taken, no ground (Codebook 2023, SD/Looting)
        return "strategic_development", "looting_property_destruction"
    kinds = {e.kind for _, _, e in find_actors(subj)}
    classes = {word_class(w) for w in subj.split()} - {None}
    state = "state_force" in kinds or "state" in classes
    rebel = "armed_group" in kinds or bool(classes & (ARMED - {"state"}))
    if state and _SEAT.search(" ".join(t.text for t in tok.subtree)):
        return "strategic_development", "other"
    if _UNOPPOSED.search(tok.sent.text):
        # "took control of Anefis after the rebels withdrew without a fight": the Codebook's
        # (2023, SD) non-violent transfer of territory, whoever takes it
        return "strategic_development", "non_violent_transfer_of_territory"
    if state:
        return "battle", "government_regains_territory"
    if rebel:
        return "battle", "non_state_actor_overtakes_territory"
    return "battle", sub


def _military_report(trig: Trigger) -> bool:
    """Whether a statement trigger is a reporting verb whose speaker is the military."""
    tok = trig.token
    if tok.lemma_.lower() not in _TELL:
        return False
    around = tok.doc.text[max(tok.sent.start_char, tok.idx - 40) : tok.idx + len(tok.text) + 30]
    return bool(_MILITARY_SPEAKER.search(around))


def _state_participle(tok: Token) -> bool:
    """Whether a past participle qualifies a noun as a state, not as an act told with its doer:
    "the recovery of looted funds", "a burnt transformer", "des biens pillés" (grammars'
    adjectival participle), but not "shops looted by protesters"."""
    past = tok.tag_ == "VBN" or (
        tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Past"]
    )
    return (
        past
        and tok.dep_ in {"amod", "acl"}
        and not any(c.dep_ in {"agent", "obl:agent"} for c in tok.children)
    )


def _protest_subtype(trig: Trigger, sent: Span, lang: str) -> tuple[str, str]:
    """Violence by demonstrators makes a riot; deaths or fire on them, excessive force; clashes, a
    riot. The grievance ("against the killing of a student") is none of these."""
    cause = _grievances(sent, lang)
    cause |= {t.i for t in sent if _state_participle(t)}
    text = "".join(" " * len(t.text_with_ws) if t.i in cause else t.text_with_ws for t in sent)
    if PROTEST_VIOLENCE.search(text):
        return "riot", "violent_demonstration"
    if _PROTEST_HARM.search(text) or (
        _PROTEST_FIRE.search(text) and not _PROTEST_CHECKED.search(text)
    ):
        return "protest", "excessive_force_against_protesters"
    if _PROTEST_CHECKED.search(text):
        return "protest", "protest_with_intervention"
    if any(t.lemma_.lower() in _CLASH_LEMMAS for t in sent if t.i not in cause):
        return "riot", "violent_demonstration"
    return trig.event_type, trig.sub_event_type


#: An agreement named as the complement of another verb ("X avait salué la création de ..."):
#: its parties are named after it, the subject before it is the one who acts upon it.
_COMPLEMENT = {"obj", "dobj", "pobj", "nmod", "obl", "obl:arg"}


#: A headline is short: longer first paragraphs are the story itself (a note, a wire lead).
HEADLINE_MAX_WORDS = 30


def _headline_end(paras: list[tuple[int, str]]) -> int:
    """End offset of the headline, or 0: the first paragraph, when more follow and it is short.

    A one-paragraph text (a coder's note, a wire brief) has none: its first sentence is news.
    Date lines ahead of it ("Date: 4 May 2020") are the text's metadata, not its headline.
    """
    while paras and is_date_line(paras[0][1]):
        paras = paras[1:]
    if len(paras) < 2 or len(paras[0][1].split()) > HEADLINE_MAX_WORDS:
        return 0
    return paras[0][0] + len(paras[0][1])


#: The model's type makes an event of an actor's act only from this probability on.
ACTOR_CLAUSE_MIN_P = 0.6
_FINITE = {"VBD", "VBZ", "VBP", "VBN"}


def _actor_clause_event(doc: Doc, d: _Doc, off: int, ctx: _Context) -> list[Candidate]:
    """An English paragraph without a cue of the lexicon: its first clause whose subject (or
    agent) is an actor of the codebook's classes ("rioters tore up billboards", "workers
    barricaded roads", "3 women were raped by militiamen") is an event when the type model is
    sure of its type. Reporting verbs and the modality filters still apply."""
    model = type_model()
    for sent in sentences(doc):
        root = sent.root
        if root.pos_ != "VERB" or root.tag_ not in _FINITE or root.lemma_.lower() in _REPORT:
            continue
        sides = participants_of(root)
        if sides[0] is None and sides[1] is None:
            continue
        got = model.read(doc.text)
        if got.probability < ACTOR_CLAUSE_MIN_P:
            return []
        trig = Trigger(root, got.event_type, got.sub_event_type, ACTOR_CLAUSE_MIN_P, got.event_type)
        evs = _sentence_events(trig, sent, d, off, ctx)
        for e in evs:
            e.notes.append(f"an actor's act typed by the model ({got.probability:.2f})")
        return evs
    return []


def _phrase(tok: Token) -> Span:
    """The phrase a trigger heads, with its participles ("la création ... mise en place par X")."""
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


def _pluperfect(tok: Token) -> bool:
    """Whether a verb is in the pluperfect ("avait salué", "had welcomed")."""
    return any(
        c.dep_.startswith("aux")
        and (
            c.lower_ in {"had", "'d"}
            or (c.lemma_ in {"avoir", "être"} and "Imp" in c.morph.get("Tense"))
        )
        for c in tok.children
    )


def _date_in_object(tok: Token, sent: Span, d: _Doc, para_off: int) -> bool:
    """Whether the sentence's dates belong to the verb's object (the date of what it judges)."""
    objs = [c for c in tok.children if c.dep_ in {"obj", "dobj", "ccomp", "xcomp"}]
    if not objs:
        return False
    # the object starts the complement; a small model often hangs the object's own participle
    # and date on the verb, so every date after the object's start counts as the object's
    start = para_off + min(c.left_edge.idx for c in objs)
    s0, s1 = para_off + sent.start_char, para_off + sent.end_char
    dates = [m for m in d.dates if s0 <= m.start < s1 and not m.since]
    return bool(dates) and all(m.start >= start for m in dates)


def _sentence_events(
    trig: Trigger, sent: Span, d: _Doc, para_off: int, ctx: _Context
) -> list[Candidate]:
    why = modality(trig, sent)
    if why == "judged" and not any(c.event_type == trig.event_type for c in ctx.told):
        why = None  # "Bamako a condamné l'embuscade": judged, but told nowhere else in the text
    if why is not None:
        log.debug("skip %s %r: %s", trig.event_type, trig.token.text, why)
        return []
    et, sub = trig.event_type, trig.sub_event_type
    if et in {"battle", "violence_against_civilians"} and any(
        c.lemma_.lower() in {"disperse", "disperser"}
        for c in trig.token.children
        if c.dep_ in {"advcl", "xcomp", "obl", "ccomp"}
    ):
        # "fired to disperse them", "ont tiré pour disperser la foule": force used on a crowd
        et, sub = "protest", "protest_with_intervention"
        trig = replace(trig, event_type=et, sub_event_type=sub)
    if et in _DEMONSTRATIONS:
        et, sub = _protest_subtype(trig, sent, d.lang)
    if trig.cls == "kill" and trig.token.lemma_.lower() in _DIE and _leader_subject(trig, d):
        et, sub = "strategic_development", "other"  # the death of a head of state or minister
    if et == "battle" and sub in _TERRITORY and trig.token.doc.has_annotation("DEP"):
        et, sub = _territory(trig.token, sub)
    parts = participants(sent, d.gaz, d.people) if et == "diplomacy" else []
    if (
        sub == "statement"
        and len(parts) == 1
        and ctx.main_country is not None
        and ctx.main_country.country
        and ctx.main_country.country != parts[0]
    ):
        # "the French foreign ministry condemned the destruction": a foreign government judging
        # what happened in the country the article is about; that country is the other party
        parts = [parts[0], ctx.main_country.country]
    anaphoric = False  # the parties are those of an earlier act, through a pronoun
    if et == "diplomacy" and len(parts) < 2 and _pronoun_party(trig.token):
        # "il a annoncé", "À l'issue de leur entretien": a pronoun stands for the parties of the
        # last diplomatic act told (an anaphor takes the nearest fitting antecedent)
        prior = next(
            (p for c in reversed(ctx.told) if len(p := _parties(c)) > 1),
            None,
        )
        if prior is not None and set(parts) <= set(prior):
            parts, anaphoric = prior, True
    if sub == "agreement" and len(parts) > 2:
        # the parties are those the agreement's own phrase names ("la Confédération mise en place
        # par les chefs d'État du Burkina Faso, du Mali et du Niger"), not whoever welcomed it
        tok = trig.token
        own = participants(
            tok.doc[tok.i : sent.end] if tok.dep_ in _COMPLEMENT else _phrase(tok), d.gaz, d.people
        )
        if len([p for p in own if p not in ORGS]) >= 2:
            parts = own
    if not _supported(
        replace(trig, event_type=et, sub_event_type=sub), sent, d, parts, anaphoric=anaphoric
    ):
        return []
    if sub == "visit":
        here = {
            m.place.country
            for m in d.places
            if m.sent_start == para_off + sent.start_char and m.place.country
        }
        if _THE_COUNTRY.search(sent.text) and ctx.main_country is not None:
            here.add(
                ctx.main_country.country
            )  # "in the West African country": the one the text is about
        if len(set(parts) | here) < 2:
            return []  # a visit is between two countries; a minister touring at home is not diplomacy
    here = ctx.last_event_date or ctx.last_date
    date, how = _pick_date(
        trig, sent, d, para_off, here or ctx.prev_event_date, carried=here is None
    )
    if date is None and how == "undated" and d.anchor is None:
        date, how = (
            OPEN_DATE,
            "nothing: no year in the text and no publication date, the date is left open",
        )
    if date is None:
        return []
    days = _days_of(trig.token)
    if days and date != OPEN_DATE and date[0] == date[1]:
        # "after three days of fighting", "trois jours de combats": the days up to that date
        date = (date[1] - dt.timedelta(days=days - 1), date[1], "day")
        how += f"; over {days} days up to it"
    if (
        how == "sentence"
        and sub == "statement"
        and _pluperfect(trig.token)
        and _date_in_object(trig.token, sent, d, para_off)
    ):
        # "La Russie avait salué la création ... du 6 juillet": the welcome came after the thing
        # welcomed and before the story's own events: dated between them, not on the object's day
        upper = max((c.date[1] for c in ctx.told if c.date != OPEN_DATE), default=None)
        if d.anchor is not None:
            upper = min(upper, d.anchor.hi) if upper else d.anchor.hi
        if upper is not None and upper > date[1]:
            date = (
                date[0],
                upper,
                "day" if upper == date[0] else ("week" if (upper - date[0]).days <= 7 else "month"),
            )
            how = "range: after what it judges, before the story's events"
    if d.anchor is not None and date[0] > d.anchor.hi + dt.timedelta(days=1):
        return []  # a date after publication: announced, not happened
    if d.anchor is not None and date[0] < d.anchor.lo - dt.timedelta(days=BACKGROUND_DAYS):
        return []  # history the article recalls
    before = sent.text[
        max(0, trig.token.idx - sent.start_char - 50) : trig.token.idx - sent.start_char
    ]
    if _SINCE.search(before):
        return []  # "the biggest attack since the coup": a reference point, not a new event
    sent_start = para_off + sent.start_char
    tok = trig.token
    if tok.i in _grievances(sent, d.lang):
        return []  # "protested against the killing of a student": the protest's cause
    if tok.pos_ == "NOUN" and _in_connection(tok):
        return []  # "arrested in connection with the killing": the arrest's reason
    if tok.pos_ == "NOUN" and tok.doc.has_annotation("DEP"):
        preps = {c.lower_ for c in tok.children if c.dep_ == "case"}
        if tok.dep_ == "pobj":
            preps.add(tok.head.lower_)
        dated = False
        for m in d.dates:
            if not (sent_start <= m.start < sent_start + len(sent.text)):
                continue
            mt = _token_at(tok.doc, m.start - para_off)
            if tok.left_edge.idx <= m.start - para_off <= tok.right_edge.idx or (
                mt is not None and _root(mt).i != _root(tok).i
            ):
                dated = True
        if (
            preps & _REFERENCE_PREPS
            and not dated
            and not (
                _TOLL.search(sent.text)
                and not any(
                    t.token.i != tok.i and t.cls != "kill" for t in find_triggers(sent, d.lang)
                )
            )
        ):
            return []  # "before the coup": a reference point, not a new event
            # (but "eight feared dead following a clash": the toll's cause, the only event told)
    diplomacy = et == "diplomacy"
    linked = places_for(
        trig, sent_start, d.places, d.text, diplomacy=diplomacy, visit=sub == "visit"
    )
    conf = trig.weight
    notes = [f"date from {how}"]
    if et == "strategic_development" and trig.token.lemma_.lower() in MOVEMENT:
        notes.append(MOVED)
    if trig.rule is not None:
        notes.append(f"codebook: {trig.rule}")
    if (
        how != "sentence"
        and d.anchor is not None
        and (date[0], date[1]) == (d.anchor.lo, d.anchor.hi)
    ):
        notes.append("dated by its report")  # no date of its own: the day the news came out
    places: list[Place | None] = [m.place for m in linked]
    if not places and not diplomacy:
        fallback = ctx.last_place or ctx.last_any_place or ctx.head_place
        if fallback is None and not ctx.told:
            fallback = ctx.lede_place  # the story's place while no event has placed it
        if fallback is not None:
            places = [fallback]
            conf *= 0.8
            notes.append("place from context")
    # a diplomatic venue, or for a signing the place of the last
    # non-violent development (a handover ceremony);
    # never a battle's place (fallbacks do not cross from violence to diplomacy)
    venue = ctx.last_venue or (ctx.last_civil_place if sub == "agreement" else None)
    if (
        not places
        and diplomacy
        and (sub in {"meeting", "visit", "agreement"} or anaphoric)
        and venue is not None
    ):  # (a statement whose speaker is a pronoun for an earlier act's party: said there)
        places = [venue]
        conf *= 0.8
        notes.append("venue from context")
    if linked and diplomacy:
        ctx.last_venue = linked[0].place
    if not places and not diplomacy and ctx.main_country is not None:
        places = [ctx.main_country]
        conf *= 0.7
        notes.append("country from context")
    if not places and diplomacy and sub == "visit" and d.gaz is not None and len(parts) >= 2:
        heads = (trig.token, trig.token.head)
        subj = " ".join(
            t.text
            for h in heads
            for c in h.children
            if c.dep_.startswith("nsubj")
            for t in c.subtree
        )
        subj = subj + " " + sent.text[: trig.token.idx - sent.start_char]
        visitors = {d.people.get(w) or d.gaz.country_code(w) for w in subj.split() if len(w) > 3}
        visitors |= {e.country for _, _, e in find_actors(subj) if e.kind == "person"}
        host = (
            next((p for p in parts if p not in ORGS and p not in visitors), None)
            if visitors - {None}
            else None
        )
        cap = d.gaz.capital(host) if host else None
        if cap is not None:
            places = [cap]
            conf *= 0.6
            notes.append(f"venue assumed: capital of the host {host}")
    if not places and diplomacy and sub == "meeting" and d.gaz is not None:
        host = next((p for p in parts if p not in ORGS), None)
        cap = d.gaz.capital(host) if host else None
        if cap is not None:
            places = [cap]
            conf *= 0.6
            notes.append(f"venue assumed: capital of {host}")
    if not places:
        places = [None]
    if how not in {"sentence"}:
        conf *= 0.85
    names = []
    for _, _, e in find_actors(sent.text):
        if e.kind != "civilian":
            add_name(names, e.canonical, known=True)
    if diplomacy:
        for ent in sent.ents:
            if ent.label_ in {"PER", "PERSON"} and not (
                d.gaz is not None and d.gaz.country_code(ent.text)
            ):
                add_name(names, ent.text)  # (a country name tagged as a person is not an actor)
    persons = {
        n
        for n in names
        if n in d.people
        or n in {e.canonical for _, _, e in find_actors(sent.text) if e.kind == "person"}
    }
    persons |= {
        ent.text for ent in sent.ents if ent.label_ in {"PER", "PERSON"} and ent.text in d.people
    }
    fat = find_fatalities(sent.text) if et in _VIOLENT else None
    if len(places) > 1:
        fat = None
        notes.append("one of several places named together; toll not split")
    s, e = sent_start, para_off + sent.end_char
    aside = _asides(sent, d.lang, para_off)
    log.debug(
        "candidate %s/%s %s %r at %s (%s)",
        et, sub, date[:2], trig.token.text, [p.name if p else None for p in places], "; ".join(notes),
    )  # fmt: skip
    out = []
    for p in places:
        out.append(
            Candidate(et, sub, date, p, names, parts, fat, sent.text.strip(), (s, e), round(min(conf, 0.99), 3),
                  headline=s < d.headline_end, notes=list(notes), persons=persons, aside=list(aside))
        )  # fmt: skip
    return out


def _to_event(c: Candidate, *, source: str | None, url: str | None, gaz: Gazetteer | None) -> Event:
    p = c.place
    country = p.country if p is not None else None
    if country is None and c.participants:
        country = next((x for x in c.participants if x not in ORGS), None)
    cameo = CAMEO_BY_SUBTYPE.get(c.sub_event_type) if c.event_type == "diplomacy" else None
    if (
        cameo
        and c.sub_event_type == "statement"
        and _AMBASSADOR.search(c.evidence)
        and re.search(r"rappel|recall", c.evidence, re.IGNORECASE)
    ):
        cameo = "161"
    geo_precision = None
    if p is not None:
        geo_precision = p.geo_precision or {"town": 1, "feature": 1, "country": 4}.get(p.kind, 3)
    lo, hi, precision = (None, None, None) if c.date == OPEN_DATE else c.date
    eid = content_event_id("text", source, c.event_type, c.sub_event_type, lo, hi,
                           p.place_id if p else None, c.span[0])  # fmt: skip
    del gaz
    return Event(
        event_id=eid,
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        date_start=lo,
        date_end=hi,
        time_precision=precision,
        origin="text",
        country=country,
        admin1=p.admin1 if p else None,
        location_name=p.name if p else None,
        place_id=p.place_id if p else None,
        place_kind=p.kind if p else None,
        geo_precision=geo_precision,
        lon=p.lon if p else None,
        lat=p.lat if p else None,
        geometry_wkt=p.geometry_wkt if p and p.kind in {"border", "region", "area"} else None,
        actors=tuple(c.actors),
        participants=tuple(c.participants),
        fatalities=c.fatalities,
        cameo_code=cameo,
        source=source,
        source_url=url,
        evidence=c.evidence,
        evidence_span=c.span,
        confidence=c.confidence,
        notes="; ".join(c.notes) or None,
    )


#: The place part of a dateline: "BAMAKO, Jan. 26 –", "MOSCOW/BAMAKO, Aug. 2 –", "AA / Bamako /".
_DATELINE_PLACE = re.compile(
    r"^\s*(?:AA\s*/\s*)?([A-ZÀ-Ý][\w'’.À-ÿ -]*(?:/[A-ZÀ-Ý][\w'’.À-ÿ -]*)*)"
)


def _dateline_countries(
    text: str, spans: list[tuple[int, int]], gaz: Gazetteer | None
) -> list[str]:
    """Return the countries of the towns a dateline names (each town one vote)."""
    if gaz is None:
        return []
    out = []
    for s, e in spans:
        m = _DATELINE_PLACE.match(text[s:e])
        if not m:
            continue
        for name in m.group(1).split("/"):
            name = name.strip(" .-")
            place = gaz.resolve(name.title()).place if 2 < len(name) <= 30 else None
            if place is not None and place.kind == "town" and place.country:
                out.append(place.country)
    return out


def _parse(text: str, lang: str, model: str | None) -> list[tuple[int, Doc]]:
    nlp = load_nlp(lang, model)
    paras = paragraphs(text)
    docs = nlp.pipe([p for _, p in paras], batch_size=64)
    return [(off, doc) for (off, _), doc in zip(paras, docs, strict=True)]


def _lede_end(docs: list[tuple[int, Doc]]) -> int:
    """End offset of a headline-less text's first clause-bearing sentence: its lede.

    The lede tells where the story happens (the inverted pyramid of news writing); a later
    sentence with no place of its own ("Police dispersed the crowd.") is placed there. A date
    line ("Date: 4 May 2020", "Published: 2021-08-20") is no lede.
    """
    for off, doc in docs:
        for sent in sentences(doc):
            if any(t.pos_ in ("VERB", "AUX") for t in sent) and not is_date_line(sent.text):
                return off + sent.end_char
    return 0


def extract_events(
    text: str,
    *,
    published: dt.date | None = None,
    lang: str = "auto",
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    model: str | None = None,
    url: str | None = None,
) -> list[Event]:
    """Return the events an article reports, each with its evidence sentence and span.

    Parameters
    ----------
    text
        The article: plain text (first line the headline) or HTML.
    published
        Publication date; when ``None`` it is looked for in the text (dateline, "date" line).
    lang
        ``"fr"``, ``"en"`` or ``"auto"``.
    gazetteer
        Places are resolved through it; without one events carry no location.
    source
        A name for the article (a file path), stored with each event.
    model
        spaCy model override for the language (``"blank"`` for the rule-only pipeline).
    url
        The article's address (else a "Source: https://..." line of the text, if any).

    Returns
    -------
    list[Event]
        In text order; empty for a text without events.
    """
    text = prepare(text)
    if not text.strip():
        return []
    if lang == "auto":
        lang = detect_language(text)
    anchor = article_anchor(text, published, lang=lang)
    paras_txt = paragraphs(text)
    datelines = dateline_spans(paras_txt)
    skip = list(datelines)
    headline_end = _headline_end(paras_txt)
    docs = _parse(text, lang, model)
    named_actors = [(off, find_actors(doc.text)) for off, doc in docs]
    for (off, doc), (_, found) in zip(docs, named_actors, strict=True):
        skip.extend((off + s, off + e) for s, e, _ in found)
        skip.extend((off + s, off + e) for s, e in media_spans(doc.text))
    dates = [
        m
        for m in find_dates(text, anchor, lang=lang)
        if not any(a <= m.start < b for a, b in skip)
        and not any(
            off <= m.start and len(p.strip()) - len(m.text) < 8
            for off, p in paras_txt
            if m.start < off + len(p)
        )
    ]
    d = _Doc(text, lang, anchor, docs, dates, [], headline_end, gazetteer)
    doc_cc: list[str] = []
    doc_mentions: list[str] = []
    if gazetteer is not None:
        for _, doc in docs:
            for sent in sentences(doc):
                for cc in sentence_countries(sent, gazetteer):
                    doc_mentions.append(cc)
                    if cc not in doc_cc:
                        doc_cc.append(cc)
        # forces named by their own names (FAMa, VDP, CJTF) point to their country as a demonym does
        for _, found in named_actors:
            doc_cc.extend(cc for cc in home_countries(e for _, _, e in found) if cc not in doc_cc)
    d.people = person_countries([s for _, doc in docs for s in sentences(doc)], gazetteer)
    named: dict[str, float] = {}
    for cc in doc_mentions:
        named[cc] = named.get(cc, 0) + (2.0 if cc in REGION else 1.0)
    default_cc = max(named, key=lambda c: named[c]) if named else None
    d.places = find_places(
        docs, gazetteer, skip=skip, countries=tuple(doc_cc), default_cc=default_cc
    )
    ctx = _Context()
    counts: dict[str, float] = {}
    for m in d.places:
        if m.place.country and not m.attributive:
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
    for cc in doc_mentions:
        counts[cc] = counts.get(cc, 0) + 0.5
    for cc in _dateline_countries(text, datelines, gazetteer):
        counts[cc] = counts.get(cc, 0) + 1.5  # where the story is filed from
    for cc in list(counts):
        if cc in REGION:
            counts[cc] *= 2
    main_cc = max(counts, key=lambda c: counts[c]) if counts else None
    ctx.main_country = gazetteer.country(main_cc) if gazetteer is not None and main_cc else None
    lead_end = headline_end or _lede_end(docs)
    head_places = [
        m.place for m in d.places if m.start < lead_end and m.place.kind in {"town", "feature"}
    ]
    if headline_end:
        ctx.head_place = head_places[0] if head_places else None
    else:
        ctx.lede_place = head_places[0] if head_places else None
    cands: list[Candidate] = []
    protest_doc = any(
        t.event_type in _DEMONSTRATIONS
        for _, doc in docs
        for sent in sentences(doc)
        for t in find_triggers(sent, lang)
    )
    for off, doc in docs:
        ctx.last_date = None
        ctx.last_event_date = None
        for sent in sentences(doc):
            seen: set[tuple[str, str]] = set()
            trigs = find_triggers(sent, lang)
            has_protest = any(
                t.event_type in _DEMONSTRATIONS and t.cls != "kill" for t in trigs
            )  # (a death read as mob violence is no crowd that a clash belongs to)
            armed = any(e.kind == "armed_group" for _, _, e in find_actors(sent.text))
            others = [
                t for t in trigs
                if t.cls != "kill" and t.sub_event_type != "looting_property_destruction"
            ]  # fmt: skip
            if others:  # (a killing beside looting or arson is the violence the looting is part of)
                trigs = [
                    t
                    for t in trigs
                    if t.cls != "kill"
                    or (t.token.lemma_.lower() in _DIE and _leader_subject(t, d))
                    or (t.token.dep_ == "ROOT" and all(_subordinate(o.token) for o in others))
                ]  # fmt: skip  (but "cadres kill a member who had defected": the killing is told)
            has_call = any(
                t.event_type == "diplomacy" and t.sub_event_type == "call" for t in trigs
            )
            typed = []
            for trig in trigs:
                if has_call and trig.cls == "talk":
                    trig = replace(trig, sub_event_type="call")
                if trig.cls == "attack" and trig.sub_event_type == "untargeted":
                    trig = replace(trig, event_type="battle", sub_event_type="armed_clash")
                if trig.event_type == "battle" and trig.token.lemma_.lower() in _CLASH_LEMMAS:
                    if has_protest:
                        continue
                    if protest_doc and not armed:
                        trig = replace(
                            trig, event_type="riot", sub_event_type="violent_demonstration"
                        )
                typed.append(trig)
            if any(t.event_type in _DEMONSTRATIONS for t in typed):
                # "les manifestants ont bloqué la route": a weak political cue is part of the protest
                typed = [
                    t
                    for t in typed
                    if not (t.event_type == "strategic_development" and t.weight < 0.5)
                ]
            reports: list[Candidate] = []  # military communiqués read as statements
            acts = False  # a non-diplomatic event told in this sentence
            for trig in typed:
                key = (
                    trig.event_type,
                    trig.sub_event_type if trig.event_type == "diplomacy" else "",
                )
                if (
                    trig.cls == "kill"
                    and trig.token.lemma_.lower() in _DIE
                    and _leader_subject(trig, d)
                ):
                    key = ("strategic_development", "death")  # a leader's death is its own event
                if key in seen:
                    continue
                evs = _sentence_events(trig, sent, d, off, ctx)
                if evs:
                    seen.add(key)
                    cands.extend(evs)
                    ctx.told.extend(evs)
                    if trig.sub_event_type == "statement" and _military_report(trig):
                        reports.extend(evs)
                    acts = acts or evs[0].event_type != "diplomacy"
                    if (
                        evs[-1].place is not None
                        and evs[-1].event_type in _VIOLENT
                        and evs[-1].place.kind in {"town", "feature"}
                    ):
                        ctx.last_place = evs[-1].place
                    ctx.last_event_date = _AsMention(evs[-1].date)
                    ctx.prev_event_date = ctx.last_event_date
                    if (
                        evs[-1].place is not None
                        and evs[-1].place.kind in {"town", "feature"}
                        and evs[-1].event_type != "diplomacy"
                    ):
                        ctx.last_any_place = evs[-1].place
                        if evs[-1].event_type == "strategic_development":
                            ctx.last_civil_place = evs[-1].place
                    if evs[-1].event_type in _VIOLENT - _DEMONSTRATIONS:
                        ctx.last_violent = (evs[-1].event_type, evs[-1].sub_event_type)
            if acts and reports:
                # "l'armée a pris le camp, a annoncé l'état-major": the army reporting its act, not diplomacy
                dropped = {id(r) for r in reports}
                cands = [c for c in cands if id(c) not in dropped]
            s0, s1 = off + sent.start_char, off + sent.end_char
            in_sent = [m for m in d.dates if s0 <= m.start < s1 and not m.since]
            if in_sent and s0 >= headline_end:
                ctx.last_date = in_sent[-1]
        cued = any(
            find_triggers(sent, lang) for sent in sentences(doc)
        )  # a cue filtered out (intended, denied ...)
        if lang == "en" and off >= headline_end and not cued:
            cands.extend(_actor_clause_event(doc, d, off, ctx))
    url = url or source_url(text)
    events = fold(merge(cands), paras_txt, model=type_model() if lang == "en" else None)
    open_dates = sum(c.date == OPEN_DATE for c in events)
    if open_dates:
        log.warning(
            "%s: no year in the text and no publication date (--published): %d event%s with the date left open",
            source or "text",
            open_dates,
            "" if open_dates == 1 else "s",
        )
    return [_to_event(c, source=source, url=url, gaz=gazetteer) for c in events]
