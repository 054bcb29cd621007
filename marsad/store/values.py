"""Values as the store keeps them: column bounds, NUL-free strings, HTTP validators that
fit, fetch keys, content hashes and outlets."""

from __future__ import annotations

from urllib.parse import urlsplit

import xxhash

from marsad.store.schema import ArticleRow, Fetch, Outlet
from marsad.text.normalize import normalize

__all__ = ["MAX_URL_CHARS", "content_hash", "fetch_key", "outlet_of"]

# Column bounds, enforced here for every backend: PostgreSQL refuses a longer value
# (StringDataRightTruncation) and NUL characters, and one refused row used to end
# the whole batch; SQLite stores anything, so only PostgreSQL showed it.
MAX_URL_CHARS = ArticleRow.__table__.c.url.type.length  # 2,048: longer URLs are refused (reason bad_url)
_KEY_CHARS = Fetch.__table__.c.key.type.length
_DOMAIN_CHARS = Outlet.__table__.c.domain.type.length
_ETAG_CHARS = Fetch.__table__.c.etag.type.length
_LAST_MODIFIED_CHARS = Fetch.__table__.c.last_modified.type.length


def _clean(value: str | None, limit: int | None = None) -> str | None:
    """``value`` without NUL characters (PostgreSQL cannot store them), cut at ``limit``."""
    if value is None:
        return None
    value = value.replace("\x00", "")
    return value[:limit] if limit else value


def _validator(value: str | None, limit: int) -> str | None:
    """An HTTP validator (ETag, Last-Modified) if it fits its column: a cut one would
    never match again, so a longer one is dropped (no conditional GET, no error)."""
    return value if value is not None and len(value) <= limit and "\x00" not in value else None


def fetch_key(key: str) -> str:
    """``key`` (a URL or ``path#line``) as stored in ``fetches.key``: a key longer
    than the column keeps its start and ends with a hash of the whole, so two long
    URLs sharing their first 2,048 characters stay two rows."""
    key = key.replace("\x00", "")
    if len(key) <= _KEY_CHARS:
        return key
    return key[: _KEY_CHARS - 33] + "#" + xxhash.xxh3_128_hexdigest(key.encode("utf-8", "surrogatepass"))


def content_hash(text: str) -> str:
    """Hash of the normalised text: the "same text" test (32 hex digits)."""
    return xxhash.xxh3_128_hexdigest(normalize(text).encode("utf-8"))


def outlet_of(url: str | None) -> str | None:
    """The publishing domain of ``url`` without ``www.``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)
