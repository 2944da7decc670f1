"""The calendar lexicon (eventwire/data/time/lexicon.json), folded and compiled once per process."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import unicodedata

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "time" / "lexicon.json"


def _fold_char(ch: str) -> str:
    if ch in "’‘`´":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch.lower()[:1] or ch


def fold_same_length(text: str) -> str:
    """Lowercase, accents removed, one character for one: offsets found in it are offsets in ``text``."""
    return "".join(_fold_char(ch) for ch in text)


def fold(text: str) -> str:
    """fold_same_length with spaces collapsed (for comparing words, not for offsets)."""
    return re.sub(r"\s+", " ", fold_same_length(text)).strip()


@dataclass(frozen=True)
class Lexicon:
    months: dict
    ambiguous_months: frozenset
    weekdays: dict
    day_offsets: dict
    units: dict
    past_words: frozenset
    this_words: frozenset
    next_words: frozenset
    ago_before: tuple
    ago_after: frozenset
    numbers: dict
    recent_words: tuple
    duration_words: frozenset
    lead_words: tuple
    vague_numbers: frozenset
    anaphoric_words: tuple
    seasons: dict
    plural_units: frozenset
    only_in: dict
    future_verbs: frozenset = frozenset()
    future_path_words: frozenset = frozenset()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    f = {k: v for k, v in raw.items() if not k.startswith("_")}
    return Lexicon(
        months={fold(k): v for k, v in f["months"].items()},
        ambiguous_months=frozenset(fold(w) for w in f["ambiguous_months"]),
        weekdays={fold(k): v for k, v in f["weekdays"].items()},
        day_offsets={fold(k): v for k, v in f["day_offsets"].items()},
        units={fold(k): v for k, v in f["units"].items()},
        past_words=frozenset(fold(w) for w in f["past_words"]),
        this_words=frozenset(fold(w) for w in f["this_words"]),
        next_words=frozenset(fold(w) for w in f["next_words"]),
        ago_before=tuple(fold(w) for w in f["ago_before"]),
        ago_after=frozenset(fold(w) for w in f["ago_after"]),
        numbers={fold(k): v for k, v in f["numbers"].items()},
        recent_words=tuple(sorted((fold(w) for w in f["recent_words"]), key=len, reverse=True)),
        duration_words=frozenset(fold(w) for w in f["duration_words"]),
        lead_words=tuple(sorted((fold(w) for w in f["lead_words"]), key=len, reverse=True)),
        vague_numbers=frozenset(fold(w) for w in f["vague_numbers"]),
        anaphoric_words=tuple(fold(w) for w in f["anaphoric_words"]),
        seasons={fold(k): tuple(v) for k, v in f["seasons"].items()},
        plural_units=frozenset(fold(w) for w in f["plural_units"]),
        only_in={fold(k): frozenset(v) for k, v in f["only_in"].items()},
        future_verbs=frozenset(f.get("future_verbs", ())),
        future_path_words=frozenset(fold(w) for w in f.get("future_path_words", ())),
    )


@lru_cache(maxsize=1)
def patterns() -> list[re.Pattern]:
    """Regexes (over folded text, same length as the original) for the expressions NER tends to miss."""
    lx = lexicon()
    month = _alternation([m for m in lx.months if len(m) > 3 or m in ("may", "mai")])
    unambiguous_month = _alternation([m for m in lx.months if m not in lx.ambiguous_months and len(m) > 3])
    weekday = _alternation(lx.weekdays)
    day_word = _alternation(lx.day_offsets)
    unit = _alternation(lx.units)
    number = r"(?:\d{1,3}|(?:a\s+)?(?:" + _alternation(lx.vague_numbers) + ")|" + _alternation(lx.numbers) + ")"
    past = _alternation(lx.past_words)
    this = _alternation(lx.this_words)
    nxt = _alternation(lx.next_words)
    recent = _alternation(lx.recent_words)
    ago_before = _alternation(lx.ago_before)
    b = r"(?<![\w'])"
    e = r"(?![\w])"
    year = r"(?:1[89]\d\d|20\d\d)"
    return [re.compile(p) for p in (
        # 14 May 2025, 14 de mayo de 2025, le 14 mai, May 14, 2025, May 14th
        rf"{b}\d{{1,2}}(?:er|\.)?\s+(?:de\s+)?(?:{month}){e}(?:,?\s+(?:de\s+|del\s+)?{year}{e})?",
        rf"{b}(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{e}(?:,?\s+{year}{e})?",
        # November 2012, noviembre de 2012, en novembre 2012
        rf"{b}(?:{month})\s+(?:de\s+|del\s+)?{year}{e}",
        # in December, en diciembre, en décembre, last December, since March (ambiguous months need the preposition)
        rf"{b}(?:in|en|since|desde|depuis|until|hasta|by|last|this|next|early|late|mid|mid-|earlier in|later in|a principios de|a finales de|a mediados de|debut|fin|mi-|courant|im|seit|ab|anfang|ende|mitte)\s+(?:(?:de|del|d')\s*)?(?:{month}){e}",
        rf"{b}(?:{unambiguous_month}){e}",
        # la semana pasada, le mois dernier, last week, this month, earlier this year, ce mois-ci, l'année dernière
        rf"{b}(?:(?:earlier|later|early|late)\s+)?(?:{past}|{this}|{nxt})\s+(?:{unit}){e}",
        rf"{b}(?:(?:el|la|le|l'|les)\s*)?(?:{unit})\s+(?:{past}|{nxt}|en curso|en cours|courant){e}",
        rf"{b}(?:ce|cette)\s+(?:{unit})-ci{e}",
        # three years ago, hace tres años, il y a trois ans
        rf"{b}{number}\s+(?:{unit})\s+ago{e}",
        rf"{b}(?:{ago_before})\s+{number}\s+(?:{unit}){e}",
        # on Tuesday, el martes, mardi dernier, last Friday
        rf"{b}(?:(?:on|last|this|next|el|le|ce|este|am)\s+)?(?:(?:{past}|{nxt}|ultimo)\s+)?(?:{weekday}){e}"
        rf"(?:\s+(?:{past}|{nxt}){e})?",
        # Tuesday, May 14; le mardi 14 mai; el martes 14 de mayo (one expression, the weekday confirms the day)
        rf"{b}(?:(?:on|el|le)\s+)?(?:{weekday}),?\s+(?:\d{{1,2}}(?:er)?\s+(?:de\s+)?(?:{month})|(?:{month})\.?\s+"
        rf"\d{{1,2}}(?:st|nd|rd|th)?){e}(?:,?\s+(?:de\s+|del\s+)?{year}{e})?",
        rf"{b}(?:{day_word}){e}",
        rf"{b}(?:{recent}){e}",
        # in 1967, en 2012, since 2011 (bare years are taken from NER DATE entities)
        rf"{b}(?:in|en|since|desde|depuis|by|until|hasta|im jahr|seit)\s+{year}{e}(?![-\u2013]\d)",
    )]


@lru_cache(maxsize=1)
def bare_year_pattern() -> re.Pattern:
    """A year standing alone ("the 1967 war"); taken only where NER does not call it a number or amount."""
    return re.compile(r"(?<![\w$€£.,/-])(?:1[89]\d\d|20\d\d)(?![\w%/-]|[.,]\d)")
