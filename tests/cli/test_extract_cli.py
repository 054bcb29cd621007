"""`marsad extract` as SPEC §6 describes it, through a real subprocess."""

import json
import subprocess
import sys

GOOD = {
    "id": "g1",
    "url": None,
    "outlet": None,
    "published": "2024-05-02",
    "title": None,
    "text": "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل مدنيين اثنين.",
}


def run(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_bad_lines_are_named_skipped_and_the_rest_comes_out(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x", "text": ""}),
        json.dumps({"id": "y", "text": "This line is English only, not Arabic at all."}),
        json.dumps({**GOOD, "id": "g2", "published": "02/05/2024"}),
        json.dumps({**GOOD, "id": "g3"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run(["extract", str(path)])
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    ids = [json.loads(line)["article_id"] for line in out.stdout.splitlines()]
    assert ids == ["g1", "g3"]
    for lineno, reason in [(2, "malformed"), (3, "empty"), (4, "not_arabic"), (5, "malformed")]:
        assert f"in.jsonl#{lineno}: {reason}" in out.stderr, out.stderr  # the key ingest stores and prints
    event = json.loads(out.stdout.splitlines()[0])["events"][0]
    assert event["location"]["place_id"] == "C4068" and event["fatalities"] == 2


def test_stdin_and_output_file(tmp_path):
    target = tmp_path / "out.jsonl"
    out = run(["extract", "-", "-o", str(target)], stdin=json.dumps(GOOD, ensure_ascii=False) + "\n")
    assert out.returncode == 0, out.stderr
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["article_id"] == "g1" and record["events"]


def test_txt_and_html_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("عنوان الخبر\n" + GOOD["text"], encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>خبر</title></head><body><nav>الرئيسية</nav><article><h1>خبر</h1><p>"
        + GOOD["text"]
        + "</p><p>"
        + GOOD["text"].replace("كفرنبل", "حاس")
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    out = run(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.html")])
    assert out.returncode == 0, out.stderr
    ids = [json.loads(line)["article_id"] for line in out.stdout.splitlines()]
    assert ids == ["a", "b"]


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    out = run(["extract", str(tmp_path / "nope.jsonl")])
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "nope.jsonl" in out.stderr


def test_explain_says_why(tmp_path):
    out = run(["extract", "--explain"], stdin=json.dumps(GOOD, ensure_ascii=False) + "\n")
    event = json.loads(out.stdout)["events"][0]
    assert "rule Explosions/Remote violence" in event["explain"] and "C4068" in event["explain"]


def test_classify_cli():
    out = run(["classify"], stdin=json.dumps(GOOD, ensure_ascii=False) + "\n")
    assert json.loads(out.stdout) == {"id": "g1", "event_types": ["Explosions/Remote violence"]}
