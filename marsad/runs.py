"""Ingest sources into the store, process new articles into events, on a schedule.

``marsad ingest`` = :func:`ingest`, ``marsad process`` = :func:`process`,
``marsad watch`` = :func:`watch`.  Each article is stored in its own transaction
(unique URL and content hash), and each article's events are saved together with
its "processed" mark, so a run killed at any moment and started again neither
loses nor doubles anything: it re-reads what was not committed and skips the rest.

A feed's validators (ETag / Last-Modified) are stored only after all its items
were handled, so a run killed mid-feed fetches the whole feed again next time
instead of getting a 304 and missing the items it had not reached.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad import settings
from marsad.errors import ConfigError, FetchError, InputError, MarsadError
from marsad.ingest.fetch import Fetcher
from marsad.executors import Executor, chunks, executor_for, resolve_kind
from marsad.ingest.progress import local_total
from marsad.ingest.sources import Item, iter_local, kind_of
from marsad.models import Article, ArticleEvents
from marsad.store import Store, open_store
from marsad.store.database import MAX_URL_CHARS

__all__ = [
    "IngestReport",
    "ProcessReport",
    "ingest",
    "process",
    "watch",
    "parse_interval",
    "current_versions",
]

log = logging.getLogger("marsad.ingest")

MAX_SKIPS_KEPT = 1000  # skip details kept in a report; all are counted and stored
# Reasons after which a URL is not fetched again (a 404 stays a 404; timeouts and 5xx are retried).
PERMANENT_REASONS = {
    "http_404",
    "http_410",
    "http_403",
    "http_401",
    "robots",
    "private_address",
    "bad_scheme",
    "bad_url",
    "too_large",
    "empty",
    "not_arabic",
    "malformed",
    "encoding",
}


@dataclass
class IngestReport:
    """Counts of one ingest run.  ``stored`` counts every new article; ``near_duplicates``
    those of them linked to a stored article they resemble (or repeat word for word
    under another URL, outlet or date).  ``skips``: (key, reason, message) of the first
    :data:`MAX_SKIPS_KEPT` skipped inputs (every skip is also stored in ``fetches``)."""

    run_id: int | None = None
    stored: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    not_modified: int = 0
    skipped: int = 0
    fetched: int = 0
    seconds: float = 0.0
    skips: list[tuple[str, str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("skips")
        d.pop("run_id")
        return d


@dataclass
class ProcessReport:
    """Counts of one process run.  ``errors``: articles the extractor failed on
    (left unprocessed, retried next run).  How the work was spread: ``executor``
    (serial, processes or dask), ``workers`` (processes or Dask worker threads),
    ``partitions`` (chunks of articles sent out), ``writer`` (``client``: this
    process saved the events; ``workers``: the workers did, on PostgreSQL)."""

    run_id: int | None = None
    articles: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    executor: str = "serial"
    workers: int = 1
    partitions: int = 0
    writer: str = "client"

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("run_id")
        return d


def current_versions() -> dict[str, str]:
    """Versions of the lexicon and gazetteer that extraction uses now."""
    out: dict[str, str] = {}
    try:
        from marsad.resources import lexicon_version

        out["lexicon"] = lexicon_version()
    except (MarsadError, OSError, KeyError, ImportError) as exc:
        log.debug("no lexicon version: %s", exc)
    try:
        from marsad.geo.gazetteer import gazetteer_version

        out["gazetteer"] = gazetteer_version()
    except (MarsadError, OSError, KeyError, ImportError) as exc:
        log.debug("no gazetteer version: %s", exc)
    return out


def _progress(quiet: bool, desc: str, total: int | None = None):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit="article",
        file=sys.stderr,
        leave=False,
        disable=quiet or not sys.stderr.isatty(),
        mininterval=0.5,
    )


class _Ingestor:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        report: IngestReport,
        *,
        on_skip: Callable[[str, str, str], None] | None,
        bar,
        executor: Executor,
    ) -> None:  # type: ignore[no-untyped-def]
        from marsad.ingest.neardup import NearDupIndex

        self.store, self.fetcher, self.report = store, fetcher, report
        self.executor = executor
        self.on_skip = on_skip
        self.bar = bar
        self.index = NearDupIndex()
        self.index.load(store.minhashes())
        self.max_bytes = int(settings.get("max_response_bytes"))

    grow_total = False  # True when the bar's total is known and grows as fetched feeds arrive

    def add_to_total(self, n: int) -> None:
        if self.grow_total:
            self.bar.total = (self.bar.total or 0) + n
            self.bar.refresh()

    # -- outcomes -----------------------------------------------------------
    def skip(
        self, key: str, source: str, reason: str, message: str, *, status: str = "skipped", http_status: int | None = None
    ) -> None:
        from marsad.errors import printable

        key_shown, message = printable(key), printable(message)
        self.report.skipped += 1
        if len(self.report.skips) < MAX_SKIPS_KEPT:
            self.report.skips.append((key, reason, message))
        log.warning("skipped %s: %s: %s", key_shown, reason, message)
        self.store.record_fetch(key, status=status, reason=reason, source=source, http_status=http_status)
        if self.on_skip:
            self.on_skip(key, reason, message)

    def accept(
        self,
        article: Article,
        item: Item,
        *,
        section: str | None = None,
        fetch_status: int | None = None,
        fetch_key: str | None = None,
        sig: bytes | None | bool = False,
    ) -> None:
        """Store ``article`` unless known; ``sig``: its MinHash bytes if already
        computed (None: too short for one; False: not computed yet)."""
        from marsad.ingest.neardup import from_bytes, signature, to_bytes

        self.bar.update(1)
        if sig is False:
            mh = signature(article.text)
        else:
            mh = from_bytes(sig) if sig else None
        near = self.index.find(mh) if mh is not None else None
        try:
            res = self.store.add_article(
                article,
                source=item.source,
                section=section or item.section,
                fetch_status=fetch_status,
                minhash=to_bytes(mh) if mh is not None else None,
                near_duplicate_of=near[0] if near else None,
                similarity=near[1] if near else None,
                fetch_key=fetch_key,
            )
        except InputError as exc:  # a value the store refuses (a URL over 2,048 characters)
            self.skip(fetch_key or item.key, item.source, exc.reason, str(exc), http_status=fetch_status)
            return
        if res.is_new:
            self.report.stored += 1
            if res.status in ("near_duplicate", "identical_text"):
                self.report.near_duplicates += 1
            if mh is not None:
                self.index.add(res.article_id, mh)
        else:
            self.report.duplicates += 1

    # -- items --------------------------------------------------------------
    def handle(self, item: Item) -> None:
        if item.error is not None:
            self.bar.update(1)
            self.skip(item.key, item.source, item.error.reason, str(item.error))
        elif item.article is not None:
            self.accept(item.article, item)
        elif item.html is not None:
            self.page(item, item.html, url=item.url, fetch_status=None)
        elif item.url:
            self.fetch_page(item)

    def page(
        self, item: Item, content: bytes, *, url: str | None, fetch_status: int | None, fetch_key: str | None = None
    ) -> None:
        from marsad.ingest.web import extract_page

        try:
            page = extract_page(content, url=url, id=url or item.key, published=item.published, title=item.title)
        except InputError as exc:
            self.bar.update(1)
            self.skip(fetch_key or item.key, item.source, exc.reason, str(exc), http_status=fetch_status)
            return
        self.accept(page.article, item, section=page.section, fetch_status=fetch_status, fetch_key=fetch_key)

    def too_long(self, url: str, source: str) -> bool:
        """Refuse (skip, reason ``bad_url``) a URL longer than the store keeps, before fetching it."""
        if len(url) <= MAX_URL_CHARS:
            return False
        self.skip(url, source, "bad_url", f"URL longer than {MAX_URL_CHARS:,} characters ({len(url):,}): not fetched")
        return True

    def fetch_page(self, item: Item) -> None:
        url = item.url or item.key
        if self.too_long(url, item.source):
            self.bar.update(1)
            return
        if self.store.find_duplicate(url, None) is not None:
            self.bar.update(1)
            self.report.duplicates += 1
            return
        state = self.store.fetch_state(url)
        if state is not None and state.status in ("skipped", "failed") and state.reason in PERMANENT_REASONS:
            self.bar.update(1)
            return  # already recorded; a permanent failure is not retried every run
        try:
            res = self.fetcher.fetch(url)
        except FetchError as exc:
            self.bar.update(1)
            code = int(exc.reason[5:]) if exc.reason.startswith("http_") and exc.reason[5:].isdigit() else None
            self.skip(url, item.source, exc.reason, str(exc), status="failed", http_status=code)
            return
        self.report.fetched += 1
        self.page(item, res.content, url=url, fetch_status=res.status, fetch_key=url)

    # -- sources ------------------------------------------------------------
    def source(self, source: str) -> None:
        kind = kind_of(source)
        if kind == "url":
            self.url_source(source)
        elif kind == "bad_url":
            self.skip(source, source, "bad_scheme", "only http and https URLs are fetched")
        elif self.executor.kind == "serial":
            for item in iter_local(source, max_bytes=self.max_bytes):
                self.handle(item)
        else:
            from marsad.ingest.parallel import CHUNK, page_jobs

            def job_args(batch: list[Item]) -> tuple:
                return ([None if it.html is None else (it.html, it.url, it.key, it.published, it.title) for it in batch],)

            items = iter_local(source, max_bytes=self.max_bytes)
            for batch, results in self.executor.imap(page_jobs, chunks(items, CHUNK), job_args):
                for item, result in zip(batch, results):
                    if result is None:
                        self.handle(item)
                    elif result[0] == "skip":
                        self.bar.update(1)
                        self.skip(item.key, item.source, result[1], result[2])
                    else:
                        self.accept(result[1].article, item, section=result[1].section, sig=result[2])

    def url_source(self, url: str) -> None:
        from marsad.errors import MalformedInput
        from marsad.ingest.feeds import looks_like_feed, parse_feed

        if self.too_long(url, url):
            return
        state = self.store.fetch_state(url)
        valid = state is not None and state.status in ("ok", "not_modified")
        try:
            res = self.fetcher.fetch(
                url, etag=state.etag if valid else None, last_modified=state.last_modified if valid else None
            )
        except FetchError as exc:
            code = int(exc.reason[5:]) if exc.reason.startswith("http_") and exc.reason[5:].isdigit() else None
            self.skip(url, url, exc.reason, str(exc), status="failed", http_status=code)
            return
        self.report.fetched += 1
        if res.not_modified:
            self.report.not_modified += 1
            self.store.record_fetch(url, status="not_modified", source=url, http_status=304)
            return
        if looks_like_feed(res.content, res.content_type):
            try:
                items = parse_feed(res.content, base_url=res.url)
            except MalformedInput as exc:
                self.skip(url, url, exc.reason, str(exc), http_status=res.status)
                return
            self.add_to_total(len(items))
            for it in items:
                self.handle(Item(it.url, url, url=it.url, published=it.published, title=it.title, section=it.section))
        else:
            self.add_to_total(1)
            self.page(Item(url, url, url=url), res.content, url=url, fetch_status=res.status)
        self.store.record_fetch(
            url, status="ok", source=url, http_status=res.status, etag=res.etag, last_modified=res.last_modified
        )


def ingest(
    sources: Sequence[str],
    *,
    db: str | None = None,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
    quiet: bool = False,
    on_skip: Callable[[str, str, str], None] | None = None,
    workers: int | None = None,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read every source into the store (see :mod:`marsad.ingest.sources` for what a
    source can be).  Bad inputs are skipped with a reason code (logged, stored in
    ``fetches``, passed to ``on_skip(key, reason, message)``) and the batch goes on.
    ``executor`` / ``workers`` / ``scheduler`` (:func:`marsad.executors.make_executor`;
    ``workers`` > 1 alone: that many processes) extract the pages of local archives
    in parallel; results and storage order are the same as serially."""
    own_store, own_fetcher = store is None, fetcher is None
    store = store or open_store(db)
    fetcher = fetcher or Fetcher()
    report = IngestReport()
    try:
        with store.run("ingest", report, {"sources": list(sources)}, current_versions()):
            with executor_for(executor, workers, scheduler, key_prefix="marsad-ingest") as ex:
                shown = not quiet and sys.stderr.isatty()  # count only for a bar someone sees
                total = local_total(sources, max_bytes=int(settings.get("max_response_bytes"))) if shown else None
                with _progress(quiet, "ingest", total or None) as bar:
                    worker = _Ingestor(store, fetcher, report, on_skip=on_skip, bar=bar, executor=ex)
                    worker.grow_total = total is not None
                    for source in sources:
                        worker.source(source)
    finally:
        if own_fetcher:
            fetcher.close()
        if own_store:
            store.close()
    return report


