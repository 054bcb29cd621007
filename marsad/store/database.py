"""The store: articles in, events out, one transaction per article.

Every write is one short transaction guarded by unique constraints (article URL,
content hash, fetch key, (article, ordinal) of an event report), so a run killed
at any moment leaves either all or nothing of the article it was on, and a rerun
neither loses nor doubles anything.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from marsad.errors import InputError, StoreError
from marsad.models import Article, Event
from marsad.store import merge
from marsad.store.db import make_engine, resolve_url, upgrade
from marsad.store import overview
from marsad.store.filters import EventFilter
from marsad.store.query import EventPage, StoredEvent, event_from_row, load_sources, query_events
from marsad.store.schema import ArticleRow, EventRow, EventSource, Fetch, Outlet, Run, utcnow
from marsad.store.values import (
    _DOMAIN_CHARS,
    _ETAG_CHARS,
    _LAST_MODIFIED_CHARS,
    MAX_URL_CHARS,
    _clean,
    _validator,
    content_hash,
    fetch_key,
    outlet_of,
)

__all__ = ["Store", "open_store", "AddResult", "FetchState", "content_hash", "outlet_of", "MAX_URL_CHARS", "fetch_key"]

_E, _S, _A = EventRow.__table__, EventSource.__table__, ArticleRow.__table__
_INSERT_ARTICLE = insert(_A).returning(_A.c.id)
_FIND_URL = select(_A.c.id).where(_A.c.url == bindparam("url"))
_FIND_HASH = select(_A.c.id).where(_A.c.content_hash == bindparam("h")).order_by(_A.c.id).limit(1)
_SAME_TEXT = (
    select(_A.c.id, _A.c.url, _A.c.outlet_id, _A.c.published).where(_A.c.content_hash == bindparam("h")).order_by(_A.c.id)
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_article` did.  ``status``: ``stored``, ``near_duplicate``
    (stored with its text like any article, and linked to ``duplicate_of``),
    ``identical_text`` (the text of a stored article under another URL, outlet or date:
    stored and linked the same way, similarity 1.0), ``duplicate_url`` or
    ``duplicate_text`` (nothing stored; ``article_id`` is the existing article)."""

    article_id: int
    status: str
    duplicate_of: int | None = None

    @property
    def is_new(self) -> bool:
        return self.status in ("stored", "near_duplicate", "identical_text")


@dataclass(frozen=True, slots=True)
class FetchState:
    """What we know of a URL from earlier fetches (for conditional GET)."""

    key: str
    status: str
    reason: str | None
    http_status: int | None
    etag: str | None
    last_modified: str | None
    article_id: int | None


