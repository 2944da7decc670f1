"""Composes the stages: source → ingest → clean → nlp → actors/geo/time → events. Nothing else lives here."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Iterator, Optional, Union

from eventwire.errors import EventwireError
from eventwire.model import Article, Failure, RawDocument

Source = Union[str, "os.PathLike[str]"]


def _as_datetime(retrieved: Union[str, datetime, None]) -> Optional[datetime]:
    if retrieved is None or isinstance(retrieved, datetime):
        return retrieved
    return datetime.fromisoformat(str(retrieved).replace("Z", "+00:00"))


def documents(sources: Iterable[Source], retrieved=None, allow_private: bool = False) -> Iterator[Union[RawDocument, Failure]]:
    """Every raw document behind the sources (a directory, feed or WARC gives many); failures inline."""
    from eventwire import ingest
    when = _as_datetime(retrieved)
    for source in sources:
        yield from ingest.read(str(source), retrieved=when, allow_private=allow_private)


def clean_document(doc: RawDocument) -> Article:
    from eventwire import clean
    return clean.clean(doc)


def annotate(article: Article) -> Article:
    """Adds sentences, actors, places and times (each stage fills its own fields)."""
    from eventwire import actors, geo, nlp, time
    nlp.parse(article)
    time.resolve(article)
    geo.resolve(article)
    actors.resolve(article)
    return article


def code_article(article: Article, coder: Optional[str] = None) -> Article:
    """Annotates (if not yet) and codes events with the rule coder, or ``coder="llm"``."""
    from eventwire import events
    if article.doc is None:
        annotate(article)
    return events.code(article, coder=coder)


def extract_many(sources: Iterable[Source], retrieved=None, allow_private: bool = False) -> Iterator[Union[Article, Failure]]:
    """Clean articles for every document behind the sources; a bad document yields a Failure, not an exception."""
    for doc in documents(sources, retrieved, allow_private):
        if isinstance(doc, Failure):
            yield doc
            continue
        try:
            yield clean_document(doc)
        except EventwireError as exc:
            yield Failure(doc.source, exc.stage, exc.reason)


def process_many(sources: Iterable[Source], retrieved=None, stage: str = "code",
                 allow_private: bool = False, coder: Optional[str] = None) -> Iterator[Union[Article, Failure]]:
    """extract_many, then annotate or code each article ("extract" | "annotate" | "code")."""
    for item in extract_many(sources, retrieved, allow_private):
        if isinstance(item, Failure) or stage == "extract":
            yield item
            continue
        try:
            yield annotate(item) if stage == "annotate" else code_article(item, coder)
        except EventwireError as exc:
            yield Failure(item.source, exc.stage, exc.reason)
        except Exception as exc:  # a bug in a rule must not end a batch: record it with its cause
            yield Failure(item.source, stage, f"{type(exc).__name__}: {exc}")


def _single(items: Iterator[Union[Article, Failure]], source) -> Article:
    found = list(items)
    articles = [a for a in found if isinstance(a, Article)]
    if not articles:
        failure = next((f for f in found if isinstance(f, Failure)), None)
        reason = failure.reason if failure else "no document found"
        raise EventwireError(str(source), reason)
    return articles[0]


def extract(source: Source, retrieved=None, allow_private: bool = False) -> Article:
    """The clean Article of one source (the first, for a feed or WARC)."""
    return _single(extract_many([source], retrieved, allow_private), source)


def code(source: Union[Source, Article], retrieved=None, allow_private: bool = False,
         coder: Optional[str] = None) -> Article:
    """The whole pipeline on one source: Article with .events."""
    article = source if isinstance(source, Article) else extract(source, retrieved, allow_private)
    return code_article(article, coder)
