"""When and where an event happened: the time expression and place of its own clause (from time/ and geo/),
else a defensible default (the publication month; the target's country for an act on its soil)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from eventwire.model import Article, Location, Span

# Prepositions that put an event somewhere ("in Riyadh", "near Damascus", "withdraw from Syria").
_PLACE_PREPS = {"in", "near", "at", "outside", "inside", "across", "around", "into", "from", "to", "throughout",
                "within", "along", "on", "towards", "toward", "over", "off"}
_WHERE_PREPS = {"in", "near", "at", "outside", "inside", "across", "around", "throughout", "within"}
# Where a movement or an attack is directed says where it happened: "withdraw from Syria", "strikes on Gaza".
_TYPE_PREPS = {"RETREAT": {"from", "to", "into", "out"}, "MOBILIZE": {"to", "into", "along", "on", "towards", "toward"},
               "CONSULT": {"to"}, "ASSAULT": {"on", "into", "over", "along", "off"}, "AID": {"to"},
               "COERCE": {"on", "into"}}
# Material acts happen where their target is when the text names no place (an airstrike "on Syria").
_TARGET_COUNTRY_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis", "xcomp"}
_NON_COUNTRY_LEADS = {"IGO", "UNO", "NGO", "MNC", "---", "INT", "REL", "CVL", "JEW"}


def clause_of(token):
    """The head of the clause stating the event (a noun climbs to the verb that carries it)."""
    current = token
    for _ in range(8):
        if current.dep_ in _CLAUSE_DEPS or current.head is current:
            return current
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return current
        current = current.head
    return current


def is_capital(name: str) -> bool:
    """Whether a place name is a capital city (talks there are with its government), per actors/ lookup."""
    try:
        from eventwire.actors import lookup
        found = lookup(name)
    except Exception:  # the actor dictionary is optional here: no capital known, no inference
        return False
    return bool(found) and found.get("kind") == "capital"


def place_in_clause(token, span: Span) -> bool:
    """Whether a place lies in what states the event: a noun's own phrase or the prepositions of the verb
    carrying it ("conducted airstrikes near Damascus"), a verb's clause without its trailing side clauses."""
    if token.pos_ in ("NOUN", "PROPN"):
        ranges = [_range(token)]
        verb = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
        if verb is not None and verb.pos_ == "ADP":
            verb = verb.head
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            ranges += [_range(c) for c in verb.children if c.dep_ == "prep" and c.i != token.i]
        return any(_within(span.start, span.end, r) for r in ranges)
    head = clause_of(token)
    start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    for child in head.children:
        if child.dep_ in ("advcl", "ccomp", "relcl", "acl", "xcomp") and child.i > token.i:
            end = min(end, child.left_edge.idx)   # a trailing side clause ("..., deploring X in Syria")
    return start <= span.start and span.end <= end


def _within(span_start, span_end, tok_range):
    return tok_range[0] <= span_start and span_end <= tok_range[1]


def _range(token):
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def event_date(article: Article, token, sentence) -> tuple[Optional[str], Optional[Span], bool]:
    """(value, span, explicit): the nearest resolved time in the clause, else in the sentence, else the
    publication month (explicit False): a news report states recent events unless it dates them."""
    times = [t for t in article.times
             if t.value and sentence.start_char <= t.span.start and t.span.end <= sentence.end_char]
    if times:
        clause = _range(clause_of(token))
        in_clause = [t for t in times if _within(t.span.start, t.span.end, clause)]
        pool = in_clause or times
        best = min(pool, key=lambda t: abs(t.span.start - token.idx))
        return best.value, best.span, True
    if article.published:
        # An undated event in a news report is news of the day (GDELT's convention: the publication date);
        # a past perfect ("had erupted") sets it further back, in a time the text does not give: the month only
        return (article.published[:7] if _past_perfect(token) else article.published[:10]), None, False
    return None, None, False


