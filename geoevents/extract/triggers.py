"""Event triggers: lemmas from the lexicon, typed with their syntactic context.

A trigger is a token whose lemma (or lower-cased form) is in ``triggers.tsv``. Three
classes are typed here from their context rather than by the lexicon:

* ``attack``: an explosive cue (véhicule piégé, IED, mine, drone, frappe aérienne)
  makes it an explosion; otherwise the ACLED decision table (:mod:`.codebook`) types it
  from the actor classes of its perpetrator and target, read from the parse (the nearest
  actor noun when the parse names no target): armed against civilians is violence against
  civilians, two armed sides a battle, a crowd a riot.
* ``kill``: the same table (victims not identified as combatants are civilians), and only
  when no stronger trigger is in the sentence. Arson and looting go through it too.
* ``talk``: a telephone cue nearby makes it a call, else a meeting.

Modality (negation, denial, intention, background) is judged on the trigger and its
ancestors in the parse: ``ne ... pas``/``not``, verbs such as démentir/deny,
vouloir/menacer/plan/threaten, a future or conditional verb, and "pour rappel".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geoevents.extract.actors import SUBJECTS
from geoevents.extract.codebook import (
    ARMED,
    RELATIVE,
    Rule,
    decide,
    participants_of,
    phrase_class,
    token_class,
)
from geoevents.extract.lexicon import OF, QUANTITY, TriggerEntry, triggers

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_EXPLOSIVE = re.compile(
    r"\b(?:pi[ée]g[ée]e?s?|explosifs?|EEI|IED|mines?|kamikazes?|suicide|"
    r"(?<!petrol )(?<!petrol-)(?<!fire )(?<!fire-)(?<!gasoline )(?<!incendiary )"
    r"(?:bombes?(?!\s+incendiaires?)|bombs?)|drones?|"
    r"frappes?\s+a[ée]riennes?|airstrikes?|air\s+strikes?|roquettes?|rockets?|obus|mortiers?|mortars?|"
    r"shells?|shelling|grenades?|artillery|artillerie|missiles?|warplanes?|MiGs?|gunships?|"
    r"avions?\s+de\s+chasse|fighter\s+jets?|"
    # an air force acting: its strikes are air strikes (Codebook 2023, "Air/drone strike")
    r"air\s+forces?|arm[ée]e\s+de\s+l['’]air|aviation)\b",
    re.IGNORECASE,
)
#: A drone or missile brought down before it strikes ("shot down a drone", "intercepted two
#: missiles", "a abattu un drone").
_INTERCEPTED = re.compile(
    r"\b(?:shot|shoot(?:s|ing)?|brought|bring(?:s|ing)?)\s+down\s+(?:an?\s+|the\s+|\w+\s+){0,3}"
    r"(?:drones?|missiles?|rockets?|UAVs?)\b|\bintercept\w*\s+(?:an?\s+|the\s+|\w+\s+){0,3}"
    r"(?:drones?|missiles?|rockets?|UAVs?)\b|\babatt\w*\s+(?:un\s+|une\s+|le\s+|deux\s+)?"
    r"(?:drones?|missiles?|roquettes?)\b|\b(?:drones?|missiles?|roquettes?)\s+"
    r"(?:\w+\s+){0,2}(?:abattus?|intercept[ée]s?|shot\s+down|intercepted)\b",
    re.IGNORECASE,
)
#: The weapon word's sub-event type (ACLED Codebook 2023, "Explosions/Remote violence": air or
#: drone strike; shelling/artillery/missile attack; grenade; suicide bomb; remote explosive,
#: landmine or IED for the rest).
_WEAPON_SUB = (
    (
        re.compile(r"drone|a[ée]rien|air|warplane|MiG|gunship|avion|aviation|jet", re.IGNORECASE),
        "air_drone_strike",
    ),
    (
        re.compile(r"roquette|rocket|obus|mortier|mortar|shell|artiller|missile", re.IGNORECASE),
        "shelling_artillery_missile_attack",
    ),
    (re.compile(r"grenade", re.IGNORECASE), "grenade"),
    (re.compile(r"suicide|kamikaze", re.IGNORECASE), "suicide_bomb"),
)


def weapon_sub_type(word: str) -> str:
    """The remote-violence sub-type a weapon word names ("mortars" -> shelling)."""
    return next(
        (sub for rx, sub in _WEAPON_SUB if rx.search(word)), "remote_explosive_landmine_ied"
    )


_PHONE = re.compile(r"\b(?:t[ée]l[ée]phon\w*|phone|call|appel)\b", re.IGNORECASE)
_INTENT_LEMMAS = {
    "vouloir", "prévoir", "envisager", "menacer", "promettre", "projeter", "compter", "appeler",
    "exhorter", "demander", "espérer", "souhaiter", "chercher", "viser",
    "want", "plan", "intend", "threaten", "promise", "vow", "call", "urge", "seek", "aim", "hope",
    "expect", "pledge", "would", "could", "may", "might", "should", "must", "propose", "proposer",
    "risquer", "risk", "prepare", "préparer", "décider", "decide", "détermination", "volonté",
    "intention", "efficacité", "capacité", "améliorer", "renforcer", "former", "improve",
    "strengthen", "capability", "capacity", "determination", "readiness", "ready", "prêt", "prévu",
    "menace", "threat", "risque", "possible", "éventuel", "potential", "imminent",
    "réclamer", "exiger", "demand",  # "réclamer le départ des soldats": demanded, not done
}  # fmt: skip
_DECIDE = {"décider", "decide", "resolve"}


def _past(t: Token) -> bool:
    """Whether a verb is in a past tense ("decided", "a décidé", "décida")."""
    if (
        t.tag_ in {"VBD"}
        or "Past" in t.morph.get("Tense")
        and "Part" not in t.morph.get("VerbForm")
    ):
        return True
    return "Part" in t.morph.get("VerbForm") and any(
        c.dep_ in {"aux", "aux:tense"} for c in t.children
    )


def _conditional(t: Token) -> bool:
    """Whether a French verb is in the simple conditional ("répondrait", "attaqueraient").

    The past conditional of reported news ("l'attaque aurait fait dix morts") is not one:
    auxiliaries avoir/être are left out.
    """
    if "Cnd" in t.morph.get("Mood"):
        return t.lemma_.lower() not in {"avoir", "être"} and not any(
            c.dep_ in {"aux", "aux:tense", "aux:pass"} for c in t.children
        )
    form, lem = t.lower_, t.lemma_.lower()
    if lem in {"avoir", "être"} or any(
        c.dep_ in {"aux", "aux:tense", "aux:pass"} for c in t.children
    ):
        return False
    if not lem.endswith(("er", "ir", "re")):
        return False
    stems = {lem, lem[:-1]}  # attaquer -> attaquerait, répondre -> répondrait
    return any(form == s + end for s in stems for end in ("ait", "aient")) and form.endswith(
        ("rait", "raient")
    )


_SUPERLATIVE = {"most", "biggest", "largest", "deadliest", "worst", "plus", "pire"}
#: With a superlative, these make a comparison with past events ("the deadliest attack in years").
_COMPARISON_WORDS = (
    "since",
    "depuis",
    "one of",
    "l'une des",
    "l'un des",
    "le plus",
    "la plus",
    "in years",
    "in decades",
    "in recent years",
    "ever",
    "to date",
    "de l'année",
    "of the year",
    "en des années",
    "jamais",
)
_GENERIC = {
    "nombreuses",
    "nombreux",
    "plusieurs",
    "many",
    "several",
    "numerous",
    "multiple",
    "repeated",
    "répétées",
    "répétés",
    "frequent",
    "fréquentes",
    "fréquents",
    "régulières",
    "regular",
}
#: Free-choice determiners: "toute attaque", "any attack", "tout assaut" name no particular event.
_FREE_CHOICE = {
    "tout",
    "toute",
    "tous",
    "toutes",
    "chaque",
    "any",
    "every",
    "each",
    "whatever",
    "quelconque",
}
_ANAPHORIC = {"ce", "cet", "cette", "ces", "this", "these", "that", "those"}
#: Weapon words that are triggers alone ("un drone a frappé") but not as a modifier of these.
_WEAPON_WORDS = {"drone", "drones"}
_NOT_EVENT_HEADS = {
    "base", "programme", "program", "usine", "factory", "flotte", "fleet", "escadrille", "squadron",
    "achat", "purchase", "livraison", "delivery", "acquisition", "pilote", "pilot", "opérateur",
    "operator", "industrie", "industry", "marché", "market", "contrat", "contract", "commande", "order",
}  # fmt: skip


def _owner_noun(tok: Token) -> str:
    """Return the lemma of the noun a modifier belongs to ("base" for "base de drones", "drone base")."""
    if tok.dep_ == "compound" or (tok.dep_ in {"nmod", "pobj"} and tok.head.pos_ == "NOUN"):
        return tok.head.lemma_.lower()
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP" and tok.head.head.pos_ == "NOUN":
        return tok.head.head.lemma_.lower()  # "a base for drones"
    return ""


_DENY_LEMMAS = {
    "démentir",
    "nier",
    "réfuter",
    "deny",
    "dismiss",
    "refute",
    "reject",
    "rejeter",
    "contester",
}
_NEG = {"pas", "jamais", "aucun", "aucune", "not", "n't", "never", "no", "without", "sans", "ni"}
_BACKGROUND = re.compile(
    r"^\s*(?:pour\s+rappel|rappelons|il\s+convient\s+de\s+rappeler|as\s+a\s+reminder|historically|"
    r"historiquement|en\s+guise\s+de\s+rappel)|\bdat(?:e|es|ing)\s+back\s+to\b|\bremont\w*\s+[àa]\b|"
    r"\btrace[sd]?\s+back\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that signals an event, with its type and cue weight."""

    token: Token
    event_type: str
    sub_event_type: str
    weight: float
    cls: str  # the lexicon class ("attack", "kill", "talk" or the event type itself)
    #: the codebook row that typed it when the parse named both sides, else None: a typing
    #: that the English model does not overturn
    rule: str | None = None


