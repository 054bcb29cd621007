"""Numbers and casualty counts in Arabic news.

Conflict reports state tolls in many shapes: digits ("15", "١٥", "بـ15"), words
with gender and case forms ("ثلاثة/ثلاث", "اثنان/اثنين", "خمسة وعشرين"), duals
that carry the number in the noun ("قتيلان", "طفلين"), a bare singular next to a
verb ("مقتل شاب" = 1), vague words that the ACLED rules turn into fixed figures
("عدد من" = 10, "عشرات" = 12, "مئات" = 100) and hedges ("نحو 50", "ما لا يقل
عن 40") that keep the number itself.

Everything works on :func:`marsad.text.tokens.tokenize` tokens, so offsets point
into the caller's text, tashkeel and Arabic-Indic digits are folded by the shared
normaliser, and a word is only recognised as a whole token after clitic
stripping (:func:`marsad.text.tokens.stems`), never inside an unrelated word.
Word lists live in ``marsad/data/lexicon/numbers.yaml``.

Public API
----------
``find_numbers(text, persons=False) -> list[NumberMention]``
    every quantity in the text, with offsets;
``parse_number("خمسة وعشرين") -> 25``
    the value of a phrase that is wholly a number, else None;
``casualties(sentence) -> Casualties``
    killed / injured counts of one sentence, the updated-toll flag and spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.resources import load_lexicon_yaml
from marsad.text.normalize import normalize, to_ascii_digits
from marsad.text.tokens import Token, stems, tokenize

__all__ = [
    "NumberMention",
    "Casualties",
    "find_numbers",
    "parse_number",
    "casualties",
    "VAGUE_SEVERAL",
    "VAGUE_DOZENS",
    "VAGUE_HUNDREDS",
]

VAGUE_SEVERAL = 10
VAGUE_DOZENS = 12
VAGUE_HUNDREDS = 100


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A quantity in the text.

    ``start``/``end`` are character offsets into the text given to
    :func:`find_numbers` (``text[start:end]`` is the number itself, without a
    hedge such as "نحو").  ``kind`` is one of ``digits`` ("15", "١٥", "50 ألف"),
    ``words`` ("خمسة وعشرين"), ``vague`` ("عشرات", "عدد من"), ``dual`` (a person
    noun in the dual: "طفلين" = 2) or ``person`` (a singular person noun = 1; only
    with ``persons=True``).  ``approx`` marks hedges ("نحو"، "أكثر من"، "على
    الأقل"); the value is then still the number stated.
    """

    start: int
    end: int
    value: int
    vague: bool
    kind: str
    approx: bool = False
    text: str = ""


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured counts read from one sentence.

    ``killed``/``injured`` are None when the sentence does not give a number
    (not mentioned, or "قتلى وجرحى" / "وأصيب آخرون" without a count), 0 when it
    says there were none ("دون وقوع إصابات"), else the count.  ``updated`` is True
    when the killed figure comes from an updated toll ("ارتفع عدد القتلى إلى 39").
    Spans are character offsets of the count in the sentence, or None.
    """

    killed: int | None = None
    injured: int | None = None
    killed_span: tuple[int, int] | None = None
    injured_span: tuple[int, int] | None = None
    updated: bool = False

    @property
    def fatalities(self) -> int:
        """Killed as SPEC's ``fatalities`` field wants it: 0 when unknown."""
        return self.killed or 0


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Lex:
    units: dict[str, int]
    teen: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    thousands: dict[str, int]
    vague: dict[tuple[str, ...], int]
    vague_first: frozenset[str]
    approx_before: tuple[tuple[str, ...], ...]
    approx_after: tuple[tuple[str, ...], ...]
    person_sg: frozenset[str]
    person_dual: frozenset[str]
    nisba: frozenset[str]
    unknown_plural: frozenset[str]
    non_person: frozenset[str]
    subset: frozenset[str]
    # cue word -> (category, role) ; role in fwd/back/noun/weak
    cues: dict[str, tuple[str, str]]
    noun_dual: dict[str, str]
    noun_single: frozenset[str]  # "خلف الانفجار قتيلا": an indefinite singular noun counts one
    update_verbs: frozenset[str]
    toll_nouns: frozenset[str]
    negators: frozenset[str]
    no_losses: frozenset[str]
    unknown: frozenset[str]
    weekday_like: frozenset[str]
    thousand_singular: frozenset[str]
    more_than: frozenset[str]
    more_than_of: frozenset[str]
    side_of: frozenset[str]
    side_words: frozenset[str]
    ranks: frozenset[str]
    next_side: frozenset[str]
    material: tuple[str, ...]
    up_to: frozenset[str]
    up_to_alone: frozenset[str]
    hedges: frozenset[str]