def _past_perfect(token) -> bool:
    verb = clause_of(token)
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _place_token_ok(doc, place, preps=_PLACE_PREPS) -> bool:
    """A place counts as where the event happened when a locative preposition introduces it."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    tok = root
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ in preps:
            return True
        if tok.dep_ in ("compound", "amod", "appos", "conj", "pobj") and tok.head is not tok:
            tok = tok.head if tok.dep_ != "pobj" else tok.head.head
            continue
        break
    return False


def _location_of(place) -> Location:
    if place.kind == "country":
        return Location(place.name, place.country, None, None)   # a country's centroid is no event's place
    return Location(place.name, place.country, place.lat, place.lon)


location_of = _location_of


@lru_cache(maxsize=512)
def country_location(iso3: str) -> Optional[Location]:
    """A country as a location: its name and code, without a point (a country is not a place on a map)."""
    if not iso3 or iso3 in _NON_COUNTRY_LEADS:
        return None
    name = None
    try:
        from eventwire.geo import country_place
        place = country_place(iso3)
        name = getattr(place, "name", None) if place is not None else None
    except Exception:  # geo/ not ready or no such country: fall back to pycountry's name
        name = None
    if name is None:
        import pycountry
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            return None
        name = getattr(country, "common_name", None) or country.name
    return Location(name, iso3, None, None)


def focus_country(article: Article) -> Optional[str]:
    """The country the article is mostly about: the one its places name most often (at least three times)."""
    counts: dict[str, int] = {}
    for place in article.places:
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    if not counts:
        return None
    country, n = max(counts.items(), key=lambda kv: kv[1])
    return country if n >= 3 else None


def event_location(article: Article, token, sentence, event_type: str, exclude: list[tuple[int, int]],
                   target_code: Optional[str], target_place=None, source_code: Optional[str] = None,
                   focus: Optional[str] = None) -> tuple[Optional[Location], Optional[Span]]:
    """The place of the event's clause, else a place introduced by a locative preposition in the sentence,
    else (for material acts) the country the article is about when neither side is from it ("Russian
    mercenaries fought US forces" in a report on Syria), else the target's country."""
    doc = article.doc
    places = [p for p in article.places
              if sentence.start_char <= p.span.start and p.span.end <= sentence.end_char and p.country
              and not any(p.span.start < e and p.span.end > s for s, e in exclude)]
    if target_place is not None:
        return _location_of(target_place), target_place.span
    clause = clause_of(token)
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        # "tensions in Sweida, where clashes had erupted": the place the clause hangs on
        antecedent = [p for p in article.places if p.span.start <= clause.head.idx < p.span.end and p.country]
        if antecedent:
            return _location_of(antecedent[0]), antecedent[0].span
    preps = _WHERE_PREPS | _TYPE_PREPS.get(event_type, set())
    if places:
        clause = _range(clause_of(token))
        own = _range(token)
        ranked = sorted(places, key=lambda p: (not _within(p.span.start, p.span.end, own),
                                               not _within(p.span.start, p.span.end, clause),
                                               abs(p.span.start - token.idx)))
        for place in ranked:
            if _within(place.span.start, place.span.end, clause) and _place_token_ok(doc, place, preps):
                return _location_of(place), place.span
        for place in ranked:
            # outside the event's clause only a place that says where ("in", "near") counts, not "from X"
            if _place_token_ok(doc, place, _WHERE_PREPS):
                return _location_of(place), place.span
    if event_type in _TARGET_COUNTRY_TYPES and target_code:
        leads = {target_code[:3], (source_code or "")[:3]}
        named = sum(1 for p in article.places if p.country == target_code[:3])
        if focus and focus not in leads and not (leads & _NON_COUNTRY_LEADS) and named < 2:
            # foreign forces clashing in the country the report is about ("Russian mercenaries fought US
            # special forces" in a report on Syria): that country, not the target's homeland
            return country_location(focus), None
        return country_location(target_code[:3]), None
    return None, None
