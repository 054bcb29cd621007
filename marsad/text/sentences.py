"""Sentence splitting with offsets.

News sentences end in . ! ? ؟ or a line break; a period between digits (1.5)
or inside an abbreviation-like run is not an end.  Each sentence keeps its
offsets into the text it came from, so evidence is quoted verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# An end: one or more terminal marks (not a decimal point), or a line break.
_END = re.compile(r"(?<!\d)[.!?؟]+(?!\d)[\"'”»)\]]*|\n+|(?<=\d)\.(?!\d)")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index of the line (paragraph) the sentence belongs to


def split_sentences(text: str, *, min_chars: int = 2) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    paragraph = 0
    for m in _END.finditer(text):
        _emit(text, pos, m.end() if "\n" not in m.group() else m.start(), paragraph, out, min_chars)
        if "\n" in m.group():
            paragraph += 1
        pos = m.end()
    _emit(text, pos, len(text), paragraph, out, min_chars)
    return out


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence], min_chars: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= min_chars:
        out.append(Sentence(text[start:end], start, end, paragraph))
