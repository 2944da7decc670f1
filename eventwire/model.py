"""The one data model of eventwire, and its JSON form (../shared/gold/SPEC.md).

Every stage is a function over these objects: ingest makes RawDocuments, clean turns one into an Article,
nlp/actors/geo/time add annotations to it, events adds Events. Every field read from text carries a Span:
character offsets into ``Article.text`` (the cleaned body).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Optional

# PLOVER event types (DESIGN.md "Codes"), in PLOVER's order from cooperation to conflict.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "reported", "hedged", "negated", "intended")


def content_hash(text: str) -> str:
    """Stable identity of a text: the same content ingested twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Span:
    """Character offsets [start, end) into Article.text, with the text they cover."""
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass
class RawDocument:
    """One fetched or read document, before cleaning. ``content`` is bytes as read (decoding is clean's job)."""
    source: str                      # the path or URL it came from, as the user gave it or as found in a feed/WARC
    content: bytes
    media_type: str                  # "text/html" | "text/plain" (what clean should treat it as)
    retrieved: Optional[datetime] = None   # when it was fetched (the clock for relative dates)
    url: Optional[str] = None        # the page's own URL when known (feed item link, WARC target URI, JSONL url)
    meta: dict[str, Any] = field(default_factory=dict)   # e.g. feed title/published, HTTP headers, JSONL extras


@dataclass
class Failure:
    """A document that could not be processed: recorded, reported, and the batch goes on."""
    source: str
    stage: str                       # "ingest" | "clean" | "annotate" | "code" | "store"
    reason: str


@dataclass
class ActorMention:
    """A mention of a political actor, resolved to a CAMEO-style code (e.g. SYRGOV)."""
    span: Span
    code: str                        # "---" when unknown
    name: Optional[str] = None       # canonical display name
    wikidata: Optional[str] = None
    refers_to: Optional[int] = None  # index into Article.actors of the mention a pronoun/description resolves to
    kind: str = "name"               # name | country | demonym | capital | description | pronoun | group

    def to_json(self) -> dict:
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end, "code": self.code,
                "name": self.name, "wikidata": self.wikidata, "refers_to": self.refers_to}


@dataclass
class Place:
    """A toponym in the text, geocoded."""
    span: Span
    name: str
    kind: str                        # country | admin1 | region | city | place
    country: Optional[str] = None    # ISO 3166-1 alpha-3
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonames_id: Optional[int] = None

    def to_json(self) -> dict:
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end, "name": self.name,
                "kind": self.kind, "country": self.country, "admin1": self.admin1, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id}


@dataclass
class TimeExpr:
    """A temporal expression, resolved against the publication date."""
    span: Span
    value: Optional[str]             # "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | None when unresolvable
    precision: Optional[str]         # "day" | "month" | "year" | None

    def to_json(self) -> dict:
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end, "value": self.value,
                "precision": self.precision}


@dataclass
class Location:
    """Where an event happened (SPEC.md event.location)."""
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


@dataclass
class Event:
    """One coded event (SPEC.md). Actor fields hold codes; the *_text and spans keep the evidence for each."""
    type: str                        # one of EVENT_TYPES
    source: str                      # actor code, "---" when unknown
    target: str
    evidence: list[Span]             # the sentence(s) stating the event (several when repeats were merged)
    mode: Optional[str] = None
    source_text: Optional[str] = None
    target_text: Optional[str] = None
    source_actor: Optional[int] = None   # index into Article.actors
    target_actor: Optional[int] = None
    date: Optional[str] = None
    date_span: Optional[Span] = None
    location: Optional[Location] = None
    location_span: Optional[Span] = None
    attribution: Optional[str] = None
    attribution_span: Optional[Span] = None
    modality: str = "asserted"
    symmetric: bool = False          # meetings, clashes: source and target may swap
    trigger: Optional[Span] = None   # the verb or noun that states the event
    cameo: Optional[str] = None      # CAMEO root code from the PLOVER map
    quad_class: Optional[int] = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: Optional[float] = None  # Goldstein-like, -10 .. +10
    confidence: float = 0.5

    def to_json(self) -> dict:
        """The SPEC's event object, plus the fields SPEC leaves to us (extra keys are allowed)."""
        return {
            "type": self.type, "mode": self.mode, "source": self.source, "target": self.target,
            "date": self.date,
            "location": asdict(self.location) if self.location else None,
            "attribution": self.attribution, "modality": self.modality,
            "evidence": self.evidence[0].text if self.evidence else "",
            "evidence_spans": [[s.start, s.end] for s in self.evidence],
            "source_text": self.source_text, "target_text": self.target_text,
            "symmetric": self.symmetric, "cameo": self.cameo, "quad_class": self.quad_class,
            "intensity": self.intensity, "confidence": round(self.confidence, 3),
        }


