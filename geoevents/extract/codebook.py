"""ACLED's coding rules as data: actor classes of noun heads, and the decision table.

``data/actor_classes.tsv`` gives the ACLED actor class of the nouns that name actors and
targets ("gunmen", "villageois", "Dozo hunters", "marketgoers"); ``data/codebook.tsv`` maps
an act, its perpetrator's class and its target's class to an event type and sub-event
type, each row citing the Codebook passage that decides it. :func:`phrase_class` reads a
phrase of the parse; :func:`decide` applies the table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from geoevents.errors import ConfigError
from geoevents.extract.lexicon import OF

if TYPE_CHECKING:
    from spacy.tokens import Token

ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia", "external", "armed"})
CROWD = frozenset({"rioters", "protesters"})
CLASSES = ARMED | CROWD | {"civilians"}
#: "armed men", "hommes armés", "individus armés": an armed group the text does not name.
_ARMED_WORDS = {"armed", "armé", "armés", "armée", "armées", "gunmen"}
#: Actor kinds of ``actors.tsv`` and their class.
_KIND_CLASS = {"armed_group": "rebel", "state_force": "state", "civilian": "civilians"}


def kind_class(kind: str) -> str | None:
    """The actor class of a kind of ``actors.tsv`` ("armed_group" -> rebel), if it has one."""
    return _KIND_CLASS.get(kind)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the decision table."""

    act: str
    perpetrator: str
    target: str
    event_type: str
    sub_event_type: str
    rule: str

    def fits(self, act: str, perpetrator: str | None, target: str | None) -> bool:
        return (
            self.act == act and _fits(self.perpetrator, perpetrator) and _fits(self.target, target)
        )


def _fits(pattern: str, cls: str | None) -> bool:
    if pattern == "*":
        return True
    if cls is None:
        return False
    if pattern == "ARMED":
        return cls in ARMED
    if pattern == "CROWD":
        return cls in CROWD
    return pattern == cls


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("geoevents").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None or v == "" for v in row.values()):
            raise ConfigError(f"geoevents/data/{name}: malformed row {n}: {row!r}")
    return rows


@lru_cache(maxsize=1)
def table() -> tuple[Rule, ...]:
    """The decision table, in order (the first fitting row wins)."""
    rules = tuple(Rule(**r) for r in _rows("codebook.tsv"))
    for r in rules:
        for side in (r.perpetrator, r.target):
            if side not in CLASSES | {"*", "ARMED", "CROWD"}:
                raise ConfigError(f"geoevents/data/codebook.tsv: unknown actor class {side!r}")
    return rules


