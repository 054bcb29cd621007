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

from marsad.extract.lexicon import allies_of, fights_itself, load_lexicon
from marsad.extract.model import LinearModel, text_features
from marsad.models import Event
from marsad.text.tokens import Token

__all__ = ["Candidate", "candidate_features", "choose_actors", "decide", "propose", "NONE"]

NONE = "none"  #: the class of a candidate that reports no event


@dataclass
class Candidate:
    """An event as the rules code it, with the features the model reads."""

    event: Event
    features: list[str]
    why: list[str] = field(default_factory=list)
    actor_options: list[tuple[str, list[str]]] = field(default_factory=list)  # (actor id, features)
    draft: object = None  # a proposed event's draft (see marsad.extract.learned.LearnedReading.proposals)
    options_by_type: dict = field(default_factory=dict)  # for fitting: a proposal's actor options per event type


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def candidate_features(
    tokens: Sequence[Token],
    *,
    event_type: str,
    sub_event_type: str,
    cues: set[str],
    kind: str,
    geo_precision: int,
    multi_place: bool,
    sentence_index: int,
    n_sentences: int,
    date_known: bool,
    date_precision: int,
    actor1: str | None,
    actor2: str | None,
    fatalities: int,
    injured: int | None,
    carried: bool,
    same_sentence: int,
) -> list[str]:
    """Features of one candidate: its sentence's words, and what the rules decided."""
    t = event_type
    out = text_features(tokens)
    out += [
        f"t:{t}",
        f"s:{sub_event_type}",
        f"k:{kind}",
        f"t:{t}|k:{kind}",
        f"gp:{geo_precision}",
        f"si:{_bucket(sentence_index, (0, 1, 2, 4, 8))}",
        f"dp:{date_precision}" if date_known else "nodate",
        f"a1:{actor1 or '-'}",
        f"a2:{actor2 or '-'}",
        f"t:{t}|a1:{actor1 or '-'}",
        f"t:{t}|a2:{actor2 or '-'}",
        f"dead:{_bucket(fatalities, (0, 1, 5, 20))}",
        "inj" if injured else "noinj",
        f"same:{_bucket(same_sentence, (1, 2, 4))}",
        f"len:{_bucket(len(tokens), (10, 20, 40, 80))}",
    ]
    if multi_place:
        out.append("multi")
    if carried:
        out.append("carried")
    if sentence_index >= n_sentences - 2:
        out.append("late")
    out += [f"c:{c}" for c in sorted(cues)] + [f"t:{t}|c:{c}" for c in sorted(cues)]
    return out


def _set_level(t: str, ids: set[str], n: int, rules: tuple[str, ...], in_sentence: int) -> list[str]:
    out = [f"size:{n}|t:{t}", f"rules:{len(rules)}|size:{n}"]
    if n:
        out.append("same_as_rules" if ids == set(rules) else "superset_of_rules" if ids > set(rules) else "other_than_rules")
    if "CIVILIANS" in ids:
        out.append(f"civ|size:{n}|t:{t}")
    if n == 2:
        out.append(f"in_sentence:{in_sentence}")
    return out


def _member(f: list[str], n: int) -> list[str]:
    return [f"m:{x}" for x in f] + [f"m{n}:{x}" for x in f if not x.startswith("id:")]


