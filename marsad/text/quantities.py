"""Quantities in Arabic news text: digits, number words, duals, vague words and hedges.

The reading half of :mod:`marsad.text.numbers` (which documents the forms); the
casualty half, which ties these quantities to killed/injured cues, is
:mod:`marsad.text.casualties`.  Word lists live in ``marsad/data/lexicon/numbers.yaml``.
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

__all__ = ["NumberMention", "find_numbers", "parse_number", "VAGUE_SEVERAL", "VAGUE_DOZENS", "VAGUE_HUNDREDS"]

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
        person_sg=frozenset(f for w in d["person_singular"] for f in (_n(w), _n(w) + "ا") if not f.endswith("ها")),
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


_POSSESSIVES = ("ه", "ها", "هما", "هم", "هن")  # his, her, their: "امرأة وطفلها"


def _possessed_person(norm: str, lex: _Lex) -> bool:
    """A singular person noun with a possessive pronoun ("امرأة وطفلها", "رجل وزوجته"): one person."""
    return norm.endswith(_POSSESSIVES) and bool(lex.person_sg.intersection(stems(norm, True)))


def _quantities(text: str, toks: Sequence[Token], lex: _Lex, persons: bool) -> list[_Q]:
    out: list[_Q] = []
    skips = _skip_spans(text) if any(t.is_number or t.norm[-1:].isdigit() for t in toks) else []
    thousands = {m.start(): m for m in _THOUSANDS.finditer(to_ascii_digits(text))} if skips or "," in text or "٬" in text else {}
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
                elif persons and (lex.person_sg.intersection(first_forms) or _possessed_person(tok.norm, lex)):
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
            f in lex.units
            or f in lex.tens
            or f in lex.hundreds
            or f in lex.thousands
            or f in lex.vague_first
            or f in lex.person_dual
            or f in lex.person_sg
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
    is only right next to a casualty verb, which :func:`marsad.text.casualties.casualties` checks.
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