def _n(word: Any) -> str:
    return normalize(str(word))


def _seq(phrase: Any) -> tuple[str, ...]:
    return tuple(_n(phrase).split())


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_lexicon_yaml("numbers.yaml")
    cues: dict[str, tuple[str, str]] = {}
    for cat, key in (("killed", "killed"), ("injured", "injured")):
        for role in ("fwd", "back", "nouns", "weak"):
            for w in d[key].get(role, []) or []:
                cues.setdefault(_n(w), (cat, "noun" if role == "nouns" else role))
    noun_dual = {_n(w): "killed" for w in d["noun_dual_killed"]}
    noun_dual.update({_n(w): "injured" for w in d["noun_dual_injured"]})
    for w, cat in noun_dual.items():
        cues.setdefault(w, (cat, "noun"))
    vague = {_seq(k): int(v) for k, v in sorted(d["vague"].items(), key=lambda kv: -len(_seq(kv[0])))}
    return _Lex(
        units={_n(k): int(v) for k, v in d["units"].items()},
        teen=frozenset(_n(w) for w in d["teen_tens"]),
        tens={_n(k): int(v) for k, v in d["tens"].items()},
        hundreds={_n(k): int(v) for k, v in d["hundreds"].items()},
        thousands={_n(k): int(v) for k, v in d["thousands"].items()},
        vague=vague,
        vague_first=frozenset(k[0] for k in vague),
        approx_before=tuple(sorted((_seq(p) for p in d["approx_before"]), key=len, reverse=True)),
        approx_after=tuple(sorted((_seq(p) for p in d["approx_after"]), key=len, reverse=True)),
        person_sg=frozenset(
            f for w in d["person_singular"] for f in (_n(w), _n(w) + "ا") if not f.endswith("ها")
        ),
        person_dual=frozenset(_n(w) for w in d["person_dual"]),
        nisba=frozenset(_n(w) for w in d["nisba_dual_with_fatha"]),
        unknown_plural=frozenset(_n(w) for w in d["unknown_plural"]),
        # a month name after a number makes it a day of the month ("في 19 آب")
        non_person=frozenset(_n(w) for w in d["non_person_after"])
        | frozenset(_n(m).split()[0] for m in load_lexicon_yaml("dates.yaml")["months"]),
        subset=frozenset(_n(w) for w in d["subset_markers"]),
        cues=cues,
        noun_dual=noun_dual,
        noun_single=frozenset(_n(w) for w in d.get("noun_single", [])),
        update_verbs=frozenset(_n(w) for w in d["update_verbs"]),
        toll_nouns=frozenset(_n(w) for w in d["toll_nouns"]),
        negators=frozenset(_n(w) for w in d["negators"]),
        no_losses=frozenset(_n(w) for w in d["no_losses"]),
        unknown=frozenset(_n(w) for w in d.get("unknown", [])),
        weekday_like=frozenset(_n(w) for w in d["weekday_like"]),
        thousand_singular=frozenset(_n(w) for w in d["thousand_singular"]),
        more_than=frozenset(_n(w) for w in d["more_than"]),
        more_than_of=frozenset(_n(w) for w in d["more_than_of"]),
        side_of=frozenset(_n(w) for w in d["side_of"]),
        side_words=frozenset(_n(w) for w in d["side_words"]),
        ranks=frozenset(_n(w) for w in d["ranks"]),
        next_side=frozenset(_n(w) for w in d["next_side"]),
        material=tuple(_n(w) for w in d["material"]),
        up_to=frozenset(_n(w) for w in d["up_to"]),
        up_to_alone=frozenset(_n(w) for w in d["up_to_alone"]),
        hedges=frozenset(_n(w) for w in d["hedges"]),
    )


# --------------------------------------------------------------------------- tokens

