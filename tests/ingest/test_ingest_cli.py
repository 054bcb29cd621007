"""`marsad ingest` as a user runs it (issue 13, defect 6): its exit code, what it
prints about hostile input, the form of its skip keys, and its declared dependencies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from ingest_site import STORIES, Server, Site, standard_site

ROOT = Path(__file__).resolve().parents[2]


def _marsad(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "MARSAD_CONFIG": "/nonexistent/settings.toml", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "marsad", *args], env=full, capture_output=True, text=True, timeout=120, input=stdin
    )


def test_every_source_refused_is_exit_1_naming_the_setting(tmp_path: Path) -> None:
    site = Site()
    with Server(site):
        standard_site(site)
        urls = [site.base + "/feed.xml", site.base + "/news/saraqib", site.base + "/news/bab"]
        env = {k: v for k, v in os.environ.items() if k != "MARSAD_ALLOW_PRIVATE_ADDRESSES"}
        env["MARSAD_ALLOW_PRIVATE_ADDRESSES"] = "0"
        res = _marsad("ingest", *urls, "--db", str(tmp_path / "m.db"), env=env)
    assert res.returncode == 1, res.stderr
    assert "0 stored" in res.stderr and "3 skipped" in res.stderr
    assert res.stderr.count(": private_address: ") == 3
    assert "allow_private_addresses" in res.stderr and "MARSAD_ALLOW_PRIVATE_ADDRESSES" in res.stderr


def test_clean_ingest_is_exit_0(tmp_path: Path) -> None:
    src = tmp_path / "ok.jsonl"
    src.write_text(json.dumps({"id": "a", "text": STORIES["bab"][1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = _marsad("ingest", str(src), "--db", str(tmp_path / "m.db"))
    assert res.returncode == 0 and "1 stored" in res.stderr, res.stderr


def test_archive_header_bytes_are_printed_escaped(tmp_path: Path) -> None:
    """A WARC whose first line carries terminal escape sequences: the skip message
    quotes it, escaped, so nothing runs in the user's terminal."""
    warc = tmp_path / "evil.warc"
    warc.write_bytes(b"\x1b]0;owned\x07\x1b[2J\x1b[31mRED WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"\x9b" * 10)
    res = _marsad("ingest", str(warc), "--db", str(tmp_path / "m.db"))
    assert res.returncode == 1
    assert "skipped" in res.stderr
    assert not any(c in res.stderr for c in "\x1b\x07\x9b"), repr(res.stderr)
    assert "\\x1b" in res.stderr


def test_ingest_and_extract_name_a_skipped_line_the_same_way(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": STORIES["bab"][1]}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    ing = _marsad("ingest", str(src), "--db", str(tmp_path / "m.db"))
    ext = _marsad("extract", str(src), "-o", str(tmp_path / "out.jsonl"))
    key = f"{src}#2"
    assert ing.returncode == 1 and ext.returncode == 1
    assert f"skipped {key}: malformed" in ing.stderr, ing.stderr
    assert f"skipped {key}: malformed" in ext.stderr, ext.stderr


def test_html_cleaning_dependency_is_declared() -> None:
    """lxml >= 5.2 moved lxml.html.clean (which trafilatura imports) to the separate
    lxml_html_clean package: `pip install -e .` in a fresh venv left it out and every
    HTML ingest failed.  It must be a declared dependency, and importable."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_") for d in deps}
    assert {"lxml_html_clean", "lxml"} <= names
    import lxml.html.clean  # noqa: F401  (the import trafilatura makes)
