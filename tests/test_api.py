"""The REST API over a real DuckDB store: every endpoint, filters equal to the store's own answers, keys,
size limits, structured errors, and a bounded schemathesis run against the app's own OpenAPI document."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.errors import CleanError
from eventwire.model import ActorMention, Article, Event, Location, Place, Span, TimeExpr
from eventwire.store import open_store

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "store"))
from pgserver import postgres_server  # noqa: E402,F401  (fixture: a throwaway PostgreSQL, skipped without one)

CORPUS = Path(__file__).parent / "fixtures" / "api" / "corpus.json"
KEY = "test-key-0123456789"
N_ARTICLES, N_EVENTS = 7, 12   # in the fixture corpus (one article is a syndicated copy of another)


@pytest.fixture(scope="module", autouse=True)
def settings_only_from_the_tests():
    """EVENTWIRE_* variables in the developer's shell must not change what these tests see."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("EVENTWIRE_")]:
            patch.delenv(name)
        yield


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def corpus_articles() -> list[Article]:
    """The fixture corpus as Articles; every span is found by its words in the text."""
    articles = []
    for item in json.loads(CORPUS.read_text()):
        text = item["text"]
        article = Article(source=item["source"], text=text, title=item["title"], published=item["published"],
                          language=item["language"], url=item.get("url"))
        article.sentences = [_span(text, line) for line in text.split("\n")]
        article.actors = [ActorMention(_span(text, words), code, name) for words, code, name in item["actors"]]
        article.places = [Place(_span(text, words), name, kind, country, None, lat, lon)
                          for words, name, kind, country, lat, lon in item["places"]]
        article.times = [TimeExpr(_span(text, words), value, precision) for words, value, precision in item["times"]]
        for e in item["events"]:
            e = dict(e)
            evidence = [_span(text, e.pop("evidence"))]
            location = Location(**e.pop("location")) if e.get("location") else None
            article.events.append(Event(evidence=evidence, location=location, **e))
        articles.append(article)
    return articles