def process(
    *,
    db: str | None = None,
    store: Store | None = None,
    reprocess: bool = False,
    extract: Callable[[Article], ArticleEvents] | None = None,
    quiet: bool = False,
    limit: int | None = None,
    workers: int | None = None,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
    partition_size: int | None = None,
    window: int | None = None,
) -> ProcessReport:
    """Extract the events of every article not processed yet (every article with
    ``reprocess``, replacing its events: after a lexicon or gazetteer change) and
    store them, deduplicated across reports.  ``extract`` defaults to
    :func:`marsad.pipeline.extract_article`.

    ``executor`` (``serial``, ``processes``, ``dask`` or an open
    :class:`~marsad.executors.Executor`), ``workers`` and ``scheduler`` spread the
    extraction (:func:`marsad.executors.make_executor`; ``workers`` > 1 alone means
    that many processes, ``scheduler`` alone a Dask cluster); ``extract`` must then
    be picklable (a module-level function).  Articles go out ``partition_size`` at a
    time (default 1 serially, 16 to processes, 200 to Dask), at most ``window``
    partitions in flight.  Events are saved in article order, one transaction per
    article, by this process (by the workers on PostgreSQL, under locks: see
    :mod:`marsad.scale._process`); the stored result is the same whatever the executor."""
    own_store = store is None
    store = store or open_store(db)
    versions = current_versions()
    report = ProcessReport(versions=versions)
    kind = executor.kind if isinstance(executor, Executor) else resolve_kind(executor, workers, scheduler)
    args: dict[str, Any] = {"reprocess": reprocess}
    if kind != "serial":
        args.update(executor=kind, workers=workers, scheduler=scheduler)
    try:
        with store.run("process", report, args, versions):
            # serial: the extractor is built on first use, here; elsewhere in every worker first
            opts = {"window": window, "warm_up": kind != "serial", "key_prefix": "marsad-process"}
            with executor_for(executor, workers, scheduler, **opts) as ex:
                _process(
                    store,
                    report,
                    reprocess=reprocess,
                    extract=extract,
                    quiet=quiet,
                    limit=limit,
                    executor=ex,
                    size=partition_size,
                )
    finally:
        if own_store:
            store.close()
    return report