@lru_cache(maxsize=1)
def _classes() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for r in _rows("actor_classes.tsv"):
        if r["class"] not in CLASSES:
            raise ConfigError(f"geoevents/data/actor_classes.tsv: unknown class {r['class']!r}")
        word = r["word"]
        if word.endswith("*"):
            prefixes.append((word[:-1].lower(), r["class"]))
        else:
            exact[word if word.isupper() else word.lower()] = r["class"]
    return exact, tuple(sorted(prefixes, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1 << 16)
def word_class(word: str) -> str | None:
    """The actor class a single word names, if any ("gunmen" -> armed, "villageois" -> civilians)."""
    exact, prefixes = _classes()
    if word in exact:
        return exact[word]
    low = word.lower()
    if low in exact:
        return exact[low]
    return next((cls for p, cls in prefixes if low.startswith(p)), None)


#: "unknown people", "individus non identifiés": perpetrators nobody names are an unidentified
#: armed group (ACLED Codebook 2023, "Unidentified Armed Group"), not a mob of civilians.
_UNNAMED_WORDS = {"unknown", "unidentified", "unnamed", "inconnu", "inconnus", "identifiés"}
_GENERIC_PEOPLE = {"people", "persons", "person", "individuals", "individual", "men", "man",
                   "individus", "individu", "personnes", "hommes", "inconnus"}  # fmt: skip


def token_class(tok: Token) -> str | None:
    """The actor class of a noun token, with its modifiers ("armed men", "hommes armés",
    "unknown people")."""
    if tok.lower_ in _ARMED_WORDS or any(c.lower_ in _ARMED_WORDS for c in tok.children):
        if tok.pos_ in {"NOUN", "PROPN", "PRON"} or tok.lower_ == "gunmen":
            return "armed"
    if tok.lower_ in _GENERIC_PEOPLE and any(
        c.lower_ in _UNNAMED_WORDS or any(g.lower_ in _UNNAMED_WORDS for g in c.children)
        for c in tok.children
    ):
        return "armed"
    for form in (tok.text, tok.lemma_):
        cls = word_class(form)
        if cls is not None:
            return cls
    return None


#: Security personnel off duty, out of uniform: ACLED codes violence against them as violence
#: against civilians (Codebook 2023, "Violence against civilians": victims not engaged as
#: combatants when attacked).
_OFF_DUTY = re.compile(r"\boff\s*-?\s*duty\b|\ben\s+civil\b|\bhors\s+service\b", re.IGNORECASE)


#: Vehicles and convoys: what they carry, when the text says, is the target ("a convoy carrying
#: mine workers", "un bus de voyageurs"); alone, a convoy is the army's (``actor_classes.tsv``).
_CARRIERS = {"convoy", "convoi", "vehicle", "véhicule", "bus", "minibus", "car", "truck",
             "camion", "boat", "bateau", "pirogue", "lorry"}  # fmt: skip


#: Places named for the people they house: "a refugee camp", "le camp de déplacés" holds
#: civilians, not soldiers (Codebook 2023, "Civilian targeting": refugees and IDPs are civilians).
_SHELTERS = {"camp", "camps", "site", "sites", "settlement", "settlements"}


def _housed_class(tok: Token) -> str | None:
    if tok.lemma_.lower() not in _SHELTERS and tok.lower_ not in _SHELTERS:
        return None
    for c in tok.children:
        held = [o for o in c.children if o.dep_ == "pobj"] if c.lower_ in {"for", "pour"} else [c]
        if c.dep_ in {"compound", "amod", "nmod", "prep"} and any(
            token_class(o) == "civilians" for o in held
        ):  # "a refugee camp", "le camp de déplacés", "a camp for displaced people"
            return "civilians"
    return None


def _carried_class(tok: Token) -> str | None:
    if tok.lemma_.lower() not in _CARRIERS and tok.lower_ not in _CARRIERS:
        return None
    for c in tok.children:
        if c.dep_ == "acl":  # "carrying employees", "transportant des civils"
            objs = [o for o in c.children if o.dep_ in {"dobj", "obj"}]
        elif c.dep_ == "prep" and c.lower_ == "of":  # "a convoy of traders"
            objs = [o for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ == "de" for g in c.children):
            objs = [c]  # "un convoi de commerçants"
        else:
            continue
        for o in objs:
            cls = token_class(o)
            if cls is not None:
                return cls
    return None


#: Dependency labels of relative clauses (spaCy English and French).
RELATIVE = frozenset({"relcl", "acl:relcl"})


def phrase_class(tokens: Iterable[Token]) -> str | None:
    """The actor class of a phrase: its head noun first, then its other nouns in order."""
    from geoevents.extract.actors import find_actors  # noqa: PLC0415

    toks = list(tokens)
    if not toks:
        return None
    text = " ".join(t.text for t in toks)
    if _OFF_DUTY.search(text):
        return "civilians"  # a soldier or policeman off duty is not engaged as a combatant
    # a relative clause tells more of the phrase's people, not who they are ("des habitants qui
    # creusaient une tranchée à la demande de l'armée" are residents)
    inner = {t.i for w in toks if w.dep_ in RELATIVE and w.head in toks for t in w.subtree}
    own = " ".join(t.text for t in toks if t.i not in inner)
    for _, _, e in find_actors(own):
        if e.kind in _KIND_CLASS:
            return _KIND_CLASS[e.kind]
    heads = [t for t in toks if t.head not in toks or t.head.i == t.i]
    for t in heads:
        cls = _housed_class(t) or _carried_class(t)
        if cls is not None:
            return cls
    for t in heads + [t for t in toks if t not in heads]:
        if t.pos_ in {"NOUN", "PROPN"} or t.lower_ in _ARMED_WORDS:
            cls = token_class(t)
            if cls is not None:
                return cls
    return None


def decide(act: str, perpetrator: str | None, target: str | None) -> Rule | None:
    """The first row of the table that fits, or ``None``."""
    return next((r for r in table() if r.fits(act, perpetrator, target)), None)


_SUBJECT = {"nsubj", "csubj"}
#: Verbs of dying, whose subject undergoes the act (unaccusative verbs, in English and French
#: grammars): the subject is the target, not a perpetrator.
_UNACCUSATIVE = {"die", "perish", "succumb", "mourir", "décéder", "périr", "succomber"}
_AGENT = {"agent", "obl:agent"}
_OBJECT = {"obj", "dobj", "nsubj:pass", "nsubjpass", "obl:arg", "iobj"}
_TARGET_PREPS = {"on", "against", "at", "sur", "contre", "upon"}
#: Sides whose attack a genitive names as theirs: non-state armed groups and crowds.
_NON_STATE_SIDES = {
    "rebel",
    "political_militia",
    "identity_militia",
    "armed",
    "rioters",
    "protesters",
}


def _own_phrase(words: list[Token]) -> list[Token]:
    """A noun phrase without the prepositional phrases nested in it."""
    inner = {
        t.i
        for w in words
        if w.dep_.startswith(("obl", "nmod", "prep", "acl")) and w.head in words
        for t in w.subtree
    }
    return [w for w in words if w.i not in inner] or words


def _with_note(c: Token) -> list[Token]:
    """A phrase with the bracketed note written right after it, which the parse may attach
    elsewhere: coders qualify a victim there ("a member of a security agency (assumed off-duty
    soldier)")."""
    words = list(c.subtree)
    doc, j = c.doc, c.right_edge.i + 1
    if j < len(doc) and doc[j].text == "(":
        end = next((k for k in range(j + 1, min(len(doc), j + 12)) if doc[k].text == ")"), None)
        if end is not None:
            words += list(doc[j + 1 : end])
    return words


def participants_of(tok: Token, *, shared: bool = True) -> tuple[str | None, str | None]:
    """The actor classes of an act's perpetrator and target, read from the parse.

    The perpetrator is the subject (or the agent of a passive: "by gunmen", "par des
    hommes armés"); the target the object, the passive subject, or the complement of
    "on/against/sur/contre". A noun trigger ("the attack on the camp") reads its own
    complements; its verb's subject is the perpetrator ("gunmen carried out an attack").
    With ``shared``, a verb without a subject or object of its own takes those of the verbs
    it is coordinated with or depends on ("gunmen ambushed and killed 4 youths").
    """
    if not tok.doc.has_annotation("DEP"):
        return None, None
    if tok.lemma_.lower() in _UNACCUSATIVE:
        # "a policeman died", "trois civils ont péri": the subject is the one who died
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT), None)
        return None, phrase_class(subj.subtree) if subj is not None else None
    perp = target = None
    heads = [tok]
    if tok.pos_ == "NOUN":
        # "l'attaque menée par des hommes armés contre le village", "an attack carried out by ..."
        heads += [c for c in tok.children if c.dep_ in {"acl", "acl:relcl", "relcl"}]
        if tok.dep_ in {"obj", "dobj"}:
            heads.append(tok.head)  # "gunmen carried out an attack"
    for h in heads:
        for c in h.children:
            if c.dep_ in _SUBJECT and perp is None:
                perp = phrase_class(c.subtree)
            elif c.dep_ in _AGENT:
                perp = perp or phrase_class(t for t in c.subtree if t.i != c.i)
            elif c.dep_ in _OBJECT and h.i == tok.i and target is None:
                target = phrase_class(_with_note(c))
    # prepositional phrases down to two levels: "par des hommes armés contre le village"
    for h in heads:
        for c in [x for y in h.children for x in (y, *y.children)]:
            if not (c.dep_.startswith(("obl", "nmod", "prep", "pobj")) or c.dep_ == "prep"):
                continue
            case = {x.lower_ for x in c.children if x.dep_ == "case"} | (
                {c.lower_} if c.dep_ == "prep" else set()
            )
            words = [t for t in c.subtree if t.i != c.i] if c.dep_ == "prep" else list(c.subtree)
            if case & {"by", "par"} and perp is None:
                perp = phrase_class(_own_phrase(words))
            elif case & _TARGET_PREPS and target is None:
                target = phrase_class(_own_phrase(words))
            elif h.i == tok.i and tok.pos_ == "NOUN" and c.head.i == tok.i and case & OF:
                # a noun's "de"/"of" complement: a non-state armed group or a crowd is who
                # attacked ("l'attaque d'hommes armés", subjective genitive), the army, a camp
                # or civilians what was attacked ("l'attaque du camp", objective genitive)
                cls = phrase_class(_own_phrase(words))
                if cls in _NON_STATE_SIDES and perp is None:
                    perp = cls
                elif cls is not None and cls not in _NON_STATE_SIDES and target is None:
                    target = cls
    if shared and tok.pos_ in {"VERB", "AUX"}:
        if perp is None:
            perp = _governor_subject(tok)
        if target is None:
            target = _shared_object(tok)
    return perp, target