def filled_store(path: Path):
    store = open_store(str(path))
    for article in corpus_articles():
        assert store.add_article(article)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = filled_store(tmp_path_factory.mktemp("api") / "events.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store=store, api_key=KEY), raise_server_exceptions=False)


def make_client(store, **settings) -> TestClient:
    return TestClient(create_app(store=store, **settings), raise_server_exceptions=False)


# ---- meta ----
def test_health_says_ok_with_the_version(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["version"]


def test_stats_count_what_the_store_holds(client, store):
    body = client.get("/api/stats").json()
    assert body["articles"] == N_ARTICLES and body["events"] == N_EVENTS
    assert {"clusters", "failures"} <= set(body)
    assert body == json.loads(json.dumps(store.stats(), default=str))


# ---- events ----
FILTERS = [
    {}, {"actor": "SYR"}, {"actor": "syr"}, {"source": "ISRMIL"}, {"target": "UKR"}, {"country": "SYR"},
    {"type": "ASSAULT"}, {"quad_class": 4}, {"modality": "reported"}, {"attributed": "true"},
    {"attributed": "false"}, {"since": "2025-06-01"}, {"until": "2025-05-13"}, {"since": "2025-05", "until": "2025-06"},
    {"place": "damascus"}, {"text": "sanctions"}, {"bbox": "30,20,50,40"}, {"near": "50.45,30.52,500"},
    {"type": "ASSAULT", "country": "UKR"}, {"mode": "visit"}, {"type": "assault,coerce"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_event_filters_give_the_stores_rows(client, store, params):
    # The store takes the same names and the same string values as the query string.
    body = client.get("/api/events", params={**params, "limit": 100, "sort": "date"}).json()
    expected = store.events(**params, sort="date", limit=100, offset=0)
    assert body["items"] == json.loads(json.dumps(expected))
    assert body["total"] == store.count_events(**params) == len(expected)


def test_event_filters_narrow_the_corpus(client):
    assert client.get("/api/events").json()["total"] == N_EVENTS
    assert {e["type"] for e in client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]} == {"ASSAULT"}
    syria = client.get("/api/events", params={"country": "SYR"}).json()["items"]
    assert len(syria) == 6 and all("SYR" in (e["source"][:3], e["target"][:3], (e["location"] or {}).get("country"))
                                   for e in syria)
    assert all(e["modality"] == "reported" for e in client.get("/api/events", params={"modality": "reported"}).json()["items"])


def test_events_carry_the_contract_fields(client):
    event = client.get("/api/events", params={"type": "CONSULT"}).json()["items"][0]
    for field in ("id", "article_id", "cluster_id", "story_id", "type", "mode", "source", "target", "source_text",
                  "target_text", "date", "location", "attribution", "modality", "quad_class", "cameo", "intensity",
                  "confidence", "evidence", "evidence_spans", "published", "article_title", "article_source"):
        assert field in event, field
    assert event["location"]["name"] == "Riyadh" and event["location"]["country"] == "SAU"
    start, end = event["evidence_spans"][0]
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["text"][start:end] == event["evidence"]


def test_paging_walks_the_events_without_overlap(client):
    first = client.get("/api/events", params={"limit": 4, "offset": 0, "sort": "date"}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4, "sort": "date"}).json()
    assert first["total"] == second["total"] == N_EVENTS
    assert len(first["items"]) == 4 and len(second["items"]) == 4
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_one_event_by_id_and_404_for_an_unknown_one(client):
    some = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/events/{some['id']}").json() == some
    missing = client.get("/api/events/999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


# ---- articles ----
def test_article_list_gives_summaries_with_event_counts(client):
    body = client.get("/api/articles", params={"limit": 100}).json()
    assert body["total"] == N_ARTICLES and len(body["items"]) == N_ARTICLES
    by_title = {a["title"]: a for a in body["items"]}
    assert by_title["US and Syrian leaders meet in Riyadh"]["n_events"] == 3
    assert by_title["A quiet week"]["n_events"] == 0
    assert set(by_title["A quiet week"]) >= {"id", "source", "url", "title", "published", "language", "story_id"}


def test_article_detail_has_text_annotations_and_events_with_spans(client):
    summary = next(a for a in client.get("/api/articles").json()["items"] if a["title"].startswith("Thousands"))
    article = client.get(f"/api/articles/{summary['id']}").json()
    assert article["text"].startswith("Thousands of protesters")
    assert [a["code"] for a in article["actors"]] == ["GEOOPP", "GEOGOV", "GEOCOP", "GEOGOV"]
    assert article["places"][0]["name"] == "Tbilisi" and article["times"][0]["value"] == "2025-07-20"
    assert {e["type"] for e in article["events"]} == {"PROTEST", "COERCE"}
    for event in article["events"]:
        start, end = event["evidence_spans"][0]
        assert article["text"][start:end] == event["evidence"]
    assert "story_id" in article and isinstance(article["story_articles"], list)


def test_a_syndicated_copy_lists_the_other_articles_of_its_story(client):
    titles = {a["title"]: a for a in client.get("/api/articles", params={"limit": 100}).json()["items"]}
    original, copy = titles["Thousands protest in Tbilisi"], titles["Tbilisi rally against the government"]
    assert original["story_id"] == copy["story_id"]
    detail = client.get(f"/api/articles/{copy['id']}").json()
    assert [a["id"] for a in detail["story_articles"]] == [original["id"]]


def test_an_article_without_events_has_its_detail_and_story(client):
    quiet = next(a for a in client.get("/api/articles").json()["items"] if a["title"] == "A quiet week")
    detail = client.get(f"/api/articles/{quiet['id']}").json()
    assert detail["events"] == [] and detail["n_events"] == 0
    assert detail["story_id"] == quiet["story_id"] and detail["story_articles"] == []
    assert detail["times"][0]["value"] == "2025-07"


def test_unknown_article_is_a_structured_404(client):
    response = client.get("/api/articles/0000000000000000")
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not_found", "message": "no article 0000000000000000",
                                        "input": "0000000000000000"}


# ---- clusters, facets, aggregates ----
def test_clusters_list_and_detail(client):
    body = client.get("/api/clusters", params={"limit": 100}).json()
    assert body["total"] >= 1 and body["items"]
    cluster = body["items"][0]
    assert {"id", "type", "source", "target", "first_seen", "last_seen", "n_mentions", "n_articles", "n_sources"} <= set(cluster)
    detail = client.get(f"/api/clusters/{cluster['id']}").json()
    assert detail["id"] == cluster["id"] and detail["events"] and detail["articles"]
    assert all(e["cluster_id"] == cluster["id"] for e in detail["events"])
    assert client.get("/api/clusters/999999").status_code == 404


def test_actors_and_places_count_events(client, store):
    actors = client.get("/api/actors").json()
    assert any(a["code"] == "USAGOV" and a["n_events"] == 3 for a in actors)
    places = client.get("/api/places").json()
    damascus = next(p for p in places if p["name"] == "Damascus")
    assert damascus["country"] == "SYR" and damascus["n_events"] == 2


def test_timeline_counts_by_period_and_group(client):
    rows = client.get("/api/aggregates/timeline", params={"by": "day", "group": "type"}).json()
    assert {"period": "2025-05-13", "group": "ASSAULT", "count": 2} in rows
    months = client.get("/api/aggregates/timeline", params={"by": "month", "group": "none"}).json()
    assert sum(r["count"] for r in months) == N_EVENTS


def test_network_links_source_and_target_actors(client):
    net = client.get("/api/aggregates/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("USAGOV", "SYRGOV")]["count"] >= 1
    node_ids = {n["id"] for n in net["nodes"]}
    assert {s for s, _ in edges} | {t for _, t in edges} <= node_ids


def test_map_points_carry_their_events(client):
    points = client.get("/api/aggregates/map").json()
    damascus = next(p for p in points if p["name"] == "Damascus")
    assert set(damascus) == {"lat", "lon", "name", "country", "count", "n_articles", "quad_class", "event_ids"}
    assert damascus["count"] == 2 and damascus["n_articles"] == 2 and damascus["quad_class"] == 4
    assert len(damascus["event_ids"]) == 2
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)


# ---- bad input ----
@pytest.mark.parametrize("query", ["limit=0", "limit=abc", "offset=-1", "type=EXPLODE", "quad_class=9",
                                   "since=yesterday", "bbox=1,2,3", "bbox=a,b,c,d", "near=10,10,-5", "sort=random",
                                   "country=Syria"])
def test_bad_query_parameters_are_structured_422s(client, query):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"]
    assert error["input"].startswith("query.")


class FailingStore:
    """A store whose every read fails the way the given exception says."""

    def __init__(self, exc: Exception):
        self.exc = exc

    def stats(self):
        raise self.exc


def test_a_failing_store_is_a_structured_500_naming_the_cause():
    from eventwire.errors import StoreError
    response = make_client(FailingStore(StoreError("events.duckdb", "disk full"))).get("/api/stats")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "store_error", "message": "the store failed: disk full"}}