#: English verb forms with a regular inflection the small model's lemmatiser may get wrong.
_INFLECTED = {"VBD", "VBN", "VBG"}


def _stems(word: str) -> set[str]:
    """Base forms of a regular English past or present participle (English grammar: "-ed" or
    "-ing" added to the base, a final "e" dropped before it, a final consonant doubled).

    >>> sorted(_stems("raped")), sorted(_stems("stabbed")), sorted(_stems("looting"))
    (['rap', 'rape'], ['stab', 'stabb', 'stabbe'], ['loot', 'loote'])
    """
    if word.endswith("ed") and len(word) > 4:
        base, out = word[:-2], {word[:-2], word[:-1]}
    elif word.endswith("ing") and len(word) > 5:
        base, out = word[:-3], {word[:-3], word[:-3] + "e"}
    else:
        return set()
    if len(base) > 2 and base[-1] == base[-2]:
        out.add(base[:-1])
    return out


def _verbal(tok: Token) -> bool:
    """A verb, or a participle the tagger calls an adjective: one with an auxiliary ("sont
    descendus") or marked as a participle."""
    return tok.pos_ == "VERB" or (
        tok.pos_ == "ADJ"
        and (
            "Part" in tok.morph.get("VerbForm")
            or any(c.dep_.startswith("aux") for c in tok.children)
        )
    )


def _prep_objects(c: Token) -> list[tuple[Token, str]]:
    """The objects of a prepositional phrase and their preposition ("to the streets": streets,
    to; French "dans la rue": rue, dans)."""
    if c.dep_ == "prep":
        return [(o, c.lower_) for o in c.children if o.dep_ == "pobj"]
    case = next((g for g in c.children if g.dep_ == "case"), None)
    return [(c, case.lower_)] if case is not None else []


#: Named-entity labels of people (spaCy's English "PERSON", French "PER") and the word that
#: stands for a named person in the keys of ``triggers.tsv``.
_PERSON_LABELS = {"PERSON", "PER"}
_PERSON_KEY = {"en": "person", "fr": "personne"}


