"""Finding place names in text: spans, clitics and the words around them.

The scan walks the tokens once.  At each token it peels proclitics
(``marsad.text.tokens.stems``), looks the article-less form up in a dict keyed
by the first word of every name, and tries the longest name first.  The words
before a name (type words, "ريف", compass words, "قرب", prepositions) and after
it (direction adjectives, "وريفها") are read into a :class:`~marsad.geo.raw.Raw`
mention (:mod:`marsad.geo.frames`); the resolver (:mod:`marsad.geo.choose`) turns it
into a place.
"""

from __future__ import annotations

from marsad.geo.frames import FrameReading
from marsad.geo.gazetteer import Gazetteer
from marsad.geo.lexicon import Lexicon, Region
from marsad.geo.names import word_key
from marsad.geo.raw import (
    _DASH_GAP,
    _LIST_GAP,
    _NAME_GAP,
    _SENTENCE_END,
    Raw,
    _clitic_of,
    _readable,
    _surface_skip,
)
from marsad.text.tokens import Token, stems

__all__ = ["Scanner"]


class Scanner(FrameReading):
    """Turns tokens into :class:`Raw` mentions (names plus the words around them)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.g = gazetteer
        self.lex = lexicon
        extra: dict[tuple[str, ...], tuple[Region | None, str | None]] = {}
        for key, region in lexicon.regions.items():
            extra[key] = (region, None)
        for key, name in lexicon.foreign.items():
            region = extra.get(key, (None, None))[0]
            extra[key] = (region, name)
        self.extra = extra
        first: dict[str, set[int]] = {w: set(ls) for w, ls in gazetteer.first_word.items()}
        for key in extra:
            first.setdefault(key[0], set()).add(len(key))
        self.first = {w: tuple(sorted(ls, reverse=True)) for w, ls in first.items()}
        self._start_cache: dict[str, tuple[tuple[str, str, tuple[int, ...]], ...]] = {}
        self._type_cache: dict[str, str | None] = {}
        self.qualifier_words = lexicon.all_qualifier_words | frozenset(lexicon.type_words) | lexicon.prepositions
        # one-word "names" that are cue words ("على", "مدينة", "شرقي"): never a place
        # on their own (Resolver.keep), so not worth reading a frame for; a farm
        # ("مزرعة") may be a village after a type word
        self._cue_names = frozenset(word_key(w) for w in self.qualifier_words) - lexicon.farm_names

    # ------------------------------------------------------------------ helpers

    def _has(self, tok: Token, vocab) -> str | None:
        """The first clitic-free form of ``tok`` found in ``vocab`` (a set or dict)."""
        for form in stems(tok.norm):
            if form in vocab:
                return form
        return None

    def _conjoined(self, tok: Token) -> bool:
        """Written with the conjunction و: "وفي", not the word "وسط" (centre)."""
        return tok.norm.startswith("و") and tok.norm not in self.qualifier_words

    # ------------------------------------------------------------------ names

    def _starts(self, norm: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """(form, first key word, name lengths) for each clitic-free form of a word
        that begins some name; cached per word."""
        got = self._start_cache.get(norm)
        if got is None:
            # the least peeled reading first: "ولبنان" is و + لبنان, not ول + the village بنان
            forms = sorted(stems(norm), key=len, reverse=True)
            got = tuple((form, word_key(form), self.first[word_key(form)]) for form in forms if word_key(form) in self.first)
            if len(self._start_cache) < 200_000:
                self._start_cache[norm] = got
        return got

    def _match_at(self, tokens: list[Token], text: str, i: int) -> tuple[int, str, tuple[str, ...]] | None:
        best: tuple[int, str, tuple[str, ...]] | None = None
        starts = self._starts(tokens[i].norm)
        if not starts:
            return None
        # the words glued to this one (only spaces between), keyed, as far as any name reaches
        longest = max(ls[0] for _, _, ls in starts)
        tail: list[str] = []
        prev_end = tokens[i].end
        for t in range(i + 1, min(i + longest, len(tokens))):
            tok = tokens[t]
            if not _NAME_GAP.match(text[prev_end : tok.start]):
                break
            tail.append(word_key(tok.norm))
            prev_end = tok.end
        names, extra = self.g.names, self.extra
        for form, k0, lengths in starts:
            for length in lengths:
                if length - 1 > len(tail) or (best and length <= best[0]):
                    continue
                key = (k0, *tail[: length - 1])
                if key in names or (key in extra and self._as_listed(key, form, tokens, i, length)):
                    best = (length, form, key)
                    break
        return best

    def _as_listed(self, key, form: str, tokens, i: int, length: int) -> bool:
        """Regions and foreign names match with their articles as listed
        (the first word's article may hide in a clitic: "بالموصل")."""
        want = self.lex.articles.get(key)
        if want is None or len(want) != length:
            return True
        clitic = tokens[i].norm[: len(tokens[i].norm) - len(form)]
        have = [form.startswith("ال") or clitic.endswith(("ال", "لل"))] + [
            tokens[t].norm.startswith("ال") for t in range(i + 1, i + length)
        ]
        return list(want[1:]) == have[1:] and (want[0] == have[0] or length > 1 and not want[0])

    def scan(self, text: str, tokens: list[Token]) -> list[Raw]:
        raws: list[Raw] = []
        cache = self._start_cache
        # most words begin no name (known once cached): visit only the others
        maybe = [k for k, t in enumerate(tokens) if cache.get(t.norm) != ()]
        i = 0
        for k in maybe:
            if k < i:
                continue  # inside the name just read
            i = k
            m = self._match_at(tokens, text, i)
            if m is None:
                continue
            length, form, key = m
            tok = tokens[i]
            clitic = _clitic_of(tok.norm, form)
            shown = clitic[:-2] if clitic.endswith("ال") else clitic  # keep the article: "والمزرعة" -> "المزرعة"
            skip = _surface_skip(tok.text, len(shown)) if shown else 0
            start = tok.start + skip
            end = tokens[i + length - 1].end
            name = _readable(text[start:end])
            if clitic.endswith("لل"):  # "للسويداء" -> "السويداء"
                name = "ال" + name
            region, foreign = self.extra.get(key, (None, None))
            surface = text[tok.start : end]
            raws.append(
                Raw(
                    i=i,
                    j=i + length,
                    start=start,
                    end=end,
                    name=name,
                    key=key,
                    cands=self.g.candidates(key),
                    region=region,
                    foreign=foreign,
                    clitic=clitic,
                    span_start=start,
                    span_end=end,
                    frame_i=i,
                    tok_start=tok.start,
                    tanween="\u064b" in surface,
                    whole_frequent=bool(clitic) and tok.norm in self.lex.frequent,
                )
            )
            i += length
        for r in raws:
            if len(r.key) == 1 and r.key[0] in self._cue_names:
                r.cue_word = True  # kept only as a list neighbour for _coordinate
                continue
            self._frame(r, tokens, text)
            self._idafa(r, tokens, text)
            self._partial(r, tokens, text)
        self._coordinate(raws, text)
        return raws

    def _is_cue_word(self, tok: Token) -> bool:
        return bool(self._has(tok, self.qualifier_words)) or tok.norm in self.lex.direction_adjectives

    def _partial(self, r: Raw, tokens: list[Token], text: str) -> None:
        """Is the name only a part of a longer one the gazetteer lacks?

        "قرى تل طيرة" (not the town التل), "جديدة تل كرمة" (not the village كرمة),
        "باب قصر العدل" (a gate, not the town الباب), "مزرعة كوفيان" (a farm named
        like a village), "بلدة علما الشعب" (a two-word town).  Such a part is only
        used when the context places it (see ``Resolver``)."""
        if len(r.key) != 1 or r.region is not None:
            return
        nxt = tokens[r.j] if r.j < len(tokens) else None
        glued_next = nxt is not None and _NAME_GAP.match(text[r.end : nxt.start]) is not None
        free_next = (
            glued_next
            and not self._is_cue_word(nxt)
            and nxt.norm not in self.lex.not_a_name
            and not nxt.is_number
            and not nxt.norm.startswith("و")
        )
        prev = tokens[r.i - 1] if r.i > 0 else None
        if r.key[0] in self.lex.compound_heads and free_next:
            r.partial = True
            if not r.name.startswith(("ال", "أل", "آل")) and not r.clitic.endswith("ال") and r.key not in self.g.bare_keys:
                r.bare_part = True  # "باب تدمر" is never the town الباب
        elif (
            not r.clitic
            and prev is not None
            and _NAME_GAP.match(text[prev.end : r.tok_start])
            and any(word_key(f) in self.lex.compound_heads and f not in self.lex.type_words for f in stems(prev.norm))
            and not prev.norm.startswith("ال")
        ):
            r.partial = True  # "تل كرمة": the tail of a name
        elif r.type_word in self.lex.farm_types:
            r.partial = True  # "مزرعة كوفيان": a farm, maybe named after the village
        elif (
            r.family == "settlement"
            and free_next
            and nxt.norm.startswith("ال")
            and not nxt.norm.startswith(self.lex.participle_starts)  # a participle: "المحاصرة", "المدمرة"
            and not nxt.norm.endswith(self.lex.nisba_endings)  # a nisba adjective: "السورية", "الشرقي"
            and all(c.kind in ("village", "neighbourhood") for c in r.cands)
        ):
            r.partial = True  # "بلدة علما الشعب": a two-word village

    def _idafa(self, r: Raw, tokens: list[Token], text: str) -> None:
        """'كلية المدفعية', 'مزرعة الدواجن': a one-word name followed by a definite
        noun is a common noun in a construct, unless a type word introduced it."""
        if len(r.key) != 1 or r.j >= len(tokens) or r.family is not None:
            return
        nxt = tokens[r.j]
        if not _NAME_GAP.match(text[r.end : nxt.start]) or not nxt.norm.startswith("ال"):
            return
        if nxt.norm in self.lex.mentioned_words:
            r.mentioned = True  # "إلى القريتين المذكورتين": the villages just named
        if self._has(nxt, self.qualifier_words) or nxt.norm in self.lex.direction_adjectives:
            return
        r.idafa = True

    def complete(self, raws: list[Raw], tokens: list[Token], text: str) -> list[Raw]:
        """After filtering: add unknown names, share list cues, link anchors."""
        raws = self._unknown_names(raws, tokens, text)
        self._coordinate(raws, text)
        self.link_anchors(raws, tokens, text)
        return raws

    # ------------------------------------------------------------------ lists

    def _coordinate(self, raws: list[Raw], text: str) -> None:
        """'بلدتي الثعلة والمزرعة': the second name shares the first one's cue."""
        for prev, cur in zip(raws, raws[1:]):
            gap = text[prev.end : cur.tok_start]
            if cur.family is not None or (cur.i != prev.j and "(" not in gap):
                continue  # only an aside in brackets may stand between: "دوما (12 قتيلا) وحمورية"
            if _DASH_GAP.match(gap) and prev.cands and not prev.foreign and not cur.foreign:
                cur.cue = max(cur.cue, 1)  # the other end of a road: "طريق حمص – تدمر"
                continue
            if not _LIST_GAP.match(gap) or not (
                cur.clitic.startswith("و") or "،" in gap or "," in gap or gap.rstrip().endswith("و")
            ):
                continue
            cur.coordinated = True
            cur.cue = max(cur.cue, 1)  # listed with a place: "تل كديش وغنامية"
            if prev.area == "countryside" and cur.area is None and any(c.kind == "governorate" for c in cur.cands):
                cur.area = "countryside"  # "ريف اللاذقية وطرطوس"
            if prev.family in (None, "settlement", "neighbourhood", "camp"):
                cur.family = prev.family
                cur.type_word = prev.type_word
                cur.type_plural = prev.type_plural
                cur.cue = max(cur.cue, prev.cue)
            elif prev.family in ("governorate", "district") and prev.type_word in self.lex.plural_types | self.lex.dual_admin:
                # "محافظتي درعا والقنيطرة": both are governorates
                if any(c.kind == prev.family for c in cur.cands):
                    cur.family, cur.type_word, cur.cue = prev.family, prev.type_word, 2

    # ------------------------------------------------------------------ anchors

    def link_anchors(self, raws: list[Raw], tokens: list[Token], text: str) -> None:
        """'قرية X بريف Y'، 'X شمال Y'، 'X التابعة لناحية Y': Y locates X."""
        for k, r in enumerate(raws):
            for n in raws[k + 1 : k + 3]:
                if n.foreign and n.family is None and not r.foreign and n.i >= r.j:
                    between = tokens[r.j : n.i]
                    if (not between and n.clitic.startswith("ب")) or (
                        between
                        and len(between) <= 4
                        and all(self._has(t, self.qualifier_words) for t in between)
                        and not _SENTENCE_END.search(text[r.end : n.start])
                    ):
                        r.foreign_anchor = n  # "بلدة X في جنوب لبنان"
                    continue
                if n.foreign or n.unknown:
                    continue
                between = tokens[r.j : n.i]
                if not between and n.i == r.j and n.clitic.startswith("ب"):
                    r.anchor = n  # "حي الحويقة بدير الزور"
                    break
                if not between or len(between) > 6:
                    continue
                if _SENTENCE_END.search(text[r.end : n.start]):
                    break
                # "X وفي بلدتي Y" starts a new phrase: Y does not locate X ("وسط", centre, has no و)
                if all(self._has(t, self.qualifier_words) and not self._conjoined(t) for t in between):
                    r.anchor = n
                    r.anchor_inside = all(self._has(t, self.lex.inside_words) for t in between)
                break
        # a list shares the anchor of its last name: "قريتي X وY بريف Z"
        for prev, cur in zip(reversed(raws[:-1]), reversed(raws[1:])):
            if prev.anchor is None and cur.coordinated and cur.i == prev.j and cur.anchor is not None:
                prev.anchor = cur.anchor
