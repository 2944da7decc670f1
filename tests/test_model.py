"""The data model: JSON form matches SPEC.md and survives a round trip through plain dicts."""
from datetime import datetime, timezone

from eventwire.model import (ActorMention, Article, Event, Location, Place, Span, TimeExpr, article_from_dict,
                             article_to_dict)

TEXT = "Israel and Syria held talks in Riyadh on May 14."


def make_article() -> Article:
    article = Article(source="x.txt", text=TEXT, title="Talks", published="2025-05-27T15:35", language="en",
                      retrieved=datetime(2025, 5, 28, 9, tzinfo=timezone.utc))
    article.sentences = [Span.of(TEXT, 0, len(TEXT))]
    article.actors = [ActorMention(Span.of(TEXT, 0, 6), "ISR", "Israel"), ActorMention(Span.of(TEXT, 11, 16), "SYR", "Syria")]
    article.places = [Place(Span.of(TEXT, 31, 37), "Riyadh", "city", "SAU", "Riyadh Region", 24.69, 46.72, 108410)]
    article.times = [TimeExpr(Span.of(TEXT, 41, 47), "2025-05-14", "day")]
    article.events = [Event(type="CONSULT", source="ISR", target="SYR", evidence=[article.sentences[0]],
                            date="2025-05-14", location=Location("Riyadh", "SAU", 24.69, 46.72),
                            symmetric=True, trigger=Span.of(TEXT, 22, 27))]
    return article


def test_span_of_takes_text_from_offsets():
    assert Span.of(TEXT, 31, 37).text == "Riyadh"


def test_json_form_has_spec_fields():
    obj = make_article().to_json(annotations=True)
    assert set(obj) >= {"id", "source", "article", "actors", "places", "times", "events"}
    assert obj["article"] == {"title": "Talks", "published": "2025-05-27T15:35", "language": "en", "text": TEXT}
    event = obj["events"][0]
    assert {k: event[k] for k in ("type", "source", "target", "date", "modality", "attribution")} == {
        "type": "CONSULT", "source": "ISR", "target": "SYR", "date": "2025-05-14", "modality": "asserted",
        "attribution": None}
    assert event["location"] == {"name": "Riyadh", "country": "SAU", "lat": 24.69, "lon": 46.72}
    assert event["evidence"] == TEXT
    assert obj["places"][0]["text"] == "Riyadh" and obj["times"][0]["value"] == "2025-05-14"


def test_round_trip_through_dict_is_lossless():
    article = make_article()
    again = article_from_dict(article_to_dict(article))
    assert again.to_json(annotations=True) == article.to_json(annotations=True)
    assert again.retrieved == article.retrieved
    assert again.events[0].trigger.text == "talks"


def test_id_is_content_identity():
    assert make_article().id == make_article().id
    other = make_article()
    other.text = TEXT + " More."
    assert other.id != make_article().id
