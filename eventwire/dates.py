"""The one date parser (dateparser), shared by clean (publication dates) and time (temporal expressions).

Relative forms ("Ayer 15:35", "hier à 10h", "2 hours ago", "il y a 3 jours") resolve against ``anchor``:
the retrieval time for a publication date, the publication date for an expression in the body.
"""
from __future__ import annotations

from datetime import datetime
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
