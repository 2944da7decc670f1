"""nlp: one spaCy pipeline per process; the Doc covers exactly the article text."""
import pytest

from eventwire import nlp
from eventwire.errors import AnnotateError
from eventwire.model import Article


def parsed(text: str, language: str = "en") -> Article:
    return nlp.parse(Article("test", text, language=language))


def test_doc_covers_exactly_the_article_text_so_token_offsets_index_it():
    text = "  Israel and Syria held talks.\n\nThe talks, in Baku, went on for hours. "
    article = parsed(text)
    assert article.doc.text == text
    for token in article.doc:
        assert text[token.idx:token.idx + len(token)] == token.text


def test_sentences_are_spans_of_the_text_in_order():
    text = "Turkey sent troops. Russia objected on Monday. The UN called for calm."
    article = parsed(text)
    assert [s.text for s in article.sentences] == ["Turkey sent troops.", "Russia objected on Monday.",
                                                    "The UN called for calm."]
    for span in article.sentences:
        assert text[span.start:span.end] == span.text


def test_pipeline_is_loaded_once_per_process():
    assert nlp.get_pipeline("en") is nlp.get_pipeline("en")


def test_a_language_without_its_own_model_falls_back_to_the_english_pipeline():
    assert nlp.model_for("sw") == nlp.MODELS["en"]
    assert nlp.get_pipeline("sw") is nlp.get_pipeline("en")
    article = parsed("Le président a rencontré le ministre. Ils ont parlé.", language="fr")
    assert len(article.sentences) == 2


def test_entity_ruler_adds_armed_groups_the_small_model_misses():
    article = parsed("Fighters from HTS and the SDF clashed near Raqqa, while Hayat Tahrir al-Sham denied it.")
    found = {(e.text, e.label_) for e in article.doc.ents}
    assert ("HTS", "ORG") in found
    assert ("SDF", "ORG") in found
    assert ("Hayat Tahrir al-Sham", "ORG") in found


def test_entity_ruler_runs_before_the_statistical_ner():
    names = nlp.get_pipeline("en").pipe_names
    assert names.index("entity_ruler") < names.index("ner")


def test_a_body_over_the_size_limit_is_a_typed_error_naming_the_input(monkeypatch):
    monkeypatch.setattr(nlp, "MAX_CHARS", 10)
    with pytest.raises(AnnotateError) as raised:
        nlp.parse(Article("huge.html", "x" * 11))
    assert raised.value.source == "huge.html"


def test_a_language_whose_model_is_not_installed_still_gets_sentences(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODELS", '{"xx": "no_such_spacy_package"}')
    article = parsed("Première phrase. Deuxième phrase.", language="xx")
    assert [s.text for s in article.sentences] == ["Première phrase.", "Deuxième phrase."]
    assert article.doc.ents == ()


def test_a_closing_quote_stays_with_its_sentence_and_never_joins_the_next_paragraph():
    text = 'The minister said: "We will not retreat."\n\nTroops crossed the border on Monday.'
    article = parsed(text)
    assert [s.text for s in article.sentences] == ['The minister said: "We will not retreat."',
                                                    "Troops crossed the border on Monday."]


def test_no_sentence_crosses_a_single_line_break():
    text = "Rebels seized the town of Kafr Nabl\nGovernment forces shelled the road north of it."
    article = parsed(text)
    assert all("\n" not in s.text for s in article.sentences)
    assert text.index("Government") in [s.start for s in article.sentences]


def test_no_dependency_arc_crosses_a_paragraph_break():
    text = 'He said: "The talks are over."\n\nThe army then moved into the city, officials said.'
    doc = parsed(text).doc
    paragraph_of = [text.count("\n\n", 0, t.idx) for t in doc]
    for token in doc:
        if not token.is_space:
            assert paragraph_of[token.head.i] == paragraph_of[token.i], token.text


def test_sentence_spans_leave_out_the_whitespace_between_paragraphs():
    text = "Iran protested.\n\n\nIraq agreed.\n"
    for span in parsed(text).sentences:
        assert span.text == span.text.strip() and text[span.start:span.end] == span.text


def test_the_blank_fallback_pipeline_also_breaks_sentences_at_line_breaks():
    blank = nlp._blank()
    doc = blank('The envoy said "we agree"\nThe talks ended')
    assert [s.text.strip() for s in doc.sents] == ['The envoy said "we agree"', "The talks ended"]
