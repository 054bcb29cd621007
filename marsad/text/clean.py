"""Page noise removal for already-scraped article text.

Scrapers deliver the article with its surroundings: the teaser cut with "...",
headlines of other stories, section labels, share buttons and navigation tails
("أقسام"، "أخبار متعلقة").  Coding an event from another story's headline
would invent an event, so noise is blanked before extraction.

Noise is replaced by spaces rather than removed, so every offset into the
cleaned text is also an offset into the original and evidence stays verbatim.
The markers are data (``marsad/data/lexicon/noise.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.resources import load_yaml
from marsad.text.normalize import normalize

__all__ = ["clean_text", "CleanText"]

_LINE = re.compile(r"[^\n]*")
_FINAL_PUNCT = (".", "!", "؟", "?", ":", "»", '"', "”", "؛")
_TEASER = re.compile(r"(\.\.\.|…)\s*$")
_WORDS = re.compile(r"\S+")
_MIN_BODY_WORDS = 15  # words of article body before a navigation marker may end it


@dataclass(frozen=True)
class CleanText:
    text: str  # same length as the input; noise replaced by spaces
    dropped: tuple[tuple[int, int, str], ...]  # (start, end, why) of blanked lines


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], int, frozenset[str]]:
    noise = load_yaml("lexicon", "noise.yaml")

    def pattern(words: list[str]) -> re.Pattern[str]:
        # a line that is the marker, or starts with it followed by a space or colon
        alternatives = sorted({re.escape(normalize(w)) for w in words}, key=len, reverse=True)
        return re.compile("^(?:" + "|".join(alternatives) + ")(?:$|[ :])")

    openers = frozenset(normalize(w) for w in noise.get("body_openers", []))
    return pattern(noise["cut_after"]), pattern(noise["drop_lines"]), int(noise.get("max_headline_words", 18)), openers


def _starts_with_any(line: str, markers: re.Pattern[str]) -> bool:
    return markers.match(line) is not None


def clean_text(text: str, title: str | None = None) -> CleanText:
    """Blank page noise in ``text``; see the module docstring."""
    cut, drop, max_words, openers = _markers()
    chars = list(text)
    dropped: list[tuple[int, int, str]] = []
    norm_title = normalize(title or "")
    first_content = True
    body_words = 0
    cut_from: int | None = None
    last_line_start = text.rstrip().rfind("\n") + 1
    one_line = text.strip().count("\n") == 0  # a one-line report ("خبر عاجل") is its own body
    # A line printed twice is a photo caption or a repeated teaser, not news.
    counts: dict[str, int] = {}
    for m in _LINE.finditer(text):
        key = m.group().strip()
        if key:
            counts[key] = counts.get(key, 0) + 1
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        raw = m.group().strip()
        if not raw:
            continue
        if cut_from is not None:
            dropped.append((start, end, "after_navigation"))
            continue
        line = normalize(raw)
        why = None
        n_words = len(_WORDS.findall(raw))
        if _starts_with_any(line, cut):
            # A navigation block ends the article only once the article has
            # begun; before that it is the page header ("آخر الأخبار", "أقسام").
            if body_words >= _MIN_BODY_WORDS:
                cut_from = start
            why = "navigation"
        elif _starts_with_any(line, drop) and n_words <= 8:
            why = "page_label"
        elif norm_title and line == norm_title:
            why = "title"
        elif counts.get(raw, 0) > 1 and n_words <= 60:
            why = "repeated_line"
        elif _TEASER.search(raw):
            why = "teaser"
        elif (
            n_words <= max_words
            and not one_line
            and not raw.endswith(_FINAL_PUNCT)
            and not (start >= last_line_start and not first_content and "،" in raw)
            and not (not first_content and line.split(" ", 1)[0] in openers)
        ):
            # (the last line of a text cut mid-sentence by the scraper is kept)
            # A short line without final punctuation: the headline (first
            # line), a subheading, another story's headline or a label.
            why = "headline" if first_content else "short_line"
        first_content = False
        if why:
            dropped.append((start, end, why))
        else:
            body_words += n_words
    for start, end, _ in dropped:
        for k in range(start, end):
            chars[k] = " "
    return CleanText("".join(chars), tuple(dropped))
