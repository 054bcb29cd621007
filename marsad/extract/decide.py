"""The learned decision over the rules' candidate events.

The rules propose candidates (an event type, a place, a date, actors, tolls,
the sentence they came from).  The ``events`` model reads each candidate — the
words of its sentence and what the rules found — and says whether it reports
an incident that happened (class ``none``: recall, background, plan, threat,
statistic, a misread word …) and of which event type.  Candidates it rejects
are dropped; a candidate it is sure is of another type is retyped, taking the
sub-type the training data gives for that change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.extract.model import LinearModel, text_features
from marsad.models import Event
from marsad.text.tokens import Token

__all__ = ["Candidate", "candidate_features", "decide", "NONE"]

NONE = "none"  #: the class of a candidate that reports no event


@dataclass
class Candidate:
    """An event as the rules code it, with the features the model reads."""

    event: Event
    features: list[str]
    why: list[str] = field(default_factory=list)


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def candidate_features(tokens: Sequence[Token], *, event_type: str, sub_event_type: str, cues: set[str],
                       kind: str, geo_precision: int, multi_place: bool, sentence_index: int, n_sentences: int,
                       date_known: bool, date_precision: int, actor1: str | None, actor2: str | None,
                       fatalities: int, injured: int | None, carried: bool, same_sentence: int) -> list[str]:
    """Features of one candidate: its sentence's words, and what the rules decided."""
    t = event_type
    out = text_features(tokens)
    out += [f"t:{t}", f"s:{sub_event_type}", f"k:{kind}", f"t:{t}|k:{kind}", f"gp:{geo_precision}",
            f"si:{_bucket(sentence_index, (0, 1, 2, 4, 8))}", f"dp:{date_precision}" if date_known else "nodate",
            f"a1:{actor1 or '-'}", f"a2:{actor2 or '-'}", f"t:{t}|a1:{actor1 or '-'}", f"t:{t}|a2:{actor2 or '-'}",
            f"dead:{_bucket(fatalities, (0, 1, 5, 20))}", "inj" if injured else "noinj",
            f"same:{_bucket(same_sentence, (1, 2, 4))}", f"len:{_bucket(len(tokens), (10, 20, 40, 80))}"]
    if multi_place:
        out.append("multi")
    if carried:
        out.append("carried")
    if sentence_index >= n_sentences - 2:
        out.append("late")
    out += [f"c:{c}" for c in sorted(cues)] + [f"t:{t}|c:{c}" for c in sorted(cues)]
    return out


def decide(model: LinearModel | None, candidates: list[Candidate], *, explain: bool = False) -> list[Event]:
    """The events the model keeps, retyped where it is sure of another type."""
    if model is None:
        return [c.event for c in candidates]
    meta = model.meta
    drop_at = float(meta.get("drop_threshold", 0.5))
    margin = float(meta.get("retype_margin", 0.2))
    subs: dict[str, str] = meta.get("sub_for", {})
    out = []
    for c in candidates:
        ev = c.event
        p = model.proba(c.features)
        p_none = p.get(NONE, 0.0)
        if p_none >= drop_at:
            continue
        best = max((k for k in p if k != NONE), key=p.__getitem__)
        note = f"model {model.name}: p(none)={p_none:.2f}, p({ev.event_type})={p.get(ev.event_type, 0.0):.2f}"
        if best != ev.event_type and p[best] - p.get(ev.event_type, 0.0) >= margin:
            sub = subs.get(f"{ev.sub_event_type}|{best}") or subs.get(best)
            if sub:
                note += f"; retyped {ev.event_type} → {best}"
                ev.event_type, ev.sub_event_type = best, sub
        if explain:
            ev.explain = "; ".join(x for x in (ev.explain, note) if x)
        out.append(ev)
    return out
