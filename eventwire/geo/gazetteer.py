"""The gazetteer: one SQLite file (built by scripts/build_gazetteer.py), opened lazily once per process.

Candidates are plain dicts with the Place fields (name, kind, country, admin1, lat, lon, geonames_id) plus
population and capital, so callers outside geo/ need no class of ours.
"""
from __future__ import annotations

import sqlite3
import threading
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Optional

from eventwire.errors import AnnotateError
from eventwire.geo.names import name_key

GAZETTEER_PATH = Path(__file__).resolve().parents[1] / "data" / "geo" / "gazetteer.sqlite"
_COLUMNS = ("name", "kind", "country", "admin1", "lat", "lon", "population", "geonames_id", "capital", "fame")
_local = threading.local()


def _db() -> sqlite3.Connection:
    # One read-only connection per thread (sqlite3 connections are not shared across threads).
    conn = getattr(_local, "conn", None)
    if conn is None:
        if not GAZETTEER_PATH.exists():
            raise AnnotateError(str(GAZETTEER_PATH), "gazetteer missing: run scripts/build_gazetteer.py")
        # immutable: the shipped file never changes, so readers take no locks (safe on read-only installs too).
        conn = sqlite3.connect(GAZETTEER_PATH.as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False)
        _local.conn = conn
    return conn


@lru_cache(maxsize=65536)
def _candidates_by_key(key: str) -> tuple[tuple, ...]:
    rows = _db().execute(
        f"SELECT {', '.join('p.' + c for c in _COLUMNS)}, n.alternate, n.abbreviation FROM names n "
        "JOIN places p ON p.id = n.place_id WHERE n.key = ?", (key,)).fetchall()
    return tuple(rows)


# A town reached only through one of GeoNames' alternate names ("Google" for Topeka, "Ramadan" for Turabah)
# is kept when the alternate is a spelling of its name, or the city is big enough to have exonyms
# ("Mailand", "Londres"): alternates of smaller places are often historic names or unrelated words.
TRUSTED_ALTERNATE_POPULATION = 1_000_000
SPELLING_SIMILARITY = 0.75   # "Hasan"~"Hassan", "Genève"~"Geneva"; not "Hamas"~"Hamm", "Pire"~"Piraeus"


def _spelling_of(a: str, b: str) -> bool:
    """Keys that spell one name: close ("hasan"/"hassan") or one inside the other when both are long enough
    ("newyork"/"newyorkcity"; not "gold"/"goldcoast")."""
    if min(len(a), len(b)) >= 6 and (a in b or b in a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY


def candidates(name: str) -> list[dict]:
    """Every gazetteer entry the name can denote (abbreviations such as "US" only when written in capitals)."""
    key = name_key(name)
    if len(key) < 2:
        return []
    out = []
    text = name.strip()
    acronym = text.replace(".", "").isupper() and len(text.replace(".", "")) <= 5
    for row in _candidates_by_key(key):
        alternate, abbreviation = row[-2], row[-1]
        if abbreviation and text.replace(".", "") != abbreviation.replace(".", ""):
            continue
        if acronym and not abbreviation and not row[0].isupper():
            continue   # "USI", "CEO": an acronym matches only a name written as one
        place = dict(zip(_COLUMNS, row[:-2]))
        main_key = name_key(place["name"])
        # Reached by another name than its own ("Sydney" for Sidney, Ohio), not a longer form ("New York City")
        place["by_alternate"] = bool(alternate) and not (min(len(key), len(main_key)) >= 6 and
                                                         (key in main_key or main_key in key))
        if " " in text and " " not in place["name"] and "-" not in place["name"] and \
                (place["population"] or 0) < TRUSTED_ALTERNATE_POPULATION and place["kind"] == "city":
            continue   # "White House" is not Whitehouse, Texas
        if alternate and (place["population"] or 0) < TRUSTED_ALTERNATE_POPULATION \
                and not _spelling_of(key, name_key(place["name"])):
            continue
        out.append(place)
    return out


@lru_cache(maxsize=1)
def function_words() -> frozenset:
    """Stop words of en/es/fr/de/it/pt (spaCy's lists, copied into the gazetteer by its builder)."""
    return frozenset(row[0] for row in _db().execute("SELECT word FROM function_words"))


@lru_cache(maxsize=4096)
def demonym_country(word: str) -> Optional[str]:
    """ISO3 of a demonym adjective ("Syrian" -> "SYR"), else None."""
    row = _db().execute("SELECT country FROM demonyms WHERE key = ?", (name_key(word),)).fetchone()
    return row[0] if row else None


@lru_cache(maxsize=512)
def _country_row(iso3: str) -> Optional[dict]:
    row = _db().execute(f"SELECT {', '.join(_COLUMNS)} FROM places WHERE kind = 'country' AND country = ?",
                        (iso3.upper(),)).fetchone()
    if row is None:
        return None
    place = dict(zip(_COLUMNS, row))
    cap = _db().execute("SELECT name, lat, lon, geonames_id FROM places WHERE kind = 'city' AND capital = 1 "
                        "AND country = ? ORDER BY population DESC LIMIT 1", (iso3.upper(),)).fetchone()
    if cap:
        place.update(capital=cap[0], capital_lat=cap[1], capital_lon=cap[2], capital_geonames_id=cap[3])
    else:
        place.update(capital=None, capital_lat=None, capital_lon=None, capital_geonames_id=None)
    return place


def country_place(iso3: str) -> Optional[dict]:
    """The country as a place: its centroid in lat/lon, its capital's name and coordinates beside them."""
    if not iso3 or len(iso3) != 3:
        return None
    found = _country_row(iso3)
    return dict(found) if found else None