# A digit token, possibly with a proclitic glued on: "15", "بـ15" (→ "ب15"), "و200".
_DIGIT_CLITICS = ("وب", "ول", "لل", "ال", "وال", "بال")  # and the one-letter ones of the class below
_DIGIT_TOKEN = re.compile(r"^(?:[وفبلك]|" + "|".join(_DIGIT_CLITICS) + r")?(\d+)$")
# Digits joined by - / : . belong to a date, a time, a score or a decimal: skipped.
_DIGIT_JOIN = re.compile(r"\d+(?:[ \t]*[-/:.][ \t]*\d+)+")
# Thousands separators inside a number: "1,200", "1٬200".
_THOUSANDS = re.compile(r"\d{1,3}(?:[,٬]\d{3})+(?!\d)")
# The dual of a nisba noun written with a fatha: "مدنيَّين" (plural "مدنيِّين" has a kasra).
_NISBA_DUAL = re.compile("ي\u0651?\u064e\u0651?ي\u0652?ن$")


def _forms(tok: Token) -> tuple[str, ...]:
    return stems(tok.norm)


def _is_definite(tok: Token, stem: str) -> bool:
    prefix = tok.norm[: len(tok.norm) - len(stem)] if tok.norm.endswith(stem) else "ال"
    return prefix.endswith("ال") or prefix.endswith("لل")


_CUE_CACHE: dict[str, tuple[str, str] | None] = {}


def _cue(tok: Token, lex: _Lex) -> tuple[str, str] | None:
    norm = tok.norm
    try:
        return _CUE_CACHE[norm]
    except KeyError:
        pass
    hit = None
    for f in stems(norm, True):
        hit = lex.cues.get(f)
        if hit:
            break
    if len(_CUE_CACHE) > 200_000:
        _CUE_CACHE.clear()
    _CUE_CACHE[norm] = hit
    return hit


@lru_cache(maxsize=1)
def _cue_prefilter() -> re.Pattern[str]:
    """Substrings without which a sentence cannot hold a casualty cue (a fast exit)."""
    lex = _lex()
    words = set(lex.cues) | set(lex.no_losses) | set(lex.toll_nouns)
    # a pronoun hides a final ta marbuta ("إصابته" for "إصابة"): drop the ه
    heads = {w[:-1] if w.endswith("ه") and len(w) > 3 else w for w in words}
    return re.compile("|".join(sorted(map(re.escape, heads), key=len, reverse=True)))


# --------------------------------------------------------------------------- quantities


@dataclass(slots=True)
class _Q:
    """A quantity over tokens [i0, i1); ``noun_end`` also covers the counted noun."""

    i0: int
    i1: int
    value: int
    kind: str
    vague: bool
    approx: bool
    noun_end: int
    person_ok: bool = True  # False when the counted noun is not a person (سنوات، قذائف …)
    skip: int = 0  # normalised characters of a proclitic glued to the first token


def _word_value(tok: Token, lex: _Lex, *, first: bool) -> tuple[str, int, bool] | None:
    """(category, value, has_waw) of a number word; continuation tokens may carry و only."""
    norm = tok.norm
    cands: Iterable[tuple[str, bool]]
    if first:
        cands = ((f, False) for f in _forms(tok))
    else:
        cands = [(norm, False)]
        if norm.startswith("و") and len(norm) > 2:
            cands.append((norm[1:], True))
    for f, waw in cands:
        if f in lex.units:
            if f in lex.weekday_like and first and _is_definite(tok, f):
                return None
            return "unit", lex.units[f], waw
        if f in lex.tens:
            return "tens", lex.tens[f], waw
        if f in lex.hundreds:
            return "hundred", lex.hundreds[f], waw
        if f in lex.thousands:
            return "thousand", lex.thousands[f], waw
    return None


def _parse_words(toks: Sequence[Token], i: int, lex: _Lex) -> tuple[int, int] | None:
    """Parse a number written in words starting at token i: (value, end index)."""
    first = _word_value(toks[i], lex, first=True)
    if first is None:
        return None
    total = 0
    cur = 0
    j = i
    cat, val, _ = first
    prev_cat = None
    while True:
        if cat == "unit":
            nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
            if nxt in lex.teen and val < 10:
                cur += val + 10
                j += 1
            else:
                cur += val
        elif cat == "tens":
            cur += val
        elif cat == "hundred":
            if prev_cat == "unit" and 0 < cur < 10 and val == 100:
                cur *= 100
            else:
                cur += val
        elif cat == "thousand":
            total += (cur or 1) * val
            cur = 0
        prev_cat = cat
        j += 1
        if j >= len(toks):
            break
        nxt_v = _word_value(toks[j], lex, first=False)
        if nxt_v is None:
            break
        ncat, nval, waw = nxt_v
        if not waw:
            # Without "و" only a multiplier may follow: "ثلاث مئة", "ثلاثة آلاف".
            if not ((ncat == "hundred" and prev_cat == "unit") or ncat == "thousand"):
                break
            if ncat == "thousand" and toks[j].norm in lex.thousand_singular and prev_cat == "thousand":
                break
        cat, val = ncat, nval
    return total + cur, j


