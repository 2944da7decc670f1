"""Scoring against annotated gold (../shared/gold/SPEC.md).

    system_rows(gold_path)            -> runs the pipeline on every gold input, SPEC rows keyed by gold id
    scorer_for(gold_path)             -> the gold folder's own score.py when present, else eventwire.eval.scorer
    evaluate(gold_path, system_path)  -> the scorer's result dict
    diff(gold_rows, system_rows)      -> gold vs system event by event (matched pairs, misses, false alarms)
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Iterator, Optional, Union

from eventwire.errors import EventwireError

__all__ = ["load_gold", "system_rows", "write_rows", "scorer_for", "evaluate", "diff"]


def load_gold(gold_path: Union[str, Path]) -> list[dict]:
    rows = []
    path = Path(gold_path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(str(path), f"cannot read gold file: {exc.strerror or exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EventwireError(f"{path}:{n}", f"not JSON: {exc}") from exc
        if "id" not in row or "input" not in row:
            raise EventwireError(f"{path}:{n}", "gold row without 'id' or 'input'")
        rows.append(row)
    return rows


def system_rows(gold_path: Union[str, Path]) -> Iterator[dict]:
    """One SPEC row per gold article, coded by the whole pipeline; "id" is the gold id (mapped through the
    source path the article came from). A failed article gives a row with no events and its "error"."""
    from eventwire.pipeline import process_many
    from eventwire.model import Failure
    base = Path(gold_path).resolve().parent
    for row in load_gold(gold_path):
        source = str(base / row["input"])
        found = list(process_many([source], retrieved=row.get("retrieved"), stage="code"))
        article = next((a for a in found if not isinstance(a, Failure)), None)
        if article is None:
            failure = next((f for f in found if isinstance(f, Failure)), None)
            yield {"id": row["id"], "source": row["input"], "article": {}, "events": [],
                   "error": failure.reason if failure else "no document found"}
            continue
        obj = article.to_json()
        obj["system_id"], obj["id"], obj["source"] = obj["id"], row["id"], row["input"]
        yield obj


def write_rows(rows, out_path: Union[str, Path]) -> int:
    count = 0
    with open(out_path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def scorer_for(gold_path: Union[str, Path]) -> ModuleType:
    """The reference scorer beside the gold file (gold/score.py) when there is one, else the packaged twin."""
    reference = Path(gold_path).resolve().parent / "score.py"
    if reference.is_file():
        spec = importlib.util.spec_from_file_location("eventwire_gold_score", reference)
        if spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    from eventwire.eval import scorer
    return scorer


def evaluate(gold_path: Union[str, Path], system_path: Union[str, Path], per_article: bool = False,
             scorer: Optional[ModuleType] = None) -> dict:
    scorer = scorer or scorer_for(gold_path)
    result = scorer.score(scorer.load(str(gold_path)), scorer.load(str(system_path)))
    if not per_article:
        result.pop("per_article", None)
    return result


def _field_checks(scorer: ModuleType, s: dict, g: dict) -> dict:
    checks = {}
    for field, ok in (("date", scorer.date_ok), ("location", scorer.location_ok), ("modality", scorer.modality_ok)):
        if g.get(field) is not None:
            checks[field] = bool(ok(s.get(field), g[field]))
    if "attribution" in g:
        checks["attribution"] = bool(scorer.attribution_ok(s.get("attribution"), g["attribution"]))
    return checks


def diff(gold_rows: dict, sys_rows: dict, scorer: Optional[ModuleType] = None) -> list[dict]:
    """Per article: matched pairs with field agreement, misses (required gold events not found) and
    false alarms (system events matched to nothing), using the scorer's own matching."""
    if scorer is None:
        from eventwire.eval import scorer as packaged
        scorer = packaged
    report = []
    for gid, grow in gold_rows.items():
        gold = grow.get("events", [])
        system = [scorer.single(e) for e in sys_rows.get(gid, {}).get("events", []) if isinstance(e, dict)]
        pairs = scorer.max_matching(system, gold)
        matched = [{"system": system[i], "gold": gold[j], "optional": bool(gold[j].get("optional")),
                    "fields": _field_checks(scorer, system[i], gold[j])} for i, j in sorted(pairs.items())]
        misses = [g for j, g in enumerate(gold) if j not in pairs.values() and not g.get("optional")]
        false_alarms = [s for i, s in enumerate(system) if i not in pairs]
        report.append({"id": gid, "matched": matched, "missed": misses, "false_alarms": false_alarms})
    return report
