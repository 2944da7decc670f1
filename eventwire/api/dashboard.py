"""Serves the dashboard bundle (eventwire/web/dist, built by `make web`) at /, or a friendly page without it."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"

NO_DASHBOARD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>eventwire</h1>
<p>The API is running, but the dashboard bundle is not installed here
(<code>eventwire/web/dist/index.html</code> is missing; <code>make web</code> builds it).</p>
<ul><li><a href="/docs">Interactive API documentation</a></li>
<li><a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/api/stats">Corpus statistics</a></li>
<li><a href="/api/events?limit=20">Latest events</a></li></ul>
</body></html>
"""


def mount_dashboard(app: FastAPI, dist: Path = DIST) -> None:
    """Mount last: the static app answers every path the API routes did not claim."""
    if (dist / "index.html").is_file():
        app.mount("/", StaticFiles(directory=dist, html=True), name="dashboard")
        return

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def no_dashboard() -> str:
        return NO_DASHBOARD_PAGE
