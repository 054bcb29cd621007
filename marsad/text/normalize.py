"""One Arabic normaliser, applied to article text and lexicon entries alike.

Matching in Marsad never compares raw strings: both sides go through
:func:`normalize` so that spelling variants meet.  What it folds:

* tashkeel (harakat, shadda, sukun, dagger alef) and tatweel are removed;
* alef forms أ إ آ ٱ → ا;  hamza carriers ؤ ئ → ء;
* alef maqsura ى → ي;  ta marbuta ة → ه;
* Persian/Urdu letter shapes ک ی ہ → ك ي ه;
* Arabic-Indic ٠-٩ and extended ۰-۹ digits → 0-9;
* presentation forms (ﻻ, ﺍ …) → base letters (NFKC), Latin → lower case;
* zero-width joiners and bidi marks are dropped.

It is lossy on purpose and idempotent: ``normalize(normalize(s)) == normalize(s)``.
Unlike pyarabic it does not map ى to ا (على must not become علا).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "strip_tashkeel", "to_ascii_digits", "ARABIC_LETTERS"]

ARABIC_LETTERS = "ءاآأإؤئبةتثجحخدذرزسشصضطظعغفقكلمنهويىٱ"

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "ء",
        "ئ": "ء",
        "ى": "ي",
        "ة": "ه",
        "ک": "ك",
        "ی": "ي",
        "ي": "ي",
        "ہ": "ه",
        "ھ": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

# str.translate looks every character up in a dict; a handful of str.replace
# calls (each a C loop, skipped when the letter is absent) is ~25x faster on
# article-length text.  No target letter is itself a source, so order is free.
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items() if chr(k) != v)
assert not {b for _, b in _FOLD_PAIRS} & {a for a, _ in _FOLD_PAIRS}


def _fold(text: str) -> str:
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}})


_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _needs_nfkc(text: str) -> bool:
    # Presentation forms live in these two blocks; NFKC everywhere would also
    # rewrite harmless characters, so apply it only when needed.
    return _PRESENTATION.search(text) is not None


def strip_tashkeel(text: str) -> str:
    """Remove diacritics and tatweel, keep everything else."""
    return _TASHKEEL.sub("", text)


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and extended Arabic-Indic digits to ASCII digits."""
    return text.translate(_DIGITS)


def normalize(text: str, *, collapse_spaces: bool = True) -> str:
    """Fold ``text`` to the matching form used throughout Marsad."""
    if not text:
        return ""
    if _needs_nfkc(text):
        text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _TASHKEEL.sub("", text)
    text = _fold(text).lower()
    if collapse_spaces:
        text = _SPACES.sub(" ", text).strip()
    return text
