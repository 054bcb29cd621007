"""Packaged data files, loaded once.

Everything Marsad knows about words and places lives in versioned files under
``marsad/data`` (lexicons as YAML, gazetteer as CSV/GeoJSON).  They are read
through :func:`data_path` / :func:`load_yaml` so that a user folder (setting
``user_data``) can add to them without touching the package.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad import settings
from marsad.errors import DataError

__all__ = ["data_path", "user_data_dir", "load_yaml", "lexicon_version"]


def data_path(*parts: str) -> Path:
    """Path of a packaged data file, e.g. ``data_path('lexicon', 'actors.yaml')``."""
    node = resources.files("marsad").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return Path(str(node))


def user_data_dir() -> Path | None:
    value = settings.get("user_data")
    return Path(value).expanduser() if value else None


@lru_cache(maxsize=64)
def _read_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read data file {path}: {exc}") from exc


def load_yaml(*parts: str) -> Any:
    """Parsed YAML of a packaged data file (cached)."""
    return _read_yaml(str(data_path(*parts)))


def load_user_yaml(name: str) -> Any | None:
    """Parsed YAML of ``<user_data>/<name>`` if the user has one, else None."""
    folder = user_data_dir()
    if folder is None:
        return None
    path = folder / name
    if not path.is_file():
        return None
    return _read_yaml(str(path))


def lexicon_version() -> str:
    return str(load_yaml("lexicon", "VERSION.yaml")["version"])
