"""Type coverage and accuracy of the event coder on PLOVER-coded sentences (PLOVER's GSR file, a dev resource).

usage: python -m eventwire.eval.plover_gsr PATH/PLOVER_GSR_CAMEO.txt [--show N]

Each sentence is run through the whole annotation (nlp, time, geo, actors) and the coder. Reported:
- trigger coverage: sentences where the coder finds any trigger of the gold type (whatever the actors);
- type accuracy: among sentences where the coder codes at least one event, the share whose events include
  the gold type; and the same over all sentences (a miss counts as wrong);
- per-type counts. Old PLOVER names are mapped as PLOVER did (DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→
  ACCUSE, FIGHT→ASSAULT).
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def load(path: Path) -> list[dict]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for row in rows:
        event = OLD_NAMES.get(row.get("event"), row.get("event"))
        if row.get("text") and event and event != "DOCUMENT":
            out.append({"id": row["id"], "type": event, "text": row["text"]})
    return out


def measure(rows: list[dict]) -> dict:
    from eventwire import events, pipeline
    from eventwire.events import triggers
    from eventwire.model import Article
    per_type = defaultdict(Counter)
    mistakes = []
    for row in rows:
        article = Article(source=row["id"], text=row["text"], published="2000-01-01", language="en")
        pipeline.annotate(article)
        events.code(article)
        found_types = {t.type for s in article.doc.sents for t in triggers.find(s)}
        coded_types = [e.type for e in article.events]
        stats = per_type[row["type"]]
        stats["n"] += 1
        stats["trigger"] += row["type"] in found_types
        stats["coded"] += bool(coded_types)
        stats["correct"] += row["type"] in coded_types
        if coded_types and row["type"] not in coded_types:
            mistakes.append((row["type"], coded_types, row["text"]))
    total = Counter()
    for stats in per_type.values():
        total.update(stats)
    return {"per_type": {k: dict(v) for k, v in sorted(per_type.items())}, "total": dict(total),
            "mistakes": mistakes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print N wrongly typed sentences")
    args = parser.parse_args()
    result = measure(load(args.path))
    t = result["total"]
    print(f"sentences {t['n']}  trigger of the gold type found {t['trigger']} ({t['trigger'] / t['n']:.1%})")
    print(f"coded {t['coded']} ({t['coded'] / t['n']:.1%}); type accuracy on coded {t['correct'] / max(1, t['coded']):.1%}; "
          f"on all {t['correct'] / t['n']:.1%}")
    print(f"{'type':10s} {'n':>4s} {'trigger':>8s} {'coded':>6s} {'correct':>8s}")
    for name, s in result["per_type"].items():
        print(f"{name:10s} {s['n']:4d} {s.get('trigger', 0):8d} {s.get('coded', 0):6d} {s.get('correct', 0):8d}")
    for gold, coded, text in result["mistakes"][:args.show]:
        print(f"- gold {gold}, coded {coded}: {text[:140]}")


if __name__ == "__main__":
    main()
