"""Near-duplicate stories and event clusters across articles, alone and through the store (both engines)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "store"))
from builders import STORY, later_meeting, syndicated, unrelated  # noqa: E402
from pgserver import postgres_server, store_url  # noqa: E402,F401  (fixtures)

from eventwire.corpus import clusters, dedupe  # noqa: E402
from eventwire.model import Event, Location, Span  # noqa: E402
from eventwire.store import open_store  # noqa: E402


# ---------------------------------------------------------------- near-duplicates
def test_shingles_ignore_case_punctuation_and_typography():
    assert dedupe.shingles("The “talks” ended, officials said.") == dedupe.shingles('the "TALKS" ended officials said')


def test_syndicated_copies_are_one_story_and_other_stories_are_not():
    alpha, beta, gamma = (dedupe.signature(a.text) for a in syndicated())
    other = dedupe.signature(unrelated().text)
    assert dedupe.same_story(alpha, beta) and dedupe.same_story(alpha, gamma) and dedupe.same_story(beta, gamma)
    assert not dedupe.same_story(alpha, other)
    assert dedupe.jaccard(alpha, other) < 0.1


def test_a_heavily_trimmed_copy_is_found_by_containment():
    paragraphs = STORY.strip().split("\n\n")
    trimmed = "\n\n".join(paragraphs[:3])                 # the first three of seven paragraphs
    full, short = dedupe.signature(STORY), dedupe.signature(trimmed)
    assert dedupe.jaccard(full, short) < dedupe.DEFAULT_THRESHOLD
    assert dedupe.containment(full, short) >= dedupe.DEFAULT_CONTAINMENT
    assert dedupe.same_story(full, short)
    # and the LSH bands (laid out for the store's candidate threshold) put them in a shared bucket
    bands, rows = dedupe.band_layout(dedupe.CANDIDATE_THRESHOLD)
    assert set(dedupe.buckets(full, bands, rows)) & set(dedupe.buckets(short, bands, rows))


def test_short_texts_need_real_overlap_not_shared_boilerplate():
    footer = (" Follow us for more news every day. Sign up for our free newsletter today. All rights reserved by the"
              " publisher and its partners. Read our privacy policy and cookie policy before you comment on this story.")
    short = dedupe.signature("Floods closed roads." + footer)
    longer = dedupe.signature(STORY + footer)
    assert short.n_shingles < dedupe.MIN_CONTAINED_SHINGLES
    assert dedupe.containment(short, longer) >= dedupe.DEFAULT_CONTAINMENT    # the footer is "contained"...
    assert not dedupe.same_story(short, longer)                               # ...but that is not a story


def test_signatures_survive_bytes():
    sig = dedupe.signature(STORY)
    back = dedupe.Signature.from_bytes(sig.to_bytes(), sig.n_shingles)
    assert dedupe.jaccard(sig, back) == 1.0


# ---------------------------------------------------------------- event matching rules
def mention(type="ASSAULT", source="SYRMIL", target="SYRREB", date_=None, published="2025-03-05",
            location=None, symmetric=False, story="s1"):
    ev = Event(type=type, source=source, target=target, evidence=[Span(0, 1, "x")], date=date_, location=location,
               symmetric=symmetric)
    return clusters.mention_of(ev, published, story)


def as_cluster(m, id=1, n=1):
    return {"id": id, "type": m.type, "dyad": m.dyad, "scope": m.scope, "day_lo": m.day_lo, "day_hi": m.day_hi,
            "loc_country": m.country, "loc_lat": m.lat, "loc_lon": m.lon, "n_mentions": n}


def test_symmetric_dyads_match_in_either_order_and_directed_ones_do_not():
    assert clusters.dyad_key("TURGOV", "RUSGOV", True) == clusters.dyad_key("RUSMIL", "TUR", True) == "RUS|TUR"
    assert clusters.dyad_key("TURGOV", "RUSGOV", False) != clusters.dyad_key("RUSGOV", "TURGOV", False)


def test_dates_match_within_the_window_and_across_precisions():
    day = mention(date_="2025-03-03")
    assert clusters.best_cluster(mention(date_="2025-03-04"), [as_cluster(day)])          # a day apart
    assert not clusters.best_cluster(mention(date_="2025-03-06"), [as_cluster(day)])      # three days apart
    assert clusters.best_cluster(mention(date_="2025-03"), [as_cluster(day)])             # month covers the day
    assert not clusters.best_cluster(mention(date_="2025-04"), [as_cluster(day)])
    undated = mention(date_=None, published="2025-03-05")                                  # reported 2 days later
    assert (undated.day_lo, undated.day_hi) == (date(2025, 3, 2), date(2025, 3, 5))
    assert clusters.best_cluster(undated, [as_cluster(day)])


def test_places_match_in_the_same_country_within_100_km():
    aleppo = mention(date_="2025-03-03", location=Location("Aleppo", "SYR", 36.20, 37.16))
    near = mention(date_="2025-03-03", location=Location("Azaz", "SYR", 36.59, 37.05))        # ~45 km
    far = mention(date_="2025-03-03", location=Location("Damascus", "SYR", 33.51, 36.29))     # ~310 km
    abroad = mention(date_="2025-03-03", location=Location("Kilis", "TUR", 36.72, 37.12))
    nowhere = mention(date_="2025-03-03")
    assert clusters.best_cluster(near, [as_cluster(aleppo)])
    assert not clusters.best_cluster(far, [as_cluster(aleppo)])
    assert not clusters.best_cluster(abroad, [as_cluster(aleppo)])
    assert clusters.best_cluster(nowhere, [as_cluster(aleppo)])


def test_unknown_actors_only_join_their_own_story():
    a = mention(type="REQUEST", source="UNO", target="---", story="s1")
    same_story = mention(type="REQUEST", source="UNO", target="---", story="s1")
    other_story = mention(type="REQUEST", source="UNO", target="---", story="s2")
    assert a.scope == "s1"
    assert clusters.best_cluster(same_story, [as_cluster(a)])
    assert not clusters.best_cluster(other_story, [as_cluster(a)])


def test_the_closest_date_wins_among_compatible_clusters():
    m = mention(date_="2025-03-04")
    month = as_cluster(mention(date_="2025-03"), id=1, n=9)
    day = as_cluster(mention(date_="2025-03-04"), id=2, n=1)
    assert clusters.best_cluster(m, [month, day])["id"] == 2


# ---------------------------------------------------------------- through the store
def test_one_story_from_three_outlets_is_one_story_with_each_event_once(store_url):
    with open_store(store_url) as store:
        copies = syndicated()
        assert all(store.add_article(a) for a in copies)
        assert {r["story_id"] for r in store.list_articles()} == {copies[0].id}
        found = store.clusters(limit=100)
        assert len(found) == 5                         # CONSULT, AGREE, ASSAULT, REQUEST, ACCUSE: once each
        for cluster in found:
            assert (cluster["n_mentions"], cluster["n_articles"], cluster["n_sources"]) == (3, 3, 3), cluster
            assert len(cluster["event_ids"]) == 3
        by_type = {c["type"]: c for c in found}
        assert by_type["ASSAULT"]["date"] == "2025-03-03"          # the precise date, not beta's "2025-03"
        assert by_type["ASSAULT"]["location"]["name"] == "Tal Abyad"
        assert by_type["ACCUSE"]["date"] == "2025-03-04"           # gamma's date for the undated mentions
        assert by_type["CONSULT"]["first_seen"] == "2025-03-04T18:02:00"
        assert by_type["CONSULT"]["last_seen"] == "2025-03-05T11:40:00"
        detail = store.get_cluster(by_type["ASSAULT"]["id"])
        assert {a["url"] for a in detail["articles"]} == {a.url for a in copies}
        assert len({e["evidence"] for e in detail["events"]}) == 1 and len(detail["events"]) == 3
        assert store.stats()["multi_source_clusters"] == 5


def test_other_events_of_the_same_dyad_stay_apart(store_url):
    with open_store(store_url) as store:
        for article in syndicated() + [unrelated(), later_meeting()]:
            store.add_article(article)
        consults = store.clusters(type="CONSULT", sort="date")
        assert [(c["date"], c["n_sources"]) for c in consults] == [("2025-03-04", 3), ("2025-04-10", 1)]
        assert store.count_clusters() == 5 + 2 + 1
        assert store.count_clusters(min_sources=2) == 5
        assert [c["type"] for c in store.clusters(country="KEN")] == ["PROTEST"]


def test_a_copy_stored_later_joins_the_persisted_story_and_clusters(store_url):
    alpha, beta, gamma = syndicated()
    with open_store(store_url) as store:
        store.add_article(alpha)
        store.add_article(unrelated())
    with open_store(store_url) as reopened:        # nothing kept in memory: LSH buckets come from the store
        reopened.add_article(beta)
        reopened.add_article(gamma)
        assert {r["story_id"] for r in reopened.list_articles(limit=10) if r["id"] != unrelated().id} == {alpha.id}
        assert all(c["n_sources"] == 3 for c in reopened.clusters(min_sources=1, actor="SYR"))


def test_the_story_threshold_is_a_setting_the_store_keeps(tmp_path):
    alpha, beta, gamma = syndicated()
    path = str(tmp_path / "strict.duckdb")
    with open_store(path, threshold=0.95, containment=0.99) as strict:
        strict.add_article(alpha)
        strict.add_article(beta)
        assert strict.stats()["stories"] == 2
    with open_store(path) as again:             # the CLI opens stores without settings
        assert again.settings()["threshold"] == 0.95 and again.settings()["window_days"] == 1
        again.add_article(gamma)
        assert again.stats()["stories"] == 3


def test_the_real_pipeline_output_clusters_across_copies(tmp_path):
    pytest.importorskip("eventwire.events")
    pytest.importorskip("eventwire.nlp")
    from eventwire.model import Article
    from eventwire.pipeline import code_article
    coded = []
    for i, (host, extra) in enumerate((("alpha.example.com", "Sign up for our newsletter."),
                                       ("beta.example.org", "Follow us on social media."))):
        article = Article(source=f"https://{host}/story", url=f"https://{host}/story", text=STORY + "\n\n" + extra,
                          title="Ceasefire talks in Ankara", published="2025-03-05", language="en")
        coded.append(code_article(article))
    if not coded[0].events:
        pytest.skip("the event coder finds no events in the story yet")
    with open_store(str(tmp_path / "pipeline.duckdb")) as store:
        assert all(store.add_article(a) for a in coded)
        assert store.stats()["stories"] == 1
        assert store.count_events() == len(coded[0].events) + len(coded[1].events)
        # identical text gives identical events: every cluster is reported by both outlets
        assert all(c["n_sources"] == 2 for c in store.clusters(limit=1000))


def test_distinct_events_of_one_article_stay_distinct_clusters(tmp_path):
    from builders import event
    from eventwire.model import Article
    text = ("Israeli jets struck targets near Quneitra on Sunday. Israeli artillery shelled the village of "
            "Khan Arnabeh on Sunday, the army said.")
    quneitra, arnabeh = Location("Quneitra", "SYR", 33.13, 35.82), Location("Khan Arnabeh", "SYR", 33.18, 35.89)
    article = Article(source="https://news.example.com/golan", url="https://news.example.com/golan", text=text,
                      published="2025-03-03")
    article.events = [event(text, "Israeli jets struck targets near Quneitra on Sunday", "ASSAULT", "ISRMIL",
                            "SYR", quneitra, date="2025-03-02"),
                      event(text, "Israeli artillery shelled the village of Khan Arnabeh on Sunday", "ASSAULT",
                            "ISRMIL", "SYR", arnabeh, date="2025-03-02")]
    # same type, dyad, day and area: across articles they would be one event; the coder kept them apart
    with open_store(str(tmp_path / "one.duckdb")) as store:
        store.add_article(article)
        assert sorted(c["n_mentions"] for c in store.clusters()) == [1, 1]


def test_an_undated_event_is_anchored_to_when_its_article_was_retrieved(tmp_path):
    from datetime import datetime, timezone

    from builders import event
    from eventwire.model import Article
    text = "Israeli jets struck targets near Quneitra, the army said."
    quneitra = Location("Quneitra", "SYR", 33.13, 35.82)

    def copy(host: str, retrieved: datetime) -> Article:
        a = Article(source=f"https://{host}/q", url=f"https://{host}/q", text=text + f" ({host})", retrieved=retrieved)
        a.events = [event(a.text, "Israeli jets struck targets near Quneitra", "ASSAULT", "ISRMIL", "SYR", quneitra)]
        return a
    with open_store(str(tmp_path / "anchored.duckdb")) as store:
        store.add_article(copy("a.example.com", datetime(2025, 3, 2, tzinfo=timezone.utc)))
        store.add_article(copy("b.example.com", datetime(2025, 3, 3, tzinfo=timezone.utc)))   # the same strike
        store.add_article(copy("c.example.com", datetime(2025, 9, 1, tzinfo=timezone.utc)))   # months later
        assert sorted(c["n_sources"] for c in store.clusters()) == [1, 2]
        # and filed under that day for date filters and timelines
        assert [e["article_source"] for e in store.events(since="2025-09-01")] == ["https://c.example.com/q"]
        assert {r["period"]: r["count"] for r in store.aggregate("month")} == {"2025-03-01": 2, "2025-09-01": 1}


def test_actor_names_follow_pronouns_to_their_antecedent():
    from eventwire.model import ActorMention, Article
    from eventwire.store.writer import actor_name
    text = "Barack Obama arrived in Nairobi. He met Kenyan leaders."
    article = Article(source="x", text=text, actors=[
        ActorMention(Span.of(text, 0, 12), "USAGOV", name="Barack Obama"),
        ActorMention(Span.of(text, 33, 35), "USAGOV", name=None, refers_to=0, kind="pronoun")])
    assert actor_name(article, 1) == "Barack Obama"
    assert actor_name(article, None) is None and actor_name(article, 7) is None