def test_a_bug_is_a_structured_500_without_a_traceback():
    response = make_client(FailingStore(RuntimeError("boom"))).get("/api/stats")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "RuntimeError while serving /api/stats"}}


def test_unknown_api_path_is_a_structured_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


# ---- writes: POST /api/articles ----
def fake_coder(submission, allow_private=False) -> Article:
    """Stands in for the pipeline where a test is about the HTTP contract, not about coding."""
    text = submission.text or "A posted page."
    if "unreadable" in text:
        raise CleanError(submission.source or "api:text", "no main text found")
    article = Article(source=submission.source or "api:text", text=text, title="Posted", published="2025-08-01",
                      language="en")
    sentence = Span.of(text, 0, len(text))
    article.events = [Event(type="PROTEST", source="FRAOPP", target="FRAGOV", evidence=[sentence],
                            date="2025-08-01", quad_class=3)]
    return article


@pytest.fixture()
def writable(tmp_path):
    """A fresh store and a keyed app whose pipeline is the fake coder."""
    store = open_store(str(tmp_path / "w.duckdb"))
    app = create_app(store=store, api_key=KEY, max_body_bytes=10_000)
    app.state.coder = fake_coder
    yield TestClient(app, raise_server_exceptions=False), store
    store.close()


def test_post_without_a_key_is_401(writable):
    client, store = writable
    response = client.post("/api/articles", json={"text": "Workers marched in Paris."})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert store.stats()["articles"] == 0


