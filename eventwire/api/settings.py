"""API settings: arguments to create_app win, then the environment, then safe defaults.

Environment: EVENTWIRE_DB, EVENTWIRE_API_KEY, EVENTWIRE_READ_KEY_REQUIRED, EVENTWIRE_OPEN_WRITES,
EVENTWIRE_CORS (comma-separated origins), EVENTWIRE_MAX_BODY_BYTES, EVENTWIRE_ALLOW_PRIVATE.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional, Sequence

DEFAULT_DB = "eventwire.duckdb"
DEFAULT_MAX_BODY_BYTES = 2_000_000
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    api_key: Optional[str] = None
    read_key_required: bool = False      # reads need X-API-Key too (a private corpus)
    open_writes: bool = False            # with no key configured, writes are refused unless opened explicitly
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    cors_origins: tuple[str, ...] = field(default_factory=tuple)   # CORS stays off while empty
    allow_private_urls: bool = False     # POSTed URLs on loopback/private networks are refused by default
    coding_workers: int = 1              # pipeline runs at once; spaCy is CPU- and memory-heavy

    def __post_init__(self):
        if self.read_key_required and not self.api_key:
            raise ValueError("read_key_required needs an api_key (set EVENTWIRE_API_KEY or --api-key)")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be positive, got {self.max_body_bytes}")


def _env_bool(name: str) -> Optional[bool]:
    raw = os.environ.get(name)
    if raw is None:
        return None
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def _first(*values):
    return next((v for v in values if v is not None), None)


def resolve_settings(db: Optional[str] = None, api_key: Optional[str] = None,
                     read_key_required: Optional[bool] = None, max_body_bytes: Optional[int] = None,
                     cors_origins: Optional[Sequence[str]] = None, open_writes: Optional[bool] = None,
                     allow_private_urls: Optional[bool] = None) -> Settings:
    """Settings from the arguments given (not None), else from the environment, else the defaults."""
    env_cors = os.environ.get("EVENTWIRE_CORS")
    env_max = os.environ.get("EVENTWIRE_MAX_BODY_BYTES")
    origins = cors_origins if cors_origins is not None else (
        [o.strip() for o in env_cors.split(",") if o.strip()] if env_cors else [])
    return Settings(
        db=_first(db, os.environ.get("EVENTWIRE_DB"), DEFAULT_DB),
        api_key=_first(api_key, os.environ.get("EVENTWIRE_API_KEY")) or None,
        read_key_required=bool(_first(read_key_required, _env_bool("EVENTWIRE_READ_KEY_REQUIRED"), False)),
        open_writes=bool(_first(open_writes, _env_bool("EVENTWIRE_OPEN_WRITES"), False)),
        max_body_bytes=int(_first(max_body_bytes, env_max, DEFAULT_MAX_BODY_BYTES)),
        cors_origins=tuple(origins),
        allow_private_urls=bool(_first(allow_private_urls, _env_bool("EVENTWIRE_ALLOW_PRIVATE"), False)),
    )
