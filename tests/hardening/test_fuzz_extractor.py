"""Fuzzing the extractor through the pipeline's front door (``marsad.extract_article``).

Hostile articles — lexicon words in random order, numbers, dates, markup, random
unicode, odd titles and dates; and realistic generated news reports damaged by
inserted hostile text, cut and repeated spans (these do code events, so the event
paths are fuzzed too) — must give a valid result or no event — never an
exception — and every event must keep the SPEC §2 promises: an ACLED type and
sub-type, evidence copied verbatim from the article, tolls ≥ 0, coordinates in
range, a record that serialises to JSON.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from figures import Counter, examples
from fuzz_strategies import any_text, arabic_texts, news_articles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.models import EVENT_TYPES, SUB_EVENT_TYPES, Article
from marsad.pipeline import classify_article, dump_line, extract_article

EXAMPLES = examples(400)
COUNT = Counter()
salad = st.builds(
    Article,
    id=st.text(max_size=20).filter(lambda s: "\ud800" not in s),
    text=st.one_of(arabic_texts(120), any_text()),
    url=st.one_of(st.none(), st.just("https://example.org/a?x=<script>")),
    outlet=st.none(),
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))),
    title=st.one_of(st.none(), arabic_texts(10)),
)
news = st.builds(
    lambda t, i: Article(id=i, text=t[1], title=t[0], published=t[2], url="https://example.org/n"),
    news_articles(),
    st.text(max_size=8),
)
articles = st.one_of(salad, news, news)


@pytest.fixture(scope="module", autouse=True)
def _save_counts():  # type: ignore[no-untyped-def]
    yield
    COUNT.save("fuzz_extractor", max_examples_per_test=EXAMPLES)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles, st.booleans())
def test_extractor_never_raises_and_events_are_valid(article: Article, explain: bool) -> None:
    COUNT("articles")
    result = extract_article(article, explain=explain)
    assert result.article_id == article.id
    COUNT("events coded", len(result.events))
    for ev in result.events:
        assert ev.event_type in EVENT_TYPES
        assert ev.sub_event_type in SUB_EVENT_TYPES[ev.event_type]
        assert ev.evidence and ev.evidence in article.text
        assert ev.fatalities >= 0 and (ev.injured is None or ev.injured >= 0)
        loc = ev.location
        assert loc.name_ar
        if loc.lat is not None:
            assert -90 <= loc.lat <= 90 and -180 <= loc.lon <= 180
        assert ev.summary_en.strip()
    json.loads(dump_line(result))
    types = classify_article(article)
    assert set(types) <= set(EVENT_TYPES)
