"""Words written with a hyphenated prefix ("co-ordinating", "co-operation", "re-elected") as one token.

spaCy's English tokenizer splits every hyphen between letters, so "co-ordinating" becomes "co", "-",
"ordinating": the tagger reads "co" as a verb and no lemma is ever "coordinate". Three small mends, none of
which moves a character (token offsets into the text stay what they were):

- ``keep_prefixed_words(nlp)`` wraps the tokenizer's infix rule so a hyphen right after one of the prefixes in
  data/actors/hand/roles.json "word_prefixes" does not split the word;
- a component before the tagger sets such a token's NORM to the unhyphenated form, which is what the statistical
  models read, so "co-ordinating" is tagged like "coordinating";
- a component after the lemmatizer gives it the lemma of the unhyphenated form ("coordinate") where that form is
  an English word the lemmatizer knows, else keeps the hyphenated lemma ("re-elect").
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

NORMS = "eventwire_prefixed_norms"
LEMMAS = "eventwire_prefixed_lemmas"
ROLES = Path(__file__).resolve().parent.parent / "data" / "actors" / "hand" / "roles.json"
HYPHENS = ("-", "\u2010", "\u2011")


@lru_cache(maxsize=1)
def word_prefixes() -> frozenset[str]:
    return frozenset(json.loads(ROLES.read_text(encoding="utf-8"))["word_prefixes"])


def _prefix_before_hyphen(text: str) -> str | None:
    """The prefix of 'co-ordinate' / 'Co-operation' (lower-cased); None for 'UN-backed' (an acronym) or other
    words. The rest must be a lower-case word, so 'De-Gaulle' or 're-2' stay split."""
    for hyphen in HYPHENS:
        head, sep, rest = text.partition(hyphen)
        if sep and rest[:1].islower() and rest.isalpha() and head.lower() in word_prefixes() and \
                (head.islower() or head.istitle()):
            return head.lower()
    return None


def unhyphenated(text: str) -> str | None:
    """'co-ordinating' → 'coordinating'; None when the word has no hyphenated prefix."""
    prefix = _prefix_before_hyphen(text)
    return None if prefix is None else prefix + text[len(prefix) + 1:].lower()


def keep_prefixed_words(nlp) -> None:
    """Makes the tokenizer keep 'co-ordinating' whole; any other infix split is left as it was."""
    tokenizer = nlp.tokenizer
    split = tokenizer.infix_finditer
    if split is None or getattr(split, "keeps_prefixed_words", False):
        return

    def infixes(text: str):
        for match in split(text):
            if match.group() in HYPHENS and text[:match.start()].lower() in word_prefixes() \
                    and _prefix_before_hyphen(text) is not None:
                continue
            yield match

    infixes.keeps_prefixed_words = True
    tokenizer.infix_finditer = infixes      # the setter empties the tokenizer's cache


@Language.component(NORMS)
def prefixed_norms(doc):
    for token in doc:
        plain = unhyphenated(token.text)
        if plain is not None:
            token.norm_ = plain
    return doc


@Language.factory(LEMMAS, requires=["token.lemma", "token.pos"], assigns=["token.lemma"])
def make_prefixed_lemmas(nlp, name: str):
    return PrefixedLemmas(nlp)


class PrefixedLemmas:
    """Re-lemmatises prefixed words from their unhyphenated form with the pipeline's own lemmatizer."""

    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, doc):
        lemmatizer = self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None
        if lemmatizer is None or getattr(lemmatizer, "mode", None) != "rule":
            return doc
        index = lemmatizer.lookups.get_table("lemma_index")
        for token in doc:
            plain = unhyphenated(token.text)
            if plain is None:
                continue
            pos = token.pos_.lower()
            single = Doc(doc.vocab, words=[plain], pos=[token.pos_], tags=[token.tag_], morphs=[str(token.morph)])
            lemma = lemmatizer.rule_lemmatize(single[0])[0]
            if lemma in index.get(pos, ()):      # a known word: 'cooperate', not a made-up 'reelect'
                token.lemma_ = lemma
        return doc
