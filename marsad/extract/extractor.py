"""The extractor: one article in, its events out (SPEC §2).

:class:`Extractor` is the shared, read-only front: lexicon, place resolver and
fitted models, loaded once and never changed, so one extractor may serve many
threads.  Each call reads its article into a
:class:`~marsad.text.document.Document` and hands it to a private reading
(:class:`marsad.extract.core._Reading`: the rules; its mixin
:class:`marsad.extract.learned.LearnedReading`: what the models read), then
lets the learned decisions (:mod:`marsad.extract.decide`) choose among the
rules' candidates.
"""

from __future__ import annotations

from typing import Protocol

from marsad.extract.core import _Reading
from marsad.extract.decide import Candidate, decide, propose
from marsad.extract.learned import RuleReading
from marsad.extract.lexicon import Lexicon, load_lexicon
from marsad.extract.model import LinearModel
from marsad.extract.summary import summarize
from marsad.models import EVENT_TYPES, Article, ArticleEvents
from marsad.text.document import Document

__all__ = ["Extractor", "PlaceResolverLike"]


class PlaceResolverLike(Protocol):
    def find(self, text: str, *, context: str | None = None) -> list: ...


class Extractor:
    """Rule-based Arabic event coder.

    Holds only what every article shares (lexicon, place resolver, labels) and
    never changes it after construction: one extractor may serve many threads.
    Each call reads its article into a :class:`~marsad.text.document.Document`
    and works on a private :class:`_Reading`.
    """

    rules_name = "marsad.rules.v1"

    def __init__(
        self,
        place_resolver: PlaceResolverLike | None,
        lexicon: Lexicon | None = None,
        *,
        gazetteer_version: str = "unknown",
        model: LinearModel | None = None,
        report: dict[str, LinearModel] | None = None,
        actors: LinearModel | None = None,
        proposer: LinearModel | None = None,
    ) -> None:
        self.places = place_resolver
        self.model = model
        self.actors = actors
        self.proposer = proposer  # the "sentences" model: types sentences the rules coded nothing from
        self.report = dict(report or {})  # sentence models for classify: "assault", "protest"
        # versions.extractor names the rules and, when one decides, the fitted model
        self._learned = frozenset(k for k, m in (("events", model), ("actors", actors)) if m is not None)
        self.name = self.rules_name + "".join(f"+{m.name}.{m.version}" for m in (model, actors, proposer) if m is not None)
        self.gazetteer_version = gazetteer_version
        self.lex = lexicon or load_lexicon()
        labels = {k: v.label for k, v in self.lex.actors.items()}
        labels["SYR_GOV_ASSAD"] = "Syrian government forces"
        labels["SYR_GOV_NEW"] = "Syrian government forces"
        self.labels = labels

    def read(self, article: Article) -> Document:
        return Document.read(article.id, article.text, article.title, article.published)

    def candidates(
        self, article: Article, *, explain: bool = False, features: frozenset[str] = frozenset({"events", "actors"})
    ) -> list[Candidate]:
        """The rules' events, with what the learned decisions named in ``features`` read."""
        return _Reading(self, article, self.read(article)).candidates(explain, features)

    def candidates_and_proposals(self, article: Article) -> tuple[list[Candidate], list[Candidate]]:
        """For fitting: the rules' candidates, and the proposals of the sentences they left,
        each with its actor options for every event type (``options_by_type``)."""
        reading = _Reading(self, article, self.read(article))
        cands = reading.candidates(False)
        versions = {"lexicon": self.lex.version, "gazetteer": self.gazetteer_version, "extractor": self.name}
        props = reading.proposals(versions)
        for c in props:
            c.options_by_type = {}
            for t in EVENT_TYPES:
                c.event.event_type = t
                c.options_by_type[t] = reading.actor_options_for(c)
            c.event.event_type = ""
        return cands, props

    def extract(self, article: Article, *, explain: bool = False) -> ArticleEvents:
        reading = _Reading(self, article, self.read(article))
        cands = reading.candidates(explain, self._learned)
        if self.proposer is not None:
            versions = {"lexicon": self.lex.version, "gazetteer": self.gazetteer_version, "extractor": self.name}
            for c in propose(self.proposer, reading.proposals(versions)):
                if self.actors is not None:
                    c.actor_options = reading.actor_options_for(c)
                if explain:
                    c.event.explain = "; ".join(c.why)
                cands.append(c)
        events = decide(self.model, cands, explain=explain, actors=self.actors)
        for ev in events:
            ev.versions["extractor"] = self.name
            ev.summary_en = summarize(ev, self.labels)
        return ArticleEvents(article.id, events)

    def classify(self, article: Article) -> list[str]:
        """Event types the article reports as having happened, anywhere (no places needed)."""
        return _Reading(self, article, self.read(article)).classify(self.report)

    def rule_reading(self, article: Article) -> RuleReading:
        """The event types the rules alone code in the article, those whose event words
        only appear stopped by a cancel cue, and the crowd types coded where a verb tells
        the crowd gathered (what ``classify`` weighs its models by)."""
        return _Reading(self, article, self.read(article)).rule_reading()
