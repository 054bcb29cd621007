"""The rules' reading of one article (:class:`_Reading`), made by
:class:`marsad.extract.extractor.Extractor` for each call.

How an article is read, stage by stage:

1. page noise is blanked (:mod:`marsad.text.clean`), keeping offsets;
2. the body is split into sentences, each sentence into clauses at
   connectives (كما، فيما، بينما …);
3. in each clause the event words (events.yaml) give a set of cues and the
   first matching rule gives event type and sub-type;
4. cancel cues (threats, plans, denials, questions, anniversaries …) drop the
   clause; places abroad drop it too;
5. the clause's places (from the injected place resolver), actors, date and
   casualty figures make one event per place;
6. events with the same (day, place, actor pair, sub-type) are merged, and a
   sentence that only updates a toll updates the event it follows.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from marsad.extract import actors as actor_roles
from marsad.extract.context import (
    VIOLENT,
    after_span,
    clause_words,
    last_list,
    last_settlement,
    same_crowd,
    toll_split,
    year_only,
)
from marsad.extract.decide import Candidate
from marsad.extract.learned import LearnedReading
from marsad.extract.lexicon import fights_itself, scan_words
from marsad.extract.matcher import Match
from marsad.extract.merge import Draft
from marsad.extract.places import (
    drop_dateline,
    governing_preposition,
    in_parentheses,
    measures_distance,
    place_words,
    primary_places,
    token_at,
)
from marsad.models import Article
from marsad.text import dates as dates_mod
from marsad.text import numbers as numbers_mod
from marsad.text.document import Document
from marsad.text.normalize import normalize
from marsad.text.sentences import Sentence
from marsad.text.tokens import Token, stems, tokenize

if TYPE_CHECKING:
    from marsad.extract.extractor import Extractor

__all__: list[str] = []  # private: marsad.extract.extractor.Extractor is the front

# a round-up of villages taken or shelled is one event each (5-fold CV: 6 -> 12 raised event F1 0.683 -> 0.691)
MAX_EVENTS_PER_CLAUSE = 12
CARRY_SENTENCES = 2  # how far back a clause without place/actor may borrow them
FIGHT_REACH = 8  # words between a fighting word and the weapons it was fought with
TOLL_REACH = 5  # words after a toll phrase within which a definite event noun is the event whose toll it is
BACKGROUND_REACH = 3  # words after a background event word ("بعد ساعات من هجوم") that still tell of it
_VAGUE_COUNTS = {10, 12, 100}  # "عدد من"، "عشرات"، "مئات" (SPEC §2)
#: strike words that the word before them can make a force's support ("المدعومة بقصف جوي")
_SUPPORT_CUES = frozenset({"aircraft", "weapons", "shell", "air_attack"})
_PURPOSE_CUES = {"clash", "shell", "air_attack", "arrest", "ied", "takeover", "reinforce", "protest", "abduction"}
_CROWD_CUES = frozenset({"protest", "riot", "mob"})  # event words of a gathering (Protests, Riots)


class _Reading(LearnedReading):
    """The rules applied to one article: all per-article state lives here."""

    def __init__(self, extractor: Extractor, article: Article, doc: Document) -> None:
        self.places = extractor.places
        self.lex = extractor.lex
        self.labels = extractor.labels
        self.gazetteer_version = extractor.gazetteer_version
        self.extractor_name = extractor.name
        self.article = article
        self.doc = doc
        self._text: str | None = doc.text
        self._mentions: list = []  # the article's places, for words that point back at one
        self._published: dt.date | None = article.published
        self._memo_actors: tuple = (None, [])
        self._scan_cache: dict[int, tuple] = {}
        self._actor_cache: dict[int, tuple] = {}
        self._context: dict[str, str] | None = None  # generic actor names -> who they mean here (on first use)
        self._token_cache: dict[int, tuple] = {s.start: (s.end, t) for s, t in zip(doc.sentences, doc.tokens)}
        self._article_unidentified = False
        self._era: str | None = None
        self._anchor: tuple = (article.published, 1)
        self._covered: set[int] = set()  # sentences the rules coded an event from
        self._open = False  # set when the article is neither cancelled (anniversary …) nor about abroad

    def candidates(self, explain: bool = False, features: frozenset[str] = frozenset({"events", "actors"})) -> list[Candidate]:
        return self._finish(self._drafts(self.article, self.doc.text), self.article, explain, features)

    def _drafts(self, article: Article, text: str) -> list[Draft]:
        sentences = self.doc.sentences
        if self._article_cancelled(article, sentences):
            return []
        mentions = sorted(self.places.find(text, context=article.title), key=lambda m: m.start)
        if mentions:
            first_sentence = next((s for s in sentences if s.end > mentions[0].start), None)
            mentions = drop_dateline(mentions, text, first_sentence.end if first_sentence else len(text))
        self._mentions = mentions
        if self._about_abroad(text, [m for m in mentions if not self._party_in_sentence(m, sentences)]):
            return []
        self._open = True  # the article may report events: proposals may be made
        anchor = dates_mod.article_anchor(text, article.published)
        self._anchor = anchor
        norm_text = self.doc.norm
        # cheap test first: the word "مجهول" in any form
        self._article_unidentified = any(mark in norm_text for mark in clause_words().unknown_marks) and any(
            m.actor == "UNIDENTIFIED" for toks in self.doc.tokens for m in self._find_actors(toks)
        )
        era = actor_roles.article_era(norm_text)
        self._era = era
        drafts: list[Draft] = []
        for si, sent in enumerate(sentences):
            tokens = self._tokens(sent)
            if not tokens:
                continue
            sent_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            cues = self._cues(tokens)
            if not cues:
                continue
            if self._is_toll_update(tokens, cues) and drafts:
                # "حصيلة الاشتباكات": the toll of the last clash, not of a shelling told after it
                named = self._toll_types(tokens)
                violent = next((d for d in reversed(drafts) if d.event_type in named), None) or next(
                    (d for d in reversed(drafts) if d.event_type != "Strategic developments"), None
                )
                if violent is not None:
                    self._apply_toll(violent, sent, si)
                continue
            split = toll_split(sent.text, sent.start, sent_mentions) if drafts else []
            base = next((d for d in reversed(drafts) if d.event_type != "Strategic developments"), None)
            if len(split) >= 2 and base is not None and si - base.sentence_index <= 2:
                # "وتوزع القتلى على دوما (12 قتيلا) وحمورية (8 قتلى)": split where the text splits (SPEC §3)
                base.multi_place = True  # its toll was the round-up
                for mention, n in split:
                    drafts.append(
                        Draft(
                            base.event_type,
                            base.sub_event_type,
                            base.date,
                            base.precision,
                            base.actor1,
                            base.actor2,
                            mention,
                            n,
                            None,
                            si,
                            (sent.start, sent.end),
                            [*base.why, f"toll split by place: {n} here"],
                            cues=base.cues,
                            trigger_at=base.trigger_at,
                            place_in_clause=True,
                        )
                    )
                continue
            if (
                drafts
                and drafts[-1].sentence_index == si - 1
                and not self._has_rule(tokens, cues)
                and not self._cancelled(tokens, (0, len(tokens)), len(tokens))
            ):
                self._fill_casualties(drafts[-1], sent)  # "وأسعفت ثمانية جرحى": details of the event just told
                continue
            date, precision = dates_mod.resolve_date(sent.text, article.published, default=anchor)
            if self._background_date(sent.text, article.published):
                continue
            for clause in self._clauses(tokens, sent.text, sent.start, cues):
                made = self._clause_drafts(clause, tokens, sent, si, sent_mentions, cues, date, precision, era, drafts)
                if (
                    not made
                    and drafts
                    and si - drafts[-1].sentence_index <= 1
                    and not self._coded_clause(clause, tokens, cues)
                    and not self._cancelled(tokens, clause, len(tokens))
                ):
                    # "…، فيما أصيب عنصر رابع": a casualty clause of the event just told
                    lo, hi = clause
                    clause_text = sent.text[tokens[lo].start - sent.start : tokens[hi - 1].end - sent.start]
                    self._fill_casualties(drafts[-1], Sentence(clause_text, tokens[lo].start, tokens[hi - 1].end, sent.paragraph))
                drafts.extend(made)
        self._apply_claims(sentences, drafts)
        return drafts

    def _apply_claims(self, sentences: list[Sentence], drafts: list[Draft]) -> None:
        """ "وتبنى تنظيم داعش الاعتداءات": the claimant is actor1 of the violent events told
        before the claim that name no attacker."""
        if not drafts:
            return
        for si, sent in enumerate(sentences):
            tokens = self._tokens(sent)
            if not tokens:
                continue
            for m in self._scan(tokens)["claim"]:  # matched in the same pass as the event words
                if any(tokens[k].norm in clause_words().negators for k in range(max(0, m.first - 2), m.first)):
                    continue  # "ولم تتبن أي جهة التفجير"
                claimant = next(
                    (
                        a.actor
                        for a in self._find_actors(tokens)
                        if abs(a.first - m.first) <= 6 and a.actor not in ("CIVILIANS", "PROTESTERS")
                    ),
                    None,
                )
                if claimant is None:
                    continue
                for d in drafts:
                    if d.actor1 is None and d.sentence_index <= si and d.event_type in VIOLENT:
                        d.actor1 = claimant
                        if d.actor2 == claimant:
                            d.actor2 = None
                        d.why.append(f"claimed by {claimant}")

    def _clauses(
        self, tokens: list[Token], text: str = "", base: int = 0, cues: list[Match] | None = None
    ) -> list[tuple[int, int]]:
        breaks = self.lex.clause_break_matcher.find_longest(tokens)
        starts = {m.first for m in breaks if m.payload == "break"}
        # "…، وقصفت قوات النظام …": a comma and a conjoined event verb start a new clause
        for m in cues or ():
            if m.payload in {"kill", "injure", "civ_target", "armed_target"}:
                continue  # casualties belong to the event they follow
            if m.phrase.startswith(clause_words().qualifier_starts):
                continue  # "…، ودون الإعلان عن مكان احتجازهما": a "without …" tells of the event before it
            for k in (m.first, m.first - 1):  # "…، وقصفت" / "…، وقد استهدف"
                if k <= 0 or not tokens[k].norm.startswith(("و", "ف")):
                    continue
                if k < m.first and tokens[k].norm not in clause_words().conjoined_openers:
                    continue
                if "،" in text[tokens[k - 1].end - base : tokens[k].start - base]:
                    starts.add(k)
                    break
        for m in (b for b in breaks if b.payload == "source"):
            # "وفقا لما ذكرته وكالة رويترز وعبر المحتجون": the source ends the clause
            for k in range(m.last + 2, min(m.last + 6, len(tokens))):
                if tokens[k].norm.startswith("و") and len(tokens[k].norm) > 3:
                    starts.add(k)
                    break
        cuts = [0]
        for first in sorted(starts):
            if first > cuts[-1] + 2:
                cuts.append(first)
        cuts.append(len(tokens))
        return [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]

    def _clause_drafts(
        self, clause, tokens, sent: Sentence, si, sent_mentions, cues: list[Match], date, precision, era, previous: list[Draft]
    ) -> list[Draft]:
        coded = self._coded_clause(clause, tokens, cues)
        if coded is None:
            return []
        rule, names, trigger = coded
        lo, hi = clause
        ctoks = tokens[lo:hi]
        if self.lex.background_matcher.find(ctoks[:3]):
            return []  # "ويأتي ذلك …", "يذكر أن …": background, not news
        if self.lex.past_matcher.find(ctoks[:3]):
            precision = max(precision, 2)
        c_start, c_end = ctoks[0].start, ctoks[-1].end
        in_clause = [m for m in sent_mentions if c_start <= m.start < c_end]
        if not in_clause and self.lex.those_places_matcher.find(ctoks):
            in_clause = last_list([m for m in sent_mentions if m.start < c_start], self._text)  # "في تلك القرى"
        candidates = in_clause or sent_mentions
        if self._text is not None:
            candidates = [m for m in candidates if not in_parentheses(self._text, m.start)] or candidates
        foreign = [m for m in candidates if getattr(m, "foreign", False) and not self._country_as_party(m, tokens)]
        # a "place" that is one of the clause's event words ("مقتله"، "إسقاط") is a misreading;
        # one that goes on past them is a place ("تسليم معبر نصيب"، "في مخيم الهول")
        cue_spans = [(tokens[m.first].start, tokens[m.last].end) for m in cues]
        domestic = [
            m
            for m in candidates
            if not getattr(m, "foreign", False) and not any(a <= m.start < b and m.end <= b for a, b in cue_spans)
        ]
        # "(68 كم شمال غرب حماة)": the point a distance is measured from is never the place
        domestic = [m for m in domestic if not measures_distance(m, tokens)]
        # "مجلس منبج العسكري", "دروز السويداء": a place inside a group's name is not where it acted
        # (unless it is the only place the clause has)
        groups = [(tokens[a.first].start, tokens[a.last].end) for a in self._find_actors(tokens) if a.last > a.first]
        domestic = [m for m in domestic if not any(a <= m.start and m.end <= b for a, b in groups)] or domestic
        if foreign and not domestic:
            return []
        if foreign and not any(m.kind in {"governorate", "city"} for m in domestic):
            return []  # a sentence about Lebanon or Iraq: its village-name matches are not Syrian
        places = primary_places(domestic, tokens, self._text)
        why = [f"rule {rule.event_type}/{rule.sub_event_type} from cues {sorted(names)}"]
        if places and all(m.kind == "governorate" for m in places) and len(places) >= 2:
            return []  # a round-up over several governorates names no place
        carried = self._carry(previous, si)
        if (
            not places
            and carried is not None
            and carried.sentence_index < si
            and not same_crowd(carried.event_type, rule.event_type)
        ):
            # "اشتباكات … تزامنا مع قصف …" then "بمقتل خمسة … خلال الاشتباكات": the clash, not the shelling
            carried = self._carry(previous, si, rule.event_type) or carried
        if not places:
            same_sentence = carried is not None and carried.sentence_index == si
            says_same = bool(self.lex.same_place_matcher.find(ctoks))
            points_back = says_same and carried is not None and si - carried.sentence_index <= 2
            named_before = None if points_back or not says_same else last_settlement(self._mentions, c_start)
            if points_back:
                places = [carried.mention]  # "في المدينة نفسها"
                why.append("'the same place': carried from the previous event")
            elif named_before is not None:
                places = [named_before]  # "… على مدينة إدلب …، في المقابل … في المدينة"
                why.append("'the same place': the settlement named just before")
            elif (
                carried is None
                or not same_sentence
                and (not same_crowd(carried.event_type, rule.event_type) or si - carried.sentence_index > 1)
            ):
                if not domestic:
                    return []
                places = domestic[:1]  # only where the people came from is named: the best we have
                why.append("the only place named is an origin")
            else:
                places = [carried.mention]
                why.append("place carried from the previous event")
        if rule.sub_event_type == "Other" and not self._deployed(tokens, clause, cues):
            places = places[:1]  # patrols and reinforcements pass through places: one event
        clause_text = sent.text[ctoks[0].start - sent.start : ctoks[-1].end - sent.start]
        cas = numbers_mod.casualties(clause_text)
        if cas.killed is None and cas.injured is None and not any(d.sentence_index == si for d in previous):
            cas = numbers_mod.casualties(sent.text)  # "قضى 4 أشخاص وجرح آخرون جراء الانفجار …"
        # a toll read without a casualty word ("فقد 12 مدنيا حياتهم") still names victims
        hurt = names | ({"kill"} if cas.killed else set()) | ({"injure"} if cas.injured else set())
        mentions = self._actors_of(tokens, lo, hi)
        a1, a2 = actor_roles.assign_roles(mentions, trigger - lo, rule.event_type, rule.sub_event_type, hurt)
        if a1 is None and rule.event_type not in {"Protests", "Riots"}:
            same_type = self._carry(previous, si, rule.event_type)
            source = same_type or (carried if carried is not None and carried.sentence_index == si else None)
            if source is not None and source.actor1 is not None:
                a1, a2 = source.actor1, a2 or (source.actor2 if source.event_type == rule.event_type else None)
                why.append("actor carried from an earlier event")
        a1 = actor_roles.resolve_government(a1, date, era, self.lex) if a1 else None
        a2 = actor_roles.resolve_government(a2, date, era, self.lex) if a2 else None
        if a1 == a2 and not fights_itself(a1):
            a2 = None  # "قوات النظام" and "جيش الأسد" are one side
        if a1 is None and rule.event_type == "Violence against civilians" and self._article_unidentified:
            a1 = "UNIDENTIFIED"  # kidnappers/killers the article calls unknown
        sub = rule.sub_event_type
        if sub == "Non-state actor overtakes territory" and a1 in {"SYR_GOV_ASSAD", "SYR_GOV_NEW"}:
            sub = "Government regains territory"
        # the dead are those of violence: an arrest or a deployment kills no one (a raid that kills is an attack)
        killed = (cas.killed or 0) if rule.event_type != "Strategic developments" else 0
        injured = cas.injured
        drafts = []
        for k, mention in enumerate(places[:MAX_EVENTS_PER_CLAUSE]):
            d = Draft(
                rule.event_type,
                sub,
                date,
                precision,
                a1,
                a2,
                mention,
                killed if k == 0 else 0,
                injured if k == 0 else None,
                si,
                (sent.start, sent.end),
                list(why),
            )
            d.multi_place = len(places) > 1
            d.cues = frozenset(names)
            d.trigger_at = tokens[trigger].start if trigger < len(tokens) else c_start
            d.place_in_clause = c_start <= mention.start < c_end
            drafts.append(d)
        return drafts

    # -- helpers ------------------------------------------------------------
    def _cues(self, tokens: list[Token]) -> list[Match]:
        """Event-word matches, minus words inside a longer match and purpose phrases.

        "لمواجهة الفلول" (in order to confront) announces a purpose, not a
        clash; but "تعرضت لقصف" (came under shelling) is an event.
        """
        found = self._scan(tokens)["cue"]
        w = clause_words()
        spans = [(m.first, m.last) for m in found if m.last > m.first]
        # a word inside a group's name is no event: "هيئة تحرير الشام" releases no one
        # (a name that starts with the event word, "القصف التركي", still reports it)
        names = [(a.first, a.last) for a in self._actors_of(tokens, 0, len(tokens)) if a.last > a.first]
        out = []
        told_before = -1  # the last word of a background span ("بعد ساعات من هجوم …")
        tolls = self._scan(tokens)["toll"]
        for m in found:
            if any(a <= m.first and m.last <= b and (a, b) != (m.first, m.last) for a, b in spans):
                continue
            if any(a < m.first <= b for a, b in names):
                continue
            tok = tokens[m.first].norm
            prev = tokens[m.first - 1].norm if m.first else ""
            if tok.startswith("ال") and any(f in w.back_reference for f in stems(prev)):
                continue  # "موقع الهجوم": points back at an event already told
            if tok.startswith("ال") and m.last + 1 < len(tokens) and tokens[m.last + 1].norm in w.comes_after:
                continue  # "الغارات تأتي في سياق الرد": the strikes already told
            if (
                m.payload not in ("kill", "injure")
                and tok.startswith("ال")
                and any(0 < m.first - t.last <= TOLL_REACH for t in tolls)
            ):
                continue  # "ارتفاع عدد القتلى من جراء الاشتباكات": the clashes whose toll rose, told before
            if m.payload not in ("kill", "injure") and (after_span(tokens, m.first) or m.first <= told_before):
                # "انتشرت القوات بعد يومين من هجمات …": the attacks came before, told as background,
                # and so did what the next words tell of them ("بعد ساعات من هجوم مسلح استهدف شركة")
                told_before = max(told_before, m.last + BACKGROUND_REACH)
                continue
            if prev in w.absent_before:
                continue  # "غياب الطيران": what was not there
            if m.payload == "armed_target" and prev in w.agent_before:
                continue  # "برصاص مسلحين": the gunmen fired, they were not hit
            if m.payload in _SUPPORT_CUES and (prev.startswith(w.support_before) or tok.startswith(w.support_starts)):
                continue  # "قوات النظام المدعومة بالطيران الروسي", "قوات مدعومة بالدبابات": support, not a strike
            if m.payload == "looting" and any(t.norm in w.spoils for t in tokens[m.last + 1 : m.last + 4]):
                continue  # "والاستيلاء على أسلحة": the spoils of the fight told beside it
            if m.payload in _SUPPORT_CUES and self._fought_with(tokens, m.first):
                continue  # "معارك … بالأسلحة الثقيلة والصواريخ": what the fight was fought with
            if m.payload in _SUPPORT_CUES and self._accompanies(tokens, m.first, found):
                continue  # "شن هجوما على قرى …، ترافقت مع قصف": the attack's own fire, not a strike
            if m.payload in _PURPOSE_CUES and tok.startswith("ل") and not m.phrase.startswith("ل"):
                # "تعرضت لقصف" (came under shelling), "تصدت لصواريخ" (intercepted missiles),
                # the verb's subject possibly between them ("تصدت وسائط دفاعنا الجوي لصواريخ")
                reach = 1 if m.payload == "clash" else 4  # "تعرضت الحافلة لاستهداف بعبوتين": the bombs tell
                if not any(tokens[k].norm.startswith(w.undergo_starts) for k in range(max(0, m.first - reach), m.first)):
                    continue
            out.append(m)
        return out

    @staticmethod
    def _fought_with(tokens: list[Token], i: int) -> bool:
        """The weapon word at ``i`` names what a fight told just before was fought with:
        a fighting word within ``FIGHT_REACH`` words, and the weapons after "ب" between them."""
        fights = clause_words().fight_words
        for j in range(i - 1, max(-1, i - 1 - FIGHT_REACH), -1):
            if any(f in fights for f in stems(tokens[j].norm)):
                return any(tokens[k].norm.startswith("ب") for k in range(j + 1, i + 1))
        return False

    @staticmethod
    def _accompanies(tokens: list[Token], i: int, found: list[Match]) -> bool:
        """The fire word at ``i`` goes with a ground attack told before it ("هجوما … ترافقت مع قصف")."""
        w = clause_words()
        starts = w.accompany_starts
        while any(m.payload in _SUPPORT_CUES and m.last == i - 1 for m in found):
            i = next(m.first for m in found if m.payload in _SUPPORT_CUES and m.last == i - 1)  # "قصف مدفعي"
        said = (i >= 1 and tokens[i - 1].norm.startswith(starts)) or (
            i >= 2 and tokens[i - 1].norm in w.accompany_with and tokens[i - 2].norm.startswith(starts)
        )
        return said and any(m.payload == "clash" and m.last < i for m in found)

    def _coded_clause(self, clause: tuple[int, int], tokens: list[Token], cues: list[Match]):
        """(rule, cue names, trigger index) when the clause reports an event, else None."""
        read = self._clause_rule(clause, tokens, cues)
        if read is None:
            return None
        if read[3] is not None:
            return self._told_before_cancel(clause, tokens, cues, read)
        return read[:3]

    @staticmethod
    def _deployed(tokens: list[Token], clause: tuple[int, int], cues: list[Match]) -> bool:
        """The clause tells forces deployed ("انتشر الأمن في اللاذقية وجبلة وبانياس"): they stand
        at each place named, where a patrol or a column passes through places as one event."""
        lo, hi = clause
        words = clause_words().deployment_words
        return any(
            m.payload == "reinforce" and any(f in words for f in stems(tokens[m.first].norm)) for m in cues if lo <= m.first < hi
        )

    def _told_before_cancel(self, clause: tuple[int, int], tokens: list[Token], cues: list[Match], read):
        """When the clause's rule is cancelled, the event told before the cancel word, if any:
        "انتشر الأمن في كناكر للحيلولة دون خروج تظاهرات" is a deployment; the protest is what
        was prevented.  (classify keeps reading the cancelled words as stopped.)"""
        rule, names, trigger, _ = read
        lo, hi = clause
        rest = names - rule.all - rule.any
        alt = next((r for r in self.lex.rules if r.applies(rest)), None)
        if alt is None:
            return None
        first = min((m.first for m in cues if lo <= m.first < hi and m.payload in alt.all | alt.any), default=lo)
        if first < trigger and self._cancelled(tokens, clause, first, alt.event_type) is None:
            return alt, rest, first
        return None

    def _clause_rule(self, clause: tuple[int, int], tokens: list[Token], cues: list[Match]):
        """(rule, cue names, trigger index, cancel cue or None) when a rule applies to the
        clause's event words, else None: a cancel cue ("نفت", "هدد") means the words are
        there but tell of no event that happened."""
        lo, hi = clause
        ccues = [m for m in cues if lo <= m.first < hi]
        names = {m.payload for m in ccues}
        clash = [m for m in ccues if m.payload == "clash"]
        if (
            clash
            and names & {"reinforce", "arrest", "agreement"}
            and not names & {"kill", "injure"}
            and all(tokens[m.first].norm.startswith(("ال", "وال", "بال", "فال")) for m in clash)
        ):
            names.discard("clash")  # "الهجوم سبقه استقدام تعزيزات": the attack is told elsewhere
        year = year_only().search(" ".join(t.norm for t in tokens[lo:hi]))
        if (
            year
            and (self._published is None or int(year.group(1)) < self._published.year)
            and not self._clause_has_day(tokens, clause)
        ):
            return None  # "في العام 2018 …": narrative background
        rule = next((r for r in self.lex.rules if r.applies(names)), None)
        if rule is None:
            return None
        trigger = min((m.first for m in ccues if m.payload in rule.all | rule.any), default=lo)
        return rule, names, trigger, self._cancelled(tokens, clause, trigger, rule.event_type)

    def _tokens(self, sent: Sentence) -> list[Token]:
        hit = self._token_cache.get(sent.start)
        if hit is None or hit[0] != sent.end:
            hit = (sent.end, tokenize(sent.text, offset=sent.start))
            self._token_cache[sent.start] = hit
        return hit[1]

    def _party_in_sentence(self, mention, sentences: list[Sentence]) -> bool:
        if not getattr(mention, "foreign", False):
            return False
        sent = next((s for s in sentences if s.start <= mention.start < s.end), None)
        return sent is not None and self._country_as_party(mention, self._tokens(sent))

    def _country_as_party(self, mention, tokens: list[Token]) -> bool:
        """ "شنت إسرائيل غارات على …": a country named as who acted, not where (no
        preposition governs it, none attached), says nothing of the event being abroad."""
        idx = token_at(tokens, mention.start)
        if idx is None:
            return False
        party = any(a.first <= idx <= a.last and a.role in (None, "agent", "unit") for a in self._find_actors(tokens))
        if not party or governing_preposition(mention, tokens, [mention]) is not None:
            return False
        return mention.start == tokens[idx].start or not tokens[idx].norm.startswith(place_words().attached_prepositions)

    def _find_actors(self, tokens: list[Token]) -> list:
        """Actor mentions of a token list, found once per article (keyed on the list itself)."""
        hit = self._actor_cache.get(id(tokens))
        if hit is not None and hit[0] is tokens:
            return hit[1]
        if self._context is None:
            named = any(g in self.doc.norm for rule in self.lex.context_rules for g in rule.generic)  # cheap test first
            self._context = actor_roles.article_context(self.doc.tokens, self.lex) if named else {}
        found = actor_roles.find_actors(tokens, self.lex, self._context)
        self._actor_cache[id(tokens)] = (tokens, found)
        return found

    def _actors_of(self, tokens: list[Token], lo: int, hi: int) -> list:
        """Actor mentions of a clause (positions relative to it), else of its sentence."""
        # keyed on the list object itself (held in the memo, so its id cannot be reused)
        if self._memo_actors[0] is not tokens:
            self._memo_actors = (tokens, self._find_actors(tokens))
        found = self._memo_actors[1]
        inside = [actor_roles.ActorMention(m.actor, m.first - lo, m.last - lo, m.role) for m in found if lo <= m.first < hi]
        if inside:
            return inside
        return [actor_roles.ActorMention(m.actor, m.first - lo, m.last - lo, m.role) for m in found]

    def _scan(self, tokens: list[Token]) -> dict[str, list[Match]]:
        """Event words, cancel cues, toll and claim phrases of a token list, matched once per article.

        The cache holds the token list itself, so an id is never reused while cached.
        """
        hit = self._scan_cache.get(id(tokens))
        if hit is not None and hit[0] is tokens:
            return hit[1]
        out = scan_words(self.lex, tokens)
        self._scan_cache[id(tokens)] = (tokens, out)
        return out

    def _cancel_matches(self, tokens: list[Token]) -> list[Match]:
        return self._scan(tokens)["cancel"]

    def _clause_has_day(self, tokens: list[Token], clause: tuple[int, int]) -> bool:
        lo, hi = clause
        text = " ".join(t.text for t in tokens[lo:hi])
        return any(d.precision == 1 and d.kind == "explicit" for d in dates_mod.find_dates(text, None))

    def _cancelled(self, tokens: list[Token], clause: tuple[int, int], trigger: int, event_type: str | None = None) -> str | None:
        lo, hi = clause
        for m in self._cancel_matches(tokens):
            if event_type is not None and event_type in self.lex.cancel_spares.get(m.payload, ()):
                continue  # "تظاهر الآلاف في ذكرى …": a rally on an anniversary still happened
            scope, before = self.lex.cancel_scope.get(m.payload, ("clause", True))
            if scope == "clause" and not (lo <= m.first < hi):
                continue
            if before and m.first > trigger:
                continue
            return m.payload
        if tokens and tokens[-1].end and "؟" in tokens[-1].text:
            return "question"
        return None

    def _article_cancelled(self, article: Article, sentences: list[Sentence]) -> bool:
        """An anniversary piece or a statistical round-up reports no single recent event.

        Judged from the title and the first three sentences, where such
        articles say what they are ("الذكرى السنوية الثالثة للهجوم …").
        """
        heads = [self.doc.title_tokens] + [self._tokens(s) for s in sentences[:3]]
        for k, head in enumerate(heads):
            for m in self._cancel_matches(head):
                if m.payload == "statistics" and k == 0:
                    return True
                if m.payload == "anniversary":
                    # "تظاهر الآلاف في الذكرى …": a rally that marks the day is itself news
                    crowd = {c.payload for c in self._scan(head)["cue"]} & _CROWD_CUES
                    if not crowd:
                        return True
        return False

    @staticmethod
    def _about_abroad(text: str, mentions: list) -> bool:
        """An article that names places abroad and never Syria or a Syrian governorate/city."""
        foreign = sum(1 for m in mentions if getattr(m, "foreign", False))
        if not foreign:
            return False
        if any(mark in normalize(text) for mark in clause_words().syria_marks):
            return False
        domestic = [m for m in mentions if not getattr(m, "foreign", False)]
        if any(m.kind in {"governorate", "city", "area", "district"} for m in domestic):
            return False
        return len(domestic) <= foreign

    def _is_toll_update(self, tokens: list[Token], cues: list[Match]) -> bool:
        """ "ارتفع عدد القتلى إلى 39" with no event of its own: the toll of the event before."""
        if not self._scan(tokens)["toll"]:
            return False
        return not self._types_with_deaths(cues) - {"Violence against civilians"}

    def _toll_types(self, tokens: list[Token]) -> set[str]:
        """Event types the event word of a toll sentence names ("قتلى القصف" → Explosions),
        read from all its event words (``_cues`` drops the one pointing back)."""
        return self._types_with_deaths(self._scan(tokens)["cue"]) - {"Strategic developments"}

    def _types_with_deaths(self, cues: list[Match]) -> set[str]:
        """Event types whose rules the event words name, once deaths are added."""
        names = {m.payload for m in cues} - {"kill", "injure", "civ_target", "armed_target"}
        return {r.event_type for r in self.lex.rules if names and r.applies(names | {"kill"})}

    def _has_rule(self, tokens: list[Token], cues: list[Match]) -> bool:
        names = {m.payload for m in cues}
        return any(r.applies(names) for r in self.lex.rules)

    @staticmethod
    def _fill_casualties(draft: Draft, sent: Sentence) -> None:
        if draft.event_type == "Strategic developments":
            return  # tolls belong to violence (an arrest raid that kills is an attack: events.yaml)
        cas = numbers_mod.casualties(sent.text)
        # offsets of the span are into the text given to casualties(): the sentence itself
        said = sent.text[cas.killed_span[0] : cas.killed_span[1]] if cas.killed_span else ""
        vague = cas.killed in _VAGUE_COUNTS and not any(ch.isdigit() for ch in said)
        if cas.killed and cas.killed > draft.fatalities and not (vague and draft.fatalities):
            draft.fatalities = cas.killed  # a later, fuller toll of the same event
        if cas.injured is not None and draft.injured is None:
            draft.injured = cas.injured

    def _apply_toll(self, draft: Draft, sent: Sentence, si: int) -> None:
        # Tolls rise as the wounded die ("ارتفع … إلى 39"); a smaller "update" is a subgroup's
        # ("ارتفع عدد القتلى من عناصر الشرطة إلى 15" after "مقتل أكثر من 70").
        cas = numbers_mod.casualties(sent.text)
        if cas.killed and cas.killed > draft.fatalities:
            draft.fatalities = cas.killed
            draft.why.append(f"toll updated to {cas.killed} by a later sentence")
        if cas.injured and cas.injured > (draft.injured or 0):
            draft.injured = cas.injured

    def _background_date(self, text: str, published: dt.date | None) -> bool:
        found = dates_mod.find_dates(text, published)
        return bool(found) and all(getattr(d, "background", False) for d in found)

    @staticmethod
    def _carry(previous: list[Draft], si: int, event_type: str | None = None) -> Draft | None:
        """The latest event within reach; with ``event_type``, the latest of that type."""
        for d in reversed(previous):
            if si - d.sentence_index > CARRY_SENTENCES:
                return None
            if event_type is None or d.event_type == event_type:
                return d
        return None