def _lookup(tok: Token, lang: str) -> list[TriggerEntry]:
    table = triggers()
    keys = {tok.lemma_.lower(), tok.lower_}
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
        # a hyphenated compound the tokenizer split ("sit-in", "sit - in" in English models)
        keys.add(f"{tok.lower_}-{doc[tok.i + 2].lower_}")
        keys.add(f"{tok.lower_}{doc[tok.i + 2].lower_}")  # and its closed form: "shoot-out"
    if _sets_fire(tok):
        keys.add("set fire" if lang == "en" else "mettre le feu")
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ == "compound" and prev.head.i == tok.i and prev.is_alpha:
        # a compound written open that dictionaries write closed: "fire fight" is "firefight"
        keys.add(prev.lower_ + tok.lemma_.lower())
    keys |= _phrasal(tok)  # a phrasal verb: "tear down", "set up"
    for c in tok.children:
        if c.dep_ in {"dobj", "obj"} and tok.pos_ in {"VERB", ""}:
            keys.add(f"{tok.lemma_.lower()} {c.lemma_.lower()}")  # a light verb: "take control"
            if c.ent_type_ in _PERSON_LABELS:
                keys.add(f"{tok.lemma_.lower()} {_PERSON_KEY[lang]}")  # "released Karim Wade"
            if c.pos_ == "NUM":  # the French parse heads "200 prisonniers" by the number
                keys.update(
                    f"{tok.lemma_.lower()} {n.lemma_.lower()}"
                    for n in c.children
                    if n.pos_ == "NOUN" and n.dep_ == "nmod"
                )
        elif c.dep_ in {"prep", "obl", "obl:mod"} and _verbal(tok):
            # a verb and its place: "take to the streets", "descendre dans la rue"
            for o, prep in _prep_objects(c):
                keys.add(f"{tok.lemma_.lower()} {prep} {o.lemma_.lower()}")
    if tok.lower_.endswith("s") and len(tok.lower_) > 4:
        keys.add(tok.lower_[:-1])
    if lang == "en" and tok.tag_ in _INFLECTED:
        keys |= _stems(tok.lower_)  # the lemmatiser's slips: "raped" -> "rap"
    out = []
    for k in keys:
        for e in table.get((lang, k), ()):
            if (
                e.pos == "ANY"
                or not tok.pos_
                or tok.pos_ == e.pos
                or (e.pos == "NOUN" and tok.pos_ == "PROPN")
                or e.pos == "VERB"
                and (tok.pos_ == "AUX" or _verbal(tok))
            ):
                out.append(e)
    if not tok.pos_:  # blank pipeline: no tagger, keep every reading once
        seen: set[str] = set()
        once: list[TriggerEntry] = []
        for e in out:
            if e.event_type not in seen:
                seen.add(e.event_type)
                once.append(e)
        out = once
    return out


def _nearest(
    pattern: re.Pattern[str], sent: Span, tok: Token, *, weapons: bool = False
) -> int | None:
    """Characters from ``tok`` to the nearest match of ``pattern`` in the sentence, or ``None``;
    with ``weapons``, a weapon only held is no match ("a militant armed with a grenade")."""
    best = None
    pos = tok.idx - sent.start_char
    for m in pattern.finditer(sent.text):
        if weapons:
            word = sent.char_span(m.start(), m.end(), alignment_mode="expand")
            if word is not None and len(word) and _carried(word[-1]):
                continue
        d = abs(m.start() - pos)
        best = d if best is None else min(best, d)
    return best


#: Words of fighting or an ambush: deaths told with them may be the battle's, not a blast's.
_FOUGHT = re.compile(
    r"\b(?:clash\w*|fight\w*|fought|firefights?|gunfights?|gunfire|ambush\w*|skirmish\w*|"
    r"shoot\w*|shot|fire\s+on|opened\s+fire|affrontements?|combats?|accrochages?|embuscades?|"
    r"tirs?\b|[ée]changes?\s+de\s+tirs|ouvert\s+le\s+feu)\b",
    re.IGNORECASE,
)
#: Verbs of executing people ("executed 300 men", "ont exécuté deux otages").
_EXECUTE = {"execute", "exécuter"}
#: Sub-event types the act itself defines, and the act's row in the codebook table.
_ACT_DEFINED = {"abduction_forced_disappearance": "abduct", "sexual_violence": "sexual"}
#: Nouns of people held, whose taking is an abduction unless they are being set free.
_HELD = {"hostage", "otage", "prisoner", "prisonnier", "detainee", "détenu", "captive", "captif"}
#: Nouns of people that an execution's object may be, beside the actor classes' nouns.
_PEOPLE = _HELD | {
    "man", "men", "woman", "women", "person", "people", "child", "children", "boy", "girl",
    "suspect", "homme", "femme", "personne", "enfant",
}  # fmt: skip


def _counted(c: Token) -> Token:
    """The noun a quantity noun counts: its "of"/"de" complement ("une vingtaine de civils",
    "dozens of villagers"), else the quantity noun itself."""
    for n in c.children:
        if n.dep_ == "prep" and n.lower_ in OF:
            return next((p for p in n.children if p.dep_ == "pobj"), c)
        if n.dep_ == "nmod" and any(k.dep_ == "case" and k.lower_ in OF for k in n.children):
            return n
    return c


def _people_object(tok: Token) -> bool:
    """Whether the verb's object (or passive subject) is people: "executed 300 men", "two
    hostages were executed", not "executed a plan" or "executed an attack"."""
    for c in tok.children:
        if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"}:
            if c.lemma_.lower() in QUANTITY:
                c = _counted(c)  # "une vingtaine de civils": the people counted
            return (
                c.lemma_.lower() in _PEOPLE
                or c.lower_ in _PEOPLE
                or c.ent_type_ in {"PERSON", "PER", "NORP"}
                or token_class(c) is not None
            )
    return False


_STRIKE = {"strike", "frappe"}
#: Verbs that mean an attack only with an armed agent or a weapon (Larousse, "frapper": "attaquer"
#: in its military sense; Oxford, "strike": "carry out an aggressive military attack"); a
#: crisis, sanctions or a drought strike too.
_ARMED_SENSE = {"strike", "frapper"}
_BLOCK = {"block", "bloquer", "barricade", "barricader"}
#: What makes a strike an air strike: aircraft, drones, missiles, bombs.
_AIR = re.compile(
    r"\b(?:air|a[ée]rien\w*|drones?|avions?|aircraft|planes?|jets?|h[ée]licopt\w*|missiles?|bomb\w*|"
    r"artillery|artillerie|precision|pr[ée]cision|targeted|cibl\w*|positions?)\b",
    re.IGNORECASE,
)
#: Arson verbs: the codebook tells a crowd's (riot) from an armed group's (property destruction).
_BURN = {"burn", "torch", "incendier", "brûler", "set fire"}
#: "set fire to", "set ablaze", "set on fire", "mettre le feu à": arson said with a light verb.
_FIRE_WORDS = {"fire", "ablaze", "alight", "afire", "feu"}


def _sets_fire(tok: Token) -> bool:
    """Whether a verb is "set" or "mettre" with a fire word among its dependents (two levels)."""
    if tok.lemma_.lower() not in {"set", "mettre"}:
        return False
    return any(g.lower_ in _FIRE_WORDS for c in tok.children for g in (c, *c.children))


def _act_lemma(tok: Token) -> str:
    """The lemma of an act, "set fire" for arson said with a light verb."""
    return "set fire" if _sets_fire(tok) else tok.lemma_.lower()


def _nearest_class(sent: Span, tok: Token, skip: set[int], other_than: str | None) -> str | None:
    """The actor class of the actor noun nearest the trigger, outside ``skip`` (the subject),
    other than the perpetrator's own class."""
    best: tuple[int, str] | None = None
    for t in sent:
        if t.i == tok.i or t.i in skip or t.pos_ not in {"NOUN", "PROPN"}:
            continue
        cls = token_class(t)
        if cls is not None and cls != other_than and (best is None or abs(t.i - tok.i) < best[0]):
            best = (abs(t.i - tok.i), cls)
    return best[1] if best else None


