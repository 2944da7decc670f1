"""eventwire: raw news → clean articles → actors, places, dates → coded events → a queryable corpus.

The public Python API has the same names as the CLI:

    article = eventwire.extract("page.html", retrieved="2025-05-28T09:00:00Z")
    article = eventwire.annotate(article)
    article = eventwire.code("page.html")
    for a in eventwire.code_many(paths, workers=2): ...
    store = eventwire.open_store("events.duckdb")
"""
from eventwire.model import Article, Event, Failure, RawDocument, Span
from eventwire.pipeline import annotate, code, extract, extract_many, process_many

__version__ = "0.1.0"


def code_many(sources, retrieved=None, workers: int = 1, **kwargs):
    """Codes many sources; ``workers`` > 1 uses local processes (one model load per process)."""
    from eventwire.run import code_many as _code_many
    return _code_many(sources, retrieved=retrieved, workers=workers, **kwargs)


def open_store(url: str = "eventwire.duckdb"):
    """A DuckDB file path (default) or a postgresql:// URL."""
    from eventwire.store import open_store as _open_store
    return _open_store(url)


__all__ = ["Article", "Event", "Failure", "RawDocument", "Span", "annotate", "code", "code_many", "extract",
           "extract_many", "open_store", "process_many"]
