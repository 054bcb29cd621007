"""The curated public API: every name in marsad.__all__ resolves, lazily."""

import subprocess
import sys

import marsad


def test_every_exported_name_resolves():
    for name in marsad.__all__:
        assert getattr(marsad, name) is not None, name


def test_import_is_light():
    # `import marsad` must not pull in the database, web or cluster stacks
    code = "import sys, marsad; print(any(m in sys.modules for m in ('sqlalchemy', 'fastapi', 'distributed')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
