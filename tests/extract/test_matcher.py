"""Phrase matching: clitics, whole words, prefixes, longest match."""

import pytest

from marsad.extract.matcher import PhraseMatcher
from marsad.text.tokens import tokenize

M = PhraseMatcher(
    [
        ("قصف", "shell"),
        ("قتل", "kill"),
        ("مقتل", "kill"),
        ("اشتباك*", "clash"),
        ("قوات النظام", "GOV"),
        ("قوات", "FORCES"),
        ("عبوة ناسفة", "ied"),
    ]
)


def payloads(text):
    return [m.payload for m in M.find_longest(tokenize(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("وبالقصف المدفعي", ["shell"]),
        ("فقصف الطيران", ["shell"]),
        ("اشتباكات عنيفة", ["clash"]),
        ("والاشتباكات مستمرة", ["clash"]),
        ("وقوات النظام", ["GOV"]),
        ("لقوات النظام", ["GOV"]),
        ("بعبوة ناسفة", ["ied"]),
        ("مقتلهم", ["kill"]),  # pronoun suffix peeled from a known word
        ("القتيل", []),  # قتل must not match inside قتيل
        ("مقاتل", []),
        ("قصفت", []),  # exact words only (no '*')
    ],
)
def test_matches(text, expected):
    assert payloads(text) == expected


def test_longest_match_wins():
    assert payloads("قوات النظام") == ["GOV"]
    assert payloads("قوات المعارضة") == ["FORCES"]


def test_a_final_ta_marbuta_is_no_pronoun():
    m = PhraseMatcher([("خاطف", "abduction"), ("قاتل", "kill")])

    def found(text):
        return [x.payload for x in m.find(tokenize(text))]

    # normalising writes ة as ه; as written, "خاطفة" (swift) is not "خاطفه" (his kidnapper)
    assert found("نفذ الجيش عمليات نوعية وخاطفة") == []
    assert found("أفرج خاطفه عنه بعد دفع الفدية") == ["abduction"]
    assert found("أفرج خاطفُهُ عنه") == ["abduction"]
    assert found("سقطت قذيفة قاتلةٌ في السوق") == []  # a vowel after the ة changes nothing
    assert found("سلم قاتله نفسه للشرطة") == ["kill"]


def test_a_particle_never_takes_the_article():
    m = PhraseMatcher([("كيف", "question"), ("قرية", "place")], particles=["كيف"])

    def found(text):
        return [x.payload for x in m.find(tokenize(text))]

    assert found("فكيف حدث ذلك") == ["question"]  # و/ف attach to a particle …
    assert found("قصفت قرية أم الكيف") == ["place"]  # … the article never: "الكيف" is another word


def test_later_words_agree_in_definiteness_and_may_be_stems():
    m = PhraseMatcher(
        [
            ("غارات إسرائيلية", "il"),
            ("قوات الأسد", "gov"),
            ("قوات سوريا الديمقراطية", "sdf"),
            ("قوات حرس*", "guard"),
            ("قوات", "forces"),
        ]
    )

    def found(text):
        return [x.payload for x in m.find_longest(tokenize(text))]

    # the article on a later word may be there or not, either way round
    assert found("شنت الغارات الإسرائيلية") == ["il"]
    assert found("بقوات أسد") == ["gov"]
    assert found("وقوات سوريا الديمقراطية") == ["sdf"]
    assert found("قوات سوريا الحرة") == ["forces"]  # the third word must follow too
    assert found("قوات الحرس الجمهوري") == ["guard"]  # a stem as second word
    assert found("قوات حرسها") == ["guard"]
    assert found("انسحبت القوات") == ["forces"]  # the first word last in the sentence
    assert found("قوات مجهولة") == ["forces"]
