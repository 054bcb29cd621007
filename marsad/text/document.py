"""One article as read once: cleaned text, sentences and their tokens.

Every stage after ``text`` reads the same :class:`Document`, so an article is
cleaned, split and tokenised once, and nothing about an article is kept on
shared objects (extractors, resolvers): a document belongs to one call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from marsad.text.clean import clean_text
from marsad.text.normalize import normalize
from marsad.text.sentences import Sentence, split_sentences
from marsad.text.tokens import Token, tokenize

__all__ = ["Document"]


@dataclass
class Document:
    """An article's text as the extractor reads it.

    ``text`` is the cleaned text (page noise blanked by spaces, so offsets into
    it are offsets into the original and evidence stays verbatim).
    """

    id: str
    title: str | None
    published: dt.date | None
    text: str
    sentences: list[Sentence]
    tokens: list[list[Token]] = field(repr=False)  # tokens of each sentence, offsets into ``text``

    @classmethod
    def read(cls, article_id: str, text: str, title: str | None = None, published: dt.date | None = None) -> Document:
        cleaned = clean_text(text, title).text
        sentences = split_sentences(cleaned)
        return cls(article_id, title, published, cleaned, sentences, [tokenize(s.text, offset=s.start) for s in sentences])

    @cached_property
    def norm(self) -> str:
        """The normalised text (same length is not guaranteed: for word tests only)."""
        return normalize(self.text)

    @cached_property
    def title_tokens(self) -> list[Token]:
        return tokenize(self.title or "")
