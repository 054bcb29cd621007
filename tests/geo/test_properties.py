"""find() never fails, whatever the text; the fast tokenizer agrees with the lead's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.geo.raw import fast_tokenize
from marsad.text.tokens import tokenize

_ARABIC = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ")
    + [" ", "، ", ". ", "\n", "ـ", "\u064b", "\u0651", "ﻻ", "\u200c", "-", "«", "»", "5", "٣"]
)
_WORDS = st.sampled_from(
    [
        "ريف",
        "إدلب",
        "الجنوبي",
        "قرية",
        "بلدة",
        "حي",
        "ذيبان",
        "دير",
        "الزور",
        "و",
        "ب",
        "قرب",
        "شمال",
        "مدينة",
        "محافظة",
        "السويداء",
        "وريفها",
        "مزرعة",
        "الزهراء",
        "في",
        "التابعة",
        "لناحية",
        "حمص",
        "بادية",
        "لبنان",
        "أبو",
        "تل",
        "السمن",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(_ARABIC, max_size=200).map("".join),
    st.lists(_WORDS, max_size=40).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, context=st.one_of(st.none(), _TEXT))
def test_find_never_raises(resolver, text, context):
    ms = resolver.find(text, context=context)
    starts = [m.start for m in ms]
    assert starts == sorted(starts)
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert m.foreign == (m.location is None)
        if m.location is not None:
            assert m.location.geo_precision in (1, 2, 3)
            assert m.location.lat is not None and m.location.lon is not None


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_fast_tokenize_matches_tokenize(text):
    fast = [(t.text, t.start, t.end, t.norm) for t in fast_tokenize(text)]
    slow = [(t.text, t.start, t.end, t.norm) for t in tokenize(text)]
    assert fast == slow


@settings(max_examples=100, deadline=None)
@given(query=st.text(max_size=30))
def test_lookup_never_raises(resolver, query):
    for c in resolver.lookup(query, limit=5):
        assert c.id
