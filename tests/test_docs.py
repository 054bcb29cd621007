"""Every CLI command and every setting is documented (README.md or docs/)."""

import re
from pathlib import Path

import pytest

from marsad.cli import cli
from marsad.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_documented(name):
    assert re.search(rf"marsad {re.escape(name)}\b", DOCS), f"`marsad {name}` is not described in README.md or docs/"


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_setting_is_documented(name):
    assert f"`{name}`" in DOCS and f"MARSAD_{name.upper()}" in DOCS


def test_readme_has_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "make check" in ci  # CI: the linters, then the tests
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    check_recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "pytest -q" in test_recipe  # the README's test command runs the tests
    prerequisites = check_recipe.split("\n", 1)[0].split()
    assert "lint" in prerequisites and "test" in prerequisites  # CI: the linters, then the README's test command
    assert "CI runs `.ci/run`, which calls\n`make check`" in readme
