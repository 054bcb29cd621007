"""The event extractor: one article in, its events out (SPEC §2).

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
import math
import re
from dataclasses import dataclass, field
from typing import Protocol

from marsad.extract import actors as actor_roles
from marsad.extract.lexicon import Lexicon, load_lexicon
from marsad.extract.matcher import Match
from marsad.extract.summary import summarize
from marsad.models import EVENT_TYPES, Article, ArticleEvents, Event, Location
from marsad.text import dates as dates_mod
from marsad.text import numbers as numbers_mod
from marsad.text.clean import clean_text
from marsad.text.normalize import normalize
from marsad.text.sentences import Sentence, split_sentences
from marsad.text.tokens import Token, stems, tokenize

__all__ = ["Extractor", "PlaceResolverLike"]

MAX_EVENTS_PER_CLAUSE = 6
CARRY_SENTENCES = 2  # how far back a clause without place/actor may borrow them
_SPECIFIC = {"city", "town", "village", "neighbourhood", "site", "camp"}
_ORIGIN_BEFORE = {"من", "منطلقا", "انطلاقا", "المنحدرين", "المنحدر", "ينحدر", "ينحدرون", "قادمه", "قادمين", "اهالي", "ابناء", "نازحين", "النازحين"}
# "…، وقد استهدف" / "…، واندلعت اشتباكات": a conjoined verb that opens a new event clause
_VAGUE_COUNTS = {10, 12, 100}  # "عدد من"، "عشرات"، "مئات" (SPEC §2)
_PARTICLES = {"وقد", "فقد", "ولقد", "وتم", "فتم", "وقامت", "وقام", "كما", "واندلعت", "وجرت", "ودارت", "ووقعت", "وحدثت", "وشهدت",
              "وشنت", "وشن", "ونفذت", "ونفذ", "واستهدفت", "واستهدف", "وتعرضت", "وتعرض", "وسقطت", "وسقط", "واعتقلت", "واعتقل"}
_SEVERITY = {"Suicide bomb": 2, "Remote explosive/landmine/IED": 1, "Peaceful protest": 1, "Protest with intervention": 2,
             "Excessive force against protesters": 3}
_BACK_REFERENCE = {"موقع", "مكان", "مسرح", "مواقع", "ضحايا", "منفذي", "منفذ", "عقب", "بعد", "عن"}
_PURPOSE_CUES = {"clash", "shell", "air_attack", "arrest", "ied", "takeover", "reinforce", "protest", "abduction"}
_REPORTERS = {"مراسل", "مراسله", "مراسلنا", "مراسلتنا", "مراسلو", "ناشطون", "ناشطين", "ناشط", "مصادر", "مصدر", "فريق", "شبكه",
              "مكتب", "مرصد", "المرصد", "موقع", "وكاله", "اعلامي", "اعلاميون", "الدفاع", "المدني", "مديريه", "صحه", "مشفي", "مستشفي"}
_ROADS = {"طريق", "الطريق", "اوتوستراد", "الاوتوستراد", "اتوستراد", "الاتوستراد", "طرق", "اوتستراد"}
_PREPOSITIONS = {"في", "علي", "الي", "نحو", "باتجاه", "قرب", "عند", "داخل", "بين", "من", "منطلقا", "انطلاقا", "المنحدرين",
                 "المنحدر", "ينحدر", "ينحدرون", "قادمه", "قادمين", "اهالي", "ابناء", "نازحين", "النازحين", "محيط", "اطراف"}
_ORIGIN_PREP = {"من", "منطلقا", "انطلاقا", "المنحدرين", "المنحدر", "ينحدر", "ينحدرون", "قادمه", "قادمين", "اهالي", "ابناء",
                "نازحين", "النازحين"}
_PLACE_WORDS = {"قريه", "مدينه", "بلده", "بلدات", "قري", "مدن", "مدينتي", "قريتي", "بلدتي", "حي", "مخيم", "منطقه", "ريف"}


_AREA_WORDS = ("شرق", "غرب", "شمال", "جنوب", "ريف", "محيط", "بادي", "اطراف", "منطقه")


_YEAR_ONLY = re.compile(r"(?:^| )(?:عام|العام|سنه|السنه|مطلع|اواخر|نهايه|منتصف|منذ|في) ((?:19|20)\d\d)(?: |$)")


def _in_parentheses(text: str, pos: int) -> bool:
    """A place inside "( … )" names a road or an aside, not where the event was."""
    opening = text.rfind("(", max(0, pos - 60), pos)
    return opening != -1 and ")" not in text[opening:pos]


def _close_dates(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= 1


def _km(a: Location, b: Location) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class PlaceResolverLike(Protocol):
    def find(self, text: str, *, context: str | None = None) -> list: ...


@dataclass
class _Draft:
    event_type: str
    sub_event_type: str
    date: dt.date | None
    precision: int
    actor1: str | None
    actor2: str | None
    mention: object  # PlaceMention
    fatalities: int
    injured: int | None
    sentence_index: int
    evidence: tuple[int, int]
    why: list[str] = field(default_factory=list)
    multi_place: bool = False
    neighbourhood_fatalities: int = 0
    neighbourhood_injured: int = 0


class Extractor:
    """Rule-based Arabic event coder.  Keeps per-article state: use one per thread or process."""

    name = "marsad.rules.v1"

    def __init__(self, place_resolver: PlaceResolverLike | None, lexicon: Lexicon | None = None,
                 *, gazetteer_version: str = "unknown") -> None:
        self.places = place_resolver
        self.gazetteer_version = gazetteer_version
        self.lex = lexicon or load_lexicon()
        self._text: str | None = None
        self._published: dt.date | None = None
        self._memo_actors: tuple = (None, [])
        self._scan_cache: dict[int, tuple] = {}
        self._token_cache: dict[int, tuple] = {}
        self.labels = {k: v.label for k, v in self.lex.actors.items()}
        self.labels["SYR_GOV_ASSAD"] = "Syrian government forces"
        self.labels["SYR_GOV_NEW"] = "Syrian government forces"

    # -- public -------------------------------------------------------------
    def extract(self, article: Article, *, explain: bool = False) -> ArticleEvents:
        text = clean_text(article.text, article.title).text
        self._begin(article, text)
        drafts = self._drafts(article, text)
        events = self._finish(drafts, article, explain)
        return ArticleEvents(article.id, events)

    def _begin(self, article: Article, text: str) -> None:
        """Reset the per-article state (cleaned text, caches)."""
        self._text = text
        self._published = article.published
        self._scan_cache, self._token_cache = {}, {}

    def classify(self, article: Article) -> list[str]:
        """Event types the article reports as having happened, anywhere (no places needed)."""
        text = clean_text(article.text, article.title).text
        self._begin(article, text)
        found: set[str] = set()
        for sent in split_sentences(text):
            tokens = self._tokens(sent)
            cues = self._cues(tokens)
            if not cues or self._background_date(sent.text, article.published):
                continue
            for clause in self._clauses(tokens, sent.text, sent.start, cues):
                coded = self._coded_clause(clause, tokens, cues)
                if coded:
                    found.add(coded[0].event_type)
        return [t for t in EVENT_TYPES if t in found]

    # -- stages -------------------------------------------------------------
    def _drafts(self, article: Article, text: str) -> list[_Draft]:
        sentences = split_sentences(text)
        if self._article_cancelled(article, sentences):
            return []
        mentions = sorted(self.places.find(text, context=article.title), key=lambda m: m.start)
        if self._about_abroad(text, mentions):
            return []
        anchor = dates_mod.article_anchor(text, article.published)
        norm_text = normalize(text)
        # cheap test first: the word "مجهول" in any form
        self._article_unidentified = "مجهول" in norm_text and any(
            m.actor == "UNIDENTIFIED" for m in actor_roles.find_actors(tokenize(text), self.lex)
        )
        era = actor_roles.article_era(norm_text)
        drafts: list[_Draft] = []
        for si, sent in enumerate(sentences):
            tokens = self._tokens(sent)
            if not tokens:
                continue
            sent_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            cues = self._cues(tokens)
            if not cues:
                continue
            if self._is_toll_update(tokens, cues) and drafts:
                violent = next((d for d in reversed(drafts) if d.event_type != "Strategic developments"), None)
                if violent is not None:
                    self._apply_toll(violent, sent, si)
                continue
            if drafts and drafts[-1].sentence_index == si - 1 and not self._has_rule(tokens, cues) \
                    and not self._cancelled(tokens, (0, len(tokens)), len(tokens)):
                self._fill_casualties(drafts[-1], sent)  # "وأسعفت ثمانية جرحى": details of the event just told
                continue
            date, precision = dates_mod.resolve_date(sent.text, article.published, default=anchor)
            if self._background_date(sent.text, article.published):
                continue
            for clause in self._clauses(tokens, sent.text, sent.start, cues):
                made = self._clause_drafts(clause, tokens, sent, si, sent_mentions, mentions, cues, date, precision, era, drafts)
                if not made and drafts and si - drafts[-1].sentence_index <= 1 and not self._coded_clause(clause, tokens, cues) \
                        and not self._cancelled(tokens, clause, len(tokens)):
                    # "…، فيما أصيب عنصر رابع": a casualty clause of the event just told
                    lo, hi = clause
                    clause_text = sent.text[tokens[lo].start - sent.start : tokens[hi - 1].end - sent.start]
                    self._fill_casualties(drafts[-1], Sentence(clause_text, tokens[lo].start, tokens[hi - 1].end, sent.paragraph))
                drafts.extend(made)
        return drafts

    def _clauses(self, tokens: list[Token], text: str = "", base: int = 0, cues: list[Match] | None = None) -> list[tuple[int, int]]:
        starts = {m.first for m in self.lex.clause_break_matcher.find_longest(tokens)}
        # "…، وقصفت قوات النظام …": a comma and a conjoined event verb start a new clause
        for m in cues or ():
            if m.payload in {"kill", "injure", "civ_target", "armed_target"}:
                continue  # casualties belong to the event they follow
            for k in (m.first, m.first - 1):  # "…، وقصفت" / "…، وقد استهدف"
                if k <= 0 or not tokens[k].norm.startswith(("و", "ف")):
                    continue
                if k < m.first and tokens[k].norm not in _PARTICLES:
                    continue
                if "،" in text[tokens[k - 1].end - base : tokens[k].start - base]:
                    starts.add(k)
                    break
        cuts = [0]
        for first in sorted(starts):
            if first > cuts[-1] + 2:
                cuts.append(first)
        cuts.append(len(tokens))
        return [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]

    def _clause_drafts(self, clause, tokens, sent: Sentence, si, sent_mentions, all_mentions, cues: list[Match],
                       date, precision, era, previous: list[_Draft]) -> list[_Draft]:
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
        candidates = in_clause or sent_mentions
        if self._text is not None:
            candidates = [m for m in candidates if not _in_parentheses(self._text, m.start)] or candidates
        foreign = [m for m in candidates if getattr(m, "foreign", False)]
        domestic = [m for m in candidates if not getattr(m, "foreign", False)]
        if foreign and not domestic:
            return []
        if foreign and not any(m.kind in {"governorate", "city"} for m in domestic):
            return []  # a sentence about Lebanon or Iraq: its village-name matches are not Syrian
        places = self._primary_places(domestic, tokens)
        why = [f"rule {rule.event_type}/{rule.sub_event_type} from cues {sorted(names)}"]
        if places and all(m.kind == "governorate" for m in places) and len(places) >= 2:
            return []  # a round-up over several governorates names no place
        carried = self._carry(previous, si)
        if not places:
            same_sentence = carried is not None and carried.sentence_index == si
            if carried is None or not same_sentence and (carried.event_type != rule.event_type or si - carried.sentence_index > 1):
                return []
            places = [carried.mention]
            why.append("place carried from the previous event")
        if rule.sub_event_type == "Other":
            places = places[:1]  # patrols and reinforcements pass through places: one event
        mentions = self._actors_of(tokens, lo, hi)
        a1, a2 = actor_roles.assign_roles(mentions, trigger - lo, rule.event_type, rule.sub_event_type, names)
        if a1 is None and rule.event_type not in {"Protests", "Riots"}:
            same_type = self._carry(previous, si, rule.event_type)
            source = same_type or (carried if carried is not None and carried.sentence_index == si else None)
            if source is not None and source.actor1 is not None:
                a1, a2 = source.actor1, a2 or (source.actor2 if source.event_type == rule.event_type else None)
                why.append("actor carried from an earlier event")
        a1 = actor_roles.resolve_government(a1, date, era, self.lex) if a1 else None
        a2 = actor_roles.resolve_government(a2, date, era, self.lex) if a2 else None
        if a1 == a2:
            a2 = None
        if a1 is None and rule.event_type == "Violence against civilians" and self._article_unidentified:
            a1 = "UNIDENTIFIED"  # kidnappers/killers the article calls unknown
        sub = rule.sub_event_type
        if sub == "Non-state actor overtakes territory" and a1 in {"SYR_GOV_ASSAD", "SYR_GOV_NEW"}:
            sub = "Government regains territory"
        clause_text = sent.text[ctoks[0].start - sent.start : ctoks[-1].end - sent.start]
        cas = numbers_mod.casualties(clause_text)
        if cas.killed is None and cas.injured is None and not any(d.sentence_index == si for d in previous):
            cas = numbers_mod.casualties(sent.text)  # "لقي 4 مصرعهم، وأصيب آخرون، في انفجار …"
        killed = cas.killed or 0
        injured = cas.injured
        drafts = []
        for k, mention in enumerate(places[:MAX_EVENTS_PER_CLAUSE]):
            d = _Draft(rule.event_type, sub, date, precision, a1, a2, mention,
                       killed if k == 0 else 0, injured if k == 0 else None, si, (sent.start, sent.end), list(why))
            d.multi_place = len(places) > 1
            drafts.append(d)
        return drafts

    # -- helpers ------------------------------------------------------------
    def _cues(self, tokens: list[Token]) -> list[Match]:
        """Event-word matches, minus words inside a longer match and purpose phrases.

        "لمواجهة الفلول" (in order to confront) announces a purpose, not a
        clash; but "تعرضت لقصف" (came under shelling) is an event.
        """
        found = self._scan(tokens)["cue"]
        spans = [(m.first, m.last) for m in found if m.last > m.first]
        out = []
        for m in found:
            if any(a <= m.first and m.last <= b and (a, b) != (m.first, m.last) for a, b in spans):
                continue
            tok = tokens[m.first].norm
            prev = tokens[m.first - 1].norm if m.first else ""
            if tok.startswith("ال") and any(f in _BACK_REFERENCE for f in stems(prev)):
                continue  # "موقع الهجوم": points back at an event already told
            if m.payload in _PURPOSE_CUES and tok.startswith("ل") and not m.phrase.startswith("ل"):
                prev = tokens[m.first - 1].norm if m.first else ""
                if not prev.startswith(("تعرض", "يتعرض", "تتعرض", "عرضه", "تعرضت", "تعرضوا")):
                    continue
            out.append(m)
        return out

    def _coded_clause(self, clause: tuple[int, int], tokens: list[Token], cues: list[Match]):
        """(rule, cue names, trigger index) when the clause reports an event, else None."""
        lo, hi = clause
        ccues = [m for m in cues if lo <= m.first < hi]
        names = {m.payload for m in ccues}
        clash = [m for m in ccues if m.payload == "clash"]
        if clash and names & {"reinforce", "arrest", "agreement"} and not names & {"kill", "injure"} and all(
            tokens[m.first].norm.startswith(("ال", "وال", "بال", "فال")) for m in clash
        ):
            names.discard("clash")  # "الهجوم سبقه استقدام تعزيزات": the attack is told elsewhere
        year = _YEAR_ONLY.search(" ".join(t.norm for t in tokens[lo:hi]))
        if year and (self._published is None or int(year.group(1)) < self._published.year) \
                and not self._clause_has_day(tokens, clause):
            return None  # "في العام 2018 …": narrative background
        rule = next((r for r in self.lex.rules if r.applies(names)), None)
        if rule is None:
            return None
        trigger = min((m.first for m in ccues if m.payload in rule.all | rule.any), default=lo)
        if self._cancelled(tokens, clause, trigger):
            return None
        return rule, names, trigger

    def _tokens(self, sent: Sentence) -> list[Token]:
        hit = self._token_cache.get(sent.start)
        if hit is None or hit[0] != sent.end:
            hit = (sent.end, tokenize(sent.text, offset=sent.start))
            self._token_cache[sent.start] = hit
        return hit[1]

    def _actors_of(self, tokens: list[Token], lo: int, hi: int) -> list:
        """Actor mentions of a clause (positions relative to it), else of its sentence."""
        # keyed on the list object itself (held in the memo, so its id cannot be reused)
        if self._memo_actors[0] is not tokens:
            self._memo_actors = (tokens, actor_roles.find_actors(tokens, self.lex))
        found = self._memo_actors[1]
        inside = [actor_roles.ActorMention(m.actor, m.first - lo, m.last - lo, m.role) for m in found if lo <= m.first < hi]
        if inside:
            return inside
        return [actor_roles.ActorMention(m.actor, m.first - lo, m.last - lo, m.role) for m in found]

    def _scan(self, tokens: list[Token]) -> dict[str, list[Match]]:
        """Event words, cancel cues and toll phrases of a token list, matched once per article.

        The cache holds the token list itself, so an id is never reused while cached.
        """
        hit = self._scan_cache.get(id(tokens))
        if hit is not None and hit[0] is tokens:
            return hit[1]
        out: dict[str, list[Match]] = {"cue": [], "cancel": [], "toll": []}
        for m in self.lex.word_matcher.find(tokens):
            kind, name = m.payload
            out[kind].append(Match(m.first, m.last, m.phrase, name))
        self._scan_cache[id(tokens)] = (tokens, out)
        return out

    def _cancel_matches(self, tokens: list[Token]) -> list[Match]:
        return self._scan(tokens)["cancel"]

    def _clause_has_day(self, tokens: list[Token], clause: tuple[int, int]) -> bool:
        lo, hi = clause
        text = " ".join(t.text for t in tokens[lo:hi])
        return any(d.precision == 1 and d.kind == "explicit" for d in dates_mod.find_dates(text, None))

    def _cancelled(self, tokens: list[Token], clause: tuple[int, int], trigger: int) -> str | None:
        lo, hi = clause
        for m in self._cancel_matches(tokens):
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
        heads = [tokenize(article.title or "")] + [self._tokens(s) for s in sentences[:3]]
        for k, head in enumerate(heads):
            for m in self._cancel_matches(head):
                if m.payload == "anniversary" or (m.payload == "statistics" and k == 0):
                    return True
        return False

    @staticmethod
    def _about_abroad(text: str, mentions: list) -> bool:
        """An article that names places abroad and never Syria or a Syrian governorate/city."""
        foreign = sum(1 for m in mentions if getattr(m, "foreign", False))
        if not foreign:
            return False
        if "سوري" in normalize(text):
            return False
        domestic = [m for m in mentions if not getattr(m, "foreign", False)]
        if any(m.kind in {"governorate", "city", "area", "district"} for m in domestic):
            return False
        return len(domestic) <= foreign

    def _is_toll_update(self, tokens: list[Token], cues: list[Match]) -> bool:
        """"ارتفع عدد القتلى إلى 39" with no event of its own: the toll of the event before."""
        if not self._scan(tokens)["toll"]:
            return False
        names = {m.payload for m in cues} - {"kill", "injure", "civ_target", "armed_target"}
        return not any(r.applies(names | {"kill"}) for r in self.lex.rules if r.event_type != "Violence against civilians")

    def _has_rule(self, tokens: list[Token], cues: list[Match]) -> bool:
        names = {m.payload for m in cues}
        return any(r.applies(names) for r in self.lex.rules)

    @staticmethod
    def _fill_casualties(draft: _Draft, sent: Sentence) -> None:
        if draft.event_type == "Strategic developments" and draft.sub_event_type != "Arrests":
            return  # tolls belong to violent events
        cas = numbers_mod.casualties(sent.text)
        # offsets of the span are into the text given to casualties(): the sentence itself
        said = sent.text[cas.killed_span[0]:cas.killed_span[1]] if cas.killed_span else ""
        vague = cas.killed in _VAGUE_COUNTS and not any(ch.isdigit() for ch in said)
        if cas.killed and cas.killed > draft.fatalities and not (vague and draft.fatalities):
            draft.fatalities = cas.killed  # a later, fuller toll of the same event
        if cas.injured is not None and draft.injured is None:
            draft.injured = cas.injured

    def _apply_toll(self, draft: _Draft, sent: Sentence, si: int) -> None:
        cas = numbers_mod.casualties(sent.text)
        if cas and cas.killed:
            draft.fatalities = cas.killed
            draft.why.append(f"toll updated to {cas.killed} by a later sentence")
        if cas and cas.injured:
            draft.injured = cas.injured

    def _background_date(self, text: str, published: dt.date | None) -> bool:
        found = dates_mod.find_dates(text, published)
        return bool(found) and all(getattr(d, "background", False) for d in found)

    def _primary_places(self, mentions: list, tokens: list[Token]) -> list:
        """The places a clause's event happened at: not origins, not containers, not road ends."""
        if len(mentions) <= 1:
            return mentions
        def is_container(m) -> bool:
            around = m.kind == "city" and m.location is not None and m.location.geo_precision >= 2 \
                and normalize(m.name_ar).startswith(_AREA_WORDS)
            return m.kind not in _SPECIFIC or around

        specific = [m for m in mentions if not is_container(m)]
        keep = []
        for m in mentions:
            if is_container(m) and specific and m.location and any(
                s.location and s.location.admin1 == m.location.admin1 for s in specific
            ):
                continue  # a governorate/district/area that contains a named place
            keep.append(m)
        if len(keep) > 1 and self._text is not None:
            outside = [m for m in keep if not _in_parentheses(self._text, m.start)]
            keep = outside or keep
        if len(keep) > 1:
            roles = {id(m): self._preposition(m, tokens, mentions) for m in keep}
            located = [m for m in keep if roles[id(m)] not in _ORIGIN_PREP | {"بين", "طريق", "reporter"}]
            roads = [m for m in keep if roles[id(m)] == "طريق"]
            keep = located or roads[-1:] or keep[-1:]
        elif keep and self._preposition(keep[0], tokens, mentions) in _ORIGIN_PREP | {"reporter"}:
            return []  # the only place named is where someone comes from or reports from
        keep = self._drop_nearby_duplicates(keep)
        coarse = [m for m in keep if m.kind not in _SPECIFIC]
        if len(coarse) > 1:  # several areas of one region: the first-named one
            keep = [m for m in keep if m.kind in _SPECIFIC or m is coarse[0]]
        seen, out = set(), []
        for m in keep:
            key = (m.location.place_id or m.name_ar) if m.location else m.name_ar
            if key not in seen:
                seen.add(key)
                out.append(m)
        return out

    @staticmethod
    def _drop_nearby_duplicates(mentions: list) -> list:
        """A neighbourhood or site and the city it lies in are one place for an event."""
        rank = {"neighbourhood": 0, "site": 0, "camp": 0, "village": 1, "town": 2, "city": 3}
        out = list(mentions)
        for a in mentions:
            for b in mentions:
                if a is b or a not in out or b not in out or not (a.location and b.location):
                    continue
                if a.location.lat is None or b.location.lat is None:
                    continue
                if a.kind in rank and b.kind in rank and rank[a.kind] < rank[b.kind] and b.kind == "city" \
                        and _km(a.location, b.location) <= 12:
                    out.remove(b)
        return out

    @staticmethod
    def _preposition(mention, tokens: list[Token], mentions: list) -> str | None:
        """The preposition that governs a place, walking back over lists ("من حلب، إدلب وحماة")."""
        idx = next((k for k, t in enumerate(tokens) if t.start <= mention.start < t.end), None)
        if idx is None:
            return None
        head = tokens[idx].norm
        if head.startswith("من") and not normalize(mention.name_ar).startswith("من"):
            return "من"
        spans = [(m.start, m.end) for m in mentions]
        k = idx - 1
        steps = 0
        while k >= 0 and steps < 12:
            t = tokens[k]
            norm = t.norm
            if norm in _ROADS:
                return "طريق"
            if norm in _PREPOSITIONS:
                if norm == "في" and any(tokens[j].norm in _REPORTERS for j in range(max(0, k - 3), k)):
                    return "reporter"  # "وقالت مراسلة راديو الكل في دير الزور"
                return norm
            if norm.startswith("و") and norm[1:] in _PREPOSITIONS:
                return norm[1:]
            inside_place = any(a <= t.start < b for a, b in spans)
            if not (inside_place or norm in _PLACE_WORDS or norm in {"و"} or normalize(t.text) in {"محافظات", "محافظه", "مناطق"}):
                return None
            k -= 1
            steps += 1
        return None

    @staticmethod
    def _carry(previous: list[_Draft], si: int, event_type: str | None = None) -> _Draft | None:
        """The latest event within reach; with ``event_type``, the latest of that type."""
        for d in reversed(previous):
            if si - d.sentence_index > CARRY_SENTENCES:
                return None
            if event_type is None or d.event_type == event_type:
                return d
        return None

    def _finish(self, drafts: list[_Draft], article: Article, explain: bool) -> list[Event]:
        merged: list[_Draft] = []
        for d in drafts:
            target = next((m for m in merged if self._same_event(m, d)), None)
            if target is None:
                merged.append(d)
                continue
            self._merge_into(target, d)
        merged = self._drop_coarse_duplicates(merged)
        versions = {"lexicon": self.lex.version, "gazetteer": self.gazetteer_version, "extractor": self.name}
        events = []
        for d in merged:
            loc: Location = d.mention.location
            ev = Event(d.event_type, d.sub_event_type, d.date, d.precision, d.actor1, d.actor2, loc,
                       int(d.fatalities or 0), d.injured, article.text[d.evidence[0]:d.evidence[1]], "", dict(versions))
            ev.summary_en = summarize(ev, self.labels)
            if explain:
                ev.explain = "; ".join(d.why + [getattr(d.mention, "explanation", "")])
            events.append(ev)
        return events

    @staticmethod
    def _place_key(d: _Draft):
        loc = d.mention.location
        if loc is None:
            return d.mention.name_ar
        if loc.place_id:
            return loc.place_id
        if loc.lat is not None:
            return (round(loc.lat, 3), round(loc.lon, 3))
        return loc.name_ar

    def _same_event(self, a: _Draft, b: _Draft) -> bool:
        """Same day, place, type and sub-type, and actors that do not contradict each other."""
        if a.sub_event_type == b.sub_event_type == "Agreement":
            return True  # an agreement is one event however many clauses describe its terms
        subs = {a.sub_event_type, b.sub_event_type}
        same_sub = len(subs) == 1 or subs == {"Suicide bomb", "Remote explosive/landmine/IED"} \
            or a.event_type == b.event_type == "Protests"
        return (a.date == b.date and a.event_type == b.event_type and same_sub
                and self._place_key(a) == self._place_key(b)
                and (a.actor1 == b.actor1 or a.actor1 is None or b.actor1 is None))

    @staticmethod
    def _merge_into(m: _Draft, d: _Draft) -> None:
        if _SEVERITY.get(d.sub_event_type, 0) > _SEVERITY.get(m.sub_event_type, 0):
            m.sub_event_type = d.sub_event_type  # the more specific telling wins
        m.actor1 = m.actor1 or d.actor1
        m.actor2 = m.actor2 or d.actor2
        # A figure told for this place alone beats a round-up over several places.
        if d.fatalities and (m.multi_place or not m.fatalities) and not d.multi_place:
            m.fatalities = d.fatalities
            m.multi_place = False
        else:
            m.fatalities = max(m.fatalities, d.fatalities) if not d.multi_place else m.fatalities or d.fatalities
        if d.injured is not None:
            m.injured = d.injured if (m.injured is None or not d.multi_place) else max(m.injured, d.injured)
        if d.sentence_index - m.sentence_index <= 1:
            m.evidence = (m.evidence[0], max(m.evidence[1], d.evidence[1]))
        m.why.append("merged with a later report of the same event")

    @staticmethod
    def _is_coarse(d: _Draft) -> bool:
        name = normalize(d.mention.name_ar)
        loc = d.mention.location
        around_city = d.mention.kind == "city" and loc is not None and loc.geo_precision >= 2
        return d.mention.kind not in _SPECIFIC or name.startswith(_AREA_WORDS) or around_city

    def _drop_coarse_duplicates(self, drafts: list[_Draft]) -> list[_Draft]:
        """A lead sentence's area-level event ("قصف على ريف حلب") repeats the village events told after it;
        a neighbourhood's event is part of its city's when the article also codes the city."""
        out = []
        for d in drafts:
            loc = d.mention.location
            fine = [
                o for o in drafts
                if o is not d and o.event_type == d.event_type and not self._is_coarse(o)
                and o.mention.location is not None and _close_dates(o.date, d.date)
                and (o.mention.location.admin1 == loc.admin1 or (
                    loc.lat is not None and o.mention.location.lat is not None and _km(loc, o.mention.location) <= 30))
            ] if self._is_coarse(d) and loc is not None else []
            if fine:
                # what the lead says and the detail does not (who was hit, the toll) is kept
                for o in fine:
                    o.actor1 = o.actor1 or d.actor1
                    o.actor2 = o.actor2 or d.actor2
                if len(fine) == 1 and not fine[0].fatalities and d.fatalities:
                    fine[0].fatalities = d.fatalities
                continue
            out.append(d)
        final = []
        for d in out:
            city = next((o for o in out if o is not d and d.mention.kind == "neighbourhood" and o.mention.kind == "city"
                         and o.event_type == d.event_type and _close_dates(o.date, d.date) and o.mention.location
                         and d.mention.location and o.mention.location.lat is not None and d.mention.location.lat is not None
                         and _km(o.mention.location, d.mention.location) <= 12), None)
            if city is not None:
                city.neighbourhood_fatalities += d.fatalities
                city.neighbourhood_injured += d.injured or 0
                city.why.append(f"includes {d.mention.name_ar}")
                continue
            final.append(d)
        for d in final:
            if d.neighbourhood_fatalities or d.neighbourhood_injured:
                d.fatalities = max(d.fatalities, d.neighbourhood_fatalities)
                d.injured = max(d.injured or 0, d.neighbourhood_injured) or d.injured
        return final
