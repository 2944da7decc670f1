"""nlp/sentence_case.py: a capitalised plural noun opening a sentence is a noun, not a name."""
import pytest

from eventwire import actors, nlp
from eventwire.model import Article


def first_token(text: str):
    return nlp.parse(Article("test", text, language="en")).doc[0]


@pytest.mark.parametrize("text, lemma", [("Rebels in Idlib clashed with the army.", "rebel"),
                                         ("Protesters gathered outside the parliament.", "protester"),
                                         ("Militants stormed a hotel on Friday.", "militant")])
def test_a_sentence_initial_plural_noun_gets_its_lower_case_lemma(text, lemma):
    token = first_token(text)
    assert (token.pos_, token.tag_, token.lemma_) == ("NOUN", "NNS", lemma)


def test_names_opening_a_sentence_stay_names():
    assert first_token("Reuters reported the clash on Monday.").pos_ == "PROPN"
    assert first_token("Thomas said the talks were over.").pos_ == "PROPN"


def test_a_plural_role_noun_opening_a_sentence_is_an_actor():
    article = actors.resolve(nlp.parse(Article("test", "Rebels in Idlib clashed with the army.")))
    assert [(m.span.text, m.code[3:]) for m in article.actors][0] == ("Rebels", "REB")
