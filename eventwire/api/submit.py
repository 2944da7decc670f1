"""POST /api/articles: a URL, an HTML page or plain text in; the coded Article out (through eventwire.pipeline).

URLs go through ingest's guarded fetcher, which refuses loopback/private addresses unless the server allows them.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventwire.errors import AnnotateError, CleanError, CodeError, EventwireError, IngestError
from eventwire.model import Article, Failure, RawDocument

MAX_URL_CHARS = 2048
# ingest reports a bad document as a Failure; the API answers with the typed error of its stage.
FAILURE_ERRORS = {"ingest": IngestError, "clean": CleanError, "annotate": AnnotateError, "code": CodeError}


class Submission(BaseModel):
    """Exactly one of url, html or text."""
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"url": "https://example.org/news/story.html"},
                     {"text": "Israeli forces struck Damascus on Tuesday, Syrian officials said.",
                      "retrieved": "2025-05-28T09:00:00Z", "source": "wire-feed"}]})

    url: Optional[str] = Field(None, max_length=MAX_URL_CHARS, description="An http(s) page to fetch and code.")
    html: Optional[str] = Field(None, description="A raw HTML page.")
    text: Optional[str] = Field(None, description="Plain text (as scraped).")
    retrieved: Optional[datetime] = Field(
        None, description="When the page was fetched: the clock for relative dates (default: now).")
    source: Optional[str] = Field(None, min_length=1, max_length=500,
                                  description="A name for the document (default: the URL, or api:html / api:text).")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an absolute http:// or https:// URL")
        return value.strip()

    @field_validator("retrieved")
    @classmethod
    def _aware(cls, value: Optional[datetime]) -> Optional[datetime]:
        # A naive time is read as UTC so relative dates resolve the same on every server.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value

    @model_validator(mode="after")
    def _exactly_one_input(self) -> "Submission":
        given = [name for name in ("url", "html", "text") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of url, html or text (got {', '.join(given) or 'none'})")
        if not getattr(self, given[0]).strip():
            raise ValueError(f"{given[0]} is empty")
        return self

    @property
    def kind(self) -> str:
        return "url" if self.url is not None else "html" if self.html is not None else "text"


def code_submission(submission: Submission, allow_private: bool = False) -> Article:
    """Runs the whole pipeline on one submission; raises eventwire.errors.EventwireError on a bad document."""
    from eventwire import pipeline
    retrieved = submission.retrieved or datetime.now(timezone.utc)
    if submission.url is not None:
        doc = fetch_document(submission.url, retrieved, allow_private)
        if submission.source:
            doc.source = submission.source
    else:
        content = submission.html if submission.html is not None else submission.text
        doc = RawDocument(source=submission.source or f"api:{submission.kind}", content=content.encode("utf-8"),
                          media_type="text/html" if submission.kind == "html" else "text/plain", retrieved=retrieved)
    return pipeline.code_article(pipeline.clean_document(doc))


def fetch_document(url: str, retrieved: datetime, allow_private: bool) -> RawDocument:
    """The page behind ``url`` (the first item of a feed), through ingest's guarded fetcher."""
    from eventwire import pipeline
    from eventwire.ingest.web import check_url
    check_url(url, allow_private)   # up front, so a refused address is an UnsafeURLError, not a generic failure
    for item in pipeline.documents([url], retrieved=retrieved, allow_private=allow_private):
        if isinstance(item, Failure):
            raise FAILURE_ERRORS.get(item.stage, EventwireError)(item.source, item.reason)
        return item
    raise IngestError(url, "no document found at this URL")
