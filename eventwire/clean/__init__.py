"""Clean: a RawDocument → an Article with body, title, publication date and language.

HTML goes through trafilatura; pre-scraped text through the line-based boilerplate filter
(boilerplate.py). The body's paragraphs are joined by a blank line ("\\n\\n"); every later Span indexes
into it, so it must stay stable for the same input. ``published`` is "YYYY-MM-DDTHH:MM" when a time of
day is known, else "YYYY-MM-DD": from the page's metadata, else from a timestamp in the text (relative
forms resolved against the retrieval time), else the retrieval day (a page with no date of its own was
current when fetched; ``meta["published_source"]`` says which).
"""
from __future__ import annotations

from typing import Optional

from eventwire.clean.decode import decode
from eventwire.clean.extracted import Extracted
from eventwire.clean.html import extract_html
from eventwire.clean.language import detect_language
from eventwire.clean.text import extract_text
from eventwire.dates import ParsedDate, parse_date
from eventwire.errors import CleanError
from eventwire.model import Article, RawDocument

__all__ = ["clean"]


def _metadata_date(doc: RawDocument) -> Optional[ParsedDate]:
    """A date the container gave (feed item, JSONL field), resolved against the retrieval time."""
    value = doc.meta.get("published")
    if isinstance(value, str) and value.strip():
        return parse_date(value, doc.retrieved)
    return None


def clean(doc: RawDocument) -> Article:
    """The clean Article of ``doc``; raises CleanError naming the document for unusable input."""
    try:
        return _clean(doc)
    except CleanError:
        raise
    except Exception as exc:   # a library failing on one odd page must fail that page, not the batch
        raise CleanError(doc.source, f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _clean(doc: RawDocument) -> Article:
    content_type = doc.meta.get("content_type") if isinstance(doc.meta.get("content_type"), str) else None
    text = decode(doc.content, doc.source, content_type)
    title_hint = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else None
    if doc.media_type == "text/html":
        extracted = extract_html(text, doc.source, doc.url, doc.retrieved)
        extracted.title = extracted.title or title_hint
    else:
        extracted = extract_text(text, doc.source, doc.retrieved, title_hint)
    published, published_source = _publication_date(doc, extracted)
    meta = {**{k: v for k, v in doc.meta.items() if k != "headers"}, **extracted.meta,
            "media_type": doc.media_type, "published_source": published_source}
    return Article(source=doc.source, text=extracted.text, title=extracted.title,
                   published=published.iso() if published else None, language=detect_language(extracted.text),
                   url=doc.url or extracted.meta.get("canonical_url"), retrieved=doc.retrieved, meta=meta)


def _publication_date(doc: RawDocument, extracted: Extracted) -> tuple[Optional[ParsedDate], Optional[str]]:
    """(date, where it came from): an HTML page's own metadata, then the container's (feed item, JSONL
    field), then a timestamp in scraped text, then the retrieval day."""
    container = _metadata_date(doc)
    if doc.media_type == "text/html" and extracted.published is not None:
        return extracted.published, "html-metadata"
    if container is not None:
        return container, "container-metadata"
    if extracted.published is not None:
        return extracted.published, "text"
    if doc.retrieved is not None:
        return ParsedDate(doc.retrieved, has_time=False), "retrieved"
    return None, None
