"""Modality of an event: negated (not, never, neither ... nor, denied, failed to), hedged (may, would, will,
plans to, expected to, open to, an order to), reported (attributed to a source) or asserted."""
from __future__ import annotations

from typing import Optional

from eventwire.events.lexicon import cues


def _clause_chain(token, limit: int = 4):
    """The trigger, then the words that govern it as its clause: a light verb, a controlling verb or
    adjective ("expected to", "open to"), a noun it complements ("order to withdraw")."""
    chain = [token]
    current = token
    for _ in range(limit):
        head = current.head
        if head is current:
            break
        if current.dep_ in ("xcomp", "dobj", "pobj", "pcomp", "prep", "acomp", "acl", "conj", "nsubjpass", "nsubj",
                            "attr", "oprd", "amod", "compound"):
            chain.append(head)
            current = head
            if current.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "parataxis"):
                break
        else:
            break
    return chain


def is_negated(token) -> bool:
    c = cues()
    for tok in _clause_chain(token):
        for child in tok.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in ("det", "preconj", "advmod") and child.lower_ in c.negators:
                return True      # "no talks", "never met"
            if child.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "preconj" and g.lower_ == "neither"
                                                           for g in child.children):
                return True      # "Neither X nor Y has met ..."
        if tok is not token and tok.pos_ == "VERB" and tok.lemma_.lower() in c.negating_verbs:
            return True          # "denied attacking", "failed to agree"
    return False


def is_hedged(token) -> bool:
    c = cues()
    chain = _clause_chain(token)
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in c.hedge_modals:
                return True
            if child.dep_ == "advmod" and child.lower_ in c.hedge_adverbs:
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return True
        if tok is token:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in c.hedge_verbs:
            return True
        if tok.pos_ == "ADJ" and lemma in c.hedge_adjectives:
            return True
        if tok.pos_ == "NOUN" and lemma in c.hedge_nouns:
            return True
    return False


def decide(token, attribution: Optional[object]) -> str:
    """negated > hedged > reported > asserted (the strongest qualification of the claim wins)."""
    if is_negated(token):
        return "negated"
    if is_hedged(token):
        return "hedged"
    if attribution is not None:
        return "reported"
    return "asserted"


def announced_intent(token) -> bool:
    """Whether the event is announced as what its actor will do ("will withdraw ... unless", "would boycott",
    "is prepared to impose"): for a conflictual act, PLOVER codes that announcement as a threat."""
    for tok in _clause_chain(token):
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in ("will", "would", "'ll", "shall", "wo"):
                return True
            if child.dep_ == "mark" and child.lower_ == "unless":
                return True
        if tok is not token and tok.lemma_.lower() in ("prepare", "prepared", "ready", "threaten", "vow", "swear", "plan",
                                                       "intend"):
            return True
    return any(t.lower_ == "unless" for t in token.sent)   # "..., unless the president steps down"