@dataclass
class Article:
    """A cleaned article; later stages add sentences, actors, places, times and events to it."""
    source: str                      # path or URL it came from (SPEC: every output object carries it)
    text: str                        # clean body; every Span indexes into it
    title: Optional[str] = None
    published: Optional[str] = None  # ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    language: Optional[str] = None   # ISO 639-1
    url: Optional[str] = None
    retrieved: Optional[datetime] = None
    meta: dict[str, Any] = field(default_factory=dict)   # sitename, author, published_source, ...
    sentences: list[Span] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Transient, never serialised: the spaCy Doc made by nlp/, shared by the stages after it.
    doc: Any = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        """Content identity: the hash of the clean body (syndicated exact copies share it)."""
        return content_hash(self.text)[:16]

    def article_json(self) -> dict:
        return {"title": self.title, "published": self.published, "language": self.language, "text": self.text}

    def to_json(self, annotations: bool = False, events: bool = True) -> dict:
        """SPEC form: {id, source, article, [actors, places, times], [events]}."""
        out: dict[str, Any] = {"id": self.id, "source": self.source, "url": self.url, "article": self.article_json()}
        if annotations:
            out["actors"] = [a.to_json() for a in self.actors]
            out["places"] = [p.to_json() for p in self.places]
            out["times"] = [t.to_json() for t in self.times]
        if events:
            out["events"] = [e.to_json() for e in self.events]
        return out


def span_from(obj: Any) -> Optional[Span]:
    if obj is None or isinstance(obj, Span):
        return obj
    return Span(**obj)


def article_to_dict(article: Article) -> dict:
    """Lossless dict of an Article (for the store and worker processes); the spaCy Doc is dropped."""
    data = {f.name: getattr(article, f.name) for f in fields(article) if f.name != "doc"}
    data = asdict(Article(**data))
    data.pop("doc", None)
    if article.retrieved:
        data["retrieved"] = article.retrieved.isoformat()
    return data


def article_from_dict(data: dict) -> Article:
    """Inverse of article_to_dict."""
    d = dict(data)
    d.pop("doc", None)
    if d.get("retrieved"):
        d["retrieved"] = datetime.fromisoformat(d["retrieved"])
    d["sentences"] = [Span(**s) for s in d.get("sentences", [])]
    d["actors"] = [ActorMention(**{**a, "span": Span(**a["span"])}) for a in d.get("actors", [])]
    d["places"] = [Place(**{**p, "span": Span(**p["span"])}) for p in d.get("places", [])]
    d["times"] = [TimeExpr(**{**t, "span": Span(**t["span"])}) for t in d.get("times", [])]
    events = []
    for e in d.get("events", []):
        e = dict(e)
        e["evidence"] = [Span(**s) for s in e.get("evidence", [])]
        for key in ("date_span", "location_span", "attribution_span", "trigger"):
            e[key] = span_from(e.get(key))
        e["location"] = Location(**e["location"]) if e.get("location") else None
        events.append(Event(**e))
    d["events"] = events
    return Article(**d)