def test_post_with_a_wrong_key_is_401(writable):
    client, store = writable
    response = client.post("/api/articles", json={"text": "Workers marched in Paris."},
                           headers={"X-API-Key": KEY + "x"})
    assert response.status_code == 401 and store.stats()["articles"] == 0


def test_post_with_the_key_stores_and_returns_the_coded_article(writable):
    client, store = writable
    response = client.post("/api/articles", json={"text": "Workers marched in Paris.", "source": "paste"},
                           headers={"X-API-Key": KEY})
    assert response.status_code == 201
    body = response.json()
    assert body["text"] == "Workers marched in Paris." and body["source"] == "paste"
    assert [e["type"] for e in body["events"]] == ["PROTEST"] and body["events"][0]["id"]
    assert client.get(f"/api/articles/{body['id']}").json() == body
    again = client.post("/api/articles", json={"text": "Workers marched in Paris."}, headers={"X-API-Key": KEY})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert store.stats()["articles"] == 1


def test_a_key_outside_ascii_matches_its_utf8_bytes(store):
    client = make_client(store, api_key="clé-ключ", read_key_required=True)
    assert client.get("/api/stats", headers={"X-API-Key": "clé-ключ".encode()}).status_code == 200
    assert client.get("/api/stats", headers={"X-API-Key": "cle-ключ".encode()}).status_code == 401


def test_a_document_the_pipeline_refuses_is_a_422_and_a_recorded_failure(writable):
    client, store = writable
    response = client.post("/api/articles", json={"text": "unreadable", "source": "bad-paste"},
                           headers={"X-API-Key": KEY})
    assert response.status_code == 422
    assert response.json()["error"] == {"code": "clean_failed", "message": "no main text found",
                                        "input": "bad-paste", "stage": "clean"}
    assert store.stats()["failures"] == 1


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "https://example.org/"}, {"text": "   "},
                                  {"url": "ftp://example.org/x"}, {"url": "not a url"}, {"text": 5},
                                  {"text": "a", "retrieved": "last tuesday"}, {"text": "a", "colour": "red"}])
