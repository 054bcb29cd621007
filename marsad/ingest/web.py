"""A fetched (or archived) news page → an :class:`Article` with title, date and section.

trafilatura finds the main text; it drops navigation, footers and "أخبار متعلقة"
blocks.  Title, date and section are read from the page's own markup by
:func:`page_metadata` (trafilatura's metadata pass cost half of the page time and
its date guesser, htmldate, misreads Levantine month names): Open Graph / article /
Dublin Core meta tags, ``<time datetime>``, JSON-LD, then the first Arabic date
written near the top of the page (:func:`marsad.ingest.feeds.parse_feed_date`
understands "١٥ كانون الثاني ٢٠٢٠"), else the date the feed gave.  The text must
pass the same checks as any input (:func:`marsad.ingest.readers.check_text`:
not empty, not too large, mostly Arabic).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from marsad.errors import EmptyInput, MalformedInput
from marsad.ingest.feeds import parse_feed_date
from marsad.ingest.readers import check_text, decode_bytes
from marsad.models import Article

__all__ = ["Page", "extract_page", "page_metadata"]

_SECTION_META = re.compile(
    r'<meta[^>]+(?:property|name)=["\']article:section["\'][^>]+content=["\']([^"\']+)["\']', re.I
)
_META = re.compile(r"<meta\s[^>]*>", re.I)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "publish-date", "date", "dc.date.issued", "dc.date", "article:published", "sailthru.date")
_TIME_TAG = re.compile(r'<time[^>]+datetime=["\']([^"\']+)["\']', re.I)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_JSONLD_SECTION = re.compile(r'"articleSection"\s*:\s*"([^"]+)"')
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")
HEAD_CHARS_FOR_DATE = 4000  # where a visible Arabic date is looked for (the byline zone)
# trafilatura's fallback comparison (readability/jusText) took ~40 % of page time on
# our news templates without changing their text; news pages have a clear <article>.
FAST_EXTRACTION = True


def _metas(html: str) -> dict[str, str]:
    """name/property/itemprop → content of the page's <meta> tags (first wins)."""
    out: dict[str, str] = {}
    for tag in _META.findall(html[:200_000]):
        attrs = {k.lower(): (a if a else b) for k, a, b in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs:
            out.setdefault(key, attrs["content"].strip())
    return out


def _text_of(fragment: str) -> str:
    import html as htmlmod

    return " ".join(htmlmod.unescape(_TAGS.sub(" ", fragment)).split())


def page_metadata(html: str) -> tuple[str | None, dt.date | None, str | None]:
    """(title, date, section) from a page's own markup, cheaply: meta tags
    (Open Graph, article:*, Dublin Core, itemprop), ``<time datetime>``, JSON-LD, then
    an Arabic date written near the top of the page.  No guessing from running text
    (htmldate's extensive search misreads Levantine month names)."""
    metas = _metas(html)
    title = metas.get("og:title") or metas.get("twitter:title")
    if not title:
        m = _H1.search(html) or _TITLE.search(html)
        title = _text_of(m.group(1)) if m else None
        if title and m and m.re is _TITLE:
            title = _SITE_SUFFIX.sub("", title)
    date = None
    candidates = [metas[k] for k in _DATE_KEYS if metas.get(k)]
    candidates += _TIME_TAG.findall(html[:200_000])[:3] + _JSONLD_DATE.findall(html[:200_000])[:1]
    for value in candidates:
        date = parse_feed_date(value)
        if date:
            break
    if date is None:
        date = parse_feed_date(_TAGS.sub(" ", html[: HEAD_CHARS_FOR_DATE * 4])[:HEAD_CHARS_FOR_DATE])
    section = metas.get("article:section")
    if not section:
        m = _JSONLD_SECTION.search(html[:200_000])
        section = m.group(1) if m else None
    return (title or None), date, (section.strip() if section else None) or None


@dataclass(slots=True)
class Page:
    article: Article
    section: str | None


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
        text = trafilatura.extract(html, url=url, favor_recall=True, fast=FAST_EXTRACTION, with_metadata=False,
                                   include_comments=False, output_format="txt")
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise assorted errors on broken markup
        raise MalformedInput(f"HTML could not be parsed ({type(exc).__name__})") from None
    text = (text or "").strip()
    if not text:
        raise EmptyInput("no article text found in the page")
    check_text(text)
    page_title, date, section = page_metadata(html)
    host = (urlsplit(url).hostname or "") if url else ""
    article = Article(
        id=id or url or "",
        text=text,
        url=url,
        outlet=host.removeprefix("www.") or None,
        published=date or published,
        title=(page_title or title or "").strip() or None,
    )
    return Page(article, section)