#: Verbs that take their subject from the verb they depend on: a conjunct ("gunmen ambushed
#: and killed"), a participle clause ("..., killing 10 soldiers"), a complement ("police are
#: accused of assaulting a driver", "soldiers were ordered to fire"). English and French
#: grammars: conjunction reduction and subject control.
_TAKES_SUBJECT = {"conj", "advcl", "xcomp", "pcomp", "acl"}


def _governor_subject(tok: Token) -> str | None:
    """The actor class of the subject of the verb a subjectless verb depends on."""
    if any(c.dep_ in _SUBJECT or c.dep_ in {"nsubjpass", "nsubj:pass"} for c in tok.children):
        return None  # a subject of its own, whatever its class
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _TAKES_SUBJECT or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "ADP":  # "accused of assaulting": through the preposition
            cur = cur.head
        control = {"nsubj", "csubj"} | (
            {"nsubjpass", "nsubj:pass"} if tok.dep_ != "conj" else set()
        )
        for c in cur.children:
            if c.dep_ in control:
                return phrase_class(c.subtree)
            if c.dep_ in _AGENT and tok.dep_ != "conj":
                return phrase_class(t for t in c.subtree if t.i != c.i)
    return None


def _shared_object(tok: Token) -> str | None:
    """The object a verb shares with its coordinated verbs ("ambushed and killed 4 youths")."""
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
            for o in c.children:
                if o.dep_ in {"obj", "dobj"}:
                    return phrase_class(_with_note(o))
    return None
