"""Language identification: one lingua detector per process, over the languages eventwire reads."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

# The languages eventwire reads (the date parser's, plus Czech for the readability pages).
SUPPORTED = ("en", "es", "fr", "de", "it", "pt", "ru", "uk", "ar", "tr", "nl", "pl", "cs", "ja", "zh")
_SAMPLE_CHARS = 2000   # enough for a confident answer; detection time grows with length


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    # Low-accuracy mode (trigrams only) loads in a quarter second and ~50 MB instead of five seconds and
    # ~320 MB per process; lingua documents it as reliable above ~120 characters, and an article body is longer.
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> Optional[str]:
    """ISO 639-1 code of ``text``, or None when it has too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 3:
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None
