"""`marsad extract` on a Dask cluster writes exactly what the serial run writes.

One LocalCluster(n_workers=2, processes=True, threads_per_worker=1) serves the
module; the corpus is a few hundred generated articles (bench/corpus.py) with
bad lines mixed in, so skips are compared too.  Well under a minute.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from marsad.cli import cli
from marsad.scale import extract_distributed
from marsad.scale._warc import read_warc

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 300


def _corpus_module():
    spec = importlib.util.spec_from_file_location("marsad_bench_corpus", ROOT / "bench" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus_mod():
    return _corpus_module()


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40)
    yield cluster
    cluster.close()


BAD_LINES = [
    b"{not json\n",
    b'{"id": "no-text"}\n',
    b"\n",  # blank: ignored silently, as in the serial reader
    json.dumps({"id": "en", "text": "This is an English text, not Arabic at all."}).encode() + b"\n",
    json.dumps({"id": "bad-date", "text": "قصف على سراقب", "published": "12/03/2020"}).encode() + b"\n",
    b"\xff\xfe\xfa not utf-8\n",
]


@pytest.fixture(scope="module")
def shards(tmp_path_factory, corpus_mod) -> Path:
    """Three JSONL shards (one gzipped) of generated articles, bad lines among them."""
    folder = tmp_path_factory.mktemp("corpus")
    gen = corpus_mod.Generator(corpus_mod.load_templates(), seed=7)
    arts = [json.dumps(a, ensure_ascii=False).encode() + b"\n" for a in gen.articles(N_ARTICLES)]
    third = N_ARTICLES // 3
    chunks = [arts[:third], arts[third : 2 * third], arts[2 * third :]]
    for i, chunk in enumerate(chunks):
        lines = list(chunk)
        for j, bad in enumerate(BAD_LINES):  # spread the bad lines through the shard
            lines.insert(min(len(lines), 5 + j * 17 + i), bad)
        data = b"".join(lines)
        if i == 2:
            with gzip.open(folder / f"shard-{i}.jsonl.gz", "wb") as fh:
                fh.write(data)
        else:
            (folder / f"shard-{i}.jsonl").write_bytes(data)
    return folder


def _serial(inputs: list[str], out: Path) -> tuple[bytes, str]:
    result = CliRunner().invoke(cli, ["extract", *inputs, "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out.read_bytes(), result.stderr if hasattr(result, "stderr") else ""


def _skips_of(inputs, out, **kw):
    skips = []
    report = extract_distributed(inputs, str(out), progress=False, on_skip=skips.append, **kw)
    return report, [(s.source, s.line, s.reason) for s in skips]


def test_distributed_output_is_byte_identical_to_serial(tmp_path, shards, cluster):
    from marsad.ingest.readers import read_inputs

    paths = sorted(str(p) for p in shards.glob("shard-*.jsonl*"))  # what the shell makes of the glob
    serial_bytes, _ = _serial(paths, tmp_path / "serial.jsonl")
    serial_skips = []
    list(read_inputs(paths, on_skip=serial_skips.append))

    inputs = [str(shards / "shard-*.jsonl*")]  # the distributed run expands globs itself

    report, skips = _skips_of(inputs, tmp_path / "dist.jsonl", scheduler=cluster.scheduler_address, partition_size=40)
    dist_bytes = (tmp_path / "dist.jsonl").read_bytes()

    assert serial_bytes, "the serial run wrote nothing"
    assert dist_bytes == serial_bytes
    assert report.articles == N_ARTICLES  # every generated article; the bad lines skipped
    assert report.partitions >= 9  # 3 shards of ~100 lines in partitions of 40
    assert skips == [(s.source, s.line, s.reason) for s in serial_skips]
    assert report.skipped == len(serial_skips) > 0
    ids = [json.loads(line)["article_id"] for line in dist_bytes.decode("utf-8").splitlines()]
    assert ids == [f"bench-{i:08d}" for i in range(N_ARTICLES)]  # input order


def test_cli_workers_flag_starts_a_local_cluster(tmp_path, shards):
    """`marsad extract --workers 2` (a LocalCluster of its own) gives the serial bytes."""
    inputs = [str(shards / "shard-0.jsonl")]
    serial_bytes, _ = _serial(inputs, tmp_path / "serial.jsonl")
    result = CliRunner().invoke(cli, ["extract", *inputs, "-o", str(tmp_path / "dist.jsonl"), "--workers", "2"])
    assert result.exit_code == 1, result.output  # the shard has bad lines: reported, exit 1
    assert (tmp_path / "dist.jsonl").read_bytes() == serial_bytes


def test_output_folder_gets_shards_that_concatenate_to_the_serial_output(tmp_path, shards, cluster):
    inputs = [str(shards)]
    serial_bytes, _ = _serial([str(p) for p in sorted(shards.glob("shard-*"))], tmp_path / "serial.jsonl")
    out = tmp_path / "out"
    out.mkdir()
    report, _ = _skips_of(inputs, out, scheduler=cluster.scheduler_address, partition_size=25, shard_articles=100)
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == len(report.outputs) >= 3
    assert b"".join(p.read_bytes() for p in parts) == serial_bytes
    assert not list(out.glob("*.partial"))


def test_warc_shards_are_read_in_record_order(tmp_path, corpus_mod, cluster):
    gen = corpus_mod.Generator(corpus_mod.load_templates(), seed=11)
    arts = list(gen.articles(24))
    folder = tmp_path / "warc"
    folder.mkdir()
    corpus_mod.write_warc(arts[:14], str(folder / "a.warc.gz"))
    corpus_mod.write_warc(arts[14:], str(folder / "b.warc"))
    paths = [str(folder / "a.warc.gz"), str(folder / "b.warc")]

    from marsad.pipeline import dump_line, extract

    serial = "".join(dump_line(r) for p in paths for r in extract(read_warc(p))).encode("utf-8")
    report, skips = _skips_of(
        [str(folder / "*.warc*")], tmp_path / "dist.jsonl", scheduler=cluster.scheduler_address, partition_size=5
    )
    assert skips == []
    assert report.articles == 24
    assert report.partitions == 3 + 2  # 14 records in fives, 10 in fives
    assert (tmp_path / "dist.jsonl").read_bytes() == serial


def test_missing_inputs_are_reported_not_fatal(tmp_path, shards, cluster):
    report, skips = _skips_of(
        [str(tmp_path / "nope.jsonl"), str(tmp_path / "none-*.jsonl"), str(shards / "shard-0.jsonl")],
        tmp_path / "dist.jsonl",
        scheduler=cluster.scheduler_address,
    )
    missing = {(str(tmp_path / "nope.jsonl"), None, "missing"), (str(tmp_path / "none-*.jsonl"), None, "missing")}
    assert set(skips[:2]) == missing
    assert report.articles == N_ARTICLES // 3


def test_a_failing_partition_stops_the_run(cluster):
    import operator

    from marsad.scale._cluster import ordered_map

    client = distributed.Client(cluster)
    try:
        with pytest.raises(ZeroDivisionError):
            list(ordered_map(client, operator.truediv, range(10), lambda x: (1, 0 if x == 3 else 1), window=2))
    finally:
        client.close()


def test_ordered_map_keeps_order_and_bounds_partitions_in_flight(cluster):
    """Never more than `window` items taken from the source and not yet handed back."""
    import operator

    from marsad.scale._cluster import ordered_map

    taken = [0]

    def source():
        for i in range(40):
            taken[0] += 1
            yield i

    client = distributed.Client(cluster)
    try:
        got, worst = [], 0
        for item, value in ordered_map(client, operator.pow, source(), lambda x: (x, 2), window=3):
            worst = max(worst, taken[0] - len(got))
            got.append((item, value))
    finally:
        client.close()
    assert got == [(i, i * i) for i in range(40)]
    assert worst <= 3


def test_txt_and_html_files_match_the_serial_reader(tmp_path, corpus_mod, cluster):
    gen = corpus_mod.Generator(corpus_mod.load_templates(), seed=5)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, a in enumerate(gen.articles(9)):
        if i % 2:
            (folder / f"p{i}.html").write_text(corpus_mod._html_page(a), encoding="utf-8")
        else:
            (folder / f"p{i}.txt").write_text(a["title"] + "\n\n" + a["text"], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "english.txt").write_text("A title\nThis is English text and nothing else.", encoding="utf-8")
    paths = sorted(str(p) for p in folder.iterdir())
    serial_bytes, _ = _serial(paths, tmp_path / "serial.jsonl")
    from marsad.ingest.readers import read_inputs

    serial_skips = []
    list(read_inputs(paths, on_skip=serial_skips.append))
    report, skips = _skips_of(paths, tmp_path / "dist.jsonl", scheduler=cluster.scheduler_address, partition_size=4)
    assert (tmp_path / "dist.jsonl").read_bytes() == serial_bytes
    assert report.articles == 9
    assert report.partitions == 3  # 11 files in fours
    assert skips == [(s.source, s.line, s.reason) for s in serial_skips]


def test_truncated_warc_record_is_skipped_not_read_as_an_article(tmp_path: Path) -> None:
    """The WARC reader of ``marsad extract`` / the cluster skips a record cut short as ``truncated``."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    text = "قتل ثلاثة مدنيين جراء قصف مدفعي لقوات النظام على مدينة سراقب في ريف إدلب الشرقي صباح اليوم. " * 6
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n in range(2):
        html = f"<html><body><article><h1>خبر {n}</h1><p>{text}</p></article></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=io.BytesIO(html),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
            )
        )
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(buf.getvalue()[:-40])  # inside the last record's body
    skips = []
    arts = list(read_warc(str(path), on_skip=skips.append))
    assert [a.url for a in arts] == ["https://example.org/0"]
    assert [(s.line, s.reason) for s in skips] == [(2, "truncated")]
