"""Where the event, actor and place words sit in an event's Arabic evidence.

The page shows the evidence right-to-left and marks the words the event was
read from.  The spans are found here with the extractor's own lexicon and
clitic-aware matcher, so what is marked is what the extractor can see, and
sent as offsets: the browser builds the marked text node by node (never as
HTML).  Offsets count UTF-16 code units, the unit of JavaScript strings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.extract.lexicon import load_lexicon
from marsad.extract.matcher import PhraseMatcher
from marsad.text.tokens import tokenize

__all__ = ["highlight_spans", "KINDS"]

KINDS = ("place", "actor", "event")  # earlier kinds win where spans overlap
_ALWAYS_CUES = frozenset({"kill", "injure"})
_GOV_IDS = frozenset({"SYR_GOV_ASSAD", "SYR_GOV_NEW"})


@lru_cache(maxsize=64)
def _cues_for(sub_event_type: str) -> frozenset[str]:
    cues: set[str] = set(_ALWAYS_CUES)
    for rule in load_lexicon().rules:
        if rule.sub_event_type == sub_event_type:
            cues |= set(rule.all) | set(rule.any)
    return frozenset(cues)


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def highlight_spans(
    evidence: str,
    *,
    sub_event_type: str,
    actors: tuple[str | None, ...],
    place_names: tuple[str | None, ...],
) -> list[dict[str, Any]]:
    """Non-overlapping ``{"start", "end", "kind"}`` spans of ``evidence``, in order."""
    if not evidence:
        return []
    lex = load_lexicon()
    tokens = tokenize(evidence)
    if not tokens:
        return []
    wanted_actors = {a for a in actors if a}
    found: list[tuple[int, int, str]] = []

    names = [(n, "place") for n in place_names if n and n.strip()]
    if names:
        for m in PhraseMatcher(names).find_longest(tokens):
            found.append((tokens[m.first].start, tokens[m.last].end, "place"))
    for m in lex.actor_matcher.find_longest(tokens):
        aid = m.payload
        if aid in wanted_actors or (aid == "SYR_GOV" and wanted_actors & _GOV_IDS):
            found.append((tokens[m.first].start, tokens[m.last].end, "actor"))
    cues = _cues_for(sub_event_type)
    for m in lex.cue_matcher.find_longest(tokens):
        if m.payload in cues:
            found.append((tokens[m.first].start, tokens[m.last].end, "event"))

    rank = {k: i for i, k in enumerate(KINDS)}
    found.sort(key=lambda s: (rank[s[2]], s[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, kind))
    taken.sort()
    return [{"start": _utf16(evidence, s), "end": _utf16(evidence, e), "kind": k} for s, e, k in taken]
