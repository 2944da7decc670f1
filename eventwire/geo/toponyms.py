"""Toponym spans in a parsed article: spaCy GPE/LOC/FAC entities, and capitalised names the gazetteer knows that
NER missed (the English model misses many in Spanish and French text, and small Syrian towns everywhere)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from eventwire.geo.gazetteer import candidates, demonym_country, function_words

WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "geo" / "toponym_words.json"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# The small English model often labels a town it does not know PERSON/ORG/PRODUCT ("Baghuz", "Manbij",
# "Crimea"); such an entity is a place only when the gazetteer and the article's context agree (see geo.resolve).
MISLABELLED = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}
MAX_NAME_TOKENS = 5
# A name NER missed is taken only when the gazetteer holds something news-worthy under it: a country,
# region, admin1, or a town this big (small towns share names with people and common words).
MIN_POPULATION_UNTAGGED = 20000


@dataclass
class Toponym:
    start: int                   # char offsets of the place name in Article.text
    end: int
    text: str
    lookup_text: str             # the name as looked up (articles, "province" stripped)
    candidates: list[dict]
    admin_hint: bool = False     # "X province", "provincia de X": read X as an admin1/region
    from_ner: bool = True
    qualifier: Optional["Toponym"] = None   # "Paris, Texas": Texas qualifies Paris
    qualifies: Optional["Toponym"] = None   # ... and Paris is what Texas contains
    # Why the name is only a candidate place: the entity label NER gave it (PERSON, ORG, ...), "UNTAGGED"
    # (no entity), "UNREAD" (a language the NER model does not read); None for a GPE/LOC/FAC entity.
    weak_label: Optional[str] = None


@lru_cache(maxsize=1)
def words() -> dict:
    data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    return {
        "admin": {w.lower() for w in data["admin_words"]},
        "admin_prefixes": [p.lower().split() for p in data["admin_prefixes"]],
        "leading": {w.lower() for w in data["leading_words"]},
        "direction": {w.lower() for w in data["direction_words"]},
        "connectors": {w.lower() for w in data["connectors"]},
        "not_places": set(data["not_places"]),
        "determiners": {w.lower() for w in data["determiners"]},
    }


def _trim(tokens: list) -> list:
    """Drops leading articles and a trailing possessive: "the Golan Heights" -> "Golan Heights"."""
    w = words()
    while len(tokens) > 1 and tokens[0].lower_ in w["leading"]:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in ("'s", "’s", "'", "’", ".", ","):
        tokens = tokens[:-1]
    return tokens


def _toponym_from_tokens(tokens: list, from_ner: bool, text: str) -> Optional[Toponym]:
    tokens = _trim(tokens)
    while tokens and tokens[-1].is_space:
        tokens = tokens[:-1]
    if not tokens:
        return None
    w = words()
    admin_hint = False
    doc = tokens[0].doc
    # "Quneitra province": the admin word is part of the place, and says which reading is meant.
    if len(tokens) > 1 and tokens[-1].lower_ in w["admin"]:
        name_tokens, admin_hint = tokens[:-1], True
    else:
        name_tokens = tokens
        nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in w["admin"]:
            tokens, admin_hint = tokens + [nxt], True
    # "provincia de Idlib", "the province of Quneitra"
    before = [t.lower_ for t in doc[max(0, tokens[0].i - 3):tokens[0].i]]
    if any(before[-len(p):] == p for p in w["admin_prefixes"] if len(before) >= len(p)):
        admin_hint = True
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name_start, name_end = name_tokens[0].idx, name_tokens[-1].idx + len(name_tokens[-1].text)
    lookup_text = text[name_start:name_end]
    if not lookup_text[:1].isupper():
        return None    # "el presidente": a place name is written with a capital
    if lookup_text.lower() in w["direction"] or (lookup_text.lower() in _function_words()
                                                 and not lookup_text.isupper()):
        return None    # "East", "University", "Will": a common word, not the town of that name
    found = candidates(lookup_text)
    # "eastern Ghouta", "south-west Syria": the place is the name after the direction word (only when the
    # whole is unknown, so "South Sudan" and "West Bank" stay themselves).
    while not found and len(name_tokens) > 1 and (name_tokens[0].lower_ in w["direction"] or name_tokens[0].text == "-"):
        name_tokens = name_tokens[1:]
        name_start = name_tokens[0].idx
        lookup_text = text[name_start:name_end]
        found = candidates(lookup_text)
    if not found:
        return None
    return Toponym(start, end, text[start:end], lookup_text, found, admin_hint, from_ner)


@lru_cache(maxsize=1)
def _function_words() -> frozenset:
    """Function words (spaCy's stop words, in the gazetteer) and the curated common words that are also town
    names: "Le", "Will", "University" open sentences and name institutions, not towns."""
    return function_words() | {w.lower() for w in words()["not_places"]}


def _big_country(cands: list[dict]) -> bool:
    """A country or admin1 of a million people or more ("la Syrie", "le Texas", "die Türkei")."""
    return any(c["kind"] in ("country", "admin1") and (c["population"] or 0) >= 1_000_000 for c in cands)


def _newsworthy(cands: list[dict]) -> bool:
    return any(c["kind"] in ("country", "region", "admin1", "place") or c["capital"]
               or (c["population"] or 0) >= MIN_POPULATION_UNTAGGED for c in cands)


def find_toponyms(doc, use_ner: bool = True) -> list[Toponym]:
    """Toponyms in document order, without overlaps. ``use_ner=False`` for text the (English) NER model cannot
    read: every capitalised name is then looked up in the gazetteer."""
    text = doc.text   # Doc.text joins every token: read it once
    ents = list(doc.ents) if use_ner else []
    found = _entity_toponyms(ents, text) + _untagged_toponyms(doc, ents, text, use_ner)
    found = _mind_people(found, ents)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Toponym] = []
    for top in found:
        if not out or top.start >= out[-1].end:
            out.append(top)
    # "Paris, Texas" / "Tripoli, Lebanon": a comma and a country or admin1 right after a name qualifies it.
    for a, b in zip(out, out[1:]):
        if text[a.end:b.start].strip() == "," and any(c["kind"] in ("country", "admin1") for c in b.candidates):
            a.qualifier, b.qualifies = b, a
    return out


def _entity_toponyms(ents: list, text: str) -> list[Toponym]:
    found = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            top = _toponym_from_tokens(list(ent), True, text)
        elif ent.label_ in MISLABELLED and not (ent.label_ == "NORP" and demonym_country(ent.text)):
            top = _toponym_from_tokens(list(ent), False, text)
            if top is not None and not _newsworthy(top.candidates):
                top = None
            if top is not None:
                top.weak_label = ent.label_
        else:
            top = None
        if top is not None:
            found.append(top)
    return found


def _untagged_toponyms(doc, ents: list, text: str, use_ner: bool) -> list[Toponym]:
    """Names NER missed: the longest run of capitalised words (and connectors) outside every entity that the
    gazetteer knows as something news-worthy."""
    in_entity = [False] * len(doc)
    for ent in ents:
        for t in ent:
            in_entity[t.i] = True
    w = words()
    found = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        matched = None
        if not in_entity[i] and tok.text[:1].isupper():
            for n in range(MAX_NAME_TOKENS, 0, -1):
                span = doc[i:i + n]
                if len(span) < n or any(in_entity[t.i] for t in span) or not span[-1].text[:1].isupper():
                    continue
                if any(not (t.text[:1].isupper() or t.lower_ in w["connectors"]) for t in span):
                    continue
                if n == 1 and use_ner and tok.pos_ != "PROPN" and not tok.is_upper:
                    continue
                if n == 1 and (tok.lower_ in _function_words() or (tok.is_sent_start and tok.is_stop)):
                    continue
                top = _toponym_from_tokens(list(span), False, text)
                if top is not None and n == 1 and not use_ner and i > 0 and \
                        doc[i - 1].lower_ in w["determiners"] and not _big_country(top.candidates):
                    continue   # "ein Mann", "die Tür": a noun; "die Türkei", "le Texas" are still places
                if top is not None and _newsworthy(top.candidates):
                    top.weak_label = "UNTAGGED" if use_ner else "UNREAD"
                    matched = (top, n)
                    break
        if matched:
            found.append(matched[0])
            i += matched[1]
        else:
            i += 1
    return found


def _mind_people(found: list[Toponym], ents: list) -> list[Toponym]:
    """A word of a person's full name elsewhere ("Barack Obama" ... "Obama") is that person; a word NER calls a
    one-word PERSON somewhere is a place only where the article's context says so (the model calls towns it
    does not know people: "Baghuz")."""
    full_names = {t.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    single_names = {ent.text for ent in ents if ent.label_ == "PERSON" and len(ent) == 1}
    kept = []
    for top in found:
        is_country = any(c["kind"] == "country" for c in top.candidates)
        if " " not in top.lookup_text and top.lookup_text in full_names and not is_country:
            continue
        if top.lookup_text in single_names and not is_country:
            top.weak_label = "PERSON"
        kept.append(top)
    return kept
