"""A scraped page's headline and timestamp, read from the lines above (or around) its body."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Iterable, Optional

from eventwire.clean.boilerplate import (Line, SHORT_LINE_WORDS, _TOKEN, date_label_length, is_boilerplate,
                                         tokens_of)
from eventwire.dates import ParsedDate, parse_date

_SEGMENT_SEPARATORS = re.compile(r"\s+[|•·—–]\s+|\s+-\s+")
_ONLY_NUMBER = re.compile(r"^\d+$")
# Two unrelated clocks: a relative date ("Ayer 15:35", "3 May") gives different answers under them.
_PROBE_ANCHORS = (datetime(2001, 3, 10, 8, 0), datetime(2011, 9, 20, 17, 30))
HEADLINE_MAX_WORDS = 30


def _without_label(segment: str) -> str:
    """'Published 3 May 2019' → '3 May 2019'; 'Mis à jour le 12 mars' → '12 mars'."""
    tokens = tokens_of(segment)
    skip = date_label_length(tokens)
    if not skip or skip == len(tokens):
        return segment
    matches = list(_TOKEN.finditer(segment))
    return segment[matches[skip - 1].end():].lstrip(" :,.-–—")


def _segment_date(segment: str, anchor: Optional[datetime]) -> tuple[bool, Optional[ParsedDate]]:
    segment = segment.strip()
    found, parsed = _bare_date(segment, anchor)
    unlabelled = _without_label(segment)
    if not found and unlabelled != segment:
        # Try without a label only after the whole: "il" is a label in Italian but "il y a 3 jours" is a date.
        found, parsed = _bare_date(unlabelled, anchor)
    return found, parsed


def _bare_date(segment: str, anchor: Optional[datetime]) -> tuple[bool, Optional[ParsedDate]]:
    if not segment or _ONLY_NUMBER.match(segment) or not any(c.isalpha() or c.isdigit() for c in segment):
        return False, None
    if not any(c.isdigit() for c in segment) and len(segment.split()) > 3:
        return False, None   # a date without digits is one word or two ("Yesterday", "hier soir")
    if anchor is not None:
        parsed = parse_date(segment, anchor)
        if parsed is None or parsed.value > anchor.replace(tzinfo=None) + timedelta(days=1):
            return False, None   # a publication date is not in the future of its retrieval
        return True, parsed
    # No clock: an absolute date still counts; a relative one marks a timestamp but cannot be resolved.
    first, second = (parse_date(segment, probe) for probe in _PROBE_ANCHORS)
    if first is None:
        return False, None
    return True, first if second is not None and first.value == second.value else None


def line_date(line: Line, anchor: Optional[datetime]) -> tuple[bool, Optional[ParsedDate]]:
    """(is it a bare timestamp line, its resolved date when it can be resolved)."""
    if len(line.tokens) > SHORT_LINE_WORDS or line.good:
        return False, None
    for segment in [line.text, *_SEGMENT_SEPARATORS.split(line.text)]:
        found, parsed = _segment_date(segment, anchor)
        if found:
            # The whole line is a timestamp only when the date is all of it (not "By X | 3 May").
            return segment == line.text or len(line.tokens) <= 6, parsed
    return False, None


def headline(header: list[Line], all_lines: Iterable[Line]) -> Optional[Line]:
    """The headline: a short line without a final full stop above the body, preferring one that is
    repeated (sites print it in the page header and again above the article) and the one nearest the body."""
    counts: dict[str, int] = {}
    for line in all_lines:
        counts[line.key] = counts.get(line.key, 0) + 1
    best, best_score = None, 0.0
    for position, line in enumerate(header):
        if is_boilerplate(line) or line.text.endswith((".", ",", ":", ";")):
            continue
        words = len(line.tokens)
        if not 3 <= words <= HEADLINE_MAX_WORDS or not (line.text[:1].isupper() or line.text[:1].isdigit()
                                                       or line.text[:1] in "\"'“‘«¿¡"):
            continue
        score = 1.0 + (2.0 if counts.get(line.key, 0) >= 2 else 0.0) + (0.5 if words >= 5 else 0.0)
        score += position / max(1, len(header))   # nearer the body is likelier the article's own title
        if score >= best_score:
            best, best_score = line, score
    return best
