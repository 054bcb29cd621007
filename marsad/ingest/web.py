"""A fetched (or archived) news page → an :class:`Article` with title, date and section.

trafilatura finds the main text, title and categories; it drops navigation,
footers and "أخبار متعلقة" blocks.  Dates: only from the page's metadata
(``article:published_time``, ``<time datetime>``, JSON-LD, via htmldate without its
extensive search, which misreads Levantine month names), else the first Arabic
date written near the top of the page (:func:`marsad.ingest.feeds.parse_feed_date`
understands "١٥ كانون الثاني ٢٠٢٠"), else the date the feed gave.  The text must
pass the same checks as any input (:func:`marsad.ingest.readers.check_text`:
not empty, not too large, mostly Arabic).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from marsad.errors import EmptyInput, MalformedInput
from marsad.ingest.feeds import parse_feed_date
from marsad.ingest.readers import check_text, decode_bytes
from marsad.models import Article

__all__ = ["Page", "extract_page"]

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_SECTION_META = re.compile(
    r'<meta[^>]+(?:property|name)=["\']article:section["\'][^>]+content=["\']([^"\']+)["\']', re.I
)
_TAGS = re.compile(r"<[^>]+>")
HEAD_CHARS_FOR_DATE = 4000  # where a visible Arabic date is looked for (the byline zone)
# trafilatura's fallback comparison (readability/jusText) took ~40 % of page time on
# our news templates without changing their text; news pages have a clear <article>.
FAST_EXTRACTION = True


@dataclass(slots=True)
class Page:
    article: Article
    section: str | None


def _section(html: str, data: dict[str, Any]) -> str | None:
    m = _SECTION_META.search(html)
    if m:
        return m.group(1).strip() or None
    cats = data.get("categories")
    if isinstance(cats, list) and cats:
        return str(cats[0]).strip() or None
    if isinstance(cats, str) and cats.strip():
        return cats.split(";")[0].strip() or None
    return None


def extract_page(
    content: bytes | str,
    *,
    url: str | None,
    id: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
) -> Page:
    """Main text and metadata of an HTML page.  ``published``/``title`` (from a feed
    item) are used when the page does not state its own.  Raises an
    :class:`~marsad.errors.InputError` (``empty``, ``not_arabic``, ``malformed`` …)."""
    import trafilatura  # heavy import, only when pages are read

    html = decode_bytes(content) if isinstance(content, bytes) else content
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_recall=True, fast=FAST_EXTRACTION,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise assorted errors on broken markup
        raise MalformedInput(f"HTML could not be parsed ({type(exc).__name__})") from None
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise EmptyInput("no article text found in the page")
    check_text(text)
    date = None
    if data.get("date"):
        try:
            date = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            date = None
    if date is None:
        date = parse_feed_date(_TAGS.sub(" ", html[: HEAD_CHARS_FOR_DATE * 4])[:HEAD_CHARS_FOR_DATE]) or published
    page_title = data.get("title") if isinstance(data.get("title"), str) else None
    host = (urlsplit(url).hostname or "") if url else ""
    article = Article(
        id=id or url or "",
        text=text,
        url=url,
        outlet=host.removeprefix("www.") or None,
        published=date,
        title=(page_title or title or "").strip() or None,
    )
    return Page(article, _section(html, data))
