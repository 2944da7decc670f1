"""Local files and directories.

A directory is walked recursively in sorted order (hidden files and folders skipped), so a batch is
reproducible. Each file goes to the reader its name or first bytes call for: JSON/JSONL, WARC, feed,
or a single page (.html/.htm, .txt as scraped, anything else sniffed).
A file's ``retrieved`` is the one the caller gives, else None: a file's mtime says when it was copied,
not when the page was fetched, so it must not become the clock for relative dates.
"""
from __future__ import annotations

import gzip
import os
import zlib
from datetime import datetime
from typing import Iterator, Optional, Union

from eventwire.ingest.limits import Limits, megabytes
from eventwire.ingest.sniff import media_type_of
from eventwire.model import Failure, RawDocument

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom")
GZIP_MAGIC = b"\x1f\x8b"
SKIPPED_NAMES = ("README.md", "LICENSE", "LICENSE.md")   # documentation next to sample pages is not input


def iter_directory(path: str) -> Iterator[str]:
    """Every file under ``path`` in sorted path order (a folder's files where its name sorts), hidden skipped."""
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED_NAMES:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_directory(entry.path)
        elif entry.is_file():
            yield entry.path


def read_path(path: str, retrieved: Optional[datetime] = None, allow_private: bool = False,
              limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    limits = limits or Limits.from_env()
    if os.path.isdir(path):
        found = False
        for file_path in iter_directory(path):
            found = True
            yield from read_file(file_path, retrieved, allow_private, limits)
        if not found:
            yield Failure(path, "ingest", "directory holds no files")
        return
    yield from read_file(path, retrieved, allow_private, limits)


def read_file(path: str, retrieved: Optional[datetime] = None, allow_private: bool = False,
              limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    limits = limits or Limits.from_env()
    lower = path.lower()
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        yield Failure(path, "ingest", f"cannot open: {exc.strerror or exc}")
        return
    # Archives and JSON lines may be large: each record or line is capped instead of the file.
    if lower.endswith(WARC_SUFFIXES):
        from eventwire.ingest.warc import read_warc
        yield from read_warc(path, retrieved, limits)
        return
    if lower.endswith(JSON_SUFFIXES):
        from eventwire.ingest.jsonl import read_json
        yield from read_json(path, retrieved, limits)
        return
    if size > limits.max_bytes:
        yield Failure(path, "ingest", f"file is {megabytes(size)}, over the {megabytes(limits.max_bytes)} cap")
        return
    try:
        with open(path, "rb") as fh:
            content = fh.read(limits.max_bytes + 1)
        if content[:2] == GZIP_MAGIC:
            # Saved pages are often gzipped (page.html.gz); the cap applies to the unpacked size too.
            with gzip.open(path, "rb") as fh:
                content = fh.read(limits.max_bytes + 1)
            if len(content) > limits.max_bytes:
                yield Failure(path, "ingest", f"unpacks to over the {megabytes(limits.max_bytes)} cap")
                return
            lower = lower[:-3] if lower.endswith(".gz") else lower
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(path, "ingest", f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return
    kind = media_type_of(content, None, lower)
    if kind == "feed" or lower.endswith(FEED_SUFFIXES):
        from eventwire.ingest.feeds import read_feed_bytes
        yield from read_feed_bytes(content, path, retrieved=retrieved, allow_private=allow_private, limits=limits)
        return
    yield RawDocument(source=path, content=content, media_type=kind, retrieved=retrieved)
