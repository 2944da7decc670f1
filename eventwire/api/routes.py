"""The REST endpoints. Each is a thin translation: query parameters → a store call → a response model."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

import os
import tempfile

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

import eventwire
from eventwire.api import aggregates
from eventwire.api import schemas as S
from eventwire.api.errors import ApiError
from eventwire.api.filters import MAX_LIMIT, event_filters, paging
from eventwire.api.security import require_write_key
from eventwire.api.submit import Submission
from eventwire.errors import EventwireError
from eventwire.model import Article, Failure
from eventwire.store.export import FORMATS as EXPORT_FORMATS
from eventwire.store.filters import SORTS as EVENT_SORTS
from eventwire.store.store import GROUPS, Store as _StoreClass

ERRORS = {401: {"model": S.ErrorBody, "description": "Missing or wrong X-API-Key (when reads are keyed)"},
          422: {"model": S.ErrorBody, "description": "Invalid parameters"}}
NOT_FOUND = {404: {"model": S.ErrorBody, "description": "No such id"}}
STORY_LIMIT = 100     # other articles of one story listed with an article
MAX_WAITING_POSTS = 8   # posts queued for the pipeline; more would tie up the thread pool that serves reads
ARTICLE_EVENTS_LIMIT = 10_000

health_router = APIRouter(prefix="/api", tags=["meta"])
router = APIRouter(prefix="/api", responses=ERRORS)   # create_app adds the read key check when reads are keyed

# Orders and groupings are the store's own names, so the OpenAPI enums cannot drift from what it accepts.
EventSort = Enum("EventSort", {name: name for name in EVENT_SORTS}, type=str)
ClusterSort = Enum("ClusterSort", {name: name for name in _StoreClass._CLUSTER_SORTS}, type=str)
Grouping = Enum("Grouping", {name: name for name in ("none", *GROUPS)}, type=str)
ExportFormat = Enum("ExportFormat", {name: name for name in EXPORT_FORMATS}, type=str)
EXPORT_MEDIA = {"csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
                "parquet": ("application/vnd.apache.parquet", "parquet"),
                "gdelt": ("text/tab-separated-values", "tsv"), "gdelt-ext": ("text/tab-separated-values", "tsv"),
                "polecat": ("application/x-ndjson", "jsonl")}


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


def store_of(request: Request):
    return request.app.state.store


Store = Annotated[Any, Depends(store_of)]
Filters = Annotated[dict, Depends(event_filters)]
Paging = Annotated[dict, Depends(paging)]
ArticleId = Annotated[str, Path(min_length=1, max_length=64, description="The article's content id.")]
NumericId = Annotated[int, Path(ge=0, le=2**62)]


@health_router.get("/health", response_model=S.Health)
def health() -> dict:
    return {"status": "ok", "version": eventwire.__version__}


@router.get("/stats", response_model=S.Stats, tags=["corpus"])
def stats(store: Store) -> dict:
    return store.stats()


# ---- events ----
@router.get("/events", response_model=S.Page[S.EventOut], tags=["events"])
def list_events(store: Store, filters: Filters, page: Paging,
                sort: Annotated[EventSort, Query(description="Order; a leading - reverses it.")] = EventSort["-date"]) -> dict:
    return {"total": store.count_events(**filters), "items": store.events(sort=sort.value, **page, **filters)}


@router.get("/events/{event_id}", response_model=S.EventOut, responses=NOT_FOUND, tags=["events"])
def get_event(store: Store, event_id: NumericId) -> dict:
    event = store.get_event(event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id}", event_id)
    return event


# ---- articles ----
def article_detail(store, article_id: str) -> Optional[dict]:
    """An article with its annotations, its events (as /api/events gives them) and the other articles of its story."""
    article: Optional[Article] = store.get_article(article_id)
    if article is None:
        return None
    [summary] = store.list_articles(limit=1, article_id=article_id)
    story = store.list_articles(limit=STORY_LIMIT + 1, story_id=summary["story_id"])
    annotations = article.to_json(annotations=True, events=False)
    return {**summary, "text": article.text,
            "actors": annotations["actors"], "places": annotations["places"], "times": annotations["times"],
            "events": store.events(article_id=article_id, sort="id", limit=ARTICLE_EVENTS_LIMIT),
            "story_articles": [a for a in story if a["id"] != article_id][:STORY_LIMIT]}


@router.get("/articles", response_model=S.Page[S.ArticleSummary], tags=["articles"])
def list_articles(store: Store, filters: Filters, page: Paging) -> dict:
    """Newest first. article_id and story_id select articles; other filters, the articles with a matching event."""
    return {"total": store.count_articles(**filters), "items": store.list_articles(**page, **filters)}


@router.get("/articles/{article_id}", response_model=S.ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(store: Store, article_id: ArticleId) -> dict:
    detail = article_detail(store, article_id)
    if detail is None:
        raise ApiError(404, "not_found", f"no article {article_id}", article_id)
    return detail


@router.post("/articles", response_model=S.ArticleDetail, status_code=201, tags=["articles"],
             dependencies=[Depends(require_write_key)],
             responses={200: {"model": S.ArticleDetail, "description": "Already in the store (same clean text)"},
                        400: {"model": S.ErrorBody, "description": "A body that cannot be read (not UTF-8 JSON)"},
                        403: {"model": S.ErrorBody, "description": "Writes are disabled on this server"},
                        413: {"model": S.ErrorBody, "description": "Body over the size limit"},
                        503: {"model": S.ErrorBody, "description": "Too many documents waiting to be coded"},
                        422: {"model": S.ErrorBody, "description": "Bad input, or a document the pipeline refused"}})
async def post_article(request: Request, response: Response, store: Store,
                       submission: Annotated[Submission, Body()]) -> dict:
    """Codes a URL, an HTML page or plain text with the whole pipeline and stores it (201; 200 if already stored)."""
    app = request.app
    if not app.state.waiting_posts.acquire(blocking=False):
        raise ApiError(503, "busy", f"{MAX_WAITING_POSTS} documents are already waiting to be coded; retry later",
                       headers={"Retry-After": "10"})
    try:
        article = await run_in_threadpool(_code_with_slot, app, submission, app.state.settings.allow_private_urls)
    except EventwireError as exc:
        await run_in_threadpool(store.add_failure, Failure(exc.source, exc.stage, exc.reason))
        raise   # → 422 naming the input and the cause (eventwire.api.errors)
    except Exception as exc:   # a bug in a rule: recorded like a batch would, then a 500
        await run_in_threadpool(store.add_failure, Failure(submission.source or submission.kind, "code",
                                                           f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        app.state.waiting_posts.release()
    if not await run_in_threadpool(store.add_article, article):
        response.status_code = 200
    return await run_in_threadpool(article_detail, store, article.id)


def _code_with_slot(app, submission: Submission, allow_private: bool) -> Article:
    # The pipeline is CPU-heavy: a bounded number run at once, the others wait in the thread pool.
    with app.state.coding_slots:
        return app.state.coder(submission, allow_private=allow_private)


# ---- clusters: one real-world event reported by several articles ----
@router.get("/clusters", response_model=S.Page[S.ClusterOut], tags=["clusters"])
def list_clusters(store: Store, filters: Filters, page: Paging,
                  sort: ClusterSort = ClusterSort["-mentions"],
                  min_sources: Annotated[int, Query(ge=1, le=10_000, description="Only clusters reported by at least this many outlets.")] = 1) -> dict:
    return {"total": store.count_clusters(min_sources=min_sources, **filters),
            "items": store.clusters(sort=sort.value, min_sources=min_sources, **page, **filters)}


@router.get("/clusters/{cluster_id}", response_model=S.ClusterDetail, responses=NOT_FOUND, tags=["clusters"])
def get_cluster(store: Store, cluster_id: NumericId) -> dict:
    cluster = store.get_cluster(cluster_id)
    if cluster is None:
        raise ApiError(404, "not_found", f"no cluster {cluster_id}", cluster_id)
    return cluster


# ---- facets ----
@router.get("/actors", response_model=list[S.ActorOut], tags=["facets"])
def list_actors(store: Store, filters: Filters, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200) -> list:
    return store.actors(limit=limit, **filters)


@router.get("/places", response_model=list[S.PlaceOut], tags=["facets"])
def list_places(store: Store, filters: Filters, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200) -> list:
    return store.places(limit=limit, **filters)


# ---- aggregates for the dashboard ----
@router.get("/aggregates/timeline", response_model=list[S.TimelineRow], tags=["aggregates"])
def timeline(store: Store, filters: Filters, by: Period = Period.day, group: Grouping = Grouping["type"]) -> list:
    rows = store.aggregate(by=by.value, group=None if group.value == "none" else group.value, **filters)
    # The store orders by period only; groups within a period are put in one order on every engine.
    return sorted(rows, key=lambda r: (r["period"], r["group"] is not None, str(r["group"])))


@router.get("/aggregates/network", response_model=S.Network, tags=["aggregates"])
def network(store: Store, filters: Filters) -> dict:
    return aggregates.network(store, **filters)


@router.get("/aggregates/map", response_model=list[S.MapPoint], tags=["aggregates"])
def event_map(store: Store, filters: Filters) -> list:
    return aggregates.map_points(store, **filters)


# ---- exports and failures: the REST forms of `eventwire export` and `eventwire failures` ----
@router.get("/export", tags=["corpus"], response_class=FileResponse,
            responses={200: {"description": "The matching events as a file in the chosen format",
                             "content": {media: {} for media, _ in EXPORT_MEDIA.values()}}})
async def export(store: Store, filters: Filters, format: ExportFormat = ExportFormat["csv"],
                 header: Annotated[bool, Query(description="gdelt/gdelt-ext: the column names first")] = False):
    """Every event matching the filters, in one of the store's export formats (eventwire.store.export)."""
    from eventwire.store.export import export as write_export
    media, suffix = EXPORT_MEDIA[format.value]
    handle, path = tempfile.mkstemp(prefix="eventwire-export-", suffix=f".{suffix}")
    os.close(handle)
    try:
        await run_in_threadpool(write_export, store, format.value, path, header=header, **filters)
    except BaseException:
        os.unlink(path)
        raise
    # The file is written whole first (exports page through the store), sent, then removed.
    return FileResponse(path, media_type=media, filename=f"events.{suffix}", background=BackgroundTask(os.unlink, path))


@router.get("/failures", response_model=list[S.FailureOut], tags=["corpus"])
def failures(store: Store, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> list:
    """Documents the pipeline could not process, newest first, with the stage and the reason."""
    return store.failures(limit=limit)
