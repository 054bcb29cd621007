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
]


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
