"""The same real-world event across articles: which event mentions belong to one event cluster.

Two mentions are one event when they have the same PLOVER type and dyad (leading 3 letters of source and
target; either order for symmetric types), compatible dates (their intervals overlap once widened by a window)
and compatible places (same country; within ``max_km`` when both have coordinates). Events with an unknown
actor ("---") only join mentions from copies of the same story: a type alone says too little to merge them.
Two events of one article are never one cluster (the store applies this): the coder has already merged an
article's repeats, so what it keeps apart are distinct events.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from eventwire.model import Event

UNKNOWN = "---"
DATE_WINDOW_DAYS = 1        # reports of one event disagree by a day (time zones, "yesterday" resolved late)
UNDATED_LOOKBACK_DAYS = 3   # an undated event was reported shortly after it happened
MAX_KM = 100.0


@dataclass
class Mention:
    """What clustering needs to know about one event mention."""
    type: str
    dyad: str
    scope: Optional[str]
    symmetric: bool
    day_lo: Optional[date]
    day_hi: Optional[date]
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]


def leading(code: Optional[str]) -> str:
    code = (code or "").strip().upper()
    return code[:3] if len(code) >= 3 and code != UNKNOWN else UNKNOWN


def dyad_key(source: str, target: str, symmetric: bool) -> str:
    pair = [leading(source), leading(target)]
    if symmetric:
        pair.sort()
    return "|".join(pair)


def date_interval(value: Optional[str]) -> Optional[tuple[date, date]]:
    """First and last day covered by "YYYY", "YYYY-MM" or "YYYY-MM-DD[...]"; None when unreadable."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


def mention_of(event: Event, published: Optional[str], story_id: str) -> Mention:
    interval = date_interval(event.date)
    if interval is None:
        reported = date_interval(published)
        if reported is not None:
            interval = (reported[0] - timedelta(days=UNDATED_LOOKBACK_DAYS), reported[1])
    dyad = dyad_key(event.source, event.target, event.symmetric)
    loc = event.location
    return Mention(
        type=event.type, dyad=dyad, scope=story_id if UNKNOWN in dyad.split("|") else None,
        symmetric=event.symmetric, day_lo=interval[0] if interval else None, day_hi=interval[1] if interval else None,
        country=(loc.country if loc else None), lat=(loc.lat if loc else None), lon=(loc.lon if loc else None))


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def dates_compatible(m: Mention, day_lo: Optional[date], day_hi: Optional[date],
                     window_days: int = DATE_WINDOW_DAYS) -> bool:
    if m.day_lo is None or day_lo is None:
        return True        # nothing says they differ
    window = timedelta(days=window_days)
    return m.day_lo <= day_hi + window and day_lo <= m.day_hi + window


def places_compatible(m: Mention, country: Optional[str], lat: Optional[float], lon: Optional[float],
                      max_km: float = MAX_KM) -> bool:
    if m.country and country and m.country != country:
        return False
    if None not in (m.lat, m.lon, lat, lon):
        return km_between(m.lat, m.lon, lat, lon) <= max_km
    return True


def best_cluster(m: Mention, candidates: list[dict], window_days: int = DATE_WINDOW_DAYS,
                 max_km: float = MAX_KM) -> Optional[dict]:
    """The candidate cluster (rows with type, dyad, scope, day_lo, day_hi, loc_*) this mention joins, or None.

    Among compatible clusters the one whose dates are closest wins, then the most mentioned.
    """
    fitting = [c for c in candidates
               if c["type"] == m.type and c["dyad"] == m.dyad and c.get("scope") == m.scope
               and dates_compatible(m, c.get("day_lo"), c.get("day_hi"), window_days)
               and places_compatible(m, c.get("loc_country"), c.get("loc_lat"), c.get("loc_lon"), max_km)]
    if not fitting:
        return None

    def distance(c: dict) -> tuple:
        if m.day_lo is None or c.get("day_lo") is None:
            gap = 10 ** 6
        else:
            gap = abs((m.day_lo - c["day_lo"]).days) + abs((m.day_hi - c["day_hi"]).days)
        return gap, -int(c.get("n_mentions") or 0), c["id"]
    return min(fitting, key=distance)


def narrower(current: tuple[Optional[date], Optional[date]], new: tuple[Optional[date], Optional[date]]) -> bool:
    """True when the new interval is known and tighter than the current one (a more precise date)."""
    if new[0] is None:
        return False
    if current[0] is None:
        return True
    return (new[1] - new[0]) < (current[1] - current[0])
