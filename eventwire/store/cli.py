"""Corpus commands for the main CLI: events, clusters, export, failures, stats (filters named as in the Python API)."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Optional

import typer
from rich.table import Table

from eventwire.console import err, out
from eventwire.errors import EventwireError


DB = typer.Option("eventwire.duckdb", "--db", help="DuckDB file path or postgresql:// URL.")
ACTOR = typer.Option(None, "--actor", help="Actor code prefix (SYR, SYRGOV) or name, either side.")
SOURCE = typer.Option(None, "--source", help="Source actor code prefix or name.")
TARGET = typer.Option(None, "--target", help="Target actor code prefix or name.")
COUNTRY = typer.Option(None, "--country", help="ISO3 of either actor or of the event location.")
TYPE = typer.Option(None, "--type", help="PLOVER type(s), comma-separated.")
MODE = typer.Option(None, "--mode", help="PLOVER mode.")
QUAD = typer.Option(None, "--quad-class", help="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
MODALITY = typer.Option(None, "--modality", help="asserted, reported, hedged, negated, intended.")
SINCE = typer.Option(None, "--since", help="Event date from (YYYY[-MM[-DD]]); undated events use publication.")
UNTIL = typer.Option(None, "--until", help="Event date until (YYYY[-MM[-DD]]).")
PLACE = typer.Option(None, "--place", help="Location name, admin1 or country code.")
BBOX = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat")
NEAR = typer.Option(None, "--near", help="lat,lon,km")
TEXT = typer.Option(None, "--text", help="Substring of the evidence or the headline.")
ATTRIBUTED = typer.Option(None, "--attributed/--unattributed", help="Only events attributed to a source / in the article's own voice.")
ARTICLE = typer.Option(None, "--article-id", help="Events of one article.")
CLUSTER = typer.Option(None, "--cluster-id", help="Mentions of one event cluster.")
LIMIT = typer.Option(100, "--limit")
OFFSET = typer.Option(0, "--offset")


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    gdelt = "gdelt"
    gdelt_ext = "gdelt-ext"
    polecat = "polecat"


def _filters(**given) -> dict:
    return {k: v for k, v in given.items() if v is not None}


def _open(db: str, read_only: bool = True):
    from eventwire.store import open_store
    try:
        # A DuckDB file is opened read-only for queries so a running ingest elsewhere is not blocked by us.
        return open_store(db, read_only=read_only and not db.startswith(("postgresql://", "postgres://")))
    except EventwireError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2)


def _emit(rows: list[dict], fmt: OutFormat, columns: list[tuple[str, callable]]) -> None:
    if fmt is OutFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt is OutFormat.jsonl:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt is OutFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([get(row) for _, get in columns])
    else:
        table = Table(show_lines=False)
        for name, _ in columns:
            table.add_column(name)
        for row in rows:
            table.add_row(*[str(get(row)) if get(row) is not None else "" for _, get in columns])
        out.print(table)


def _where(loc: Optional[dict]) -> str:
    if not loc:
        return ""
    return f"{loc['name']} ({loc.get('country') or '?'})"


EVENT_COLUMNS = [
    ("id", lambda r: r["id"]), ("date", lambda r: r["date"] or (f"~{r['published']}" if r["published"] else "")),
    ("type", lambda r: r["type"] + (f"/{r['mode']}" if r["mode"] else "")),
    ("source", lambda r: r["source"]), ("target", lambda r: r["target"]),
    ("where", lambda r: _where(r["location"])),
    ("modality", lambda r: r["modality"] + (f" ({r['attribution']})" if r["attribution"] else "")),
    ("cluster", lambda r: r["cluster_id"]), ("evidence", lambda r: r["evidence"]),
]
CLUSTER_COLUMNS = [
    ("id", lambda r: r["id"]), ("date", lambda r: r["date"]), ("type", lambda r: r["type"]),
    ("source", lambda r: r["source"]), ("target", lambda r: r["target"]), ("where", lambda r: _where(r["location"])),
    ("mentions", lambda r: r["n_mentions"]), ("articles", lambda r: r["n_articles"]),
    ("sources", lambda r: r["n_sources"]), ("first seen", lambda r: r["first_seen"]),
]


def events(db: str = DB, actor: Optional[str] = ACTOR, source: Optional[str] = SOURCE,
           target: Optional[str] = TARGET, country: Optional[str] = COUNTRY, type: Optional[str] = TYPE,
           mode: Optional[str] = MODE, quad_class: Optional[str] = QUAD, modality: Optional[str] = MODALITY,
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL, place: Optional[str] = PLACE,
           bbox: Optional[str] = BBOX, near: Optional[str] = NEAR, text: Optional[str] = TEXT,
           attributed: Optional[bool] = ATTRIBUTED, article_id: Optional[str] = ARTICLE,
           cluster_id: Optional[int] = CLUSTER,
           sort: str = typer.Option("date", "--sort", help="date, -date, published, confidence, intensity, id (- = descending)."),
           limit: int = LIMIT, offset: int = OFFSET,
           format: OutFormat = typer.Option(OutFormat.table, "--format", "-f")):
    """Stored events matching the filters, with their evidence."""
    filters = _filters(actor=actor, source=source, target=target, country=country, type=type, mode=mode,
                       quad_class=quad_class, modality=modality, since=since, until=until, place=place, bbox=bbox,
                       near=near, text=text, attributed=attributed, article_id=article_id, cluster_id=cluster_id)
    store = _open(db)
    try:
        rows = store.events(sort=sort, limit=limit, offset=offset, **filters)
        total = store.count_events(**filters) if format is OutFormat.table else None
    except EventwireError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    finally:
        store.close()
    _emit(rows, format, EVENT_COLUMNS)
    if total is not None:
        err.print(f"{len(rows)} of {total} events", highlight=False)


def clusters(db: str = DB, actor: Optional[str] = ACTOR, source: Optional[str] = SOURCE,
             target: Optional[str] = TARGET, country: Optional[str] = COUNTRY, type: Optional[str] = TYPE,
             quad_class: Optional[str] = QUAD, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
             place: Optional[str] = PLACE, bbox: Optional[str] = BBOX, near: Optional[str] = NEAR,
             text: Optional[str] = TEXT,
             min_sources: int = typer.Option(1, "--min-sources", help="Only events reported by this many outlets."),
             sort: str = typer.Option("-mentions", "--sort", help="date, mentions, sources, first_seen, last_seen, id (- = descending)."),
             limit: int = LIMIT, offset: int = OFFSET,
             format: OutFormat = typer.Option(OutFormat.table, "--format", "-f")):
    """Real-world events: mentions of the same event across articles, with how many outlets reported it."""
    filters = _filters(actor=actor, source=source, target=target, country=country, type=type, quad_class=quad_class,
                       since=since, until=until, place=place, bbox=bbox, near=near, text=text)
    store = _open(db)
    try:
        rows = store.clusters(sort=sort, limit=limit, offset=offset, min_sources=min_sources, **filters)
    except EventwireError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    finally:
        store.close()
    _emit(rows, format, CLUSTER_COLUMNS)


def export(format: ExportFormat = typer.Option(..., "--format", "-f"),
           out_path: str = typer.Option(..., "--out", "-o", help="File to write."),
           db: str = DB, actor: Optional[str] = ACTOR, source: Optional[str] = SOURCE,
           target: Optional[str] = TARGET, country: Optional[str] = COUNTRY, type: Optional[str] = TYPE,
           mode: Optional[str] = MODE, quad_class: Optional[str] = QUAD, modality: Optional[str] = MODALITY,
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL, place: Optional[str] = PLACE,
           bbox: Optional[str] = BBOX, near: Optional[str] = NEAR, text: Optional[str] = TEXT,
           attributed: Optional[bool] = ATTRIBUTED, article_id: Optional[str] = ARTICLE,
           cluster_id: Optional[int] = CLUSTER,
           header: bool = typer.Option(False, "--header", help="gdelt/gdelt-ext: write column names first."),
           unit: str = typer.Option("events", "--unit",
                                    help="events (a row per mention) or clusters (a row per real-world event, "
                                         "as GDELT does; gdelt, gdelt-ext, polecat).")):
    """Writes matching events as CSV, Parquet, JSON Lines, GDELT 2.0 TSV (gdelt, gdelt-ext) or POLECAT-like JSON."""
    from eventwire.store.export import export as run_export
    filters = _filters(actor=actor, source=source, target=target, country=country, type=type, mode=mode,
                       quad_class=quad_class, modality=modality, since=since, until=until, place=place, bbox=bbox,
                       near=near, text=text, attributed=attributed, article_id=article_id, cluster_id=cluster_id)
    store = _open(db)
    try:
        n = run_export(store, format.value, out_path, header=header, unit=unit, **filters)
    except EventwireError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    finally:
        store.close()
    err.print(f"{n} {'events' if unit == 'events' else 'clusters'} → {out_path} ({format.value})", highlight=False)


def failures(db: str = DB, limit: int = LIMIT, format: OutFormat = typer.Option(OutFormat.table, "--format", "-f")):
    """Documents that failed, with the stage and the reason."""
    store = _open(db)
    try:
        rows = store.failures(limit=limit)
    finally:
        store.close()
    _emit(rows, format, [("time", lambda r: r["time"]), ("stage", lambda r: r["stage"]),
                         ("source", lambda r: r["source"]), ("reason", lambda r: r["reason"])])


def stats(db: str = DB, format: OutFormat = typer.Option(OutFormat.table, "--format", "-f")):
    """What the store holds: articles, stories, events, clusters, failures, date range."""
    store = _open(db)
    try:
        figures = store.stats()
    finally:
        store.close()
    if format is OutFormat.table:
        table = Table(show_header=False)
        for key, value in figures.items():
            table.add_row(key, str(value))
        out.print(table)
    else:
        print(json.dumps(figures, indent=2 if format is OutFormat.json else None))


def copy(to: str = typer.Option(..., "--to", help="Target DuckDB path or postgresql:// URL (created if missing)."),
         db: str = DB,
         threshold: Optional[float] = typer.Option(None, "--threshold", help="Jaccard for one story in the copy."),
         containment: Optional[float] = typer.Option(None, "--containment", help="Share of a trimmed copy found in the original."),
         window_days: Optional[int] = typer.Option(None, "--window-days", help="Date slack between mentions of one event."),
         max_km: Optional[float] = typer.Option(None, "--max-km", help="Distance between mentions of one event.")):
    """Copies every article (with its events and failures) into another store, where stories and event
    clusters are decided afresh: DuckDB → PostgreSQL, or the same corpus under new corpus settings."""
    from eventwire.model import Failure
    from eventwire.store import open_store
    source = _open(db)
    try:
        target = open_store(to, threshold=threshold, containment=containment, window_days=window_days, max_km=max_km)
    except EventwireError as exc:
        source.close()
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2)
    try:
        summary = target.add_articles(source.iter_articles())
        for row in reversed(source.failures(limit=10 ** 9)):
            target.add_failure(Failure(row["source"], row["stage"], row["reason"]))
        figures = target.stats()
    finally:
        source.close()
        target.close()
    err.print(f"copied {summary['stored']} articles ({summary['duplicates']} already there, "
              f"{len(summary['failed'])} failed) → {to}: {figures['stories']} stories, {figures['events']} events, "
              f"{figures['clusters']} clusters", highlight=False)


def register(app: typer.Typer) -> None:
    for command in (events, clusters, export, failures, stats, copy):
        app.command()(command)
