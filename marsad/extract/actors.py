"""Who acted and who was acted upon, from the actor names in a clause.

Arabic news puts the actor after the verb ("قصفت القوات التركية …") or marks
it with "من قبل" / a possessive ("طيران النظام"); the target follows على /
ضد / استهدف, or is named as victims ("عناصر من قوات النظام", "مدنيين").
These positional cues are few and stable, so they are code; the names are
data (actors.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.extract.lexicon import Lexicon
from marsad.extract.matcher import Match
from marsad.text.tokens import Token

__all__ = ["ActorMention", "find_actors", "assign_roles", "resolve_government"]

_TARGET_BEFORE = {
    "علي", "ضد", "استهداف", "صفوف", "عناصر", "عنصر", "عنصرا", "عنصرين", "عنصران", "حاجز", "حواجز", "نقطه",
    "نقاط", "مواقع", "موقع", "دوريه", "دوريات", "مقاتلي", "مقاتلين", "جنود", "جنديين", "ضد", "تجمعات", "مقرات", "مقر", "سياره", "رتل",
    "حافله", "مبيت", "عناصرها", "قياديا", "قيادي", "ضابط", "ضباط", "قتلي", "اسري", "منازل",
}
_AGENT_BEFORE = {"ارتكبها", "ارتكبته", "ارتكب", "ارتكبت", "ارتكبتها", "مصدره", "مصدرها", "قبل", "نفذه", "نفذها", "نفذته", "نفذتها", "شنه", "شنها", "شنته", "شنتها", "يد", "بيد", "ايدي", "بايدي", "نفذ", "شن", "شنت", "نفذت"}
_WITH = {"مع"}
_BETWEEN = {"بين"}
_PROPER_GOV = {"SYR_GOV_ASSAD", "SYR_GOV_NEW"}
_NEW_ERA_HINTS = ("فلول", "المخلوع", "البائد", "السابق", "سقوط الاسد", "سقوط نظام", "الامن العام", "الحكومه السوريه الجديده", "الشرع")
_OLD_ERA_HINTS = ("نظام الاسد", "قوات الاسد", "قوات النظام", "بشار الاسد")


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


def article_era(norm_text: str) -> str | None:
    """'new' when an undated article speaks of the post-Assad order, 'old' for the Assad era."""
    new = sum(norm_text.count(h) for h in _NEW_ERA_HINTS)
    old = sum(norm_text.count(h) for h in _OLD_ERA_HINTS)
    if new > old:
        return "new"
    if old:
        return "old"
    return None


def find_actors(tokens: Sequence[Token], lex: Lexicon) -> list[ActorMention]:
    out: list[ActorMention] = []
    taken: set[int] = set()
    for m in lex.actor_matcher.find_longest(tokens):
        out.append(ActorMention(m.payload, m.first, m.last, _role(tokens, m)))
        taken.update(range(m.first, m.last + 1))
    for m in lex.adjective_matcher.find_longest(tokens):
        if m.first in taken or m.first == 0:
            continue
        prev = [tokens[k].norm for k in range(max(0, m.first - 2), m.first)]
        if any(p.startswith(_WEAPON_WORDS) or p in _WEAPON_BEFORE or any(w in p for w in _WEAPON_WORDS) for p in prev):
            out.append(ActorMention(m.payload, m.first, m.last, "agent"))
    return sorted(out, key=lambda a: a.first)


# "… أنه/إنها" right after the speaker: the speaker reports its own act
_SELF = {"انه", "انها", "انهم", "بانه", "بانها", "بانهم"}
_UNDERGOES = ("تعرض", "يتعرض", "تتعرض", "تعرضت", "تعرضوا", "اصيب", "فقد", "خسر")
_WHEN_WORDS = {"اليوم", "امس", "يوم", "مساء", "صباح", "فجر", "ليل", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد",
               "الماضي", "الفاءت", "الحالي", "الجاري"}
# verbal nouns of what a force does, right after the force that announces them
_OWN_ACTS = {"احباط", "اعتقال", "القبض", "تفكيك", "ضبط", "استهداف", "قصف", "تدمير", "اسقاط", "السيطره", "تحييد", "اغتنام", "مصادره"}
_SPEECH = {"قال", "قالت", "اعلن", "اعلنت", "افاد", "افادت", "ذكر", "ذكرت", "اكد", "اكدت", "بحسب", "وفق", "وفقا", "حسب", "نقلا",
           "نقل", "نقلت", "مصدر", "مصادر", "بيان", "متحدث", "باسم", "اشار", "اشارت", "اوضح", "اوضحت", "صرح", "صرحت", "لدي", "عن"}
_ACCUSE = {"اتهم", "اتهمت", "متهمه", "متهما", "باللوم", "اللوم", "تحميل", "حمل", "حملت", "محمله", "مسؤوليه", "بتهمه", "تهمه",
           "بتهم", "التخابر", "بالتعامل", "التعامل", "متهمين", "يرجح", "ترجح", "يشتبه", "يعتقد", "رجحت", "رجح", "بالانتماء", "الانتماء", "ينتمون", "المنتمين"}
_SUPPORT_WORDS = {"المدعومه", "المدعوم", "مدعومه", "مدعوم", "بدعم", "بمسانده", "بغطاء", "وبدعم", "بمشاركه"}
_GENERIC_UNITS = {"الشرطه", "شرطه", "دوريات", "دوريه", "عناصر", "قوات", "مجموعات", "مجموعه", "خلايا", "خليه", "مقاتلين", "مسلحين", "مسلحون", "فصاءل",
                  "ميليشيات", "مليشيات", "كتيبه", "فرقه", "وحدات", "ارتال", "رتل", "طاءرات", "طاءره", "الطاءرات", "مسيره", "سياره",
                  "حاجز", "حواجز", "نقطه", "نقاط", "مقر", "مقرات", "موقع", "مواقع", "الدوريات", "العناصر", "القوات"}
_CASUALTY_WORDS = ("مقتل", "اصابه", "قتلي", "جرحي", "قتل", "اصيب", "مصرع", "استشهاد", "قضي", "لقي", "قتلوا", "اصيبوا", "جريح", "قتيل")
_CONTEXT = {"تحتلها", "تحتله", "يحتلها", "يحتله", "سيطرت", "سيطره", "لسيطره", "عليها", "منذ", "تقاتل", "يقاتل", "يقاتلون"}
_AFFILIATION = {"تابع", "تابعه", "التابع", "التابعه", "التابعين", "تابعين", "الموالي", "المواليه", "موالي", "مواليه", "الموالين",
                "المدعومه", "المدعوم", "مدعومه", "بقياده", "بدعم", "الخاضعه", "الخاضع", "خاضعه", "لسيطره", "سيطره"}
_MEMBERS = {"قيادي", "القيادي", "قياديا", "عنصر", "عنصرا", "عناصر", "مقاتل", "مقاتلا", "مقاتلين", "ضابط", "ضابطا", "ضباط", "قائد",
            "قائدا", "مسؤول", "مسؤولا", "جندي", "جنديا", "عضو", "عضوا"}
_BELONGS = {"ينتمي", "تنتمي", "ينتميان"}
# "برصاص قناص من X", "لإطلاق نار من مجهولين": X fired
_SHOOTERS = {"قناص", "قناصه", "القناص", "القناصه", "قناصي", "قناصو", "نار", "النار", "رصاص", "الرصاص"}
_WEAPON_BEFORE = {"قصف", "غاره", "غارات", "جويه", "مدفعي", "صاروخي", "قذائف", "هجوم", "كمين", "طيران", "الطيران", "الطائرات", "مسيره",
                  "ضربه", "ضربات", "قصفا", "هجوما", "استهداف", "الحربي", "الحربيه", "الحربيه"}


_WEAPON_WORDS = ("طيران", "طاءره", "طاءرات", "مسيره", "مسيرات", "مدفعيه", "غاره", "غارات", "قصف", "مقاتلات", "مروحي", "صواريخ", "دبابات")


def _role(tokens: Sequence[Token], m: Match) -> str | None:
    head = tokens[m.first].norm
    if m.first and tokens[m.first - 1].norm in {"الي", "نحو"} and m.phrase.startswith("جهه"):
        return "context"  # "اقتادوهم إلى جهة مجهولة": an unknown destination, not an actor
    if any(tokens[k].norm in {"مخلفات", "بقايا"} for k in range(max(0, m.first - 2), m.first)):
        return "agent"  # "لغم من مخلفات تنظيم داعش": the group that left it
    if m.first and tokens[m.first - 1].norm in _SUPPORT_WORDS:
        return "context"  # "قوات النظام المدعومة بالطيران الروسي": a supporter, not a side
    if m.first and tokens[m.first - 1].norm == "بين":
        return "agent"  # "اشتباكات بين X و Y": X is the first side …
    if head.startswith("و") and "بين" in [tokens[k].norm for k in range(max(0, m.first - 8), m.first)]:
        return "other_side"  # … and Y the other
    if any(w in m.phrase for w in _WEAPON_WORDS):
        return "agent"  # "طائرة مسيرة تركية", "الطيران الروسي": the weapon names who fired it
    before = [tokens[k].norm for k in range(max(0, m.first - 3), m.first)]
    prev = before[-1] if before else ""
    if any(tokens[k].norm in _ACCUSE for k in range(max(0, m.first - 6), m.first)):
        return "accused"
    if prev in _BELONGS:
        return "agent"  # "انتحاري ينتمي لتنظيم داعش": the attacker's group, as stated
    aff = len(before) if prev in _AFFILIATION else (len(before) - 1 if len(before) >= 2 and before[-2] in _AFFILIATION
                                                        and prev in {"ل", "من"} else 0)
    if aff:
        # the noun the affiliation describes, possibly with an adjective: "الشرطة العسكرية التابعة لـ"
        heads = [tokens[k].norm for k in range(max(0, m.first - 4), max(0, m.first - 1))]
        if any(h in _GENERIC_UNITS for h in heads[-3:]):
            return "unit"  # "دوريات تابعة للأمن العام": the generic unit is that actor
        return "affiliation"  # "الدفاع الوطني التابع لقوات النظام": describes another actor
    if any(b in _SPEECH or (b[:1] in ("و", "ف") and b[1:] in _SPEECH) for b in before[-2:]):
        after = [tokens[k].norm for k in range(m.last + 1, min(len(tokens), m.last + 6))]
        while after and after[0] in _WHEN_WORDS:
            after = after[1:]  # "أعلنت الوزارة، اليوم الخميس، إحباط …"
        if after and after[0] in _OWN_ACTS and m.payload not in {"CIVILIANS", "PROTESTERS"}:
            return "agent"  # "أعلنت وزارة الداخلية إحباط محاولة تهريب": its own act, as a noun
        if after and after[0] in _SELF:
            # "أعلن الجيش الإسرائيلي أنه قصف …": it tells what it did itself;
            # "قالت قسد إنها تعرضت لهجوم …": what was done to it
            return "target" if len(after) > 1 and after[1].startswith(_UNDERGOES) else "agent"
        return "source"  # "وقالت قسد إن …": who tells, not who acts
    wider = [tokens[k].norm for k in range(max(0, m.first - 7), m.first)]
    if any(w in {"مصدره", "مصدرها", "مصدرها", "مصدر"} for w in wider) and any(w in {"عليها", "سيطره", "لسيطره"} for w in wider):
        return "agent"  # "القصف مصدره مناطق تسيطر عليها قسد": fired from X's areas
    verb_first = prev == "سيطرت" and not (len(before) >= 2 and before[-2] in {"التي", "الذي"})  # "سيطرت X على": X took it
    if any(b in _CONTEXT for b in before[-2:]) and not verb_first:
        return "context"  # "المدينة التي تحتلها القوات التركية": describes the place
    if head.startswith(("لل", "ل")) and not m.phrase.startswith("ل"):
        if any(b in _WEAPON_BEFORE for b in before):
            return "agent"  # "غارات لطيران النظام": possessive of the weapon
        return "target_weak"
    if prev in _WITH:
        return "other_side"
    if any(b in _AGENT_BEFORE for b in [tokens[k].norm for k in range(max(0, m.first - 4), m.first)]):
        return "agent"
    if prev in _TARGET_BEFORE:
        return "target"
    if prev in {"يسمي", "تسمي"} and len(before) >= 2 and before[-2] in {"مما", "من", "لما", "ما"}:
        prev = "من" if before[-2] != "لما" else "ل"  # "عنصران مما يسمى الدفاع الوطني" = "… من الدفاع الوطني"
        if prev == "ل":
            return "target_weak"
    if prev == "من" and len(before) >= 2 and before[-2] in _SHOOTERS:
        return "agent"  # "برصاص قناص من قوات النظام": the sniper's side
    if prev == "في" and len(before) >= 2 and before[-2] in _MEMBERS:
        # "مقتل قيادي في الوحدات الكردية": the victim's side
        near = [tokens[k].norm for k in range(max(0, m.first - 6), min(len(tokens), m.last + 4))]
        if any(w.startswith(_CASUALTY_WORDS) for w in near):
            return "target"
    if prev == "من":
        # "مقتل ثلاثة عناصر من قوات النظام" / "عنصرين من الوحدات قتلوا": the victims' side
        near = [tokens[k].norm for k in range(max(0, m.first - 5), min(len(tokens), m.last + 4))]
        if any(w.startswith(_CASUALTY_WORDS) for w in near):
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
    actor2 = next((t.actor for t in targets if t.actor != actor1), None)
    if actor2 is None:
        others = [m.actor for m in unmarked if m.actor != actor1 and m.first > trigger_first]
        if others:
            actor2 = others[0]
    if sub_event_type == "Other":
        return actor1, (actor2 if actor2 != "CIVILIANS" else None)
    if actor2 is None and civilians and event_type in {
        "Explosions/Remote violence", "Violence against civilians"
    } | ({"Strategic developments"} if sub_event_type == "Arrests" else set()):
        actor2 = "CIVILIANS"
    if event_type == "Violence against civilians" and actor2 is None:
        actor2 = "CIVILIANS"
    if actor1 == actor2:
        actor2 = None
    return actor1, actor2
