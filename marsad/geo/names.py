"""How a place name becomes a matching key.

A key is a tuple of words, each passed through :func:`marsad.text.normalize`
and stripped of a leading article, so "الباغوز" and "باغوز", "رأس العين" and
"راس عين" meet.  The same function is applied to gazetteer names and to the
words of an article; nothing is compared raw.
"""

from __future__ import annotations

import re

from marsad.text.normalize import normalize
from marsad.text.tokens import strip_article

__all__ = ["name_key", "word_key", "is_arabic", "ADMIN_PREFIXES"]

_ARABIC = re.compile("[\u0621-\u064a]")
# Punctuation inside gazetteer names: OCHA joins the parts of a combined name
# with "_" and writes "الحجلية- الباب"; brackets carry asides.
_SPLIT = re.compile(r"[\s_\-–—/()\[\]«»\"'.,،]+")

# Leading words of alternate names that are really type words in front of the
# name ("محافظة حلب", "منطقة الباب"): the matcher reads them as cues instead.
ADMIN_PREFIXES = frozenset(normalize(w) for w in ("محافظة", "مدينة", "منطقة", "ناحية", "مركز"))


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def word_key(norm_word: str) -> str:
    """Key of one already-normalised word: the article peeled off."""
    return strip_article(norm_word)


def name_key(name: str, *, drop_admin_prefix: bool = False, normalized: bool = False) -> tuple[str, ...]:
    """Matching key of a name: normalised words without their article.

    ``normalized=True`` says ``name`` already went through :func:`normalize`.
    """
    words = [w for w in _SPLIT.split(name if normalized else normalize(name)) if w]
    if drop_admin_prefix and len(words) > 1 and words[0] in ADMIN_PREFIXES:
        words = words[1:]
    return tuple(word_key(w) for w in words)