#: Perpetrators whose attack on a settlement, no armed side named, is on its residents.
_NON_STATE = {"rebel", "political_militia", "identity_militia", "armed"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _settlement_target(tok: Token) -> bool:
    """Whether an attack's object is a place: tagged as one by the model, or followed by its
    units in brackets ("attacked Napula (Macomia, Cabo Delgado)", "ont attaqué Boni")."""
    for c in tok.children:
        words = []
        if c.dep_ in {"obj", "dobj"}:
            words = [c]
        elif c.dep_ == "prep" and c.lower_ in {"on", "against", "sur", "contre"}:
            words = [x for x in c.children if x.dep_ == "pobj"]
        elif c.dep_.startswith(("obl", "nmod")) and any(
            x.dep_ == "case" and x.lower_ in {"on", "against", "sur", "contre"} for x in c.children
        ):
            words = [c]
        if any(w.pos_ == "PROPN" and (w.ent_type_ in _PLACE_LABELS or _hinted(w)) for w in words):
            return True
    return False


def _hinted(w: Token) -> bool:
    """Whether a name is followed by coders' bracketed units ("Napula (Macomia, Cabo Delgado)")."""
    doc = w.doc
    return w.i + 2 < len(doc) and doc[w.i + 1].text == "(" and doc[w.i + 2].text[:1].isupper()


def _decide(act: str, sent: Span, tok: Token) -> tuple[Rule | None, bool]:
    """The codebook row for an act, and whether the parse named both its sides.

    An armed group's attack on a settlement, with no armed side named anywhere in the sentence,
    is violence against its residents (Codebook 2023, "Violence against civilians": an armed
    group attacking a village; a battle needs two armed, organised sides).
    """
    perp, target = participants_of(tok)
    if target is None:
        if act in {"burn", "loot"}:
            # property looted or burnt, nobody named as harmed by the act itself ("stole cattle
            # from herders"): the perpetrator named in the act's own clause decides it (Codebook
            # 2023, "Looting/property destruction": whoever the property belonged to; the table's
            # rows for these acts read the perpetrator only)
            return decide(act, perp, None), participants_of(tok, shared=False)[0] is not None
        subject = {
            t.i
            for c in tok.children
            if c.dep_ in {"nsubj", "agent", "obl:agent"}
            for t in c.subtree
        }
        target = _nearest_class(sent, tok, subject, perp)
        if (
            act == "attack"
            and perp in _NON_STATE
            and target in {None, "civilians"}
            and _settlement_target(tok)
        ):
            sure = participants_of(tok, shared=False)[0] is not None
            return decide(act, perp, "civilians"), sure
        return decide(act, perp, target), False
    # sure only when the act's own clause names its perpetrator, or names civilians as its
    # victims with an armed perpetrator anywhere ("forces conducted an operation, killing 500
    # people, mostly civilians": VAC whoever the clause's subject): sides borrowed from a
    # coordinated or governing verb type the act, but the model may still overturn it
    own_perp, own_target = participants_of(tok, shared=False)
    sure = own_perp is not None or (own_target == "civilians" and perp in ARMED)
    return decide(act, perp, target), sure


#: English month names that are also words of the lexicon ("march").
_MONTHS = {"March"}


def _month_name(tok: Token) -> bool:
    """Whether a capitalised word is the month: English capitalises month names, and a verb or
    noun only at the start of a sentence, so "March" is the month inside a sentence or next to a
    number ("3 March", "March 14")."""
    if tok.text not in _MONTHS:
        return False
    doc = tok.doc
    beside = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
    return tok.i != tok.sent.start or any(t.like_num for t in beside) or tok.ent_type_ == "DATE"


def event_types(tok: Token, lang: str) -> set[str]:
    """The event types the lexicon gives a token ("protested": protest), whatever its context."""
    return {e.event_type for e in _lookup(tok, lang)}


#: Words whose object or "with"/"de" complement is a weapon held, not one used: "armed with a
#: grenade", "carrying explosives", "armé d'une grenade", "en possession de mines".
_HOLD = frozenset(
    {"armed", "arm", "carry", "possess", "possession", "hold", "transport", "smuggle",
     "armé", "armer", "porter", "détenir", "transporter", "muni", "munir"}
)  # fmt: skip


def _carried(tok: Token) -> bool:
    """Tell whether the noun ``tok`` names a weapon someone holds or carries (no use told)."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "with":
        head = head.head  # English: the preposition heads its object ("armed with a grenade")
    elif tok.dep_ in {"obl", "obl:arg", "nmod"}:
        # French: the preposition is the noun's child ("armé d'une grenade")
        if not any(c.dep_ == "case" and c.lower_ in {"de", "d'", "d’"} for c in tok.children):
            return False
    elif tok.dep_ not in {"dobj", "obj"}:
        return False
    if any(c.dep_ in {"prt", "compound:prt"} for c in head.children):
        return False  # "carried out air strikes", "held up a convoy": a phrasal verb, no holding
    return head.lemma_.lower() in _HOLD or head.lower_ in _HOLD


#: Verbs of making a device safe (Codebook 2023, SD: "Disrupted weapons use"; Merriam-Webster,
#: "defuse"; Larousse, "désamorcer", "neutraliser"): the device they govern explodes nowhere.
_DISARM = frozenset(
    {"defuse", "dismantle", "deactivate", "neutralise", "neutralize", "désamorcer", "démanteler",
     "désactiver", "neutraliser"}
)  # fmt: skip


def _disarmed(tok: Token) -> bool:
    """Whether a weapon word is (part of) the object of a verb of making it safe ("defused an
    IED", "a neutralisé un engin explosif", "two mines were defused")."""
    t = tok.head if tok.dep_ in {"amod", "compound", "nmod"} and tok.head.i != tok.i else tok
    return (
        t.dep_ in {"dobj", "obj", "nsubj:pass", "nsubjpass"} and t.head.lemma_.lower() in _DISARM
    ) or (t.dep_ in {"dobj", "obj"} and t.head.lower_ in _DISARM)


#: Words of setting people free: hostages they govern were taken before, not now.
_FREE = {
    "release", "free", "liberation", "liberate", "exchange", "swap", "libération", "libérer",
    "relâcher", "échange", "échanger", "freeing",
}  # fmt: skip


def _set_free(tok: Token) -> bool:
    """Whether the noun ``tok`` names people held who are being set free: the object or "of"/"de"
    complement of a word of freeing ("released two hostages", "the liberation of four
    hostages", "la libération des otages")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _HELD:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"of", "for"}:
        head = head.head
    return head.i != tok.i and head.lemma_.lower() in _FREE


def find_triggers(sent: Span, lang: str) -> list[Trigger]:
    """Return the typed triggers of a sentence, strongest first."""
    out: list[Trigger] = []
    for tok in sent:
        if not tok.is_alpha and "-" not in tok.text:
            continue
        if lang == "en" and _month_name(tok):
            continue  # "On 3 March", "March 14": the month, not a march
        if tok.lower_ in _FIRE_WORDS and any(_sets_fire(h) for h in (tok.head, tok.head.head)):
            continue  # the fire of "set on fire": the arson is the verb's
        adjunct = _noun_adjunct(tok, lang)
        if _incendiary(tok):
            # a petrol bomb or a Molotov cocktail burns, it does not explode: arson, typed by
            # who threw it (ACLED: incendiary devices are no explosive weapons)
            rule, sure = _decide("burn", sent, tok.head if tok.dep_ != "ROOT" else tok)
            if rule is not None:
                out.append(
                    Trigger(tok, rule.event_type, rule.sub_event_type, 0.6, "burn",
                            rule.rule if sure else None)
                )  # fmt: skip
            continue
        if _set_free(tok):
            continue  # "the release of four hostages", "libération des otages": no abduction now
        lemma = tok.lemma_.lower()
        entries = _lookup(tok, lang)
        if lemma in _CLEAR and not _cleared_of_armed(tok):
            entries = []  # "cleared the road", "cleared of charges": no one driven out
        elif entries and lemma in _NEUTRALISE and not _people_object(tok):
            entries = []  # "neutralised the threat": no one killed
            if any(
                _disarmed(c) and _EXPLOSIVE.search(" ".join(t.text for t in c.subtree))
                for c in tok.children
            ):
                # "neutralised an explosive device": made safe (Codebook 2023, SD: disrupted
                # weapons use)
                sd = "strategic_development"
                out.append(Trigger(tok, sd, "disrupted_weapons_use", 0.7, sd))
        for e in entries:
            etype, sub, weight = e.event_type, e.sub_event_type, e.weight
            decided = None
            if adjunct and weight <= 0.5:
                continue  # "drone footage", "images de drone": a kind of thing, not an act
            if etype == "explosion_remote_violence" and (_carried(tok) or _disarmed(tok)):
                continue  # "armed with a grenade", "defused an IED": nothing went off
            if (
                e.sub_event_type == "air_drone_strike"
                and tok.lemma_.lower() in _STRIKE
                and not _AIR.search(sent.text)
            ):
                # "went on strike", "a 48-hour strike": a labour strike, which ACLED codes as a
                # protest (Codebook 2023, Protests: "strikes ... are coded as protests")
                etype, sub = "protest", "peaceful_protest"
            if e.event_type in {"attack", "kill", "explosion_remote_violence"} and (
                _INTERCEPTED.search(sent.text)
            ):
                # a drone or missile shot down explodes nowhere: "Disrupted weapons use"
                # (Codebook 2023, SD: interception of drones and missiles)
                etype, sub = "strategic_development", "disrupted_weapons_use"
            elif tok.lemma_.lower() in _FREE and etype == "strategic_development":
                rule = decide("free", None, None)  # the act decides it: no model overturns it
                if rule is not None:
                    etype, sub, decided = rule.event_type, rule.sub_event_type, rule.rule
            elif tok.lemma_.lower() in _EXECUTE:
                if not _people_object(tok):
                    continue  # "executed an operation", "exécuter un plan": done, but no killing
                rule = decide("execute", None, None)
                if rule is not None:  # the act names its victims' fate: a strong cue
                    etype, sub, decided = rule.event_type, rule.sub_event_type, rule.rule
                    weight = max(weight, 0.8)
            elif sub == "arrests" and etype == "strategic_development":
                perp, target = participants_of(tok)
                rule = decide("arrest", perp, target)
                if rule is not None and not _other_violence(sent, tok, lang):
                    # state forces detaining people, no violence told (Codebook 2023, SD: Arrests)
                    etype, sub, decided = rule.event_type, rule.sub_event_type, rule.rule
            elif sub in _ACT_DEFINED:
                perp, target = participants_of(tok)
                rule = decide(_ACT_DEFINED[sub], perp, target)
                if (
                    rule is not None
                    and perp in ARMED
                    and target is not None
                    and target not in ARMED
                    and not _other_violence(sent, tok, lang)
                    and not _subordinate(tok)
                ):
                    # an armed group's act names the violence done to civilians "without reports
                    # of further violence" (Codebook 2023, VAC: abduction/forced disappearance);
                    # soldiers or "others" taken, a killing told beside, an act told in a
                    # relative clause or with no armed perpetrator are left to the rest
                    etype, sub, decided = rule.event_type, rule.sub_event_type, rule.rule
            elif e.event_type in {"attack", "kill"}:
                near_expl = _nearest(_EXPLOSIVE, sent, tok, weapons=True)
                if (
                    near_expl is not None
                    and near_expl < 80
                    and (e.event_type == "attack" or not _FOUGHT.search(sent.text))
                ):  # (a death by a mine or a shell, no fighting told, is remote violence too)
                    etype = "explosion_remote_violence"
                    word = _EXPLOSIVE.search(sent.text)
                    sub = (
                        weapon_sub_type(word.group(0)) if word else "remote_explosive_landmine_ied"
                    )
                else:
                    if tok.lemma_.lower() in _ARMED_SENSE and participants_of(tok)[0] not in ARMED:
                        continue  # "les sanctions qui frappent le Mali", "the drought struck"
                    rule, sure = _decide(e.event_type, sent, tok)
                    if rule is None:
                        continue
                    etype, sub = rule.event_type, rule.sub_event_type
                    decided = rule.rule if sure else None
            elif e.sub_event_type == "looting_property_destruction" or _act_lemma(tok) in _BURN:
                rule, sure = _decide("burn" if _act_lemma(tok) in _BURN else "loot", sent, tok)
                if rule is not None:
                    etype, sub = rule.event_type, rule.sub_event_type
                    decided = rule.rule if sure else None
            elif tok.lemma_.lower() in _BLOCK and e.event_type == "strategic_development":
                perp, _ = participants_of(tok)
                if perp in {"civilians", "protesters", "rioters"} or (
                    perp is None and _unarmed_subject(tok)
                ):
                    # residents or workers blocking a road: a blockade, which the Codebook (2023,
                    # Protests) codes as a protest; soldiers blocking one stay a development
                    etype, sub, weight = "protest", "peaceful_protest", 0.6
            elif e.event_type == "protest" and e.weight < 0.5 and _unarmed_subject(tok):
                weight = 0.6  # parents, students or workers marching: a protest (Codebook)
            elif e.sub_event_type == "armed_clash" and tok.lemma_.lower() in _MUTUAL:
                sides = _clash_sides(tok)
                rule = decide("clash", sides[0], sides[1]) if len(sides) == 2 else None
                if rule is None and _protesting(tok, lang) and not (set(sides) & ARMED - {"state"}):
                    # "police clashed with riders as they protested": the side that protests
                    # is demonstrators (Codebook 2023, Riots: violent demonstration)
                    rule = decide("clash", "protesters", None)
                if rule is not None and rule.event_type == "riot":
                    # a crowd or a group of civilians fighting forces riots: both sides armed
                    # make a battle (Codebook 2023, Battles and Riots)
                    etype, sub, decided = rule.event_type, rule.sub_event_type, rule.rule
            elif e.event_type == "talk":
                ph = _nearest(_PHONE, sent, tok)
                etype = "diplomacy"
                sub = "call" if ph is not None and ph < 60 else "meeting"
            out.append(Trigger(tok, etype, sub, weight, e.event_type, decided))
        if tok.lemma_.lower() in _ASK and _TOLD_TO_LEAVE.search(
            tok.doc.text[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge)]
        ):
            # asking an envoy to leave the country is expelling them (Vienna Convention on
            # Diplomatic Relations, 1961, art. 9): "demandé à l'ambassadrice de quitter le pays"
            out.append(Trigger(tok, "diplomacy", "statement", 0.7, "diplomacy"))
        if tok.lemma_.lower() in _DECLARE and _PERSONA_NON_GRATA.search(
            tok.doc.text[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge)]
        ):
            # declaring a diplomat persona non grata is the receiving state's expulsion (Vienna
            # Convention on Diplomatic Relations, 1961, art. 9): a statement to the sending state
            out.append(Trigger(tok, "diplomacy", "statement", 0.7, "diplomacy"))
    out.sort(key=lambda t: -t.weight)
    return out


_DECLARE = {"déclarer", "declare", "declarer"}
#: Verbs of asking or ordering, and an envoy told to leave in their complement.
_ASK = {"demander", "ordonner", "enjoindre", "inviter", "ask", "order", "tell", "instruct"}
_TOLD_TO_LEAVE = re.compile(
    r"\b(?:ambassad\w*|envoy|chargée?\s+d'affaires|diplomat\w*)\b.{0,80}?\b(?:quitter|leave)\b",
    re.IGNORECASE | re.DOTALL,
)
_PERSONA_NON_GRATA = re.compile(r"\bpersona\s+non\s+grata\b", re.IGNORECASE)


#: Words of a fight both sides take part in: their sides are the subject and its conjuncts,
#: and the complements of "with", "between", "avec", "entre".
_MUTUAL = {"clash", "affrontement", "affronter", "heurt", "accrochage", "skirmish"}
_SIDE_PREPS = {"with", "between", "avec", "entre"}
_TO = {"à", "au", "aux"}


def _clash_sides(tok: Token) -> list[str | None]:
    """The actor classes of the two sides of a mutual fight ("police clashed with traders",
    "clashes between police and traders", "des heurts entre jeunes et gendarmes"), each
    conjunct read on its own; an empty list when the parse does not give two sides."""

    def own(c: Token) -> list[Token]:
        # a side's own words, without its coordinated partners or the other side
        drop = {
            t.i for k in c.children if k.dep_ in {"conj", "cc"} or k.i in sides for t in k.subtree
        }
        return [t for t in c.subtree if t.i not in drop and t.dep_ != "case"]

    def marked(c: Token, words: set[str]) -> bool:
        # a nominal introduced by one of the words ("avec la police", "aux gendarmes")
        return any(k.dep_ == "case" and k.lower_ in words for k in c.children)

    def with_conjuncts(c: Token) -> list[Token]:
        return [c, *[k for k in c.subtree if k.dep_ == "conj" and k.head.i != k.i]]

    phrases: list[Token] = []
    holders = [tok]
    if tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj"}:
        holders.append(tok.head)  # "clashes were reported between X and Y", "ont opposé X à Y"
    for c in [c for h in holders for c in h.children if c.i != tok.i]:
        if c.dep_ in SUBJECTS:
            phrases += with_conjuncts(c)
        elif c.dep_ == "prep" and c.lower_ in _SIDE_PREPS:
            phrases += [x for p in c.children if p.dep_ == "pobj" for x in with_conjuncts(p)]
        elif c.dep_.startswith(("obl", "nmod")) and marked(c, _SIDE_PREPS):
            phrases += with_conjuncts(c)
    # "des heurts ont opposé X à Y", "des affrontements opposant X à Y": the French verb of a
    # fight between two sides takes one as its object, the other after "à" (Larousse, "opposer")
    verbs = [h for h in holders if h.lemma_.lower() == "opposer"]
    verbs += [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() == "opposer"]
    for v in verbs:
        for c in v.children:
            if c.dep_ in {"obj", "dobj"}:
                phrases += with_conjuncts(c)
                phrases += [k for k in c.children if k.dep_.startswith("nmod") and marked(k, _TO)]
            elif c.dep_.startswith("obl") and marked(c, _TO):
                phrases += with_conjuncts(c)
    sides = {c.i for c in phrases}
    classes = [phrase_class(own(c)) for c in phrases]
    known = [c for c in classes if c is not None]
    return known[:2] if len(known) >= 2 else []


_INCENDIARY_WORDS = {"petrol", "fire", "gasoline", "incendiary", "molotov", "incendiaire",
                     "incendiaires", "essence"}  # fmt: skip


_CLEAR = {"clear"}
_NEUTRALISE = {"neutraliser", "neutralise", "neutralize"}


def _cleared_of_armed(tok: Token) -> bool:
    """Whether "clear" takes "of" an armed group ("cleared Bulagana of Boko Haram"); the parse
    hangs the "of" on the verb or on its object."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(phrase_class(p.subtree) in ARMED for p in c.children if p.dep_ == "pobj")
        for h in holders
        for c in h.children
    )


#: Clauses an act may be told in as a cause or a claim: relative, complement, adverbial.
_SUBORDINATE = RELATIVE | {"acl", "ccomp", "advcl"}


def _subordinate(tok: Token) -> bool:
    """Whether an act is told in a relative, complement or adverbial clause ("families who claim
    their children were kidnapped ... held a sit-in"): told as a cause or a claim, not as the
    report's act."""
    t = tok
    for _ in range(8):
        if t.dep_ in _SUBORDINATE:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _other_violence(sent: Span, tok: Token, lang: str) -> bool:
    """Whether a sentence tells an attack or a killing besides the act at ``tok``."""
    return any(
        event_types(t, lang) & {"attack", "kill"} for t in sent if t.i != tok.i and t.is_alpha
    )


def _protesting(tok: Token, lang: str) -> bool:
    """Whether a protest is told in the clause of a fight or the clause it hangs on ("clashed
    ... as the cyclists protested", "protesters ... clashed", "une marche qui a dégénéré en
    heurts"): a verb or noun of the lexicon's protests, one dependency away."""
    near = [*tok.children, tok.head] if tok.head.i != tok.i else list(tok.children)
    return any(
        e.event_type == "protest" and e.weight >= 0.6
        for w in near
        if w.pos_ in {"VERB", "NOUN"}
        for e in _lookup(w, lang)
    )


def _incendiary(tok: Token) -> bool:
    """Whether a token names an incendiary device: "petrol bomb", "firebomb", "Molotov
    cocktail", "bombe incendiaire", "cocktail Molotov"."""
    low = tok.lower_
    if low.startswith("firebomb"):
        return True
    if low.rstrip("s") not in {"bomb", "bombe", "cocktail"}:
        return False
    near = [tok.doc[j].lower_ for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(tok.doc)]
    return any(w in _INCENDIARY_WORDS for w in near)


def _noun_adjunct(tok: Token, lang: str) -> bool:
    """Whether a noun only qualifies another noun that is no event word: a noun adjunct
    ("drone footage", "strike aircraft") or a French "de" complement ("des images de drone")
    names a kind of thing (Huddleston & Pullum 2002, ch. 5 "attributive nouns"); an act told
    by the head ("drone strike", "frappe de drone") is the head's."""
    head = tok.head
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ in {"compound", "nmod"}
        and head.i != tok.i
        and head.pos_ in {"NOUN", "PROPN"}
        and (tok.dep_ == "compound") == (tok.i < head.i)
        and not _lookup(head, lang)
    )


