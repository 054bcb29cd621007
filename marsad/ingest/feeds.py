"""RSS and Atom feeds: the items' links, titles, dates and summaries.

feedparser parses the XML but leaves ``published_parsed`` empty for Arabic dates
("الأربعاء، 8 يناير 2020", "٨ كانون الثاني ٢٠٢٠"): :func:`parse_feed_date` reads
those itself — Egyptian/Gulf month names (يناير …), Levantine/Iraqi ones (كانون
الثاني …), Arabic-Indic digits, an optional weekday, and an optional time that is
ignored — and falls back to RFC 822 / ISO 8601.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from email.utils import parsedate_to_datetime

from marsad.errors import MalformedInput
from marsad.resources import load_lexicon_yaml
from marsad.text.normalize import normalize

__all__ = ["FeedItem", "parse_feed", "parse_feed_date", "looks_like_feed"]


@lru_cache(maxsize=1)
def _arabic_dates() -> tuple[dict[str, int], re.Pattern[str]]:
    """Month names (normalised) → number, and the pattern of "8 يناير 2020" / "٨ من شهر
    كانون الثاني ٢٠٢٠", from the date lexicon (dates.yaml: months, maghrebi_months,
    of_words, month_word), read once."""
    data = load_lexicon_yaml("dates.yaml")
    months = {normalize(str(k)): int(v) for k, v in {**data["months"], **data.get("maghrebi_months", {})}.items()}
    months = {k: v for k, v in months.items() if not k.isascii()}  # English names go to the RFC 822 parser
    alt = "|".join(sorted((re.escape(k) for k in months), key=len, reverse=True))
    of = "|".join(re.escape(normalize(w)) for w in data["of_words"])
    month_word = "|".join(re.escape(normalize(w)) for w in data["month_word"])
    pattern = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:(?:{of})\s+)?(?:(?:{month_word})\s+)?({alt})(?![\w])\s*[,،/-]?\s*(\d{{4}})")
    return months, pattern


_NUMERIC = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def parse_feed_date(value: str | None) -> dt.date | None:
    """The date in a feed's date string, Arabic or RFC 822/ISO; None if none is found
    (or if it is outside 1900-2100: a date that cannot be a news item's)."""
    date = _parse_date(value)
    return date if date is not None and 1900 <= date.year <= 2100 else None


def _parse_date(value: str | None) -> dt.date | None:
    if not value or not value.strip():
        return None
    text = normalize(value)
    months, pattern = _arabic_dates()
    m = pattern.search(text)
    if m:
        return _valid(int(m.group(3)), months[m.group(2)], int(m.group(1)))
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        pass
    m = _NUMERIC.search(text)
    if m:
        if m.group(1):
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _valid(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    return None


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None
    published: dt.date | None
    summary: str | None
    section: str | None


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    """Whether a response is a feed (by type, else by sniffing its first bytes)."""
    if any(t in content_type for t in ("rss", "atom", "application/xml", "text/xml")):
        return True
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in content[:4096].lower() or b"<feed" in content[:4096].lower())
        or head.startswith((b"<rss", b"<feed", b"<rdf"))
    )


def parse_feed(content: bytes, *, base_url: str | None = None) -> list[FeedItem]:
    """Items of an RSS/Atom document with a link, in feed order.  Raises
    :class:`MalformedInput` when the document is not a feed at all; a feed with a
    small syntax error but readable items is accepted (feedparser's "bozo")."""
    import feedparser  # slow import, only when a feed is read

    try:
        parsed = feedparser.parse(content, response_headers={"content-location": base_url} if base_url else None)
    except Exception as exc:  # noqa: BLE001 - feedparser lets decoding errors of damaged bytes escape
        raise MalformedInput(f"not a readable feed: {type(exc).__name__}: {exc}") from None
    if not parsed.entries:
        if parsed.bozo:
            raise MalformedInput(f"not a readable feed: {parsed.get('bozo_exception')}")
        if not parsed.get("version") and not parsed.feed:
            raise MalformedInput("not an RSS or Atom feed")
        return []
    items: list[FeedItem] = []
    for entry in parsed.entries:
        # dict.get, not entry.get: FeedParserDict maps missing published* keys to
        # updated* with a DeprecationWarning per access.
        get = lambda key, e=entry: dict.get(e, key)  # noqa: E731
        link = get("link") or ""
        if not link:
            continue
        date = None
        for key in ("published", "updated", "created", "dc_date"):
            date = parse_feed_date(get(key))
            if date:
                break
        if date is None:
            struct = get("published_parsed") or get("updated_parsed")
            if struct:
                date = dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
        tags = get("tags") or []
        section = tags[0].get("term") if tags and isinstance(tags[0], dict) else None
        items.append(FeedItem(link.strip(), (get("title") or "").strip() or None, date, get("summary"), section))
    if not items and parsed.bozo:
        raise MalformedInput(f"broken feed, no readable item: {parsed.get('bozo_exception')}")
    return items
