"""The committed dashboard bundle (eventwire/web/dist): complete, self-contained, small, served by the app at /."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "eventwire" / "web" / "dist"
MAX_BYTES = 1_500_000


def asset_refs(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_bundle_is_committed_with_an_index_and_its_assets():
    html = (DIST / "index.html").read_text(encoding="utf-8")
    refs = [r for r in asset_refs(html) if not r.startswith(("data:", "#"))]
    assert any(r.endswith(".js") for r in refs) and any(r.endswith(".css") for r in refs)
    for ref in refs:
        assert not re.match(r"^(https?:)?//", ref), f"index.html loads {ref} from outside"
        assert (DIST / ref.removeprefix("./")).is_file(), f"index.html refers to missing {ref}"


def test_nothing_is_fetched_from_the_internet():
    for path in DIST.rglob("*"):
        if path.suffix not in {".html", ".js", ".css"}:
            continue
        text = path.read_text(encoding="utf-8")
        # SVG and XML namespace URIs are names, not fetches; anything else absolute would need the network.
        urls = set(re.findall(r"https?://[\w-]+(?:\.[\w-]+)+[^\s\"'`)]*", text)) - {
            "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink",
            "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"}
        assert not urls, f"{path.name} refers to {sorted(urls)[:5]}"
        assert "@import" not in text and "fonts.googleapis" not in text


def test_bundle_stays_small():
    total = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file())
    assert total < MAX_BYTES, f"dist is {total} bytes"


def test_country_boundaries_are_keyed_by_alpha3():
    topo = json.loads((DIST / "countries-110m.json").read_text(encoding="utf-8"))
    geometries = topo["objects"]["countries"]["geometries"]
    ids = [g["id"] for g in geometries]
    assert len(geometries) > 170
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    names = {g["id"]: g["properties"]["name"] for g in geometries}
    assert names["KEN"] == "Kenya" and names["SYR"] == "Syria"


def test_boundary_builder_maps_numeric_codes_and_the_uncoded_polygons():
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "scripts" / "build_countries_geojson.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.alpha3("4", "Afghanistan") == "AFG"
    assert module.alpha3("404", "Kenya") == "KEN"
    assert module.alpha3(None, "Kosovo") == "XKX"
    assert module.alpha3(None, "Atlantis") is None


def test_the_api_app_serves_the_dashboard_at_root(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient
    from eventwire.api.app import create_app
    with TestClient(create_app(str(tmp_path / "empty.duckdb"), api_key="k" * 20)) as client:
        page = client.get("/")
        assert page.status_code == 200 and 'id="views"' in page.text
        script = next(r for r in asset_refs(page.text) if r.endswith(".js"))
        assert client.get("/" + script.removeprefix("./")).status_code == 200
        assert client.get("/countries-110m.json").status_code == 200
