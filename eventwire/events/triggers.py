"""Event triggers: the verbs and event nouns of a sentence that the lexicon codes, with their type and mode."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from eventwire.events.lexicon import Entry, cues, lexicon

# Types whose verb governs another event as its content ("agreed to withdraw", "urged X to attack",
# "refused to discuss", "vowed to strangle"): the governed event is what was said, not what happened.
_SPEECH_ACT_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "CONCEDE"}
_NOUN_SPEECH_ACT_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT"}
# Types whose verb takes away the event noun it governs ("withdrawing support", "halted cooperation").
_CANCELLING_TYPES = {"RETREAT", "SANCTION"}
# Prepositions that introduce what a speech act is about ("accused of", "insisted on", "warned against").
_CONTENT_PREPS = {"of", "to", "for", "on", "about", "against", "from", "over", "into", "with", "towards", "toward"}
# Clausal links through which a speech act governs its content.
_CONTENT_DEPS = {"xcomp", "ccomp", "pcomp"}


@dataclass
class Trigger:
    token: object                 # the spaCy Token that states the event (verb or event noun)
    type: str
    mode: Optional[str]
    pos: str                      # "VERB" | "NOUN"
    symmetric: bool
    light_verb: object = None     # for a noun: the verb it is the object of ("carried out" an offensive)


def _child_words(token) -> set[str]:
    words = set()
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod"):
        # "troops sent by Chad": a participle's noun is the object its entry needs ("send troops")
        words.update((token.head.lemma_.lower(), token.head.lower_))
    for child in token.children:
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ == "prep":   # "vote of confidence": the word after the preposition counts too
            words.update(g.lemma_.lower() for g in child.children)
        if child.dep_ in ("ccomp", "advcl", "xcomp"):
            # "called for the embargo to be lifted": the parser hangs "for" on the clause it introduces
            words.update(g.lower_ for g in child.children if g.dep_ == "mark" and g.i < child.i and g.i > token.i)
    return words


def _match(entries: Iterable[Entry], token) -> Optional[Entry]:
    words = None
    for entry in entries:
        if not entry.needs:
            return entry
        words = words if words is not None else _child_words(token)
        if all(w in words for w in entry.needs):
            return entry
    return None


def _is_verbal(token) -> bool:
    # Participles used as modifiers ("a mediating role", "US-backed forces") still state an action.
    return token.pos_ in ("VERB", "AUX") or (token.tag_ in ("VBG", "VBN", "VBD") and token.pos_ in ("ADJ", "NOUN")) \
        or (token.pos_ == "ADJ" and token.dep_ == "acomp")   # "critical of", "angry about"


def _non_specific(token) -> bool:
    """'past attacks', 'previous negotiations', 'possible strikes': no particular event is stated."""
    non_specific = cues().non_specific
    return any(c.dep_ in ("amod", "advmod") and c.lower_ in non_specific for c in token.children)


def _verb_entry(token) -> Optional[Entry]:
    lex = lexicon()
    entries = lex.verbs.get(token.lemma_.lower()) or lex.verbs.get(token.lower_)
    if not entries:
        return None
    entry = _match(entries, token)
    if entry and token.lemma_.lower() in cues().negating_verbs and \
            any(c.dep_ in ("xcomp", "ccomp", "pcomp") for c in token.children):
        return None   # "denied attacking Iraq": the attack is negated, not a rejection of someone
    if entry and entry.type == "REQUEST" and token.lemma_.lower() in lex.demand_or_claim and not _demands(token):
        return None   # "insisted that the leadership had made advances": a claim, not a demand
    if entry and entry.head in lex.needs_object_and_complement and not entry.needs:
        # "told the US to get out", "wants the Russians to ensure": an order, not "told reporters that"
        deps = {c.dep_ for c in token.children}
        ordered = ("dobj" in deps or "dative" in deps) and "xcomp" in deps
        # the parser also reads "allow X to attend" as a clause with its own subject ("X to attend")
        ordered = ordered or any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children)
                                 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                                 for c in token.children)
        wanted = token.lemma_ == "want" and any(   # the wanted clause follows "want"; one before it is a misparse
            c.dep_ == "ccomp" and c.i > token.i and any(g.dep_ == "nsubj" for g in c.children) for c in token.children)
        if not (ordered or wanted):
            return None
    return entry


def _demands(token) -> bool:
    """Whether a verb that may claim or demand ("insist", "maintain") demands here: "insisted on X", "insisted
    that X must / should go", "insisted that X leave" (a subjunctive), "insisted on being heard"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            return True
        if child.dep_ == "ccomp":
            auxes = [a for a in child.children if a.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in ("must", "should") for a in auxes) or (child.tag_ == "VB" and not auxes):
                return True
    return False


def _noun_entry(token) -> Optional[Entry]:
    lex = lexicon()
    entries = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
    return _match(entries, token) if entries else None