PARTITION_SIZE = {"serial": 1, "processes": 16, "dask": 200}  # articles per job, by executor


def _process(
    store: Store,
    report: ProcessReport,
    *,
    reprocess: bool,
    extract: Callable[[Article], ArticleEvents] | None,
    quiet: bool,
    limit: int | None,
    executor: Executor,
    size: int | None,
) -> None:
    """The body of :func:`process`: extract pending articles in partitions, save their events in order."""
    from marsad.scale._process import extract_and_save, extract_chunk, is_postgres

    versions = report.versions
    report.executor, report.workers = executor.kind, executor.workers
    report.writer = "workers" if executor.kind != "serial" and is_postgres(store.url) else "client"
    size = size or PARTITION_SIZE[executor.kind]
    pending = store.pending_articles(reprocess=reprocess, limit=limit, batch=max(size, 500))
    parts = chunks(pending, size)

    def failures(failed: list[tuple[int, str, str]]) -> None:
        for article_id, external_id, error in failed:
            report.errors += 1
            log.error("extraction failed for article %s (%s): %s", article_id, external_id, error)

    total = store.count_pending(reprocess=reprocess)
    with _progress(quiet, "process", min(total, limit) if limit is not None else total) as bar:
        if report.writer == "workers":
            url = store.url
            for part, (n_articles, n_events, failed) in executor.imap(
                extract_and_save, parts, lambda p: (url, p, versions, extract)
            ):
                report.articles += n_articles
                report.events += n_events
                report.partitions += 1
                failures(failed)
                bar.update(len(part))
            return
        for part, (done, failed) in executor.imap(extract_chunk, parts, lambda p: (p, extract)):
            for article_id, events in done:
                store.save_events(article_id, events, versions)
                report.articles += 1
                report.events += len(events)
            report.partitions += 1
            failures(failed)
            bar.update(len(part))


