"""A pipeline component after NER that mends PERSON entities the small model gets wrong at their edges.

- Two people joined over a verb ("Ja'afari accused de Mistura" tagged one PERSON) are split at the words that
  cannot be part of a name: lower-case words that are no name particle ("de", "bin", "van", "al-").
- A name that opens with a particle ("accused de Mistura", "met bin Salman") takes the particle in, and a name cut
  after one ("Ursula von der" + "Leyen") takes in the capitalised word that completes it.

The particles are data (data/actors/hand/roles.json "name_particles", "surname_particles"), read once.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span as DocSpan
from spacy.util import filter_spans

NAME = "eventwire_person_names"
ROLES = Path(__file__).resolve().parent.parent / "data" / "actors" / "hand" / "roles.json"
JOINERS = {"-", "'", "’", "."}


@lru_cache(maxsize=1)
def particles() -> tuple[frozenset, frozenset]:
    """(particles inside a name, particles that may open a surname used alone)."""
    raw = json.loads(ROLES.read_text(encoding="utf-8"))
    return frozenset(raw["name_particles"]), frozenset(raw["surname_particles"])


@lru_cache(maxsize=1)
def _elided() -> frozenset:
    return frozenset(json.loads(ROLES.read_text(encoding="utf-8"))["elided_particles"])


def elided_name(text: str) -> bool:
    """"d'Alembert", "dell'Orto": a particle glued to a capitalised name by an apostrophe is a name word."""
    head, sep, rest = text.replace("’", "'").partition("'")
    return bool(sep) and head.lower() in _elided() and rest[:1].isupper() and rest.isalpha()


def _capitalised(token) -> bool:
    return token.text[:1].isupper() or elided_name(token.text)


def _glued(token) -> bool:
    """Part of the word before it: 'Jong-un', "O'Neill" are tokenised in pieces with no space between."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and (before.text in JOINERS or token.text in JOINERS)


def _name_token(token, inside: frozenset) -> bool:
    return _capitalised(token) or token.lower_ in inside or token.text in JOINERS or _glued(token) or \
        token.like_num


def _name_runs(ent, inside: frozenset) -> list[tuple[int, int]]:
    """Maximal runs of name tokens in an entity, with loose particles and joiners trimmed off their edges."""
    runs, start = [], None
    for token in ent:
        if _name_token(token, inside) and not token.is_space:
            start = token.i if start is None else start
        elif start is not None:
            runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, ent.end))
    doc, out = ent.doc, []
    for lo, hi in runs:
        while lo < hi and doc[lo].text in JOINERS:
            lo += 1
        while lo < hi and (doc[hi - 1].text in JOINERS and not _glued(doc[hi - 1])):
            hi -= 1
        if any(_capitalised(t) for t in doc[lo:hi]):
            out.append((lo, hi))
    return out


def _widen(doc, lo: int, hi: int, inside: frozenset, openers: frozenset, taken: set) -> tuple[int, int]:
    """Particles before the name ('de' Mistura) and the capitalised word after a trailing particle."""
    while lo > 0 and doc[lo - 1].lower_ in openers and lo - 1 not in taken and not _capitalised(doc[lo - 1]):
        lo -= 1
    while lo < hi and doc[lo].lower_ in inside and not _capitalised(doc[lo]) and lo > 0 and _capitalised(doc[lo - 1]) \
            and lo - 1 not in taken and doc[lo - 1].pos_ == "PROPN":
        lo -= 1                        # "Staffan" + NER's "de Mistura": the given name before the particle
    if doc[hi - 1].lower_ in inside:
        end = hi
        while end < len(doc) and not doc[end].is_space and \
                (_capitalised(doc[end]) or _glued(doc[end]) or doc[end].lower_ in inside):
            end += 1
        while end > hi and doc[end - 1].lower_ in inside and not _capitalised(doc[end - 1]):
            end -= 1                   # particles only count when a name word follows them
        hi = end
    while hi < len(doc) and elided_name(doc[hi].text) and hi not in taken:
        hi += 1                        # "Pierre" + "d'Alembert": NER often stops before the elided particle
    return lo, hi


@Language.component(NAME)
def person_names(doc):
    """Splits PERSON entities at non-name words and completes names at particles; other entities are kept
    unless a completed name covers them."""
    inside, openers = particles()
    people, others = [], []
    ents = doc.ents
    taken = {i for e in ents for i in range(e.start, e.end)}     # left widening never eats another entity
    for ent in ents:
        if ent.label_ != "PERSON":
            others.append(ent)
            continue
        for lo, hi in _name_runs(ent, inside):
            lo, hi = _widen(doc, lo, hi, inside, openers, taken)
            people.append(DocSpan(doc, lo, hi, label="PERSON", kb_id=ent.kb_id_))
    # a completed name wins over what it covers ("Leyen" tagged GPE); filter_spans keeps the longest
    doc.ents = filter_spans(people + [o for o in others
                                      if not any(p.start < o.end and o.start < p.end for p in people)])
    return doc
