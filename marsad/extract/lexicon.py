"""The extraction lexicons, loaded once and compiled into matchers.

Files (``marsad/data/lexicon``): ``actors.yaml``, ``events.yaml``,
``cues.yaml``, ``noise.yaml``, ``VERSION.yaml``, and the plain word lists read
by :func:`load_word_lists` (``roles.yaml`` …).  A user's folder (setting
``user_data``) may hold files of the same names whose entries are added to the
packaged ones — see docs/lexicon.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from marsad.errors import DataError
from marsad.extract.matcher import Match, PhraseMatcher
from marsad.models import SUB_EVENT_TYPES
from marsad.resources import lexicon_version, load_lexicon_yaml, load_user_yaml, load_yaml
from marsad.text.tokens import tokenize
from marsad.text.normalize import normalize

__all__ = ["Lexicon", "Rule", "ActorInfo", "load_lexicon", "load_word_lists"]


@dataclass(frozen=True)
class Rule:
    all: frozenset[str]
    any: frozenset[str]
    none: frozenset[str]
    event_type: str
    sub_event_type: str

    def applies(self, cues: set[str]) -> bool:
        return self.all <= cues and (not self.any or bool(self.any & cues)) and not (self.none & cues)


@dataclass(frozen=True)
class ActorInfo:
    id: str
    label: str
    generic_government: bool = False
    infighting: bool = False  # may be both sides of one event (rival factions, clans)
    allies: frozenset[str] = frozenset()  # never the other side of one of its events


@dataclass
class Lexicon:
    version: str
    actors: dict[str, ActorInfo]
    actor_matcher: PhraseMatcher
    adjective_matcher: PhraseMatcher
    cue_matcher: PhraseMatcher
    word_matcher: PhraseMatcher  # cues, cancel cues, toll and claim phrases in one pass: payload (kind, name)
    rules: list[Rule]
    cancel_matcher: PhraseMatcher
    cancel_scope: dict[str, tuple[str, bool]]  # name -> (scope, before)
    background_matcher: PhraseMatcher
    past_matcher: PhraseMatcher
    clause_break_matcher: PhraseMatcher  # payload "break", or "source" for an attribution ("وفقا لما ذكرته X")
    those_places_matcher: PhraseMatcher  # "في تلك القرى": the list of places just named
    same_place_matcher: PhraseMatcher  # "في المدينة نفسها": the place of the event just told
    toll_matcher: PhraseMatcher
    government_switch: dt.date
    noise_cut: tuple[str, ...]
    noise_drop: tuple[str, ...]
    max_headline_words: int
    cue_words: dict[str, list[str]] = field(default_factory=dict)
    cancel_spares: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> event types it does not cancel
    context_rules: tuple[ContextRule, ...] = ()  # generic names that mean the actor the article names
    armed_sides_only: frozenset[str] = frozenset()  # event types and sub-types civilians are no side of


@dataclass(frozen=True)
class ContextRule:
    """Generic actor names that mean the one actor an article names otherwise (actors.yaml ``context``)."""

    generic: frozenset[str]  # normalised phrases
    named_with: str = ""  # the other alias must hold this (normalised) word …
    actors: frozenset[str] = frozenset()  # … and/or be of one of these actors


def _context_rules(raw: list[dict[str, Any]]) -> tuple[ContextRule, ...]:
    out = []
    for r in raw:
        if not r.get("generic") or not (r.get("named_with") or r.get("actors")):
            raise DataError("actors.yaml context: each rule needs `generic` and `named_with` or `actors`")
        out.append(
            ContextRule(
                frozenset(" ".join(t.norm for t in tokenize(str(w))) for w in r["generic"]),
                normalize(str(r.get("named_with") or "")),
                frozenset(str(a) for a in r.get("actors") or ()),
            )
        )
    return tuple(out)


def _merge_lists(base: dict[str, list[str]], extra: dict[str, Any] | None, what: str) -> None:
    if not extra:
        return
    if not isinstance(extra, dict):
        raise DataError(f"user {what}: expected a mapping")
    for name, words in extra.items():
        if not isinstance(words, list):
            raise DataError(f"user {what}: {name!r} must be a list of words")
        base.setdefault(name, []).extend(str(w) for w in words)


def _actors() -> tuple[dict[str, ActorInfo], list[tuple[str, str]], dt.date]:
    data = load_yaml("lexicon", "actors.yaml")
    infos: dict[str, ActorInfo] = {}
    entries: list[tuple[str, str]] = []
    for a in data["actors"]:
        infos[a["id"]] = ActorInfo(a["id"], a.get("label", a["id"]), bool(a.get("generic_government")), bool(a.get("infighting")))
        entries.extend((alias, a["id"]) for alias in a.get("aliases", []))
    user = load_user_yaml("actors.yaml")
    for a in (user or {}).get("actors", []) or []:
        aid = a.get("id")
        if not aid:
            raise DataError("user actors.yaml: every actor needs an id")
        infos.setdefault(aid, ActorInfo(aid, a.get("label", aid), bool(a.get("generic_government")), bool(a.get("infighting"))))
        entries.extend((alias, aid) for alias in a.get("aliases", []))
    for pair in data.get("allies") or []:
        if not isinstance(pair, list) or len(pair) != 2 or any(a not in infos for a in pair):
            raise DataError(f"actors.yaml allies: {pair!r} must be two catalogue ids")
        a, b = pair
        infos[a] = dataclasses.replace(infos[a], allies=infos[a].allies | {b})
        infos[b] = dataclasses.replace(infos[b], allies=infos[b].allies | {a})
    switch = dt.date.fromisoformat(str(data.get("government_switch", "2024-12-08")))
    return infos, entries, switch


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """All lexicons, compiled (cached: loaded once per process)."""
    try:
        return _compile()
    except ValueError as exc:  # a malformed entry, e.g. a '*' stem that is too short
        raise DataError(f"lexicon: {exc}") from exc


def allies_of(actor: str | None) -> frozenset[str]:
    """The actors that fight beside ``actor`` (actors.yaml ``allies``): never its other side."""
    info = load_lexicon().actors.get(actor) if actor else None
    return info.allies if info else frozenset()


def fights_itself(actor: str | None) -> bool:
    """Whether ``actor``'s units fight one another (actors.yaml ``infighting``): it may be both sides."""
    info = load_lexicon().actors.get(actor) if actor else None
    return bool(info and info.infighting)


