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

import copy

import yaml

from marsad import settings
from marsad.errors import DataError

__all__ = ["data_path", "user_data_dir", "load_yaml", "load_user_yaml", "load_lexicon_yaml", "lexicon_version"]


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


def load_lexicon_yaml(name: str) -> Any:
    """``lexicon/<name>`` with the user's ``<user_data>/<name>`` laid over it.

    The user's lists are added to the packaged ones and the user's mappings
    (word → value) to the packaged mappings, at any depth; a top-level name the
    packaged file does not have, or a list where a mapping is expected, is a
    ``DataError`` naming the file.  The cached packaged document is not modified.
    """
    base = load_yaml("lexicon", name)
    user = load_user_yaml(name)
    if user is None:
        return base
    if not isinstance(user, dict):
        raise DataError(f"user {name}: expected a mapping of list names to lists")
    unknown = sorted(set(user) - set(base))
    if unknown:
        raise DataError(f"user {name}: unknown list(s) {', '.join(map(repr, unknown))}")
    merged = copy.deepcopy(base)
    _lay_over(merged, user, name)
    return merged


def _lay_over(base: dict[str, Any], extra: dict[str, Any], where: str) -> None:
    for key, value in extra.items():
        here = f"{where}: {key}"
        if key not in base:
            base[key] = value
        elif isinstance(base[key], list):
            if not isinstance(value, list):
                raise DataError(f"user {here} must be a list")
            base[key].extend(value)
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise DataError(f"user {here} must be a mapping")
            _lay_over(base[key], value, here)
        else:
            base[key] = value


def lexicon_version() -> str:
    return str(load_yaml("lexicon", "VERSION.yaml")["version"])
