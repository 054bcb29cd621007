"""Casualty phrases read from numbers.yaml: a named person, "lost their lives"."""

import pytest

from marsad.text.numbers import casualties


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("قتل المدعو سامر الأحمد إثر استهدافه بالرصاص قرب الحاجز", 1),  # "the so-called X": one named person
        ("فقد 7 مدنيين حياتهم جراء قصف مدفعي على القرية", 7),
        ("فقد شابان حياتهما بانفجار لغم أرضي", 2),
        ("قتل عنصري شرطة برصاص مسلحين على حاجز قرب المدينة", 2),  # a dual in construct ("two policemen")
    ],
)
def test_killed(sentence, killed):
    assert casualties(sentence).killed == killed


def test_lives_without_a_count_are_no_toll():
    assert casualties("يعيش الأهالي حياتهم اليومية وسط القصف").killed is None


def test_the_adjective_racist_is_no_count():
    # "عنصري" is also the adjective "racist": away from a casualty word it counts nothing
    assert casualties("ندد الناشطون بخطاب عنصري ضد اللاجئين").killed is None
