"""The store: articles, events, stories, event clusters and failures in DuckDB or PostgreSQL (one implementation)."""
from __future__ import annotations

from collections import Counter
from datetime import timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from eventwire.corpus import clusters as clustering
from eventwire.corpus import dedupe
from eventwire.errors import EventwireError, StoreError
from eventwire.model import Article, Event, Failure, Location, Span, article_from_dict, content_hash, utc_now
from eventwire.store import filters as flt
from eventwire.store.dialect import Dialect, connect, first, in_list, plain
from eventwire.store.writer import BatchWriter, naive_utc

AGGREGATES = ("day", "week", "month", "type", "quad_class", "dyad", "actor", "country")
GROUPS = {   # the second dimension of an aggregate (e.g. a timeline per type)
    "type": "e.type", "quad_class": "e.quad_class", "modality": "e.modality", "mode": "e.mode",
    "source": "e.source3", "target": "e.target3", "country": "e.loc_country", "language": "a.language",
    "outlet": "a.outlet",
}
MIGRATIONS = Path(__file__).resolve().parent.parent / "data" / "migrations"
EVENT_FROM = " FROM events e JOIN articles a ON a.id = e.article_id"


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of eventwire/data/migrations/NNN_name.sql, in order."""
    found = []
    for entry in MIGRATIONS.iterdir():
        stem = entry.name.rsplit(".", 1)[0]
        if entry.name.endswith(".sql") and stem.split("_", 1)[0].isdigit():
            found.append((int(stem.split("_", 1)[0]), stem, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """See eventwire.store for the contract."""

    # Corpus settings: given to open_store, else what the store was last opened with, else the defaults.
    SETTINGS = {"threshold": (float, dedupe.DEFAULT_THRESHOLD), "containment": (float, dedupe.DEFAULT_CONTAINMENT),
                "window_days": (int, clustering.DATE_WINDOW_DAYS), "max_km": (float, clustering.MAX_KM)}

    def __init__(self, target: str, read_only: bool = False, threshold: Optional[float] = None,
                 containment: Optional[float] = None, window_days: Optional[int] = None,
                 max_km: Optional[float] = None):
        self.target = target
        self.db: Dialect = connect(target, read_only=read_only)
        given = {"threshold": threshold, "containment": containment, "window_days": window_days, "max_km": max_km}
        try:
            if read_only and self._behind():
                # A store written by an older release: migrate it once (writable), then carry on.
                self.db.close()
                self.db = connect(target, read_only=False)
                read_only = False
            if not read_only:
                self._migrate()
            self._settings(given, read_only)
            self.bands, self.rows = self._lsh_layout(read_only)
        except EventwireError:
            self.db.close()
            raise
        except Exception as exc:
            self.db.close()
            raise StoreError(target, f"cannot prepare the store schema: {exc}") from exc

    # ---------------------------------------------------------------- schema
    def _migrate(self) -> None:
        with self.db.lock:
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "name TEXT NOT NULL, applied TIMESTAMP NOT NULL)")
            done = {row[0] for row in self.db.rows("SELECT version FROM schema_version")}
            for version, name, sql in _migrations():
                if version in done:
                    continue
                self.db.begin()
                try:
                    self.db.script(sql)
                    self.db.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, naive_utc(utc_now())])
                    self.db.commit()
                except Exception as exc:
                    self.db.rollback()
                    if self.db.is_integrity_error(exc):   # another process migrated at the same time
                        continue
                    raise StoreError(self.target, f"migration {name} failed: {exc}") from exc

    def _behind(self) -> bool:
        try:
            return self.schema_version() < max(version for version, _, _ in _migrations())
        except Exception as exc:   # no schema_version table: not an eventwire store (yet)
            raise StoreError(self.target, f"not an eventwire store (no schema_version): {exc}") from exc

    def schema_version(self) -> int:
        return first(self.db.rows("SELECT max(version) FROM schema_version"), 0) or 0

    def _settings(self, given: dict, read_only: bool) -> None:
        """Sets threshold, containment, window_days, max_km; persists the ones given (the CLI then reuses them)."""
        stored = dict(self.db.rows("SELECT name, value FROM store_settings"))
        for name, (kind, default) in self.SETTINGS.items():
            value = given[name] if given[name] is not None else kind(stored.get(name, default))
            setattr(self, name, value)
            if given[name] is not None and not read_only and stored.get(name) != str(value):
                with self.db.lock:
                    self.db.execute("DELETE FROM store_settings WHERE name = ?", [name])
                    self.db.execute("INSERT INTO store_settings VALUES (?, ?)", [name, str(value)])

    def settings(self) -> dict:
        return {name: getattr(self, name) for name in self.SETTINGS}

    def _lsh_layout(self, read_only: bool) -> tuple[int, int]:
        """Band layout of the LSH buckets, fixed when the store is created (stored in store_settings)."""
        settings = dict(self.db.rows("SELECT name, value FROM store_settings"))
        if "lsh_bands" in settings:
            return int(settings["lsh_bands"]), int(settings["lsh_rows"])
        # Candidates are gathered below the story threshold so trimmed copies (low Jaccard, high containment)
        # still meet in some band; same_story() then decides.
        bands, rows = dedupe.band_layout(min(self.threshold, dedupe.CANDIDATE_THRESHOLD))
        if not read_only:
            with self.db.lock:
                self.db.execute("INSERT INTO store_settings VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING",
                                ["lsh_bands", str(bands), "lsh_rows", str(rows)])
        return bands, rows

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- writing
    def add_failure(self, failure: Failure) -> None:
        with self.db.lock:
            [failure_id] = self.db.next_ids("failure_ids", 1)
            self.db.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)",
                            [failure_id, failure.source, failure.stage, failure.reason, naive_utc(utc_now())])

    def add_article(self, article: Article) -> bool:
        """Stores an article with its events in one transaction; False when its content is already stored.

        Raises StoreError (nothing written) when the article cannot be stored.
        """
        with self.db.lock:
            self.db.begin()
            try:
                [written] = BatchWriter(self).write([article])
                self.db.commit()
                return written
            except Exception as exc:
                self.db.rollback()
                if self.db.is_integrity_error(exc) and self.db.rows(
                        "SELECT 1 FROM articles WHERE content_hash = ?", [content_hash(article.text)]):
                    return False    # another writer stored the same content meanwhile
                if isinstance(exc, StoreError):
                    raise
                raise StoreError(article.source, f"could not store article: {type(exc).__name__}: {exc}") from exc

    def add_articles(self, articles: Iterable[Article], batch_size: int = 200) -> dict:
        """Stores many articles, a batch per transaction (far fewer statements: the fast path for bulk ingest).

        The result is the same as add_article on each in turn. When a batch fails, its articles are retried one
        transaction each, so a bad article costs only itself: it is recorded in failures (stage "store").
        Returns {"stored": n, "duplicates": n, "failed": [Failure, ...]}.
        """
        summary: dict[str, Any] = {"stored": 0, "duplicates": 0, "failed": []}
        batch: list[Article] = []

        def flush() -> None:
            with self.db.lock:
                self.db.begin()
                try:
                    written = BatchWriter(self).write(batch)
                    self.db.commit()
                except Exception:
                    self.db.rollback()
                    written = None
            if written is None:
                for article in batch:
                    try:
                        written_one = self.add_article(article)
                    except StoreError as exc:
                        failure = Failure(article.source, "store", exc.reason)
                        self.add_failure(failure)
                        summary["failed"].append(failure)
                        continue
                    summary["stored" if written_one else "duplicates"] += 1
            else:
                summary["stored"] += sum(written)
                summary["duplicates"] += len(written) - sum(written)
            batch.clear()

        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return summary

    # ---------------------------------------------------------------- reading
    def _article_where(self, filters: dict) -> tuple[str, list]:
        """article_id and story_id select articles themselves (with or without events); the other filters
        select the articles holding at least one matching event."""
        own = {k: filters.pop(k) for k in ("article_id", "story_id") if filters.get(k) not in (None, "")}
        clauses, params = [], []
        for key, column in (("article_id", "a.id"), ("story_id", "a.story_id")):
            if key in own:
                values = flt.listed(own[key])
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += values
        where, event_params = flt.where(filters)
        if where:
            clauses.append(f"a.id IN (SELECT e.article_id{EVENT_FROM}{where})")
            params += event_params
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_articles(self, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict]:
        """Articles, newest first (see _article_where for what the filters select)."""
        where, params = self._article_where(filters)
        sql = ("SELECT a.id, a.source, a.url, a.title, a.published, a.language, a.n_events, a.story_id, a.outlet,"
               f" a.retrieved, a.added FROM articles a{where} ORDER BY a.seen DESC, a.id LIMIT ? OFFSET ?")
        return [{k: plain(v) for k, v in row.items()}
                for row in self.db.dicts(sql, params + [int(limit), int(offset)])]

    def count_articles(self, **filters: Any) -> int:
        where, params = self._article_where(filters)
        return int(first(self.db.rows(f"SELECT count(*) FROM articles a{where}", params), 0))

    def get_article(self, article_id: str) -> Optional[Article]:
        rows = self.db.dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        row = rows[0]
        events = [self._event_from_row(r) for r in
                  self.db.dicts("SELECT * FROM events WHERE article_id = ? ORDER BY idx", [article_id])]
        data = {
            "source": row["source"], "text": row["text"], "title": row["title"], "published": row["published"],
            "language": row["language"], "url": row["url"],
            "retrieved": row["retrieved"].replace(tzinfo=timezone.utc).isoformat() if row["retrieved"] else None,
            "meta": self.db.load_json(row["meta"]) or {},
            "sentences": self.db.load_json(row["sentences"]) or [], "actors": self.db.load_json(row["actors"]) or [],
            "places": self.db.load_json(row["places"]) or [], "times": self.db.load_json(row["times"]) or [],
            "events": [],
        }
        article = article_from_dict(data)
        article.events = events
        return article

    def iter_articles(self, page: int = 500) -> Iterator[Article]:
        """Every stored article with its events, oldest stored first (for copying or re-clustering a store)."""
        last = None
        while True:
            ids = [row[0] for row in self.db.rows(
                "SELECT id FROM articles" + (" WHERE (added, id) > (?, ?)" if last else "")
                + " ORDER BY added, id LIMIT ?", (list(last) if last else []) + [int(page)])]
            for article_id in ids:
                article = self.get_article(article_id)
                if article is not None:
                    yield article
            if len(ids) < page:
                return
            last = self.db.rows("SELECT added, id FROM articles WHERE id = ?", [ids[-1]])[0]

    def _event_from_row(self, r: dict) -> Event:
        span = lambda key: Span(**self.db.load_json(r[key])) if r[key] is not None else None  # noqa: E731
        location = None
        if r["loc_name"] is not None:
            location = Location(r["loc_name"], r["loc_country"], r["loc_lat"], r["loc_lon"])
        return Event(
            type=r["type"], source=r["source"], target=r["target"],
            evidence=[Span(**s) for s in self.db.load_json(r["evidence_spans"]) or []], mode=r["mode"],
            source_text=r["source_text"], target_text=r["target_text"], source_actor=r["source_actor"],
            target_actor=r["target_actor"], date=r["date"], date_span=span("date_span"), location=location,
            location_span=span("location_span"), attribution=r["attribution"],
            attribution_span=span("attribution_span"), modality=r["modality"], symmetric=bool(r["is_symmetric"]),
            trigger=span("trigger_span"), cameo=r["cameo"], quad_class=r["quad_class"], intensity=r["intensity"],
            confidence=r["confidence"])

    def _event_dict(self, r: dict) -> dict:
        location = None
        if r["loc_name"] is not None:
            location = {"name": r["loc_name"], "country": r["loc_country"], "lat": r["loc_lat"], "lon": r["loc_lon"]}
        spans = self.db.load_json(r["evidence_spans"]) or []
        attribution_span = self.db.load_json(r["attribution_span"])
        return {
            "id": r["id"], "article_id": r["article_id"], "cluster_id": r["cluster_id"], "story_id": r["story_id"],
            "type": r["type"], "mode": r["mode"], "source": r["source"], "target": r["target"],
            "source_text": r["source_text"], "target_text": r["target_text"],
            "source_name": r["source_name"], "target_name": r["target_name"], "date": r["date"],
            "location": location, "attribution": r["attribution"],
            "attribution_span": [attribution_span["start"], attribution_span["end"]] if attribution_span else None,
            "modality": r["modality"], "symmetric": bool(r["is_symmetric"]), "quad_class": r["quad_class"],
            "cameo": r["cameo"], "intensity": r["intensity"], "confidence": r["confidence"],
            "evidence": r["evidence"], "evidence_spans": [[s["start"], s["end"]] for s in spans],
            "published": r["published"], "article_title": r["article_title"], "article_source": r["article_source"],
        }

    _EVENT_COLUMNS = ("SELECT e.*, a.published AS published, a.title AS article_title, a.source AS article_source,"
                      " a.url AS article_url, a.outlet AS article_outlet, a.added AS article_added")

    def event_rows(self, sort: str = "date", limit: Optional[int] = 100, offset: int = 0,
                   **filters: Any) -> list[dict]:
        """Raw event rows (all stored columns plus article_*), for exports."""
        where, params = flt.where(filters)
        sql = self._EVENT_COLUMNS + EVENT_FROM + where + flt.order_by(sort)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + [int(limit), int(offset)]
        return self.db.dicts(sql, params)

    def iter_event_rows(self, page: int = 5000, **filters: Any) -> Iterator[dict]:
        """Every matching event row in id order, a page at a time (exports of a large corpus).

        Pages continue after the last id seen (not by OFFSET): each page costs the same, and rows stored while
        an export runs neither shift nor repeat earlier pages.
        """
        where, params = flt.where(filters)
        last_id = None
        while True:
            page_where = where
            page_params = list(params)
            if last_id is not None:
                page_where = f"{where} AND e.id > ?" if where else " WHERE e.id > ?"
                page_params.append(last_id)
            rows = self.db.dicts(self._EVENT_COLUMNS + EVENT_FROM + page_where + " ORDER BY e.id LIMIT ?",
                                 page_params + [int(page)])
            yield from rows
            if len(rows) < page:
                return
            last_id = rows[-1]["id"]

    def events(self, sort: str = "date", limit: int = 100, offset: int = 0, **filters: Any) -> list[dict]:
        return [self._event_dict(r) for r in self.event_rows(sort=sort, limit=limit, offset=offset, **filters)]

    def get_event(self, event_id: int) -> Optional[dict]:
        try:
            event_id = int(event_id)
        except (TypeError, ValueError):
            return None
        rows = self.db.dicts(self._EVENT_COLUMNS + EVENT_FROM + " WHERE e.id = ?", [event_id])
        return self._event_dict(rows[0]) if rows else None

    def count_events(self, **filters: Any) -> int:
        where, params = flt.where(filters)
        return int(first(self.db.rows("SELECT count(*)" + EVENT_FROM + where, params), 0))

    # ---------------------------------------------------------------- clusters
    _CLUSTER_SORTS = {"date": "c.day_lo ASC NULLS LAST, c.id", "-date": "c.day_lo DESC NULLS LAST, c.id",
                      "mentions": "c.n_mentions ASC, c.id", "-mentions": "c.n_mentions DESC, c.id",
                      "sources": "c.n_sources ASC, c.id", "-sources": "c.n_sources DESC, c.id",
                      "first_seen": "c.first_seen ASC, c.id", "-first_seen": "c.first_seen DESC, c.id",
                      "last_seen": "c.last_seen ASC, c.id", "-last_seen": "c.last_seen DESC, c.id",
                      "id": "c.id", "-id": "c.id DESC"}

    def _cluster_dict(self, r: dict, event_ids: list[int]) -> dict:
        location = None
        if r["loc_name"] is not None:
            location = {"name": r["loc_name"], "country": r["loc_country"], "lat": r["loc_lat"], "lon": r["loc_lon"]}
        return {"id": r["id"], "type": r["type"], "source": r["source"], "target": r["target"],
                "symmetric": bool(r["is_symmetric"]), "date": r["date"], "location": location,
                "first_seen": plain(r["first_seen"]), "last_seen": plain(r["last_seen"]),
                "n_mentions": r["n_mentions"], "n_articles": r["n_articles"], "n_sources": r["n_sources"],
                "event_ids": event_ids}

    def clusters(self, sort: str = "-mentions", limit: int = 100, offset: int = 0, min_sources: int = 1,
                 **filters: Any) -> list[dict]:
        """Event clusters with at least one mention matching the filters."""
        if sort not in self._CLUSTER_SORTS:
            raise StoreError(f"sort={sort!r}", f"unknown sort; known: {', '.join(self._CLUSTER_SORTS)}")
        where, params = flt.where(filters)
        sql = "SELECT c.* FROM event_clusters c WHERE c.n_sources >= ?"
        params = [int(min_sources)] + params
        if where:
            sql += f" AND c.id IN (SELECT e.cluster_id{EVENT_FROM}{where})"
        sql += f" ORDER BY {self._CLUSTER_SORTS[sort]} LIMIT ? OFFSET ?"
        rows = self.db.dicts(sql, params + [int(limit), int(offset)])
        members: dict[int, list[int]] = {r["id"]: [] for r in rows}
        if rows:
            sql_in, ids = in_list(members)
            for cluster_id, event_id in self.db.rows(
                    f"SELECT cluster_id, id FROM events WHERE cluster_id IN {sql_in} ORDER BY id", ids):
                members[cluster_id].append(event_id)
        return [self._cluster_dict(r, members[r["id"]]) for r in rows]

    def count_clusters(self, min_sources: int = 1, **filters: Any) -> int:
        where, params = flt.where(filters)
        sql = "SELECT count(*) FROM event_clusters c WHERE c.n_sources >= ?"
        if where:
            sql += f" AND c.id IN (SELECT e.cluster_id{EVENT_FROM}{where})"
        return int(first(self.db.rows(sql, [int(min_sources)] + params), 0))

    def get_cluster(self, cluster_id: int) -> Optional[dict]:
        rows = self.db.dicts("SELECT * FROM event_clusters WHERE id = ?", [int(cluster_id)])
        if not rows:
            return None
        events = self.events(cluster_id=int(cluster_id), sort="id", limit=100000)
        cluster = self._cluster_dict(rows[0], [e["id"] for e in events])
        cluster["events"] = events
        sql_in, ids = in_list(sorted({e["article_id"] for e in events}) or [""])
        cluster["articles"] = [{k: plain(v) for k, v in r.items()} for r in self.db.dicts(
            "SELECT id, source, url, outlet, title, published, language, story_id FROM articles"
            f" WHERE id IN {sql_in} ORDER BY seen, id", ids)]
        return cluster

    # ---------------------------------------------------------------- aggregates
    def aggregate(self, by: str = "day", group: Optional[str] = None, **filters: Any) -> list[dict]:
        """Counts for timelines (by day/week/month, optional group) and networks (by dyad: source, target, quads).

        by="type"|"quad_class": {by, [group], count}; by="actor": {actor, count} over either side (full codes);
        by="country": {country, count} of events involving the country (either actor's leading part or the place).
        """
        if by not in AGGREGATES:
            raise StoreError(f"by={by!r}", f"unknown aggregate; known: {', '.join(AGGREGATES)}")
        if group is not None and group not in GROUPS:
            raise StoreError(f"group={group!r}", f"unknown group; known: {', '.join(GROUPS)}")
        where, params = flt.where(filters)
        group_sql = f", {GROUPS[group]}" if group else ""
        group_col = f", {GROUPS[group]} AS grp" if group else ""
        if by in ("day", "week", "month"):
            period = self.db.date_trunc(by, "e.day_lo")
            dated = f"{where} AND e.day_lo IS NOT NULL" if where else " WHERE e.day_lo IS NOT NULL"
            rows = self.db.dicts(f"SELECT {period} AS period{group_col}, count(*) AS n{EVENT_FROM}{dated}"
                                 f" GROUP BY {period}{group_sql} ORDER BY 1", params)
            return [{"period": str(plain(r["period"]))[:10], "group": r.get("grp"), "count": int(r["n"])} for r in rows]
        if by in ("type", "quad_class"):
            column = f"e.{by}"
            rows = self.db.dicts(f"SELECT {column} AS k{group_col}, count(*) AS n{EVENT_FROM}{where}"
                                 f" GROUP BY {column}{group_sql} ORDER BY n DESC, 1", params)
            return [{by: r["k"], **({"group": r["grp"]} if group else {}), "count": int(r["n"])} for r in rows]
        if by == "dyad":
            quads = ", ".join(f"sum(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END) AS q{q}" for q in (1, 2, 3, 4))
            rows = self.db.dicts(f"SELECT e.source, e.target, count(*) AS n, {quads}{EVENT_FROM}{where}"
                                 " GROUP BY e.source, e.target ORDER BY n DESC, e.source, e.target", params)
            return [{"source": r["source"], "target": r["target"], "count": int(r["n"]),
                     "quad": {str(q): int(r[f"q{q}"] or 0) for q in (1, 2, 3, 4)}} for r in rows]
        if by == "actor":
            rows = self.db.dicts(
                f"SELECT code, count(DISTINCT id) AS n FROM (SELECT e.id, e.source AS code{EVENT_FROM}{where}"
                f" UNION ALL SELECT e.id, e.target AS code{EVENT_FROM}{where}) x WHERE code <> '---'"
                " GROUP BY code ORDER BY n DESC, code", params + params)
            return [{"actor": r["code"], "count": int(r["n"])} for r in rows]
        rows = self.db.dicts(
            f"SELECT code, count(DISTINCT id) AS n FROM (SELECT e.id, e.source3 AS code{EVENT_FROM}{where}"
            f" UNION ALL SELECT e.id, e.target3 AS code{EVENT_FROM}{where}"
            f" UNION ALL SELECT e.id, e.loc_country AS code{EVENT_FROM}{where}) x"
            " WHERE code IS NOT NULL AND code <> '---' GROUP BY code ORDER BY n DESC, code", params * 3)
        return [{"country": r["code"], "count": int(r["n"])} for r in rows]

    def actors(self, limit: int = 1000, **filters: Any) -> list[dict]:
        """Actor codes in matching events (either side), with their most frequent name and event count.

        The name is the resolver's canonical name where it gave one, else the words of the text."""
        where, params = flt.where(filters)
        rows = self.db.rows(
            "SELECT code, name, count(*) FROM (SELECT e.source AS code, coalesce(e.source_name, e.source_text) AS name"
            f"{EVENT_FROM}{where} UNION ALL SELECT e.target AS code, coalesce(e.target_name, e.target_text) AS name"
            f"{EVENT_FROM}{where}) x"
            " WHERE code <> '---' GROUP BY code, name", params + params)
        totals: Counter = Counter()
        names: dict[str, Counter] = {}
        for code, name, n in rows:
            totals[code] += n
            if name:
                names.setdefault(code, Counter())[name] += n
        return [{"code": code, "name": names[code].most_common(1)[0][0] if code in names else None, "n_events": n}
                for code, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]

    def places(self, limit: int = 1000, **filters: Any) -> list[dict]:
        """Event locations in matching events with their event count."""
        where, params = flt.where(filters)
        rows = self.db.dicts(
            f"SELECT e.loc_name AS name, e.loc_country AS country, e.loc_admin1 AS admin1, avg(e.loc_lat) AS lat,"
            f" avg(e.loc_lon) AS lon, count(*) AS n{EVENT_FROM}{where}{' AND' if where else ' WHERE'}"
            " e.loc_name IS NOT NULL GROUP BY e.loc_name, e.loc_country, e.loc_admin1 ORDER BY n DESC, e.loc_name"
            " LIMIT ?", params + [int(limit)])
        return [{"name": r["name"], "country": r["country"], "admin1": r["admin1"], "lat": r["lat"], "lon": r["lon"],
                 "n_events": int(r["n"])} for r in rows]

    # ---------------------------------------------------------------- housekeeping
    def failures(self, limit: int = 100) -> list[dict]:
        return [{k: plain(v) for k, v in r.items()} for r in self.db.dicts(
            "SELECT id, source, stage, reason, time FROM failures ORDER BY id DESC LIMIT ?", [int(limit)])]

    def stats(self) -> dict:
        count = lambda sql: int(first(self.db.rows(sql), 0) or 0)  # noqa: E731
        span = self.db.rows("SELECT min(day_lo), max(day_hi) FROM events")
        return {
            "engine": self.db.name, "schema_version": self.schema_version(),
            "articles": count("SELECT count(*) FROM articles"),
            "stories": count("SELECT count(DISTINCT story_id) FROM articles"),
            "events": count("SELECT count(*) FROM events"),
            "clusters": count("SELECT count(*) FROM event_clusters"),
            "multi_source_clusters": count("SELECT count(*) FROM event_clusters WHERE n_sources > 1"),
            "failures": count("SELECT count(*) FROM failures"),
            "settings": self.settings(),
            "outlets": count("SELECT count(DISTINCT outlet) FROM articles"),
            "first_event_day": plain(span[0][0]) if span else None,
            "last_event_day": plain(span[0][1]) if span else None,
        }
