"""Mentions → CAMEO-style actor codes: dictionary names, noun phrases with role words, people by their role in
context, and simple coreference (surnames, pronouns, definite descriptions).

The pass works in three steps over the spaCy Doc made by nlp/:
1. candidates.py: dictionary matches expanded to their noun phrase, group words, PERSON entities, surname-like
   tokens, pronouns and descriptions;
2. context.py: a country trail — every country-bearing word in the text and every geocoded place
   (article.places) — and the article's country counts;
3. coref.py: an ordered pass that fills codes from context and links later mentions to their antecedents.
"""
from __future__ import annotations

from typing import Optional

from eventwire.actors.candidates import anchor_candidates, coreference_candidates, person_candidates
from eventwire.actors.context import country_counts, home_country, is_venue
from eventwire.actors.coref import ordered_pass
from eventwire.model import ActorMention


def resolve_doc(doc, places=(), language: Optional[str] = "en") -> list[ActorMention]:
    """Every actor mention in a parsed Doc, sorted by start, with refers_to links.

    In other languages only dictionary names (with their translated country names) are coded: the role
    lexicon and the English model's PERSON entities do not carry over."""
    try:
        counts = country_counts(doc, places)
        english = (language or "en") == "en"
        cands, trail = anchor_candidates(doc, counts, places, use_entities=english)
        # geocoded towns and regions mark where things are; a country name may be an actor ("Turkey said")
        trail += [(p.span.start, p.country, True) for p in places or ()
                  if p.country and p.kind != "country" and not is_venue(doc, p)]
        trail.sort()
        if english:
            cands += person_candidates(doc, cands, places, trail)
        cands += coreference_candidates(doc, cands)
        return ordered_pass(doc, cands, trail, counts, home_country(places))
    finally:
        # the per-Doc indexes hold Spans: drop them so the Doc stays picklable and small
        doc.user_data.pop("eventwire.actor_matches", None)
        doc.user_data.pop("eventwire.ent_of", None)