def _unarmed_subject(tok: Token) -> bool:
    """Whether an act's subject is named and is no armed actor ("parents marched", not "the
    army marched on Kidal"); a noun's subject is its verb's ("students held a march")."""
    if not tok.doc.has_annotation("DEP"):
        return False
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            words = list(c.subtree)
            return phrase_class(words) not in ARMED and any(
                w.pos_ in {"NOUN", "PROPN"} for w in words
            )
    return False


def _ancestors(tok: Token, depth: int = 3) -> list[Token]:
    out = []
    t = tok
    for _ in range(depth):
        if t.head.i == t.i:  # the root (spaCy makes a new Token object each time)
            break
        t = t.head
        out.append(t)
    return out


#: Verbs that judge or name something ("condemned X as an attack", "qualifié d'agression"):
#: the noun after "as"/"comme"/"de" is the speaker's word for it, not a new event.
_JUDGE = {"condemn", "denounce", "describe", "call", "label", "term", "brand", "qualify", "regard",
          "consider", "see", "view", "decry", "deplore", "condamner", "dénoncer", "qualifier",
          "considérer", "décrire", "assimiler", "voir", "juger", "fustiger", "déplorer"}  # fmt: skip


def _qualified_as(tok: Token) -> bool:
    left = [t for t in tok.doc[max(0, tok.i - 3) : tok.i] if t.pos_ not in {"DET", "ADJ"}]
    if not left or left[-1].lower_ not in {"as", "comme", "de", "d'", "d’"}:
        return False
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    return verb is not None and verb.lemma_.lower() in _JUDGE


