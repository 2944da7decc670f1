"""Ingest: files, directories, URLs (guarded HTTP), RSS/Atom feeds, WARC archives and JSONL → RawDocument.

``read`` never raises for a bad document (nor for a missing source): it yields a Failure naming it and
the cause, and the batch goes on. Decoding and extraction are clean's job; ingest only reads bytes and
says what kind of document they are ("text/html" or "text/plain").
"""
from __future__ import annotations

import os
from datetime import datetime
from typing import Iterator, Optional, Union

from eventwire.ingest.limits import Limits
from eventwire.model import Failure, RawDocument

__all__ = ["read", "Limits"]


def read(source: str, retrieved: Optional[datetime] = None, allow_private: bool = False,
         limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    """Every raw document behind ``source`` (a path, directory, URL, feed, WARC or JSONL file), failures inline.

    ``retrieved`` is the clock for relative dates: kept as given for files; a fetched URL defaults to the
    fetch time, a WARC record to its WARC-Date, a JSONL object to its own ``retrieved``.
    """
    from eventwire.ingest.files import read_path
    from eventwire.ingest.web import is_url, read_url
    source = str(source)
    limits = limits or Limits.from_env()
    if is_url(source):
        reader = read_url(source, retrieved, allow_private, limits)
    elif not os.path.exists(source):
        yield Failure(source, "ingest", "no such file or directory")
        return
    else:
        reader = read_path(source, retrieved, allow_private, limits)
    try:
        yield from reader
    except Exception as exc:   # a parser bug on one odd archive or feed ends that source, not the batch
        yield Failure(source, "ingest", f"reading failed: {type(exc).__name__}: {exc}")