def _digit_value(tok: Token) -> int | None:
    m = _DIGIT_TOKEN.match(tok.norm)
    return int(m.group(1)) if m else None


def _skip_spans(text: str) -> list[tuple[int, int]]:
    ascii_text = to_ascii_digits(text)
    return [m.span() for m in _DIGIT_JOIN.finditer(ascii_text)]


def _match_seq(toks: Sequence[Token], i: int, seq: tuple[str, ...], *, strip_first: bool) -> bool:
    if i + len(seq) > len(toks):
        return False
    for k, w in enumerate(seq):
        t = toks[i + k]
        if k == 0 and strip_first:
            if w not in _forms(t):
                return False
        elif t.norm != w:
            return False
    return True


def _quantities(text: str, toks: Sequence[Token], lex: _Lex, persons: bool) -> list[_Q]:
    out: list[_Q] = []
    skips = _skip_spans(text) if any(t.is_number or t.norm[-1:].isdigit() for t in toks) else []
    thousands = (
        {m.start(): m for m in _THOUSANDS.finditer(to_ascii_digits(text))} if skips or "," in text or "٬" in text else {}
    )
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        q: _Q | None = None
        dv = _digit_value(tok)
        if dv is not None:
            digit_start = tok.end - len(_DIGIT_TOKEN.match(tok.norm).group(1))  # type: ignore[union-attr]
            tm = thousands.get(digit_start)
            if tm is not None:
                dv = int(re.sub(r"\D", "", tm.group()))
                j = i + 1
                while j < n and toks[j].start < tm.end():
                    j += 1
                q = _Q(i, j, dv, "digits", False, False, j)
            elif any(a <= tok.start and tok.end <= b for a, b in skips):
                i += 1
                continue
            else:
                j = i + 1
                if j < n:
                    wv = _word_value(toks[j], lex, first=False)
                    if wv and wv[0] == "thousand" and not wv[2]:
                        dv *= wv[1]
                        j += 1
                q = _Q(i, j, dv, "digits", False, False, j)
        else:
            parsed = None
            first_forms = _forms(tok)
            # vague phrases first: "عدد من", "العديد من", "عشرات"
            if lex.vague_first.intersection(first_forms):
                for seq, val in lex.vague.items():  # longest first (see _lex)
                    if _match_seq(toks, i, seq, strip_first=True):
                        q = _Q(i, i + len(seq), val, "vague", True, False, i + len(seq))
                        break
            if q is None:
                parsed = _parse_words(toks, i, lex)
                if parsed is not None:
                    q = _Q(i, parsed[1], parsed[0], "words", False, False, parsed[1])
            if q is None:
                if lex.person_dual.intersection(first_forms) or (
                    _NISBA_DUAL.search(tok.text) and any(f[:-2] in lex.nisba for f in first_forms)
                ):
                    q = _Q(i, i + 1, 2, "dual", False, False, i + 1)
                elif persons and lex.person_sg.intersection(first_forms):
                    q = _Q(i, i + 1, 1, "person", False, False, i + 1)
        if q is None:
            i += 1
            continue
        q.skip = max(0, _prefix_len(tok, lex, q.kind))
        # hedges around the number
        for seq in lex.approx_before:
            k = q.i0 - len(seq)
            if k >= 0 and all(toks[k + m].norm == w or w in _forms(toks[k + m]) for m, w in enumerate(seq)):
                q.approx = True
                break
        # the counted noun right after a number: "3 عناصر", "سبع سنوات"
        if q.kind in ("digits", "words", "vague") and q.i1 < n:
            nt = toks[q.i1]
            if _cue(nt, lex) is None and _digit_value(nt) is None and _word_value(nt, lex, first=True) is None:
                if nt.norm in lex.non_person or any(f in lex.non_person for f in stems(nt.norm, True)):
                    q.person_ok = False
                    q.noun_end = q.i1 + 1
                elif not nt.norm.startswith("و") or nt.norm in lex.person_sg:
                    q.noun_end = q.i1 + 1
        if q.kind == "person" and q.i1 + 1 < n and toks[q.i1].norm.startswith("ال") and toks[q.i1 + 1].norm.startswith("و"):
            nt = toks[q.i1]
            if _cue(nt, lex) is None and _word_value(nt, lex, first=True) is None and not lex.person_sg.intersection(_forms(nt)):
                q.noun_end = q.i1 + 1  # "سائق الحافلة وامرأتان": the noun's complement, then the list goes on
        for seq in lex.approx_after:
            if _match_seq(toks, q.noun_end, seq, strip_first=False):
                q.approx = True
                break
        if q.kind == "digits" and 1900 <= q.value <= 2100 and q.noun_end == q.i1:
            q.person_ok = False  # a bare year
        out.append(q)
        i = q.i1
    return out


