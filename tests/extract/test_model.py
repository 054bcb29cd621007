"""The learned decisions' run-time side: weight tables, features, packaged models."""

import datetime as dt
import json

import pytest

from marsad.errors import DataError
from marsad.extract.decide import Candidate, choose_actors, decide
from marsad.extract.model import LinearModel, load_model, read_model, sentence_features, text_features
from marsad.models import Article, Event, Location
from marsad.pipeline import classify_article
from marsad.text.tokens import tokenize


def _event(etype="Battles", sub="Armed clash", a1="SDF", a2=None):
    loc = Location("منبج", "Manbij", "C1", 36.5, 37.9, "Aleppo", "Menbij", 1)
    return Event(etype, sub, None, 1, a1, a2, loc, 0, None, "نص", "", {})


def test_words_lose_their_clitics_and_char_ngrams_mark_word_edges():
    feats = text_features(tokenize("وبالقصف القصف"))
    assert feats.count("w:قصف") == 2  # "وبالقصف" and "القصف" share the word feature
    assert "c:<وب" in feats and "c:صف>" in feats
    assert "b:قصف_قصف" in feats


def test_sentence_features_add_the_lexicon_cues():
    from marsad.extract.matcher import Match

    feats = sentence_features(tokenize("قصف"), {"cue": [Match(0, 0, "قصف", "shell")], "cancel": [Match(0, 0, "هدد", "threat")]})
    assert "cue:shell" in feats and "cancel:threat" in feats


def test_multiclass_probabilities_follow_the_weights():
    m = LinearModel("t", "1", ("none", "Battles", "Protests"), (0.0, 0.0, 0.0), {"w:اشتباك": (0.0, 3.0, 0.0)}, {})
    p = m.proba(["w:اشتباك", "unknown feature"])
    assert abs(sum(p.values()) - 1) < 1e-9
    assert max(p, key=p.get) == "Battles"
    assert m.proba([]) == pytest.approx({"none": 1 / 3, "Battles": 1 / 3, "Protests": 1 / 3})


def test_binary_model_and_json_round_trip(tmp_path):
    m = LinearModel("assault", "9", ("no", "assault"), (-1.0,), {"w:قتل": (2.5,)}, {"threshold": 0.4})
    assert m.proba(["w:قتل"])["assault"] == pytest.approx(1 / (1 + 2.718281828459045**-1.5))
    path = tmp_path / "m.json"
    path.write_text(json.dumps(m.to_json(), ensure_ascii=False), encoding="utf-8")
    assert read_model(path) == m


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "x", "version": "1", "classes": ["a", "b", "c"], "bias": [0, 0], "weights": {}},
        {"name": "x", "version": "1", "classes": ["a", "b"], "bias": [0], "weights": {"f": [1, 2]}},
        {"name": "x", "classes": ["a", "b"], "bias": [0], "weights": {}},
    ],
)
def test_a_malformed_model_file_is_a_data_error(tmp_path, bad):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(DataError):
        read_model(path)


def test_decide_drops_what_the_model_rejects_and_retypes_when_sure():
    weights = {"drop": (5.0, 0.0, 0.0), "shell": (0.0, 0.0, 5.0)}
    m = LinearModel(
        "events",
        "1",
        ("none", "Battles", "Explosions/Remote violence"),
        (0.0, 1.0, 0.0),
        weights,
        {
            "drop_threshold": 0.5,
            "retype_margin": 0.2,
            "sub_for": {"Explosions/Remote violence": "Shelling/artillery/missile attack"},
        },
    )
    kept = decide(m, [Candidate(_event(), ["drop"]), Candidate(_event(), ["shell"]), Candidate(_event(), [])])
    assert [(e.event_type, e.sub_event_type) for e in kept] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Battles", "Armed clash"),
    ]
    assert decide(None, [Candidate(_event(), ["drop"])])[0].event_type == "Battles"  # no model: the rules stand


