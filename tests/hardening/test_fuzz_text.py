"""Fuzzing the text layer: no exception escapes, and the results keep their promises.

Every public function of ``marsad.text`` gets hostile text (lexicon words mixed with
digits, tashkeel, bidi controls, markup, random unicode, very long runs).  Besides
"never raises" each test checks the property the rest of the pipeline relies on:
normalisation is idempotent, cleaning keeps offsets, sentences and tokens point
into the text, dates and tolls are sane.  Counts go to docs/reliability.md.
"""

from __future__ import annotations

import datetime as dt

import pytest
from figures import Counter, examples
from fuzz_strategies import any_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.text.clean import clean_text
from marsad.text.dates import article_anchor, find_dates, resolve_date
from marsad.text.normalize import normalize, strip_tashkeel, to_ascii_digits
from marsad.text.numbers import casualties, find_numbers, parse_number
from marsad.text.sentences import split_sentences
from marsad.text.tokens import stems, strip_article, tokenize

EXAMPLES = examples(300)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COUNT = Counter()
dates_ = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@pytest.fixture(scope="module", autouse=True)
def _save_counts():  # type: ignore[no-untyped-def]
    yield
    COUNT.save("fuzz_text", max_examples_per_test=EXAMPLES)


@FUZZ
@given(any_text())
def test_normalize_is_idempotent_and_total(text: str) -> None:
    COUNT("normalize")
    once = normalize(text)
    assert normalize(once) == once
    assert isinstance(normalize(text, collapse_spaces=False), str)
    assert "\u064b" not in strip_tashkeel(text)
    assert not any("\u0660" <= ch <= "\u0669" for ch in to_ascii_digits(text))


@FUZZ
@given(any_text(), st.one_of(st.none(), any_text()))
def test_clean_text_keeps_length_and_offsets(text: str, title: str | None) -> None:
    COUNT("clean_text")
    out = clean_text(text, title)
    assert len(out.text) == len(text)
    for start, end, why in out.dropped:
        assert 0 <= start <= end <= len(text) and isinstance(why, str)
        assert out.text[start:end].strip() == ""
    # every kept character is the original one
    assert all(a == b for a, b in zip(out.text, text) if a != " ")


@FUZZ
@given(any_text())
def test_sentences_and_tokens_point_into_the_text(text: str) -> None:
    COUNT("split_sentences+tokenize")
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        stems(tok.norm)
        stems(tok.norm, enclitics=True)
        strip_article(tok.norm)


@FUZZ
@given(any_text(), dates_)
def test_dates_are_real_dates_near_publication(text: str, published: dt.date | None) -> None:
    COUNT("dates")
    for m in find_dates(text, published):
        assert m.date is None or isinstance(m.date, dt.date)
    when, precision = resolve_date(text, published)
    assert when is None or isinstance(when, dt.date)
    assert precision in (1, 2, 3)
    anchor, p2 = article_anchor(text, published)
    assert anchor is None or isinstance(anchor, dt.date)
    assert p2 in (1, 2, 3)


@FUZZ
@given(any_text())
def test_tolls_are_non_negative_integers(text: str) -> None:
    COUNT("numbers")
    c = casualties(text)
    for v in (c.killed, c.injured):
        assert v is None or (isinstance(v, int) and v >= 0)
    for m in find_numbers(text):
        assert isinstance(m.value, int) and m.value >= 0
    for m in find_numbers(text, persons=True):
        assert isinstance(m.value, int)
    v = parse_number(text.split()[:6])
    assert v is None or isinstance(v, int)
