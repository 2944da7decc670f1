"""actors: mentions → canonical political actors (CAMEO-style codes, names, Wikidata ids), with coreference.

    resolve(article)              fills article.actors (sorted by start; refers_to links pronouns, surnames and
                                  descriptions to their antecedent)
    actor_at(article, start, end) the best mention covering or inside a character range (code already followed
                                  through refers_to)
    lookup(text)                  the dictionary entry for a name as written, or None
"""
from __future__ import annotations

from typing import Optional

from eventwire.actors.dictionary import lookup
from eventwire.model import ActorMention, Article

# The pass itself lives in actors/resolver.py: a submodule named like the function resolve() would rebind
# eventwire.actors.resolve to the module on first import.

__all__ = ["resolve", "actor_at", "actors_in", "lookup"]


def resolve(article: Article) -> Article:
    """Fills article.actors from article.doc (parsing first when nlp has not run) and article.places."""
    from eventwire.actors.resolver import resolve_doc
    if article.doc is None:
        from eventwire import nlp
        nlp.parse(article)
    article.actors = resolve_doc(article.doc, article.places, article.language or "en")
    return article


def actors_in(article: Article, start: int, end: int) -> list[ActorMention]:
    """Mentions overlapping [start, end), in text order."""
    return [m for m in article.actors if m.span.start < end and start < m.span.end]


def actor_at(article: Article, start: int, end: int) -> Optional[ActorMention]:
    """The mention that best stands for the text in [start, end): the smallest mention covering the range, else
    the longest known mention inside it (known codes before '---', earlier before later)."""
    covering = [m for m in article.actors if m.span.start <= start and end <= m.span.end]
    if covering:
        return min(covering, key=lambda m: (m.span.end - m.span.start, m.code.startswith("---")))
    inside = [m for m in article.actors if start <= m.span.start and m.span.end <= end]
    if not inside:
        inside = actors_in(article, start, end)
    if not inside:
        return None
    # "Rebels in the Ivory Coast", "Militants loyal to X": the phrase is its head noun's actor, not the place
    # or the person hanging on it
    heading = _covering_head(article, start, end, inside)
    if heading:
        inside = heading
    return min(inside, key=lambda m: (m.code.startswith("---"), m.kind == "pronoun",
                                      -(m.span.end - m.span.start), m.span.start))


def _covering_head(article: Article, start: int, end: int, mentions: list[ActorMention]) -> list[ActorMention]:
    """The known mentions that cover the syntactic head of the text in [start, end)."""
    if article.doc is None:
        return []
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    root = span.root
    at = root.idx
    return [m for m in mentions if m.span.start <= at < m.span.end and not m.code.startswith("---")]

