"""Query parameters → the store's filter keywords (the same names: actor, source, target, country, ...).

Values are checked here so a malformed filter is a 422 naming the parameter, never a store error.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Optional

from fastapi import Query

from eventwire.api.errors import ApiError
from eventwire.model import EVENT_TYPES, MODALITIES


def _one_or_more(words, lower_too: bool = False) -> str:
    """A pattern for one word of ``words`` or several, comma-separated (the store reads both).

    Plain alternatives, no inline flags: OpenAPI patterns are ECMA-262 regexes that clients also run.
    """
    words = list(words) + ([w.lower() for w in words] if lower_too else [])
    one = "(" + "|".join(words) + ")"
    return f"^{one}(,{one})*$"


TYPE_PATTERN = _one_or_more(EVENT_TYPES, lower_too=True)   # the store upper-cases types
MODALITY_PATTERN = _one_or_more(MODALITIES)
QUAD_PATTERN = _one_or_more("1234")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


def _floats(name: str, raw: str, count: int) -> list[float]:
    parts = raw.split(",")
    if len(parts) != count:
        raise ApiError(422, "validation_error", f"{name} needs {count} comma-separated numbers", f"query.{name}")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ApiError(422, "validation_error", f"{name} holds a value that is not a number", f"query.{name}")
    if any(v != v or v in (float("inf"), float("-inf")) for v in values):
        raise ApiError(422, "validation_error", f"{name} holds a value that is not a finite number", f"query.{name}")
    return values


def checked_day(name: str, raw: str) -> str:
    """A YYYY[-MM[-DD]] that names a real day, month or year (the pattern alone lets 2025-13-45 through)."""
    parts = [int(p) for p in raw.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ApiError(422, "validation_error", f"{name}={raw} is not a calendar date", f"query.{name}") from None
    return raw


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """"minlon,minlat,maxlon,maxlat" → a tuple, checked to be a box on the globe."""
    min_lon, min_lat, max_lon, max_lat = _floats("bbox", raw, 4)
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiError(422, "validation_error", "bbox is minlon,minlat,maxlon,maxlat within -180..180 / -90..90",
                       "query.bbox")
    return min_lon, min_lat, max_lon, max_lat


def parse_near(raw: str) -> tuple[float, float, float]:
    """"lat,lon,km" → a tuple; the radius must be positive."""
    lat, lon, km = _floats("near", raw, 3)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_040):
        raise ApiError(422, "validation_error", "near is lat,lon,km with lat -90..90, lon -180..180, 0 < km",
                       "query.near")
    return lat, lon, km


def event_filters(
    actor: Annotated[Optional[str], Query(min_length=1, max_length=100, description="Source or target: a code prefix (SYR matches SYRGOV) or words of the actor's name; several comma-separated.")] = None,
    source: Annotated[Optional[str], Query(min_length=1, max_length=100, description="Source actor: code prefix or name words.")] = None,
    target: Annotated[Optional[str], Query(min_length=1, max_length=100, description="Target actor: code prefix or name words.")] = None,
    country: Annotated[Optional[str], Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 country of the event's location.")] = None,
    type: Annotated[Optional[str], Query(pattern=TYPE_PATTERN, description="PLOVER event type(s), comma-separated.", examples=["ASSAULT,COERCE"])] = None,
    mode: Annotated[Optional[str], Query(max_length=60, description="PLOVER mode word.")] = None,
    quad_class: Annotated[Optional[str], Query(pattern=QUAD_PATTERN, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict; comma-separated.")] = None,
    modality: Annotated[Optional[str], Query(pattern=MODALITY_PATTERN, description="asserted, reported, hedged, negated, intended; comma-separated.")] = None,
    attributed: Annotated[Optional[bool], Query(description="Only events attributed to a source (true) or in the article's own voice (false).")] = None,
    since: Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="Event date on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="Event date on or before (YYYY[-MM[-DD]]).")] = None,
    place: Annotated[Optional[str], Query(max_length=200, description="Location name (case-insensitive).")] = None,
    text: Annotated[Optional[str], Query(max_length=500, description="Words in the evidence or article title.")] = None,
    bbox: Annotated[Optional[str], Query(max_length=200, description="minlon,minlat,maxlon,maxlat", examples=["35,29,43,38"])] = None,
    near: Annotated[Optional[str], Query(max_length=200, description="lat,lon,km", examples=["33.51,36.29,50"])] = None,
    article_id: Annotated[Optional[str], Query(max_length=64)] = None,
    cluster_id: Annotated[Optional[int], Query(ge=0, le=2**62)] = None,
    story_id: Annotated[Optional[str], Query(max_length=64)] = None,
) -> dict[str, Any]:
    """The filters given, as keywords for the store's query methods."""
    given = {"actor": actor, "source": source, "target": target, "country": country.upper() if country else None,
             "type": type, "mode": mode, "quad_class": quad_class, "modality": modality, "attributed": attributed,
             "since": checked_day("since", since) if since else None,
             "until": checked_day("until", until) if until else None, "place": place, "text": text,
             "article_id": article_id, "cluster_id": cluster_id, "story_id": story_id,
             "bbox": parse_bbox(bbox) if bbox is not None else None,
             "near": parse_near(near) if near is not None else None}
    return {k: v for k, v in given.items() if v is not None}


def paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, int]:
    return {"limit": limit, "offset": offset}
