"""The actor dictionary and role lexicon (data/actors/), loaded lazily once per process, and matching over a Doc."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parent.parent / "data" / "actors"
COUNTRY_KINDS = ("country", "demonym", "capital")
NON_COUNTRY_PREFIXES = ("IGO", "NGO", "UNO", "MNC", "---")


@dataclass(frozen=True)
class Entry:
    name: str
    code: str
    kind: str                      # country | demonym | capital | igo | ngo | institution | party | group | person
    country: Optional[str]
    wikidata: Optional[str]
    countries: tuple = ()          # alternative home countries of a transnational group
    generic: bool = False          # a name many countries use (Congress, Labour Party): the article's country

    def as_dict(self) -> dict:
        return {"name": self.name, "code": self.code, "kind": self.kind, "country": self.country,
                "wikidata": self.wikidata, "countries": list(self.countries), "generic": self.generic}


def is_acronym(alias: str) -> bool:
    """Acronyms (US, IS, HTS, U.N.) only match in their exact case: 'us' and 'is' are words."""
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _entry(obj: dict) -> Entry:
    return Entry(obj["name"], obj["code"], obj["kind"], obj.get("country"), obj.get("wikidata"),
                 tuple(obj.get("countries") or ()), bool(obj.get("generic")))


@lru_cache(maxsize=1)
def _records() -> tuple[tuple[Entry, tuple[str, ...]], ...]:
    """(entry, aliases) for every line of actors.jsonl, in file order (countries first, then bodies, people)."""
    records = []
    for line in (DATA / "actors.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if "_comment" not in obj:
            records.append((_entry(obj), tuple(obj["aliases"])))
    return tuple(records)


def entries() -> tuple[Entry, ...]:
    return tuple(entry for entry, _ in _records())


@lru_cache(maxsize=1)
def alias_index() -> dict[str, list[tuple[str, Entry]]]:
    """lower-cased alias → [(alias as written, entry)], in file order."""
    index: dict[str, list[tuple[str, Entry]]] = {}
    for entry, aliases in _records():
        for alias in aliases:
            index.setdefault(normalise(alias), []).append((alias, entry))
    return index


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text).lower()


def case_fits(alias: str, text: str) -> bool:
    """Acronyms match exactly; capitalised aliases need capitalised words (china/China, turkey/Turkey)."""
    text = text.replace("’", "'")
    alias = re.sub(r"^(the|The)\s+", "", alias)     # "the UN" is matched as "UN": same case rules
    if is_acronym(alias):
        return text == alias
    a_words, t_words = alias.split(), text.split()
    if len(a_words) != len(t_words):
        return text[:1].isupper() or not alias[:1].isupper()
    return all(not a[:1].isupper() or t[:1].isupper() for a, t in zip(a_words, t_words))


def lookup(text: str) -> Optional[dict]:
    """The dictionary entry for a name as written (case rules apply), or None. The first listed entry wins."""
    for alias, entry in alias_index().get(normalise(text), []):
        if case_fits(alias, re.sub(r"^(the|The)\s+", "", text.strip())):
            return entry.as_dict()
    return None


def candidates(text: str) -> list[Entry]:
    return [entry for alias, entry in alias_index().get(normalise(text), []) if case_fits(alias, text.strip())]


# The word lists of roles.json that are plain sets, each looked up by its own name.
ROLE_WORD_SETS = (
    "person_roles", "description_heads", "pair_heads", "group_heads", "pair_words", "titles", "person_pronouns",
    "noun_only", "kin", "body_heads", "group_pronouns", "role_modifiers", "locative_prepositions",
    "place_prepositions", "name_particles", "thing_pronouns", "speaker_heads", "posted_roles", "meeting_nouns",
)


@lru_cache(maxsize=1)
def roles() -> dict:
    """The role lexicon: phrase → sector, person roles, group words, description heads, titles, pronouns."""
    raw = json.loads((DATA / "hand" / "roles.json").read_text(encoding="utf-8"))
    sector_of: dict[str, str] = {}
    for sector, words in raw["sectors"].items():
        for word in words:
            sector_of.setdefault(word.lower(), sector)
    lexicon = {
        "sector_of": sector_of,
        "max_phrase": max(len(w.split()) for w in sector_of),
        "groups": {k: v for k, v in raw["groups"].items() if not k.startswith("_")},
        "gender_of": {w: g for g in ("f", "m") for w in raw["gender"][g]},
        "ambiguous": {k: v for k, v in raw.get("ambiguous", {}).items() if not k.startswith("_")},
    }
    lexicon.update({key: set(raw[key]) for key in ROLE_WORD_SETS})
    return lexicon


_matchers: dict[int, object] = {}


def matcher_for(nlp_vocab, make_doc):
    """A PhraseMatcher (lower-case) over every alias, built once per spaCy vocabulary."""
    key = id(nlp_vocab)
    if key not in _matchers:
        from spacy.matcher import PhraseMatcher
        matcher = PhraseMatcher(nlp_vocab, attr="LOWER")
        # Patterns from the aliases as written: the tokenizer splits "U.S." and "u.s." differently.
        aliases = {alias for pairs in alias_index().values() for alias, _ in pairs}
        matcher.add("ACTOR", [make_doc(a) for a in sorted(aliases)])
        groups = roles()["groups"]
        matcher.add("GROUP", [make_doc(g.capitalize()) for g in groups] + [make_doc(g) for g in groups])
        _matchers[key] = matcher
    return _matchers[key]
