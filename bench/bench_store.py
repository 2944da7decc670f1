"""Store benchmark: ingest throughput and query latency on a synthetic but realistic corpus.

Articles are built from wire-style sentences about real actors (CAMEO codes), real places (coordinates) and
dates over a year; a share of them are syndicated copies (other outlet, other boilerplate, trimmed), so the
near-duplicate and event-cluster paths run as they would on news. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_store.py [--events 10000] [--pg postgresql://...] [--no-pg] [--repeat 30]
                                          [--dedupe-only]   (near-duplicate recall on ../shared BBC text)

Without --pg, a throwaway PostgreSQL server is started when Debian's binaries are installed.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.codes import plover_info  # noqa: E402
from eventwire.model import Article, Event, Location, Place, Span  # noqa: E402
from eventwire.store import open_store  # noqa: E402

ACTORS = [
    ("SYRGOV", "the Syrian government"), ("SYRMIL", "Syrian army units"), ("SYRREB", "Syrian rebel groups"),
    ("ISRGOV", "the Israeli government"), ("ISRMIL", "Israeli forces"), ("PSEGOV", "the Palestinian Authority"),
    ("PSEINS", "Hamas fighters"), ("USAGOV", "Washington"), ("USAMIL", "the US military"),
    ("RUSGOV", "the Kremlin"), ("RUSMIL", "Russian forces"), ("UKRGOV", "Kyiv"), ("UKRMIL", "Ukrainian troops"),
    ("TURGOV", "Ankara"), ("IRNGOV", "Tehran"), ("IRQGOV", "the Iraqi government"), ("LBNINS", "Hezbollah"),
    ("EGYGOV", "Cairo"), ("SAUGOV", "Riyadh"), ("CHNGOV", "Beijing"), ("FRAGOV", "Paris"), ("DEUGOV", "Berlin"),
    ("GBRGOV", "London"), ("KENGOV", "the Kenyan government"), ("KENCVL", "Kenyan protesters"),
    ("NGAMIL", "the Nigerian army"), ("NGAINS", "Boko Haram militants"), ("SDNMIL", "the Sudanese army"),
    ("SDNREB", "the Rapid Support Forces"), ("UNO", "the United Nations"), ("IGOEUR", "the European Union"),
    ("NGO", "aid agencies"), ("MMRMIL", "Myanmar's military"), ("MMROPP", "Myanmar opposition forces"),
]
PLACES = [
    ("Damascus", "SYR", 33.51, 36.29), ("Aleppo", "SYR", 36.20, 37.16), ("Idlib", "SYR", 35.93, 36.63),
    ("Gaza City", "PSE", 31.50, 34.47), ("Jerusalem", "ISR", 31.77, 35.21), ("Beirut", "LBN", 33.89, 35.50),
    ("Kyiv", "UKR", 50.45, 30.52), ("Kharkiv", "UKR", 49.99, 36.23), ("Moscow", "RUS", 55.75, 37.62),
    ("Ankara", "TUR", 39.93, 32.85), ("Tehran", "IRN", 35.69, 51.39), ("Baghdad", "IRQ", 33.31, 44.37),
    ("Cairo", "EGY", 30.04, 31.24), ("Riyadh", "SAU", 24.69, 46.72), ("Nairobi", "KEN", -1.29, 36.82),
    ("Maiduguri", "NGA", 11.85, 13.16), ("Khartoum", "SDN", 15.50, 32.56), ("El Fasher", "SDN", 13.63, 25.35),
    ("Geneva", "CHE", 46.20, 6.14), ("Brussels", "BEL", 50.85, 4.35), ("Washington", "USA", 38.90, -77.04),
    ("Beijing", "CHN", 39.90, 116.41), ("Yangon", "MMR", 16.87, 96.20), ("Mandalay", "MMR", 21.97, 96.08),
]
VERBS = {
    "AGREE": "agreed with {t} on a plan", "CONSULT": "held talks with {t}", "SUPPORT": "voiced support for {t}",
    "CONCEDE": "released prisoners held by {t}", "COOPERATE": "signed a security pact with {t}",
    "AID": "delivered food aid to {t}", "RETREAT": "withdrew troops from positions facing {t}",
    "REQUEST": "called on {t} to halt operations", "ACCUSE": "accused {t} of violating the truce",
    "REJECT": "rejected a proposal from {t}", "THREATEN": "threatened {t} with retaliation",
    "PROTEST": "staged protests against {t}", "SANCTION": "imposed sanctions on {t}",
    "MOBILIZE": "deployed troops near {t}", "COERCE": "arrested supporters of {t}",
    "ASSAULT": "launched strikes on {t}",
}
SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
ATTRIBUTIONS = ["officials said", "according to witnesses", "a spokesperson said", "two diplomats said"]
OUTLETS = ["wire-one.example.com", "daily-post.example.org", "the-gazette.example.net", "world-report.example.com",
           "news24.example.io", "herald.example.co.uk", "courier.example.de", "monitor.example.fr"]
# Background sentences, varied like real copy (a corpus of one repeated filler would make every article a
# near-duplicate of every other).
FILLER_PARTS = (
    ["The situation remained tense on {d}", "Residents described a quiet night on {d}",
     "Markets in the region were mixed on {d}", "Schools reopened in parts of the province on {d}",
     "Talks continued behind closed doors on {d}", "Prices of fuel and bread rose again on {d}"],
    ["and observers said further developments were expected", "while officials declined to comment further",
     "as hundreds of families waited for news", "though the roads to the border stayed closed",
     "and analysts warned of a long standoff", "while {n} people were reported missing"],
    ["in the coming days.", "by the end of the week.", "according to local media.", "in {n} villages nearby.",
     "despite calls for restraint.", "after a meeting of {n} local leaders."],
)


def synthetic_article(rng: random.Random, n_events: int, day0: date) -> tuple[str, list[tuple]]:
    """Text and, for each event, (type, source, target, place, date, sentence, attribution)."""
    sentences, specs = [], []
    for _ in range(n_events):
        type_ = rng.choice(list(VERBS))
        (src, src_name), (tgt, tgt_name) = rng.sample(ACTORS, 2)
        place = rng.choice(PLACES)
        when = day0 - timedelta(days=rng.randint(0, 3))
        attribution = rng.choice(ATTRIBUTIONS) if rng.random() < 0.4 else None
        sentence = (f"{src_name[0].upper() + src_name[1:]} {VERBS[type_].format(t=tgt_name)} in {place[0]} on "
                    f"{when:%B} {when.day}" + (f", {attribution}." if attribution else "."))
        sentences.append(sentence)
        filler = " ".join(rng.choice(part) for part in FILLER_PARTS)
        sentences.append(filler.format(d=f"{when:%A}", n=rng.randint(2, 900)))
        specs.append((type_, src, tgt, place, when, sentence, attribution, src_name, tgt_name))
    return "\n\n".join(sentences), specs


def build_article(text: str, specs: list[tuple], outlet: str, n: int, published: date) -> Article:
    article = Article(source=f"https://{outlet}/news/{n}", url=f"https://{outlet}/news/{n}", text=text,
                      title=f"Report {n}", published=published.isoformat(), language="en")
    for type_, src, tgt, (pname, country, lat, lon), when, sentence, attribution, src_name, tgt_name in specs:
        if sentence not in text:
            continue                      # trimmed away in this copy
        start = text.index(sentence)
        evidence = Span.of(text, start, start + len(sentence))
        pstart = text.index(pname, start)
        place = Place(span=Span.of(text, pstart, pstart + len(pname)), name=pname, kind="city", country=country,
                      lat=lat, lon=lon)
        article.places.append(place)
        info = plover_info(type_)
        event = Event(type=type_, source=src, target=tgt, evidence=[evidence], date=when.isoformat(),
                      location=Location(pname, country, lat, lon), location_span=place.span,
                      source_text=src_name, target_text=tgt_name, symmetric=type_ in SYMMETRIC,
                      modality="reported" if attribution else "asserted", attribution=attribution,
                      cameo=info["cameo_root"], quad_class=info["quad_class"], intensity=info["goldstein"],
                      confidence=0.7)
        if attribution:
            astart = text.index(attribution, start)
            event.attribution_span = Span.of(text, astart, astart + len(attribution))
        article.events.append(event)
    return article


def corpus(n_events: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles, made, n = [], 0, 0
    start = date(2025, 1, 1)
    originals: list[tuple[str, list, date]] = []
    while made < n_events:
        n += 1
        if originals and rng.random() < 0.25:
            # a syndicated copy: another outlet, its own boilerplate, maybe the last paragraphs trimmed
            origin = rng.randrange(len(originals))
            text, specs, published = originals[origin]
            paragraphs = text.split("\n\n")
            keep = paragraphs if rng.random() < 0.5 else paragraphs[:max(2, len(paragraphs) - 2)]
            copy_text = f"{rng.choice(OUTLETS).upper()} - world news\n\n" + "\n\n".join(keep) + \
                f"\n\nCopyright {published.year}. Story {n}."
            article = build_article(copy_text, specs, rng.choice(OUTLETS), n, published)
            article.meta["bench_origin"] = origin       # ground truth for the story figures
        else:
            published = start + timedelta(days=rng.randint(0, 364))
            text, specs = synthetic_article(rng, rng.randint(2, 6), published)
            originals.append((text, specs, published))
            article = build_article(text + f"\n\nStory {n}.", specs, rng.choice(OUTLETS), n, published)
            article.meta["bench_origin"] = len(originals) - 1
        articles.append(article)
        made += len(article.events)
    return articles


def corpus_accuracy(store, articles: list[Article]) -> None:
    """Copies found in their original's story and clusters; different originals or events wrongly merged."""
    story_of = {r["id"]: r["story_id"] for r in store.list_articles(limit=len(articles) + 10)}
    origin_story: dict[int, str] = {}
    copies_total = copies_joined = 0
    for a in articles:
        origin = a.meta["bench_origin"]
        if origin not in origin_story:
            origin_story[origin] = story_of[a.id]
            continue
        copies_total += 1
        copies_joined += story_of[a.id] == origin_story[origin]
    merged = len(origin_story) - len(set(origin_story.values()))
    print(f"    stories: {copies_joined}/{copies_total} syndicated copies joined their original's story; "
          f"{merged} of {len(origin_story)} originals merged into another's story")
    # Events: a copy's event (same sentence as in its original) should be a mention of the original's cluster.
    cluster_of = {(e["article_id"], e["evidence"]): e["cluster_id"] for e in store.events(sort="id", limit=10 ** 7)}
    first_article: dict[int, str] = {}
    same = total = 0
    for a in articles:
        origin = a.meta["bench_origin"]
        first_article.setdefault(origin, a.id)
        if first_article[origin] == a.id:
            continue
        for e in a.events:
            total += 1
            same += cluster_of[(a.id, e.evidence[0].text)] == cluster_of.get((first_article[origin], e.evidence[0].text))
    distinct_originals = {cluster_of[(first_article[o], e.evidence[0].text)] for a in articles
                          for o in [a.meta["bench_origin"]] if first_article[o] == a.id for e in a.events}
    n_original_events = sum(len(a.events) for a in articles if first_article[a.meta["bench_origin"]] == a.id)
    print(f"    clusters: {same}/{total} events of copies joined their original's cluster; "
          f"{n_original_events - len(distinct_originals)} of {n_original_events} original events merged with another")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_engine(name: str, url: str, articles: list[Article], repeat: int, single_url: str,
                 n_single: int = 300) -> None:
    # One transaction per article (add_article), on a prefix of the corpus in a separate database.
    if n_single:
        single = open_store(single_url)
        part = articles[:n_single]
        t0 = time.perf_counter()
        for article in part:
            single.add_article(article)
        elapsed = time.perf_counter() - t0
        single.close()
        part_events = sum(len(a.events) for a in part)
        print(f"\n[{name}] add_article (a transaction each): {len(part)} articles, {part_events} events in "
              f"{elapsed:.1f} s → {len(part) / elapsed:.0f} articles/s, {part_events / elapsed:.0f} events/s")
    store = open_store(url)
    n_events = sum(len(a.events) for a in articles)
    t0 = time.perf_counter()
    summary = store.add_articles(articles, batch_size=200)
    elapsed = time.perf_counter() - t0
    stats = store.stats()
    print(f"[{name}] add_articles (200 a transaction): {summary['stored']} articles, {n_events} events in "
          f"{elapsed:.1f} s → {len(articles) / elapsed:.0f} articles/s, {n_events / elapsed:.0f} events/s")
    print(f"[{name}] stored: {stats['articles']} articles, {stats['stories']} stories, {stats['events']} events, "
          f"{stats['clusters']} clusters ({stats['multi_source_clusters']} reported by ≥2 outlets)")
    corpus_accuracy(store, articles)
    t0 = time.perf_counter()
    duplicates = sum(not store.add_article(a) for a in articles[:500])
    print(f"[{name}] re-ingest of 500 stored articles one by one: {duplicates} duplicates in "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    rng = random.Random(11)
    queries = {
        "events by actor": lambda: store.events(actor=rng.choice(ACTORS)[0][:3], limit=100),
        "events type+date range": lambda: store.events(
            type=rng.choice(list(VERBS)), since=f"2025-{rng.randint(1, 6):02d}-01",
            until=f"2025-{rng.randint(7, 12):02d}-28", limit=100),
        "events bbox": lambda: store.events(bbox=rng.choice([(35, 32, 42.5, 37.5), (22, 44, 40, 53), (20, 8, 40, 20)]),
                                            limit=100),
        "events near 100 km": lambda: store.events(near=(rng.choice(PLACES)[2], rng.choice(PLACES)[3], 100)),
        "count by actor": lambda: store.count_events(actor=rng.choice(ACTORS)[0]),
        "aggregate by day": lambda: store.aggregate("day", country=rng.choice(PLACES)[1]),
        "aggregate by day (all)": lambda: store.aggregate("day"),
        "aggregate dyad": lambda: store.aggregate("dyad", type=rng.choice(list(VERBS))),
        "clusters ≥2 sources": lambda: store.clusters(min_sources=2, limit=50),
    }
    for label, run in queries.items():
        run()                                      # warm caches once
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1000)
        print(f"[{name}] {label:<24} p50 {statistics.median(times):7.1f} ms   p99 {percentile(times, 0.99):7.1f} ms")
    store.close()


