"""Pre-scraped text pages: boilerplate removed, headline and timestamp read from the lines around the body."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from eventwire.clean.boilerplate import Line, body_text, describe, find_body, is_boilerplate, normalise_lines, tokens_of
from eventwire.clean.header import DateReader, headline
from eventwire.clean.extracted import Extracted
from eventwire.clean.language import detect_language
from eventwire.dates import ParsedDate
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
    dates = DateReader(retrieved, language)
    # Pages repeat lines (the headline, "Share"): each distinct line is described and dated once.
    described: dict[str, tuple[Line, Optional[ParsedDate]]] = {}
    for text_line in raw_lines:
        if text_line not in described:
            line = describe(text_line, language)
            line.timestamp, parsed = dates.line(line)
            described[text_line] = (line, parsed)
    lines = [described[text_line][0] for text_line in raw_lines]
    stamps = {index: described[text_line][1] for index, text_line in enumerate(raw_lines)
              if described[text_line][0].timestamp}
    layout = find_body(lines)
    if layout is None:
        raise CleanError(source, "no article text: no line reads as prose (menus, labels or fragments only)")

    # A headline with its date run on ("... ants Tuesday, September 1, 2015"): the date is cut off it.
    header: list[Line] = list(layout.header)
    header_dates: dict[int, Optional[ParsedDate]] = {}
    for index, line in enumerate(header):
        if line.timestamp or is_boilerplate(line):
            continue
        split = dates.trailing(line.text)
        if split and split[0]:
            header[index] = describe(split[0], language)
            header_dates[index] = split[1].value
    title_line = headline(header, header + lines[layout.start:], dated=set(header_dates))
    title = title_hint or (title_line.text if title_line else None)
    title_key = " ".join(tokens_of(title)) if title else None
    body = body_text(layout, title_key)
    if not body:
        raise CleanError(source, "no article text left once boilerplate is removed")
    published = _published(lines, layout.start, stamps, header_dates, dates)
    return Extracted(text=body, title=title, published=published)


def _published(lines: list[Line], body_start: int, stamps: dict, header_dates: dict,
               dates: DateReader) -> Optional[ParsedDate]:
    """The page's timestamp: where sites print it (above the body, alone or after the headline), then a
    dateline opening the body, then a timestamp inside or below the body."""
    above = sorted([(i, v) for i, v in stamps.items() if i < body_start] + list(header_dates.items()),
                   key=lambda item: item[0])
    for _index, value in above:
        if value is not None:
            return value
    opening = dates.leading(lines[body_start].text) if body_start < len(lines) else None
    if opening and opening[1].value is not None:
        return opening[1].value
    below = [v for i, v in sorted(stamps.items()) if i >= body_start and v is not None]
    return below[0] if below else None
