"""Builds annotated Articles for the event coder's tests: the parse is real (nlp.parse), actors, places and
times are given by the test, so that each test pins the coder's behaviour and nothing upstream."""
from __future__ import annotations

import re
from typing import Optional

from eventwire import nlp
from eventwire.model import ActorMention, Article, Place, Span, TimeExpr


def _occurrences(text: str, needle: str):
    for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
        yield m.start(), m.end()


def annotated(text: str, actors: dict[str, str], places: Optional[dict[str, tuple]] = None,
              times: Optional[dict[str, str]] = None, pronouns: Optional[dict[str, str]] = None,
              published: str = "2024-03-15") -> Article:
    """actors: text → code (every occurrence); places: text → (country, lat, lon); times: text → value;
    pronouns: pronoun → the actor text it refers to (its first occurrence)."""
    article = Article(source="test", text=text, published=published, language="en")
    nlp.parse(article)
    mentions: list[ActorMention] = []
    for name, code in actors.items():
        for start, end in _occurrences(text, name):
            if any(m.span.start < end and start < m.span.end for m in mentions):
                continue
            mentions.append(ActorMention(Span.of(text, start, end), code, name))
    mentions.sort(key=lambda m: m.span.start)
    for pronoun, antecedent in (pronouns or {}).items():
        target = next(i for i, m in enumerate(mentions) if m.span.text == antecedent)
        for start, end in _occurrences(text, pronoun):
            mentions.append(ActorMention(Span.of(text, start, end), "---", None, refers_to=target, kind="pronoun"))
    article.actors = sorted(mentions, key=lambda m: m.span.start)
    # refers_to indexes shift with sorting: re-point them at the antecedent mentions by span
    if pronouns:
        by_text = {m.span.text: i for i, m in enumerate(article.actors) if m.kind != "pronoun"}
        for m in article.actors:
            if m.kind == "pronoun":
                m.refers_to = by_text[pronouns[m.span.text]]
    for name, (country, lat, lon) in (places or {}).items():
        for start, end in _occurrences(text, name):
            article.places.append(Place(Span.of(text, start, end), name, "city", country, None, lat, lon))
    for expr, value in (times or {}).items():
        for start, end in _occurrences(text, expr):
            precision = {4: "year", 7: "month", 10: "day"}[len(value)]
            article.times.append(TimeExpr(Span.of(text, start, end), value, precision))
    return article


def dyads(article: Article) -> set[tuple[str, str, str]]:
    return {(e.type, e.source, e.target) for e in article.events}