#: Nouns of a span of time: what fills "N years of ..." is a period, not one event.
_SPANS = {"decade", "year", "month", "week", "décennie", "année", "an", "mois", "semaine"}


def of_head(tok: Token) -> Token | None:
    """The noun whose "of"/"de" complement ``tok`` is ("years of fighting", "trois jours de
    combats"), or ``None``."""
    if tok.dep_ in {"pobj", "pcomp"} and tok.head.lower_ == "of":
        owner = tok.head.head
    elif tok.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ == "de" for c in tok.children):
        owner = tok.head
    else:
        return None
    return owner if owner.i != tok.i else None


def _over_a_span(tok: Token) -> bool:
    """Whether an act fills a span of time ("years of fighting", "des années de guerre")."""
    owner = of_head(tok)
    return owner is not None and owner.lemma_.lower() in _SPANS


def _participle_adjunct(t: Token) -> bool:
    """Whether a verb is a present participle set off by a comma ("..., denouncing X",
    "..., dénonçant X"): French and English grammars read it as the subject's own act (a
    "participe présent apposé"), wherever the parse attaches it."""
    present = t.tag_ == "VBG" or (
        "Part" in t.morph.get("VerbForm") and "Pres" in t.morph.get("Tense")
    )
    comma = t.i > 0 and t.doc[t.i - 1].text == ","
    return present and (t.dep_ == "advcl" or (t.dep_ == "acl" and comma))


