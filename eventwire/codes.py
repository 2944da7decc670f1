"""PLOVER → CAMEO root code, quad class and Goldstein score (data: eventwire/data/plover_cameo.json).

One loader for every stage that needs the map: the event coder fills Event.cameo/quad_class/intensity from it,
the store's GDELT export writes EventRootCode/QuadClass/GoldsteinScale from it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from eventwire.errors import CodeError


@lru_cache(maxsize=1)
def _plover_map() -> dict[str, dict]:
    text = (Path(__file__).resolve().parent / "data" / "plover_cameo.json").read_text(encoding="utf-8")
    return json.loads(text)["types"]


def plover_info(type: str, mode: Optional[str] = None) -> dict:
    """{cameo_root, cameo_code, quad_class, goldstein, cameo_name} of a PLOVER type (refined by mode if mapped).

    Raises CodeError for a type that is not one of the 16 PLOVER types.
    """
    entry = _plover_map().get((type or "").upper())
    if entry is None:
        raise CodeError(str(type), "not a PLOVER event type (see eventwire.model.EVENT_TYPES)")
    info = {key: entry[key] for key in ("cameo_root", "cameo_code", "quad_class", "goldstein", "cameo_name")}
    if mode:
        # Modes are free words; the map keys are lower-case with underscores.
        refinement = entry.get("modes", {}).get(mode.strip().lower().replace(" ", "_").replace("-", "_"))
        if refinement:
            info.update(refinement)
    return info


def plover_types() -> tuple[str, ...]:
    return tuple(_plover_map())
