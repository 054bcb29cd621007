"""Phrase matching over clitic-aware tokens.

A :class:`PhraseMatcher` is built from (phrase, payload) pairs.  Phrases are
normalised like the text and split into words; a word ending in ``*`` matches
any token that starts with it.  The first word of a phrase may carry attached
proclitics in the text (و ب ل ال …) and, for one-word phrases, a trailing
pronoun; the following words must follow exactly.  Matching is on whole
tokens, so a phrase never matches inside an unrelated word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.text.normalize import normalize
from marsad.text.tokens import Token, stems, tokenize, written_with_ta_marbuta

__all__ = ["PhraseMatcher", "Match"]


@dataclass(frozen=True, slots=True)
class Match:
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    phrase: str  # the normalised phrase that matched
    payload: Any

    @property
    def length(self) -> int:
        return self.last - self.first + 1


#: an entry as matching tries it: the words after the first, the phrase, its payload, and the
#: ``_next_key`` of those words
_Entry = tuple[tuple[str, ...], str, Any, "str | None"]

_HEAD = 3  # prefix entries are indexed by their first letters; stems are at least this long
_START_CACHE = 300_000  # distinct words whose candidate entries are remembered


def _bare(word: str) -> str:
    """A word without its article: words that may match one another (see ``_rest_matches``) share it."""
    return word[2:] if word.startswith("ال") else word


def _next_key(rest: tuple[str, ...]) -> str | None:
    """The ``_bare`` form every token that can follow an entry's first word has, when there is one."""
    if not rest or rest[0].endswith("*") or _bare(_bare(rest[0])) != _bare(rest[0]):
        return None  # stars, and words that begin "الال…" (one bare form may not cover them): always tried
    return _bare(rest[0])


def _word_matches(pattern: str, form: str) -> bool:
    if pattern.endswith("*"):
        return form.startswith(pattern[:-1])
    return form == pattern


class PhraseMatcher:
    def __init__(self, entries: Iterable[tuple[str, Any]], *, enclitics: bool = True, particles: Iterable[str] = ()) -> None:
        self._exact: dict[str, list[_Entry]] = defaultdict(list)
        # prefix entries ("اشتباك*") keyed by their stem: a token form is looked up
        # under each of its own prefixes, so the cost does not grow with the lexicon
        self._prefix: dict[str, list[tuple[str, _Entry]]] = defaultdict(list)
        self._enclitics = enclitics
        # words that never take the article: "الكيف" (in the village "أم الكيف") is no "كيف"
        self._particles = frozenset(normalize(w) for w in particles)
        self._start_cache: dict[str, tuple[_Entry, ...]] = {}
        self.size = 0
        for phrase, payload in entries:
            words = tuple(_phrase_words(phrase))
            if not words:
                continue
            self.size += 1
            norm = " ".join(words)
            head, rest = words[0], words[1:]
            if head.endswith("*") and len(head) - 1 < _HEAD:
                raise ValueError(f"prefix entry {phrase!r} is too short: a '*' stem needs {_HEAD} letters")
            if head.endswith("*"):
                stem = head[:-1]
                self._prefix[stem[:_HEAD]].append((stem, (rest, norm, payload, _next_key(rest))))
            else:
                self._exact[head].append((rest, norm, payload, _next_key(rest)))

    def _starts(self, norm: str) -> tuple[_Entry, ...]:
        """Entries a token written ``norm`` may begin, in the order they are tried
        (its forms without clitics, whole-word entries before stems).  Words recur from article to article, so
        this is worked out once per word (a plain dict: the value for a word never
        changes, so threads may fill it side by side)."""
        hit = self._start_cache.get(norm)
        if hit is not None:
            return hit
        found = []
        # a key ending in ة: the word was written so, its final ه is no pronoun (see find)
        written = norm
        ta_marbuta = norm.endswith("ة")
        norm = norm[:-1] if ta_marbuta else norm
        for form in stems(norm, self._enclitics, ta_marbuta):
            for entry in self._exact.get(form, ()):
                if form != norm and form in self._particles and "ال" in norm[: len(norm) - len(form)]:
                    continue
                found.append(entry)
            for stem, entry in self._prefix.get(form[:_HEAD], ()):
                if form.startswith(stem):
                    found.append(entry)
        hit = tuple(found)
        if len(self._start_cache) < _START_CACHE:
            self._start_cache[written] = hit
        return hit

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Every match, all lengths, in token order."""
        out: list[Match] = []
        starts, rest_matches, known = self._starts, self._rest_matches, self._start_cache.get
        last = len(tokens) - 1
        for i, tok in enumerate(tokens):
            # normalised text never holds ة: appended, it marks a word written with one
            key = tok.norm + "ة" if tok.norm.endswith("ه") and written_with_ta_marbuta(tok.text) else tok.norm
            entries = known(key)
            if entries is None:
                entries = starts(key)
            if not entries:
                continue
            # most multi-word entries of a common first word ("قوات …") differ in their second:
            # the next token's bare form rules them out without a call
            after = _bare(tokens[i + 1].norm) if i < last else None
            seen: set[str] = set()
            for rest, phrase, payload, second in entries:
                if second is not None and second != after:
                    continue
                if phrase not in seen and rest_matches(tokens, i + 1, rest):
                    seen.add(phrase)
                    out.append(Match(i, i + len(rest), phrase, payload))
        return out

    def find_longest(self, tokens: Sequence[Token]) -> list[Match]:
        """Non-overlapping matches, longest first, then leftmost."""
        chosen: list[Match] = []
        taken: set[int] = set()
        for m in sorted(self.find(tokens), key=lambda m: (-m.length, m.first)):
            span = range(m.first, m.last + 1)
            if any(k in taken for k in span):
                continue
            taken.update(span)
            chosen.append(m)
        return sorted(chosen, key=lambda m: m.first)

    @staticmethod
    def _rest_matches(tokens: Sequence[Token], start: int, rest: tuple[str, ...]) -> bool:
        if start + len(rest) > len(tokens):
            return False
        for k, pattern in enumerate(rest):
            norm = tokens[start + k].norm
            if _word_matches(pattern, norm):
                continue
            # adjectives agree in definiteness: "الغارات الإسرائيلية" ~ "غارات إسرائيلية"
            if norm.startswith("ال") and not pattern.startswith("ال") and _word_matches(pattern, norm[2:]):
                continue
            if pattern.startswith("ال") and _word_matches(pattern[2:], norm):
                continue
            return False
        return True


def _phrase_words(phrase: str) -> list[str]:
    star = phrase.strip().endswith("*")
    words = [t.norm for t in tokenize(phrase.replace("*", ""))]
    if star and words:
        words[-1] += "*"
    return [normalize(w) if not w.endswith("*") else w for w in words]
