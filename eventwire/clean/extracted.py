"""What an extractor (HTML or scraped text) hands back to clean(): the body and what it read around it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from eventwire.dates import ParsedDate


@dataclass
class Extracted:
    text: str                               # paragraphs joined by "\n\n"
    title: Optional[str] = None
    published: Optional[ParsedDate] = None
    meta: dict = field(default_factory=dict)   # sitename, author, description, canonical_url
