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
          open_reads: bool = typer.Option(True, "--open-reads/--keyed-reads",
                                          help="Reads open to all, or only with the API key."),
          cors: Optional[List[str]] = typer.Option(None, "--cors", help="An origin allowed by CORS (repeatable)."),
          max_body_bytes: int = typer.Option(2_000_000, "--max-body-bytes", help="Largest accepted request body."),
          allow_private: bool = typer.Option(False, "--allow-private",
                                             help="Let POSTed URLs reach loopback/private addresses.")):
    """Serve the REST API (/api, /docs, /openapi.json) and the dashboard (/) over the store."""
    import uvicorn

    from eventwire.api.app import create_app
    if not open_reads and not api_key:
        raise typer.BadParameter("--keyed-reads needs --api-key (or EVENTWIRE_API_KEY)")
    app = create_app(db, api_key=api_key, read_key_required=not open_reads, max_body_bytes=max_body_bytes,
                     cors_origins=list(cors) if cors else None, allow_private_urls=allow_private)
    typer.echo(f"eventwire API on http://{host}:{port}/  (docs /docs, store {db}, "
               f"writes {'keyed' if api_key else 'disabled'}, reads {'open' if open_reads else 'keyed'})")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
