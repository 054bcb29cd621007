"""The README's worked example is run and compared with what it says.

Nothing is hard-coded here: the article, the command and the output are read from
README.md, the command is run on the bundled samples, and the two outputs must be
equal.  When the extractor (or a lexicon or gazetteer version) changes what this
article gives, this test fails with the differences: update the README's example
with the new output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from marsad.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## A worked example")
    return readme[start : readme.index("\n## ", start + 1)]


def _differences(said: Any, got: Any, path: str = "") -> list[str]:
    if isinstance(said, dict) and isinstance(got, dict):
        out = [f"{path}.{k}: README has it, the output does not" for k in said.keys() - got.keys()]
        out += [f"{path}.{k}: in the output, not in the README" for k in got.keys() - said.keys()]
        for k in said.keys() & got.keys():
            out += _differences(said[k], got[k], f"{path}.{k}")
        return out
    if isinstance(said, list) and isinstance(got, list):
        out = [f"{path}: README shows {len(said)} items, the output has {len(got)}"] if len(said) != len(got) else []
        for i, (a, b) in enumerate(zip(said, got)):
            out += _differences(a, b, f"{path}[{i}]")
        return out
    return [] if said == got else [f"{path}: README says {said!r}, the output is {got!r}"]


def test_readme_worked_example_is_the_real_output() -> None:
    section = _section()
    command = re.search(r"\$ \.venv/bin/marsad extract (\S+) \| sed -n (\d+)p", section)
    assert command, "the worked example's command is not where this test looks for it"
    path, line = command.group(1), int(command.group(2))
    said = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    res = CliRunner().invoke(cli, ["extract", str(ROOT / path)])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout.splitlines()[line - 1])
    diffs = _differences(said, got)
    assert not diffs, (
        "README.md's worked example is out of date; paste the output of "
        f"`marsad extract {path} | sed -n {line}p` into it:\n" + "\n".join(diffs)
    )


def test_readme_quotes_the_sample_article() -> None:
    section = _section()
    command = re.search(r"\$ \.venv/bin/marsad extract (\S+) \| sed -n (\d+)p", section)
    path, line = command.group(1), int(command.group(2))
    article = json.loads((ROOT / path).read_text(encoding="utf-8").splitlines()[line - 1])
    quoted = " ".join(ln[1:].strip() for ln in section.splitlines() if ln.startswith(">"))
    assert quoted == " ".join(article["text"].split())
    assert f"published {article['published']}" in section
