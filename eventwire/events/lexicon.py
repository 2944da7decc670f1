"""The event lexicon and the attribution/modality cues: data files in eventwire/data/events, loaded once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

# The words of a key that are prepositions make the key "head + preposition" ("action against"); other
# keys name their head last ("air strike") for nouns and first ("shoot down") for verbs.
_PREPOSITIONS = {"against", "on", "with", "at", "to", "into", "of", "for", "upon", "from", "in", "over", "toward",
                 "towards", "between", "behind"}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a head lemma, the other words it needs nearby, and what it codes."""
    head: str
    needs: tuple[str, ...]
    type: str
    mode: Optional[str]
    pos: str                      # "VERB" | "NOUN"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]      # head lemma → entries, most specific (most needed words) first
    nouns: dict[str, tuple[Entry, ...]]
    symmetric: frozenset[str]
    light_verbs: frozenset[str]
    needs_object_and_complement: frozenset[str]
    of_is_agent: frozenset[str]
    poss_is_patient: frozenset[str]
    implied_agents: dict[str, str]
    motion_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    group_heads: frozenset[str]
    target_preps: dict[str, tuple[str, ...]]
    default_preps: tuple[str, ...]
    noun_preps: tuple[str, ...]
    from_is_patient: frozenset[str] = frozenset()   # "seized weapons from X": X loses them
    demand_or_claim: frozenset[str] = frozenset()   # "insist": a demand only with an obligation or "on"


@dataclass(frozen=True)
class Cues:
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    reporting_adverbs: dict[str, str]
    hedge_modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_nouns: frozenset[str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    non_specific: frozenset[str]


_DATA = Path(__file__).resolve().parent.parent / "data" / "events"


def _read(name: str) -> dict:
    with (_DATA / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _entry(key: str, type_: str, mode: Optional[str], pos: str) -> Entry:
    words = key.lower().split()
    if pos == "NOUN" and len(words) > 1 and not (set(words[1:2]) & _PREPOSITIONS):
        return Entry(words[-1], tuple(words[:-1]), type_, mode, pos)   # "air strike": head is "strike"
    return Entry(words[0], tuple(words[1:]), type_, mode, pos)


def _index(table: dict, pos: str) -> dict[str, tuple[Entry, ...]]:
    by_head: dict[str, list[Entry]] = {}
    for type_, words in table.items():
        for key, mode in words.items():
            entry = _entry(key, type_, mode, pos)
            found = by_head.setdefault(entry.head, [])
            # A later type overrides an earlier one for the same key (the file lists conflict types last,
            # so an ambiguous "strike" or "attack" reads as the material event).
            found[:] = [e for e in found if e.needs != entry.needs]
            found.append(entry)
    return {head: tuple(sorted(es, key=lambda e: -len(e.needs))) for head, es in by_head.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _read("lexicon.json")
    return Lexicon(
        verbs=_index(data["verbs"], "VERB"), nouns=_index(data["nouns"], "NOUN"),
        symmetric=frozenset(data["symmetric"]), light_verbs=frozenset(data["light_verbs"]),
        needs_object_and_complement=frozenset(data["needs_object_and_complement"]),
        of_is_agent=frozenset(data["of_is_agent"]), poss_is_patient=frozenset(data["poss_is_patient"]),
        implied_agents={k: v for k, v in data["implied_agents"].items() if not k.startswith("_")},
        motion_verbs=frozenset(data["motion_verbs"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
        group_heads=frozenset(data["group_heads"]),
        target_preps={t: tuple(p) for t, p in data["preps_per_type"].items()},
        default_preps=tuple(data["target_preps"]), noun_preps=tuple(data["noun_target_preps"]),
        from_is_patient=frozenset(data.get("from_is_patient", ())),
        demand_or_claim=frozenset(data.get("demand_or_claim", ())),
    )


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = _read("cues.json")
    return Cues(
        reporting_verbs=frozenset(data["reporting_verbs"]), reporting_nouns=frozenset(data["reporting_nouns"]),
        reporting_adverbs=dict(data["reporting_adverbs"]),
        hedge_modals=frozenset(data["hedge_modals"]), hedge_verbs=frozenset(data["hedge_verbs"]),
        hedge_adjectives=frozenset(data["hedge_adjectives"]), hedge_adverbs=frozenset(data["hedge_adverbs"]),
        hedge_nouns=frozenset(data["hedge_nouns"]), negators=frozenset(data["negators"]),
        negating_verbs=frozenset(data["negating_verbs"]), non_specific=frozenset(data["non_specific_modifiers"]),
    )


def type_info(event_type: str, mode: Optional[str] = None) -> dict:
    """CAMEO code, quad class and intensity of a PLOVER type (and mode) from the one PLOVER map, eventwire.codes."""
    try:
        from eventwire.codes import plover_info
        info = plover_info(event_type, mode)
    except Exception:  # the map is optional for coding: an event without CAMEO fields is still an event
        return {}
    return {"cameo": info.get("cameo_code") or info.get("cameo_root"), "quad_class": info.get("quad_class"),
            "intensity": info.get("goldstein")}
