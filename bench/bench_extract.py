"""Throughput of extract (ingest + clean) on real pages: samples/, the readability HTML pages and the
wikinews texts.

usage: python bench/bench_extract.py [--repeat N]
Prints the one-off start-up cost (language models, trafilatura) and then pages/s, MB/s and per-page
latency over warm runs. The ../shared corpora are used only where they are present.
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import time
from pathlib import Path

from eventwire import ingest
from eventwire.clean import clean
from eventwire.errors import CleanError
from eventwire.model import RawDocument

REPO = Path(__file__).resolve().parents[1]
READABILITY = REPO.parent / "shared" / "corpora" / "readability"


def sample_documents() -> list[RawDocument]:
    return [d for d in ingest.read(str(REPO / "samples")) if isinstance(d, RawDocument)]


def readability_documents() -> list[RawDocument]:
    if not READABILITY.is_dir():
        return []
    return [RawDocument(source=str(p), content=gzip.decompress((p / "source.html.gz").read_bytes()),
                        media_type="text/html")
            for p in sorted(READABILITY.iterdir()) if (p / "source.html.gz").exists()]


def wikinews_documents() -> list[RawDocument]:
    folder = REPO.parent / "shared" / "corpora" / "wikinews"
    if not folder.is_dir():
        return []
    return [RawDocument(source=str(p), content=p.read_bytes(), media_type="text/plain") for p in sorted(folder.glob("*.txt"))]


def measure(name: str, docs: list[RawDocument], repeat: int) -> None:
    if not docs:
        print(f"{name}: no documents (skipped)")
        return
    latencies, failures = [], 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for doc in docs:
            t0 = time.perf_counter()
            try:
                clean(doc)
            except CleanError:
                failures += 1
            latencies.append(time.perf_counter() - t0)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    megabytes = sum(len(d.content) for d in docs) * repeat / 1e6
    ordered = sorted(latencies)
    # Pages per CPU-second too: on a shared machine wall-clock figures mostly measure the neighbours.
    print(f"{name}: {len(docs)} pages x {repeat}: {len(latencies) / elapsed:.1f} pages/s "
          f"({len(latencies) / cpu:.1f} per CPU-second), {megabytes / elapsed:.2f} MB/s, "
          f"latency p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f} ms, "
          f"failures {failures // repeat}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = sample_documents()
    t0 = time.perf_counter()
    clean(docs[0])   # loads the language detector, stop lists, trafilatura and dateparser once
    print(f"start-up (first page, models loading): {(time.perf_counter() - t0) * 1000:.0f} ms")
    measure("samples/", docs, args.repeat)
    measure("readability (HTML)", readability_documents(), args.repeat)
    measure("wikinews (scraped text)", wikinews_documents(), args.repeat)


if __name__ == "__main__":
    main()