_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f]")


def _skip_offset(tok: Token, skip: int) -> int:
    """Source offset after ``skip`` normalised characters of ``tok`` (marks do not count)."""
    if skip <= 0:
        return tok.start
    seen = 0
    for k, ch in enumerate(tok.text):
        if _MARKS.match(ch):
            continue
        if seen == skip:
            return tok.start + k
        seen += 1
    return tok.start


def _prefix_len(tok: Token, lex: _Lex, kind: str) -> int:
    norm = tok.norm
    if kind == "digits":
        m = _DIGIT_TOKEN.match(norm)
        return len(norm) - len(m.group(1)) if m else 0
    for f in _forms(tok):
        if norm.endswith(f) and (
            f in lex.units or f in lex.tens or f in lex.hundreds or f in lex.thousands
            or f in lex.vague_first or f in lex.person_dual or f in lex.person_sg
            or f[:-2] in lex.nisba
        ):
            # keep the article: "الطفلين" is one word; drop و ف ب ل ك
            pre = norm[: len(norm) - len(f)]
            return len(pre) - (2 if pre.endswith("ال") else 0)
    return 0


def _mention(text: str, toks: Sequence[Token], q: _Q) -> NumberMention:
    start = _skip_offset(toks[q.i0], q.skip)
    end = toks[q.i1 - 1].end
    return NumberMention(start, end, q.value, q.vague, q.kind, q.approx, text[start:end])


def find_numbers(text: str, *, persons: bool = False) -> list[NumberMention]:
    """All quantities in ``text``, in order.

    Digits joined by ``- / : .`` (dates, clock times, scores, decimals) are not
    quantities and are skipped.  With ``persons=True`` a singular person noun
    ("شاب", "امرأة") is reported as a ``person`` mention of value 1: that reading
    is only right next to a casualty verb, which :func:`casualties` checks.
    """
    if not text:
        return []
    toks = tokenize(text)
    return [_mention(text, toks, q) for q in _quantities(text, toks, _lex(), persons)]


def parse_number(words: str | Sequence[str]) -> int | None:
    """Value of a phrase that is wholly one number, else None.

    >>> parse_number("خمسة وعشرين"), parse_number("٣٩"), parse_number(["ثلاثة", "آلاف"])
    (25, 39, 3000)
    """
    text = words if isinstance(words, str) else " ".join(words)
    toks = tokenize(text)
    if not toks:
        return None
    qs = _quantities(text, toks, _lex(), False)
    if len(qs) == 1 and qs[0].i0 == 0 and qs[0].i1 == len(toks):
        return qs[0].value
    return None


# --------------------------------------------------------------------------- casualties

_FWD_NUM_GAP = 4  # tokens allowed between a cue and the count after it
_BACK_NUM_GAP = 8  # … and before it ("ما لا يقل عن 13 شخصا من المدنيين قتلوا")
_PERSON_GAP = 2  # a bare noun ("مقتل شاب") must sit right by the cue
_NOUN_GAP = 2  # "89 قتيلا", "عدد من القتلى"
_UPDATE_WINDOW = 32  # "ارتفع عدد القتلى الذين سقطوا جراء … قبل يومين إلى 39"


def _more_than(i: int, toks: list) -> bool:
    """"أكثر من قتيل": more than one, not one."""
    lex = _lex()
    return i >= 2 and toks[i - 1].norm in lex.more_than_of and toks[i - 2].norm in lex.more_than


@dataclass(slots=True)
class _Group:
    i0: int
    i1: int  # end of the last counted noun
    value: int
    kinds: tuple[str, ...]
    start: int
    end: int
    used: bool = False

    @property
    def person_only(self) -> bool:
        return all(k in ("person", "dual") for k in self.kinds)


