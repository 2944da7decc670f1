"""Choosing one gazetteer entry per toponym: a prior from what the place is (kind, population, capital) plus
evidence from the rest of the article (countries named, demonyms, other places in the same admin1, "X, Y")."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable, Optional

# Prior, on a log10(population) scale so a 10x bigger place gains one point.
COUNTRY_BONUS = 4.0      # "Georgia" alone is the country, not the US state; "Mexico" not Mexico City
COUNTRY_FAME = 100       # countries are as famous as the most famous towns
ADMIN1_FAME = 30         # admin1s as a well-known city (the packages give them few names: no measure of fame)
CAPITAL_BONUS = 1.0      # news names capitals far more often than namesakes
ADMIN1_PENALTY = -1.0    # an admin1's population sums its cities: without this "New York" would be the state
# Fame: log10 of how many names the world has for a place (GeoNames alternate names). Geneva, Switzerland
# (60 names, 0.2M people) beats Geneva, Illinois (11 names) even in an American story.
FAME_WEIGHT = 2.5
ALTERNATE_PENALTY = -2.0  # a town reached by one of GeoNames' alternate spellings ("Sydney" for Sidney, Ohio)
CURATED_PRIOR = 10.0     # hand-curated regions exist because news names them ("Golan Heights", "Donbas")
ADMIN_HINT_BONUS = 3.0   # "Idlib province" reads Idlib as the admin1/region
# Evidence from the article: enough to flip Tripoli (Libya, 1.3M) to Tripoli (Lebanon, 0.2M) when Lebanon is
# named, not enough to flip Paris (France) to Paris (Texas) for one mention of the US.
COUNTRY_CONTEXT = 2.5
ADMIN1_CONTEXT = 2.0
QUALIFIER_CONTEXT = 10.0


def prior(place: dict) -> float:
    kind = place["kind"]
    if kind in ("region", "place") and not place.get("population"):
        return CURATED_PRIOR
    score = math.log10((place.get("population") or 0) + 10)
    fame = {"country": COUNTRY_FAME, "admin1": ADMIN1_FAME}.get(kind, place.get("fame") or 0)
    score += FAME_WEIGHT * math.log10(1 + fame)
    if kind == "country":
        score += COUNTRY_BONUS
    elif kind == "admin1":
        score += ADMIN1_PENALTY
    if place.get("capital"):
        score += CAPITAL_BONUS
    if place.get("by_alternate"):
        score += ALTERNATE_PENALTY
    return score


class Context:
    """What the article says about where it is: countries and admin1s with the names that evidence them."""

    def __init__(self) -> None:
        self.countries: dict[str, set[str]] = defaultdict(set)     # iso3 -> keys of the names that evidence it
        self.admin1s: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add_country(self, iso3: Optional[str], evidence: str) -> None:
        if iso3:
            self.countries[iso3].add(evidence)

    def add_admin1(self, iso3: Optional[str], admin1: Optional[str], evidence: str) -> None:
        if iso3 and admin1:
            self.admin1s[(iso3, admin1)].add(evidence)

    def has_country(self, iso3: Optional[str], besides: str = "") -> bool:
        return bool(self.countries.get(iso3, set()) - {besides})

    def has_admin1(self, iso3: Optional[str], admin1: Optional[str], besides: str = "") -> bool:
        return bool(self.admin1s.get((iso3, admin1), set()) - {besides})


def context_from_countries(countries: Iterable[str]) -> Context:
    ctx = Context()
    for iso3 in countries:
        ctx.add_country(iso3.upper()[:3], "given")
    return ctx


def score(place: dict, ctx: Context, evidence_key: str = "", admin_hint: bool = False,
          qualifiers: Optional[list[dict]] = None, contained: Optional[list[dict]] = None) -> float:
    total = prior(place)
    if admin_hint and place["kind"] in ("admin1", "region"):
        total += ADMIN_HINT_BONUS
    if ctx.has_country(place["country"], besides=evidence_key):
        total += COUNTRY_CONTEXT
    if place["kind"] != "country" and ctx.has_admin1(place["country"], place["admin1"], besides=evidence_key):
        total += ADMIN1_CONTEXT
    if qualifiers and any(q["country"] == place["country"] and (q["kind"] == "country" or q["admin1"] == place["admin1"])
                          for q in qualifiers):
        total += QUALIFIER_CONTEXT
    # "Atlanta, Georgia": Georgia is read as the container of some Atlanta.
    if contained and place["kind"] in ("country", "admin1") and any(
            x["country"] == place["country"] and x["kind"] != "country"
            and (place["kind"] == "country" or x["admin1"] == place["admin1"]) for x in contained):
        total += QUALIFIER_CONTEXT
    return total


def best(cands: list[dict], ctx: Context, evidence_key: str = "", admin_hint: bool = False,
         qualifiers: Optional[list[dict]] = None, contained: Optional[list[dict]] = None) -> Optional[dict]:
    if not cands:
        return None
    # Ties go to the bigger place, then the lower geonames id (stable across runs).
    return max(cands, key=lambda c: (score(c, ctx, evidence_key, admin_hint, qualifiers, contained),
                                     c.get("population") or 0, -(c.get("geonames_id") or 0)))
