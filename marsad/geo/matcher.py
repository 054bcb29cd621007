"""Finding place names in text: spans, clitics and the words around them.

The scan walks the tokens once.  At each token it peels proclitics
(``marsad.text.tokens.stems``), looks the article-less form up in a dict keyed
by the first word of every name, and tries the longest name first.  The words
before a name (type words, "ريف", compass words, "قرب", prepositions) and after
it (direction adjectives, "وريفها") are read into a :class:`Raw` mention; the
resolver turns it into a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.geo.gazetteer import Gazetteer, Place
from marsad.geo.lexicon import Lexicon, Region
from marsad.geo.names import word_key
from marsad.text.normalize import _needs_nfkc, normalize
from marsad.text.tokens import Token, stems, tokenize

__all__ = ["Raw", "Scanner"]

# Between two words of one name: spaces only.
_NAME_GAP = re.compile(r"^\s+$")
# Between a cue and a name: spaces, quotes, brackets.
_CUE_GAP = re.compile(r"^[\s\"'“”«»()\[\]]*$")
# Between coordinated names: "X، Y" or "X و Y", with an aside in brackets allowed ("دوما (12 قتيلا) وحمورية").
_LIST_GAP = re.compile(r"^[\s\"'“”«»]*(?:\([^()\n]{0,30}\))?[\s\"'“”«»]*[،,]?[\s\"'“”«»]*(و\s+)?$")
_SENTENCE_END = re.compile(r"[.!?؟\n؛]")
# Between the two ends of a road: "حمص – تدمر", "(بغداد - دمشق)".
_DASH_GAP = re.compile(r"^[\s\"'“”«»()]*[-–—][\s\"'“”«»()]*$")


@dataclass(slots=True, eq=False)
class Raw:
    """A place name found in text, with what surrounds it."""

    i: int  # first token of the name
    j: int  # token after the name
    start: int  # offset of the name (clitic excluded)
    end: int
    name: str  # readable name, clitic removed
    key: tuple[str, ...]
    cands: list[Place] = field(default_factory=list)
    region: Region | None = None
    foreign: str | None = None
    clitic: str = ""
    family: str | None = None  # from a type word: settlement/governorate/district/...
    type_word: str | None = None  # normalised type word
    cue: int = 0  # 0 none, 1 preposition/list/area, 2 type word
    near: bool = False
    area: str | None = None  # countryside | desert | direction | with_countryside
    direction: str | None = None
    span_start: int = -1
    span_end: int = -1
    frame_i: int = -1  # first token of the words read before the name
    anchor: "Raw | None" = None
    unknown: bool = False  # a name after a type word that the gazetteer lacks
    coordinated: bool = False  # second or later name of a list ("X وY", "X، Y")
    tok_start: int = -1  # offset of the first token, clitics included
    idafa: bool = False  # followed by a definite noun: "كلية المدفعية"
    type_start: int = -1  # offset of the type word before the name
    in_context: bool = False  # found in the title/context, not the text
    tanween: bool = False  # written with tanween fath: "تركياً" is an adjective, not the country
    whole_frequent: bool = False  # the word with its clitic is a frequent word: "بارزة" is not ب + ارزة
    type_plural: bool = False  # the type word is plural ("بلدات")
    list_next: bool = False  # a list goes on after the name ("X، Y" / "X وY")
    outlet: bool = False  # part of a media outlet's name: "شبكة أخبار X", "X 24"
    partial: bool = False  # a part of a longer name the gazetteer lacks: "تل طيرة", "مزرعة كوفيان"
    bare_part: bool = False  # ... written without the article its gazetteer name has ("باب تدمر")
    after_given_name: bool = False  # "حسين علي حميرة": a family name
    foreign_anchor: "Raw | None" = None  # located by a place abroad: "بلدة X في جنوب لبنان"
    cue_word: bool = False  # a one-word "name" that is a cue word ("على", "مدينة"): never kept


def _clitic_of(norm: str, form: str) -> str:
    if norm.endswith(form):
        return norm[: len(norm) - len(form)]
    if form.startswith("ال") and norm.endswith(form[2:]):  # لل + word
        return norm[: len(norm) - len(form) + 2]
    return ""


def _surface_skip(surface: str, n_norm: int) -> int:
    """Characters of ``surface`` that make up its first ``n_norm`` normalised ones."""
    if n_norm <= 0:
        return 0
    count = 0
    for pos, ch in enumerate(surface):
        if _DELETED.match(ch) is None:  # what normalize() would keep
            count += 1
            if count == n_norm:
                return pos + 1
    return len(surface)


def _readable(surface: str) -> str:
    """Surface text without tashkeel/tatweel, spaces collapsed, quotes dropped."""
    out = normalize_readable(surface)
    return out.strip(" \"'“”«»()")


_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]")


def normalize_readable(s: str) -> str:
    return re.sub(r"\s+", " ", _TASHKEEL.sub("", s)).strip()


_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]+")


# Characters normalize() deletes: tashkeel, tatweel, zero-width and bidi marks.
_DELETED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")


class _Tok:
    """A light :class:`marsad.text.tokens.Token` (same fields), cheap to create."""

    __slots__ = ("text", "start", "end", "norm")

    def __init__(self, text: str, start: int, end: int, norm: str) -> None:
        self.text, self.start, self.end, self.norm = text, start, end, norm

    @property
    def is_number(self) -> bool:
        return self.norm.isdigit()

    def __eq__(self, other: object) -> bool:
        return (self.text, self.start, self.end, self.norm) == (
            getattr(other, "text", None), getattr(other, "start", None), getattr(other, "end", None), getattr(other, "norm", None)
        )

    __hash__ = None  # type: ignore[assignment]


def fast_tokenize(text: str) -> list[Token]:
    """Same tokens as :func:`marsad.text.tokens.tokenize`, normalising the text once.

    Deleted marks are first replaced by NUL so that the normalised text keeps
    every offset; a token's norm is its slice without the NULs.  Text that
    normalisation would reshape otherwise (presentation forms, case folding that
    changes length) goes through the word-by-word tokenizer.
    """
    marked = _DELETED.sub("\x00", text)
    norm = normalize(marked, collapse_spaces=False)
    # Presentation forms are reshaped by NFKC even when the length comes out the same
    # ('ﹰ' → ' ً' → ' ': one character, but a space where a word was).
    if len(norm) != len(text) or _needs_nfkc(text):
        return tokenize(text)
    out: list[Token] = []
    add = out.append
    if "\x00" not in norm:  # the common case: nothing was deleted
        for m in _WORD.finditer(text):
            a, b = m.span()
            add(_Tok(m.group(), a, b, norm[a:b]))
        return out
    for m in _WORD.finditer(text):
        a, b = m.span()
        piece = norm[a:b].replace("\x00", "")
        if piece:
            add(_Tok(m.group(), a, b, piece))
    return out


class Scanner:
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

    # ------------------------------------------------------------------ names

    def _starts(self, norm: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """(form, first key word, name lengths) for each clitic-free form of a word
        that begins some name; cached per word."""
        got = self._start_cache.get(norm)
        if got is None:
            # the least peeled reading first: "ولبنان" is و + لبنان, not ول + the village بنان
            forms = sorted(stems(norm), key=len, reverse=True)
            got = tuple(
                (form, word_key(form), self.first[word_key(form)]) for form in forms if word_key(form) in self.first
            )
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
        if self._has(nxt, self.qualifier_words) or nxt.norm in self.lex.direction_adjectives:
            return
        r.idafa = True

    def complete(self, raws: list[Raw], tokens: list[Token], text: str) -> list[Raw]:
        """After filtering: add unknown names, share list cues, link anchors."""
        raws = self._unknown_names(raws, tokens, text)
        self._coordinate(raws, text)
        self.link_anchors(raws, tokens, text)
        return raws

    # ------------------------------------------------------------------ frames

    def _frame(self, r: Raw, tokens: list[Token], text: str) -> None:
        """Read the cue words before and after a name."""
        lex = self.lex
        # an attached ب is locative ("بذيبان"); ل and ف are not ("لضمان" = to ensure)
        if r.clitic.startswith("ب") or r.clitic.startswith(("وب", "فب")):
            r.cue = max(r.cue, 1)
        t = r.i - 1
        steps = 0
        prev_end = r.start
        while t >= 0 and steps < 5:
            tok = tokens[t]
            if not _CUE_GAP.match(text[tok.end : prev_end]):
                break
            hit = ""
            for form in stems(tok.norm):
                if form in lex.outlet_words and steps == 0 and not r.family:
                    r.outlet = True  # "شبكة أخبار الجزيرة السورية"
                    break
                if form in lex.type_words and r.family is None and steps == 0 and _clitic_of(tok.norm, form).endswith(("ال", "لل")):
                    break  # "المدينة الجامعية": a noun and its adjective, not "مدينة X"
                if form in lex.type_words and r.family is None and steps == 0:
                    r.type_plural = form in lex.plural_types
                    r.family, r.type_word, r.cue = lex.type_words[form], form, 2
                    r.type_start = tok.start + _surface_skip(tok.text, len(_clitic_of(tok.norm, form)))
                    hit = "type"
                elif form in lex.area_words and r.area is None:
                    r.area = lex.area_words[form]
                    r.cue = max(r.cue, 1)
                    hit = "area"
                elif form in lex.directions and r.area in (None, "direction"):
                    r.area = "direction"
                    r.direction = lex.directions[form] if r.direction is None else f"{lex.directions[form]}-{r.direction}"
                    r.cue = max(r.cue, 1)
                    hit = "area"
                elif form in lex.direction_adjectives and steps >= 1:  # "الريف الغربي من محافظة X"
                    r.direction = r.direction or lex.direction_adjectives[form]
                    hit = "glue"
                elif form in lex.near_words:
                    r.near = True
                    r.cue = max(r.cue, 1)
                    hit = "near"
                elif form in lex.prepositions or form in lex.glue:
                    if steps == 0 or form in lex.glue:
                        r.cue = max(r.cue, 1)
                    hit = "glue"
                if hit:
                    break
            if not hit:
                break
            if hit in ("area", "near", "type"):
                r.frame_i = t
            if hit == "area":
                clitic = _clitic_of(tok.norm, form)
                if clitic.endswith("ال"):  # keep the article: "الريف الغربي"
                    clitic = clitic[:-2]
                r.span_start = tok.start + _surface_skip(tok.text, len(clitic))
            prev_end = tok.start
            t -= 1
            steps += 1
        if r.area == "direction" and r.direction == "centre":
            r.area, r.direction, r.span_start = None, None, r.start
        if r.near and r.area is None:
            r.span_start = r.start
        if r.i > 0 and not r.clitic:
            prev = tokens[r.i - 1]
            preposition = prev.norm in lex.prepositions and prev.text.endswith("ى")  # "على" is not "علي"
            if prev.norm in lex.given_names and not preposition and _NAME_GAP.match(text[prev.end : r.tok_start]):
                r.after_given_name = True
        # after the name: a list goes on, an outlet's number ("السويداء 24")
        if r.j < len(tokens):
            nxt = tokens[r.j]
            gap = text[r.end : nxt.start]
            r.list_next = bool(_LIST_GAP.match(gap)) and ("،" in gap or "," in gap or nxt.norm.startswith("و"))
            if nxt.norm == "24" and _NAME_GAP.match(gap) and not re.match(r"\s*[/:\-–]", text[nxt.end : nxt.end + 3]):
                r.outlet = True
        # after the name: "الجنوبي", "الشمالي الشرقي", "وريفها"
        t = r.j
        adjs: list[str] = []
        end = r.end
        while t < len(tokens) and len(adjs) < 2:
            tok = tokens[t]
            if not _NAME_GAP.match(text[end : tok.start]):
                break
            if tok.norm in lex.direction_adjectives:
                adjs.append(lex.direction_adjectives[tok.norm])
                end = tok.end
                t += 1
                continue
            if not adjs and any(f in lex.with_countryside for f in stems(tok.norm)) and tok.norm.startswith("و"):
                r.area = r.area or "with_countryside"
                r.span_end = tok.end
            break
        if adjs and (r.area in ("countryside", "desert") or self._is_governorate_itself(r)):
            if r.area is None:
                r.area = "countryside"
            r.direction = adjs[0] if len(adjs) == 1 else f"{adjs[0]}-{adjs[1]}"
            r.span_end = end
            r.cue = max(r.cue, 1)

    def _is_governorate_itself(self, r: Raw) -> bool:
        """'ريف دمشق' is a governorate whose name already says 'countryside'."""
        return bool(r.key and r.key[0] in self.lex.countryside_heads and any(c.kind == "governorate" for c in r.cands))

    # ------------------------------------------------------------------ unknown names

    def _unknown_names(self, raws: list[Raw], tokens: list[Token], text: str) -> list[Raw]:
        """Names after "قرية/بلدة/حي/مخيم/مزرعة" that the gazetteer lacks."""
        starts = {r.i for r in raws}
        covered = set()
        for r in raws:
            covered.update(range(r.frame_i, r.j))
        out = list(raws)
        cache = self._type_cache
        for t, tok in enumerate(tokens[:-1]):
            form = cache.get(tok.norm, "")
            if form == "":
                form = cache[tok.norm] = self._has(tok, self.lex.unknown_name_types) if len(cache) < 200_000 else None
            if form is None or _clitic_of(tok.norm, form).endswith(("ال", "لل")):
                continue
            nxt = t + 1
            if nxt in starts or nxt in covered:
                continue
            ntok = tokens[nxt]
            if not _CUE_GAP.match(text[tok.end : ntok.start]) or ntok.norm in self.lex.not_a_name or ntok.is_number:
                continue
            if self._has(ntok, self.qualifier_words) or (len(ntok.norm) < 3 and ntok.norm not in self.lex.name_prefixes):
                continue
            family = self.lex.type_words.get(form, "settlement")
            if ntok.norm.startswith("و") or (family == "neighbourhood" and not ntok.norm.startswith("ال") and ntok.norm not in self.lex.name_prefixes):
                continue  # "حي وتنظيفه": "حي" is not always a neighbourhood
            last = nxt
            if ntok.norm in self.lex.name_prefixes and nxt + 1 < len(tokens) and nxt + 1 not in starts:
                t2 = tokens[nxt + 1]
                if _NAME_GAP.match(text[ntok.end : t2.start]) and t2.norm not in self.lex.not_a_name:
                    last = nxt + 1
            last = self._suffixed(tokens, last, starts, text)
            start = ntok.start
            if family == "neighbourhood":
                skip = _surface_skip(tok.text, len(_clitic_of(tok.norm, form)))
                start = tok.start + skip
            end = tokens[last].end
            before = tokens[t - 1] if t > 0 else None
            near = before is not None and _CUE_GAP.match(text[before.end : tok.start]) is not None and any(
                f in self.lex.near_words for f in stems(before.norm)
            )  # "قرب قرية X"
            out.append(
                Raw(
                    i=nxt,
                    j=last + 1,
                    start=start,
                    end=end,
                    name=_readable(text[start:end]),
                    key=tuple(word_key(tokens[k].norm) for k in range(nxt, last + 1)),
                    family=family,
                    type_word=form,
                    cue=2,
                    span_start=start,
                    span_end=end,
                    frame_i=t,
                    unknown=True,
                    tok_start=ntok.start,
                    near=near,
                )
            )
        out.sort(key=lambda r: r.i)
        # "بلدتي الرستن والسعن": an unknown name listed after a typed one
        starts = {r.i for r in out}
        extra: list[Raw] = []
        for r in out:
            if r.family != "settlement":
                continue
            t = r.j
            prev = r
            while t < len(tokens) and t not in starts and len(extra) < 50:
                tok = tokens[t]
                if not tok.norm.startswith("و") or (len(tok.norm) < 4 and tok.norm[1:] not in self.lex.name_prefixes):
                    break
                if not _LIST_GAP.match(text[prev.end : tok.start]):
                    break
                body = tok.norm[1:]
                if body in self.lex.not_a_name or self._has(tok, self.qualifier_words) or body in self.lex.type_words:
                    break
                skip = _surface_skip(tok.text, 1)
                last = t
                if body in self.lex.name_prefixes and t + 1 < len(tokens) and t + 1 not in starts:
                    t2 = tokens[t + 1]
                    if _NAME_GAP.match(text[tok.end : t2.start]) and t2.norm not in self.lex.not_a_name:
                        last = t + 1  # "وجب حمرة"
                last = self._suffixed(tokens, last, starts, text)
                key = (word_key(body),) + tuple(word_key(tokens[k].norm) for k in range(t + 1, last + 1))
                new = Raw(
                    i=t, j=last + 1, start=tok.start + skip, end=tokens[last].end,
                    name=_readable(text[tok.start + skip : tokens[last].end]), key=key, family=r.family,
                    type_word=r.type_word, cue=2, span_start=tok.start + skip, span_end=tok.end,
                    frame_i=t, unknown=True, coordinated=True, clitic="و", tok_start=tok.start, near=r.near,
                )
                extra.append(new)
                prev = new
                t = last + 1
        if extra:
            out = sorted(out + extra, key=lambda r: r.i)
        return out

    def _suffixed(self, tokens: list[Token], last: int, starts: set[int], text: str) -> int:
        """Extend an unknown name over a last word of names ("ديرونا آغا")."""
        nxt = last + 1
        if nxt < len(tokens) and nxt not in starts and tokens[nxt].norm in self.lex.name_suffixes:
            if _NAME_GAP.match(text[tokens[last].end : tokens[nxt].start]):
                return nxt
        return last

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
            if not _LIST_GAP.match(gap) or not (cur.clitic.startswith("و") or "،" in gap or "," in gap or gap.rstrip().endswith("و")):
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
                        between and len(between) <= 4 and all(self._has(t, self.qualifier_words) for t in between)
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
                # "X وفي بلدتي Y" starts a new phrase: Y does not locate X
                if all(self._has(t, self.qualifier_words) and not t.norm.startswith("و") for t in between):
                    r.anchor = n
                break
        # a list shares the anchor of its last name: "قريتي X وY بريف Z"
        for prev, cur in zip(reversed(raws[:-1]), reversed(raws[1:])):
            if prev.anchor is None and cur.coordinated and cur.i == prev.j and cur.anchor is not None:
                prev.anchor = cur.anchor
