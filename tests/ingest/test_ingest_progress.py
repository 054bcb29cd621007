"""The ingest progress bar's total: known before reading for local files, WARC
records and saved feeds; each counted item is one the ingest then reports on."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_site import STORIES, page
from test_ingest_warc_files import write_warc

from marsad.runs import ingest
from marsad.ingest.progress import local_total

TEXT = "قتل ثلاثة مدنيين جراء قصف مدفعي على بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم، بحسب ناشطين محليين."


def test_total_matches_what_ingest_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": f"j{i}", "text": f"{TEXT} ({i})"}, ensure_ascii=False) for i in range(3)]
    (folder / "a.jsonl").write_text("\n".join([*lines, "", "{broken"]) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("عنوان\n" + TEXT + " نص آخر", encoding="utf-8")
    (folder / "notes.md").write_text("not read", encoding="utf-8")  # the readers skip it: not counted
    warc = tmp_path / "crawl.warc.gz"
    pages = [(f"https://example.org/{k}", page(t, x), "200 OK") for k, (t, x) in STORIES.items()]
    pages.append(("https://example.org/gone", b"", "404 Not Found"))
    write_warc(warc, pages)
    sources = [str(folder), str(warc), str(tmp_path / "missing.jsonl")]
    total = local_total(sources, max_bytes=10_000_000)
    assert total == 4 + 1 + len(pages) + 1  # 4 non-blank lines, one .txt, the WARC's HTML responses, one skip
    report = ingest(sources, db=str(tmp_path / "m.db"), quiet=True)
    # near-duplicates are stored too (issue #13: a near-duplicate is a link, never a skip)
    assert report.near_duplicates <= report.stored
    assert report.stored + report.duplicates + report.skipped == total


def test_saved_feed_counts_its_items_and_stdin_is_unknown(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    items = "".join(f"<item><title>t{i}</title><link>https://example.org/{i}</link></item>" for i in range(5))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>', encoding="utf-8")
    assert local_total([str(feed)], max_bytes=1_000_000) == 5
    assert local_total([str(feed), "https://example.org/feed"], max_bytes=1_000_000) == 5  # URLs add as they arrive
    assert local_total(["-"], max_bytes=1_000_000) is None
