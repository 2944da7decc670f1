"""The FastAPI application over one store: REST under /api, OpenAPI at /openapi.json, the dashboard at /."""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from typing import Any, Optional, Sequence

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

import eventwire
from eventwire.api.dashboard import mount_dashboard
from eventwire.api.errors import install_error_handlers
from eventwire.api.security import API_KEY_HEADER, BodySizeLimit, require_read_key
from eventwire.api.routes import MAX_WAITING_POSTS, health_router, router
from eventwire.api.settings import Settings, resolve_settings
from eventwire.api.submit import code_submission

GZIP_MIN_BYTES = 2048


def create_app(db: Optional[str] = None, api_key: Optional[str] = None, read_key_required: Optional[bool] = None,
               max_body_bytes: Optional[int] = None, cors_origins: Optional[Sequence[str]] = None, *,
               open_writes: Optional[bool] = None, allow_private_urls: Optional[bool] = None,
               store: Any = None) -> FastAPI:
    """The API app. Arguments left as None come from the environment (see eventwire.api.settings), then defaults.

    ``store`` may be given already open (tests, embedding); otherwise ``db`` is opened once, here, and closed on
    shutdown.
    """
    settings: Settings = resolve_settings(db, api_key, read_key_required, max_body_bytes, cors_origins,
                                          open_writes, allow_private_urls)
    if store is None:
        from eventwire.store import open_store
        store = open_store(settings.db)
        owns_store = True
    else:
        owns_store = False

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if owns_store:
            app.state.store.close()

    app = FastAPI(title="eventwire", version=eventwire.__version__, lifespan=lifespan,
                  summary="Coded political events (PLOVER/CAMEO) from news, with the evidence for every field.",
                  description=f"Reads are open unless the server requires a key; writes need the `{API_KEY_HEADER}` "
                              "header. Errors are `{\"error\": {\"code\", \"message\", \"input\"}}`.")
    app.state.settings = settings
    # One store per app, shared by the thread pool: the store runs one statement at a time on its connection
    # and holds its lock through each add_article transaction (eventwire.store.dialect), so threads may share it.
    app.state.store = store
    app.state.coder = code_submission
    app.state.coding_slots = threading.BoundedSemaphore(settings.coding_workers)
    app.state.waiting_posts = threading.BoundedSemaphore(MAX_WAITING_POSTS)

    install_error_handlers(app)
    app.include_router(health_router)
    # Reads declare the key in the OpenAPI document only when they need it.
    app.include_router(router, dependencies=[Depends(require_read_key)] if settings.read_key_required else [])
    mount_dashboard(app)

    # Middlewares wrap in reverse order of addition: CORS outermost, so even a 413 carries CORS headers.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)   # event lists and networks are verbose JSON
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=[API_KEY_HEADER, "Content-Type"])
    return app


def create_app_from_env() -> FastAPI:
    """For `uvicorn --factory eventwire.api.app:create_app_from_env`: every setting from the environment."""
    return create_app()
