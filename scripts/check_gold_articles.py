"""Scores the clean stage's article fields (title, published, language, body) on the gold dev sets.

usage: python scripts/check_gold_articles.py [GOLD_DIR]   (default ../shared/gold)
Runs extract on every gold input with its own ``retrieved``, writes SPEC JSONL under the gold ids to a
temporary file and runs the reference scorer on it. Prints the scorer's article lines and any mismatch.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eventwire.pipeline import extract


def main(gold_dir: str = "../shared/gold") -> int:
    gold_root = Path(gold_dir)
    gold_rows = []
    for name in ("dev.jsonl", "dev_more.jsonl"):
        path = gold_root / name
        if path.exists():
            gold_rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, system_path = Path(tmp) / "gold.jsonl", Path(tmp) / "system.jsonl"
        with gold_path.open("w", encoding="utf-8") as gold_out, system_path.open("w", encoding="utf-8") as out:
            for row in gold_rows:
                gold_out.write(json.dumps({**row, "events": []}) + "\n")   # article fields only
                article = extract(str(gold_root / row["input"]), retrieved=row["retrieved"])
                obj = article.to_json()
                obj["id"], obj["events"] = row["id"], []
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
                want = row.get("article", {})
                for key in ("title", "published", "language"):
                    if want.get(key) and not str(obj["article"][key] or "").startswith(want[key]):
                        print(f"  {row['id']}: {key} {obj['article'][key]!r} != {want[key]!r}")
        result = subprocess.run([sys.executable, str(gold_root / "score.py"), str(gold_path), str(system_path)],
                                capture_output=True, text=True)
        print(result.stdout.strip() or result.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
