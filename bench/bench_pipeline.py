"""Throughput of the whole pipeline (ingest → clean → nlp → actors/geo/time → events), single process.

usage: python bench/bench_pipeline.py [--repeat N] [--extra DIR]
Prints the start-up cost (first article: model loads), then articles/s and per-stage time over warm runs
on samples/ (and, with --extra, the .txt files of another folder, e.g. ../shared/gold/dev), the events
coded per article, and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventwire import actors, events, geo, nlp, time as time_stage  # noqa: E402
from eventwire.model import Article  # noqa: E402
from eventwire.pipeline import extract_many  # noqa: E402

STAGES = (("nlp", nlp.parse), ("time", time_stage.resolve), ("geo", geo.resolve), ("actors", actors.resolve),
          ("events", events.code))


def articles_from(paths: list[Path]) -> list[Article]:
    return [a for a in extract_many([str(p) for p in paths]) if isinstance(a, Article)]


def run_once(article: Article, timings: dict[str, list[float]]) -> int:
    article.doc, article.events = None, []
    for name, stage in STAGES:
        t0 = time.perf_counter()
        stage(article)
        timings[name].append(time.perf_counter() - t0)
    return len(article.events)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--extra", type=Path, default=None, help="a folder of .txt/.html articles to add")
    args = parser.parse_args()
    paths = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".txt", ".html"))
    if args.extra and args.extra.is_dir():
        paths += sorted(p for p in args.extra.iterdir() if p.suffix in (".txt", ".html"))
    t0 = time.perf_counter()
    docs = articles_from(paths)
    extract_s = time.perf_counter() - t0
    if not docs:
        print("no articles found")
        return
    timings: dict[str, list[float]] = {name: [] for name, _ in STAGES}
    t0 = time.perf_counter()
    run_once(docs[0], timings)
    startup = time.perf_counter() - t0
    timings = {name: [] for name, _ in STAGES}
    n_events, n_runs = [], 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for article in docs:
            n_events.append(run_once(article, timings))
            n_runs += 1
    warm = time.perf_counter() - t0
    chars = sum(len(a.text) for a in docs)
    print(f"articles {len(docs)} ({chars} chars of clean text), repeat {args.repeat}")
    print(f"extract (ingest+clean, cold): {extract_s:.2f} s for {len(docs)} articles")
    print(f"first article (model loads): {startup:.2f} s")
    print(f"annotate+code, warm: {n_runs / warm:.2f} articles/s, {chars * args.repeat / warm / 1000:.1f} k chars/s, "
          f"median {statistics.median([sum(t) for t in zip(*timings.values())]) * 1000:.0f} ms/article")
    for name, values in timings.items():
        print(f"  {name:7s} median {statistics.median(values) * 1000:7.1f} ms  total {sum(values):6.2f} s")
    print(f"whole pipeline incl. extract: {len(docs) / (extract_s / 1 + warm / args.repeat):.2f} articles/s (warm models)")
    print(f"events per article: mean {statistics.mean(n_events):.1f}, max {max(n_events)}")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
