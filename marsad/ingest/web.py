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

_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "article:published",
    "sailthru.date",
)
# Patterns run only on bounded strings, and none can backtrack past the next quote or
# bracket: regexes such as "<h1[^>]*>(.*?)</h1>" over a whole page took 98 s on 256 KB
# of "<h1" (quadratic); the tags themselves are now found by lxml's parser.
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{1,100})"')
_JSONLD_SECTION = re.compile(r'"articleSection"\s*:\s*"([^"]{1,200})"')
_TAGS = re.compile(r"<[^<>]*>")
_SITE_SUFFIX = re.compile(r" [|–—-] [^|–—-]{1,40}$")
HEAD_CHARS_FOR_DATE = 4000  # where a visible Arabic date is looked for (the byline zone)
METADATA_CHARS = 300_000  # metadata is read from the start of the page only
TITLE_CHARS = 500
# trafilatura's fallback comparison (readability/jusText) took ~40 % of page time on
# our news templates without changing their text; news pages have a clear <article>.
FAST_EXTRACTION = True


def _tree(html: str):  # type: ignore[no-untyped-def]
    """The start of the page parsed by lxml (linear, recovers from any markup); None if unparsable."""
    from lxml import etree, html as lxml_html

    head = html[:METADATA_CHARS]
    if not head.strip():
        return None
    try:
        return lxml_html.document_fromstring(head, parser=lxml_html.HTMLParser(recover=True, huge_tree=False))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _metas(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """name/property/itemprop → content of the page's <meta> tags (first wins)."""
    out: dict[str, str] = {}
    for tag in doc.iter("meta"):
        attrs = {str(k).lower(): v for k, v in tag.attrib.items()}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs:
            out.setdefault(key, attrs["content"].strip())
    return out


def _first_text(doc, tag: str) -> str | None:  # type: ignore[no-untyped-def]
    for el in doc.iter(tag):
        text = " ".join(el.text_content()[: TITLE_CHARS * 4].split())[:TITLE_CHARS]
        if text:
            return text
    return None


def page_metadata(html: str) -> tuple[str | None, dt.date | None, str | None]:
    """(title, date, section) from a page's own markup, cheaply: meta tags
    (Open Graph, article:*, Dublin Core, itemprop), ``<time datetime>``, JSON-LD, then
    an Arabic date written near the top of the page.  No guessing from running text
    (htmldate's extensive search misreads Levantine month names).  Only the first
    :data:`METADATA_CHARS` characters are read, parsed by lxml: the work is linear
    and bounded whatever the page holds."""
    doc = _tree(html)
    if doc is None:
        return None, None, None
    metas = _metas(doc)
    title = metas.get("og:title") or metas.get("twitter:title")
    if not title:
        title = _first_text(doc, "h1")
        if not title:
            title = _first_text(doc, "title")
            if title:
                title = _SITE_SUFFIX.sub("", title)
    title = title[:TITLE_CHARS] if title else None
    head = html[:METADATA_CHARS]
    candidates = [metas[k] for k in _DATE_KEYS if metas.get(k)]
    candidates += [el.get("datetime") for el in doc.iter("time") if el.get("datetime")][:3]
    candidates += [m.group(1) for m in _JSONLD_DATE.finditer(head)][:1]
    date = None
    for value in candidates:
        date = parse_feed_date(value[:100])
        if date:
            break
    if date is None:
        date = parse_feed_date(_TAGS.sub(" ", html[: HEAD_CHARS_FOR_DATE * 4])[:HEAD_CHARS_FOR_DATE])
    section = metas.get("article:section")
    if not section:
        m = _JSONLD_SECTION.search(head)
        section = m.group(1) if m else None
    return (title or None), date, (section.strip()[:255] if section else None) or None


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
        text = trafilatura.extract(
            html,
            url=url,
            favor_recall=True,
            fast=FAST_EXTRACTION,
            with_metadata=False,
            include_comments=False,
            output_format="txt",
        )
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