def test_choose_actors_takes_the_best_scored_set_in_the_rules_order():
    options = [("ISIS", ["sent"]), ("SDF", ["sent", "r1"]), ("CIVILIANS", ["id:CIVILIANS"])]
    pairs_in_sentence = LinearModel("actors", "1", ("no", "yes"), (0.0,), {"m2:sent": (3.0,)}, {"mode": "sets"})
    assert choose_actors(pairs_in_sentence, _event(a1="SDF"), options) == ("SDF", "ISIS")  # the rules' actor1 first
    nobody = LinearModel("actors", "1", ("no", "yes"), (0.0,), {"size:0|t:Battles": (5.0,)}, {"mode": "sets"})
    assert choose_actors(nobody, _event(a1="SDF"), options) == (None, None)
    civilians = LinearModel(
        "actors", "1", ("no", "yes"), (0.0,), {"m:id:CIVILIANS": (5.0,), "size:2|t:Battles": (-1.0,)}, {"mode": "sets"}
    )
    assert choose_actors(civilians, _event(a1="SDF"), options) == (None, "CIVILIANS")  # civilians are acted upon


def test_packaged_classify_models_load_with_their_version_and_threshold():
    for name in ("assault", "protest"):
        m = load_model(name)
        assert m is not None and m.classes == ("no", name) and m.binary
        assert 0 < m.meta["threshold"] < 1 and m.version
        assert len(m.weights) > 1000


def test_classify_follows_the_model_not_only_the_event_words():
    # the same event words; the model tells the report from the opinion piece
    assert "Explosions/Remote violence" in classify_article(
        Article(id="r", text="قتل ثلاثة مدنيين وأصيب خمسة آخرون بقصف مدفعي استهدف بلدة في ريف إدلب الجنوبي صباح اليوم.")
    )
    assert classify_article(Article(id="o", text="يرى محللون أن القصف لن يحسم المعركة وأن الحل سياسي.")) == []


def test_a_tfidf_model_round_trips_and_weighs_by_idf(tmp_path):
    m = LinearModel(
        "assault", "9", ("no", "assault"), (-1.0,), {"w:قتل": (4.0,), "w:في": (4.0,)}, {}, {"w:قتل": 3.0, "w:في": 1.0}
    )
    path = tmp_path / "m.json"
    path.write_text(json.dumps(m.to_json(), ensure_ascii=False), encoding="utf-8")
    assert read_model(path) == m
    # same weight, but the rare word (high idf) counts for more than the common one
    assert m.proba(["w:قتل", "w:في"])["assault"] > 0.5
    assert m.proba(["w:قتل"])["assault"] == m.proba(["w:في"])["assault"]  # alone, each is the whole unit vector
    assert m.scores(["w:قتل", "w:في"])[0] == pytest.approx(-1.0 + (4.0 * 3.0 + 4.0 * 1.0) / (10**0.5))
    bad = m.to_json()
    bad["idf"]["w:في"] = -1.0
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError):
        read_model(path)


def test_in_a_tfidf_model_a_feature_without_idf_counts_once_outside_the_unit_vector():
    m = LinearModel("assault", "9", ("no", "assault"), (0.0,), {"w:قتل": (1.0,), "cancel:denial": (-3.0,)}, {}, {"w:قتل": 2.0})
    assert m.scores(["w:قتل", "w:قتل"]) == pytest.approx([1.0])  # unit length, whatever the count
    assert m.scores(["w:قتل", "cancel:denial"]) == pytest.approx([1.0 - 3.0])  # the cue keeps its full weight
    assert m.scores(["w:قتل", "w:سوق", "w:سوق"]) == pytest.approx([1.0])  # unknown words are not in the vector


def test_an_incident_told_twice_with_its_sides_crossed_is_one_event():
    from marsad.extract.decide import one_per_incident

    first, again = _event(a1="SDF", a2="LOCAL_ARMED"), _event(a1="LOCAL_ARMED", a2="SDF")
    again.fatalities, again.injured = 4, 2
    kept = one_per_incident([first, again])
    assert kept == [first]
    assert (first.fatalities, first.injured) == (4, 2)  # the larger tolls of the two tellings


