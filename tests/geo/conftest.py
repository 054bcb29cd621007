"""Fixtures for the PLACES stage: one resolver for the whole session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("marsad") is None:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from marsad.geo import PlaceResolver, load_gazetteer  # noqa: E402


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def resolver(gazetteer):
    return PlaceResolver(gazetteer)
