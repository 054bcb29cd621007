"""The same text under another URL, outlet or date (an agency wire carried by several
outlets, a report republished later) is another article: stored, linked to the first
(reason ``identical_text``, similarity 1.0) and processed, never dropped (issue 13).
Same day: one event with both sources.  Another day: another incident, its own event."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from marsad.runs import ingest, process
from marsad.store import open_store
from marsad.store.schema import ArticleRow

TITLE = "قصف مدفعي على سراقب"
TEXT = (
    "إدلب - وكالة الأنباء\n"
    "قتل ثلاثة مدنيين وأصيب آخرون، اليوم، جراء قصف مدفعي لقوات النظام على مدينة سراقب في ريف إدلب الشرقي، "
    "بحسب ما أفاد مراسل الوكالة. وأضاف المراسل أن القصف استهدف منازل المدنيين وأن فرق الدفاع المدني "
    "عملت على انتشال الضحايا ونقل المصابين إلى المشافي القريبة."
)


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    path.write_text(
        "".join(
            json.dumps(
                {"id": url, "url": url, "outlet": outlet, "published": day, "title": TITLE, "text": TEXT}, ensure_ascii=False
            )
            + "\n"
            for url, outlet, day in rows
        ),
        encoding="utf-8",
    )


def test_identical_text_same_day_two_outlets_is_stored_linked_and_one_event(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    _write(
        path,
        [
            ("https://agency.example/1", "agency.example", "2021-03-02"),
            ("https://paper.example/9", "paper.example", "2021-03-02"),
        ],
    )
    report = ingest([str(path)], db=db_url, quiet=True)
    assert report.stored == 2 and report.duplicates == 0 and report.skipped == 0
    assert process(db=db_url, quiet=True).articles == 2
    with open_store(db_url) as store:
        with store.session() as s:
            rows = s.execute(
                select(
                    ArticleRow.url, ArticleRow.duplicate_of, ArticleRow.reason, ArticleRow.similarity, ArticleRow.text
                ).order_by(ArticleRow.id)
            ).all()
        (url1, dup1, _, _, text1), (url2, dup2, reason2, sim2, text2) = rows
        assert dup1 is None and reason2 == "identical_text" and sim2 == 1.0 and text2 == text1
        with store.session() as s:
            first_id = s.scalar(select(ArticleRow.id).where(ArticleRow.url == url1))
        assert dup2 == first_id
        page = store.query_events(limit=None)
        assert page.total == 1, [e.to_dict() for e in page.items]
        (event,) = page.items
        assert event.event.event_date.isoformat() == "2021-03-02"
        assert sorted(s.url for s in event.sources) == sorted([url1, url2])
        assert not any(s.near_duplicate for s in event.sources)  # both report it: processed, not merely listed


def test_identical_text_on_another_day_is_its_own_event(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "again.jsonl"
    _write(
        path,
        [
            ("https://agency.example/1", "agency.example", "2021-03-02"),
            ("https://agency.example/2", "agency.example", "2021-03-09"),  # the same wording a week later
            ("https://paper.example/5", "paper.example", "2021-03-03"),  # another outlet, the next day
        ],
    )
    assert ingest([str(path)], db=db_url, quiet=True).stored == 3
    process(db=db_url, quiet=True)
    with open_store(db_url) as store:
        page = store.query_events(limit=None, order="date_asc")
        days = [(e.event.event_date.isoformat(), [s.url for s in e.sources]) for e in page.items]
        assert days == [
            ("2021-03-02", ["https://agency.example/1"]),
            ("2021-03-03", ["https://paper.example/5"]),
            ("2021-03-09", ["https://agency.example/2"]),
        ]


def test_the_same_file_twice_stores_nothing_new(db_url: str, tmp_path: Path) -> None:
    """Identical texts with nothing to tell them apart (no URL, same outlet and date) are one article."""
    path = tmp_path / "plain.jsonl"
    line = json.dumps(
        {"id": "x", "outlet": "agency.example", "published": "2021-03-02", "title": TITLE, "text": TEXT}, ensure_ascii=False
    )
    path.write_text(line + "\n" + line.replace('"x"', '"y"') + "\n", encoding="utf-8")
    first = ingest([str(path)], db=db_url, quiet=True)
    assert (first.stored, first.duplicates) == (1, 1)
    again = ingest([str(path)], db=db_url, quiet=True)
    assert again.stored == 0