#: Verbs of a trend (dictionary senses "increase in amount or intensity"): their plural
#: object is a series of acts over time, not one event.
_TREND = {
    "step up", "ramp up", "intensify", "escalate", "multiply", "increase", "redouble",
    "intensifier", "multiplier", "redoubler", "accroître", "augmenter", "amplifier",
}  # fmt: skip


def _phrasal(tok: Token) -> set[str]:
    """A verb read with each of its particles: "step up", "tear down"."""
    return {
        f"{tok.lemma_.lower()} {c.lower_}"
        for c in tok.children
        if c.dep_ in {"prt", "compound:prt"}
    }


#: Verbs of going out, gathering or acting in public: done "to protest", they are the protest
#: ("went to the streets to protest", "gathered to demonstrate", "banged pots to protest",
#: "se sont rassemblés pour manifester"; Codebook 2023, "Protests": a public demonstration).
_GATHER = {
    "go", "take", "come", "gather", "assemble", "march", "walk", "converge", "bang", "block",
    "barricade", "stage", "hold", "turn", "pour", "flock", "rally", "sit", "sortir", "descendre",
    "rassembler", "réunir", "regrouper", "marcher", "bloquer", "barricader", "converger",
    "aller", "rendre", "mobiliser", "occuper",
}  # fmt: skip


def _gathered_to_protest(trig: Trigger) -> bool:
    """Whether a demonstration verb in the infinitive is the purpose of a done act of gathering
    ("residents went to the streets to protest"): the protest took place."""
    head = trig.token.head
    return (
        trig.event_type in {"protest", "riot"}
        and trig.token.dep_ in {"advcl", "xcomp", "acl"}
        and head.lemma_.lower() in _GATHER
        and (head.tag_ in {"VBD", "VBN"} or "Past" in head.morph.get("Tense"))
    )


#: Adverbs of frequency: a clause they qualify tells a habit, not an event (habitual aspect;
#: Quirk et al. 1985, 8.64 "frequency adjuncts"; Grevisse, "adverbes de fréquence").
_HABITUAL = {
    "regularly", "often", "frequently", "routinely", "usually", "sometimes",
    "régulièrement", "souvent", "fréquemment", "habituellement", "parfois",
}  # fmt: skip


