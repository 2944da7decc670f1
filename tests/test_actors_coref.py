"""actors: what 'its', bare descriptions and role people refer to (coreference over the article)."""
from eventwire import actors, nlp
from eventwire.model import Article


def resolved(text: str) -> Article:
    return actors.resolve(nlp.parse(Article("test", text)))


def code_of(article: Article, text: str) -> str:
    found = [m for m in article.actors if m.span.text == text]
    assert found, f"no mention {text!r} among {[m.span.text for m in article.actors]}"
    return found[0].code


# ---------------------------------------------------------------- its
def test_its_role_noun_is_that_role_of_the_state_named_before():
    article = resolved("Turkey said its troops would stay in the north.")
    assert code_of(article, "its troops") == "TURMIL"


def test_its_refers_to_the_organisation_in_the_previous_sentence():
    article = resolved("Hamas rejected the plan. Its leaders said the talks were over.")
    assert code_of(article, "Its leaders") == "PSEREB"


def test_its_after_a_subject_state_refers_to_the_subject_not_the_object():
    article = resolved("Germany criticised Poland on Monday, its foreign minister said.")
    assert code_of(article, "its foreign minister") == "DEUGOV"


def test_its_skips_a_country_named_as_a_place():
    article = resolved("It is US policy in Syria, and especially its support for the rebels, that angers him.")
    assert code_of(article, "its") == "USA"


def test_its_stays_unresolved_when_an_unknown_organisation_is_the_nearer_owner():
    article = resolved("Iraq was tense. She urged Mercy Relief International, the aid agency she works for, to close its office.")
    assert "its" not in [m.span.text for m in article.actors]