def test_bad_post_bodies_are_structured_422s(writable, body):
    client, _ = writable
    response = client.post("/api/articles", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["input"].startswith("body")


def test_a_body_that_is_not_json_is_a_422(writable):
    client, _ = writable
    response = client.post("/api/articles", content=b"{not json", headers={"X-API-Key": KEY,
                                                                        "Content-Type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def test_a_body_over_the_limit_is_413_by_its_declared_length(writable):
    client, store = writable
    response = client.post("/api/articles", json={"text": "x" * 20_000}, headers={"X-API-Key": KEY})
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    assert store.stats()["articles"] == 0


def test_a_streamed_body_over_the_limit_is_413_without_a_declared_length(writable):
    client, _ = writable

    def chunks():  # no Content-Length: the request goes out chunked and is counted as it arrives
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}'
    response = client.post("/api/articles", content=chunks(),
                           headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert response.status_code == 413


def test_posts_beyond_the_waiting_limit_are_503_busy(writable):
    client, _ = writable
    while client.app.state.waiting_posts.acquire(blocking=False):   # as if every place in the queue were taken
        pass
    response = client.post("/api/articles", json={"text": "Workers marched."}, headers={"X-API-Key": KEY})
    assert response.status_code == 503 and response.json()["error"]["code"] == "busy"
    assert response.headers["retry-after"] == "10"


def test_writes_are_refused_when_no_key_is_configured(store):
    response = make_client(store).post("/api/articles", json={"text": "Workers marched."})
    assert response.status_code == 403 and response.json()["error"]["code"] == "writes_disabled"


def test_writes_can_be_opened_explicitly_without_a_key(tmp_path):
    store = open_store(str(tmp_path / "open.duckdb"))
    app = create_app(store=store, open_writes=True)
    app.state.coder = fake_coder
    try:
        assert TestClient(app).post("/api/articles", json={"text": "Workers marched."}).status_code == 201
    finally:
        store.close()


def test_keyed_reads_need_the_key_but_health_stays_open(store):
    client = make_client(store, api_key=KEY, read_key_required=True)
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.get("/api/events", headers={"X-API-Key": KEY}).status_code == 200
    assert client.get("/api/health").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["security"] == [{"APIKeyHeader": []}]


def test_keyed_reads_without_a_key_configured_is_a_startup_error(store):
    with pytest.raises(ValueError, match="read_key_required"):
        create_app(store=store, read_key_required=True)


def test_settings_come_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_API_KEY", "from-env")
    monkeypatch.setenv("EVENTWIRE_READ_KEY_REQUIRED", "1")
    monkeypatch.setenv("EVENTWIRE_CORS", "https://a.example, https://b.example")
    client = make_client(store)
    assert client.get("/api/stats").status_code == 401
    assert client.get("/api/stats", headers={"X-API-Key": "from-env"}).status_code == 200
    allowed = client.get("/api/health", headers={"Origin": "https://b.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://b.example"


def test_large_answers_are_gzipped_for_clients_that_accept_it(client):
    response = client.get("/api/events", params={"limit": 100}, headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and response.json()["total"] == N_EVENTS
    small = client.get("/api/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_cors_is_off_by_default(client):
    response = client.get("/api/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_posted_urls_on_private_addresses_are_refused(tmp_path):
    pytest.importorskip("eventwire.ingest")
    store = open_store(str(tmp_path / "u.duckdb"))
    try:
        client = make_client(store, api_key=KEY)
        response = client.post("/api/articles", json={"url": "http://127.0.0.1:9/secret"}, headers={"X-API-Key": KEY})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "unsafe_url"
        assert response.json()["error"]["input"] == "http://127.0.0.1:9/secret"
    finally:
        store.close()


def test_posted_text_goes_through_the_real_pipeline(tmp_path):
    pytest.importorskip("eventwire.events")
    store = open_store(str(tmp_path / "real.duckdb"))
    try:
        client = make_client(store, api_key=KEY)
        text = ("Government troops shelled rebel positions near the northern city on Tuesday, witnesses said. "
                "The rebels accused the army of targeting civilians.")
        response = client.post("/api/articles", json={"text": text, "retrieved": "2025-06-26T08:00:00Z"},
                               headers={"X-API-Key": KEY})
        assert response.status_code == 201, response.text
        article = response.json()
        assert article["text"] == text and article["language"] == "en"
        # What the coder finds is the events stage's business; the API must return exactly what it stored.
        for event in article["events"]:
            start, end = event["evidence_spans"][0]
            assert text[start:end] == event["evidence"]
        stored = client.get("/api/events", params={"article_id": article["id"], "sort": "id"}).json()
        assert stored["items"] == article["events"]
        assert client.get(f"/api/articles/{article['id']}").json() == article
    finally:
        store.close()


def test_concurrent_reads_and_writes_on_one_store(tmp_path):
    """A real server with its thread pool: reads and writes at once, none fails and every write is stored."""
    import threading

    import httpx
    import uvicorn
    store = filled_store(tmp_path / "busy.duckdb")
    app = create_app(store=store, api_key=KEY)
    app.state.coder = fake_coder
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            thread.join(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        statuses: list[int] = []

        def reader():
            with httpx.Client(base_url=base) as http:
                for path in ("/api/events?limit=5", "/api/aggregates/map", "/api/articles", "/api/stats") * 3:
                    statuses.append(http.get(path).status_code)

        def writer(n: int):
            with httpx.Client(base_url=base, headers={"X-API-Key": KEY}) as http:
                statuses.append(http.post("/api/articles", json={"text": f"Workers marched, day {n}."}).status_code)
        workers = [threading.Thread(target=reader) for _ in range(4)] + \
                  [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert statuses.count(200) == 4 * 12 and statuses.count(201) == 8
        assert store.stats()["articles"] == N_ARTICLES + 8
    finally:
        server.should_exit = True
        thread.join(5)
        store.close()


# ---- the dashboard and the documents FastAPI serves ----
def test_root_serves_the_dashboard_or_a_page_pointing_to_the_docs(client):
    response = client.get("/")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert "<html" in response.text.lower()


def test_the_dashboard_bundle_is_served_at_the_root_when_installed(tmp_path):
    from fastapi import FastAPI

    from eventwire.api.dashboard import mount_dashboard
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>dash</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    app = FastAPI()
    mount_dashboard(app, dist=tmp_path)
    client = TestClient(app)
    assert "<title>dash</title>" in client.get("/").text
    assert client.get("/assets/app.js").text == "console.log(1)"


def test_without_the_bundle_the_root_points_to_the_docs(tmp_path):
    from fastapi import FastAPI

    from eventwire.api.dashboard import mount_dashboard
    app = FastAPI()
    mount_dashboard(app, dist=tmp_path / "missing")
    page = TestClient(app).get("/")
    assert page.status_code == 200 and 'href="/docs"' in page.text and "make web" in page.text


def test_openapi_document_describes_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/health", "/api/stats", "/api/events", "/api/events/{event_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/clusters", "/api/clusters/{cluster_id}", "/api/actors",
                 "/api/places", "/api/aggregates/timeline", "/api/aggregates/network", "/api/aggregates/map"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/articles"]
    assert "APIKeyHeader" in doc["components"]["securitySchemes"]
    assert paths["/api/articles"]["post"]["security"] == [{"APIKeyHeader": []}]
    assert "security" not in paths["/api/events"]["get"]   # reads are open on this server
    assert client.get("/docs").status_code == 200


# ---- property-based: the app against its own OpenAPI document ----
import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance  # noqa: E402


# The OpenAPI document depends on the code only, so it is loaded at collection from an app whose store is
# put in by a fixture (schemathesis' lazy fixture loader does not run under pytest 9).
SCHEMA_APP = create_app(store=object(), api_key=KEY, max_body_bytes=20_000, read_key_required=False,
                        cors_origins=[], open_writes=False, allow_private_urls=False)
SCHEMA_APP.state.coder = fake_coder   # POSTs exercise the HTTP layer; the real pipeline has its own test
schema = schemathesis.openapi.from_asgi("/openapi.json", SCHEMA_APP)


@pytest.fixture(scope="module")
def schema_app_store(tmp_path_factory):
    # Its own store: generated POSTs add articles that other tests must not see.
    store = filled_store(tmp_path_factory.mktemp("schema") / "events.duckdb")
    SCHEMA_APP.state.store = store
    yield store
    store.close()


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_no_generated_request_gets_a_server_error(case, schema_app_store):
    # No 5xx, and every answer is one the OpenAPI document declares, in the shape it declares.
    case.call_and_validate(headers={"X-API-Key": KEY},
                           checks=[not_a_server_error, response_schema_conformance, status_code_conformance])


# ---- the same answers over PostgreSQL ----
ENGINE_PATHS = ["/api/events?limit=100&sort=id", "/api/events?actor=SYR&since=2025-05-13&sort=id",
                "/api/events?near=50.45,30.52,500&sort=id", "/api/articles?limit=100", "/api/clusters?sort=id",
                "/api/actors", "/api/places", "/api/aggregates/timeline?by=week&group=quad_class",
                "/api/aggregates/network", "/api/aggregates/map", "/api/events/3", "/api/clusters/2"]


def _comparable(value, drop=("added", "retrieved")):
    """The JSON without the times a store stamps when it writes (they differ between two fillings)."""
    if isinstance(value, dict):
        return {k: _comparable(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_comparable(v, drop) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def _actor_name_ties_ignored(path: str) -> tuple:
    # An actor's display name is its most frequent mention text; between equally frequent ones the engines'
    # row order decides, so names are compared only where they cannot tie.
    return ("added", "retrieved", "name") if path.startswith(("/api/actors", "/api/aggregates/network")) \
        else ("added", "retrieved")


@pytest.mark.postgres
def test_postgresql_store_gives_the_same_answers_as_duckdb(client, postgres_server):
    url = postgres_server.new_database()
    pg_store = open_store(url)
    try:
        for article in corpus_articles():
            assert pg_store.add_article(article)
        pg_client = make_client(pg_store, api_key=KEY)
        for path in ENGINE_PATHS:
            duck, pg = client.get(path), pg_client.get(path)
            assert (duck.status_code, pg.status_code) == (200, 200), path
            drop = _actor_name_ties_ignored(path)
            assert _comparable(pg.json(), drop) == _comparable(duck.json(), drop), path
        detail = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
        assert _comparable(pg_client.get(f"/api/articles/{detail}").json()) == \
            _comparable(client.get(f"/api/articles/{detail}").json())
    finally:
        pg_store.close()


# ---- `eventwire serve` ----
def test_serve_builds_the_app_from_its_options_and_runs_uvicorn(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from eventwire.cli import app as cli
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: started.update(app=app, host=host, port=port))
    db = tmp_path / "served.duckdb"
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "9123", "--api-key", "k",
                                      "--keyed-reads", "--cors", "https://a.example"])
    assert result.exit_code == 0, result.output
    settings = started["app"].state.settings
    assert (started["host"], started["port"]) == ("127.0.0.1", 9123)
    assert settings.db == str(db) and settings.api_key == "k" and settings.read_key_required
    assert settings.cors_origins == ("https://a.example",)
    started["app"].state.store.close()


def test_serve_refuses_keyed_reads_without_a_key(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli import app as cli
    monkeypatch.delenv("EVENTWIRE_API_KEY", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--keyed-reads"])
    assert result.exit_code != 0 and "read_key_required needs an api_key" in result.output


# ---- exports and failures ----
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "polecat", "parquet"])
def test_export_streams_the_matching_events_as_a_file(client, store, tmp_path, fmt):
    from eventwire.store.export import export
    response = client.get("/api/export", params={"format": fmt, "type": "ASSAULT"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    expected = tmp_path / f"expected.{fmt}"
    assert export(store, fmt, str(expected), type="ASSAULT") == 3
    assert response.content == expected.read_bytes()


def test_export_of_an_unknown_format_is_a_422(client):
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


def test_failures_list_what_the_pipeline_refused(writable):
    client, _ = writable
    client.post("/api/articles", json={"text": "unreadable", "source": "bad-paste"}, headers={"X-API-Key": KEY})
    [failure] = client.get("/api/failures").json()
    assert (failure["source"], failure["stage"], failure["reason"]) == ("bad-paste", "clean", "no main text found")
