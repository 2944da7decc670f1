"""The eventwire CLI: a thin layer over pipeline, store, run, api and eval (same names as the Python API)."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from eventwire.console import err, out
from eventwire.model import Article, Failure

app = typer.Typer(help="eventwire: news → coded political events (PLOVER/CAMEO), on your own machine.",
                  no_args_is_help=True, add_completion=False)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


SOURCES = typer.Argument(..., help="Files, directories, URLs, RSS/Atom feeds, WARC or JSONL files.")
RETRIEVED = typer.Option(None, "--retrieved", help="ISO time the pages were fetched (the clock for relative dates).")
ALLOW_PRIVATE = typer.Option(False, "--allow-private", help="Allow URLs on loopback/private addresses.")
DB = typer.Option("eventwire.duckdb", "--db", help="DuckDB file path or postgresql:// URL.")


def _print_articles(items, fmt: Format, annotations: bool, events: bool) -> int:
    """Prints articles in the chosen form; failures go to stderr. Returns the number of failures."""
    failures, objects = 0, []
    for item in items:
        if isinstance(item, Failure):
            failures += 1
            err.print(f"[red]error[/red] {item.source}: {item.reason}", highlight=False)
            continue
        obj = item.to_json(annotations=annotations, events=events)
        if fmt is Format.jsonl:
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        elif fmt is Format.json:
            objects.append(obj)
        else:
            _print_text(item, annotations, events)
    if fmt is Format.json and objects:
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False, indent=2))
    return failures


def _snippet(article: Article, start: int, end: int, width: int = 30) -> str:
    left = article.text[max(0, start - width):start].replace("\n", " ")
    right = article.text[end:end + width].replace("\n", " ")
    return escape(f"…{left}[{article.text[start:end]}]{right}…")


def _print_text(article: Article, annotations: bool, events: bool) -> None:
    out.rule(f"[bold]{article.title or '(no title)'}")
    out.print(f"source {article.source}   published {article.published}   language {article.language}   "
              f"{len(article.text)} chars", highlight=False)
    if not annotations and not events:
        out.print(article.text, highlight=False)
    if annotations:
        for label, rows in (("actors", article.actors), ("places", article.places), ("times", article.times)):
            table = Table(title=label, show_lines=False)
            for col in ("text", "resolved", "evidence"):
                table.add_column(col)
            for row in rows:
                if label == "actors":
                    resolved = f"{row.code}  {row.name or ''}" + (f"  → #{row.refers_to}" if row.refers_to is not None else "")
                elif label == "places":
                    resolved = f"{row.name} ({row.kind}, {row.country}) {row.lat},{row.lon}"
                else:
                    resolved = f"{row.value} ({row.precision})"
                table.add_row(row.span.text, resolved, _snippet(article, row.span.start, row.span.end))
            out.print(table)
    if events:
        table = Table(title="events", show_lines=True)
        for col in ("type", "source → target", "date", "where", "modality / according to", "evidence"):
            table.add_column(col)
        for e in article.events:
            table.add_row(f"{e.type}" + (f"\n{e.mode}" if e.mode else ""),
                          f"{e.source} ({e.source_text or ''})\n→ {e.target} ({e.target_text or ''})",
                          e.date or "", (e.location.name if e.location else ""),
                          e.modality + (f"\n{e.attribution}" if e.attribution else ""),
                          e.evidence[0].text if e.evidence else "")
        out.print(table)


@app.command()
def extract(sources: List[str] = SOURCES, retrieved: Optional[str] = RETRIEVED,
            format: Format = typer.Option(Format.json, "--format", "-f"), allow_private: bool = ALLOW_PRIVATE):
    """Clean article(s): title, publication date, language and body without boilerplate. No store."""
    from eventwire.pipeline import extract_many
    failures = _print_articles(extract_many(sources, retrieved, allow_private), format, False, False)
    raise typer.Exit(1 if failures else 0)


@app.command()
def annotate(sources: List[str] = SOURCES, retrieved: Optional[str] = RETRIEVED,
             format: Format = typer.Option(Format.text, "--format", "-f"), allow_private: bool = ALLOW_PRIVATE):
    """Article(s) with their actors, places and times, each with its evidence span."""
    from eventwire.pipeline import process_many
    failures = _print_articles(process_many(sources, retrieved, "annotate", allow_private), format, True, False)
    raise typer.Exit(1 if failures else 0)


@app.command()
def code(sources: List[str] = SOURCES, retrieved: Optional[str] = RETRIEVED,
         format: Format = typer.Option(Format.jsonl, "--format", "-f"), allow_private: bool = ALLOW_PRIVATE,
         workers: int = typer.Option(1, "--workers", "-w", help="Worker processes."),
         coder: str = typer.Option("rules", "--coder", help="Event coder: rules | llm (EVENTWIRE_LLM_URL/MODEL).")):
    """The whole pipeline: events in the SPEC's JSONL (one object per article). No store."""
    from eventwire.run import code_many
    failures = _print_articles(code_many(sources, retrieved, workers=workers, allow_private=allow_private,
                                         coder=coder), format, False, True)
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(sources: List[str] = SOURCES, db: str = DB, retrieved: Optional[str] = RETRIEVED,
           allow_private: bool = ALLOW_PRIVATE, workers: int = typer.Option(1, "--workers", "-w"),
           no_code: bool = typer.Option(False, "--no-code", help="Store clean articles without coding events."),
           coder: str = typer.Option("rules", "--coder", help="Event coder: rules | llm (EVENTWIRE_LLM_URL/MODEL).")):
    """Ingest sources into the store (articles, events, failures); prints done / failed / duplicates."""
    from eventwire.run import ingest_into
    from eventwire.store import open_store
    store = open_store(db)
    try:
        summary = ingest_into(store, sources, retrieved=retrieved, workers=workers, allow_private=allow_private,
                              stage="extract" if no_code else "code", progress=True, coder=coder)
    finally:
        store.close()
    out.print(f"done {summary['done']}  duplicates {summary['duplicates']}  failed {summary['failed']}  "
              f"events {summary['events']}  → {db}", highlight=False)
    for failure in summary["failures"]:
        err.print(f"[red]failed[/red] {failure.source}: {failure.reason}", highlight=False)
    raise typer.Exit(1 if summary["failed"] and not summary["done"] else 0)


@app.command()
def articles(db: str = DB, limit: int = typer.Option(50, "--limit"),
             format: Format = typer.Option(Format.text, "--format", "-f")):
    """Articles in the store."""
    from eventwire.store import open_store
    store = open_store(db)
    try:
        rows = store.list_articles(limit=limit)
    finally:
        store.close()
    if format is Format.text:
        table = Table()
        for col in ("id", "published", "lang", "title", "source", "events"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["id"], str(r.get("published") or ""), r.get("language") or "", r.get("title") or "",
                          r.get("source") or "", str(r.get("n_events", "")))
        out.print(table)
    else:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))


# Commands that live with their stage: events, clusters, export, failures, stats, copy (store); serve (api);
# eval (eval).
def _register_stage_commands() -> None:
    from eventwire.api.cli import register as register_api
    from eventwire.eval.cli import register as register_eval
    from eventwire.store.cli import register as register_store
    for register in (register_store, register_api, register_eval):
        register(app)


_register_stage_commands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
