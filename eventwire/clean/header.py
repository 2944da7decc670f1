"""A scraped page's headline and timestamp, read from the lines above (or around) its body."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Collection, Iterable, Optional

from eventwire.clean.boilerplate import Line, SHORT_LINE_WORDS, TOKEN, date_label_length, is_boilerplate, tokens_of
from eventwire.clean.lexicon import date_words
from eventwire.dates import ParsedDate, parse_date

_SEGMENT_SEPARATORS = re.compile(r"\s+[|•·—–]\s+|\s+-\s+")
_ONLY_NUMBER = re.compile(r"^\d+$")
_DIGIT_GROUPS = re.compile(r"\d+")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
# Two unrelated clocks: a relative date ("Ayer 15:35", "3 May") gives different answers under them.
_PROBE_ANCHORS = (datetime(2001, 3, 10, 8, 0), datetime(2011, 9, 20, 17, 30))
HEADLINE_MAX_WORDS = 30
HEADLINE_CJK_CHARS_PER_WORD = 2   # Chinese and Japanese headlines: length in characters, as rough words
EMBEDDED_DATE_WORDS = (3, 7)   # "September 1, 2015" … "Tuesday, 1 September 2015, 10:32 GMT"


@dataclass
class Found:
    """A date read from the text: ``value`` is None when it is relative and there is no clock to resolve it."""
    value: Optional[ParsedDate]


def _without_label(segment: str) -> str:
    """'Published 3 May 2019' → '3 May 2019'; 'Mis à jour le 12 mars' → '12 mars'."""
    tokens = tokens_of(segment)
    skip = date_label_length(tokens)
    if not skip or skip == len(tokens):
        return segment
    matches = list(TOKEN.finditer(segment))
    return segment[matches[skip - 1].end():].lstrip(" :,.-–—")


@dataclass
class DateReader:
    """Reads dates in one page's short lines: ``anchor`` is the retrieval time (the clock for relative forms),
    ``language`` the page's, tried first so that "3/5/2019" reads day-first on a Spanish page."""
    anchor: Optional[datetime] = None
    language: Optional[str] = None
    # A page has a handful of timestamps; the budget bounds dateparser's cost (ms a call) on pathological
    # input such as a file of a million short numeric lines.
    parses_left: int = 300

    def _parse(self, text: str, anchor: Optional[datetime]) -> Optional[ParsedDate]:
        if self.parses_left <= 0:
            return None
        self.parses_left -= 1
        if self.language:
            parsed = parse_date(text, anchor, languages=(self.language,))
            if parsed is not None:
                return parsed
        return parse_date(text, anchor)   # widgets are often in another language ("Ayer 15:35")

    def segment(self, segment: str) -> Optional[Found]:
        """The date that ``segment`` is, entirely (a leading label such as "Published" aside), or None."""
        segment = segment.strip()
        found = self._bare(segment)
        unlabelled = _without_label(segment)
        if found is None and unlabelled != segment:
            # Without a label only after the whole: "il" is a label in Italian but "il y a 3 jours" is a date.
            found = self._bare(unlabelled)
        return found

    def _bare(self, segment: str) -> Optional[Found]:
        if not segment or _ONLY_NUMBER.match(segment) or not may_be_date(segment):
            return None
        if not any(c.isdigit() for c in segment) and len(segment.split()) > 3:
            return None   # a date without digits is one word or two ("Yesterday", "hier soir")
        if self.anchor is not None:
            parsed = self._parse(segment, self.anchor)
            if parsed is None:
                return None
            # A publication date is not in the future of its retrieval: still a timestamp, but not this page's.
            future = parsed.value > self.anchor.replace(tzinfo=None) + timedelta(days=1)
            return Found(None if future else parsed)
        # No clock: an absolute date still counts; a relative one marks a timestamp but cannot be resolved.
        first = self._parse(segment, _PROBE_ANCHORS[0])
        if first is None:
            return None
        second = self._parse(segment, _PROBE_ANCHORS[1])
        return Found(first if second is not None and first.value == second.value else None)

    def line(self, line: Line) -> tuple[bool, Optional[ParsedDate]]:
        """(is it a bare timestamp line, its resolved date when it can be resolved)."""
        if len(line.tokens) > SHORT_LINE_WORDS or line.good:
            return False, None
        for segment in [line.text, *_SEGMENT_SEPARATORS.split(line.text)]:
            found = self.segment(segment)
            if found is not None:
                # The whole line is a timestamp only when the date is all of it (not "By X | 3 May").
                return segment == line.text or len(line.tokens) <= 6, found.value
        return False, None

    def trailing(self, text: str) -> Optional[tuple[str, Found]]:
        """A date run on to the end of a line ("... ants Tuesday, September 1, 2015"), and the rest."""
        return self._embedded(text, at_end=True)

    def leading(self, text: str) -> Optional[tuple[str, Found]]:
        """A dateline opening a paragraph ("Thursday, March 15, 2012 Wikinews interviewed ..."), and the rest."""
        return self._embedded(text, at_end=False)

    def _embedded(self, text: str, at_end: bool) -> Optional[tuple[str, Found]]:
        if not _YEAR.search(text):
            return None
        matches = list(TOKEN.finditer(text))
        low, high = EMBEDDED_DATE_WORDS
        for size in range(min(high, len(matches) - 1), low - 1, -1):
            if at_end:
                piece, rest = text[matches[-size].start():], text[:matches[-size].start()]
            else:
                piece, rest = text[:matches[size - 1].end()], text[matches[size - 1].end():]
            if not _YEAR.search(piece):
                continue
            found = self.segment(piece)
            if found is not None:
                return rest.strip(" \t,;:|-–—"), found
        return None


