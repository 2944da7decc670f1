"""Batch runs: many sources coded in local worker processes (one model load per process).

A Dask distributed cluster can be given instead (``scheduler="tcp://..."``) for bulk runs.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator, Optional, Union

from eventwire.model import Article, Failure, article_from_dict, article_to_dict


def _code_one(source: str, retrieved, stage: str, allow_private: bool,
              coder: Optional[str] = None) -> list[Union[dict, Failure]]:
    # Runs in a worker: Articles travel back as plain dicts (the spaCy Doc stays behind).
    from eventwire.pipeline import process_many
    out: list[Union[dict, Failure]] = []
    for item in process_many([source], retrieved, stage=stage, allow_private=allow_private, coder=coder):
        out.append(item if isinstance(item, Failure) else article_to_dict(item))
    return out


def _revive(items) -> Iterator[Union[Article, Failure]]:
    for item in items:
        yield item if isinstance(item, Failure) else article_from_dict(item)


def code_many(sources: Iterable[str], retrieved=None, workers: int = 1, stage: str = "code",
              allow_private: bool = False, scheduler: Optional[str] = None,
              coder: Optional[str] = None) -> Iterator[Union[Article, Failure]]:
    """Articles (or Failures) for every document behind ``sources``, in input order per source."""
    sources = [str(s) for s in sources]
    if scheduler:
        from dask.distributed import Client
        with Client(scheduler) as client:
            futures = client.map(_code_one, sources, retrieved=retrieved, stage=stage,
                                 allow_private=allow_private, coder=coder, pure=False)
            for future in futures:
                yield from _revive(future.result())
        return
    if workers <= 1 or len(sources) <= 1:
        from eventwire.pipeline import process_many
        yield from process_many(sources, retrieved, stage=stage, allow_private=allow_private, coder=coder)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_code_one, s, retrieved, stage, allow_private, coder) for s in sources]
        for future in futures:
            yield from _revive(future.result())


def ingest_into(store, sources: Iterable[str], retrieved=None, workers: int = 1, stage: str = "code",
                allow_private: bool = False, progress: bool = False, coder: Optional[str] = None) -> dict:
    """Codes sources and stores each article as it comes; a failure is stored and the batch goes on."""
    summary = {"done": 0, "duplicates": 0, "failed": 0, "events": 0, "failures": []}
    items = code_many(sources, retrieved=retrieved, workers=workers, stage=stage, allow_private=allow_private,
                      coder=coder)
    bar = None
    if progress:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
        task = bar.add_task("ingesting")
        bar.start()
    try:
        for item in items:
            if isinstance(item, Failure):
                store.add_failure(item)
                summary["failed"] += 1
                summary["failures"].append(item)
            elif store.add_article(item):
                summary["done"] += 1
                summary["events"] += len(item.events)
            else:
                summary["duplicates"] += 1
            if bar:
                bar.update(task, description=f"done {summary['done']}  dup {summary['duplicates']}  "
                                             f"failed {summary['failed']}  ({str(getattr(item, 'source', ''))[-50:]})")
    finally:
        if bar:
            bar.stop()
    return summary