class Store:
    """A Marsad database.  Open with :func:`open_store`; close with :meth:`close`
    (or use it as a context manager)."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            for attempt in range(3):
                try:
                    upgrade(self.engine)
                    break
                except SQLAlchemyError as exc:
                    # Two processes opening a new database at once both see it empty; the
                    # loser fails on "table exists" and finds it migrated on a retry.
                    if attempt == 2:
                        raise StoreError(f"cannot open database {self.safe_url}: {exc}") from exc
                    time.sleep(0.2 * (attempt + 1))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._outlets: dict[str, int] = {}

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except IntegrityError:
                raise
            except SQLAlchemyError as exc:
                raise StoreError(f"database error: {exc}") from exc

    # -- articles -----------------------------------------------------------
    def _outlet_id(self, session: Session, domain: str | None) -> int | None:
        if not domain:
            return None
        domain = domain.lower()
        if domain in self._outlets:
            return self._outlets[domain]
        found = session.scalar(select(Outlet.id).where(Outlet.domain == domain))
        if found is None:
            try:
                with session.begin_nested():
                    row = Outlet(domain=domain)
                    session.add(row)
                found = row.id
            except IntegrityError:
                found = session.scalar(select(Outlet.id).where(Outlet.domain == domain))
        self._outlets[domain] = found
        return found

    def find_duplicate(self, url: str | None, text_hash: str | None) -> AddResult | None:
        """The stored article with this URL or content hash, if any."""
        with self.session() as s:
            return self._find_duplicate(s, url, text_hash)

    @staticmethod
    def _find_duplicate(session: Session, url: str | None, text_hash: str | None) -> AddResult | None:
        if url:
            found = session.execute(_FIND_URL, {"url": url}).scalar()
            if found is not None:
                return AddResult(found, "duplicate_url")
        if text_hash:
            found = session.execute(_FIND_HASH, {"h": text_hash}).scalar()
            if found is not None:
                return AddResult(found, "duplicate_text")
        return None

    def add_article(
        self,
        article: Article,
        *,
        source: str | None = None,
        section: str | None = None,
        language: str | None = "ar",
        fetch_status: int | None = None,
        minhash: bytes | None = None,
        near_duplicate_of: int | None = None,
        similarity: float | None = None,
        fetch_key: str | None = None,
        checked: bool = False,
    ) -> AddResult:
        """Store ``article`` once: a URL already stored is not stored again, nor a
        (normalised) text already stored when nothing tells the two apart (no URL of its
        own, and no other outlet or date than the stored one's; unknown ones count as the same).  The same text under another URL, outlet or date is
        stored and linked to the first article with it (status ``identical_text``, reason
        ``identical_text``, similarity 1.0): agencies' wires and republished reports are
        sources too, and processing merges them into the same-day event.  With ``near_duplicate_of`` the article is stored and processed like
        any other and linked to that article: a near-duplicate is a link, never a reason
        to drop a text (formulaic reports of different incidents look alike).  ``fetch_key`` records the fetch in the same
        transaction (status ``ok``).  ``checked``: the caller has just called
        :meth:`find_duplicate` (the unique constraints still guard against races)."""
        url = _clean(article.url) or None
        if url is not None and len(url) > MAX_URL_CHARS:
            raise InputError(f"URL longer than {MAX_URL_CHARS:,} characters ({len(url):,}): not stored", reason="bad_url")
        text = _clean(article.text) or ""
        text_hash = content_hash(text)
        try:
            with self.session() as s:
                dup = None if checked else self._find_duplicate(s, url, None)
                outlet_id = self._outlet_id(s, _clean(article.outlet or outlet_of(url), _DOMAIN_CHARS))
                identical = None
                if dup is None:
                    same_text = s.execute(_SAME_TEXT, {"h": text_hash}).all()
                    # unknown (None) outlet or date tells nothing apart
                    twin = next(
                        (r for r in same_text if outlet_id in (None, r.outlet_id) and article.published in (None, r.published)),
                        None,
                    )
                    if url is None and twin is not None:
                        dup = AddResult(twin.id, "duplicate_text")
                    elif same_text:
                        identical = same_text[0].id
                if dup is not None:
                    if fetch_key:
                        self._upsert_fetch(
                            s,
                            fetch_key,
                            source=source,
                            status="ok",
                            reason=dup.status,
                            http_status=fetch_status,
                            article_id=dup.article_id,
                        )
                    return dup
                near = near_duplicate_of is not None
                if identical is not None:
                    near_duplicate_of, similarity = identical, 1.0
                article_id = s.execute(
                    _INSERT_ARTICLE,
                    dict(
                        external_id=(article.id or None) and _clean(str(article.id), 255),
                        url=url,
                        outlet_id=outlet_id,
                        published=article.published,
                        title=_clean(article.title),
                        section=(section or None) and _clean(section, 255),
                        text=text,
                        content_hash=text_hash,
                        language=language,
                        status="ok",
                        reason="identical_text" if identical is not None else "near_duplicate" if near else None,
                        fetch_status=fetch_status,
                        duplicate_of=near_duplicate_of,
                        similarity=similarity,
                        minhash=minhash,
                        source=(source or None) and _clean(source, 2048),
                        fetched_at=utcnow(),
                        processed_at=None,
                        processed_versions=None,
                    ),
                ).scalar_one()
                if fetch_key:
                    self._upsert_fetch(
                        s, fetch_key, source=source, status="ok", reason=None, http_status=fetch_status, article_id=article_id
                    )
                status = "identical_text" if identical is not None else "near_duplicate" if near else "stored"
                return AddResult(article_id, status, near_duplicate_of)
        except IntegrityError:
            # Another writer stored it between our check and our insert.
            self._outlets.clear()
            dup = self.find_duplicate(url, text_hash)
            if dup is None:
                raise
            return dup

    def get_article(self, article_id: int) -> Article | None:
        with self.session() as s:
            row = s.get(ArticleRow, article_id)
            return None if row is None else _article(row, s)

    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        """(article id, MinHash signature) of every stored text, to rebuild the
        near-duplicate index after a restart."""
        with self._sessions() as s:
            result = s.execute(
                select(ArticleRow.id, ArticleRow.minhash).where(ArticleRow.minhash.is_not(None)).order_by(ArticleRow.id)
            )
            for row in result.yield_per(2000):
                yield row[0], row[1]

    # -- fetches ------------------------------------------------------------
    @staticmethod
    def _upsert_fetch(session: Session, key: str, **values: Any) -> None:
        key = fetch_key(key)
        if values.get("source") is not None:
            values["source"] = _clean(values["source"], 2048)
        if values.get("reason") is not None:
            values["reason"] = _clean(values["reason"], 64)
        if "etag" in values:
            values["etag"] = _validator(values["etag"], _ETAG_CHARS)
        if "last_modified" in values:
            values["last_modified"] = _validator(values["last_modified"], _LAST_MODIFIED_CHARS)
        row = session.scalar(select(Fetch).where(Fetch.key == key))
        if row is None:
            session.add(Fetch(key=key, fetched_at=utcnow(), attempts=1, **values))
            return
        for name, value in values.items():
            if name in ("etag", "last_modified") and value is None and values.get("status") == "not_modified":
                continue
            setattr(row, name, value)
        row.attempts = (row.attempts or 0) + 1
        row.fetched_at = utcnow()

    def record_fetch(
        self,
        key: str,
        *,
        status: str,
        reason: str | None = None,
        source: str | None = None,
        http_status: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        article_id: int | None = None,
    ) -> None:
        """Remember what happened when ``key`` (a URL, or ``path#line``) was read:
        ``status`` ``ok`` / ``not_modified`` / ``skipped`` / ``failed`` with a reason code."""
        values = dict(
            status=status, reason=reason, source=source, http_status=http_status, etag=etag, last_modified=last_modified
        )
        if article_id is not None:
            values["article_id"] = article_id
        for _ in range(2):
            try:
                with self.session() as s:
                    self._upsert_fetch(s, key, **values)
                return
            except IntegrityError:
                continue  # a concurrent insert of the same key: retry as an update

    def fetch_state(self, key: str) -> FetchState | None:
        with self.session() as s:
            row = s.scalar(select(Fetch).where(Fetch.key == fetch_key(key)))
            if row is None:
                return None
            return FetchState(row.key, row.status, row.reason, row.http_status, row.etag, row.last_modified, row.article_id)

    # -- processing ---------------------------------------------------------
    def pending_articles(
        self, *, reprocess: bool = False, batch: int = 500, limit: int | None = None
    ) -> Iterator[tuple[int, Article]]:
        """(article id, :class:`Article`) of stored texts not yet processed (all of
        them with ``reprocess``), in id order, read in batches so memory stays flat."""
        last, seen = 0, 0
        while True:
            with self._sessions() as s:
                stmt = (
                    select(ArticleRow, Outlet.domain)
                    .outerjoin(Outlet, Outlet.id == ArticleRow.outlet_id)
                    .where(ArticleRow.status == "ok", ArticleRow.id > last)
                )
                if not reprocess:
                    stmt = stmt.where(ArticleRow.processed_at.is_(None))
                rows = s.execute(stmt.order_by(ArticleRow.id).limit(batch)).all()
            if not rows:
                return
            for row, domain in rows:
                yield row.id, _article(row, None, domain)
                seen += 1
                if limit is not None and seen >= limit:
                    return
            last = rows[-1][0].id

    def count_pending(self, *, reprocess: bool = False) -> int:
        with self.session() as s:
            stmt = select(func.count(ArticleRow.id)).where(ArticleRow.status == "ok")
            if not reprocess:
                stmt = stmt.where(ArticleRow.processed_at.is_(None))
            return s.scalar(stmt) or 0

    def save_events(self, article_id: int, events: Sequence[Event], versions: dict[str, str] | None = None) -> list[int]:
        """Replace the events of article ``article_id`` with ``events`` and mark it
        processed, in one transaction.  Each event is merged into a stored event
        reporting the same incident (:mod:`marsad.store.dedup`) or stored as new.
        Returns the event id of each given event, in order."""
        with self.session() as s:
            return merge.save_events(s, article_id, events, versions)

    # -- reading ------------------------------------------------------------
    def query_events(
        self,
        f: EventFilter | None = None,
        *,
        limit: int | None = 100,
        offset: int = 0,
        order: str = "date_desc",
        with_sources: bool = True,
        **filters: Any,
    ) -> EventPage:
        """Stored events matching the filter ``f`` (an :class:`~marsad.store.filters.EventFilter`;
        its fields may also be given as keywords: ``query_events(admin1="Idlib")``), one page.

        * ``limit`` (None = all) / ``offset``; ``order``: ``date_desc`` (default),
          ``date_asc``, ``fatalities_desc`` or ``id``;
        * ``with_sources``: load the reporting articles (off for faster exports).

        Returns an :class:`~marsad.store.query.EventPage`: ``total`` (all matches),
        ``items`` (:class:`~marsad.store.query.StoredEvent`: ``id``, ``event``,
        ``sources``, timestamps), ``limit``, ``offset``.
        """
        f = EventFilter.of(f, **filters) if filters else f
        with self.session() as s:
            return query_events(s, f, limit=limit, offset=offset, order=order, with_sources=with_sources)

    def iter_events(
        self,
        f: EventFilter | None = None,
        *,
        order: str = "id",
        limit: int | None = None,
        batch: int = 1000,
        **filters: Any,
    ) -> Iterator[StoredEvent]:
        """Every event matching ``f`` (at most ``limit``), oldest id first unless
        ``order`` says otherwise, read ``batch`` at a time (for exports of any size)."""
        f = EventFilter.of(f, **filters) if filters else f
        offset = 0
        while limit is None or offset < limit:
            size = batch if limit is None else min(batch, limit - offset)
            page = self.query_events(f, limit=size, offset=offset, order=order)
            yield from page.items
            if len(page.items) < size:
                return
            offset += size

    def event_count(self, f: EventFilter | None = None) -> int:
        """How many stored events match ``f`` (all of them without one)."""
        with self.session() as s:
            return overview.event_count(s, f)

    def points(self, f: EventFilter | None = None, limit: int = overview.MAX_POINTS) -> dict[str, Any]:
        """The map's columns of every matching event (see :func:`marsad.store.overview.points`)."""
        with self.session() as s:
            return overview.points(s, f, limit)

    def timeline(self, f: EventFilter | None = None) -> dict[str, Any]:
        """Matching events per day, and how many have no date."""
        with self.session() as s:
            return overview.timeline(s, f)

    def facets(self) -> dict[str, Any]:
        """The values present (types, actors, governorates, districts) with counts, and the date range."""
        with self.session() as s:
            return overview.facets(s)

    def skips(self, reason: str | None = None, limit: int = 100) -> dict[str, Any]:
        """Inputs ingest skipped or failed to fetch, counted by reason, and the newest of them."""
        with self.session() as s:
            return overview.skips(s, reason, limit)

    def get_event(self, event_id: int) -> StoredEvent | None:
        with self.session() as s:
            row = s.get(EventRow, event_id)
            if row is None:
                return None
            return StoredEvent(row.id, event_from_row(row), load_sources(s, [row.id])[row.id], row.created_at, row.updated_at)

    def counts(self) -> dict[str, int]:
        """Row counts: articles (stored texts), near_duplicates (articles linked to one
        they resemble; their texts are stored and counted in articles too), events, event_sources,
        fetches, skipped (fetch records with status skipped or failed), pending."""
        with self.session() as s:

            def n(stmt) -> int:  # type: ignore[no-untyped-def]
                return int(s.scalar(stmt) or 0)

            return {
                "articles": n(select(func.count(ArticleRow.id)).where(ArticleRow.status == "ok")),
                "near_duplicates": n(select(func.count(ArticleRow.id)).where(ArticleRow.duplicate_of.is_not(None))),
                "events": n(select(func.count(EventRow.id))),
                "event_sources": n(select(func.count(EventSource.id))),
                "fetches": n(select(func.count(Fetch.id))),
                "skipped": n(select(func.count(Fetch.id)).where(or_(Fetch.status == "skipped", Fetch.status == "failed"))),
                "pending": n(
                    select(func.count(ArticleRow.id)).where(ArticleRow.status == "ok", ArticleRow.processed_at.is_(None))
                ),
            }

    # -- runs ---------------------------------------------------------------
    def start_run(self, kind: str, args: dict[str, Any] | None = None, versions: dict[str, str] | None = None) -> int:
        self.mark_interrupted_runs()
        with self.session() as s:
            row = Run(
                kind=kind,
                status="running",
                args=args or {},
                counts={},
                versions=versions or {},
                started_at=utcnow(),
                host=socket.gethostname(),
                pid=os.getpid(),
            )
            s.add(row)
            s.flush()
            return row.id

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str = "done") -> None:
        with self.session() as s:
            s.execute(update(Run).where(Run.id == run_id).values(counts=counts, status=status, finished_at=utcnow()))

    @contextmanager
    def run(
        self, kind: str, report: Any, args: dict[str, Any] | None = None, versions: dict[str, str] | None = None
    ) -> Iterator[Any]:
        """Record one run of ``kind`` (ingest, process) in ``runs``, around the ``with`` body.

        ``report`` is the run's report: its ``run_id`` is set on entry; on exit its
        ``seconds`` are set and ``report.counts()`` stored with the status: ``done``,
        ``interrupted`` (Ctrl-C) or ``failed`` (any other exception, which goes on).
        A run whose process dies without exiting is marked later
        (:meth:`mark_interrupted_runs`)."""
        started = time.monotonic()
        report.run_id = self.start_run(kind, args, versions)
        status = "failed"
        try:
            yield report
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            report.seconds = round(time.monotonic() - started, 3)
            self.finish_run(report.run_id, report.counts(), status)

    def mark_interrupted_runs(self) -> int:
        """Runs left "running" by a process of this host that no longer exists
        (killed, crashed, machine rebooted) become "interrupted"; returns how many.
        Runs of other hosts are left alone: their processes cannot be checked here."""
        host = socket.gethostname()
        with self.session() as s:
            rows = s.execute(select(Run.id, Run.pid).where(Run.status == "running", Run.host == host)).all()
            dead = [rid for rid, pid in rows if pid is None or not _process_alive(pid)]
            if dead:
                s.execute(
                    update(Run)
                    .where(Run.id.in_(dead), Run.status == "running")
                    .values(status="interrupted", finished_at=utcnow())
                )
            return len(dead)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first (dead "running" ones marked interrupted first)."""
        self.mark_interrupted_runs()
        with self.session() as s:
            rows = s.scalars(select(Run).order_by(Run.id.desc()).limit(limit)).all()
            return [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "status": r.status,
                    "args": r.args,
                    "counts": r.counts,
                    "versions": r.versions,
                    "started_at": r.started_at,
                    "finished_at": r.finished_at,
                    "host": r.host,
                    "pid": r.pid,
                }
                for r in rows
            ]


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:
        return False
    return True


def _article(row: ArticleRow, session: Session | None, domain: str | None = None) -> Article:
    if domain is None and session is not None and row.outlet_id is not None:
        domain = session.scalar(select(Outlet.domain).where(Outlet.id == row.outlet_id))
    return Article(
        id=row.external_id or str(row.id),
        text=row.text or "",
        url=row.url,
        outlet=domain,
        published=row.published,
        title=row.title,
    )


def open_store(url: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and upgrading as needed) the database ``url``: a SQLite file
    path or an SQLAlchemy URL; default the ``db`` setting (``MARSAD_DB``)."""
    return Store(resolve_url(url), migrate=migrate)