def _compile() -> Lexicon:
    infos, actor_entries, switch = _actors()

    events = load_yaml("lexicon", "events.yaml")
    cue_words: dict[str, list[str]] = {k: list(v) for k, v in events["cues"].items()}
    _merge_lists(cue_words, (load_user_yaml("events.yaml") or {}).get("cues"), "events.yaml")
    rules = []
    for r in events["rules"]:
        if r["sub"] not in SUB_EVENT_TYPES.get(r["type"], ()):
            raise DataError(f"events.yaml: unknown type/sub-type {r['type']!r} / {r['sub']!r}")
        rules.append(
            Rule(frozenset(r.get("all", ())), frozenset(r.get("any", ())), frozenset(r.get("none", ())), r["type"], r["sub"])
        )

    armed_only = frozenset(str(x) for x in events.get("armed_sides_only") or ())
    known = set(SUB_EVENT_TYPES) | {s for subs in SUB_EVENT_TYPES.values() for s in subs}
    if armed_only - known:
        raise DataError(f"events.yaml armed_sides_only: unknown type or sub-type {sorted(armed_only - known)}")

    cues = load_yaml("lexicon", "cues.yaml")
    cancel_words: dict[str, list[str]] = {k: list(v["words"]) for k, v in cues["cancel"].items()}
    user_cues = load_user_yaml("cues.yaml") or {}
    _merge_lists(cancel_words, {k: v.get("words", []) for k, v in (user_cues.get("cancel") or {}).items()}, "cues.yaml")
    scope = {k: (v.get("scope", "clause"), bool(v.get("before", False))) for k, v in cues["cancel"].items()}
    for k in cancel_words:
        scope.setdefault(k, ("clause", True))

    noise = load_yaml("lexicon", "noise.yaml")
    return Lexicon(
        version=lexicon_version(),
        actors=infos,
        actor_matcher=PhraseMatcher(actor_entries, enclitics=False),
        adjective_matcher=PhraseMatcher(
            ((w, aid) for aid, words in (load_yaml("lexicon", "actors.yaml").get("adjectives") or {}).items() for w in words),
            enclitics=False,
        ),
        cue_matcher=PhraseMatcher(((w, name) for name, words in cue_words.items() for w in words)),
        word_matcher=PhraseMatcher(
            [(w, ("cue", name)) for name, words in cue_words.items() for w in words]
            + [(w, ("cancel", name)) for name, words in cancel_words.items() for w in words]
            + [(w, ("toll", "toll")) for w in cues["toll_update"]]
            + [(w, ("claim", "claim")) for w in cues.get("claim", [])],
            particles=cues["particles"],
        ),
        rules=rules,
        cancel_matcher=PhraseMatcher(
            ((w, name) for name, words in cancel_words.items() for w in words), particles=cues["particles"]
        ),
        cancel_scope=scope,
        cancel_spares={k: frozenset(v["spares"]) for k, v in cues["cancel"].items() if v.get("spares")},
        background_matcher=PhraseMatcher(((w, "background") for w in cues["background"]["words"]), enclitics=False),
        past_matcher=PhraseMatcher(((w, "past") for w in cues["past"]["words"]), enclitics=False),
        clause_break_matcher=PhraseMatcher(
            [(w, "break") for w in cues["clause_breaks"]] + [(w, "source") for w in cues.get("attribution", [])], enclitics=False
        ),
        those_places_matcher=PhraseMatcher(((w, "those_places") for w in cues.get("those_places", [])), enclitics=False),
        same_place_matcher=PhraseMatcher(((w, "same_place") for w in cues.get("same_place", [])), enclitics=False),
        toll_matcher=PhraseMatcher((w, "toll") for w in cues["toll_update"]),
        government_switch=switch,
        noise_cut=tuple(normalize(w) for w in noise["cut_after"]),
        noise_drop=tuple(normalize(w) for w in noise["drop_lines"]),
        max_headline_words=int(noise.get("max_headline_words", 18)),
        cue_words=cue_words,
        armed_sides_only=armed_only,
        context_rules=_context_rules(load_yaml("lexicon", "actors.yaml").get("context") or []),
    )


