"""A skipped input always carries a reason code, which is stored and shown:
on stderr by ``marsad ingest``, in the database (``fetches``), and by the API
(``GET /api/skips``)."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from marsad.api import create_app

ROOT = Path(__file__).resolve().parents[2]
GOOD = "قتل ثلاثة مدنيين جراء قصف مدفعي على بلدة سرمين في ريف إدلب الشرقي صباح اليوم."

BAD_LINES = {  # line content → the reason it must be skipped with
    "{not json": "malformed",
    json.dumps({"id": "e", "text": "   "}): "empty",
    json.dumps({"id": "en", "text": "A plain English sentence about the weather today."}): "not_arabic",
    json.dumps({"id": "big", "text": "ب" * 3000}): "too_large",
    json.dumps({"id": "nul", "text": "قتل\u0000 شخص"}): "malformed",
    json.dumps({"id": "d", "text": GOOD, "published": "2020-02-30"}): "malformed",
}


def test_every_skip_is_shown_stored_and_served(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False), *BAD_LINES]
    data = (
        "\n".join(lines).encode("utf-8")
        + b"\n"
        + json.dumps({"id": "cp"}).encode()[:-1]
        + b', "text": "'
        + "قصف على حلب".encode("cp1256")
        + b'\xff\xfe\x00"}\n'
    )
    src.write_bytes(data)
    utf16 = tmp_path / "u16.jsonl"
    utf16.write_bytes(
        codecs.BOM_UTF16_LE + (json.dumps({"id": "u", "text": GOOD}, ensure_ascii=False) + "\n").encode("utf-16-le") + b"\x00\xd8"
    )  # a broken surrogate at the end
    db = tmp_path / "s.db"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MARSAD_CONFIG": str(tmp_path / "none.toml"),
        "MARSAD_MAX_ARTICLE_BYTES": "4000",
    }
    res = subprocess.run(
        [sys.executable, "-m", "marsad", "ingest", str(src), str(utf16), str(tmp_path / "gone.txt"), "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expected = sorted([*BAD_LINES.values(), "encoding", "encoding", "missing"])  # cp1256+NUL line, broken UTF-16
    # shown: each skip on stderr with where it was and why
    shown = [line for line in res.stderr.splitlines() if "skipped" in line and ": " in line]
    for reason in set(expected):
        assert any(f": {reason}: " in line for line in shown), (reason, res.stderr)
    # stored and served
    with TestClient(create_app(str(db))) as c:
        body = c.get("/api/skips", params={"limit": 100}).json()
        got = sorted(i["reason"] for i in body["items"])
        assert got == expected, (got, expected)
        assert body["total"] == len(body["items"]) == sum(body["reasons"].values())
        assert all(i["key"] and i["reason"] for i in body["items"])
        only = c.get("/api/skips", params={"reason": "not_arabic"}).json()["items"]
        assert [i["reason"] for i in only] == ["not_arabic"]
        assert c.get("/api/skips", params={"reason": "x' OR 1=1"}).status_code == 422
        assert c.get("/api/skips", params={"limit": 10**6}).status_code == 422
