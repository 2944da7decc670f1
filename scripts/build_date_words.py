"""Builds eventwire/data/clean/date_words.json from dateparser's own translation data.

The words that can make a short line a date on their own (month and weekday names, "yesterday",
"ayer", units such as "hours", "jours") in every language eventwire reads. The clean stage uses
them to decide cheaply which short lines are worth handing to dateparser at all.

usage: python scripts/build_date_words.py
"""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from eventwire.dates import _parser_languages

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "clean" / "date_words.json"
NAME_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_KEYS = ("year", "month", "week", "day", "hour", "minute")
TOKEN = re.compile(r"\w+", re.UNICODE)
MIN_LETTERS = 3   # "h", "d", "mo" would let any line through


def words_of(values) -> set[str]:
    found = set()
    for value in values:
        for token in TOKEN.findall(value.lower()):
            if not token.isdigit() and (len(token) >= MIN_LETTERS or not token.isascii()):
                found.add(token)
    return found


def main() -> None:
    table = {}
    for language in _parser_languages():
        info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
        words = set()
        for key in NAME_KEYS + UNIT_KEYS:
            words |= words_of(info.get(key, []))
        # Single-word relative dates only: "yesterday", "ayer", "hier" (phrases share words like "next").
        for values in info.get("relative-type", {}).values():
            words |= {v.lower() for v in values if len(TOKEN.findall(v)) == 1 and len(v) >= MIN_LETTERS - 1}
        table[language] = sorted(words)
    OUT.write_text(json.dumps({"_about": "Built by scripts/build_date_words.py from dateparser's translation data.",
                               "words": table}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(v) for v in table.values())} words in {len(table)} languages")


if __name__ == "__main__":
    main()
