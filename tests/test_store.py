"""The store on real engines: DuckDB in tmp_path and a throwaway PostgreSQL server (skipped when not installed)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "store"))
from builders import later_meeting, syndicated, unrelated  # noqa: E402
from pgserver import postgres_server, store_url  # noqa: E402,F401  (fixtures)

from eventwire.errors import StoreError  # noqa: E402
from eventwire.model import Article, Event, Failure, Span  # noqa: E402
from eventwire.store import open_store  # noqa: E402


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def table_counts(store) -> dict:
    return {t: store.db.rows(f"SELECT count(*) FROM {t}")[0][0]
            for t in ("articles", "events", "event_clusters", "doc_signatures", "lsh_buckets", "failures")}


@pytest.fixture
def corpus(store):
    """Three copies of one story, an unrelated story and a later meeting of the same dyad."""
    articles = syndicated() + [unrelated(), later_meeting()]
    for article in articles:
        assert store.add_article(article)
    return store, articles


# ---------------------------------------------------------------- schema and writes
def test_schema_is_versioned_and_reopening_migrates_nothing(store_url):
    with open_store(store_url) as first:
        assert first.schema_version() == 2
        assert first.db.rows("SELECT version, name FROM schema_version ORDER BY version") == \
            [(1, "001_initial"), (2, "002_actor_names")]
    with open_store(store_url) as again:
        assert again.db.rows("SELECT count(*) FROM schema_version") == [(2,)]


def test_same_content_is_stored_once(store):
    article = unrelated()
    assert store.add_article(article) is True
    before = table_counts(store)
    copy = unrelated()
    copy.source = "elsewhere/copy.txt"     # same clean text from another place is still the same content
    assert store.add_article(copy) is False
    assert table_counts(store) == before
    assert before["articles"] == 1 and before["events"] == 2


def test_an_article_round_trips_with_every_event_field(store):
    original = syndicated()[0]
    store.add_article(original)
    back = store.get_article(original.id)
    assert back.text == original.text and back.title == original.title and back.published == original.published
    assert back.events == original.events            # evidence spans, attribution span, location span, ...
    assert back.places == original.places
    assert store.get_article("nope") is None


def test_a_crash_mid_article_leaves_nothing_half_written(store, monkeypatch):
    from eventwire.store.writer import BatchWriter
    article = syndicated()[0]
    real_insert_events = BatchWriter._insert_events

    def crash_before_events(self, pending):     # article, signature, buckets and clusters are written by now
        assert self.db.rows("SELECT count(*) FROM event_clusters")[0][0] > 0
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(BatchWriter, "_insert_events", crash_before_events)
    with pytest.raises(StoreError, match="disk on fire") as info:
        store.add_article(article)
    assert info.value.source == article.source
    assert set(table_counts(store).values()) == {0}
    monkeypatch.setattr(BatchWriter, "_insert_events", real_insert_events)
    assert store.add_article(article) is True       # nothing left behind blocks a retry
    assert table_counts(store)["events"] == len(article.events)


def test_an_event_the_schema_refuses_rolls_back_its_article(store):
    text = "The minister resigned on Monday after the vote."
    bad = Article(source="bad.txt", text=text, events=[Event(type=None, source="GBRGOV", target="---",
                                                             evidence=[Span.of(text, 0, 24)])])
    with pytest.raises(StoreError) as info:
        store.add_article(bad)
    assert info.value.source == "bad.txt"
    assert table_counts(store)["articles"] == 0


def test_failures_are_recorded_and_the_batch_goes_on(store):
    batch = [unrelated(), Failure("feeds/broken.xml", "ingest", "not a feed: no <rss> or <feed> root"),
             later_meeting()]
    stored = 0
    for item in batch:
        if isinstance(item, Failure):
            store.add_failure(item)
        else:
            stored += store.add_article(item)
    assert stored == 2
    [failure] = store.failures()
    assert failure["source"] == "feeds/broken.xml" and failure["stage"] == "ingest"
    assert failure["reason"].startswith("not a feed") and failure["time"]
    assert store.stats()["failures"] == 1


def test_ingest_into_stores_failures_and_goes_on(store, tmp_path):
    pytest.importorskip("eventwire.clean")
    from eventwire.run import ingest_into
    good = tmp_path / "good.txt"
    good.write_text(Path(__file__).parent.joinpath("fixtures", "store", "story.txt").read_text(), encoding="utf-8")
    summary = ingest_into(store, [str(tmp_path / "missing.txt"), str(good)], stage="extract")
    assert summary["done"] == 1 and summary["failed"] == 1
    assert store.failures()[0]["source"].endswith("missing.txt")
    assert store.list_articles()[0]["source"] == str(good)


# ---------------------------------------------------------------- queries
def event_types(rows) -> list[str]:
    return sorted(r["type"] for r in rows)


def test_actor_filters_take_a_code_prefix_or_a_name(corpus):
    store, _ = corpus
    assert event_types(store.events(actor="SYRMIL")) == ["ASSAULT"] * 3
    assert event_types(store.events(actor="KEN")) == ["PROTEST"]
    assert event_types(store.events(actor="kenyan protesters")) == ["PROTEST"]
    assert event_types(store.events(source="USA")) == ["SANCTION"]
    assert event_types(store.events(target="USA")) == []
    assert event_types(store.events(target="IRN")) == ["SANCTION"]
    assert event_types(store.events(target="---")) == ["REQUEST"] * 3          # unknown actors
    assert event_types(store.events(actor="SYRGOV,KENGOV")) == ["ACCUSE"] * 3 + ["PROTEST"]


def test_country_matches_either_actor_or_the_location(corpus):
    store, _ = corpus
    assert event_types(store.events(country="IRN")) == ["SANCTION"]
    assert event_types(store.events(country="RUS")) == ["AGREE"] * 3 + ["CONSULT"] * 4
    by_place_only = store.events(country="SYR", type="ASSAULT")
    assert len(by_place_only) == 3


def test_type_modality_quad_and_attribution_filters(corpus):
    store, _ = corpus
    assert event_types(store.events(type="PROTEST,SANCTION")) == ["PROTEST", "SANCTION"]
    assert event_types(store.events(type=["protest"])) == ["PROTEST"]
    assert event_types(store.events(modality="hedged")) == ["SANCTION"]
    assert event_types(store.events(quad_class=4)) == ["ASSAULT"] * 3 + ["SANCTION"]
    attributed = store.events(attributed=True)
    assert all(r["attribution"] for r in attributed) and len(attributed) == 3 + 3 + 1 + 1
    assert all(r["attribution"] is None for r in store.events(attributed="false", limit=1000))


def test_dates_filter_on_the_event_date_and_fall_back_to_publication(corpus):
    store, _ = corpus
    april = store.events(since="2025-04-01")
    assert event_types(april) == ["CONSULT", "PROTEST", "SANCTION"]
    # "2025-04" covers the whole month, so it is still in range on the 20th
    assert event_types(store.events(since="2025-04-20")) == ["SANCTION"]
    # the undated accusations fall back to their copies' publication days (4 and 5 March)
    assert event_types(store.events(type="ACCUSE", since="2025-03-05", until="2025-03-05")) == ["ACCUSE"] * 2
    assert event_types(store.events(until="2025-03-03", type="ASSAULT")) == ["ASSAULT"] * 3


def test_places_bbox_and_distance(corpus):
    store, _ = corpus
    syria_bbox = (35.0, 32.0, 42.5, 37.5)
    assert event_types(store.events(bbox=syria_bbox)) == ["ASSAULT"] * 3
    assert event_types(store.events(bbox="36,-2,37,-1")) == ["PROTEST"]
    near_ankara = store.events(near=(39.9, 32.9, 50))
    assert {r["location"]["name"] for r in near_ankara} == {"Ankara"}
    # Tal Abyad is about 600 km from Ankara
    assert {r["location"]["name"] for r in store.events(near="39.9,32.9,700")} == {"Ankara", "Tal Abyad"}
    assert event_types(store.events(place="tal abyad")) == ["ASSAULT"] * 3
    assert event_types(store.events(place="KEN")) == ["PROTEST"]
    assert event_types(store.events(place="Nairobi Province")) == ["PROTEST"]   # admin1


def test_text_article_and_cluster_filters(corpus):
    store, articles = corpus
    assert event_types(store.events(text="MARCHED through")) == ["PROTEST"]   # evidence, any case
    assert event_types(store.events(text="finance bill")) == ["PROTEST", "SANCTION"]   # headline
    assert event_types(store.events(article_id=articles[3].id)) == ["PROTEST", "SANCTION"]
    cluster = store.events(type="PROTEST")[0]["cluster_id"]
    assert event_types(store.events(cluster_id=cluster)) == ["PROTEST"]


def test_counts_sorting_and_pages_agree(corpus):
    store, _ = corpus
    total = store.count_events()
    assert total == 5 + 5 + 5 + 2 + 1 == len(store.events(limit=1000))
    assert store.count_events(type="ASSAULT") == 3
    newest_first = store.events(sort="-date", limit=1000)
    days = [r["date"] for r in newest_first if r["date"] and len(r["date"]) == 10]
    assert days == sorted(days, reverse=True)
    pages = store.events(sort="id", limit=4) + store.events(sort="id", limit=4, offset=4)
    assert [r["id"] for r in pages] == [r["id"] for r in store.events(sort="id", limit=8)]


def test_event_dicts_carry_the_contract_fields(corpus):
    store, articles = corpus
    [row] = store.events(type="ASSAULT", article_id=articles[0].id)
    assert row["source"] == "SYRMIL" and row["target"] == "SYRREB"
    assert row["location"] == {"name": "Tal Abyad", "country": "SYR", "lat": 36.70, "lon": 38.95}
    assert row["attribution"] == "local residents" and row["modality"] == "reported"
    start, end = row["evidence_spans"][0]
    assert articles[0].text[start:end] == row["evidence"]
    a_start, a_end = row["attribution_span"]
    assert articles[0].text[a_start:a_end] == "local residents"
    assert row["article_title"] == articles[0].title and row["article_source"] == articles[0].source
    assert row["published"] == "2025-03-05T09:10" and row["story_id"] == articles[0].id


def test_unknown_filters_and_bad_values_are_typed_errors(store):
    with pytest.raises(StoreError, match="unknown filter"):
        store.events(colour="red")
    with pytest.raises(StoreError, match="4 comma-separated numbers"):
        store.events(bbox="1,2,3")
    with pytest.raises(StoreError, match="date"):
        store.events(since="last tuesday")
    with pytest.raises(StoreError, match="unknown sort"):
        store.events(sort="colour")


def test_list_articles_with_filters(corpus):
    store, articles = corpus
    listed = store.list_articles()
    assert len(listed) == 5 and {r["id"] for r in listed} == {a.id for a in articles}
    assert {"id", "source", "url", "title", "published", "language", "n_events", "story_id", "retrieved"} <= set(listed[0])
    [kenya] = store.list_articles(actor="KEN")
    assert kenya["n_events"] == 2 and kenya["title"].startswith("Police fire tear gas")
    assert len(store.list_articles(limit=2)) == 2


# ---------------------------------------------------------------- aggregates
def test_timelines_by_month_and_by_day_per_type(corpus):
    store, _ = corpus
    by_month = {r["period"]: r["count"] for r in store.aggregate("month")}
    assert by_month == {"2025-03-01": 15, "2025-04-01": 3}
    per_type = store.aggregate("day", group="type", type="ASSAULT")
    assert {(r["period"], r["group"], r["count"]) for r in per_type} == {("2025-03-03", "ASSAULT", 2),
                                                                        ("2025-03-01", "ASSAULT", 1)}
    weeks = store.aggregate("week", since="2025-04-01")
    assert sum(r["count"] for r in weeks) == 3 and all(r["period"] <= "2025-04-10" for r in weeks)


def test_networks_types_actors_and_countries(corpus):
    store, _ = corpus
    dyads = {(r["source"], r["target"]): r for r in store.aggregate("dyad")}
    assert dyads[("SYRMIL", "SYRREB")]["count"] == 3 and dyads[("SYRMIL", "SYRREB")]["quad"]["4"] == 3
    assert dyads[("KENCVL", "KENGOV")]["quad"] == {"1": 0, "2": 0, "3": 1, "4": 0}
    types = {r["type"]: r["count"] for r in store.aggregate("type")}
    assert types["ASSAULT"] == 3 and types["PROTEST"] == 1 and sum(types.values()) == 18
    assert {r["quad_class"]: r["count"] for r in store.aggregate("quad_class")}[4] == 4
    actors = {r["actor"]: r["count"] for r in store.aggregate("actor")}
    assert actors["TURGOV"] == 3 + 3 + 3 + 1 and "---" not in actors   # CONSULT, AGREE, ACCUSE, later CONSULT
    countries = {r["country"]: r["count"] for r in store.aggregate("country")}
    assert countries["KEN"] == 1 and countries["SYR"] == 3 + 3          # ASSAULT (actors and place), ACCUSE
    with pytest.raises(StoreError):
        store.aggregate("colour")


def test_actor_and_place_lists(corpus):
    store, _ = corpus
    actors = {a["code"]: a for a in store.actors()}
    assert actors["SYRMIL"] == {"code": "SYRMIL", "name": "Syrian government forces", "n_events": 3}
    places = {p["name"]: p for p in store.places()}
    assert places["Tal Abyad"]["n_events"] == 3 and places["Tal Abyad"]["country"] == "SYR"
    assert places["Nairobi"]["admin1"] == "Nairobi Province"
    assert [p["name"] for p in store.places(country="KEN")] == ["Nairobi"]


def test_stats_describe_the_store(corpus):
    store, _ = corpus
    stats = store.stats()
    assert stats["articles"] == 5 and stats["stories"] == 3 and stats["events"] == 18
    assert stats["schema_version"] == 2 and stats["outlets"] == 4
    assert stats["first_event_day"] == "2025-03-01" and stats["last_event_day"] == "2025-04-30"


# ---------------------------------------------------------------- bulk
def cluster_shapes(store) -> list[tuple]:
    return sorted((c["type"], c["source"], c["target"], c["date"], c["n_mentions"], c["n_articles"], c["n_sources"])
                  for c in store.clusters(limit=1000))


def test_a_batch_stores_exactly_what_one_by_one_would(store_url, tmp_path):
    articles = syndicated() + [unrelated(), later_meeting()]
    with open_store(str(tmp_path / "one_by_one.duckdb")) as single:
        for article in articles:
            single.add_article(article)
        expected_clusters, expected_stats = cluster_shapes(single), single.stats()
    with open_store(store_url) as bulk:
        summary = bulk.add_articles(articles + [unrelated()], batch_size=3)
        assert (summary["stored"], summary["duplicates"], summary["failed"]) == (5, 1, [])
        assert cluster_shapes(bulk) == expected_clusters
        stats = bulk.stats()
        assert {k: stats[k] for k in ("articles", "stories", "events", "clusters", "multi_source_clusters")} == \
            {k: expected_stats[k] for k in ("articles", "stories", "events", "clusters", "multi_source_clusters")}


def test_a_bad_article_in_a_batch_costs_only_itself(store):
    text = "The minister resigned on Monday after the vote."
    bad = Article(source="bad.txt", text=text, events=[Event(type=None, source="GBRGOV", target="---",
                                                             evidence=[Span.of(text, 0, 24)])])
    summary = store.add_articles([unrelated(), bad, later_meeting()])
    assert summary["stored"] == 2 and [f.source for f in summary["failed"]] == ["bad.txt"]
    assert store.failures()[0]["stage"] == "store" and store.failures()[0]["source"] == "bad.txt"
    assert store.stats()["articles"] == 2


def test_articles_are_listed_and_counted_by_their_own_ids_or_by_their_events(corpus):
    store, articles = corpus
    no_events = Article(source="notes/quiet-day.txt", text="Nothing of note happened in the capital today.",
                        published="2025-06-01")
    store.add_article(no_events)
    assert [r["id"] for r in store.list_articles(article_id=no_events.id)] == [no_events.id]
    assert store.count_articles() == 6
    assert store.count_articles(story_id=articles[0].id) == 3
    assert store.count_articles(type="ASSAULT") == 3 and store.count_articles(type="ASSAULT", story_id="x") == 0


def test_an_event_is_found_by_its_id(corpus):
    store, _ = corpus
    some = store.events(type="PROTEST")[0]
    assert store.get_event(some["id"]) == some
    assert store.get_event(10 ** 9) is None and store.get_event("abc") is None


# ---------------------------------------------------------------- migrations and concurrent writers
def test_a_store_made_by_an_older_release_is_upgraded_on_open(store_url, tmp_path, monkeypatch):
    import shutil

    import eventwire.store.store as store_module
    from eventwire.store.writer import BatchWriter
    current = store_module.MIGRATIONS
    first_release = tmp_path / "migrations"
    first_release.mkdir()
    shutil.copy(current / "001_initial.sql", first_release)
    monkeypatch.setattr(store_module, "MIGRATIONS", first_release)
    # what that release wrote: events without the actor-name columns
    monkeypatch.setattr(BatchWriter, "EVENT_COLUMNS", BatchWriter.EVENT_COLUMNS[:-2])
    real_row = BatchWriter._event_row
    monkeypatch.setattr(BatchWriter, "_event_row", lambda self, *a: real_row(self, *a)[:-2])
    with open_store(store_url) as old:
        assert old.schema_version() == 1
        old.add_article(unrelated())
    monkeypatch.undo()
    with open_store(store_url, read_only=True) as upgraded:     # even a read-only open (the CLI's) upgrades it
        assert upgraded.schema_version() == 2
        assert upgraded.count_events() == 2                          # the data came through
        assert {e["source_name"] for e in upgraded.events()} == {None}
        upgraded.add_article(later_meeting())
        assert upgraded.count_events() == 3


def test_events_carry_the_canonical_actor_names(store, tmp_path):
    from eventwire.model import ActorMention
    from eventwire.store.export import export
    article = unrelated()
    text = article.text
    washington = text.index("Washington")
    article.actors = [ActorMention(Span.of(text, washington, washington + 10), "USAGOV", name="United States"),
                      ActorMention(Span.of(text, 0, 9), "KENCVL", name=None, refers_to=None, kind="group")]
    sanction = next(e for e in article.events if e.type == "SANCTION")
    sanction.source_actor = 0
    store.add_article(article)
    [row] = store.events(type="SANCTION")
    assert row["source_name"] == "United States" and row["source_text"] == "Washington"
    assert store.events(type="PROTEST")[0]["source_name"] is None
    assert {a["code"]: a["name"] for a in store.actors()}["USAGOV"] == "United States"
    export(store, "gdelt", str(tmp_path / "g.tsv"), type="SANCTION")
    assert (tmp_path / "g.tsv").read_text().split("\t")[6] == "UNITED STATES"      # Actor1Name


@pytest.mark.postgres
def test_concurrent_writers_agree_on_one_story_and_its_clusters(postgres_server):
    import threading
    url = postgres_server.new_database()
    open_store(url).close()                                   # schema first, so the writers only write
    copies = syndicated()
    start = threading.Barrier(len(copies))
    errors = []

    def write(article):
        try:
            with open_store(url) as store:
                start.wait()
                store.add_article(article)
        except Exception as exc:          # surfaced below: a thread's exception would otherwise vanish
            errors.append(exc)
    threads = [threading.Thread(target=write, args=(a,)) for a in copies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(url) as store:
        assert store.stats()["stories"] == 1
        assert [(c["n_mentions"], c["n_sources"]) for c in store.clusters()] == [(3, 3)] * 5


def test_free_form_meta_with_odd_values_is_kept_as_text(store):
    from datetime import datetime
    article = later_meeting()
    article.meta = {"feed_published": datetime(2025, 4, 11, 8, 30), "tags": ["diplomacy"], "sitename": "Alpha"}
    assert store.add_article(article)
    assert store.get_article(article.id).meta == {"feed_published": "2025-04-11 08:30:00", "tags": ["diplomacy"],
                                                  "sitename": "Alpha"}


def test_a_store_copies_into_another_engine_with_the_same_corpus(corpus, tmp_path):
    store, articles = corpus
    copied = [a for a in store.iter_articles(page=2)]
    assert [a.id for a in copied] == [a.id for a in articles]          # oldest stored first, across pages
    assert copied[0].events == articles[0].events
    with open_store(str(tmp_path / "copy.duckdb")) as target:
        assert target.add_articles(copied)["stored"] == 5
        assert cluster_shapes(target) == cluster_shapes(store)
        assert target.stats()["stories"] == store.stats()["stories"]


def test_cli_copy_recodes_the_corpus_under_new_settings(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app
    source, strict = str(tmp_path / "src.duckdb"), str(tmp_path / "strict.duckdb")
    with open_store(source) as s:
        s.add_articles(syndicated())
        s.add_failure(Failure("feeds/x.xml", "ingest", "not a feed"))
    result = CliRunner().invoke(app, ["copy", "--db", source, "--to", strict, "--threshold", "0.95",
                                      "--containment", "0.99"])
    assert result.exit_code == 0, result.output
    with open_store(strict) as s:
        assert s.stats()["stories"] == 3 and s.stats()["events"] == 15 and s.failures()[0]["reason"] == "not a feed"
        found = s.clusters()
        # events with both actors known still meet across the (now separate) stories...
        assert all(c["n_sources"] == 3 for c in found if "---" not in (c["source"], c["target"]))
        # ...while an event with an unknown actor only joins copies of its own story
        assert sorted(c["n_sources"] for c in found if c["target"] == "---") == [1, 1, 1]


def test_outlet_is_host_directory_or_label_never_a_server_path(tmp_path):
    from eventwire.model import Article
    from eventwire.store.writer import outlet_of
    page = tmp_path / "wire" / "a.txt"
    page.parent.mkdir()
    page.write_text("x")
    assert outlet_of(Article(source="https://www.example.org/news/1", text="x")) == "example.org"
    assert outlet_of(Article(source=str(page), text="x")) == str(page.parent)
    assert outlet_of(Article(source="api:text", text="x")) == "api:text"
