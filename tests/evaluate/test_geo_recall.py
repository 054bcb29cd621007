"""Geo recall counts a gold place only when the evidence (or, with fallback,
the article's earlier place) resolves to it."""

import json

import pytest

from marsad.evaluate.geo_recall import geo_recall


def _gold(tmp_path, articles):
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return p


ARTICLE = {
    "id": "g1",
    "title": "قصف مدفعي على ريف حماة",
    "text": "سقطت قذائف على بلدة كفرزيتا فجر اليوم. وأصيب ثلاثة مدنيين بجروح. وتعرضت قرية دوما في ريف حماة لقصف مماثل.",
    "events": [
        {"evidence": "سقطت قذائف على بلدة كفرزيتا فجر اليوم.", "location": {"name_ar": "كفرزيتا", "place_id": "C3463"}},
        # names no place: only the fallback finds كفرزيتا
        {"evidence": "وأصيب ثلاثة مدنيين بجروح.", "location": {"name_ar": "كفرزيتا", "place_id": "C3463"}},
        # the Hama village, not the Damascus city of that name
        {"evidence": "وتعرضت قرية دوما في ريف حماة لقصف مماثل.", "location": {"name_ar": "دوما", "place_id": "C3076"}},
        {"evidence": "وتعرضت قرية دوما في ريف حماة لقصف مماثل.", "location": {"name_ar": "دوما", "place_id": "C2338"}},
        {"evidence": "لا مكان هنا", "location": {"name_ar": None, "place_id": None}},
    ],
}


def test_counts_hits_misses_and_fallback(tmp_path):
    gold = _gold(tmp_path, [ARTICLE])
    with_fallback = geo_recall(gold)
    assert (with_fallback.hit, with_fallback.total) == (3, 4)  # the Damascus Douma is a miss
    assert len(with_fallback.misses) == 1 and "C2338" in with_fallback.misses[0]
    without = geo_recall(gold, fallback=False)
    assert (without.hit, without.total) == (2, 4)
    assert geo_recall(gold, mode="evidence").total == 4


def test_bad_mode(tmp_path):
    with pytest.raises(ValueError):
        geo_recall(_gold(tmp_path, [ARTICLE]), mode="sentence")


def test_a_place_named_only_as_an_origin_falls_back(tmp_path):
    text = "واصلت قوات النظام قصف الأحياء الشرقية لمدينة حلب. وكان القصف بالمدفعية انطلاقا من حي الحمدانية."
    article = {
        "id": "g2",
        "title": None,
        "text": text,
        "events": [
            {"evidence": "وكان القصف بالمدفعية انطلاقا من حي الحمدانية.", "location": {"name_ar": "حلب", "place_id": "C1007"}},
        ],
    }
    assert geo_recall(_gold(tmp_path, [article])).hit == 1
    assert geo_recall(_gold(tmp_path, [article]), fallback=False).hit == 0
