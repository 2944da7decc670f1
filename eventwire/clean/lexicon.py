"""The clean stage's vocabularies, loaded once per process: scraped-text vocabulary (data file) and
jusText's stop-word lists (installed with jusText, many languages)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

# ISO 639-1 → jusText stop-list name, for the languages the language detector reports.
_JUSTEXT_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
                  "pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "tr": "Turkish",
                  "nl": "Dutch", "pl": "Polish", "cs": "Czech"}


@lru_cache(maxsize=1)
def scraped_text_vocabulary() -> dict:
    path = Path(__file__).resolve().parent.parent / "data" / "clean" / "scraped_text.json"
    return json.loads(path.read_text(encoding="utf-8"))


# Phrases as token tuples, indexed by their first token (longest first), so a line is matched in one pass.
PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


def _phrases(key: str) -> PhraseIndex:
    table = scraped_text_vocabulary()[key]
    # Every language at once: widgets are often in another language than the article (a French
    # "read also" link under an English text on a multilingual site).
    words = set()
    for lang_words in table.values():
        words.update(lang_words)
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in (tuple(w.lower().split()) for w in words):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}


@lru_cache(maxsize=1)
def navigation_phrases() -> PhraseIndex:
    """Navigation/sharing/subscription phrases of every language, longest first, as token tuples."""
    return _phrases("navigation")


@lru_cache(maxsize=1)
def date_labels() -> PhraseIndex:
    """Words that introduce a date ("Published", "Mis à jour le"), longest first."""
    return _phrases("date_labels")


@lru_cache(maxsize=1)
def credit_labels() -> PhraseIndex:
    """Words that introduce a photo or video credit ("Photo:", "Foto:", "Getty Images")."""
    return _phrases("credit_labels")


@lru_cache(maxsize=1)
def byline_prefixes() -> PhraseIndex:
    return _phrases("byline_prefixes")


@lru_cache(maxsize=32)
def stop_words(language: Optional[str]) -> frozenset[str]:
    """jusText's stop words for an ISO 639-1 code; empty when it has no list (ja, zh)."""
    name = _JUSTEXT_NAMES.get(language or "")
    if not name:
        return frozenset()
    import justext
    return frozenset(w.lower() for w in justext.get_stoplist(name))


@lru_cache(maxsize=1)
def date_words() -> tuple[frozenset[str], re.Pattern]:
    """Words that make a short line possibly a date (months, weekdays, "yesterday", "horas"), from dateparser's
    data via scripts/build_date_words.py: (words of spaced scripts, a pattern finding Chinese/Japanese ones)."""
    path = Path(__file__).resolve().parent.parent / "data" / "clean" / "date_words.json"
    table = json.loads(path.read_text(encoding="utf-8"))["words"]
    spaced = frozenset(w for words in table.values() for w in words if not _is_cjk(w))
    cjk = sorted({w for words in table.values() for w in words if _is_cjk(w)}, key=len, reverse=True)
    return spaced, re.compile("|".join(map(re.escape, cjk)))


def _is_cjk(word: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in word)
