"""REST API over the store (FastAPI, OpenAPI at /openapi.json) and the dashboard at /; `eventwire serve`.

    from eventwire.api import create_app
    app = create_app("events.duckdb", api_key="s3cret")      # or settings from EVENTWIRE_* variables

Endpoints and their JSON are documented in docs/API.md; the dashboard (eventwire/web) is built against them.
"""
__all__ = ["create_app", "create_app_from_env"]


def __getattr__(name: str):
    # Lazy: the CLI imports eventwire.api.cli on every start, and FastAPI is only needed by `serve`.
    if name in __all__:
        from eventwire.api import app
        return getattr(app, name)
    raise AttributeError(name)
