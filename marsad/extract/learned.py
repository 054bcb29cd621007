"""The learned side of reading one article: the features the fitted models
read (candidate events, actor options, how a place is named), proposals from
sentences the rules coded nothing from, and ``classify``'s per-sentence decision.

:class:`LearnedReading` is a mixin of :class:`marsad.extract.core._Reading`: its
methods use the reading's per-article state (document, mentions, caches) and
its rule helpers; they are kept here so that the rules and the learned side
each read in one place.
"""

from __future__ import annotations

from typing import NamedTuple

from marsad.extract import actors as actor_roles
from marsad.extract.context import CROWD, VIOLENT, clause_words
from marsad.extract.decide import Candidate, candidate_features
from marsad.extract.merge import Draft, drop_coarse_duplicates, merge_into, same_event
from marsad.extract.model import LinearModel, sentence_features
from marsad.extract.places import in_parentheses
from marsad.models import EVENT_TYPES, Article, Event, Location
from marsad.text import dates as dates_mod
from marsad.text import numbers as numbers_mod
from marsad.text.tokens import Token, stems, tokenize

__all__ = ["LearnedReading", "RuleReading", "report_bar"]

#: how many words after a ``rally_openers`` verb its protest word may come ("نظموا أمس وقفة احتجاجية")
RALLY_REACH = 3


class RuleReading(NamedTuple):
    """What the rules alone read in an article (what ``classify`` weighs its models by)."""

    ruled: set[str]  # event types coded
    stopped: set[str]  # types whose event words only appear stopped by a cancel cue
    rallied: set[str]  # crowd types coded in a sentence that tells the crowd gathered


def report_bar(meta: dict, types: set[str] | frozenset[str], reading: RuleReading) -> float:
    """The share of a report model's threshold that a sentence's score is held to, by what
    the rules read in it: lower where they code an event of the model's ``types``
    (``rule_backed``; ``rally_backed`` where a verb tells the crowd gathered), higher where
    a cancel cue stops its words (``rule_stopped``: a denial, a threat …).  ``classify``
    applies it, and fitting chooses the threshold on scores weighed by it."""
    if reading.ruled & types:
        if reading.rallied & types and "rally_backed" in meta:
            return float(meta["rally_backed"])
        return float(meta.get("rule_backed", 1.0))
    if reading.stopped & types:
        return 1.0 / float(meta.get("rule_stopped", 1.0))
    return 1.0


