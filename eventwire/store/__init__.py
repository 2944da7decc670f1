"""The store: a DuckDB file (default) or PostgreSQL behind one interface, plus exports.

Contract (CLI `eventwire events|clusters|export|failures|stats|copy` and the REST API use the same names)::

    from eventwire.store import open_store
    store = open_store("x.duckdb")            # or "postgresql://user@host:port/db"; open_store(url, read_only=True)
                                              # the schema is created/migrated on open (schema_version table,
                                              # numbered migrations in eventwire/data/migrations/NNN_name.sql)
    store.add_article(article) -> bool        # False when the same clean text is already stored (nothing written).
        # One transaction: the article (all fields, clean text, actors/places/times as JSON), its events (every
        # field: evidence spans, attribution span, source_text, ...), its near-duplicate story (MinHash/LSH) and
        # the event cluster of each event (incremental). Raises StoreError and writes nothing if any part fails.
    store.add_failure(failure) -> None        # failures table: source, stage, reason, time
    store.add_articles(articles, batch_size=200) -> {"stored", "duplicates", "failed": [Failure]}
        # the bulk path: a batch per transaction, same result as add_article on each; a failing batch is
        # retried article by article and a bad article is recorded in failures (stage "store")
    store.list_articles(limit=50, offset=0, **filters) -> list[dict];  store.count_articles(**filters) -> int
        # id, source, url, title, published, language, n_events, story_id, outlet, retrieved, added
        # article_id / story_id select articles themselves; other filters: articles with a matching event
    store.get_article(article_id) -> Article | None        # with its events, rebuilt as data-model objects
    store.iter_articles() -> Iterator[Article]               # all of them, oldest stored first (`eventwire copy`
                                                             # uses it: DuckDB → PostgreSQL, or new settings)
    store.events(sort="date", limit=100, offset=0, **filters) -> list[dict]
    store.count_events(**filters) -> int;  store.get_event(event_id) -> dict | None
        # event dict: id, article_id, cluster_id, story_id, type, mode, source, target, source_text, target_text,
        #   date, location {name,country,lat,lon} | None, attribution, attribution_span [start,end] | None,
        #   modality, symmetric, quad_class, cameo, intensity, confidence, evidence (text),
        #   evidence_spans [[start,end],...], published, article_title, article_source
        # sort: date | -date | published | -published | confidence | -confidence | intensity | -intensity | id | -id
    store.clusters(sort="-mentions", limit=100, offset=0, min_sources=1, **filters) -> list[dict]
        # id, type, source, target, symmetric, date, location, first_seen, last_seen, n_mentions, n_articles,
        # n_sources (distinct outlets: host of url, else the source's directory), event_ids
        # sort: date | mentions | sources | first_seen | last_seen | id, each also with a leading "-"
    store.count_clusters(min_sources=1, **filters) -> int
    store.get_cluster(cluster_id) -> dict | None          # + "events" (event dicts) and "articles"
    store.aggregate(by, group=None, **filters) -> list[dict]
        # by day|week|month: {period "YYYY-MM-DD" (start), group, count}   (group: type, quad_class, modality,
        #   mode, source, target, country, language, outlet — or None)
        # by type|quad_class: {type|quad_class, [group], count}
        # by dyad: {source, target, count, quad {"1": n, "2": n, "3": n, "4": n}}   (full actor codes)
        # by actor: {actor, count};  by country: {country, count}
    store.actors(**filters) -> [{code, name, n_events}];  store.places(**filters) -> [{name, country, admin1,
        lat, lon, n_events}]
    store.failures(limit=100) -> list[dict];  store.stats() -> dict;  store.close()  (also a context manager)

Filters (all optional, combined with AND; strings are accepted for every one of them):
    actor (code prefix such as SYR / SYRGOV, or a name, on either side), source, target (same, one side),
    country (leading 3 letters of either actor, or the event location's country), type, mode, modality,
    quad_class, since, until (event date, falling back to the article's published, else retrieved, day),
    attributed (bool),
    text (substring of evidence or title), place (location name / admin1 substring, or its country code),
    bbox=(min_lon, min_lat, max_lon, max_lat), near=(lat, lon, km), article_id, cluster_id, story_id.
    Lists (or comma-separated strings) mean any of: type="ASSAULT,COERCE".

Exports: eventwire.store.export.export(store, fmt, path, header=False, unit="events", **filters) with fmt
csv | parquet | jsonl | gdelt | gdelt-ext | polecat; unit="clusters" writes one row per real-world event
(gdelt, gdelt-ext, polecat). The PLOVER → CAMEO root / QuadClass / Goldstein map is eventwire.codes.plover_info.

Corpus rules (eventwire.corpus): near-duplicate articles share a story_id (MinHash over 5-word shingles, LSH
buckets stored in the database, Jaccard ≥ threshold or a trimmed copy's containment ≥ containment); an event
joins a cluster of the same type and dyad with compatible date (± window_days) and place (same country, within
max_km), never a cluster already holding another event of its own article. Undated events count from their
article's publication (else retrieval) day; timelines leave out events with no day at all.
"""
from __future__ import annotations

from eventwire.store.store import Store


def open_store(target: str = "eventwire.duckdb", read_only: bool = False, **settings) -> Store:
    """A Store on a DuckDB file path (created if missing) or a postgresql:// URL.

    settings: threshold (Jaccard for one story, 0.5), containment (share of a trimmed copy found in the
    original, 0.75), window_days (date slack between mentions of one event, 1), max_km (100). Settings given
    are kept in the store and used by later opens that give none (e.g. the CLI's).
    """
    return Store(str(target), read_only=read_only, **settings)


__all__ = ["Store", "open_store"]
