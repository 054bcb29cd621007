"""Tokens keep offsets into the source; clitics peel off without matching inside words."""

import pytest
from hypothesis import given, strategies as st

from marsad.text.tokens import stems, tokenize


def test_offsets_point_into_source():
    text = "وقُتِلَ ٣ مدنيين، بقصفٍ على إدلب."
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_tashkeel_stays_inside_token():
    toks = tokenize("قَصْفٌ مدفعيٌّ")
    assert [t.norm for t in toks] == ["قصف", "مدفعي"]


@pytest.mark.parametrize(
    "word,stem",
    [
        ("وبالقصف", "قصف"),
        ("فالقصف", "قصف"),
        ("للقوات", "القوات"),
        ("وللقوات", "قوات"),
        ("بإدلب", "ادلب"),
        ("وكالمعتاد", "معتاد"),
        ("ومدينة", "مدينه"),
    ],
)
def test_proclitics(word, stem):
    from marsad.text.normalize import normalize

    assert stem in stems(normalize(word))


def test_enclitics_only_when_asked():
    assert "قوات" not in stems("قواتها")
    assert "قوات" in stems("قواتها", True)
    assert "مقتل" in stems("مقتلهم", True)


def test_short_words_are_not_stripped_to_nothing():
    # "ولد" must not become a one-letter stem; "بل" stays itself.
    assert all(len(s) >= 2 for s in stems("ولد"))
    assert stems("بل") == ("بل",)


@given(st.text(max_size=300))
def test_tokenize_never_raises_and_offsets_hold(text):
    for tok in tokenize(text, offset=5):
        assert text[tok.start - 5 : tok.end - 5] == tok.text
        assert tok.norm


def test_a_word_split_around_a_space_by_tatweels_is_one_word():
    # "قتـ ـل" is written so that keyword filters miss it; a reader sees one word
    toks = tokenize("وقتـ ـل عدد من العناصر ـ وقال")
    assert [t.norm for t in toks] == ["وقتل", "عدد", "من", "العناصر", "وقال"]
    assert toks[0].text == "وقتـ ـل" and (toks[0].start, toks[0].end) == (0, 7)


def test_a_word_written_with_ta_marbuta_keeps_its_final_ha():
    from marsad.text.tokens import stems, written_with_ta_marbuta

    assert "خاطف" in stems("خاطفه", True)  # "his kidnapper"
    assert "خاطف" not in stems("خاطفه", True, True)  # "swift", written خاطفة
    assert "قوات" in stems("قواتها", True, True)  # other pronouns still come off
    assert written_with_ta_marbuta("قاتلةٌ") and written_with_ta_marbuta("المدينـة")
    assert not written_with_ta_marbuta("قاتله")