def _reports_an_obligation(token) -> bool:
    """"Y must hand over the suspects, X said": saying what another must or should do is a demand."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in cues().reporting_verbs:
        return False
    for comp in token.children:
        if comp.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in comp.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("we", "i", "it") for c in comp.children):
            return True
    return False


# Restrictive measures that a concession takes away ("lifted the embargo", "the curfew was eased").
_LIFTABLE_TYPES = {"SANCTION", "COERCE"}


def lifted_measure(verb):
    """The sanction or restriction a conceding verb lifts ("lifted its arms embargo", "the ban was lifted"),
    with its lexicon entry, or None."""
    patients = list(verb.children)
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
        # "the embargo is likely to be lifted": the raised subject is what is lifted
        above = verb.head
        while above.dep_ in ("xcomp", "acomp") and above.head is not above:
            above = above.head        # "is likely to be lifted", "is expected to be lifted"
        patients += [c for c in above.children if c.dep_ == "nsubj"]
    for child in patients:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj") and child.pos_ in ("NOUN", "PROPN") and \
                (child.dep_ != "nsubj" or child.head is not verb):   # a raised subject, not the verb's agent
            entry = _noun_entry(child)
            if entry is not None and entry.type in _LIFTABLE_TYPES:
                return child, entry
    return None


def concedes(token) -> bool:
    """Whether a verb is coded as a concession ("lift", "ease")."""
    entry = _verb_entry(token) if _is_verbal(token) else None
    return entry is not None and entry.type == "CONCEDE"


def find(sentence) -> list[Trigger]:
    """Triggers of one sentence (a spaCy Span), in text order, minus those governed by a speech act."""
    lex = lexicon()
    found: list[Trigger] = []
    for token in sentence:
        entry = None
        if _is_verbal(token):
            entry = _verb_entry(token)
            if entry and token.lemma_.lower() in lex.light_verbs:
                # A light verb yields to the event noun it carries: "approved the return of", "signed a deal"
                if any(c.dep_ == "dobj" and _noun_entry(c) for c in token.children):
                    entry = None
        elif token.pos_ in ("NOUN", "PROPN"):
            entry = _noun_entry(token)
            if entry and _non_specific(token):
                entry = None
        if entry is None and _reports_an_obligation(token):
            entry = Entry(token.lemma_.lower(), (), "REQUEST", "urge", "VERB")
        if entry is None:
            continue
        symmetric = token.lemma_.lower() in lex.symmetric or token.lower_ in lex.symmetric
        light = token.head if entry.pos == "NOUN" and token.dep_ in ("dobj", "pobj") and token.head.pos_ == "VERB" else None
        found.append(Trigger(token, entry.type, entry.mode, entry.pos, symmetric, light))
    by_token = {t.token.i: t for t in found}
    # "the ban was lifted": the lifting is the event, not a new ban (its parties code the concession)
    lifted = {m[0].i for t in found if t.type == "CONCEDE" and t.pos == "VERB"
              for m in [lifted_measure(t.token)] if m is not None}
    kept = [t for t in found if t.token.i not in lifted and not _governed_by_speech_act(t, by_token)]
    # "its pledge to pull troops out", "a promise to release them": the act announced is the event
    return [t for t in kept if not (t.pos == "NOUN" and t.type == "AGREE" and any(
        c.dep_ in ("acl", "xcomp") and c.i in by_token for c in t.token.children))]


def _governed_by_speech_act(trigger: Trigger, by_token: dict) -> bool:
    token = trigger.token
    while token.dep_ == "conj" and token.head is not token and token.head.pos_ in ("VERB", "AUX"):
        token = token.head    # "asking the government to respect and execute the ruling": both are asked for
    for _ in range(4):
        # "called for the embargo to be lifted": a clause opened by "for" is what is called for
        for_clause = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)
        if token.dep_ not in _CONTENT_DEPS | {"pobj", "prep", "dobj", "acl"} and not for_clause:
            return False
        if token.dep_ == "prep" and token.lower_ not in _CONTENT_PREPS:
            return False      # "Before invading X, Erdoğan told the US ...": a time, not what was told
        head = token.head
        governor = by_token.get(head.i)
        if governor is not None and governor.pos == "NOUN" and governor.type in _NOUN_SPEECH_ACT_TYPES \
                and token.dep_ in ("acl", "ccomp", "xcomp", "relcl") and trigger.pos == "VERB":
            # "its demand that Israel ease restrictions", "a threat to attack"; a pledge or an order to
            # withdraw, though, is coded as the withdrawal it announces
            return True
        if governor is not None and governor.pos == "VERB" and governor.type in _SPEECH_ACT_TYPES:
            # "concerned about Turkey's offensive", "condemned the attack": the offensive did happen
            return not (governor.type == "ACCUSE" and trigger.pos == "NOUN")
        if governor is not None and governor.pos == "VERB" and governor.type in _CANCELLING_TYPES \
                and trigger.pos == "NOUN" and token.dep_ == "dobj":
            return True       # "withdrew support for", "cut aid to", "suspended talks": not coded as given
        # Through a plain verb only by an infinitive chain: "agreed to begin talks"
        if head.pos_ == "VERB" and governor is None and token.dep_ not in ("xcomp", "dobj") and \
                not (token.dep_ == "prep" and token.lower_ in ("towards", "toward")):   # "work towards lifting"
            return False
        token = head
    return False