def parse_interval(text: str | float | int) -> float:
    """Seconds in ``15m``, ``30s``, ``2h``, ``1d`` or a bare number of seconds."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        raw = text.strip().lower()
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        mult = units.get(raw[-1:], None)
        number = raw[:-1] if mult else raw
        try:
            value = float(number) * (mult or 1)
        except ValueError:
            raise ConfigError(f"cannot read interval {text!r}: use e.g. 30s, 15m, 2h") from None
    if value <= 0:
        raise ConfigError(f"interval must be positive, got {text!r}")
    return value


def watch(
    sources: Sequence[str],
    *,
    every: str | float = "15m",
    db: str | None = None,
    rounds: int | None = None,
    quiet: bool = False,
    extract: Callable[[Article], ArticleEvents] | None = None,
    status: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Ingest ``sources`` and process new articles every ``every`` (e.g. ``15m``),
    ``rounds`` times (forever when None).  A status line after each round goes to
    ``status`` (stderr by default).  Returns the number of rounds run."""
    interval = parse_interval(every)
    say = status or (lambda line: print(line, file=sys.stderr, flush=True))
    done = 0
    with open_store(db) as store, Fetcher() as fetcher:
        while rounds is None or done < rounds:
            started = time.monotonic()
            ing = ingest(sources, store=store, fetcher=fetcher, quiet=quiet)
            proc = process(store=store, extract=extract, quiet=quiet)
            done += 1
            c = store.counts()
            wait = max(0.0, interval - (time.monotonic() - started))
            say(
                f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] round {done}: +{ing.stored} articles "
                f"({ing.near_duplicates} near-dup, {ing.duplicates} known, {ing.skipped} skipped, "
                f"{ing.not_modified} unchanged), {proc.articles} processed, +{proc.events} event reports; "
                f"total {c['articles']} articles, {c['events']} events"
                + (f"; next in {wait:.0f}s" if rounds is None or done < rounds else "")
            )
            if rounds is not None and done >= rounds:
                break
            sleep(wait)
    return done