def modality(trig: Trigger, sent: Span) -> str | None:
    """Return why the trigger is not a real, past event (``"negated"``, ``"denied"``,
    ``"intended"``, ``"background"``), or ``None`` when it is one."""
    tok = trig.token
    if _BACKGROUND.search(sent.text):
        return "background"
    if not tok.doc.has_annotation("DEP"):
        window = [t.lower_ for t in tok.doc[max(sent.start, tok.i - 4) : tok.i]]
        if any(w in _NEG for w in window):
            return "negated"
        return None
    nouns = [tok] + (
        [tok.head] if tok.head.pos_ == "NOUN" and tok.dep_ in {"nmod", "pobj", "compound"} else []
    )
    if tok.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in _ANAPHORIC for n in nouns for c in n.children
    ):
        return "anaphoric"  # "cet entretien", "this attack", "ce bilan de l'attaque": an event already told
    if tok.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"det", "amod", "advmod"} and c.lower_ in _FREE_CHOICE for c in tok.children
    ):
        return "generic"  # "il répondrait à toute attaque", "any attack on our troops"
    if tok.pos_ == "NOUN" and _qualified_as(tok):
        return "qualification"  # "condemned the destruction as an attack on humanity's heritage"
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ in {"obj", "dobj"}
        and tok.head.lemma_.lower() in _JUDGE
        and any(
            c.dep_ == "det" and c.lower_ in {"the", "la", "le", "l'", "l’", "les"}
            for c in tok.children
        )
    ):
        return "judged"  # "France condemned the destruction": an event the text tells, judged
    if (
        tok.pos_ == "NOUN"
        and any(
            c.lower_ in _SUPERLATIVE
            for c in tok.subtree
            if c.i < tok.i and c.dep_ in {"amod", "advmod", "det", "nummod"}
        )
        and any(w in sent.text.lower() for w in _COMPARISON_WORDS)
    ):
        return "comparison"  # "the biggest attack since ...": a comparison, not a new event
    if tok.lemma_.lower() in _WEAPON_WORDS and _owner_noun(tok) in _NOT_EVENT_HEADS:
        return "attribute"  # "la base de drones d'Agadez", "a drone factory": a thing, not a strike
    if (
        trig.cls not in {"attack", "kill"}
        and tok.dep_ in {"acl", "amod"}
        and trig.event_type == "strategic_development"
    ):
        return "attribute"  # "the sanctions imposed on Niger": a state, not an act
    if (
        tok.pos_ == "NOUN"
        and "Plur" in tok.morph.get("Number")
        and any(c.lower_ in _GENERIC for c in tok.children)
        and not any(t.ent_type_ == "DATE" or t.like_num for t in sent)
    ):
        return "generic"  # "de nombreuses attaques", "many attacks": no single event
    if _over_a_span(tok):
        return "generic"  # "a decade of fighting", "dix années de combats": a period, no event
    if (
        tok.pos_ == "NOUN"
        and "Plur" in tok.morph.get("Number")
        and tok.dep_ in {"dobj", "obj"}
        and ({tok.head.lemma_.lower(), *_phrasal(tok.head)} & _TREND)
    ):
        return "generic"  # "has stepped up attacks on Chad", "a multiplié les attaques": a trend
    chain = [tok, *_ancestors(tok)]
    # verbs governing a noun trigger through a preposition or as object
    for t in chain[:2]:
        for c in t.children:
            if c.dep_ in {"neg", "advmod"} and c.lower_ in _NEG:
                return "negated"
            if c.dep_ == "det" and c.lower_ in {"aucun", "aucune", "no"}:
                return "negated"
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for t in chain for c in t.children):
        return "habitual"  # "cet axe est régulièrement visé", "often attacked": a pattern
    if (
        tok.pos_ == "VERB"
        and trig.event_type != "diplomacy"
        and ("Inf" in tok.morph.get("VerbForm") or tok.tag_ == "VB")
        and any(
            c.lower_ in {"to", "pour", "afin", "de", "d'"}
            for c in tok.children
            if c.dep_ in {"aux", "mark", "case"}
        )
        and not _gathered_to_protest(trig)
    ):
        return "purpose"  # "a campaign to overthrow the state", "pour attaquer": not (yet) done
    if tok.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" and "Pres" in c.morph.get("Tense")
        for c in tok.children
    ):
        return "ongoing"  # "Niger is fighting armed campaigns": a situation, not an event
    for n, t in enumerate(chain):
        if any(
            c.dep_ == "mark" and c.lower_ in {"si", "if", "unless", "whether", "s'"}
            for c in t.children
        ):
            return "hypothetical"
        # a verb the one before is coordinated with ("called Chance and Douze, clashed in X")
        # shares its auxiliaries but does not govern it: its own meaning is no modality
        lem = "" if n and chain[n - 1].dep_ == "conj" else t.lemma_.lower()
        if lem in _DENY_LEMMAS and not (t.i == tok.i and trig.event_type == "diplomacy"):
            return "denied"  # (a government rejecting a report is itself a statement)
        # the event inside the verb's subject is not governed by it: "une embuscade a visé un
        # convoi" tells a done act; "residents protested in Kaya and demanded ..." (a reduced
        # relative in the parse) or "protesters who marched in Gao demanded ...": done acts
        # beside the demand, which governs its complements only
        in_subject = any(
            c.dep_.startswith("nsubj") and c.left_edge.i <= tok.i <= c.right_edge.i
            for c in t.children
        )
        # "ECOWAS decided on Saturday to lift sanctions": a decision taken is the (political) event
        decided = (
            lem in _DECIDE
            and trig.event_type in {"diplomacy", "strategic_development"}
            and _past(t)
        )
        # "viser" aims only with an infinitive ("vise à reprendre Kidal"); with a noun it
        # targets ("le bateau a été visé par des tirs de roquettes": done)
        aims = lem != "viser" or any(c.dep_ in {"xcomp", "ccomp"} for c in t.children)
        # "Le Mali a demandé le retrait ..., dénonçant l'échec": a participle adjunct is the
        # subject's own act beside the demand, not something demanded
        if (
            lem in _INTENT_LEMMAS
            and aims
            and t.i != tok.i
            and not in_subject
            and not decided
            and not any(_participle_adjunct(c) for c in chain[:n])
        ):
            return "intended"
        if t.pos_ in {"VERB", "AUX"}:
            tense = t.morph.get("Tense")
            if "Fut" in tense or _conditional(t):
                return "intended"
            aux = [c for c in t.children if c.dep_ in {"aux", "aux:tense"}]
            if any(c.lower_ in {"will", "wo", "shall", "would"} for c in aux):
                return "intended"
            if any(c.lemma_ == "aller" and c.morph.get("Tense") == ["Pres"] for c in aux):
                return "intended"
    return None