def _sides(ev: Event, options: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The options that may be a side of ``ev``: civilians are none of a battle's (events.yaml ``armed_sides_only``)."""
    armed = load_lexicon().armed_sides_only
    if ev.event_type in armed or ev.sub_event_type in armed:
        options = [o for o in options if o[0] != "CIVILIANS"]
    return options[:6]


def actor_sets(ev: Event, options: list[tuple[str, list[str]]]) -> list[tuple[tuple[str, ...], list[str]]]:
    """Every set of one or two options (and the empty set), with the features of the set:
    each member's features tagged by its slot, the size, and how it stands to the rules' pair."""
    t = ev.event_type
    rules = tuple(a for a in (ev.actor1, ev.actor2) if a)
    opts = _sides(ev, options)
    sets: list[tuple[tuple[str, ...], list[str]]] = [((), _set_level(t, set(), 0, rules, 0))]
    for i, (a, fa) in enumerate(opts):
        sets.append(((a,), _set_level(t, {a}, 1, rules, int("sent" in fa)) + _member(fa, 1)))
        for b, fb in opts[i + 1 :]:
            if _allied(a, b):
                continue  # allies are one side (actors.yaml `allies`)
            sets.append(
                ((a, b), _set_level(t, {a, b}, 2, rules, int("sent" in fa) + int("sent" in fb)) + _member(fa, 2) + _member(fb, 2))
            )
    return sets


def _best_set(model: LinearModel, ev: Event, options: list[tuple[str, list[str]]]) -> tuple[str, ...]:
    """The highest-scoring set of :func:`actor_sets`, each member's weights summed once."""
    t = ev.event_type
    rules = tuple(a for a in (ev.actor1, ev.actor2) if a)
    opts = _sides(ev, options)
    bias = model.bias[0]

    def part(features: list[str]) -> float:
        return model.scores(features)[0] - bias

    one = [part(_member(f, 1)) for _, f in opts]
    two = [part(_member(f, 2)) for _, f in opts]
    best: tuple[float, tuple[str, ...]] = (part(_set_level(t, set(), 0, rules, 0)), ())
    for i, (a, fa) in enumerate(opts):
        score = one[i] + part(_set_level(t, {a}, 1, rules, int("sent" in fa)))
        if score > best[0]:
            best = (score, (a,))
        for j in range(i + 1, len(opts)):
            b, fb = opts[j]
            if _allied(a, b):
                continue
            score = two[i] + two[j] + part(_set_level(t, {a, b}, 2, rules, int("sent" in fa) + int("sent" in fb)))
            if score > best[0]:
                best = (score, (a, b))
    return best[1]


def choose_actors(model: LinearModel, ev: Event, options: list[tuple[str, list[str]]]) -> tuple[str | None, str | None]:
    """(actor1, actor2): the set of sides the ``actors`` model scores highest among
    :func:`actor_sets`, ordered as the rules order them where they can."""
    if ev.event_type in ("Protests", "Riots"):
        return ev.actor1, ev.actor2
    if ev.actor1 == ev.actor2 and fights_itself(ev.actor1):
        return ev.actor1, ev.actor2  # "بين فصائل دروز السويداء وعشائر البدو": both sides named, of one actor
    best = _best_set(model, ev, options)
    if not best:
        return None, None
    # "قوات النظام … جيش النظام": one side named twice is one side, not a side fighting itself
    order = list(dict.fromkeys([a for a in (ev.actor1, ev.actor2) if a in best] + list(best)))
    if len(order) == 1:
        acted_upon = order[0] == "CIVILIANS" or (order[0] == ev.actor2 and order[0] != ev.actor1)
        return (None, order[0]) if acted_upon else (order[0], None)
    if order[0] == "CIVILIANS":
        order.reverse()
    if ev.sub_event_type == "Other" and ev.actor2 is None:
        return order[0], None  # a deployment, a patrol: one side moves
    return order[0], order[1]


def _allied(a: str, b: str) -> bool:
    return b in allies_of(a)


def propose(model: LinearModel, proposals: list[Candidate]) -> list[Candidate]:
    """The proposed sentences the ``sentences`` model types as an event, typed."""
    at = float(model.meta.get("threshold", 0.5))
    subs: dict[str, str] = model.meta.get("sub_for", {})
    out = []
    for c in proposals:
        p = model.proba(c.features)
        best = max((k for k in p if k != NONE), key=p.__getitem__)
        if p[best] >= at and subs.get(best):
            c.event.event_type, c.event.sub_event_type = best, subs[best]
            c.why.append(f"model {model.name}: p({best})={p[best]:.2f}")
            out.append(c)
    return out


def decide(
    model: LinearModel | None, candidates: list[Candidate], *, explain: bool = False, actors: LinearModel | None = None
) -> list[Event]:
    """The events the model keeps, retyped where it is sure of another type; with an
    ``actors`` model, each event's actor pair chosen by it."""
    if actors is not None:
        for c in candidates:
            a1, a2 = choose_actors(actors, c.event, c.actor_options)
            if explain and (a1, a2) != (c.event.actor1, c.event.actor2):
                c.event.explain = "; ".join(x for x in (c.event.explain, f"actors chosen by model {actors.name}") if x)
            c.event.actor1, c.event.actor2 = a1, a2
    if model is None:
        return one_per_incident(no_battle_with_civilians([c.event for c in candidates]))
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
    return one_per_incident(no_battle_with_civilians(out))


def no_battle_with_civilians(events: list[Event]) -> list[Event]:
    """A battle is fought between armed sides (ACLED): an armed clash whose chosen sides
    include civilians ("أطلق مسلحون النار على مدنيين") is an attack on them."""
    for ev in events:
        if ev.sub_event_type == "Armed clash" and "CIVILIANS" in (ev.actor1, ev.actor2):
            ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
            if ev.actor1 == "CIVILIANS":
                ev.actor1, ev.actor2 = ev.actor2, ev.actor1
    return events


def one_per_incident(events: list[Event]) -> list[Event]:
    """Events of one article that agree on everything a record keys on: type, sub-type,
    day, place and the pair of sides (either order) are one incident told again ("اندلعت
    اشتباكات بين قسد والعشائر في ذيبان" then, paragraphs later, "وتواصلت الاشتباكات بين
    العشائر وقسد في ذيبان"). The drafts were merged before the actors were chosen; once
    chosen, two tellings can meet. The first telling stays, with the larger tolls; a place taken
    and the fighting for it the same day between the same sides are one incident, the taking
    (:func:`_incident_kind`)."""
    kept: dict[tuple, Event] = {}
    out = []
    for ev in events:
        if ev.location is None:
            out.append(ev)
            continue
        key = (
            ev.event_type,
            _incident_kind(ev.sub_event_type),
            ev.event_date,
            ev.location.place_id or ev.location.name_ar,
            frozenset((ev.actor1, ev.actor2)),
        )
        first = kept.get(key)
        if first is None:
            kept[key] = ev
            out.append(ev)
            continue
        if ev.sub_event_type in _TERRITORY_SUBS and first.sub_event_type not in _TERRITORY_SUBS:
            # the taking is the record, in the place of the clash told before it
            out[out.index(first)] = kept[key] = ev
            first, ev = ev, first
        _fold_into(first, ev)
    return _fold_partial_tellings(out)


#: a place taken and the fighting for it, the same day, between the same sides, are one
#: incident: the change of territory ("سيطرت الفصائل على القصير" with "اشتباكات في القصير")
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _incident_kind(sub_event_type: str) -> str:
    """The sub-type as one_per_incident keys it: a clash and a taking are one kind."""
    return "territory" if sub_event_type in _TERRITORY_SUBS or sub_event_type == "Armed clash" else sub_event_type


def _fold_into(first: Event, ev: Event) -> None:
    first.fatalities = max(first.fatalities, ev.fatalities)
    if ev.injured is not None:
        first.injured = max(first.injured or 0, ev.injured)


def _fold_partial_tellings(events: list[Event]) -> list[Event]:
    """A telling that names fewer sides ("غارات إسرائيلية على مطار دمشق" beside "عدوان جوي
    إسرائيلي استهدف مواقع للجيش في مطار دمشق") of an incident told in full on the same day,
    at the same place and of the same sub-type, is that incident."""

    def key(ev: Event) -> tuple | None:
        if ev.location is None:
            return None
        return (ev.event_type, ev.sub_event_type, ev.event_date, ev.location.place_id or ev.location.name_ar)

    def sides(ev: Event) -> set[str]:
        return {a for a in (ev.actor1, ev.actor2) if a}

    by_key: dict[tuple, list[Event]] = {}
    for ev in events:
        k = key(ev)
        if k is not None:
            by_key.setdefault(k, []).append(ev)
    out = []
    for ev in events:
        k = key(ev)
        group = by_key.get(k, []) if k is not None else []
        fuller = next((o for o in group if o is not ev and sides(ev) < sides(o)), None)
        if fuller is None:
            out.append(ev)
            continue
        _fold_into(fuller, ev)
    return out
