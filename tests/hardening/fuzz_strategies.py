"""Hypothesis strategies for hostile Arabic text.

Random unicode alone almost never reaches the interesting code (an event word next
to a number next to a place), so the text strategies mix: words of the bundled
sample articles and of the lexicons (event words, tolls, dates, actors, places),
Arabic-Indic digits, tashkeel and tatweel, bidi controls, zero-width characters,
surrogate-free random unicode, markup and very long runs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from hypothesis import strategies as st

from marsad.resources import load_yaml

_AR_WORD = re.compile(r"[\u0600-\u06ff]+")


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in _strings(k) + _strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _strings(v)]
    return []


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Arabic words and phrases the pipeline reacts to."""
    from marsad.resources import data_path

    words: set[str] = set()
    for name in ("events.yaml", "cues.yaml", "numbers.yaml", "dates.yaml", "actors.yaml", "noise.yaml"):
        for s in _strings(load_yaml("lexicon", name)):
            if _AR_WORD.search(s) and len(s) < 60:
                words.add(s)
    samples = data_path("samples", "articles.jsonl")
    for line in samples.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.update(_AR_WORD.findall(json.loads(line)["text"]))
    return tuple(sorted(words))


SPECIALS = [
    "\u064b",
    "\u0651",
    "\u0640",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "٠١٢٣٤٥٦٧٨٩",
    "۴۵۶",
    "…",
    "...",
    "،",
    "؛",
    "؟",
    "!",
    ".",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "(",
    ")",
    "«",
    "»",
    "-",
    "/",
    ":",
    '"',
    "'",
    "<script>alert(1)</script>",
    "&amp;",
    "\x00",
    "\x1b[31m",
    "ﻻ",
    "ﷲ",
    "ﺑ",
    "𝟘𝟙",
    "🙂",
    "A" * 300,
    "ب" * 500,
    "1" * 40,
    "9999999999999999999999",
    "-1",
    "0.5",
    "١٠٠٠٠٠٠",
]


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(vocabulary()),
        st.sampled_from(vocabulary()),
        st.sampled_from(SPECIALS),
        st.integers(min_value=0, max_value=10**7).map(str),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    )


def arabic_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Texts made of lexicon words, digits, punctuation and random unicode."""
    seps = st.sampled_from([" ", " ", " ", "، ", ". ", "\n", "", " و"])
    return st.lists(st.tuples(_piece(), seps), max_size=max_pieces).map(lambda parts: "".join(p + s for p, s in parts))


def any_text() -> st.SearchStrategy[str]:
    """Arabic-looking text most of the time, arbitrary unicode (no surrogates) else."""
    return st.one_of(arabic_texts(), arabic_texts(), st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))


def _edit(text: str, edits: list[tuple[float, int, str]]) -> str:
    """Apply (where, what, piece) edits: insert a piece, cut a span, repeat a span."""
    for where, what, piece in edits:
        i = int(where * len(text))
        if what == 0:
            text = text[:i] + piece + text[i:]
        elif what == 1:
            text = text[:i] + text[i + len(piece) * 3 :]
        else:
            text = text[:i] + text[i : i + 80] + text[i:]
    return text


def news_articles() -> st.SearchStrategy[tuple[str, str, object]]:
    """(title, text, published) of realistic generated news (bench/templates.py: event,
    place, actor, toll, day, page furniture), then damaged: pieces of hostile text
    inserted, spans cut or repeated.  Unlike word salad these do code events, so the
    extractor's event paths (places, actors, tolls, merging) are fuzzed too."""
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[2] / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from templates import generate

    def build(seed: int, edits: list[tuple[float, int, str]]) -> tuple[str, str, object]:
        a = generate(1, seed=seed)[0]
        return a.title, _edit(a.text, edits), a.published

    edit = st.tuples(st.floats(0, 1), st.integers(0, 2), st.one_of(_piece(), arabic_texts(8)))
    return st.builds(build, st.integers(0, 10**6), st.lists(edit, max_size=6))
