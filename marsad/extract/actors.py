"""Who acted and who was acted upon, from the actor names in a clause.

Arabic news puts the actor after the verb ("قصفت القوات التركية …") or marks
it with "من قبل" / a possessive ("طيران النظام"); the target follows على /
ضد / استهدف, or is named as victims ("عناصر من قوات النظام", "مدنيين").
The logic of these positional cues is code; the words that carry them are
data (roles.yaml), like the names (actors.yaml).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.context import clause_words
from marsad.extract.lexicon import Lexicon, allies_of, fights_itself, load_word_lists
from marsad.extract.matcher import Match
from marsad.text.tokens import Token, stems

__all__ = ["ActorMention", "find_actors", "article_context", "assign_roles", "resolve_government"]

_PROPER_GOV = {"SYR_GOV_ASSAD", "SYR_GOV_NEW"}


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The word lists of ``lexicon/roles.yaml`` (what each one does is told there)."""

    target_before: frozenset[str]
    agent_before: frozenset[str]
    other_side_before: frozenset[str]
    partners: frozenset[str]
    sought: frozenset[str]
    between: frozenset[str]
    toward: frozenset[str]
    unknown_destination: tuple[str, ...]
    remnants: frozenset[str]
    support: frozenset[str]
    defences: tuple[str, ...]
    weapon_words: tuple[str, ...]
    weapon_before: frozenset[str]
    accuse: frozenset[str]
    belongs: frozenset[str]
    affiliation: frozenset[str]
    affiliation_links: frozenset[str]
    generic_units: frozenset[str]
    unit_nouns: frozenset[str]
    speech: frozenset[str]
    when_words: frozenset[str]
    own_acts: frozenset[str]
    self_reference: frozenset[str]
    undergoes: tuple[str, ...]
    fired_from: frozenset[str]
    held_by: frozenset[str]
    context: frozenset[str]
    seized: frozenset[str]
    relative_pronouns: frozenset[str]
    so_called: frozenset[str]
    so_called_of: frozenset[str]
    so_called_to: frozenset[str]
    side_of: frozenset[str]
    shooters: frozenset[str]
    member_of: frozenset[str]
    members: frozenset[str]
    casualty_words: tuple[str, ...]
    new_era_hints: tuple[str, ...]
    old_era_hints: tuple[str, ...]


def role_words() -> RoleWords:
    """The role word lists, with the user's additions (cached by the loader)."""
    return load_word_lists("roles.yaml", RoleWords)


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: str
    first: int  # token index in the sentence
    last: int
    role: str | None  # "agent", "target" or None (unmarked)


