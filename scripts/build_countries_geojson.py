"""Builds the dashboard's country boundaries: world-atlas 110m TopoJSON keyed by ISO 3166-1 alpha-3.

world-atlas (npm, Natural Earth 1:110m) keys countries by ISO numeric code; eventwire keys them by alpha-3
(the leading part of actor codes, Location.country). This rewrites each geometry's id to alpha-3 with
pycountry, drops the redundant "land" object, and writes the file the dashboard fetches at run time.

    python scripts/build_countries_geojson.py [--src web-src/node_modules/world-atlas/countries-110m.json]
                                              [--out web-src/public/countries-110m.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
# Natural Earth polygons without an ISO numeric code; user-assigned codes as used by the World Bank / EU.
UNCODED = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}


def alpha3(numeric: str | None, name: str) -> str | None:
    if numeric:
        country = pycountry.countries.get(numeric=numeric.zfill(3))
        if country:
            return country.alpha_3
    return UNCODED.get(name)


def build(src: Path, out: Path) -> int:
    topo = json.loads(src.read_text(encoding="utf-8"))
    topo["objects"].pop("land", None)
    geometries = topo["objects"]["countries"]["geometries"]
    for geometry in geometries:
        name = geometry.get("properties", {}).get("name", "")
        code = alpha3(geometry.get("id"), name)
        if code is None:
            raise SystemExit(f"{src}: no alpha-3 code for {name!r} (id {geometry.get('id')!r})")
        geometry["id"] = code
        geometry["properties"] = {"name": name}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")
    return len(geometries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "web-src/node_modules/world-atlas/countries-110m.json")
    parser.add_argument("--out", type=Path, default=ROOT / "web-src/public/countries-110m.json")
    args = parser.parse_args()
    n = build(args.src, args.out)
    print(f"{args.out}: {n} countries, {args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
