"""What the words around an event word say: the clause word lists
(``lexicon/clause_words.yaml``) and the small readings built on them and on
place lists — shared by the rules (:mod:`marsad.extract.core`) and the
learned side (:mod:`marsad.extract.learned`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.lexicon import load_word_lists
from marsad.text import numbers as numbers_mod
from marsad.text.tokens import Token

__all__ = [
    "ClauseWords",
    "clause_words",
    "year_only",
    "last_list",
    "listed_together",
    "same_crowd",
    "toll_split",
    "after_span",
    "last_settlement",
    "VIOLENT",
    "CROWD",
]


@dataclass(frozen=True)
class ClauseWords:
    """The word lists of ``lexicon/clause_words.yaml`` (what each one does is told there)."""

    conjoined_openers: frozenset[str]
    back_reference: frozenset[str]
    comes_after: frozenset[str]
    deployment_words: frozenset[str]
    support_before: tuple[str, ...]
    support_starts: tuple[str, ...]
    accompany_starts: tuple[str, ...]
    accompany_with: frozenset[str]
    qualifier_starts: tuple[str, ...]
    spoils: frozenset[str]
    fight_words: frozenset[str]
    undergo_starts: tuple[str, ...]
    absent_before: frozenset[str]
    agent_before: frozenset[str]
    year_words: frozenset[str]
    after_words: frozenset[str]
    span_words: frozenset[str]
    span_links: frozenset[str]
    negators: frozenset[str]
    rally_verbs: frozenset[str]
    rally_openers: frozenset[str]
    unknown_marks: tuple[str, ...]
    syria_marks: tuple[str, ...]


@lru_cache(maxsize=1)
def clause_words() -> ClauseWords:
    """The clause word lists, with the user's additions (loaded once)."""
    return load_word_lists("clause_words.yaml", ClauseWords)


@lru_cache(maxsize=1)
def year_only() -> re.Pattern[str]:
    """ "في العام 2018": a year-introducing word and a bare year (normalised text)."""
    words = "|".join(sorted(map(re.escape, clause_words().year_words), key=len, reverse=True))
    return re.compile(rf"(?:^| )(?:{words}) ((?:19|20)\d\d)(?: |$)")


_LIST_GAP = re.compile(r"^[\s،,]*(و\s*)?$")


def listed_together(a, b, text: str) -> bool:
    """Two place mentions written as members of one list: "X وY", "X، Y"."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_LIST_GAP.match(text[first.end : second.start]))


def last_list(mentions: list, text: str | None) -> list:
    """The last run of places written as a list ("تل كديش وغنامية وكربطلي")."""
    if not mentions or text is None:
        return []
    ordered = sorted(mentions, key=lambda m: m.start)
    run = [ordered[-1]]
    for m in reversed(ordered[:-1]):
        if not listed_together(m, run[0], text):
            break
        run.insert(0, m)
    return run


def same_crowd(a: str, b: str) -> bool:
    """Event types whose next sentence may go on at the same place: the same type, or a
    protest and the rioting of its crowd ("وأغلق المحتجون الطريق بالإطارات المشتعلة")."""
    return a == b or {a, b} == {"Protests", "Riots"}


_BRACKETS = re.compile(r"^\s*[(\[]([^()\[\]\n]{1,30})[)\]]")


def toll_split(sentence: str, base: int, mentions: list) -> list:
    """Places each followed by its own toll in brackets: [(mention, dead), …]."""
    out = []
    for m in mentions:
        if m.location is None:
            continue
        aside = _BRACKETS.match(sentence[m.end - base : m.end - base + 40])
        dead = numbers_mod.casualties(aside.group(1)).killed if aside else None
        if dead:
            out.append((m, dead))
    return out


def after_span(tokens: list[Token], first: int) -> bool:
    """The event word follows "بعد/عقب <a span of time> من/على": "بعد يومين من هجمات"."""
    w = clause_words()
    if first < 3 or tokens[first - 1].norm not in w.span_links:
        return False
    if tokens[first - 2].norm not in w.span_words:
        return False
    k = first - 3
    if tokens[k].norm.isdigit() and k > 0:
        k -= 1  # "بعد 3 أيام من"
    return tokens[k].norm in w.after_words


def last_settlement(mentions: list, before: int, reach: int = 600) -> object | None:
    """The last city, town or village named shortly before ``before`` (for "في المدينة")."""
    for m in reversed(mentions):
        if m.start >= before:
            continue
        if before - m.start > reach:
            return None
        if (
            m.location is not None
            and m.kind in ("city", "town", "village", "neighbourhood", "camp")
            and not getattr(m, "foreign", False)
        ):
            return m
    return None


VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
CROWD = frozenset({"Protests", "Riots"})
