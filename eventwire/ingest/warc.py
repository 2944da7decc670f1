"""WARC / WARC.gz archives: every HTML (or plain-text) response or resource record becomes a RawDocument.

The record's WARC-Date is its retrieval time (the crawl's own clock beats any default), and its
WARC-Target-URI is both its source and its url.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterator, Optional, Union

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.ingest.limits import Limits, megabytes
from eventwire.ingest.sniff import HTML_TYPES, TEXT_TYPES, base_type, media_type_of
from eventwire.model import Failure, RawDocument


def _warc_date(value: Optional[str]) -> Optional[datetime]:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def read_warc(path: str, retrieved: Optional[datetime] = None,
              limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    limits = limits or Limits.from_env()
    found = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or ""
                    status = str(record.http_headers.get_statuscode())
                elif record.rec_type == "resource":   # a page archived without its HTTP exchange
                    content_type, status = record.rec_headers.get_header("Content-Type") or "", "200"
                else:
                    continue   # requests, metadata, revisits
                uri = record.rec_headers.get_header("WARC-Target-URI") or path
                if base_type(content_type) not in HTML_TYPES + TEXT_TYPES or not status.startswith("2"):
                    continue   # images, scripts, redirects: not articles
                content = record.content_stream().read(limits.max_bytes + 1)
                found += 1
                if len(content) > limits.max_bytes:
                    yield Failure(uri, "ingest", f"WARC record exceeds the {megabytes(limits.max_bytes)} cap")
                    continue
                yield RawDocument(
                    source=uri, url=uri, content=content,
                    media_type=media_type_of(content, content_type, uri),
                    retrieved=_warc_date(record.rec_headers.get_header("WARC-Date")) or retrieved,
                    meta={"content_type": content_type, "container": path})
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield Failure(path, "ingest", f"not a readable WARC archive: {exc}")
        return
    if not found:
        yield Failure(path, "ingest", "WARC archive holds no HTML or text response records")
