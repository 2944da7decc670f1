"""API benchmark: latency of each read endpoint and throughput under concurrent clients, over a live server.

The corpus is bench_store's synthetic one (real actors, places and dates; syndicated copies), stored in a
throwaway DuckDB file and served by uvicorn on a free port; requests are real HTTP. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_api.py [--events 2000] [--repeat 20] [--clients 4] [--post 3]

--post N also codes N posted texts with the real pipeline (the first includes loading the spaCy model).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from bench_store import corpus, percentile  # noqa: E402   (one synthetic corpus for the store and the API)

from eventwire.api import create_app  # noqa: E402
from eventwire.store import open_store  # noqa: E402

KEY = "bench-key"
READS = [
    ("stats", "/api/stats"),
    ("events (page of 50)", "/api/events?limit=50"),
    ("events filtered", "/api/events?actor=SYR&type=ASSAULT,COERCE&since=2025-03&limit=50"),
    ("events near (geo)", "/api/events?near=33.51,36.29,100&limit=50"),
    ("event by id", "/api/events/{event_id}"),
    ("articles", "/api/articles?limit=50"),
    ("article detail", "/api/articles/{article_id}"),
    ("clusters multi-source", "/api/clusters?min_sources=2&limit=50"),
    ("actors", "/api/actors"),
    ("places", "/api/places"),
    ("timeline by week/type", "/api/aggregates/timeline?by=week&group=type"),
    ("network", "/api/aggregates/network"),
    ("map (all events)", "/api/aggregates/map"),
]


def serve(app) -> tuple[uvicorn.Server, threading.Thread, str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def latencies(http: httpx.Client, path: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = http.get(path)
        out.append(time.perf_counter() - t0)
        response.raise_for_status()
    return out


def concurrent_throughput(base: str, path: str, clients: int, per_client: int) -> float:
    errors: list[int] = []

    def client():
        with httpx.Client(base_url=base) as http:
            for _ in range(per_client):
                status = http.get(path).status_code
                if status != 200:
                    errors.append(status)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        print(f"  ! {len(errors)} non-200 answers: {sorted(set(errors))}")
    return clients * per_client / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--post", type=int, default=0, help="also POST this many texts through the real pipeline")
    args = parser.parse_args()

    articles = corpus(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.duckdb"))
        t0 = time.perf_counter()
        for article in articles:
            store.add_article(article)
        stats = store.stats()
        print(f"corpus: {stats['articles']} articles, {stats['events']} events, {stats['clusters']} clusters "
              f"(stored in {time.perf_counter() - t0:.1f} s)")
        server, thread, base = serve(create_app(store=store, api_key=KEY))
        try:
            with httpx.Client(base_url=base) as http:
                some_event = http.get("/api/events?limit=1&sort=-id").json()["items"][0]
                ids = {"event_id": some_event["id"], "article_id": some_event["article_id"]}
                print(f"\n{'endpoint':26} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
                for name, path in READS:
                    path = path.format(**ids)
                    times = latencies(http, path, args.repeat)
                    size = len(http.get(path).content)
                    print(f"{name:26} {1000 * statistics.median(times):8.1f} {1000 * percentile(times, 0.95):8.1f} "
                          f"{size:9d}")
            per_client = max(5, args.repeat)
            for name, path in (("events (page of 50)", "/api/events?limit=50"),
                               ("article detail", f"/api/articles/{ids['article_id']}")):
                rate = concurrent_throughput(base, path, args.clients, per_client)
                print(f"\n{name}: {rate:.0f} requests/s with {args.clients} concurrent clients")
            if args.post:
                texts = [corpus(1, seed=100 + n)[0].text for n in range(args.post)]   # distinct stories
                with httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=300) as http:
                    for n, text in enumerate(texts):
                        t0 = time.perf_counter()
                        response = http.post("/api/articles", json={"text": text, "source": f"bench-{n}"})
                        print(f"POST /api/articles #{n + 1}: {response.status_code} in {time.perf_counter() - t0:.2f} s "
                              f"({len(text)} chars, {len(response.json().get('events', []))} events)")
        finally:
            server.should_exit = True
            thread.join(5)
            store.close()


if __name__ == "__main__":
    main()
