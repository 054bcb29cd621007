"""A raw place mention (a name plus the words around it, before resolving) and the
quick tokenizer the place scan reads it from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.geo.gazetteer import Place
from marsad.geo.lexicon import Region
from marsad.text.normalize import _needs_nfkc, normalize
from marsad.text.tokens import WORD, Token, tokenize  # one word pattern for both tokenizers

__all__ = ["Raw", "fast_tokenize", "normalize_readable"]


# Between two words of one name: spaces only.
_NAME_GAP = re.compile(r"^\s+$")
# Between a cue and a name: spaces, quotes, brackets.
_CUE_GAP = re.compile(r"^[\s\"'“”«»()\[\]]*$")
# Between coordinated names: "X، Y" or "X و Y", with an aside in brackets allowed ("دوما (12 قتيلا) وحمورية").
_LIST_GAP = re.compile(r"^[\s\"'“”«»]*(?:\([^()\n]{0,30}\))?[\s\"'“”«»]*[،,]?[\s\"'“”«»]*(و\s+)?$")
_SENTENCE_END = re.compile(r"[.!?؟\n؛]")
# Between the two ends of a road: "حمص – تدمر", "(بغداد - دمشق)".
_DASH_GAP = re.compile(r"^[\s\"'“”«»()]*[-–—][\s\"'“”«»()]*$")


@dataclass(slots=True, eq=False)
class Raw:
    """A place name found in text, with what surrounds it."""

    i: int  # first token of the name
    j: int  # token after the name
    start: int  # offset of the name (clitic excluded)
    end: int
    name: str  # readable name, clitic removed
    key: tuple[str, ...]
    cands: list[Place] = field(default_factory=list)
    region: Region | None = None
    foreign: str | None = None
    clitic: str = ""
    family: str | None = None  # from a type word: settlement/governorate/district/...
    type_word: str | None = None  # normalised type word
    cue: int = 0  # 0 none, 1 preposition/list/area, 2 type word
    near: bool = False
    area: str | None = None  # countryside | desert | direction | with_countryside
    direction: str | None = None
    span_start: int = -1
    span_end: int = -1
    frame_i: int = -1  # first token of the words read before the name
    anchor: "Raw | None" = None
    anchor_inside: bool = False  # the words before the anchor put this place inside it (inside_words)
    unknown: bool = False  # a name after a type word that the gazetteer lacks
    coordinated: bool = False  # second or later name of a list ("X وY", "X، Y")
    tok_start: int = -1  # offset of the first token, clitics included
    idafa: bool = False  # followed by a definite noun: "كلية المدفعية"
    type_start: int = -1  # offset of the type word before the name
    in_context: bool = False  # found in the title/context, not the text
    tanween: bool = False  # written with tanween fath: "تركياً" is an adjective, not the country
    whole_frequent: bool = False  # the word with its clitic is a frequent word: "بارزة" is not ب + ارزة
    type_plural: bool = False  # the type word is plural ("بلدات")
    list_next: bool = False  # a list goes on after the name ("X، Y" / "X وY")
    outlet: bool = False  # part of a media outlet's name: "شبكة أخبار X", "X 24"
    person: bool = False  # a person's name: "المدعو أبو عمر"
    mentioned: bool = False  # a common noun pointing back: "القريتين المذكورتين"
    partial: bool = False  # a part of a longer name the gazetteer lacks: "تل طيرة", "مزرعة كوفيان"
    bare_part: bool = False  # ... written without the article its gazetteer name has ("باب تدمر")
    after_given_name: bool = False  # "حسين علي حميرة": a family name
    foreign_anchor: "Raw | None" = None  # located by a place abroad: "بلدة X في جنوب لبنان"
    cue_word: bool = False  # a one-word "name" that is a cue word ("على", "مدينة"): never kept


def _clitic_of(norm: str, form: str) -> str:
    if norm.endswith(form):
        return norm[: len(norm) - len(form)]
    if form.startswith("ال") and norm.endswith(form[2:]):  # لل + word
        return norm[: len(norm) - len(form) + 2]
    return ""


def _surface_skip(surface: str, n_norm: int) -> int:
    """Characters of ``surface`` that make up its first ``n_norm`` normalised ones."""
    if n_norm <= 0:
        return 0
    count = 0
    for pos, ch in enumerate(surface):
        if _DELETED.match(ch) is None:  # what normalize() would keep
            count += 1
            if count == n_norm:
                return pos + 1
    return len(surface)


def _readable(surface: str) -> str:
    """Surface text without tashkeel/tatweel, spaces collapsed, quotes dropped."""
    out = normalize_readable(surface)
    return out.strip(" \"'“”«»()")


_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]")


def normalize_readable(s: str) -> str:
    return re.sub(r"\s+", " ", _TASHKEEL.sub("", s)).strip()


# Characters normalize() deletes: tashkeel, tatweel, zero-width and bidi marks.
_DELETED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")


class _Tok:
    """A light :class:`marsad.text.tokens.Token` (same fields), cheap to create."""

    __slots__ = ("text", "start", "end", "norm")

    def __init__(self, text: str, start: int, end: int, norm: str) -> None:
        self.text, self.start, self.end, self.norm = text, start, end, norm

    @property
    def is_number(self) -> bool:
        return self.norm.isdigit()

    def __eq__(self, other: object) -> bool:
        return (self.text, self.start, self.end, self.norm) == (
            getattr(other, "text", None),
            getattr(other, "start", None),
            getattr(other, "end", None),
            getattr(other, "norm", None),
        )

    __hash__ = None  # type: ignore[assignment]


def fast_tokenize(text: str) -> list[Token]:
    """Same tokens as :func:`marsad.text.tokens.tokenize`, normalising the text once.

    Deleted marks are first replaced by NUL so that the normalised text keeps
    every offset; a token's norm is its slice without the NULs.  Text that
    normalisation would reshape otherwise (presentation forms, case folding that
    changes length) goes through the word-by-word tokenizer.
    """
    marked = _DELETED.sub("\x00", text)
    norm = normalize(marked, collapse_spaces=False)
    # Presentation forms are reshaped by NFKC even when the length comes out the same
    # ('ﹰ' → ' ً' → ' ': one character, but a space where a word was).
    if len(norm) != len(text) or _needs_nfkc(text):
        return tokenize(text)
    out: list[Token] = []
    add = out.append
    if "\x00" not in norm:  # the common case: nothing was deleted
        for m in WORD.finditer(text):
            a, b = m.span()
            add(_Tok(m.group(), a, b, norm[a:b]))
        return out
    for m in WORD.finditer(text):
        a, b = m.span()
        piece = norm[a:b].replace("\x00", "")
        if " " in piece or "\t" in piece:  # "قتـ ـل": a word split by tatweels around a space
            piece = piece.replace(" ", "").replace("\t", "")
        if piece:
            add(_Tok(m.group(), a, b, piece))
    return out