def _side_gap(toks: Sequence[Token], a: int, b: int, cues: dict[int, Any]) -> bool:
    """"5 عناصر من قوات النظام و3 من الفصائل": a short "من X" between two figures."""
    lex = _lex()
    side = toks[a].norm in lex.side_of or (b - a > 1 and toks[a].norm in lex.side_words and toks[a + 1].norm in lex.ranks)
    return 0 < b - a <= 4 and side and not any(k in cues for k in range(a, b))


def _groups(toks: Sequence[Token], qs: list[_Q], cues: dict[int, Any]) -> list[_Group]:
    """Join quantities coordinated with و: "امرأة وطفلين" = 3, "3 عناصر ومدني" = 4.

    A cue word is never joined: in "شهيدين وأربعة جرحى" the two counts belong
    to different cues.
    """
    out: list[_Group] = []
    for q in qs:
        if not q.person_ok:
            continue
        if (
            out
            and (out[-1].i1 == q.i0 or (q.skip > 0 and _side_gap(toks, out[-1].i1, q.i0, cues)))
            and toks[q.i0].norm.startswith("و")
            and q.i0 not in cues
            and out[-1].i1 - 1 not in cues
        ):
            g = out[-1]
            g.i1 = q.noun_end
            g.value += q.value
            g.kinds += (q.kind,)
            g.end = toks[q.i1 - 1].end
            continue
        out.append(
            _Group(q.i0, q.noun_end, q.value, (q.kind,), _skip_offset(toks[q.i0], q.skip), toks[q.i1 - 1].end)
        )
    return out


def casualties(sentence: str) -> Casualties:
    """Killed and injured counts stated in one sentence.

    How a count is tied to a cue word (lists in ``numbers.yaml``):

    * verbs and action nouns (قتل، مقتل، مصرع، استشهد، أصيب، إصابة …) take the
      count that follows ("مقتل 3 عناصر", "قتل شخصان", "إصابة رجل وامرأة"), else
      the one before ("13 شخصا قتلوا", "لقي 4 أشخاص مصرعهم");
    * counted nouns (قتيلا، قتلى، شهداء، جرحى …) take the count right before them
      ("89 قتيلًا و200 جريح", "عشرات القتلى", "عدد من القتلى"); a dual noun counts 2
      by itself ("سقوط شهيدين");
    * a bare singular or dual person noun counts only right next to a cue;
      "آخرون/آخرين" without a number leaves the count unknown (None);
    * numbers after "بينهم/منهم" are a breakdown of the toll, never added;
    * "ارتفع/بلغ عدد القتلى/الحصيلة … إلى N" gives the updated toll N
      (``updated=True``), which wins over the other killed figures unless one
      of them is larger (then the "update" was of a subgroup: "ارتفاع عدد قتلى
      الأمن العام إلى 15" beside "مقتل أكثر من 70"); an update needs a toll
      word ("ارتفع عدد المعتقلين إلى 50" is no toll);
    * otherwise several killed figures in one sentence (the same toll restated)
      give the largest; "ضحايا" counts as killed only when nothing else does;
    * a negated cue with no count ("دون وقوع إصابات", "لم يصب أحد") gives 0.
    """
    if not sentence or not sentence.strip():
        return Casualties()
    return _casualties(sentence)


@lru_cache(maxsize=8192)
def _casualties(sentence: str) -> Casualties:
    lex = _lex()
    if not _cue_prefilter().search(normalize(sentence)):
        return Casualties()
    toks = tokenize(sentence)
    if not toks:
        return Casualties()
    n = len(toks)
    cue_at: dict[int, tuple[str, str]] = {}
    for i, t in enumerate(toks):
        c = _cue(t, lex)
        if c is not None:
            cue_at[i] = c
    # "دون (تسجيل) (وقوع) خسائر بشرية": none killed, none injured
    zero: set[str] = set()
    for i, t in enumerate(toks):
        if lex.no_losses.intersection(_forms(t)) and _negated(i, toks, lex):
            nxt = toks[i + 1].norm if i + 1 < n else ""
            if not nxt.startswith(lex.material):
                zero.update(("killed", "injured"))
    if not cue_at and not any(lex.toll_nouns.intersection(_forms(t)) for t in toks):
        return Casualties(0 if "killed" in zero else None, 0 if "injured" in zero else None)

    qs = _quantities(sentence, toks, lex, True)
    groups = _groups(toks, qs, cue_at)
    # subset regions: from "بينهم" to the next cue
    in_subset = [False] * n
    for i, t in enumerate(toks):
        if lex.subset.intersection(_forms(t)) or t.norm in lex.subset:
            k = i
            while k < n and (k == i or k not in cue_at):
                in_subset[k] = True
                k += 1
    groups = [g for g in groups if not in_subset[g.i0]]
    group_at = {g.i0: g for g in groups}

    found: dict[str, list[tuple[int, _Group]]] = {"killed": [], "injured": [], "weak": []}
    updated: tuple[int, _Group] | None = None

    # 1. updated tolls: "ارتفع عدد القتلى إلى 39", "بلغت حصيلة الضحايا 40"
    for i, t in enumerate(toks):
        if not lex.update_verbs.intersection(_forms(t)):
            continue
        cat: str | None = None  # a toll word must come between: "ارتفع عدد المعتقلين" is no toll
        g = None
        for k in range(i + 1, min(n, i + _UPDATE_WINDOW)):
            if k in cue_at:
                kc = cue_at[k][0]
                # "عدد القتلى والجرحى": the killed figure leads
                cat = "killed" if cat == "killed" or kc == "killed" else "injured"
                if k + 1 < n and k + 1 in group_at and not group_at[k + 1].person_only:
                    g = group_at[k + 1]  # "بلغت حصيلة القتلى 39"
                    break
                continue
            if lex.toll_nouns.intersection(_forms(toks[k])):
                cat = cat or "killed"
                continue
            if toks[k].norm in lex.up_to | lex.up_to_alone or any(f in lex.up_to for f in _forms(toks[k])):
                # skip hedges: "إلى نحو 89"
                for m in range(k + 1, min(n, k + 4)):
                    if m in group_at:
                        g = group_at[m]
                        break
                break
        if g is None and cat is None:
            # toll word first, verb after: "عدد القتلى بلغ 6", "الحصيلة وصلت إلى 20"
            back = [k for k in range(max(0, i - 4), i) if k in cue_at or lex.toll_nouns.intersection(_forms(toks[k]))]
            if back:
                kc = cue_at[back[-1]][0] if back[-1] in cue_at else "killed"
                for m in range(i + 1, min(n, i + 4)):
                    if m in group_at:
                        g, cat = group_at[m], kc
                        break
                    if toks[m].norm not in lex.hedges:
                        break
        if g is None or g.person_only or g.used:
            continue
        # a counted noun after the figure decides its category ("إلى 89 قتيلا")
        if g.i1 < n and g.i1 in cue_at and cue_at[g.i1][1] == "noun":
            cat = cue_at[g.i1][0]
        if cat is None:
            continue
        g.used = True
        if cat == "killed":
            updated = (g.start, g)
        else:
            found["injured"].append((g.start, g))
    # 2. each cue takes its count
    cue_of: dict[int, int] = {}  # id(group) -> index of the cue that took it
    for i in sorted(cue_at):
        cat, role = cue_at[i]
        bucket = "weak" if role == "weak" else cat
        own = group_at.get(i)
        if own is not None and not own.used and any(f in lex.noun_dual for f in _forms(toks[i])):
            own.used = True  # "سقوط شهيدين": the dual noun is its own count
            found[bucket].append((own.start, own))
            continue
        if _negated(i, toks, lex):
            zero.add(cat)  # "دون إصابة أحد", "لم يسفر عن قتلى"
            continue
        g = _take(i, role, toks, cue_at, groups, lex)
        if g is not None:
            g.used = True
            found[bucket].append((g.start, g))
            cue_of[id(g)] = i
        elif toks[i].norm in lex.noun_single and not _more_than(i, toks):
            # "خلف الانفجار قتيلا", "عن قتيل وعدد من الجرحى": one
            t = toks[i]
            found[bucket].append((t.start, _Group(i, i + 1, 1, ("person",), t.start, t.end, True)))
        elif toks[i].norm.endswith("هما") and toks[i].norm[:-3] in lex.cues:
            # "ما أسفر عن مقتلهما": the dual pronoun counts two
            t = toks[i]
            found[bucket].append((t.start, _Group(i, i + 1, 2, ("dual",), t.start, t.end, True)))

    if not found["killed"] and updated is None and found["weak"]:
        found["killed"] = found["weak"]

    def pick(cat: str) -> tuple[int | None, tuple[int, int] | None]:
        items = found[cat]
        if not items:
            return (0, None) if cat in zero else (None, None)
        total = _sides_total([g for _, g in sorted(items, key=lambda it: it[1].i0)], cue_of, toks, lex)
        if total is not None:
            return total
        best = max(items, key=lambda it: (it[1].value, -it[0]))[1]
        return best.value, (best.start, best.end)

    is_update = False
    if updated is not None:
        # the updated toll wins unless a larger figure stands beside it: then the
        # "update" was of a subgroup ("ارتفع عدد القتلى من عناصر الشرطة إلى 15")
        others = [it[1].value for it in found["killed"]]
        g = updated[1]
        if not others or g.value >= max(others):
            found["killed"] = [updated]
            is_update = True
    killed, kspan = pick("killed")
    injured, ispan = pick("injured")
    return Casualties(killed, injured, kspan, ispan, is_update)


