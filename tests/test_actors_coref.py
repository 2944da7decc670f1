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


# ---------------------------------------------------------------- the president, the minister
def test_the_president_is_the_last_person_the_text_called_president_not_a_later_minister():
    article = resolved("Syrian President Bashar al-Assad met the envoy. British security minister Ben Wallace "
                       "said the talks failed. The president later left Damascus.")
    assert code_of(article, "president") == "SYRGOV"


def test_the_president_in_apposition_to_a_name_is_that_person():
    article = resolved("Britain's foreign secretary Jeremy Hunt spoke first. The rebels, fighting both the "
                       "president, Bashar al-Assad, and Isis, held the town.")
    assert code_of(article, "president") == "SYRGOV"


def test_the_minister_is_not_the_president_named_last():
    article = resolved("Turkish Foreign Minister Mevlüt Çavuşoğlu flew to Paris. Russian President Vladimir Putin "
                       "called him. The minister said the talks went well.")
    assert code_of(article, "minister") == "TURGOV"


# ---------------------------------------------------------------- pronoun chains and gender
def test_a_resolved_subject_pronoun_carries_its_person_to_the_next_sentences():
    article = resolved("Shamima Begum left London in 2015. She married a fighter. She had a son called Jerah "
                       "in Baghuz. She told reporters her son died.")
    shes = [m for m in article.actors if m.span.text == "She"]
    assert len(shes) == 3 and all(m.name == "Shamima Begum" for m in shes)


def test_a_name_after_son_called_is_male_for_pronoun_agreement():
    article = resolved("Maria Rossi lived in Rome. A son called Marco was born there in 2010. She moved to Milan.")
    last_she = [m for m in article.actors if m.span.text == "She"][-1]
    assert last_she.name == "Maria Rossi"
