"""A pipeline component that starts a sentence after every line break, before the parser runs.

A line break in a clean body ends a paragraph, a heading or a list item; spaCy's parser, left alone, joins a
closing quotation mark (or a heading) to the next paragraph. Sentence starts set before the parser are kept by
it, so the dependency trees never cross a paragraph either. Tokens are not touched: offsets stay intact.
"""
from __future__ import annotations

from spacy.language import Language

NAME = "eventwire_line_breaks"


def _is_break(token) -> bool:
    # spaCy keeps one plain space as trailing whitespace; any other run of whitespace is a token of its own
    return token.is_space and ("\n" in token.text or "\r" in token.text)


def _closes_sentence(token) -> bool:
    """A closing quotation mark or bracket glued to the full stop before it ends that sentence ('stop."')."""
    if token.i == 0 or not (token.is_quote or token.is_right_punct):
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and before.text in (".", "!", "?", "...", "…")


@Language.component(NAME)
def line_breaks(doc):
    """Marks the first word after a line break as a sentence start and a closing quote after a full stop as no
    start; other tokens are left to the parser."""
    after_break = False
    for token in doc:
        if _closes_sentence(token):
            token.is_sent_start = False
        elif token.is_space:
            after_break = after_break or _is_break(token)
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc
