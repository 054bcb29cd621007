"""Data flows one way: a stage imports no later stage (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "marsad"

# stage -> the later stages (and the orchestration above them) it must not import
LATER = {
    "ingest": ("store", "geo", "extract", "pipeline", "runs", "api", "web", "scale"),
    "text": ("ingest", "store", "geo", "extract", "pipeline", "runs", "api", "web", "scale"),
}


def _imported(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


@pytest.mark.parametrize("stage", sorted(LATER))
def test_stage_imports_no_later_stage(stage):
    files = sorted((PACKAGE / stage).rglob("*.py"))
    assert files
    bad = []
    for path in files:
        for name in _imported(path):
            parts = name.split(".")
            if parts[0] == "marsad" and len(parts) > 1 and parts[1] in LATER[stage]:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not bad, bad
