"""The optional LLM coder: any OpenAI-compatible chat endpoint, behind the same interface as the rule coder.

Settings (off unless set): EVENTWIRE_LLM_URL (base URL, e.g. http://127.0.0.1:8000/v1), EVENTWIRE_LLM_MODEL,
EVENTWIRE_LLM_KEY (optional bearer key), EVENTWIRE_LLM_TIMEOUT (seconds, default 60).
The prompt carries the article text and its resolved actors; the answer must be JSON that validates against
``Answer``; each event's evidence is located in the text to give its Span. Any failure raises LLMError.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel, Field, ValidationError, field_validator

from eventwire.errors import LLMError
from eventwire.events.lexicon import type_info
from eventwire.model import EVENT_TYPES, MODALITIES, Article, Event, Location, Span


class LLMLocation(BaseModel):
    name: str
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{3}$")
    lat: Optional[float] = None
    lon: Optional[float] = None


class LLMEvent(BaseModel):
    type: str
    mode: Optional[str] = None
    source: str = Field(min_length=3)
    target: str = Field(min_length=3)
    date: Optional[str] = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    location: Optional[LLMLocation] = None
    attribution: Optional[str] = None
    modality: str = "asserted"
    evidence: str = Field(min_length=1)
    symmetric: bool = False

    @field_validator("type")
    @classmethod
    def _plover(cls, value: str) -> str:
        if value.upper() not in EVENT_TYPES:
            raise ValueError(f"not a PLOVER type: {value}")
        return value.upper()

    @field_validator("modality")
    @classmethod
    def _modality(cls, value: str) -> str:
        if value.lower() not in MODALITIES:
            raise ValueError(f"not a modality: {value}")
        return value.lower()


class Answer(BaseModel):
    events: list[LLMEvent]


@dataclass(frozen=True)
class Settings:
    url: str
    model: str
    key: Optional[str] = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls) -> "Settings":
        url, model = os.environ.get("EVENTWIRE_LLM_URL"), os.environ.get("EVENTWIRE_LLM_MODEL")
        if not url or not model:
            raise LLMError("settings", "the LLM coder needs EVENTWIRE_LLM_URL and EVENTWIRE_LLM_MODEL")
        return cls(url.rstrip("/"), model, os.environ.get("EVENTWIRE_LLM_KEY") or None,
                   float(os.environ.get("EVENTWIRE_LLM_TIMEOUT", "60")))


SYSTEM_PROMPT = (
    "You code political events in news text with PLOVER event types (" + ", ".join(EVENT_TYPES) + ") and "
    "CAMEO-style actor codes (3-letter ISO country or IGO/UNO/NGO/MNC, then optional roles GOV MIL REB OPP INS "
    "COP JUD LEG SPY ETH REL CVL BUS MED). Answer with JSON only: {\"events\": [{\"type\", \"mode\", \"source\", "
    "\"target\", \"date\" (YYYY, YYYY-MM or YYYY-MM-DD or null), \"location\" ({name, country, lat, lon} or "
    "null), \"attribution\" (the words of the text naming who reports it, or null), \"modality\" (asserted | "
    "reported | hedged | negated), \"evidence\" (the exact sentence of the text), \"symmetric\"}]}. Every "
    "event needs a source and a target actor; use the resolved actor codes given."
)


def build_messages(article: Article) -> list[dict]:
    actors = sorted({(m.span.text, m.code) for m in article.actors if m.code and m.code != "---"})
    actor_lines = "\n".join(f"- {text}: {code}" for text, code in actors) or "(none resolved)"
    user = (f"Published: {article.published or 'unknown'}\nTitle: {article.title or ''}\n\n"
            f"Resolved actors:\n{actor_lines}\n\nArticle:\n{article.text}")
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def _post(settings: Settings, messages: list[dict], source: str) -> str:
    import httpx
    headers = {"Content-Type": "application/json"}
    if settings.key:
        headers["Authorization"] = f"Bearer {settings.key}"
    body = {"model": settings.model, "messages": messages, "temperature": 0,
            "response_format": {"type": "json_object"}}
    try:
        response = httpx.post(f"{settings.url}/chat/completions", json=body, headers=headers,
                              timeout=settings.timeout)
    except httpx.TimeoutException as exc:
        raise LLMError(source, f"LLM endpoint timed out after {settings.timeout:g}s") from exc
    except httpx.HTTPError as exc:
        raise LLMError(source, f"LLM endpoint unreachable: {exc}") from exc
    if response.status_code != 200:
        raise LLMError(source, f"LLM endpoint answered HTTP {response.status_code}: {response.text[:200]}")
    try:
        return response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(source, "LLM endpoint answered outside the chat-completions form") from exc


def parse_answer(content: str, source: str) -> Answer:
    """The model's JSON (a ```json fence is tolerated), validated against the schema."""
    text = content.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LLMError(source, f"LLM answer is not JSON: {exc.msg} at char {exc.pos}") from exc
    try:
        return Answer.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise LLMError(source, f"LLM answer violates the event schema at {where}: {first.get('msg')}") from exc


def _locate(article: Article, evidence: str) -> Span:
    """The evidence's span in the text: exact, else whitespace-insensitive, else the sentence sharing most words."""
    start = article.text.find(evidence)
    if start >= 0:
        return Span.of(article.text, start, start + len(evidence))
    pattern = r"\s+".join(re.escape(w) for w in evidence.split())
    found = re.search(pattern, article.text) if pattern else None
    if found:
        return Span.of(article.text, found.start(), found.end())
    words = set(re.findall(r"\w+", evidence.lower()))
    sentences = article.sentences or [Span.of(article.text, 0, len(article.text))]
    best = max(sentences, key=lambda s: len(words & set(re.findall(r"\w+", s.text.lower()))))
    return best


def to_events(article: Article, answer: Answer) -> list[Event]:
    events = []
    for item in answer.events:
        info = type_info(item.type, item.mode)
        location = Location(item.location.name, item.location.country, item.location.lat, item.location.lon) \
            if item.location else None
        events.append(Event(
            type=item.type, source=item.source.upper(), target=item.target.upper(),
            evidence=[_locate(article, item.evidence)], mode=item.mode, date=item.date, location=location,
            attribution=item.attribution or None, modality=item.modality, symmetric=item.symmetric,
            cameo=info.get("cameo"), quad_class=info.get("quad_class"), intensity=info.get("intensity"),
            confidence=0.6,
        ))
    return events


def code(article: Article, settings: Optional[Settings] = None) -> Article:
    """Fills article.events from the LLM's answer; raises LLMError on any endpoint or schema failure."""
    settings = settings or Settings.from_env()
    content = _post(settings, build_messages(article), article.source)
    article.events = to_events(article, parse_answer(content, article.source))
    return article
