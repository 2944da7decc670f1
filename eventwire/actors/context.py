"""Step 2 of the actor pass: the country context — which countries an article names, where, and whether as a
place or as an actor — and the country a context-coded mention belongs to."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from eventwire.actors import dictionary
from eventwire.actors.candidates import Candidate, dictionary_matches, match_entries
from eventwire.actors.dictionary import COUNTRY_KINDS


def country_counts(doc, places) -> Counter:
    """How often each country is named (names, demonyms, capitals, geocoded places): the article's context."""
    counts: Counter = Counter()
    for span in dictionary_matches(doc):
        if span.label_ == "ACTOR":
            entries = match_entries(span)
            if entries and entries[0].kind in COUNTRY_KINDS:
                counts[entries[0].country] += 1
    for place in places or ():
        if place.country:
            counts[place.country] += 1
    return counts


def _sentence_bounds(doc, token_i: int) -> tuple[int, int]:
    sent = doc[token_i].sent
    return sent.start_char, sent.end_char


def context_country(doc, cand: Candidate, trail, counts: Counter, window: int = 600,
                    prefer: Optional[str] = None, sentence_only: bool = False) -> Optional[str]:
    """The country a group word or bare description belongs to, from the country trail around it.

    ``prefer="places"`` (people, fighters, civilians): they are where the text places them ("a Kurdish enclave
    inside Syria"), while the actors named beside them are often the ones acting on them ("Turkey shelled ...").
    ``prefer="actors"`` (a government, an army): the state last named as an actor ("the government says").
    Otherwise: the nearest country named before it in its sentence, else shortly before, else after it in the
    sentence, else the article's most named one."""
    allowed = set(cand.countries)
    pos = doc[cand.start].idx
    s_start, s_end = _sentence_bounds(doc, cand.start)
    first = doc[cand.start].sent.start
    prev_start = doc[first - 1].sent.start_char if first > 0 else s_start
    own = range(pos, doc[cand.end - 1].idx + len(doc[cand.end - 1]))
    fits = [(p, c, is_place) for p, c, is_place in trail if (not allowed or c in allowed) and p not in own]
    preferred = [f for f in fits if f[2] == (prefer == "places")] if prefer else []
    steps = []                                   # (entries, from, to, nearest-last?)
    if prefer:
        steps.append((preferred, s_start, pos, True))
        if prefer == "places":
            steps.append((preferred, pos, s_end, False))
        if not sentence_only:
            steps.append((preferred, prev_start, pos, True))
    steps.append((fits, s_start, pos, True))
    if not sentence_only:
        steps.append((fits, pos - window, pos, True))
    steps.append((fits, pos, s_end, False))
    for entries, lo, hi, last in steps:
        found = [c for p, c, _ in entries if lo <= p < hi]
        if found:
            return found[-1] if last else found[0]
    if sentence_only:
        return None
    ranked = [c for c, _ in counts.most_common() if not allowed or c in allowed]
    if ranked:
        return ranked[0]
    return cand.countries[0] if cand.countries else None


def is_venue(doc, place) -> bool:
    """'talks in Geneva', 'the summit in Helsinki': a place where people meet says nothing of whose they are."""
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None:
        return False
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in ("in", "at"):
        return False
    noun = prep.head
    meeting = dictionary.roles()["meeting_nouns"]
    return noun.lemma_.lower() in meeting or noun.lower_ in meeting


def home_country(places, share: float = 0.6, least: int = 3) -> Optional[str]:
    """The country a local story happens in: the one most geocoded places belong to, when it clearly dominates."""
    countries = Counter(p.country for p in places or () if p.country)
    if sum(countries.values()) < least:
        return None
    country, n = countries.most_common(1)[0]
    return country if n / sum(countries.values()) >= share else None
