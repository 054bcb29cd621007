"""Every setting in one place: name, default, help.

A value comes from, in order: an explicit argument, the environment variable
``MARSAD_<NAME>`` (upper case), the user's settings file (TOML, path in
``MARSAD_CONFIG``, default ``~/.config/marsad/settings.toml``), the default here.
``marsad settings`` prints them all with where each value came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "get", "describe"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    kind: type = str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "marsad.db", "Database: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://…)."),
        Setting("user_data", "", "Folder with the user's own lexicon and place files, laid over the packaged ones."),
        Setting("max_article_bytes", 2_000_000, "Largest article text accepted; larger inputs are skipped (too_large).", int),
        Setting("max_line_bytes", 5_000_000, "Largest JSONL line accepted.", int),
        Setting("max_response_bytes", 10_000_000, "Largest HTTP response body read when fetching.", int),
        Setting("fetch_timeout", 20.0, "Seconds before an HTTP request is abandoned.", float),
        Setting("fetch_retries", 3, "Retries (with exponential backoff) for failed HTTP requests.", int),
        Setting("fetch_rate", 1.0, "Seconds to wait between two requests to the same host.", float),
        Setting("fetch_max_redirects", 5, "Redirects followed at most.", int),
        Setting(
            "allow_private_addresses", False, "Allow fetching loopback/private/link-local addresses (off: SSRF guard).", bool
        ),
        Setting(
            "user_agent",
            "Marsad/0.1 (+https://github.com/marsad-project/marsad; Arabic conflict monitor)",
            "User-Agent sent when fetching.",
        ),
        Setting("host", "127.0.0.1", "Address `marsad serve` binds to."),
        Setting("port", 8000, "Port `marsad serve` listens on.", int),
        Setting(
            "allowed_hosts",
            "localhost",
            "Host names the API answers to besides IP addresses (comma-separated; "
            "against DNS rebinding). Add the name of a reverse proxy here.",
            str,
        ),
        Setting("api_token", "", "Token that enables the write endpoints of the API (empty: read-only).", str),
        Setting("max_page_size", 1000, "Largest page the API returns.", int),
        Setting(
            "api_threads",
            0,
            "Threads answering API requests in each server process; 0: 2 on SQLite (more only "
            "take turns on Python's lock; use `marsad serve --workers` for more cores), 8 on "
            "PostgreSQL (its requests mostly wait on the database server).",
            int,
        ),
        Setting(
            "api_cache_mb",
            64.0,
            "Memory (MB) for the API's answer cache in each server process; an answer is reused "
            "only until the database changes (0: no cache).",
            float,
        ),
    )
}


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.kind is bool and isinstance(value, str):
        low = value.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"setting {setting.name!r}: expected true/false, got {value!r}")
    try:
        return setting.kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name!r}: cannot read {value!r} as {setting.kind.__name__}") from exc


def _config_path() -> Path:
    return Path(os.environ.get("MARSAD_CONFIG") or Path.home() / ".config" / "marsad" / "settings.toml")


@lru_cache(maxsize=8)
def _file_values(path: str) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        return {}
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"settings file {p}: {exc}") from exc
    unknown = set(data) - set(SETTINGS)
    if unknown:
        raise ConfigError(f"settings file {p}: unknown setting(s) {', '.join(sorted(unknown))}")
    return data


def get(name: str, override: Any = None) -> Any:
    """The value of setting ``name`` (see module docstring for the order)."""
    return describe(name, override)[0]


def describe(name: str, override: Any = None) -> tuple[Any, str]:
    """(value, origin) of a setting; origin is 'argument', 'environment', 'file' or 'default'."""
    try:
        setting = SETTINGS[name]
    except KeyError:
        raise ConfigError(f"unknown setting {name!r}") from None
    if override is not None:
        return _coerce(setting, override), "argument"
    env = os.environ.get(f"MARSAD_{name.upper()}")
    if env is not None:
        return _coerce(setting, env), "environment"
    values = _file_values(str(_config_path()))
    if name in values:
        return _coerce(setting, values[name]), "file"
    return setting.default, "default"
