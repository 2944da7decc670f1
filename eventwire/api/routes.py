"""The REST endpoints. Each is a thin translation: query parameters → a store call → a response model."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

import eventwire
from eventwire.api import schemas as S
from eventwire.api.errors import ApiError
from eventwire.api.filters import event_filters, paging
from eventwire.api.security import require_read_key, require_write_key
from eventwire.api.submit import Submission
from eventwire.errors import EventwireError
from eventwire.model import Article, Failure

ERRORS = {401: {"model": S.ErrorBody, "description": "Missing or wrong X-API-Key"},
          422: {"model": S.ErrorBody, "description": "Invalid parameters"}}
NOT_FOUND = {404: {"model": S.ErrorBody, "description": "No such id"}}

health_router = APIRouter(prefix="/api", tags=["meta"])
router = APIRouter(prefix="/api", dependencies=[Depends(require_read_key)], responses=ERRORS)

Filters = Annotated[dict, Depends(event_filters)]
Paging = Annotated[dict, Depends(paging)]
ArticleId = Annotated[str, Path(min_length=1, max_length=64, description="The article's content id.")]


class EventSort(str, Enum):
    date = "date"
    date_desc = "-date"
    published = "published"
    published_desc = "-published"
    confidence_desc = "-confidence"


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class Grouping(str, Enum):
    type = "type"
    quad_class = "quad_class"
    none = "none"


def store_of(request: Request):
    return request.app.state.store


Store = Annotated[Any, Depends(store_of)]


@health_router.get("/health", response_model=S.Health)
def health() -> dict:
    return {"status": "ok", "version": eventwire.__version__}


@router.get("/stats", response_model=S.Stats, tags=["corpus"])
def stats(store: Store) -> dict:
    return store.stats()


# ---- events ----
@router.get("/events", response_model=S.Page[S.EventOut], tags=["events"])
def list_events(store: Store, filters: Filters, page: Paging,
                sort: Annotated[EventSort, Query(description="Order; a leading - is newest first.")] = EventSort.date_desc) -> dict:
    return {"total": store.count_events(**filters),
            "items": store.events(**filters, sort=sort.value, **page)}


@router.get("/events/{event_id}", response_model=S.EventOut, responses=NOT_FOUND, tags=["events"])
def get_event(store: Store, event_id: Annotated[str, Path(min_length=1, max_length=80)]) -> dict:
    event = store.get_event(event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id}", event_id)
    return event


# ---- articles ----
def article_detail(store, article_id: str) -> Optional[dict]:
    """An article with its annotations, its events (as the events endpoint gives them) and its story."""
    article: Optional[Article] = store.get_article(article_id)
    if article is None:
        return None
    summary = next(iter(store.list_articles(limit=1, offset=0, article_id=article_id)), {})
    story_id = summary.get("story_id")
    story = store.list_articles(limit=100, offset=0, story_id=story_id) if story_id is not None else []
    full = article.to_json(annotations=True, events=False)
    return {**summary, "id": article.id, "source": article.source, "url": article.url, "title": article.title,
            "published": article.published, "language": article.language, "text": article.text,
            "actors": full["actors"], "places": full["places"], "times": full["times"],
            "events": store.events(article_id=article_id, sort="date", limit=1000, offset=0),
            "n_events": summary.get("n_events", len(article.events)), "story_id": story_id,
            "story_articles": [a for a in story if a.get("id") != article.id]}


@router.get("/articles", response_model=S.Page[S.ArticleSummary], tags=["articles"])
def list_articles(store: Store, filters: Filters, page: Paging) -> dict:
    return {"total": store.count_articles(**filters), "items": store.list_articles(**page, **filters)}


@router.get("/articles/{article_id}", response_model=S.ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(store: Store, article_id: ArticleId) -> dict:
    detail = article_detail(store, article_id)
    if detail is None:
        raise ApiError(404, "not_found", f"no article {article_id}", article_id)
    return detail


@router.post("/articles", response_model=S.ArticleDetail, status_code=201, tags=["articles"],
             dependencies=[Depends(require_write_key)],
             responses={200: {"model": S.ArticleDetail, "description": "Already in the store (same content)"},
                        403: {"model": S.ErrorBody, "description": "Writes are disabled on this server"},
                        413: {"model": S.ErrorBody, "description": "Body over the size limit"},
                        422: {"model": S.ErrorBody, "description": "Bad input, or a document the pipeline refused"}})
async def post_article(request: Request, response: Response, store: Store,
                       submission: Annotated[Submission, Body()]) -> dict:
    """Codes a URL, an HTML page or plain text with the whole pipeline and stores it (201; 200 if already stored)."""
    settings = request.app.state.settings
    try:
        article = await run_in_threadpool(_code_with_slot, request.app, submission, settings.allow_private_urls)
    except EventwireError as exc:
        await run_in_threadpool(store.add_failure, Failure(exc.source, exc.stage, exc.reason))
        raise
    created = await run_in_threadpool(store.add_article, article)
    if not created:
        response.status_code = 200
    return await run_in_threadpool(article_detail, store, article.id)


def _code_with_slot(app, submission: Submission, allow_private: bool) -> Article:
    # The pipeline is CPU-heavy: a bounded number run at once, the others wait in the thread pool.
    with app.state.coding_slots:
        return app.state.coder(submission, allow_private=allow_private)


# ---- clusters (the same event across articles) ----
@router.get("/clusters", response_model=S.Page[S.ClusterOut], tags=["clusters"])
def list_clusters(store: Store, filters: Filters, page: Paging) -> dict:
    return store.clusters(**filters, **page)


@router.get("/clusters/{cluster_id}", response_model=S.ClusterDetail, responses=NOT_FOUND, tags=["clusters"])
def get_cluster(store: Store, cluster_id: Annotated[str, Path(min_length=1, max_length=80)]) -> dict:
    cluster = store.get_cluster(cluster_id)
    if cluster is None:
        raise ApiError(404, "not_found", f"no cluster {cluster_id}", cluster_id)
    return cluster


# ---- facets ----
@router.get("/actors", response_model=list[S.ActorOut], tags=["facets"])
def list_actors(store: Store, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list:
    return store.actors(**filters, limit=limit)


@router.get("/places", response_model=list[S.PlaceOut], tags=["facets"])
def list_places(store: Store, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list:
    return store.places(**filters, limit=limit)


# ---- aggregates for the dashboard ----
@router.get("/aggregates/timeline", response_model=list[S.TimelineRow], tags=["aggregates"])
def timeline(store: Store, filters: Filters, by: Period = Period.day, group: Grouping = Grouping.type) -> list:
    return store.aggregate(by=by.value, group=None if group is Grouping.none else group.value, **filters)


@router.get("/aggregates/network", response_model=S.Network, tags=["aggregates"])
def network(store: Store, filters: Filters) -> dict:
    return store.network(**filters)


@router.get("/aggregates/map", response_model=list[S.MapPoint], tags=["aggregates"])
def event_map(store: Store, filters: Filters) -> list:
    return store.map_points(**filters)
