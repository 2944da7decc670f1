"""Repeats of one real event in an article become one Event with all their evidence spans.

Two mentions are one event when they share type and dyad and either sit in the same sentence or the later
one is anaphoric ("the talks", "these meetings", "that meeting"). A trigger with no actors of its own that
is anaphoric joins the latest event of its type ("Multiple meetings have already taken place")."""
from __future__ import annotations

from typing import Optional

from eventwire.model import Event

_ANAPHORIC = {"the", "these", "those", "this", "that", "such", "both"}
_DEMONSTRATIVE = {"these", "those", "this", "that", "such"}
# How far back (in sentences) an anaphoric mention looks for its antecedent event.
_WINDOW = 6
# Verbal events whose close repeats (within this many sentences) are one statement.
_STATEMENT_TYPES = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE"}
_STATEMENT_WINDOW = 3


def is_anaphoric(token, strong: bool = False) -> bool:
    """A noun trigger referring back to an event already told ("these meetings", "the talks"). ``strong``:
    only a demonstrative ("these meetings", "that meeting"), enough to join an event without actors."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    determiners = _DEMONSTRATIVE if strong else _ANAPHORIC
    return any(c.dep_ == "det" and c.lower_ in determiners for c in token.children) or \
        (not strong and any(c.dep_ == "amod" and c.lower_ in ("multiple", "several", "such") for c in token.children))


BACKGROUND = _BACKGROUND = "background"


def is_background(token) -> bool:
    """"Cantlie, captured by Isis in 2012, ...": a passive participle hung on a name retells a known act."""
    return token.tag_ == "VBN" and token.dep_ in ("acl", "advcl") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def _dyad(event: Event) -> tuple:
    pair = (event.source, event.target)
    return tuple(sorted(pair)) if event.symmetric else pair


def _dates_compatible(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def absorb(into: Event, other_evidence, attribution=None, attribution_span=None, modality=None) -> None:
    """Adds a repeat's evidence to an event, with the source it names when the event had none."""
    for span in other_evidence:
        if all(span.start != e.start for e in into.evidence):
            into.evidence.append(span)
    if into.attribution is None and attribution:
        into.attribution, into.attribution_span = attribution, attribution_span
        if into.modality == "asserted" and modality in (None, "reported", "asserted"):
            into.modality = "reported"


def same_event(a: Event, b: Event, b_anaphoric: bool, same_sentence: bool, near: bool = False,
               retold: bool = False) -> bool:
    # A statement goes on over the next sentences ("..., he said. 'We are concerned about ...'"): close
    # repeats of one verbal dyad are one event; a material act told twice needs an anaphor to be one.
    repeats_statement = near and a.type in _STATEMENT_TYPES
    if a.type != b.type or not (same_sentence or b_anaphoric or repeats_statement):
        return False
    dyad_a, dyad_b = _dyad(a), _dyad(b)
    if a.symmetric or b.symmetric:
        dyad_a, dyad_b = tuple(sorted((a.source, a.target))), tuple(sorted((b.source, b.target)))
    # a retelling refers to the act already told, whatever date its own wording resolves to
    return dyad_a == dyad_b and (retold or _dates_compatible(a.date, b.date))


def merge(candidates: list[tuple[Event, int, object]]) -> list[Event]:
    """candidates: (event, sentence number, anaphoric: True, False or BACKGROUND) in text order → events with
    repeats merged."""
    kept: list[tuple[Event, int]] = []
    for event, sentence_no, anaphoric in candidates:
        # a retelling in background ("Cantlie, captured by Isis in 2012") may reach back over the whole article
        twin = next((k for k, s in reversed(kept)
                     if same_event(k, event, anaphoric == _BACKGROUND or (anaphoric and sentence_no - s <= _WINDOW),
                                   s == sentence_no,
                                   sentence_no - s <= _STATEMENT_WINDOW, anaphoric == _BACKGROUND)), None)
        if twin is None:
            kept.append((event, sentence_no))
            continue
        absorb(twin, event.evidence, event.attribution, event.attribution_span, event.modality)
        twin.confidence = min(1.0, twin.confidence + 0.1)
        if twin.location is None and event.location is not None:
            twin.location, twin.location_span = event.location, event.location_span
    return [e for e, _ in kept]


def attach_orphan(events_so_far: list[tuple[Event, int]], event_type: str, sentence_no: int, evidence,
                  attribution=None, attribution_span=None) -> bool:
    """An anaphoric trigger without actors joins the latest event of its type within the window."""
    for event, s in reversed(events_so_far):
        if sentence_no - s > _WINDOW:
            return False
        if event.type == event_type:
            absorb(event, evidence, attribution, attribution_span)
            return True
    return False
