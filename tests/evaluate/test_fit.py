"""Fitting and cross-validation of the learned decisions (marsad.evaluate.fit)."""

import pytest

from marsad.evaluate.fit import assign_folds, fit_linear, label_candidates
from marsad.extract.decide import Candidate
from marsad.models import Event, Location


def _loc(lat, lon):
    return Location("x", "x", None, lat, lon, "Idlib", "Idlib", 1)


def _cand(etype, lat, lon, date="2020-01-02"):
    import datetime as dt

    return Candidate(
        Event(etype, "Armed clash", dt.date.fromisoformat(date), 1, None, None, _loc(lat, lon), 0, None, "", "", {}), []
    )


def _gold(etype, lat, lon, date="2020-01-02"):
    return {
        "event_type": etype,
        "sub_event_type": "x",
        "event_date": date,
        "location": {"lat": lat, "lon": lon, "geo_precision": 1},
    }


def test_folds_are_deterministic_balanced_and_cover_every_id():
    ids = [f"a{k}" for k in range(103)]
    folds = assign_folds(ids, 5)
    assert folds == assign_folds(list(reversed(ids)), 5)  # order of the input does not matter
    sizes = [list(folds.values()).count(f) for f in range(5)]
    assert set(folds) == set(ids) and max(sizes) - min(sizes) <= 1


def test_candidates_are_labelled_by_the_gold_event_they_stand_for():
    gold = [_gold("Battles", 35.0, 36.0), _gold("Explosions/Remote violence", 36.0, 37.0)]
    cands = [
        _cand("Battles", 35.01, 36.0),  # matches the battle
        _cand("Battles", 36.0, 37.01),  # right place and day, wrong type: labelled with the gold type
        _cand("Battles", 33.0, 36.0),
    ]  # nothing there
    index: list = []
    assert label_candidates(gold, cands, index) == ["Battles", "Explosions/Remote violence", "none"]
    assert index == [0, 1, None]


def test_fit_linear_learns_and_is_deterministic():
    items = [["w:قصف", "x"], ["w:قصف"], ["w:تظاهر", "x"], ["w:تظاهر"]] * 5
    labels = ["Explosions/Remote violence", "Explosions/Remote violence", "Protests", "Protests"] * 5
    a = fit_linear(items, labels, name="t", version="1", c=1.0, classes=["none", "Explosions/Remote violence", "Protests"])
    b = fit_linear(items, labels, name="t", version="1", c=1.0, classes=["none", "Explosions/Remote violence", "Protests"])
    assert a == b
    p = a.proba(["w:تظاهر"])
    assert max(p, key=p.get) == "Protests" and p["none"] < 0.05  # a class never seen stays unlikely
    binary = fit_linear(items, ["yes" if "x" in i else "no" for i in items], name="b", version="1", c=1.0, classes=["no", "yes"])
    assert binary.proba(["x"])["yes"] > 0.5 > binary.proba([])["yes"]


def test_a_tfidf_model_scores_at_run_time_as_it_was_fitted():
    """The shipped weight table with its idf gives the probabilities scikit-learn's own
    TF-IDF + logistic regression gives on the same items: fitting and scoring agree."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    items = [["w:قصف", "w:قصف", "w:قرية"], ["w:قصف", "w:جيش"], ["w:اجتماع", "w:قرية"], ["w:اجتماع", "w:وزير", "w:جيش"]] * 4
    items += [["w:قصف", "w:وزير"], ["w:اجتماع", "w:قصف", "w:قصف"]]
    labels = ["yes", "yes", "no", "no"] * 4 + ["yes", "no"]
    model = fit_linear(items, labels, name="t", version="1", c=3.0, classes=["no", "yes"], tfidf=True)
    assert set(model.idf) == {"w:قصف", "w:قرية", "w:جيش", "w:اجتماع", "w:وزير"}
    vec = TfidfVectorizer(analyzer=lambda feats: feats, sublinear_tf=True)
    x = vec.fit_transform(items)
    clf = LogisticRegression(C=3.0, max_iter=5000).fit(x, np.array([lab == "yes" for lab in labels]))
    probe = [["w:قصف", "w:قصف", "w:وزير"], ["w:اجتماع"], ["w:قرية", "w:جيش", "w:غريب"]]
    want = clf.predict_proba(vec.transform(probe))[:, 1]
    got = [model.proba(feats)["yes"] for feats in probe]
    assert got == pytest.approx(list(want), abs=2e-3)
