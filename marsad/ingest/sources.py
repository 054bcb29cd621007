"""What kind of source a SOURCE argument is, and the items each kind yields.

* ``http(s)://…`` — fetched; a feed (by Content-Type or by sniffing) yields its
  items' pages, anything else is one page;
* ``*.warc`` / ``*.warc.gz`` — archived HTML pages (:mod:`marsad.ingest.warc`);
* ``*.rss`` / ``*.atom`` / ``*.xml`` — a feed saved to disk: its items are fetched;
* anything else (JSONL, ``.txt``, ``.html``, folders, ``-`` for stdin) — read by
  :func:`marsad.ingest.readers.read_inputs`.

A source yields :class:`Item` s: an article ready to store, or a page to fetch, or
a skip with its reason code.  Fetching happens in :mod:`marsad.runs`, which
owns the store and the fetcher.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.errors import InputError
from marsad.ingest.warc import is_warc
from marsad.models import Article

__all__ = ["Item", "kind_of", "FEED_SUFFIXES", "iter_local"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(slots=True)
class Item:
    """One unit of ingest work: an ``article`` ready to store, an ``html`` page (at
    ``url``) to extract, a ``url`` alone to fetch, or an ``error`` (a skip)."""

    key: str
    source: str
    article: Article | None = None
    html: bytes | None = None
    url: str | None = None
    error: InputError | None = None
    published: dt.date | None = None  # hint from a feed item or WARC header
    title: str | None = None
    section: str | None = None


def kind_of(source: str) -> str:
    """``url``, ``warc``, ``feed_file`` or ``files``."""
    low = source.lower()
    if low.startswith(("http://", "https://")):
        return "url"
    if "://" in source:
        return "bad_url"
    if is_warc(source):
        return "warc"
    if low.endswith(FEED_SUFFIXES):
        return "feed_file"
    return "files"


def iter_local(source: str, *, max_bytes: int) -> Iterator[Item]:
    """Items of a local source (not a URL)."""
    kind = kind_of(source)
    if kind == "warc":
        from marsad.ingest.warc import iter_warc

        for page in iter_warc(source, max_bytes=max_bytes):
            if page.error is not None:
                yield Item(page.key, source, error=page.error)
            else:
                yield Item(page.key, source, html=page.content, url=page.url, published=page.date)
        return
    if kind == "feed_file":
        from marsad.errors import MalformedInput
        from marsad.ingest.feeds import parse_feed

        try:
            with open(source, "rb") as fh:
                content = fh.read(max_bytes + 1)
            items = parse_feed(content)
        except OSError as exc:
            yield Item(source, source, error=InputError(str(exc), reason="missing"))
            return
        except MalformedInput as exc:
            yield Item(source, source, error=exc)
            return
        for it in items:
            yield Item(it.url, source, url=it.url, published=it.published, title=it.title, section=it.section)
        return
    from marsad.ingest.readers import read_inputs

    skips: list = []
    for article in read_inputs([source], on_skip=skips.append):
        while skips:
            yield _skip_item(skips.pop(0), source)
        yield Item(f"{source}#{article.id}", source, article=article)
    while skips:
        yield _skip_item(skips.pop(0), source)


def _skip_item(skip, source: str) -> Item:  # type: ignore[no-untyped-def]
    return Item(skip.key, source, error=InputError(skip.message, reason=skip.reason))
