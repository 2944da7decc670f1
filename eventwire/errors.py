"""Typed errors. Each names the input and the cause; a batch records them as Failures and goes on."""
from __future__ import annotations


class EventwireError(Exception):
    """Base: ``source`` is the input (path or URL), ``reason`` says what went wrong with it."""
    stage = "eventwire"

    def __init__(self, source: str, reason: str):
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class IngestError(EventwireError):
    """The input could not be read or fetched (missing, unreadable, too large, wrong type)."""
    stage = "ingest"


class UnsafeURLError(IngestError):
    """A URL that points at loopback, private or link-local addresses without explicit permission."""


class CleanError(EventwireError):
    """The document was read but holds no usable article (binary, empty, no main text)."""
    stage = "clean"


class AnnotateError(EventwireError):
    stage = "annotate"


class CodeError(EventwireError):
    stage = "code"


class StoreError(EventwireError):
    stage = "store"


class LLMError(CodeError):
    """The optional LLM coder's endpoint failed or answered outside the schema."""