def resolve_government(actor: str, event_date: dt.date | None, era: str | None, lex: Lexicon) -> str:
    """A generic government name ("الجيش السوري") resolved to the era's id."""
    if actor != "SYR_GOV":
        return actor
    if event_date is not None:
        return "SYR_GOV_NEW" if event_date >= lex.government_switch else "SYR_GOV_ASSAD"
    return "SYR_GOV_NEW" if era == "new" else "SYR_GOV_ASSAD"


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, a conjunction or preposition allowed in front ("والشرع"),
    never inside another word ("الشرعية" is not "الشرع")."""
    return re.compile(r"(?<!\w)(?:[وفبل])?" + re.escape(phrase) + r"(?!\w)")


def _count_words(phrase: str, text: str) -> int:
    """How often ``phrase`` stands in ``text`` as whole words (the regex only where the
    plain substring occurs: most hints are absent from most articles)."""
    return len(_phrase_pattern(phrase).findall(text)) if phrase in text else 0


def article_era(norm_text: str) -> str | None:
    """'new' when an undated article speaks of the post-Assad order, 'old' for the Assad era."""
    w = role_words()
    new = sum(_count_words(h, norm_text) for h in w.new_era_hints)
    old = sum(_count_words(h, norm_text) for h in w.old_era_hints)
    if new > old:
        return "new"
    if old:
        return "old"
    return None


def find_actors(tokens: Sequence[Token], lex: Lexicon, context: dict[str, str] | None = None) -> list[ActorMention]:
    """Actor mentions of a sentence; ``context`` (see :func:`article_context`) maps the
    generic names to the actor they mean in this article."""
    w = role_words()
    out: list[ActorMention] = []
    taken: set[int] = set()
    adjectives = {a.first: a for a in lex.adjective_matcher.find_longest(tokens)}
    for m in lex.actor_matcher.find_longest(tokens):
        actor = context.get(m.phrase, m.payload) if context else m.payload
        last = m.last
        nationality = adjectives.get(m.last + 1)
        if actor == "SYR_GOV" and nationality is not None and nationality.payload != "SYR_GOV":
            # "قوات الجيش الإسرائيلي": the generic "قوات الجيش" is the army the adjective names
            actor, last = nationality.payload, nationality.last
        if m.first and any(f in w.unit_nouns for f in stems(tokens[m.first - 1].norm)):
            m = dataclasses.replace(m, first=m.first - 1)  # "مع فصيل الجبهة الشامية": the noun is part of the name
        out.append(ActorMention(actor, m.first, last, _role(tokens, m, w)))
        taken.update(range(m.first, last + 1))
    for m in adjectives.values():
        if m.first in taken or m.first == 0:
            continue
        prev = [tokens[k].norm for k in range(max(0, m.first - 2), m.first)]
        # "القصف المدفعي والصاروخي التركي": the weapon word may carry و and ال
        if any(any(x in p for x in w.weapon_words) or any(f in w.weapon_before for f in stems(p)) for p in prev):
            out.append(ActorMention(m.payload, m.first, m.last, "context" if _absent(tokens, m.first) else "agent"))
    return sorted(out, key=lambda a: a.first)


def _absent(tokens: Sequence[Token], first: int) -> bool:
    """Named after "غياب" (absence), its weapon words between: "مستغلة غياب الطيران المسير التركي"."""
    return any(tokens[k].norm in clause_words().absent_before for k in range(max(0, first - 4), first))


def article_context(sentences: Sequence[Sequence[Token]], lex: Lexicon) -> dict[str, str]:
    """Generic names ("جيش الاحتلال", "الفصائل") mapped to the one actor the article
    names otherwise ("جيش الاحتلال التركي" → TURKEY), by the ``context`` rules of
    actors.yaml; a rule whose article names no such actor, or several, maps nothing."""
    if not lex.context_rules:
        return {}
    found = [m for tokens in sentences for m in lex.actor_matcher.find_longest(tokens)]
    out: dict[str, str] = {}
    for rule in lex.context_rules:
        named = {
            m.payload
            for m in found
            if m.phrase not in rule.generic
            and (not rule.named_with or rule.named_with in m.phrase.split())
            and (not rule.actors or m.payload in rule.actors)
        }
        if len(named) == 1:
            actor = next(iter(named))
            out.update(dict.fromkeys(rule.generic, actor))
    return out


def _role(tokens: Sequence[Token], m: Match, w: RoleWords) -> str | None:
    head = tokens[m.first].norm
    if _absent(tokens, m.first):
        return "context"  # "في ظل غياب قوات النظام": a side that was not there
    if any(f.startswith(w.defences) for f in stems(head)):
        return "defence"  # air defences: struck at in a strike (assign_roles)
    if m.first and tokens[m.first - 1].norm in w.toward and m.phrase.startswith(w.unknown_destination):
        return "context"  # "اقتادوهم إلى جهة مجهولة": an unknown destination, not an actor
    if any(tokens[k].norm in w.remnants for k in range(max(0, m.first - 2), m.first)):
        return "agent"  # "لغم من مخلفات تنظيم داعش": the group that left it
    if m.first and tokens[m.first - 1].norm in w.support:
        return "context"  # "قوات النظام المدعومة بالطيران الروسي": a supporter, not a side
    if m.first and tokens[m.first - 1].norm in w.between:
        return "agent"  # "اشتباكات بين X و Y": X is the first side …
    if head.startswith("و") and any(tokens[k].norm in w.between for k in range(max(0, m.first - 8), m.first)):
        return "other_side"  # … and Y the other
    if any(x in m.phrase for x in w.weapon_words):
        return "agent"  # "طائرة مسيرة تركية", "الطيران الروسي": the weapon names who fired it
    before = [tokens[k].norm for k in range(max(0, m.first - 3), m.first)]
    prev = before[-1] if before else ""
    if any(tokens[k].norm in w.accuse for k in range(max(0, m.first - 6), m.first)):
        return "accused"
    if prev in w.belongs:
        return "agent"  # "انتحاري ينتمي لتنظيم داعش": the attacker's group, as stated
    aff = (
        len(before)
        if prev in w.affiliation
        else (len(before) - 1 if len(before) >= 2 and before[-2] in w.affiliation and prev in w.affiliation_links else 0)
    )
    if aff:
        # the noun the affiliation describes, possibly with an adjective: "الشرطة العسكرية التابعة لـ"
        units = [k for k in range(max(0, m.first - 4), max(0, m.first - 1))[-3:] if tokens[k].norm in w.generic_units]
        if units:
            if units[0] and tokens[units[0] - 1].norm in w.target_before:
                return "target"  # "هجوم على نقاط تابعة للجيش": the unit was hit
            return "unit"  # "دوريات تابعة للأمن العام": the generic unit is that actor
        return "affiliation"  # "الدفاع الوطني التابع لقوات النظام": describes another actor
    if len(before) >= 2 and prev in w.other_side_before and before[-2] in w.partners:
        return "context"  # "بالتعاون مع إدارة العمليات العسكرية": acts beside the agent
    if len(before) >= 2 and before[-2] in w.sought and prev in w.speech:
        return "target"  # "بحثا عن فلول النظام": sought, not quoted ("نقلا عن")
    if any(b in w.speech or (b[:1] in ("و", "ف") and b[1:] in w.speech) for b in before[-2:]):
        after = [tokens[k].norm for k in range(m.last + 1, min(len(tokens), m.last + 6))]
        while after and after[0] in w.when_words:
            after = after[1:]  # "أعلنت الوزارة، اليوم الخميس، إحباط …"
        if after and after[0] in w.own_acts and m.payload not in {"CIVILIANS", "PROTESTERS"}:
            return "agent"  # "أعلنت وزارة الداخلية إحباط محاولة تهريب": its own act, as a noun
        if after and after[0] in w.self_reference:
            # "أعلن الجيش الإسرائيلي أنه قصف …": it tells what it did itself;
            # "قالت قسد إنها تعرضت لهجوم …": what was done to it
            return "target" if len(after) > 1 and after[1].startswith(w.undergoes) else "agent"
        return "source"  # "وقالت قسد إن …": who tells, not who acts
    wider = [tokens[k].norm for k in range(max(0, m.first - 7), m.first)]
    if any(x in w.fired_from for x in wider) and any(x in w.held_by for x in wider):
        return "agent"  # "القصف مصدره مناطق تسيطر عليها قسد": fired from X's areas
    # "سيطرت X على": X took it (not "التي سيطرت")
    verb_first = prev in w.seized and not (len(before) >= 2 and before[-2] in w.relative_pronouns)
    if any(b in w.context for b in before[-2:]) and not verb_first:
        return "context"  # "المدينة التي تحتلها القوات التركية": describes the place
    if head.startswith(("لل", "ل")) and not m.phrase.startswith("ل"):
        if any(b in w.weapon_before for b in before):
            return "agent"  # "غارات لطيران النظام": possessive of the weapon
        return "target_weak"
    if prev in w.other_side_before:
        return "other_side"
    if any(b in w.agent_before for b in [tokens[k].norm for k in range(max(0, m.first - 4), m.first)]):
        return "agent"
    if prev in w.target_before:
        return "target"
    side_of = prev in w.side_of
    if prev in w.so_called and len(before) >= 2:
        # "عنصران مما يسمى الدفاع الوطني" = "… من الدفاع الوطني"; "لما يسمى" = "ل…"
        if before[-2] in w.so_called_to:
            return "target_weak"
        side_of = side_of or before[-2] in w.so_called_of
    if side_of and len(before) >= 2 and before[-2] in w.shooters:
        return "agent"  # "برصاص قناص من قوات النظام": the sniper's side
    if prev in w.member_of and len(before) >= 2 and before[-2] in w.members:
        # "مقتل قيادي في الوحدات الكردية": the victim's side
        near = [tokens[k].norm for k in range(max(0, m.first - 6), min(len(tokens), m.last + 4))]
        if any(x.startswith(w.casualty_words) for x in near):
            return "target"
    if side_of:
        # "مقتل ثلاثة عناصر من قوات النظام" / "عنصرين من الوحدات قتلوا": the victims' side
        near = [tokens[k].norm for k in range(max(0, m.first - 5), min(len(tokens), m.last + 4))]
        if any(x.startswith(w.casualty_words) for x in near):
            return "target"
    return None


def assign_roles(
    mentions: Sequence[ActorMention],
    trigger_first: int,
    event_type: str,
    sub_event_type: str,
    cues: set[str],
) -> tuple[str | None, str | None]:
    """(actor1, actor2) for an event whose first event word is at ``trigger_first``."""
    mentions = [m for m in mentions if m.role not in {"affiliation", "source", "accused", "context"}]
    # air defences are the side a strike is aimed at; otherwise (an interception coded on its own) they act
    defence = "target" if event_type == "Explosions/Remote violence" else None
    mentions = [dataclasses.replace(m, role=defence) if m.role == "defence" else m for m in mentions]
    armed = [m for m in mentions if m.actor not in {"CIVILIANS", "PROTESTERS"}]
    victims = {"kill", "injure", "execution", "abduction", "arrest"} & cues
    civilians = any(m.actor == "CIVILIANS" and (victims or m.role in {"target", "target_weak"}) for m in mentions)

    if event_type in {"Protests", "Riots"}:
        force = next((m.actor for m in armed), None)
        if force is None and sub_event_type in {"Protest with intervention", "Excessive force against protesters"}:
            force = "SYR_GOV"  # security forces that go unnamed are the government's
        return "PROTESTERS", force if sub_event_type != "Peaceful protest" else None

    agent = next((m for m in armed if m.role == "agent"), None)
    targets = [m for m in armed if m.role in {"target", "target_weak", "other_side"}]
    unmarked = [m for m in armed if m.role in (None, "unit")]
    if agent is None:
        # Verb-subject order ("قصفت القوات التركية"): an unmarked actor right
        # after the event word acts; else one named before it (subject first).
        # A unit's owner stands a few words further on ("داهمت الشرطة العسكرية التابعة للجيش الوطني").
        right_after = [m for m in unmarked if trigger_first <= m.first <= trigger_first + (6 if m.role == "unit" else 3)]
        before = [m for m in unmarked if m.first < trigger_first]
        # "هيئة تحرير الشام والفصائل المتحالفة معها": of coordinated subjects the first is named first
        while len(before) >= 2 and before[-1].first - before[-2].last <= 2:
            before = before[:-1]
        after = [m for m in unmarked if m.first > trigger_first + 3]
        agent = (right_after or before[-1:] or (after if event_type == "Battles" else []) or [None])[0]
        if agent is None and targets and len({t.actor for t in targets}) > 1:
            agent, targets = targets[0], targets[1:]
    actor1 = agent.actor if agent else None
    allies = allies_of(actor1)
    # two named sides of one actor that fights itself: "اشتباكات بين فصائل دروز السويداء
    # وعشائر البدو", "قتل عنصران من جيش الإسلام باشتباك مع فصيل الجبهة الشامية"
    sides = ([agent] if agent else []) + targets
    for t in targets:
        if t.role == "other_side" and actor1 in (None, t.actor) and fights_itself(t.actor):
            if any(o is not t and o.actor == t.actor for o in sides):
                return t.actor, t.actor
    actor2 = next((t.actor for t in targets if t.actor != actor1 and t.actor not in allies), None)
    if actor2 is None:
        others = [m.actor for m in unmarked if m.actor != actor1 and m.actor not in allies and m.first > trigger_first]
        if others:
            actor2 = others[0]
    if sub_event_type == "Other":
        return actor1, (actor2 if actor2 != "CIVILIANS" else None)
    if (
        actor2 is None
        and civilians
        and event_type
        in {"Explosions/Remote violence", "Violence against civilians"}
        | ({"Strategic developments"} if sub_event_type == "Arrests" else set())
    ):
        actor2 = "CIVILIANS"
    if event_type == "Violence against civilians" and actor2 is None:
        actor2 = "CIVILIANS"
    if actor1 == actor2:
        actor2 = None
    return actor1, actor2
