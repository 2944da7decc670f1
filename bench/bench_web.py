"""Dashboard benchmark: headless Chromium against the real API app over bench_store's synthetic corpus.

Prints, per corpus size: first contentful paint (Performance API), time until every view has drawn, the time a
filter change takes to redraw all views, and the time to open an event's evidence; plus what was drawn
(map bubbles, timeline bars, network nodes). Asserts nothing. Needs Debian chromium (/usr/bin/chromium).

    .venv/bin/python bench/bench_web.py [--events 2000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_api import serve  # noqa: E402  (one way to run the app on a free loopback port)
from bench_store import corpus  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.store import open_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOADED = "#views[aria-busy='false']"


def one_visit(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(LOADED, timeout=60_000)
    page.wait_for_selector("#map g.bubble", timeout=60_000)
    loaded = time.perf_counter() - t0
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
    drawn = page.evaluate("""() => ({bubbles: document.querySelectorAll('#map g.bubble').length,
        bars: document.querySelectorAll('#timeline rect.bar').length,
        nodes: document.querySelectorAll('#network g.node').length,
        rows: document.querySelectorAll('#events-body tr').length})""")
    t1 = time.perf_counter()
    page.fill("#f-actor", "SYR")
    page.press("#f-actor", "Enter")
    page.wait_for_selector(LOADED, timeout=60_000)
    filtered = time.perf_counter() - t1
    t2 = time.perf_counter()
    page.locator("#events-body tr .row-open").first.click()
    page.wait_for_selector("#evidence mark.evidence", timeout=60_000)
    evidence = time.perf_counter() - t2
    page.close()
    return {"fcp_ms": fcp, "loaded_s": loaded, "filter_s": filtered, "evidence_s": evidence, **drawn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n_events in args.events:
            with tempfile.TemporaryDirectory() as tmp:
                db = str(Path(tmp) / "bench.duckdb")
                with open_store(db) as store:
                    for article in corpus(n_events):
                        store.add_article(article)
                server, thread, url = serve(create_app(db, api_key="bench-key"))
                try:
                    one_visit(browser, url)   # warm: DuckDB caches, Chromium's first start
                    visits = [one_visit(browser, url) for _ in range(args.repeat)]
                finally:
                    server.should_exit = True
                    thread.join(10)
            med = {k: statistics.median(v[k] for v in visits) for k in ("fcp_ms", "loaded_s", "filter_s", "evidence_s")}
            last = visits[-1]
            print(f"{n_events:>6} events: first contentful paint {med['fcp_ms']:.0f} ms, all views drawn "
                  f"{med['loaded_s']:.2f} s, actor filter redraw {med['filter_s']:.2f} s, evidence open "
                  f"{med['evidence_s']:.2f} s  (median of {args.repeat}; drew {last['bubbles']} bubbles, "
                  f"{last['bars']} bar segments, {last['nodes']} actors, {last['rows']} rows)")
        browser.close()


if __name__ == "__main__":
    main()