def test_tellings_that_differ_in_sides_sub_type_or_day_stay_apart():
    from marsad.extract.decide import one_per_incident

    base = _event(etype="Explosions/Remote violence", sub="Air/drone strike", a1="SDF", a2="LOCAL_ARMED")
    other_side = _event(etype="Explosions/Remote violence", sub="Air/drone strike", a1="SDF", a2="ISIS")
    other_sub = _event(etype="Explosions/Remote violence", sub="Shelling/artillery/missile attack", a1="SDF", a2="LOCAL_ARMED")
    other_day = _event(etype="Explosions/Remote violence", sub="Air/drone strike", a1="SDF", a2="LOCAL_ARMED")
    other_day.event_date = dt.date(2023, 9, 2)
    assert len(one_per_incident([base, other_side, other_sub, other_day])) == 4


def test_the_fighting_at_a_place_taken_the_same_day_folds_into_the_taking():
    from marsad.extract.decide import one_per_incident

    clash, taken = (
        _event(a1="LOCAL_ARMED", a2="SDF"),
        _event(sub="Non-state actor overtakes territory", a1="SDF", a2="LOCAL_ARMED"),
    )
    clash.fatalities = 4
    assert one_per_incident([clash, taken]) == [taken]
    assert taken.fatalities == 4
    # another day, or other sides, is another event
    later = _event(a1="SDF", a2="LOCAL_ARMED")
    later.event_date = dt.date(2023, 9, 2)
    assert len(one_per_incident([later, _event(sub="Government regains territory", a1="SDF", a2="LOCAL_ARMED")])) == 2
    assert (
        len(
            one_per_incident(
                [_event(a1="SDF", a2="ISIS"), _event(sub="Government regains territory", a1="SDF", a2="LOCAL_ARMED")]
            )
        )
        == 2
    )


def test_a_telling_that_names_fewer_sides_of_an_incident_is_that_incident():
    from marsad.extract.decide import one_per_incident

    partial, full = _event(a1="ISIS", a2=None), _event(a1="SDF", a2="ISIS")
    partial.fatalities = 5
    kept = one_per_incident([partial, full])
    assert kept == [full]
    assert full.fatalities == 5
    # a side the other telling does not name makes two incidents
    assert len(one_per_incident([_event(a1="SYR_GOV_ASSAD", a2=None), _event(a1="SDF", a2="ISIS")])) == 2


def test_an_armed_clash_with_civilians_as_a_side_is_an_attack_on_them():
    from marsad.extract.decide import no_battle_with_civilians

    clash = _event(a1="CIVILIANS", a2="UNIDENTIFIED")
    between_forces = _event(a1="SDF", a2="ISIS")
    no_battle_with_civilians([clash, between_forces])
    assert (clash.event_type, clash.sub_event_type, clash.actor1, clash.actor2) == (
        "Violence against civilians",
        "Attack",
        "UNIDENTIFIED",
        "CIVILIANS",
    )
    assert (between_forces.event_type, between_forces.sub_event_type) == ("Battles", "Armed clash")


def test_a_deployment_keeps_one_side_unless_the_rules_name_two():
    options = [("SDF", ["sent", "r1"]), ("LOCAL_ARMED", ["sent"])]
    pairs = LinearModel("actors", "1", ("no", "yes"), (0.0,), {"m2:sent": (3.0,)}, {"mode": "sets"})
    moved = _event("Strategic developments", "Other", a1="SDF")
    assert choose_actors(pairs, moved, options) == ("SDF", None)  # "عززت قسد نقاطها خشية تقدم العشائر"
    assert choose_actors(pairs, _event(a1="SDF"), options) == ("SDF", "LOCAL_ARMED")  # a clash has two
