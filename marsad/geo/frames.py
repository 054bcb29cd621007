"""The words around a place name: type words, "ريف", compass words and prepositions before
it, direction adjectives and "وريفها" after it, and names the gazetteer lacks but a type
word announces ("قرية X").

A part of :class:`marsad.geo.scanner.Scanner` (its frame methods), kept apart for size.
"""

from __future__ import annotations

import re

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.lexicon import Lexicon
from marsad.geo.names import word_key
from marsad.geo.raw import (
    _CUE_GAP,
    _LIST_GAP,
    _NAME_GAP,
    Raw,
    _clitic_of,
    _readable,
    _surface_skip,
)
from marsad.text.tokens import Token, stems


class FrameReading:
    """Scanner methods that read the frame of words around a name."""

    lex: Lexicon
    g: Gazetteer
    qualifier_words: frozenset[str]

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
                if form in lex.person_words and steps == 0 and not r.family:
                    r.person = True  # "المدعو أبو عمر الشامي"
                    break
                if (
                    form in lex.type_words
                    and r.family is None
                    and steps == 0
                    and _clitic_of(tok.norm, form).endswith(("ال", "لل"))
                ):
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
            if ntok.norm.startswith("و") or (
                family == "neighbourhood" and not ntok.norm.startswith("ال") and ntok.norm not in self.lex.name_prefixes
            ):
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
            near = (
                before is not None
                and _CUE_GAP.match(text[before.end : tok.start]) is not None
                and any(f in self.lex.near_words for f in stems(before.norm))
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
                if body in self.lex.frequent:
                    break  # "قرى … وكفر سجنة، وتدمير عتاد": a word of the prose ends the list
                skip = _surface_skip(tok.text, 1)
                last = t
                if body in self.lex.name_prefixes and t + 1 < len(tokens) and t + 1 not in starts:
                    t2 = tokens[t + 1]
                    if _NAME_GAP.match(text[tok.end : t2.start]) and t2.norm not in self.lex.not_a_name:
                        last = t + 1  # "وجب حمرة"
                last = self._suffixed(tokens, last, starts, text)
                key = (word_key(body),) + tuple(word_key(tokens[k].norm) for k in range(t + 1, last + 1))
                new = Raw(
                    i=t,
                    j=last + 1,
                    start=tok.start + skip,
                    end=tokens[last].end,
                    name=_readable(text[tok.start + skip : tokens[last].end]),
                    key=key,
                    family=r.family,
                    type_word=r.type_word,
                    cue=2,
                    span_start=tok.start + skip,
                    span_end=tok.end,
                    frame_i=t,
                    unknown=True,
                    coordinated=True,
                    clitic="و",
                    tok_start=tok.start,
                    near=r.near,
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
