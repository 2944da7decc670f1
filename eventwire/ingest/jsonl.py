"""JSON / JSONL documents: objects of {url, html | text, retrieved?, title?, ...}; one bad line is one Failure.

A ``.json`` file may hold one such object or a list of them. Extra keys travel in RawDocument.meta.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Iterator, Optional, Union

from eventwire.ingest.limits import Limits, megabytes
from eventwire.model import Failure, RawDocument


def _parse_time(value, fallback: Optional[datetime]) -> Optional[datetime]:
    if not value:
        return fallback
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return fallback


def document_from_object(obj, where: str, retrieved: Optional[datetime] = None) -> Union[RawDocument, Failure]:
    """A RawDocument for one {url, html|text, ...} object; ``where`` names it in failures (path:line)."""
    if not isinstance(obj, dict):
        return Failure(where, "ingest", f"expected a JSON object, got {type(obj).__name__}")
    html, text = obj.get("html"), obj.get("text")
    body = html if html else text
    if not isinstance(body, str) or not body.strip():
        return Failure(obj.get("url") or where, "ingest", "object has no 'html' or 'text' string")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    meta = {k: v for k, v in obj.items() if k not in ("html", "text", "url", "retrieved")}
    meta["container"] = where
    return RawDocument(source=url or where, url=url, content=body.encode("utf-8"),
                       media_type="text/html" if html else "text/plain",
                       retrieved=_parse_time(obj.get("retrieved"), retrieved), meta=meta)


def read_jsonl(path: str, retrieved: Optional[datetime] = None,
               limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    """JSON lines, streamed: a file of any size, each line capped at ``limits.max_bytes``."""
    limits = limits or Limits.from_env()
    try:
        with open(path, "rb") as fh:
            number = 0
            while raw := fh.readline(limits.max_bytes + 1):
                number += 1
                where = f"{path}:{number}"
                if len(raw) > limits.max_bytes:
                    _skip_rest_of_line(fh, raw)   # never hold an oversized line in memory
                    yield Failure(where, "ingest", f"line exceeds the {megabytes(limits.max_bytes)} cap")
                    continue
                if raw.strip():
                    yield _object_from_line(raw, where, retrieved)
    except OSError as exc:
        yield Failure(path, "ingest", f"cannot read: {exc.strerror or exc}")


def _skip_rest_of_line(fh, read_so_far: bytes, chunk: int = 1 << 20) -> None:
    while read_so_far and not read_so_far.endswith(b"\n"):
        read_so_far = fh.readline(chunk)


def _object_from_line(raw: bytes, where: str, retrieved: Optional[datetime]) -> Union[RawDocument, Failure]:
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Failure(where, "ingest", f"line is not valid UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return Failure(where, "ingest", f"line is not JSON: {exc.msg} at column {exc.colno}")
    return document_from_object(obj, where, retrieved)


def read_json(path: str, retrieved: Optional[datetime] = None,
              limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    """A .json file (one object or a list, capped as a whole) or JSON lines (.jsonl/.ndjson, streamed)."""
    limits = limits or Limits.from_env()
    if path.lower().endswith((".jsonl", ".ndjson")):
        yield from read_jsonl(path, retrieved, limits)
        return
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        yield Failure(path, "ingest", f"cannot read: {exc.strerror or exc}")
        return
    if len(raw) > limits.max_bytes:
        yield Failure(path, "ingest", f"file exceeds the {megabytes(limits.max_bytes)} cap (use JSON lines for batches)")
        return
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Failure(path, "ingest", f"JSON is not valid UTF-8 (byte {exc.start})")
        return
    except json.JSONDecodeError:
        # Many ".json" exports are really JSON lines.
        yield from read_jsonl(path, retrieved, limits)
        return
    items = data if isinstance(data, list) else [data]
    for index, obj in enumerate(items):
        yield document_from_object(obj, f"{path}[{index}]" if isinstance(data, list) else path, retrieved)
