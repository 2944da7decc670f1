"""Writes a batch of articles — rows, stories, event clusters — in a fixed number of bulk statements.

Per-statement cost dominates on DuckDB (milliseconds each), so nothing here runs a statement per event or per
article: stored candidates (stories, clusters) are read once for the whole batch, decisions are made in memory
in input order (so articles of one batch join each other's stories and clusters exactly as if added one by
one), and every table gets one multi-row INSERT (chunked to stay under the engines' parameter limits).
The caller owns the transaction.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Optional
from urllib.parse import urlparse

from eventwire.corpus import clusters as clustering
from eventwire.corpus import dedupe
from eventwire.model import Article, Event, Span, content_hash, utc_now

MAX_PARAMS = 30_000     # PostgreSQL allows 65,535 parameters a statement; stay well under
MAX_STORY_CANDIDATES = 50


def naive_utc(value: Optional[datetime]) -> Optional[datetime]:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def parse_published(value: Optional[str]) -> Optional[datetime]:
    if not value:
        return None
    try:
        return naive_utc(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        interval = clustering.date_interval(value)
        return datetime.combine(interval[0], datetime.min.time()) if interval else None


def outlet_of(article: Article) -> str:
    """The outlet that published an article: the host of its URL, else the directory it was read from, else the
    label it was given (API submissions are named like "api:text": never expose the server's own paths)."""
    for candidate in (article.url, article.source):
        if candidate and "://" in candidate:
            host = (urlparse(candidate).hostname or "").lower()
            if host:
                return host[4:] if host.startswith("www.") else host
    if not article.source:
        return ""
    if os.path.exists(article.source):
        return os.path.dirname(os.path.abspath(article.source))
    return article.source


def lead_end(text: str) -> int:
    """End of the first paragraph (GDELT's "lead"): the first blank line, else the first line break."""
    for marker in ("\n\n", "\n"):
        cut = text.find(marker, 40)
        if cut != -1:
            return cut
    return len(text)


def annotations_json(article: Article) -> dict[str, Any]:
    """meta, sentences, actors, places, times as plain JSON values (the form article_from_dict reads back).

    Shallow on purpose: dataclasses.asdict deep-copies the whole article (events, text) and was the slowest
    step of a bulk write.
    """
    def with_span(obj) -> dict:
        return {**vars(obj), "span": vars(obj.span)}
    return {"meta": article.meta, "sentences": [vars(s) for s in article.sentences],
            "actors": [with_span(a) for a in article.actors], "places": [with_span(p) for p in article.places],
            "times": [with_span(t) for t in article.times]}


def actor_name(article: Article, index: Optional[int]) -> Optional[str]:
    """The canonical name of the actor mention at ``index``, following refers_to (pronoun → name) links."""
    for _ in range(8):         # refers_to chains are short; the bound guards against a cycle
        if index is None or not 0 <= index < len(article.actors):
            return None
        mention = article.actors[index]
        if mention.name:
            return mention.name
        index = mention.refers_to
    return None


def _span_json(span: Optional[Span]) -> Optional[dict]:
    return asdict(span) if span is not None else None


def place_of(article: Article, event: Event):
    """The article's Place an event's location refers to (for admin1, kind and GeoNames id), if any."""
    if event.location is None:
        return None
    if event.location_span is not None:
        for place in article.places:
            if place.span.start < event.location_span.end and event.location_span.start < place.span.end:
                return place
    for place in article.places:
        if place.name == event.location.name and place.country == event.location.country:
            return place
    return None


@dataclass
class Pending:
    """One article of the batch and what the writer decided about it."""
    article: Article
    id: str                      # Article.id (a hash: computed once)
    digest: str
    outlet: str
    seen: datetime
    signature: dedupe.Signature
    buckets: list[int]
    story_id: str = ""
    cluster_rows: list[dict] = field(default_factory=list)


class BatchWriter:
    def __init__(self, store):
        self.store, self.db = store, store.db

    # ------------------------------------------------------------------ entry point
    def write(self, articles: list[Article]) -> list[bool]:
        """Writes the articles not yet stored; True for each one written, False for a duplicate (by content)."""
        self.db.lock_corpus()      # DuckDB: one writer per process already; PostgreSQL: an advisory lock
        digests = [content_hash(a.text) for a in articles]
        stored = self._stored_digests(digests)
        pending, seen_digests, written = [], set(), []
        now = naive_utc(utc_now())
        for article, digest in zip(articles, digests):
            if digest in stored or digest in seen_digests:
                written.append(False)
                continue
            seen_digests.add(digest)
            sig = dedupe.signature(article.text)
            pending.append(Pending(article, digest[:16], digest, outlet_of(article),
                                   parse_published(article.published) or naive_utc(article.retrieved) or now,
                                   sig, dedupe.buckets(sig, self.store.bands, self.store.rows) if sig.n_shingles else []))
            written.append(True)
        if pending:
            self._assign_stories(pending)
            self._insert_articles(pending, now)
            self._assign_clusters(pending)
            self._insert_events(pending)
        return written

    # ------------------------------------------------------------------ helpers
    def _chunks(self, rows: list, width: int) -> list[list]:
        size = max(1, MAX_PARAMS // max(1, width))
        return [rows[i:i + size] for i in range(0, len(rows), size)]

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if rows:
            self.db.insert_rows(table, columns, rows, MAX_PARAMS)

    def _select_in(self, sql: str, values: list, extra: list = ()) -> list[tuple]:
        """Runs ``sql`` (with one ``IN {}`` slot) over chunks of ``values``."""
        out: list[tuple] = []
        for chunk in self._chunks(sorted(set(values), key=str), 1):
            out += self.db.rows(sql.format("(" + ", ".join("?" * len(chunk)) + ")"), list(chunk) + list(extra))
        return out

    def _stored_digests(self, digests: list[str]) -> set[str]:
        return {row[0] for row in self._select_in("SELECT content_hash FROM articles WHERE content_hash IN {}",
                                                  digests)}

    # ------------------------------------------------------------------ stories
    def _assign_stories(self, pending: list[Pending]) -> None:
        """Each article joins the story of its most similar stored or earlier-in-batch copy, else starts one."""
        by_bucket: dict[int, set[str]] = {}
        for bucket, article_id in self._select_in("SELECT bucket, article_id FROM lsh_buckets WHERE bucket IN {}",
                                                  [b for p in pending for b in p.buckets]):
            by_bucket.setdefault(bucket, set()).add(article_id)
        signatures: dict[str, tuple[str, dedupe.Signature]] = {}
        wanted = {a for ids in by_bucket.values() for a in ids}
        for article_id, story_id, n_shingles, minhash in self._select_in(
                "SELECT article_id, story_id, n_shingles, minhash FROM doc_signatures WHERE article_id IN {}",
                list(wanted)):
            signatures[article_id] = (story_id, dedupe.Signature.from_bytes(minhash, n_shingles))
        for p in pending:
            best: Optional[tuple[float, str]] = None
            # The more bands two signatures share, the more alike they are: verify only the likeliest
            # candidates, so text many articles share (an outlet's boilerplate) cannot make this quadratic.
            shared = Counter(a for b in p.buckets for a in by_bucket.get(b, ()))
            for other_id, _ in shared.most_common(MAX_STORY_CANDIDATES):
                story_id, other = signatures[other_id]
                if dedupe.same_story(p.signature, other, self.store.threshold, self.store.containment):
                    score = dedupe.jaccard(p.signature, other)
                    if best is None or (score, story_id) > best:
                        best = (score, story_id)
            p.story_id = best[1] if best else p.id
            signatures[p.id] = (p.story_id, p.signature)
            for bucket in p.buckets:       # later articles of this batch can find this one
                by_bucket.setdefault(bucket, set()).add(p.id)
        self._insert("doc_signatures", ("article_id", "story_id", "n_shingles", "minhash"),
                     [(p.id, p.story_id, p.signature.n_shingles, p.signature.to_bytes()) for p in pending])
        self._insert("lsh_buckets", ("bucket", "article_id"),
                     [(b, p.id) for p in pending for b in p.buckets])

    def _insert_articles(self, pending: list[Pending], now: datetime) -> None:
        rows = []
        for p in pending:
            a, data = p.article, annotations_json(p.article)
            interval = clustering.date_interval(a.published)
            rows.append((a.id, p.digest, a.source, a.url, p.outlet, a.title, a.published,
                         interval[0] if interval else None, a.language, a.text, naive_utc(a.retrieved), now, p.seen,
                         self.db.json_param(data["meta"]), self.db.json_param(data["sentences"]),
                         self.db.json_param(data["actors"]), self.db.json_param(data["places"]),
                         self.db.json_param(data["times"]), p.story_id, len(a.events)))
        self._insert("articles", ("id", "content_hash", "source", "url", "outlet", "title", "published",
                                  "published_day", "language", "text", "retrieved", "added", "seen", "meta",
                                  "sentences", "actors", "places", "times", "story_id", "n_events"), rows)

    # ------------------------------------------------------------------ event clusters
    def _assign_clusters(self, pending: list[Pending]) -> None:
        # An undated event is anchored to when its article was reported (published, else retrieved, else now).
        mentions = {id(e): clustering.mention_of(e, p.article.published or p.seen.date().isoformat(), p.story_id)
                    for p in pending for e in p.article.events}
        if not mentions:
            return
        pools = self._candidate_clusters(list(mentions.values()))
        new_rows: list[dict] = []
        touched: dict[int, dict] = {}          # stored clusters this batch joins, by id
        for p in pending:
            for event in p.article.events:
                m = mentions[id(event)]
                pool = pools.setdefault((m.type, m.dyad, m.scope or ""), [])
                # The coder already merged an article's repeats: its distinct events are distinct clusters.
                open_rows = [r for r in pool if p.id not in r.get("_articles", ())]
                row = clustering.best_cluster(m, open_rows, self.store.window_days, self.store.max_km)
                if row is None:
                    row = _new_cluster_row(event, m, p.seen)
                    pool.append(row)
                    new_rows.append(row)
                else:
                    _sharpen(row, event, m)
                    if not row.get("_new"):
                        touched[row["id"]] = row
                row.setdefault("_mentions", 0)
                row["_mentions"] += 1
                row.setdefault("_articles", set()).add(p.id)
                row.setdefault("_outlets", set()).add(p.outlet)
                row["_first"] = min(row.get("_first") or p.seen, p.seen)
                row["_last"] = max(row.get("_last") or p.seen, p.seen)
                p.cluster_rows.append(row)
        for row, cluster_id in zip(new_rows, self.db.next_ids("cluster_ids", len(new_rows)) if new_rows else []):
            row["id"] = cluster_id
        if touched:
            self._update_joined(touched)
        columns = ("id", "type", "dyad", "scope", "source", "target", "is_symmetric", "date", "day_lo", "day_hi",
                   "loc_name", "loc_country", "loc_lat", "loc_lon", "first_seen", "last_seen", "n_mentions",
                   "n_articles", "n_sources")
        self._insert("event_clusters", columns, [
            (r["id"], r["type"], r["dyad"], r["scope"], r["source"], r["target"], r["is_symmetric"], r["date"],
             r["day_lo"], r["day_hi"], r["loc_name"], r["loc_country"], r["loc_lat"], r["loc_lon"], r["_first"],
             r["_last"], r["_mentions"], len(r["_articles"]), len(r["_outlets"])) for r in new_rows])

    def _candidate_clusters(self, mentions: list[clustering.Mention]) -> dict[tuple, list[dict]]:
        """Stored clusters that share a (type, dyad, scope) key with a mention and whose dates could overlap."""
        window = timedelta(days=self.store.window_days)
        keys: dict[tuple, Optional[list[date]]] = {}     # key -> [first, last] day of its mentions; None: any
        for m in mentions:
            key = (m.type, m.dyad, m.scope or "")
            if key not in keys:
                keys[key] = [m.day_lo, m.day_hi] if m.day_lo else None
            elif keys[key] is not None:
                keys[key] = None if m.day_lo is None else [min(keys[key][0], m.day_lo), max(keys[key][1], m.day_hi)]
        pools: dict[tuple, list[dict]] = {}
        items = list(keys.items())
        for chunk in self._chunks(items, 5):
            values = ", ".join("(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS DATE), "
                               "CAST(? AS DATE))" for _ in chunk)
            params: list[Any] = []
            for (type_, dyad, scope), days in chunk:
                params += [type_, dyad, scope, days[0] - window if days else None, days[1] + window if days else None]
            for row in self.db.dicts(
                    f"SELECT c.* FROM event_clusters c JOIN (VALUES {values}) AS k(type, dyad, scope, lo, hi)"
                    " ON c.type = k.type AND c.dyad = k.dyad AND coalesce(c.scope, '') = k.scope"
                    " WHERE k.lo IS NULL OR c.day_lo IS NULL OR (c.day_hi >= k.lo AND c.day_lo <= k.hi)", params):
                pools.setdefault((row["type"], row["dyad"], row["scope"] or ""), []).append(row)
        return pools

    def _update_joined(self, touched: dict[int, dict]) -> None:
        # Counters move by increments so concurrent writers (PostgreSQL) never overwrite each other's counts.
        known: dict[int, set[str]] = {}
        for cluster_id, outlet in self._select_in(
                "SELECT DISTINCT e.cluster_id, a.outlet FROM events e JOIN articles a ON a.id = e.article_id"
                " WHERE e.cluster_id IN {}", list(touched)):
            known.setdefault(cluster_id, set()).add(outlet)
        types = ("BIGINT", "INTEGER", "INTEGER", "INTEGER", "TIMESTAMP", "TIMESTAMP", "TEXT", "DATE", "DATE",
                 "TEXT", "TEXT", "DOUBLE PRECISION", "DOUBLE PRECISION", "TEXT", "TEXT")
        row_sql = "(" + ", ".join(f"CAST(? AS {t})" for t in types) + ")"
        rows = [(cid, r["_mentions"], len(r["_articles"]), len(r["_outlets"] - known.get(cid, set())), r["_first"],
                 r["_last"], r["date"], r["day_lo"], r["day_hi"], r["loc_name"], r["loc_country"], r["loc_lat"],
                 r["loc_lon"], r["source"], r["target"]) for cid, r in touched.items()]
        for chunk in self._chunks(rows, len(types)):
            self.db.execute(
                "UPDATE event_clusters SET n_mentions = n_mentions + v.dm, n_articles = n_articles + v.da,"
                " n_sources = n_sources + v.ds, first_seen = least(first_seen, v.f), last_seen = greatest(last_seen, v.l),"
                " date = v.date, day_lo = v.day_lo, day_hi = v.day_hi, loc_name = v.loc_name,"
                " loc_country = v.loc_country, loc_lat = v.loc_lat, loc_lon = v.loc_lon, source = v.source,"
                " target = v.target"
                f" FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v(id, dm, da, ds, f, l, date, day_lo, day_hi,"
                " loc_name, loc_country, loc_lat, loc_lon, source, target) WHERE event_clusters.id = v.id",
                [value for row in chunk for value in row])

    # ------------------------------------------------------------------ events
    EVENT_COLUMNS = ("id", "article_id", "idx", "cluster_id", "story_id", "type", "mode", "source", "target",
                     "source3", "target3", "source_text", "target_text", "source_actor", "target_actor", "date",
                     "day_lo", "day_hi", "date_span", "loc_name", "loc_country", "loc_admin1", "loc_kind", "loc_lat",
                     "loc_lon", "loc_geonames_id", "location_span", "attribution", "attribution_span", "modality",
                     "is_symmetric", "trigger_span", "cameo", "quad_class", "intensity", "confidence", "in_lead",
                     "evidence", "evidence_spans", "source_name", "target_name")

    def _insert_events(self, pending: list[Pending]) -> None:
        n = sum(len(p.article.events) for p in pending)
        if not n:
            return
        ids = iter(self.db.next_ids("event_ids", n))
        rows = []
        for p in pending:
            # undated events are filed under the day the article was published, else retrieved
            retrieved = naive_utc(p.article.retrieved)
            published = clustering.date_interval(p.article.published or (retrieved.date().isoformat()
                                                                          if retrieved else None))
            lead = lead_end(p.article.text)
            for idx, (event, cluster) in enumerate(zip(p.article.events, p.cluster_rows)):
                rows.append(self._event_row(next(ids), idx, cluster["id"], p, event, published, lead))
        self._insert("events", self.EVENT_COLUMNS, rows)

    def _event_row(self, event_id: int, idx: int, cluster_id: int, p: Pending, event: Event, published,
                   lead: int) -> tuple:
        interval = clustering.date_interval(event.date) or published
        loc, place, j = event.location, place_of(p.article, event), self.db.json_param
        return (event_id, p.id, idx, cluster_id, p.story_id, event.type, event.mode, event.source,
                event.target, clustering.leading(event.source), clustering.leading(event.target), event.source_text,
                event.target_text, event.source_actor, event.target_actor, event.date,
                interval[0] if interval else None, interval[1] if interval else None, j(_span_json(event.date_span)),
                loc.name if loc else None, loc.country if loc else None, place.admin1 if place else None,
                place.kind if place else None, loc.lat if loc else None, loc.lon if loc else None,
                place.geonames_id if place else None, j(_span_json(event.location_span)), event.attribution,
                j(_span_json(event.attribution_span)), event.modality, bool(event.symmetric),
                j(_span_json(event.trigger)), event.cameo, event.quad_class, event.intensity, event.confidence,
                bool(event.evidence) and event.evidence[0].start < lead,
                event.evidence[0].text if event.evidence else None, j([asdict(s) for s in event.evidence]),
                actor_name(p.article, event.source_actor), actor_name(p.article, event.target_actor))


def _new_cluster_row(event: Event, mention: clustering.Mention, seen: datetime) -> dict:
    loc = event.location
    return {"id": None, "_new": True, "type": event.type, "dyad": mention.dyad, "scope": mention.scope,
            "source": event.source, "target": event.target, "is_symmetric": bool(event.symmetric),
            "date": event.date if clustering.date_interval(event.date) else None,
            "day_lo": mention.day_lo, "day_hi": mention.day_hi,
            "loc_name": loc.name if loc else None, "loc_country": loc.country if loc else None,
            "loc_lat": loc.lat if loc else None, "loc_lon": loc.lon if loc else None, "n_mentions": 0}


def _sharpen(row: dict, event: Event, mention: clustering.Mention) -> None:
    """What a new mention adds to its cluster: a more precise date, coordinates, a more specific actor code."""
    if clustering.date_interval(event.date) and clustering.narrower((row["day_lo"], row["day_hi"]),
                                                                    (mention.day_lo, mention.day_hi)):
        row.update(date=event.date, day_lo=mention.day_lo, day_hi=mention.day_hi)
    elif row["date"] is None and clustering.date_interval(event.date):
        row.update(date=event.date)
    loc = event.location
    if loc and ((loc.lat is not None and row["loc_lat"] is None) or row["loc_name"] is None):
        row.update(loc_name=loc.name, loc_country=loc.country, loc_lat=loc.lat, loc_lon=loc.lon)
    if not row["is_symmetric"]:
        # keep the most specific code seen (SYRGOV over SYR)
        for side in ("source", "target"):
            code = getattr(event, side)
            if code != clustering.UNKNOWN and len(code) > len(row[side] or ""):
                row[side] = code
