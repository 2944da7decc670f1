"""resolve_expression: one temporal expression -> (value, precision), against an anchor date.

Precision is kept, not invented: "in December" is a month, "1967" a year, "May 14" a day. Choices:
- a bare month or month-day is the most recent one on or before the anchor (the past is what news reports),
  the next one on or after it in future tense;
- a weekday is the most recent on or before the anchor ("last Tuesday": strictly before), the next one in
  future tense or with "next";
- "last/this/next week" -> the month holding that week's Wednesday (a week has no precision of its own);
- "recently", "lately" -> the anchor's month (news uses them for the last few weeks);
- "N days/weeks ago" -> a day, "N months ago" -> a month, "N years ago" -> a year;
- durations ("for three years", "five years") and ages ("80-year-old") are not points in time: None.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Optional, Union

from eventwire.time.lexicon import fold, lexicon

Resolved = tuple[str, str]

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_NUMBER = re.compile(r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th|er)?(?![\d:])")
_AGE = re.compile(r"\d+[- ]?(?:year|yr|ano|an)s?[- ]old|\baged?\b|\bde edad\b")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d)")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)'?s\b|\bdecade|\bcentury|\bsiglo|\bsiecle|\bdecada|\bdecennie")


def _as_date(anchor: Union[date, datetime, str, None]) -> Optional[date]:
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    try:
        return datetime.fromisoformat(str(anchor).replace("Z", "+00:00")[:19]).date() if "T" in str(anchor) \
            else date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text)


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _fmt_day(d: date) -> Resolved:
    return d.isoformat(), "day"


def _fmt_month(year: int, month: int) -> Resolved:
    return f"{year:04d}-{month:02d}", "month"


def _fmt_year(year: int) -> Resolved:
    return f"{year:04d}", "year"


def _number(word: str) -> Optional[int]:
    if word.isdigit():
        return int(word)
    return lexicon().numbers.get(word)


def _direction(words: list[str]) -> str:
    """"past" | "this" | "next" | "" from the modifiers in the expression."""
    lx = lexicon()
    text = " ".join(words)
    if any(w in lx.next_words for w in words) or "que viene" in text:
        return "next"
    if any(w in lx.past_words for w in words):
        return "past"
    if any(w in lx.this_words for w in words) or "en curso" in text or "en cours" in text:
        return "this"
    return ""


def _is_duration(words: list[str], text: str) -> bool:
    """"for three years", "five years", "the past two weeks": spans of time, not points."""
    lx = lexicon()
    if _AGE.search(text):
        return True
    unit_at = [i for i, w in enumerate(words) if w in lx.units]
    if not unit_at:
        return False
    if any(w in lx.ago_after for w in words) or any(text.startswith(a) or f" {a} " in f" {text} " for a in lx.ago_before):
        return False
    i = unit_at[0]
    counted = i > 0 and _number(words[i - 1]) is not None and words[i - 1] not in ("a", "an", "un", "une", "una")
    plural = words[i] in lx.plural_units
    if counted or (plural and not any(w in lx.this_words for w in words)):
        return True   # "three years", "the past two weeks", "for years"
    return any(w in lx.duration_words for w in words[:i])


def _strip_lead(text: str) -> str:
    lx = lexicon()
    changed = True
    while changed:
        changed = False
        for lead in lx.lead_words:
            if text.startswith(lead + " ") or (lead.endswith("'") and text.startswith(lead)):
                text = text[len(lead):].lstrip()
                changed = True
                break
    return text


def _day_in_year(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_expression(text: str, anchor: Union[date, datetime, None], tense: Optional[str] = None
                       ) -> Optional[Resolved]:
    """(value, precision) of a temporal expression, resolved against ``anchor`` (the publication date);
    None when it is not a point in time or cannot be placed. ``tense``: "past" | "present" | "future" | None."""
    if not text or not text.strip():
        return None
    lx = lexicon()
    today = _as_date(anchor)
    folded = fold(text).strip(" .,;:()[]\"'")
    if _DECADE.search(folded):
        return None
    words = _words(folded)
    if not words:
        return None
    # Recently, lately, in recent weeks, récemment -> the anchor's month (before the duration rule: "recent
    # weeks" names when, not how long).
    if any(re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", folded) for w in lx.recent_words):
        return _fmt_month(today.year, today.month) if today else None
    if _is_duration(words, folded):
        return None
    future = tense == "future"

    iso = _ISO_DAY.search(folded)
    if iso:
        d = _day_in_year(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        return _fmt_day(d) if d else None
    iso_month = _ISO_MONTH.match(folded)
    if iso_month and 1 <= int(iso_month.group(2)) <= 12:
        return _fmt_month(int(iso_month.group(1)), int(iso_month.group(2)))

    if _NUMERIC_DATE.search(folded):
        return _fallback(folded, today, future)   # 14/02/2018: day-month order is dateparser's business

    body = _strip_lead(folded)
    # "the next day", "the previous year", "le jour suivant": relative to a date in the text, not to publication.
    if any(re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", body) for w in lx.anaphoric_words):
        return None
    years = [int(y) for y in _YEAR.findall(folded)]
    months = [lx.months[w] for w in words if w in lx.months]
    weekdays = [lx.weekdays[w] for w in words if w in lx.weekdays]
    units = [lx.units[w] for w in words if w in lx.units]
    direction = _direction(words)

    # Day words: yesterday, ayer, hier, avant-hier, tomorrow ...
    for phrase, offset in sorted(lx.day_offsets.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", body) and not months and not years:
            if phrase == "manana" and (body.startswith("la manana") or "por la manana" in body):
                continue   # "la mañana" is the morning, not tomorrow
            return _fmt_day(today + timedelta(days=offset)) if today else None

    # Weekends: "last weekend" is the one before this week; "the weekend" the latest (the next in future tense).
    if re.search(r"\bweek-?end\b|\bfin de semana\b", body):
        return _weekend(today, direction, future) if today else None

    # N units ago / hace N unidades / il y a N unités.
    if units and (any(w in ("ago",) for w in words) or any(body.startswith(a + " ") or f" {a} " in body
                                                          for a in lx.ago_before)):
        i = next(i for i, w in enumerate(words) if w in lx.units)
        n = _number(words[i - 1]) if i > 0 else 1
        unit = lx.units[words[i]]
        if today is None:
            return None
        if n is None and i > 0 and words[i - 1] in lx.vague_numbers:
            return _vague_ago(today, unit)
        if n is None:
            return None
        if unit == "day":
            return _fmt_day(today - timedelta(days=n))
        if unit == "week":
            return _fmt_day(today - timedelta(weeks=n))
        if unit == "month":
            return _fmt_month(*_month_shift(today.year, today.month, -n))
        return _fmt_year(today.year - n)

    # Month + day (+ year): May 14, 14 de mayo, le 14 mai 2025.
    if months:
        month = months[0]
        day_numbers = [int(m.group(1)) for m in _DAY_NUMBER.finditer(body) if 1 <= int(m.group(1)) <= 31]
        year = years[0] if years else None
        if year is None and re.search(r"\b(last year|ano pasado|annee derniere|an dernier)\b", body):
            year = today.year - 1 if today else None
        elif year is None and re.search(r"\b(this year|este ano|cette annee)\b", body):
            year = today.year if today else None
        if day_numbers:
            day = day_numbers[0]
            if year is not None:
                d = _day_in_year(year, month, day)
                return _fmt_day(d) if d else None
            if today is None:
                return None
            return _nearest_day(today, month, day, future or direction == "next")
        if year is not None:
            return _fmt_month(year, month)
        if today is None:
            return None
        if direction == "this":
            return _fmt_month(today.year, month)
        if direction == "next" or future:
            return _fmt_month(today.year if month >= today.month else today.year + 1, month)
        if direction == "past":   # "last December": strictly before this month
            return _fmt_month(today.year if month < today.month else today.year - 1, month)
        return _fmt_month(today.year if month <= today.month else today.year - 1, month)

    # Seasons: "last summer", "this spring" -> the year (northern hemisphere; a winter straddles two years).
    seasons = [lx.seasons[w] for w in words if w in lx.seasons]
    if seasons:
        if years:
            return _fmt_year(years[0])
        if today is None or not direction:
            return None
        first, last = seasons[0]
        if direction == "this":
            return _fmt_year(today.year)
        if direction == "next":
            return _fmt_year(today.year if today.month < first else today.year + 1)
        return _fmt_year(today.year if today.month > last else today.year - 1)

    # Weekdays: on Tuesday, el martes, mardi dernier, next Friday.
    if weekdays:
        if today is None:
            return None
        wd = weekdays[0]
        if direction == "next" or (future and direction != "past"):
            ahead = (wd - today.weekday()) % 7 or (7 if direction == "next" else 0)
            return _fmt_day(today + timedelta(days=ahead))
        back = (today.weekday() - wd) % 7
        if back == 0 and direction == "past":
            back = 7
        return _fmt_day(today - timedelta(days=back))

    # last/this/next week|month|year (with earlier/later), la semana pasada, le mois dernier, ce mois-ci.
    if units:
        unit = units[0]
        if today is None:
            return None
        if not direction:
            return None
        step = {"past": -1, "this": 0, "next": 1}[direction]
        if unit == "day":
            return _fmt_day(today + timedelta(days=step))
        if unit == "week":
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=step)
            wednesday = monday + timedelta(days=2)
            return _fmt_month(wednesday.year, wednesday.month)
        if unit == "month":
            return _fmt_month(*_month_shift(today.year, today.month, step))
        return _fmt_year(today.year + step)

    # A year on its own: 1967, in 2012, en 2012.
    if years:
        if len(years) == 1 or all(y == years[0] for y in years):
            return _fmt_year(years[0])
        return None   # "2011-2015": a range, not a point

    return _fallback(folded, today, future)


def _vague_ago(today: date, unit: str) -> Optional[Resolved]:
    """"a few days/weeks/months ago": only the coarser unit is sure (a few ~ three)."""
    if unit == "day":
        d = today - timedelta(days=3)
        return _fmt_month(d.year, d.month)
    if unit == "week":
        d = today - timedelta(weeks=3)
        return _fmt_month(d.year, d.month)
    if unit == "month":
        return _fmt_year(_month_shift(today.year, today.month, -3)[0])
    return None


def _weekend(today: date, direction: str, future: bool) -> Resolved:
    """The Saturday of the weekend meant (day precision: a weekend is named as one occasion)."""
    this_monday = today - timedelta(days=today.weekday())
    if direction == "past":
        return _fmt_day(this_monday - timedelta(days=2))
    if direction == "next":
        return _fmt_day(this_monday + timedelta(days=12))
    if today.weekday() >= 5:
        return _fmt_day(this_monday + timedelta(days=5))
    if future or direction == "this":
        return _fmt_day(this_monday + timedelta(days=5))
    return _fmt_day(this_monday - timedelta(days=2))


def _nearest_day(today: date, month: int, day: int, future: bool) -> Optional[Resolved]:
    """The year of a month-day without one: the latest on/before the anchor (past), earliest on/after (future)."""
    this_year = _day_in_year(today.year, month, day)
    if future:
        if this_year and this_year >= today:
            return _fmt_day(this_year)
        d = _day_in_year(today.year + 1, month, day)
    else:
        if this_year and this_year <= today:
            return _fmt_day(this_year)
        d = _day_in_year(today.year - 1, month, day)
    return _fmt_day(d) if d else None


def _fallback(folded: str, today: Optional[date], future: bool) -> Optional[Resolved]:
    """dateparser (via eventwire.dates) for forms the rules above do not know, at day precision only when the
    text itself names a day."""
    from eventwire.dates import parse_datetime
    if not _NUMERIC_DATE.search(folded):
        return None   # anything less than a numeric date ("24", "now") dateparser guesses more than reads
    anchor = datetime(today.year, today.month, today.day, 12) if today else None
    parsed = parse_datetime(folded, anchor=anchor, prefer="future" if future else "past")
    if parsed is None:
        return None
    return _fmt_day(parsed.date())
