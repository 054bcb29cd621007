"""Killed and injured counts of one sentence: quantities tied to casualty cues.

Reads the quantities of :mod:`marsad.text.quantities` and decides which cue
(killed / injured) each one counts; the rules are in :func:`casualties`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.text.normalize import normalize
from marsad.text.quantities import (
    _Q,
    _cue,
    _cue_prefilter,
    _forms,
    _Lex,
    _lex,
    _quantities,
    _skip_offset,
)
from marsad.text.tokens import Token, stems, tokenize

__all__ = ["Casualties", "casualties"]


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
# --------------------------------------------------------------------------- casualties

_FWD_NUM_GAP = 4  # tokens allowed between a cue and the count after it
_BACK_NUM_GAP = 8  # … and before it ("ما لا يقل عن 13 شخصا من المدنيين قتلوا")
_PERSON_GAP = 2  # a bare noun ("مقتل شاب") must sit right by the cue
_NOUN_GAP = 2  # "89 قتيلا", "عدد من القتلى"
_UPDATE_WINDOW = 32  # "ارتفع عدد القتلى الذين سقطوا جراء … قبل يومين إلى 39"


def _more_than(i: int, toks: list) -> bool:
    """ "أكثر من قتيل": more than one, not one."""
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
    """ "5 عناصر من قوات النظام و3 من الفصائل": a short "من X" between two figures."""
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
        out.append(_Group(q.i0, q.noun_end, q.value, (q.kind,), _skip_offset(toks[q.i0], q.skip), toks[q.i1 - 1].end))
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
        elif _singular_pronoun(toks[i].norm, lex):
            # "ما أدى إلى مقتله", "أسفر عن استشهادها": one person
            t = toks[i]
            found[bucket].append((t.start, _Group(i, i + 1, 1, ("person",), t.start, t.end, True)))

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


def _singular_pronoun(norm: str, lex: _Lex) -> bool:
    """A cue with a singular object pronoun ("مقتله", "إصابتها"): one person.  Called for
    tokens the cue lookup (which peels pronouns) found; the token must not itself be a
    cue without its pronoun peeled, for a normalised ta marbuta also ends in ه ("إصابه")."""
    return norm.endswith(("ه", "ها")) and not any(f in lex.cues for f in stems(norm))


def _side_phrase(toks: Sequence[Token], a: int, b: int, lex: _Lex) -> bool:
    """Tokens a..b-1 are nothing or a short "من/في صفوف X" naming whose dead they were."""
    if a >= b:
        return True
    words = [t.norm for t in toks[a:b]]
    side = words[0] in lex.side_of or (len(words) > 1 and words[0] in lex.side_words and words[1] in lex.ranks)
    return len(words) <= 5 and side and not any(w in lex.subset for w in words)


def _sides_total(groups: list, cue_of: dict[int, int], toks: Sequence[Token], lex: _Lex):  # type: ignore[no-untyped-def]
    """ "مقتل عنصرين من قسد ومقتل ثلاثة من عناصر التنظيم": figures for each side,
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
    """ "دون وقوع إصابات" says none; "دون معلومات عن الخسائر" says nothing about the count."""
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
                if lex.unknown_plural.intersection(forms) and not any(g.i0 == k for g in groups):
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
