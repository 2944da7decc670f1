"""nlp/hyphens.py: a hyphenated prefix ("co-ordinating", "re-opened") keeps the word whole and reads it as the
unhyphenated word, without moving any character."""
from eventwire import nlp
from eventwire.model import Article
from eventwire.nlp.hyphens import unhyphenated


def tokens(text: str):
    return nlp.parse(Article("test", text, language="en")).doc


def token_named(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_a_hyphenated_prefix_verb_is_one_token_with_the_plain_lemma():
    doc = tokens("The two navies were co-ordinating their patrols in the Baltic.")
    word = token_named(doc, "co-ordinating")
    assert word.lemma_ == "coordinate"
    assert word.pos_ == "VERB"


def test_a_capitalised_prefixed_noun_at_a_sentence_start_gets_the_plain_lemma():
    doc = tokens("Co-operation between the ministries has grown. They co-operated on border checks.")
    assert token_named(doc, "Co-operation").lemma_ == "cooperation"
    assert token_named(doc, "co-operated").lemma_ == "cooperate"


def test_re_prefixed_verbs_read_as_the_plain_verb():
    doc = tokens("The authorities re-opened the crossing after a week.")
    assert token_named(doc, "re-opened").lemma_ == "reopen"


def test_offsets_still_index_the_text_after_the_merge():
    text = "Police co-ordinated with pre-approved volunteers, and de-escalated the row."
    doc = tokens(text)
    for token in doc:
        assert text[token.idx:token.idx + len(token)] == token.text
    assert {"co-ordinated", "pre-approved", "de-escalated"} <= {t.text for t in doc}


def test_names_and_acronyms_with_hyphens_are_split_as_before():
    doc = tokens("Ri Yong-ho praised the UN-backed talks, said Jean-Pierre Lacroix.")
    texts = [t.text for t in doc]
    assert "UN" in texts and "backed" in texts
    assert "Yong" in texts and "Jean" in texts


def test_unhyphenated_only_applies_to_listed_prefixes_before_a_lower_case_word():
    assert unhyphenated("co-operate") == "cooperate"
    assert unhyphenated("Re-elected") == "reelected"
    assert unhyphenated("well-known") is None
    assert unhyphenated("UN-backed") is None
    assert unhyphenated("De-Gaulle") is None
