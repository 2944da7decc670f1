"""RSS/Atom feeds: every item's link is fetched through the same guarded fetcher as any URL."""
from __future__ import annotations

from datetime import datetime
from typing import Iterator, Optional, Union

import feedparser

from eventwire.errors import IngestError
from eventwire.ingest.limits import Limits
from eventwire.ingest.sniff import media_type_of
from eventwire.model import Failure, RawDocument


def _entry_meta(feed_title: Optional[str], entry) -> dict:
    meta = {"feed_title": feed_title, "title": entry.get("title"),
            "published": entry.get("published") or entry.get("updated")}
    return {k: v for k, v in meta.items() if v}


def read_feed_bytes(content: bytes, source: str, base_url: Optional[str] = None,
                    retrieved: Optional[datetime] = None, allow_private: bool = False,
                    limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    """One RawDocument per feed item (its page fetched), or a Failure per item that cannot be fetched."""
    from eventwire.ingest.web import fetch, is_url, page_document
    limits = limits or Limits.from_env()
    parsed = feedparser.parse(content, response_headers={"content-location": base_url or source})
    if not parsed.entries:
        reason = f"feed has no items ({parsed.bozo_exception})" if parsed.bozo else "feed has no items"
        yield Failure(source, "ingest", reason)
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries[:limits.max_feed_items], 1):
        meta = {**_entry_meta(feed_title, entry), "feed": source}
        link = entry.get("link")
        if not link or not is_url(link):   # feedparser falls back to the entry id (often a urn:) for link
            # Some feeds carry the whole article instead of a link: use it as the page.
            body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
            if body:
                yield RawDocument(source=f"{source}#{entry.get('id') or number}", content=body.encode("utf-8"),
                                  media_type="text/html", retrieved=retrieved, meta=meta)
            else:
                yield Failure(source, "ingest", f"feed item {entry.get('title')!r} has neither link nor content")
            continue
        try:
            page = fetch(link, allow_private, limits)
        except IngestError as exc:
            yield Failure(link, exc.stage, exc.reason)
            continue
        kind = media_type_of(page.content, page.content_type, link)
        if kind == "feed":
            yield Failure(link, "ingest", "feed item links to another feed, not a page")
            continue
        yield page_document(link, page, kind, retrieved, meta)


def read_feed_file(path: str, retrieved: Optional[datetime] = None, allow_private: bool = False,
                   limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    with open(path, "rb") as fh:
        content = fh.read()
    yield from read_feed_bytes(content, path, retrieved=retrieved, allow_private=allow_private, limits=limits)
