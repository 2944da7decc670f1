"""Event filters → one SQL WHERE clause over ``events e JOIN articles a``; the same names in Python, CLI and REST.

Values may come typed (Python) or as strings (CLI, query strings): ``bbox="35,32,37,34"``, ``near="33.5,36.3,50"``,
``attributed="true"``, ``type="ASSAULT,COERCE"``.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Optional

from eventwire.errors import StoreError

FILTER_NAMES = ("actor", "source", "target", "country", "type", "mode", "quad_class", "since", "until", "modality",
                "attributed", "text", "place", "bbox", "near", "article_id", "cluster_id", "story_id")

_CODE = re.compile(r"^(?:---|[A-Z]{3}[A-Z]*)$")   # a CAMEO-style code (prefix); anything else is a name


def _bad(name: str, value: Any, why: str) -> StoreError:
    return StoreError(f"filter {name}={value!r}", why)


def listed(value: Any) -> list[str]:
    """A list from a list or a comma-separated string."""
    items = value if isinstance(value, (list, tuple, set)) else str(value).split(",")
    return [str(v).strip() for v in items if str(v).strip()]


def _numbers(name: str, value: Any, n: int) -> list[float]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    try:
        numbers = [float(v) for v in items]
    except (TypeError, ValueError):
        numbers = []
    if len(numbers) != n:
        raise _bad(name, value, f"expected {n} comma-separated numbers")
    return numbers


def _day(name: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        parts = [int(p) for p in text[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        raise _bad(name, value, "expected a date YYYY[-MM[-DD]]") from None


def _truth(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y"):
        return True
    if text in ("0", "false", "no", "n"):
        return False
    raise _bad(name, value, "expected true or false")


def _actor_side(column: str, text_column: str, value: str) -> tuple[str, list]:
    """A code prefix (SYR, SYRGOV) on the code column, else a case-insensitive name match on its text."""
    if _CODE.match(value):
        if len(value) == 3:      # a country or group: the indexed leading-part column answers it exactly
            return f"{column}3 = ?", [value]
        return f"{column} LIKE ?", [value + "%"]
    return f"strpos(lower(coalesce({text_column}, '')), ?) > 0", [value.lower()]


def _either(values: list[str], *sides: tuple[str, str]) -> tuple[str, list]:
    clauses, params = [], []
    for value in values:
        for column, text_column in sides:
            sql, p = _actor_side(column, text_column, value)
            clauses.append(sql)
            params += p
    return "(" + " OR ".join(clauses) + ")", params


def where(filters: Optional[dict] = None, **more: Any) -> tuple[str, list]:
    """(" WHERE ...", params) for the filters given (None and "" mean: not filtered)."""
    given = {k: v for k, v in {**(filters or {}), **more}.items() if v is not None and v != "" and v != ()}
    unknown = set(given) - set(FILTER_NAMES)
    if unknown:
        raise StoreError("filters", f"unknown filter(s) {sorted(unknown)}; known: {', '.join(FILTER_NAMES)}")
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, p: list) -> None:
        clauses.append(sql)
        params.extend(p)

    if "actor" in given:
        add(*_either(listed(given["actor"]), ("e.source", "e.source_text"), ("e.target", "e.target_text")))
    if "source" in given:
        add(*_either(listed(given["source"]), ("e.source", "e.source_text")))
    if "target" in given:
        add(*_either(listed(given["target"]), ("e.target", "e.target_text")))
    if "country" in given:
        codes = [c.upper()[:3] for c in listed(given["country"])]
        marks = ", ".join("?" * len(codes))
        add(f"(e.source3 IN ({marks}) OR e.target3 IN ({marks}) OR e.loc_country IN ({marks}))", codes * 3)
    for name, column, upper in (("type", "e.type", True), ("mode", "e.mode", False),
                                ("modality", "e.modality", False), ("article_id", "e.article_id", False),
                                ("story_id", "e.story_id", False)):
        if name in given:
            values = [v.upper() if upper else v for v in listed(given[name])]
            add(f"{column} IN ({', '.join('?' * len(values))})", values)
    for name, column in (("quad_class", "e.quad_class"), ("cluster_id", "e.cluster_id")):
        if name in given:
            try:
                values = [int(v) for v in listed(given[name])]
            except ValueError:
                raise _bad(name, given[name], "expected integer(s)") from None
            add(f"{column} IN ({', '.join('?' * len(values))})", values)
    if "since" in given:   # event date interval, the published day for undated events (stored in day_lo/day_hi)
        add("e.day_hi >= ?", [_day("since", given["since"])])
    if "until" in given:
        add("e.day_lo <= ?", [_day("until", given["until"])])
    if "attributed" in given:
        add("e.attribution IS NOT NULL" if _truth("attributed", given["attributed"]) else "e.attribution IS NULL", [])
    if "text" in given:
        needle = str(given["text"]).lower()
        add("(strpos(lower(coalesce(e.evidence, '')), ?) > 0 OR strpos(lower(coalesce(a.title, '')), ?) > 0)",
            [needle, needle])
    if "place" in given:
        needle = str(given["place"]).strip()
        add("(strpos(lower(coalesce(e.loc_name, '')), ?) > 0 OR strpos(lower(coalesce(e.loc_admin1, '')), ?) > 0"
            " OR e.loc_country = ?)", [needle.lower(), needle.lower(), needle.upper()])
    if "bbox" in given:
        min_lon, min_lat, max_lon, max_lat = _numbers("bbox", given["bbox"], 4)
        if min_lon > max_lon or min_lat > max_lat:
            raise _bad("bbox", given["bbox"], "expected min_lon,min_lat,max_lon,max_lat")
        add("e.loc_lon BETWEEN ? AND ? AND e.loc_lat BETWEEN ? AND ?", [min_lon, max_lon, min_lat, max_lat])
    if "near" in given:
        lat, lon, km = _numbers("near", given["near"], 3)
        # A latitude band first (cheap, uses no trigonometry), then the great-circle distance.
        add("e.loc_lat BETWEEN ? AND ? AND 2 * 6371.0088 * asin(sqrt(least(1.0, "
            "power(sin(radians(e.loc_lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(e.loc_lat)) "
            "* power(sin(radians(e.loc_lon - ?) / 2), 2)))) <= ?",
            [lat - km / 110.0, lat + km / 110.0, lat, lat, lon, km])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


SORTS = {
    "date": "e.day_lo ASC NULLS LAST, e.id ASC",
    "-date": "e.day_lo DESC NULLS LAST, e.id DESC",
    "published": "a.published_day ASC NULLS LAST, e.id ASC",
    "-published": "a.published_day DESC NULLS LAST, e.id DESC",
    "confidence": "e.confidence ASC NULLS LAST, e.id ASC",
    "-confidence": "e.confidence DESC NULLS LAST, e.id ASC",
    "intensity": "e.intensity ASC NULLS LAST, e.id ASC",
    "-intensity": "e.intensity DESC NULLS LAST, e.id ASC",
    "id": "e.id ASC",
    "-id": "e.id DESC",
}


def order_by(sort: str) -> str:
    if sort not in SORTS:
        raise StoreError(f"sort={sort!r}", f"unknown sort; known: {', '.join(SORTS)}")
    return " ORDER BY " + SORTS[sort]
