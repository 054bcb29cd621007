"""Marsad's exception tree.  One root, so callers can catch everything Marsad raises::

    MarsadError
    ├── InputError            an input could not be read (carries a reason code)
    │   ├── EmptyInput            reason "empty"
    │   ├── EncodingError         reason "encoding"
    │   ├── TooLarge              reason "too_large"
    │   ├── NotArabic             reason "not_arabic"
    │   └── MalformedInput        reason "malformed" (bad JSON, bad feed, bad WARC …)
    ├── DataError             a packaged or user data file is broken
    ├── FetchError            an HTTP fetch failed or was refused (reason code)
    ├── StoreError            the database refused an operation
    └── ConfigError           a setting has an unusable value

Library code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "MarsadError",
    "InputError",
    "EmptyInput",
    "EncodingError",
    "TooLarge",
    "NotArabic",
    "MalformedInput",
    "DataError",
    "FetchError",
    "StoreError",
    "ConfigError",
    "printable",
]


def printable(text: str, limit: int = 2000) -> str:
    """``text`` safe to print on a terminal: control and format characters (ESC, CR,
    bidi overrides, NUL …) written as ``\\x1b``-style escapes, at most ``limit``
    characters.  Messages quote bytes of hostile inputs (a WARC header line, a URL);
    printed raw, an escape sequence in them would run in the user's terminal."""
    import unicodedata

    out = []
    for ch in text[:limit]:
        if ch == "\n" or (ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Cs", "Co")):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"))
    return "".join(out) + ("…" if len(text) > limit else "")


class MarsadError(Exception):
    """Root of every error Marsad raises on purpose."""


class InputError(MarsadError):
    """An input was skipped; ``reason`` is a short stable code, stored and shown."""

    reason = "invalid"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason:
            self.reason = reason


class EmptyInput(InputError):
    reason = "empty"


class EncodingError(InputError):
    reason = "encoding"


class TooLarge(InputError):
    reason = "too_large"


class NotArabic(InputError):
    reason = "not_arabic"


class MalformedInput(InputError):
    reason = "malformed"


class DataError(MarsadError):
    """A lexicon, gazetteer or user data file cannot be used."""


class FetchError(MarsadError):
    def __init__(self, message: str, *, reason: str = "fetch_failed") -> None:
        super().__init__(message)
        self.reason = reason


class StoreError(MarsadError):
    pass


class ConfigError(MarsadError):
    pass
