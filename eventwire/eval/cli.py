"""`eventwire eval GOLD.jsonl [--per-article] [--diff] [--json]`: code every gold input, score, explain."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer
from eventwire.console import err, out


def _actor(code, text) -> str:
    code = code if not isinstance(code, list) else "|".join(c for c in code if c)
    return f"{code}" + (f" ({text})" if text else "")


def _print_report(result: dict) -> None:
    e = result["event"]
    fc = result["event_full_code"]
    out.print(f"articles {result['articles']}  missing {len(result['missing_articles'])}", highlight=False)
    out.print(f"event  P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
              f"(tp {e['tp']} fp {e['fp']} fn {e['fn']})", highlight=False)
    out.print(f"full-code  P {fc['precision']:.3f}  R {fc['recall']:.3f}  F1 {fc['f1']:.3f}", highlight=False)
    out.print("on matched: " + "  ".join(f"{k} {v}" for k, v in result["on_matched"].items()), highlight=False)
    out.print("article:    " + "  ".join(f"{k} {v}" for k, v in result["article_fields"].items()), highlight=False)
    for row in result.get("per_article", []):
        out.print(f"  {row['id']}: tp {row['tp']} fp {row['fp']} fn {row['fn']}", highlight=False)


def _print_diff(report: list[dict]) -> None:
    for article in report:
        out.rule(article["id"])
        for pair in article["matched"]:
            s, g = pair["system"], pair["gold"]
            bad = [k for k, ok in pair["fields"].items() if not ok]
            detail = "  ".join(f"{k}: {s.get(k)!r} vs {g.get(k)!r}" for k in bad)
            tag = "match(opt)" if pair["optional"] else "match"
            out.print(f"[green]{tag}[/green] {s['type']} {_actor(s['source'], s.get('source_text'))} → "
                      f"{_actor(s['target'], s.get('target_text'))}  {detail}\n    {s.get('evidence', '')[:160]}",
                      highlight=False)
        for g in article["missed"]:
            out.print(f"[yellow]miss[/yellow] {g['type']} {_actor(g['source'], None)} → {_actor(g['target'], None)}"
                      f"\n    {g.get('evidence', '')[:160]}", highlight=False)
        for s in article["false_alarms"]:
            out.print(f"[red]false alarm[/red] {s['type']} {_actor(s['source'], s.get('source_text'))} → "
                      f"{_actor(s['target'], s.get('target_text'))}\n    {s.get('evidence', '')[:160]}",
                      highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL (inputs relative to its folder)."),
        per_article: bool = typer.Option(False, "--per-article", help="Counts per article."),
        show_diff: bool = typer.Option(False, "--diff", help="Gold vs system event by event."),
        as_json: bool = typer.Option(False, "--json", help="The scorer's result as JSON."),
        system_out: Optional[Path] = typer.Option(None, "--out", help="Where to write the system JSONL "
                                                  "(default: GOLD-stem.system.jsonl in the current folder)."),
        system_in: Optional[Path] = typer.Option(None, "--system", help="Score this system JSONL instead of "
                                                 "running the pipeline."),
        coder: Optional[str] = typer.Option(None, "--coder", help="Event coder: rules | llm."),
    ):
        """Run the pipeline on every gold input, write the system JSONL, print the reference scorer's report."""
        from eventwire import eval as ev
        if coder:
            os.environ["EVENTWIRE_CODER"] = coder   # read by eventwire.events.code (also in worker processes)
        if system_in is None:
            system_in = system_out or Path(f"{gold.stem}.system.jsonl")
            rows = list(ev.system_rows(gold))
            for row in rows:
                if row.get("error"):
                    err.print(f"[red]error[/red] {row['id']}: {row['error']}", highlight=False)
            ev.write_rows(rows, system_in)
            err.print(f"system output → {system_in}", highlight=False)
        scorer = ev.scorer_for(gold)
        result = ev.evaluate(gold, system_in, per_article=per_article, scorer=scorer)
        report = ev.diff(scorer.load(str(gold)), scorer.load(str(system_in)), scorer) if show_diff else None
        if as_json:
            payload = dict(result)
            if report is not None:
                payload["diff"] = report
            print(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        _print_report(result)
        if report is not None:
            _print_diff(report)