W = TypeVar("W")


@lru_cache(maxsize=None)
def load_word_lists(file: str, cls: type[W]) -> W:
    """The named word lists of ``lexicon/<file>``, normalised like the text, as a ``cls``.

    ``cls`` is a frozen dataclass whose fields are the lists the code reads: a
    file must hold exactly those (a missing or unknown list is a ``DataError``).
    A ``frozenset`` field holds whole words (an entry with a space could never
    equal a token, so it is refused); a ``tuple`` field holds word starts or
    phrases, longest first.  ``<user_data>/<file>`` adds words to the lists.
    Cached: loaded once per process.
    """
    data = load_lexicon_yaml(file)  # the user's words already added
    if not isinstance(data, dict):
        raise DataError(f"{file}: expected a mapping of list names to word lists")
    lists: dict[str, list[str]] = {}
    for name, words in data.items():
        if not isinstance(words, list):
            raise DataError(f"{file}: {name!r} must be a list of words")
        lists[str(name)] = [str(w) for w in words]
    fields = {f.name: str(f.type) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    missing = sorted(set(fields) - set(lists))
    extra = sorted(set(lists) - set(fields))
    if missing or extra:
        raise DataError(f"{file}: missing list(s) {missing}, unknown list(s) {extra}")
    values: dict[str, Any] = {}
    for name, kind in fields.items():
        words = [normalize(w) for w in lists[name]]
        if not all(words):
            raise DataError(f"{file}: an empty entry in {name!r}")
        if kind.startswith("tuple"):
            values[name] = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
        else:
            spaced = [w for w in words if " " in w]
            if spaced:
                raise DataError(f"{file}: {name!r} holds single words, not {spaced[0]!r}")
            values[name] = frozenset(words)
    return cls(**values)


def scan_words(lex: Lexicon, tokens: list) -> dict[str, list[Match]]:
    """Event words ("cue"), cancel cues, toll and claim phrases of a token list, in one pass.

    A cancel cue inside a longer event phrase is that phrase's word, not a cancel cue:
    "القضاء" is the judiciary (a trial), "القضاء على" the elimination of a group."""
    out: dict[str, list[Match]] = {"cue": [], "cancel": [], "toll": [], "claim": []}
    for m in lex.word_matcher.find(tokens):
        kind, name = m.payload
        out[kind].append(Match(m.first, m.last, m.phrase, name))
    if out["cancel"] and out["cue"]:
        out["cancel"] = [
            c
            for c in out["cancel"]
            if not any(e.first <= c.first and c.last <= e.last and e.length > c.length for e in out["cue"])
        ]
    return out
