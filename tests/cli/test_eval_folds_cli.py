"""`marsad eval --folds`: cross-validation from the command line, on data made here.

The bundled sample articles, with the events the rules themselves code as their
"gold": the rules alone must then score 1.0, and every fold must be reported.
"""

import json
import subprocess
import sys

from marsad.ingest.readers import read_inputs
from marsad.pipeline import rules_extractor
from marsad.resources import data_path


def run(args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def _self_gold(path):
    ex = rules_extractor()
    with open(path, "w", encoding="utf-8") as fh:
        for a in read_inputs([str(data_path("samples", "articles.jsonl"))]):
            record = {**a.to_dict(), "events": [e.to_dict() for e in ex.extract(a).events]}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_folds_report_every_fold_and_the_rules_alone(tmp_path):
    gold = tmp_path / "gold.jsonl"
    _self_gold(gold)
    out = run(["eval", "--folds", "2", str(gold), "--learn", "actors", "--json"])
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["kind"] == "articles" and report["learned"] == ["actors"]
    assert len(report["per_fold"]) == 2 and sum(report["fold_sizes"]) == report["articles"] == 10
    assert report["rules_only"]["event F1"] == 1.0 and report["rules_only"]["strategic F1"] == 1.0
    table = run(["eval", "--folds", "2", str(gold)])
    assert "mean of held-out folds" in table.stdout and "rules alone" in table.stdout


def test_unknown_decision_is_a_usage_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    out = run(["eval", "--folds", "5", str(gold), "--learn", "places"])
    assert out.returncode == 2 and "places" in out.stderr and "Traceback" not in out.stderr


def test_more_than_gold_and_pred_without_folds_is_a_usage_error(tmp_path):
    files = []
    for k in range(3):
        f = tmp_path / f"g{k}.jsonl"
        f.write_text("", encoding="utf-8")
        files.append(str(f))
    out = run(["eval", *files])
    assert out.returncode == 2 and "--folds" in out.stderr


_YES = [
    "قتل خمسة أشخاص بقصف مدفعي على قرية في ريف إدلب صباح اليوم.",
    "أصيب ثلاثة مدنيين بانفجار عبوة ناسفة في سوق المدينة.",
    "شنت طائرات حربية غارات على بلدة في ريف حماة أمس.",
    "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على أطراف البلدة.",
    "قتل جندي برصاص قناص على الطريق الدولي مساء أمس.",
    "استهدف صاروخ موجه سيارة عسكرية قرب الحاجز فقتل من فيها.",
    "قصفت المدفعية أحياء المدينة بعشرات القذائف منذ الفجر.",
    "أعدم مسلحون ثلاثة شبان رمياً بالرصاص في ساحة القرية.",
]
_NO = [
    "ارتفعت أسعار الخبز والوقود في الأسواق هذا الأسبوع.",
    "افتتح وزير التربية مدرسة جديدة في المدينة.",
    "هدد المسؤول بشن هجوم إذا لم تنسحب القوات.",
    "يعرض الفيلم قصة عائلة نجت من القصف قبل سنوات.",
    "نفت الوزارة وقوع أي غارات على المنطقة.",
    "بدأت المحكمة جلسات محاكمة متهمين بتفجير وقع قبل أعوام.",
    "عقد المجلس المحلي اجتماعاً لبحث الخدمات في القرى.",
    "أحيا الأهالي ذكرى المجزرة بوقفة صامتة.",
]


def test_gsr_files_score_classify_and_article_files_beside_them_only_train(tmp_path):
    gsr = tmp_path / "assault_mine.jsonl"
    with open(gsr, "w", encoding="utf-8") as fh:
        for k, text in enumerate(_YES + _NO):
            label = "yes" if k < len(_YES) else "easy no"
            fh.write(json.dumps({"id": f"s{k}", "label": label, "text": text}, ensure_ascii=False) + "\n")
    gold = tmp_path / "gold.jsonl"
    _self_gold(gold)
    out = run(["eval", "--folds", "2", str(gsr), str(gold), "--json"])
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["kind"] == "sentences" and report["article_files"] == [str(gold)]
    g = report["groups"]["assault"]
    assert len(g["folds"]) == 2 and sum(f["n_yes"] for f in g["folds"]) == len(_YES)
    assert sum(f["n_easy_no"] for f in g["folds"]) == len(_NO)
    assert 0.0 <= g["mean_recall"] <= 1.0 and 0.0 <= g["mean_fpr_easy_no"] <= 1.0
    table = run(["eval", "--folds", "2", str(gsr), str(gold)])
    assert "also trained on (never scored): " + str(gold) in table.stdout and "assault" in table.stdout
