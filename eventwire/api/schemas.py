"""Response models: they make /openapi.json precise, and the dashboard (eventwire/web) is built against them.

Fields may be added, never renamed. Models allow extra keys so a store column added later passes through.
"""
from __future__ import annotations

from typing import Generic, Optional, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(Open):
    code: str = Field(description="A stable machine word: not_found, unauthorized, validation_error, ...")
    message: str
    input: Optional[Union[str, int, float]] = Field(None, description="The field, URL or id the error is about.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str = "ok"
    version: str


class Stats(Open):
    articles: int
    events: int
    clusters: int
    failures: int


class Location(Open):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


class EventOut(Open):
    id: int
    article_id: str
    cluster_id: Optional[int] = None
    story_id: Optional[str] = None
    type: str
    mode: Optional[str] = None
    source: Optional[str] = None
    target: Optional[str] = None
    source_text: Optional[str] = None
    target_text: Optional[str] = None
    date: Optional[str] = None
    location: Optional[Location] = None
    attribution: Optional[str] = None
    modality: Optional[str] = None
    quad_class: Optional[int] = None
    cameo: Optional[str] = None
    intensity: Optional[float] = None
    confidence: Optional[float] = None
    evidence: Optional[str] = None
    evidence_spans: list[list[int]] = Field(default_factory=list,
                                            description="[start, end) offsets into the article's text.")
    published: Optional[str] = None
    article_title: Optional[str] = None
    article_source: Optional[str] = None


class ArticleSummary(Open):
    id: str
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    n_events: Optional[int] = Field(None, description="Events coded in it (absent in a cluster's article list).")
    story_id: Optional[str] = None


class ActorMentionOut(Open):
    text: str
    start: int
    end: int
    code: Optional[str] = None
    name: Optional[str] = None
    wikidata: Optional[str] = None
    refers_to: Optional[int] = None


class PlaceMentionOut(Open):
    text: str
    start: int
    end: int
    name: Optional[str] = None
    kind: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonames_id: Optional[int] = None


class TimeMentionOut(Open):
    text: str
    start: int
    end: int
    value: Optional[str] = None
    precision: Optional[str] = None


class ArticleDetail(ArticleSummary):
    text: str
    actors: list[ActorMentionOut] = Field(default_factory=list)
    places: list[PlaceMentionOut] = Field(default_factory=list)
    times: list[TimeMentionOut] = Field(default_factory=list)
    events: list[EventOut] = Field(default_factory=list)
    story_articles: list[ArticleSummary] = Field(
        default_factory=list, description="Other articles of the same story (near-duplicates, syndicated copies).")


class ClusterOut(Open):
    id: int
    type: Optional[str] = None
    source: Optional[str] = None
    target: Optional[str] = None
    date: Optional[str] = None
    location: Optional[Location] = None
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    n_mentions: int = 0
    n_articles: int = 0
    n_sources: int = 0


class ClusterDetail(ClusterOut):
    events: list[EventOut] = Field(default_factory=list)
    articles: list[ArticleSummary] = Field(default_factory=list)


class ActorOut(Open):
    code: str
    name: Optional[str] = None
    n_events: int


class PlaceOut(Open):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    n_events: int


class TimelineRow(Open):
    period: str = Field(description="The period's first day, YYYY-MM-DD.")
    group: Optional[Union[str, int]] = None
    count: int


class NetworkNode(Open):
    id: str
    name: Optional[str] = None
    count: int


class NetworkEdge(Open):
    source: str
    target: str
    count: int
    cooperation: int = 0
    conflict: int = 0


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MapPoint(Open):
    lat: float
    lon: float
    name: Optional[str] = None
    country: Optional[str] = None
    count: int
    n_articles: int = 0
    quad_class: Optional[int] = Field(None, description="The dominant quad class at this place.")
    event_ids: list[int] = Field(default_factory=list)


class FailureOut(Open):
    id: int
    source: str
    stage: str
    reason: str
    time: Optional[str] = None


class Page(BaseModel, Generic[T]):
    total: int
    items: list[T]
