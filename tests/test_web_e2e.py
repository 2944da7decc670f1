"""The dashboard in headless Chromium against the real API app over a real DuckDB store.

The store holds the bundled samples/ coded by the real pipeline plus the invented articles of
tests/fixtures/web/corpus.json (two outlets reporting one event, so a cluster lists two articles).
Skipped where Debian's chromium is not installed. Screenshots go to test-artifacts/web/.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "fixtures" / "web" / "corpus.json"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


# ------------------------------------------------------------------ the store and the server
def _span(text: str, words: str):
    from eventwire.model import Span
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def fixture_articles() -> list:
    """The invented corpus as data-model Articles, coded the way the event stage codes (PLOVER → CAMEO map)."""
    from eventwire.codes import plover_info
    from eventwire.model import Article, Event, Location
    articles = []
    for item in json.loads(CORPUS.read_text(encoding="utf-8"))["articles"]:
        text = item["text"]
        article = Article(source=item["source"], url=item["url"], text=text, title=item["title"],
                          published=item["published"], language=item["language"])
        article.sentences = [_span(text, line) for line in text.split("\n") if line.strip()]
        for e in item["events"]:
            e = dict(e)
            info = plover_info(e["type"], e.get("mode"))
            loc = e.pop("location", None)
            location = Location(**loc) if loc else None
            article.events.append(Event(evidence=[_span(text, e.pop("evidence"))], location=location,
                                        cameo=info["cameo_root"], quad_class=info["quad_class"],
                                        intensity=info["goldstein"], confidence=0.8, **e))
        articles.append(article)
    return articles


def fill_store(path: Path) -> dict:
    """The samples through the real pipeline, then the fixture corpus; returns the ingest summary."""
    from eventwire.run import ingest_into
    from eventwire.store import open_store
    store = open_store(str(path))
    try:
        summary = ingest_into(store, [str(ROOT / "samples")], retrieved="2025-06-01T12:00:00Z")
        for article in fixture_articles():
            store.add_article(article)
    finally:
        store.close()
    return summary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """create_app(db) served by uvicorn in a thread on 127.0.0.1:<free port>."""

    def __init__(self, db: Path, api_key: str):
        import uvicorn
        from eventwire.api.app import create_app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(str(db), api_key=api_key)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the API server did not start on {self.url}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