class LearnedReading:
    """Methods of :class:`marsad.extract.core._Reading` that serve the learned decisions."""

    def rule_types(self, sent, tokens: list[Token]) -> tuple[set[str], set[str]]:
        """The event types the rules code in a sentence, and those whose event words a
        cancel cue stops there ("نفت الوزارة وقوع غارات")."""
        ruled: set[str] = set()
        stopped: set[str] = set()
        cues = self._cues(tokens)
        if cues and not self._background_date(sent.text, self.article.published):
            for clause in self._clauses(tokens, sent.text, sent.start, cues):
                read = self._clause_rule(clause, tokens, cues)
                if read is not None:
                    (stopped if read[3] is not None else ruled).add(read[0].event_type)
        return ruled, stopped - ruled

    def rule_reading(self) -> RuleReading:
        """:meth:`rule_types` over the article: coded anywhere, stopped where not coded,
        and the crowd events coded in a sentence that tells the crowd gathered."""
        ruled: set[str] = set()
        stopped: set[str] = set()
        rallied: set[str] = set()
        for sent in self.doc.sentences:
            tokens = self._tokens(sent)
            if tokens:
                r = self._sentence_reading(sent, tokens)
                ruled |= r.ruled
                stopped |= r.stopped
                rallied |= r.rallied
        return RuleReading(ruled, stopped - ruled, rallied)

    def _sentence_reading(self, sent, tokens: list[Token]) -> RuleReading:
        ruled, stopped = self.rule_types(sent, tokens)
        rallied = ruled & CROWD if ruled & CROWD and self._rallied(tokens) else set()
        return RuleReading(ruled, stopped, rallied)

    def _rallied(self, tokens: list[Token]) -> bool:
        """Whether a verb in the sentence tells a crowd gathered (clause_words ``rally_verbs``,
        or ``rally_openers`` before a protest word: "اندلعت مظاهرات")."""
        words = clause_words()
        protests = None
        for k, t in enumerate(tokens):
            forms = (t.norm, t.norm[1:]) if t.norm[:1] in ("و", "ف") and len(t.norm) > 3 else (t.norm,)
            if any(f in words.rally_verbs for f in forms):
                return True
            if any(f in words.rally_openers for f in forms):
                if protests is None:
                    protests = [m.first for m in self._scan(tokens)["cue"] if m.payload == "protest"]
                if any(k < first <= k + RALLY_REACH for first in protests):
                    return True
        return False

    def classify(self, report: dict[str, LinearModel]) -> list[str]:
        """Event types the article reports.  With ``report`` models (``assault``,
        ``protest``), they decide whether each sentence reports a violent incident
        or a protest; the rules then name its type.  The rules' reading moves the
        model's bar both ways (:func:`report_bar`) — evidence, not a veto."""
        found: set[str] = set()
        for sent in self.doc.sentences:
            tokens = self._tokens(sent)
            if not tokens:
                continue
            reading = self._sentence_reading(sent, tokens)
            ruled = reading.ruled
            cues = self._cues(tokens)
            if not report:
                found |= ruled
                continue
            found |= ruled & {"Strategic developments"}
            feats = None
            for group, types, default in (("assault", VIOLENT, "Battles"), ("protest", CROWD, "Protests")):
                model = report.get(group)
                if model is None:
                    found |= ruled & types
                    continue
                gate = model.meta.get("gate_cues")
                if gate is not None and not any(m.payload in gate for m in self._scan(tokens)["cue"]):
                    continue  # no event word of the group: nothing for the model to decide
                feats = feats if feats is not None else sentence_features(tokens, self._scan(tokens))
                threshold = float(model.meta.get("threshold", 0.5)) * report_bar(model.meta, types, reading)
                if model.proba(feats)[group] >= threshold:
                    named = (ruled | self._types_with_deaths(cues)) & types
                    found |= named or {default}
        return [t for t in EVENT_TYPES if t in found]

    def proposals(self, versions: dict[str, str]) -> list[Candidate]:
        """Sentences the rules coded nothing from but that name a Syrian place: each
        becomes a skeleton event (place, date, toll) that the ``sentences`` model may
        type — a report the event words missed.  Call after :meth:`candidates`."""
        if self.places is None or not self._open:
            return []
        out = []
        for si, (sent, tokens) in enumerate(zip(self.doc.sentences, self.doc.tokens)):
            if si in self._covered or len(tokens) < 5:
                continue
            here = [
                m
                for m in self._mentions
                if sent.start <= m.start < sent.end
                and not getattr(m, "foreign", False)
                and m.location is not None
                and not in_parentheses(self.doc.text, m.start)
            ]
            if not here:
                continue
            place = next((m for m in here if m.kind != "governorate"), here[0])
            date, precision = dates_mod.resolve_date(sent.text, self._published, default=self._anchor)
            if self._background_date(sent.text, self._published):
                continue
            cas = numbers_mod.casualties(sent.text)
            ev = Event(
                "",
                "",
                date,
                precision,
                None,
                None,
                place.location,
                int(cas.killed or 0),
                cas.injured,
                self.article.text[sent.start : sent.end],
                "",
                dict(versions),
            )
            d = Draft("", "", date, precision, None, None, place, ev.fatalities, cas.injured, si, (sent.start, sent.end))
            d.place_in_clause = True
            feats = sentence_features(tokens, self._scan(tokens)) + [f"pk:{place.kind}", f"si:{min(si, 6)}"]
            c = Candidate(ev, feats, why=["proposed by the sentence model: no event word coded here"])
            c.draft = d  # the actor options are read once the type is known
            out.append(c)
        return out

    def actor_options_for(self, c: Candidate) -> list[tuple[str, list[str]]]:
        """Actor options of a proposed event, once the model has given it a type."""
        d = c.draft
        d.event_type = c.event.event_type
        return self._actor_options(d, self.doc.tokens[d.sentence_index], self._article_actors())

    def _article_actors(self) -> dict[str, int]:
        """How often the article names each actor as a party (not as a source, the
        accused, a description or an affiliation)."""
        counts: dict[str, int] = {}
        for toks in self.doc.tokens:
            for a in self._find_actors(toks):
                if a.role not in ("source", "accused", "context", "affiliation"):
                    counts[a.actor] = counts.get(a.actor, 0) + 1
        return counts

    def _event(self, d: Draft, versions: dict[str, str], explain: bool) -> Event:
        ev = Event(
            d.event_type,
            d.sub_event_type,
            d.date,
            d.precision,
            d.actor1,
            d.actor2,
            d.mention.location,
            int(d.fatalities or 0),
            d.injured,
            self.article.text[d.evidence[0] : d.evidence[1]],
            "",
            dict(versions),
        )
        if explain:
            ev.explain = "; ".join(d.why + [getattr(d.mention, "explanation", "")])
        return ev

    def _actor_options(self, d: Draft, tokens: list[Token], article_actors: dict[str, int]) -> list[tuple[str, list[str]]]:
        """Every actor the event might involve, with what the text says of it: the
        actors of its sentence (with the role their position gives), the article's
        most named ones, civilians; and which of them the rules chose."""

        def resolved(a: str) -> str:
            return actor_roles.resolve_government(a, d.date, self._era, self.lex)

        t = d.event_type
        options: dict[str, list[str]] = {}
        for m in self._find_actors(tokens):
            a = resolved(m.actor)
            f = options.setdefault(a, [])
            side = "before" if d.trigger_at >= 0 and tokens[m.first].start < d.trigger_at else "after"
            near = d.trigger_at >= 0 and abs(tokens[m.first].start - d.trigger_at) < 40
            f += [
                "sent",
                f"role:{m.role}",
                f"role:{m.role}|t:{t}",
                f"side:{side}",
                f"side:{side}|role:{m.role}",
                "near" if near else "far",
            ]
        ranked = sorted(article_actors.items(), key=lambda kv: -kv[1])
        for rank, (raw, n) in enumerate(ranked[:4]):
            a = resolved(raw)
            f = options.setdefault(a, [])
            f += [f"art_rank:{rank}", f"art_n:{'1' if n == 1 else '2-3' if n <= 3 else '4+'}"]
        for a in ("CIVILIANS",):
            options.setdefault(a, [])
        for slot, a in (("r1", d.actor1), ("r2", d.actor2)):
            if a:
                options.setdefault(a, []).append(slot)
        out = []
        for a, f in options.items():
            f = list(dict.fromkeys(f)) or ["unmentioned"]
            f += [f"id:{a}", f"id:{a}|t:{t}", f"t:{t}"] + [f"{x}|t:{t}" for x in f if x in ("r1", "r2", "sent")]
            if not any(x.startswith("art_") for x in f):
                f.append("art:none")
            out.append((a, f))
        return out

    def _place_features(self, d: Draft, place_counts: dict) -> list[str]:
        """How the candidate's place is named: the word before it, where it stands
        against the event word, how often the article names it, a dateline."""
        m = d.mention
        text = self.doc.text
        before = tokenize(text[max(0, m.start - 25) : m.start])
        prev = stems(before[-1].norm)[-1] if before else "^"
        after = text[m.end : m.end + 4]
        key = m.location.place_id if m.location is not None else m.name_ar
        n = place_counts.get(key, 0)
        gap = (m.start - d.trigger_at) if d.trigger_at >= 0 else 0
        out = [
            f"pp:{prev}",
            f"pn:{m.name_ar}",
            f"pc:{'1' if n <= 1 else '2' if n == 2 else '3+'}",
            "pin" if d.place_in_clause else "pout",
            f"pgap:{_signed_bucket(gap)}",
            f"pk:{m.kind}|{'pin' if d.place_in_clause else 'pout'}",
        ]
        if m.start < 40 and any(ch in after for ch in "/(-–:"):
            out.append("dateline")
        if self.article.title and m.name_ar and m.name_ar in (self.article.title or ""):
            out.append("ptitle")
        return out

    def _finish(
        self, drafts: list[Draft], article: Article, explain: bool, features: frozenset[str] = frozenset({"events", "actors"})
    ) -> list[Candidate]:
        """Merged drafts as candidate events, with the features of the learned decisions
        named in ``features`` ("events": the candidate's words and the rules' reading;
        "actors": the actor options)."""
        merged: list[Draft] = []
        for d in drafts:
            target = next((m for m in merged if same_event(m, d)), None)
            if target is None:
                merged.append(d)
                continue
            merge_into(target, d)
        merged = drop_coarse_duplicates(merged)
        versions = {"lexicon": self.lex.version, "gazetteer": self.gazetteer_version, "extractor": self.extractor_name}
        self._covered = {d.sentence_index for d in drafts}
        out = [Candidate(self._event(d, versions, explain), []) for d in merged]
        if not features or not merged:
            return out
        token_lists = []
        for d, c in zip(merged, out):
            hit = self._token_cache.get(d.evidence[0])
            token_lists.append(hit[1] if hit is not None and hit[0] == d.evidence[1] else tokenize(c.event.evidence))
        if "actors" in features:
            article_actors = self._article_actors()
            for d, c, tokens in zip(merged, out, token_lists):
                c.actor_options = self._actor_options(d, tokens, article_actors)
        if "events" in features:
            place_counts: dict = {}
            for m in self._mentions:
                key = m.location.place_id if m.location is not None else m.name_ar
                place_counts[key] = place_counts.get(key, 0) + 1
            per_sentence: dict[int, int] = {}
            for d in merged:
                per_sentence[d.sentence_index] = per_sentence.get(d.sentence_index, 0) + 1
            for d, c, tokens in zip(merged, out, token_lists):
                loc: Location = d.mention.location
                c.features = candidate_features(
                    tokens,
                    event_type=d.event_type,
                    sub_event_type=d.sub_event_type,
                    cues=set(d.cues),
                    kind=getattr(d.mention, "kind", "?"),
                    geo_precision=loc.geo_precision if loc else 0,
                    multi_place=d.multi_place,
                    sentence_index=d.sentence_index,
                    n_sentences=len(self.doc.sentences),
                    date_known=d.date is not None,
                    date_precision=d.precision,
                    actor1=d.actor1,
                    actor2=d.actor2,
                    fatalities=c.event.fatalities,
                    injured=d.injured,
                    carried=any("carried" in w for w in d.why),
                    same_sentence=per_sentence[d.sentence_index],
                ) + self._place_features(d, place_counts)
        return out


def _signed_bucket(gap: int) -> str:
    """A character distance, coarsely: before/after the event word, near or far."""
    side = "+" if gap >= 0 else "-"
    g = abs(gap)
    return side + ("0" if g < 20 else "1" if g < 60 else "2" if g < 150 else "3")
