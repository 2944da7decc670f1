"""Pre-scraped text pages: boilerplate removed, headline and timestamp read from the lines around the body."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from eventwire.clean.boilerplate import body_text, describe, find_body, normalise_lines, tokens_of
from eventwire.clean.header import headline, line_date
from eventwire.clean.html import Extracted
from eventwire.clean.language import detect_language
from eventwire.errors import CleanError

_LANGUAGE_SAMPLE_MIN_LINE = 40   # long lines are prose; short ones are menus, often in another language


def _language_of_lines(lines: list[str]) -> Optional[str]:
    prose = [line for line in lines if len(line) >= _LANGUAGE_SAMPLE_MIN_LINE]
    return detect_language(" ".join(prose or lines))


def extract_text(text: str, source: str, retrieved: Optional[datetime] = None,
                 title_hint: Optional[str] = None) -> Extracted:
    raw_lines = [line for block in normalise_lines(text) for line in block]
    if not raw_lines:
        raise CleanError(source, "empty document (only whitespace)")
    language = _language_of_lines(raw_lines)
    lines = [describe(line, language) for line in raw_lines]
    dates = {}
    for index, line in enumerate(lines):
        line.timestamp, parsed = line_date(line, retrieved)
        if line.timestamp and parsed is not None:
            dates[index] = parsed
    layout = find_body(lines)
    if layout is None:
        raise CleanError(source, "no article text: no line reads as prose (menus, labels or fragments only)")
    title_line = headline(layout.header, lines)
    title = title_hint or (title_line.text if title_line else None)
    title_key = " ".join(tokens_of(title)) if title else None
    body = body_text(layout, title_key)
    if not body:
        raise CleanError(source, "no article text left once boilerplate is removed")
    # The page's timestamp: above the body first (where sites print it), then inside, then below.
    order = list(range(layout.start)) + list(range(layout.start, len(lines)))
    published = next((dates[i] for i in order if i in dates), None)
    return Extracted(text=body, title=title, published=published,
                     meta={"boilerplate_lines": len(lines) - body.count("\n\n") - 1})
