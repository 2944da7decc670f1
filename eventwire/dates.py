"""The one date parser (dateparser), shared by clean (publication dates) and time (temporal expressions).

Relative forms ("Ayer 15:35", "hier à 10h", "2 hours ago", "il y a 3 jours") resolve against ``anchor``:
the retrieval time for a publication date, the publication date for an expression in the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from typing import Optional, Sequence

import dateparser


@lru_cache(maxsize=1)
def _parser_languages() -> tuple[str, ...]:
    # The languages eventwire reads; dateparser tries each (restricting them keeps it fast and avoids
    # misreadings such as a Tagalog month in an English date).
    return ("en", "es", "fr", "de", "it", "pt", "ru", "uk", "ar", "tr", "nl", "pl", "ja", "zh")


def parse_datetime(text: str, anchor: Optional[datetime] = None,
                   languages: Optional[Sequence[str]] = None,
                   prefer: str = "past") -> Optional[datetime]:
    """A datetime for ``text`` (absolute or relative to ``anchor``), or None when it is not a date."""
    if not text or not text.strip():
        return None
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = anchor.replace(tzinfo=None)
    langs = list(languages) if languages else list(_parser_languages())
    return dateparser.parse(text.strip(), languages=langs, settings=settings)


# A clock time written out: "15:35", "10h05", "10h", "3 pm", "3.35 p.m.".
_CLOCK = re.compile(r"\b\d{1,2}\s*[:hH]\s*\d{2}\b|\b\d{1,2}\s*[hH]\b|\b\d{1,2}([.:]\d{2})?\s*[ap]\.?\s?m\b",
                    re.IGNORECASE)


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date and whether the text fixed a time of day (so ``iso`` keeps only what is known)."""
    value: datetime
    has_time: bool

    def iso(self) -> str:
        """"YYYY-MM-DDTHH:MM" when a time is known, else "YYYY-MM-DD" (SPEC's published format)."""
        return self.value.strftime("%Y-%m-%dT%H:%M" if self.has_time else "%Y-%m-%d")


def parse_date(text: str, anchor: Optional[datetime] = None, languages: Optional[Sequence[str]] = None,
               prefer: str = "past") -> Optional[ParsedDate]:
    """Like parse_datetime, but says whether a time of day is known ("Ayer 15:35", "2 hours ago": yes;
    "il y a 3 jours", "3 May 2019": no)."""
    value = parse_datetime(text, anchor, languages, prefer)
    if value is None:
        return None
    has_time = bool(_CLOCK.search(text))
    if not has_time and anchor is not None:
        # A relative offset in hours or minutes moves the clock away from both midnight and the anchor's time.
        base = anchor.replace(tzinfo=None)
        has_time = value.time() not in (time(0, 0), base.time().replace(second=0, microsecond=0),
                                        base.time())
    return ParsedDate(value, has_time)
