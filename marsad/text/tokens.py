"""Tokens with offsets back into the original text, and clitic-aware matching.

Arabic glues conjunctions, prepositions and the article to the next word
(و ف ب ل ك ال لل …) and pronouns to its end (ها هم …).  A token keeps its
surface form and offsets; :func:`stems` lists the forms it may stand for once
attached clitics are peeled off, so that a lexicon entry "قصف" matches
"وبالقصف" but never the inside of an unrelated word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import normalize

__all__ = ["Token", "WORD", "tokenize", "stems", "PROCLITICS", "ENCLITICS", "strip_article", "written_with_ta_marbuta"]

# A word: letters/digits plus the marks normalisation removes (so offsets span them).
_CHARS = r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]"
# A word split by tatweels around a space ("قتـ ـل", written so that filters miss it) is one word.
WORD = re.compile(_CHARS + r"+(?:(?<=\u0640)[ \t]+(?=\u0640)" + _CHARS + r"+)*")
_SPLIT = re.compile(r"[ \t]+")
# Marks that may follow a word's last letter: short vowels, tatweel, joiners.
_MARKS = "".join(
    chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640, 0x200C, 0x200D)
)

# Proclitic chains, longest first.  "لل" is ل + ال with the alef elided.
PROCLITICS: tuple[str, ...] = (
    "وبال",
    "وكال",
    "فبال",
    "فكال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "لل",
    "ال",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "فك",
    "وس",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
ENCLITICS: tuple[str, ...] = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ك", "ي")

_MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as in the source
    start: int  # offset of the first character in the source text
    end: int  # offset after the last character
    norm: str  # normalize(text)

    @property
    def is_number(self) -> bool:
        return self.norm.isdigit()


_norm_word = lru_cache(maxsize=300_000)(normalize)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word tokens; offsets are into ``text`` plus ``offset``."""
    out: list[Token] = []
    for m in WORD.finditer(text):
        word = m.group()
        norm = _norm_word(_SPLIT.sub("", word) if " " in word or "\t" in word else word)
        if norm:
            out.append(Token(m.group(), m.start() + offset, m.end() + offset, norm))
    return out


def written_with_ta_marbuta(text: str) -> bool:
    """Does the word as written end in ة (short vowels and tatweel after it allowed)?"""
    return text.rstrip(_MARKS).endswith("ة")


def strip_article(word: str) -> str:
    """'الباغوز' → 'باغوز' (only when a real stem is left)."""
    if word.startswith("ال") and len(word) - 2 >= _MIN_STEM:
        return word[2:]
    return word


@lru_cache(maxsize=200_000)
def stems(norm: str, enclitics: bool = False, ta_marbuta: bool = False) -> tuple[str, ...]:
    """Forms a normalised token may stand for, the token itself first.

    Proclitics are peeled in every combination the grammar allows; with
    ``enclitics`` a trailing pronoun is also removed (ta marbuta restored when a
    pronoun hid it: "قواتها" → "قوات", "حصيلته" → "حصيله").  ``ta_marbuta``: the
    word was written with a final ة, which normalising made a ه — not the pronoun
    "his" ("عمليات خاطفة" are swift operations, not "his kidnapper").
    """
    forms: list[str] = [norm]
    for pre in PROCLITICS:
        if norm.startswith(pre) and len(norm) - len(pre) >= _MIN_STEM:
            rest = norm[len(pre) :]
            forms.append(rest)
            # "لل" + word hides the article: "للقوات" → "القوات" as well as "قوات"
            if pre.endswith("لل"):
                forms.append("ال" + rest)
    if enclitics:
        more: list[str] = []
        for f in forms:
            for suf in ENCLITICS:
                if ta_marbuta and suf == "ه":
                    continue
                if f.endswith(suf) and len(f) - len(suf) >= 3:
                    base = f[: -len(suf)]
                    more.append(base)
                    if base.endswith("ت"):
                        more.append(base[:-1] + "ه")
        forms.extend(more)
    return tuple(dict.fromkeys(forms))
