"""Limits every reader honours: one place to read them, overridable by environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024    # a news page is far below this; larger is a dump or an attack
    timeout_s: float = 15.0              # per network operation (connect, read)
    max_redirects: int = 5
    max_feed_items: int = 200            # a feed is a list of recent links, not an archive

    @classmethod
    def from_env(cls) -> "Limits":
        """Defaults, overridden by EVENTWIRE_MAX_BYTES, EVENTWIRE_TIMEOUT_S, EVENTWIRE_MAX_REDIRECTS."""
        return cls(max_bytes=int(_env_number("EVENTWIRE_MAX_BYTES", cls.max_bytes)),
                   timeout_s=_env_number("EVENTWIRE_TIMEOUT_S", cls.timeout_s),
                   max_redirects=int(_env_number("EVENTWIRE_MAX_REDIRECTS", cls.max_redirects)),
                   max_feed_items=int(_env_number("EVENTWIRE_MAX_FEED_ITEMS", cls.max_feed_items)))


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
