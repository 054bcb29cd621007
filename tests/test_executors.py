"""One executor interface (marsad.executors): serial, a process pool and Dask give the
same results in the same order, and `marsad.process` / `marsad.extract` store and
return the same events with each of them."""

from __future__ import annotations

import json
import operator
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.executors import chunks, make_executor, resolve_kind
from marsad.ingest.readers import read_inputs
from marsad.pipeline import extract
from marsad.runs import process
from marsad.store import open_store
from marsad.store.export import export_string

SAMPLES = Path(__file__).resolve().parents[1] / "marsad" / "data" / "samples" / "articles.jsonl"


def test_kind_follows_the_options_and_refuses_contradictions():
    assert resolve_kind(None) == "serial" and resolve_kind(None, workers=1) == "serial"
    assert resolve_kind(None, workers=3) == "processes" and resolve_kind(None, scheduler="tcp://h:8786") == "dask"
    assert resolve_kind("dask", workers=2) == "dask" and resolve_kind("processes") == "processes"
    for kind, workers, scheduler in [
        ("threads", None, None),
        ("serial", 2, None),
        ("processes", None, "tcp://h:8786"),
        ("dask", 2, "tcp://h:8786"),
        (None, 0, None),
    ]:
        with pytest.raises(ConfigError):
            resolve_kind(kind, workers, scheduler)


def test_chunks():
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]] and list(chunks([], 3)) == []
    with pytest.raises(ConfigError):
        list(chunks([1], 0))


@pytest.fixture(scope="module")
def dask_ex():
    pytest.importorskip("distributed")
    with make_executor("dask", workers=2, warm_up=True) as ex:
        yield ex


@pytest.mark.parametrize("kind", ["serial", "processes", "dask"])
def test_results_in_input_order(kind, dask_ex):  # type: ignore[no-untyped-def]
    parts = list(chunks(range(100), 7))
    if kind == "dask":
        got = list(dask_ex.imap(sum, parts))
        assert dask_ex.workers == 2
    else:
        with make_executor(kind, workers=2 if kind == "processes" else None, window=3) as ex:
            got = list(ex.imap(sum, parts))
            assert ex.map(operator.neg, [1, 2, 3]) == [-1, -2, -3]
    assert got == [(p, sum(p)) for p in parts]


def test_a_jobs_error_reaches_the_caller():
    with make_executor("processes", workers=2) as ex, pytest.raises(TypeError):
        list(ex.imap(sum, [[1], ["x"]]))


def _stored(tmp_path: Path, name: str, executor) -> tuple[list[dict], object]:  # type: ignore[no-untyped-def]
    db = str(tmp_path / f"{name}.db")
    with open_store(db) as store:
        for article in read_inputs([str(SAMPLES)]):
            store.add_article(article)
        kw = {"executor": executor, "partition_size": 3}
        if executor == "processes":
            kw["workers"] = 2
        report = process(store=store, quiet=True, **kw)
        events = [json.loads(line) for line in export_string(store, "jsonl").splitlines()]
    for e in events:  # when, not what
        e.pop("created_at"), e.pop("updated_at")
    return events, report


def test_process_stores_the_same_events_with_every_executor(tmp_path, dask_ex):  # type: ignore[no-untyped-def]
    serial, rep = _stored(tmp_path, "serial", "serial")
    assert serial and rep.executor == "serial" and rep.errors == 0
    procs, rep_p = _stored(tmp_path, "processes", "processes")
    dask, rep_d = _stored(tmp_path, "dask", dask_ex)
    assert procs == serial and dask == serial
    assert (rep_p.executor, rep_p.workers, rep_p.writer) == ("processes", 2, "client")
    assert (rep_d.executor, rep_d.workers) == ("dask", 2) and rep_d.partitions == -(-rep.articles // 3)
    assert rep.articles == rep_p.articles == rep_d.articles and rep.events == rep_p.events == rep_d.events


def test_extract_returns_the_same_results_with_every_executor(dask_ex):  # type: ignore[no-untyped-def]
    articles = list(read_inputs([str(SAMPLES)]))
    serial = [r.to_dict() for r in extract(articles)]
    procs = [r.to_dict() for r in extract(articles, executor="processes", workers=2, chunk_size=3)]
    dask = [r.to_dict() for r in extract(articles, executor=dask_ex, chunk_size=4)]
    assert serial and procs == serial and dask == serial
