"""`eventwire serve`: the REST API, its OpenAPI document and the dashboard, on uvicorn."""
from __future__ import annotations

from typing import List, Optional

import typer


def serve(db: str = typer.Option("eventwire.duckdb", "--db", envvar="EVENTWIRE_DB",
                                 help="DuckDB file path or postgresql:// URL."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
          port: int = typer.Option(8321, "--port"),
          api_key: Optional[str] = typer.Option(None, "--api-key", envvar="EVENTWIRE_API_KEY",
                                                help="Key for writes (and reads with --keyed-reads), sent as X-API-Key."),
          open_reads: Optional[bool] = typer.Option(None, "--open-reads/--keyed-reads", show_default=False,
                                                    help="Reads open to all (default), or only with the API key "
                                                         "[env: EVENTWIRE_READ_KEY_REQUIRED=1 for keyed]."),
          cors: Optional[List[str]] = typer.Option(None, "--cors", help="An origin allowed by CORS (repeatable)."),
          max_body_bytes: int = typer.Option(2_000_000, "--max-body-bytes", envvar="EVENTWIRE_MAX_BODY_BYTES",
                                             help="Largest accepted request body."),
          allow_private: bool = typer.Option(False, "--allow-private", envvar="EVENTWIRE_ALLOW_PRIVATE",
                                             help="Let POSTed URLs reach loopback/private addresses.")):
    """Serve the REST API (/api, /docs, /openapi.json) and the dashboard (/) over the store."""
    import uvicorn

    from eventwire.api.app import create_app
    try:   # None where no flag was given: the environment, then the default, decides (eventwire.api.settings)
        app = create_app(db, api_key=api_key, read_key_required=None if open_reads is None else not open_reads,
                         max_body_bytes=max_body_bytes, cors_origins=list(cors) if cors else None,
                         allow_private_urls=allow_private)
    except ValueError as exc:   # settings that contradict each other
        raise typer.BadParameter(str(exc)) from None
    settings = app.state.settings
    typer.echo(f"eventwire API on http://{host}:{port}/  (docs /docs, store {settings.db}, "
               f"writes {'keyed' if settings.api_key else 'open' if settings.open_writes else 'disabled'}, "
               f"reads {'keyed' if settings.read_key_required else 'open'})")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
