"""The dashboard's network and map, shaped from the store's aggregates and event rows."""
from __future__ import annotations

from collections import Counter
from typing import Any

UNKNOWN_ACTOR = "---"
COOPERATION_QUADS = ("1", "2")   # verbal and material cooperation
CONFLICT_QUADS = ("3", "4")      # verbal and material conflict
MAP_EVENT_CAP = 20_000           # a map of more events than this is unreadable; the newest are drawn


def network(store: Any, **filters: Any) -> dict:
    """Actors as nodes (event counts), source→target dyads as edges split into cooperation and conflict."""
    edges = []
    for dyad in store.aggregate(by="dyad", **filters):
        if UNKNOWN_ACTOR in (dyad["source"], dyad["target"]):
            continue   # an edge to "someone" tells nothing on a network
        quads = dyad.get("quad") or {}
        edges.append({"source": dyad["source"], "target": dyad["target"], "count": dyad["count"],
                      "cooperation": sum(quads.get(q, 0) for q in COOPERATION_QUADS),
                      "conflict": sum(quads.get(q, 0) for q in CONFLICT_QUADS)})
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [{"id": a["code"], "name": a["name"], "count": a["n_events"]}
             for a in store.actors(limit=1_000_000, **filters) if a["code"] in linked]
    return {"nodes": nodes, "edges": edges}


def map_points(store: Any, **filters: Any) -> list[dict]:
    """One point per event location: its events, articles and dominant quad class."""
    points: dict[tuple, dict] = {}
    for event in store.events(sort="-date", limit=MAP_EVENT_CAP, offset=0, **filters):
        where = event.get("location") or {}
        if where.get("lat") is None or where.get("lon") is None:
            continue
        key = (where.get("name"), where.get("country"), round(where["lat"], 4), round(where["lon"], 4))
        point = points.setdefault(key, {"lat": where["lat"], "lon": where["lon"], "name": where.get("name"),
                                        "country": where.get("country"), "event_ids": [], "_articles": set(),
                                        "_quads": Counter()})
        point["event_ids"].append(event["id"])
        point["_articles"].add(event["article_id"])
        if event.get("quad_class") is not None:
            point["_quads"][event["quad_class"]] += 1
    out = []
    for point in points.values():
        quads, articles = point.pop("_quads"), point.pop("_articles")
        # Ties go to the more conflictual class: a map of violence should not hide it behind talk.
        dominant = max(quads, key=lambda q: (quads[q], q)) if quads else None
        out.append({**point, "count": len(point["event_ids"]), "n_articles": len(articles), "quad_class": dominant})
    return sorted(out, key=lambda p: (-p["count"], p["name"] or ""))