def may_be_date(segment: str) -> bool:
    """Cheap gate before dateparser (milliseconds a call): two groups of digits ("15:35", "12.03.2021") or a
    word that dates are made of (a month, a weekday, "yesterday", "horas")."""
    if len(_DIGIT_GROUPS.findall(segment)) >= 2:
        return True
    spaced, cjk = date_words()
    return any(token in spaced for token in tokens_of(segment)) or (not segment.isascii() and bool(cjk.search(segment)))


def headline(header: list[Line], all_lines: Iterable[Line], dated: Collection[int] = ()) -> Optional[Line]:
    """The headline among the lines above the body: a short line without a final full stop. Sites print
    it above their timestamp and often twice (page header and article); captions and section headings
    come after it, so the first qualified line wins a tie. ``dated``: header positions whose date was cut off
    the end of the line (the timestamp follows them)."""
    counts: dict[str, int] = {}
    for line in all_lines:
        counts[line.key] = counts.get(line.key, 0) + 1
    stamps = [i for i, line in enumerate(header) if line.timestamp] + [i + 1 for i in dated]
    first_stamp = min(stamps) if stamps else None
    best, best_score, rank = None, 0.0, 0
    for position, line in enumerate(header):
        if is_boilerplate(line) or line.text.endswith((".", ",", ":", ";", "。")):
            continue
        words = len(line.tokens) if line.spaced else len(line.text) // HEADLINE_CJK_CHARS_PER_WORD
        starts_well = (line.text[:1].isupper() or line.text[:1].isdigit() or line.text[:1] in "\"'“‘«¿¡"
                       or not line.spaced)
        if not 3 <= words <= HEADLINE_MAX_WORDS or not starts_well:
            continue
        score = (1.0 + (2.0 if counts.get(line.key, 0) >= 2 else 0.0)
                 + (1.5 if first_stamp is not None and position < first_stamp else 0.0)
                 + (0.5 if words >= 5 else 0.0)
                 - (0.5 if line.text.endswith("?") else 0.0)   # more often an interview question than a title
                 - 0.2 * rank)
        rank += 1
        if score > best_score:
            best, best_score = line, score
    return best