def syndication_variants(text: str, rng: random.Random) -> dict[str, str]:
    """How outlets alter a wire story: boilerplate, headline, trims, typography."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    header = "Home | World | Business | Sign in to read more\n\nAdvertisement\n\n"
    footer = "\n\nShare this story. Related: ten things to watch this week. (c) 2025 All rights reserved."
    keep = max(2, int(len(paragraphs) * 0.6))
    return {
        "boilerplate": header + text + footer,
        "headline+boilerplate": "BREAKING: " + paragraphs[0][:60] + "\n\n" + text + footer,
        "trim last 40%": "\n\n".join(paragraphs[:keep]) + footer,
        "drop lead paragraph": header + "\n\n".join(paragraphs[1:]),
        "typography": text.replace("'", "\u2019").replace('"', "\u201c").replace(" - ", " \u2014 "),
    }


def dedupe_quality(path: Path, n: int = 300, seed: int = 3) -> None:
    """Recall of syndicated variants of real articles and false matches against other articles."""
    import json

    from eventwire.corpus import dedupe
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rng = random.Random(seed)
    sample = rng.sample(rows, min(n, len(rows)))
    bands, rows_per_band = dedupe.band_layout(dedupe.CANDIDATE_THRESHOLD)
    hits: dict[str, int] = {}
    t0 = time.perf_counter()
    originals = [dedupe.signature(r["text"]) for r in sample]
    for r, original in zip(sample, originals):
        for name, variant in syndication_variants(r["text"], rng).items():
            sig = dedupe.signature(variant)
            shared = set(dedupe.buckets(sig, bands, rows_per_band)) & set(dedupe.buckets(original, bands,
                                                                                       rows_per_band))
            hits[name] = hits.get(name, 0) + int(bool(shared) and dedupe.same_story(sig, original))
    false, pairs = 0, 0
    for i, a in enumerate(originals):
        for b in originals[i + 1:]:
            pairs += 1
            false += dedupe.same_story(a, b)
    print(f"\ndedupe on {len(sample)} real articles ({path.parent.name}), "
          f"{time.perf_counter() - t0:.1f} s:")
    for name, hit in hits.items():
        print(f"  recall {name:<22} {hit / len(sample):.3f}")
    print(f"  false matches between different articles: {false} of {pairs} pairs "
          "(the BBC set itself holds some true duplicates)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg", help="postgresql:// URL of an empty database to use")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--dedupe-only", action="store_true", help="only the near-duplicate quality figures")
    args = parser.parse_args()
    bbc = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc_all.jsonl"
    if bbc.exists():
        dedupe_quality(bbc)
    if args.dedupe_only:
        return
    t0 = time.perf_counter()
    articles = corpus(args.events)
    print(f"corpus: {len(articles)} articles, {sum(len(a.events) for a in articles)} events "
          f"(built in {time.perf_counter() - t0:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        bench_engine("duckdb", os.path.join(tmp, "bench.duckdb"), articles, args.repeat,
                     os.path.join(tmp, "single.duckdb"))
    if args.no_pg:
        return
    if args.pg:
        bench_engine("postgresql", args.pg, articles, args.repeat, args.pg, n_single=0)
        return
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "store"))
    try:
        from pgserver import PostgresServer, _bin_dir
    except ImportError as exc:
        print(f"\n[postgresql] skipped: {exc}")
        return
    if _bin_dir() is None:
        print("\n[postgresql] skipped: no PostgreSQL server binaries installed")
        return
    server = PostgresServer().start()
    try:
        bench_engine("postgresql", server.new_database(), articles, args.repeat, server.new_database())
    finally:
        server.stop()


if __name__ == "__main__":
    main()
