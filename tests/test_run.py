"""Batch runs: a bad document is reported and the batch goes on; workers give the same articles as one process."""
from pathlib import Path

import pytest

from eventwire.model import Article, Failure
from eventwire.run import code_many, ingest_into
from eventwire.store import open_store

STORY = """Rebels seize town in border offensive

The army said on Tuesday that rebel fighters had attacked a military base near the border overnight.
Government troops later shelled rebel positions, according to a spokesman for the armed forces, who said
the offensive would continue until the town was retaken. The United Nations called on both sides to protect
civilians and urged the government to allow aid convoys into the area.
"""


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "other.txt").write_text(STORY.replace("Tuesday", "Monday").replace("town", "city"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    return folder


def test_batch_goes_on_past_bad_documents(batch: Path):
    items = list(code_many([batch], retrieved="2025-05-28T09:00:00Z", stage="extract"))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 2
    assert sorted(Path(f.source).name for f in failures) == ["binary.txt", "empty.txt"]
    assert all(f.reason for f in failures)


def test_workers_give_the_same_articles_as_one_process(batch: Path):
    sources = sorted(str(p) for p in batch.iterdir())
    one = [a.to_json() for a in code_many(sources, stage="extract", workers=1) if isinstance(a, Article)]
    two = [a.to_json() for a in code_many(sources, stage="extract", workers=2) if isinstance(a, Article)]
    assert one == two and len(one) == 2


def test_ingest_stores_articles_once_and_records_failures(batch: Path, tmp_path: Path):
    db = str(tmp_path / "run.duckdb")
    with open_store(db) as store:
        first = ingest_into(store, [batch], retrieved="2025-05-28T09:00:00Z", stage="extract")
        again = ingest_into(store, [batch], retrieved="2025-05-28T09:00:00Z", stage="extract")
        assert (first["done"], first["failed"]) == (2, 2)
        assert (again["done"], again["duplicates"]) == (0, 2)
        assert len(store.list_articles()) == 2
        assert len(store.failures()) >= 2


def test_dask_scheduler_gives_the_same_articles(batch: Path):
    distributed = pytest.importorskip("dask.distributed")
    sources = sorted(str(p) for p in batch.iterdir())
    local = [a.to_json() for a in code_many(sources, stage="extract") if isinstance(a, Article)]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        items = list(code_many(sources, stage="extract", scheduler=cluster.scheduler_address))
    assert [a.to_json() for a in items if isinstance(a, Article)] == local
    assert sum(isinstance(i, Failure) for i in items) == 2
