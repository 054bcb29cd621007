"""How a place name becomes a matching key.

A key is a tuple of words, each passed through :func:`marsad.text.normalize`
and stripped of a leading article, so "الباغوز" and "باغوز", "رأس العين" and
"راس عين" meet.  The same function is applied to gazetteer names and to the
words of an article; nothing is compared raw.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from marsad.text.normalize import normalize
from marsad.text.tokens import strip_article

__all__ = ["name_key", "word_key", "is_arabic"]

_ARABIC = re.compile("[\u0621-\u064a]")
# Punctuation inside gazetteer names: OCHA joins the parts of a combined name
# with "_" and writes "الحجلية- الباب"; brackets carry asides.
_SPLIT = re.compile(r"[\s_\-–—/()\[\]«»\"'.,،]+")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def word_key(norm_word: str) -> str:
    """Key of one already-normalised word: the article peeled off."""
    return strip_article(norm_word)


def name_key(name: str, *, drop_prefixes: Collection[str] = (), normalized: bool = False) -> tuple[str, ...]:
    """Matching key of a name: normalised words without their article.

    ``normalized=True`` says ``name`` already went through :func:`normalize`.
    ``drop_prefixes``: normalised leading words dropped from a longer name — the
    gazetteer's ``admin_prefixes`` for alternate names, which are type words in
    front of the name ("محافظة حلب", "منطقة الباب") that the matcher reads as cues.
    """
    words = [w for w in _SPLIT.split(name if normalized else normalize(name)) if w]
    if drop_prefixes and len(words) > 1 and words[0] in drop_prefixes:
        words = words[1:]
    return tuple(word_key(w) for w in words)