def _side_phrase(toks: Sequence[Token], a: int, b: int, lex: _Lex) -> bool:
    """Tokens a..b-1 are nothing or a short "من/في صفوف X" naming whose dead they were."""
    if a >= b:
        return True
    words = [t.norm for t in toks[a:b]]
    side = words[0] in lex.side_of or (len(words) > 1 and words[0] in lex.side_words and words[1] in lex.ranks)
    return len(words) <= 5 and side and not any(w in lex.subset for w in words)


def _sides_total(groups: list, cue_of: dict[int, int], toks: Sequence[Token], lex: _Lex):  # type: ignore[no-untyped-def]
    """"مقتل عنصرين من قسد ومقتل ثلاثة من عناصر التنظيم": figures for each side,
    joined by و (or فيما/بينما), add up to the event's toll.  None unless every
    figure after the first is such a continuation."""
    if len(groups) < 2:
        return None
    for prev, g in zip(groups, groups[1:]):
        cue = cue_of.get(id(g))
        if cue is None or cue < prev.i1:
            return None
        joined = toks[cue].norm.startswith("و") or (cue > 0 and toks[cue - 1].norm in lex.next_side)
        gap_end = cue - 1 if cue > 0 and toks[cue - 1].norm in lex.next_side else cue
        if not joined or not _side_phrase(toks, prev.i1, gap_end, lex):
            return None
    return sum(g.value for g in groups), (groups[0].start, groups[-1].end)


def _negated(i: int, toks: Sequence[Token], lex: _Lex) -> bool:
    """"دون وقوع إصابات" says none; "دون معلومات عن الخسائر" says nothing about the count."""
    for k in range(max(0, i - 3), i):
        if toks[k].norm in lex.negators:
            return not any(toks[j].norm in lex.unknown for j in range(k + 1, i))
    return False


def _take(
    i: int,
    role: str,
    toks: Sequence[Token],
    cue_at: dict[int, tuple[str, str]],
    groups: list[_Group],
    lex: _Lex,
) -> _Group | None:
    """The count a cue at token i governs, or None."""
    if role == "noun":
        order = ("back",)
    elif role == "back":
        order = ("back", "fwd")
    else:
        order = ("fwd", "back")
    for direction in order:
        if direction == "fwd":
            for k in range(i + 1, min(len(toks), i + 1 + _FWD_NUM_GAP + 1)):
                if k in cue_at:
                    break
                forms = _forms(toks[k])
                if lex.unknown_plural.intersection(forms) and not any(
                    g.i0 == k for g in groups
                ):
                    return None  # "وأصيب آخرون": count unknown
                if lex.subset.intersection(forms):
                    break
                g = next((g for g in groups if g.i0 == k and not g.used), None)
                if g is not None:
                    gap = k - i - 1
                    if g.person_only and gap > _PERSON_GAP:
                        break
                    return g
        else:
            limit = _NOUN_GAP if role == "noun" else _BACK_NUM_GAP
            for k in range(i - 1, max(-1, i - 2 - limit), -1):
                if k in cue_at:
                    break
                g = next((g for g in groups if g.i1 == k + 1 and not g.used), None)
                if g is None:
                    g = next((g for g in groups if g.i0 <= k < g.i1 and not g.used), None)
                if g is not None:
                    gap = i - g.i1
                    if g.person_only and gap > _PERSON_GAP:
                        break
                    if role == "noun" and gap > _NOUN_GAP:
                        break
                    return g
    return None
