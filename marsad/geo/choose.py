"""Choosing the place a name stands for, and how precisely (SPEC §2 geo_precision).

Evidence, strongest first (weights are the named constants below):

1. an anchor right after the name: "قرية X بريف Y"، "X شمال Y"، "X التابعة لناحية Y";
2. governorates, districts and sub-districts the same sentence names, then the
   article (and its title);
3. closeness to other places the article names without ambiguity;
4. a prior: city > town > village, OCHA community > GeoNames-only row, population.

Names that are also ordinary words (``common_words.yaml``) are kept only with
the cue they need (a type word, or a preposition/list).
"""

from __future__ import annotations

import bisect
import re

from marsad.geo.gazetteer import Gazetteer, Place, haversine_km
from marsad.geo.lexicon import Lexicon
from marsad.geo.names import word_key
from marsad.geo.raw import Raw
from marsad.geo.scoring import (
    _DASH_PAIR,
    _FAMILY_KIND,
    _SENT_END,
    ANCHOR_CITY_KM,
    ANCHOR_KM,
    CONFIDENT_MARGIN,
    LIST_KM,
    NEAR_KM,
    PRIOR_CAPITAL,
    PRIOR_KIND,
    PRIOR_OCHA,
    PRIOR_POPULATION,
    PROMINENT_KINDS,
    SAME_PLACE_KM,
    SETTLEMENT_LIKE,
    W_ANCHOR,
    W_ANCHOR_CLOSE,
    W_ANCHOR_MISS,
    W_DIRECTION,
    W_DIST_ARTICLE,
    W_DIST_SENTENCE,
    W_GOV_ARTICLE,
    W_GOV_SENTENCE,
    W_NEAR_ARTICLE,
    W_NEAR_SENTENCE,
    Choice,
    _Evidence,
    _in_direction,
    _is_foreign,
    _normalize_name,
    to_location,
)
from marsad.geo.spellings import SpellingChoices
from marsad.text.normalize import normalize

__all__ = ["Choice", "Resolver", "to_location"]


class Resolver(SpellingChoices):
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.g = gazetteer
        self.lex = lexicon
        self._first_keys: dict[str, list[tuple[str, ...]]] | None = None
        self._gov_keys: dict[str, tuple] = {}
        self._gov_names: dict[str, dict[str, tuple[str, ...]]] | None = None  # governorate -> joined name -> key
        self._near_lengths: dict[tuple[str, int], list[str]] = {}  # (governorate, length) -> names of about that length
        # "قضاء" and its forms, with any clitics: only these words are normalised
        stems_ = sorted({w[:3] for w in lexicon.abroad_words if len(w) >= 3})
        self._abroad_re = re.compile(r"(?<!\w)\w{0,3}?(" + "|".join(map(re.escape, stems_)) + r")\w*") if stems_ else None
        self._cue_vocab = frozenset(
            word_key(w) for w in lexicon.all_qualifier_words | frozenset(lexicon.type_words) | lexicon.prepositions
        )

    # ------------------------------------------------------------------ gating

    def keep(self, r: Raw) -> bool:
        """Drop names that are ordinary words unless a cue vouches for them."""
        if r.outlet or r.person or r.cue_word or r.mentioned:
            return False  # "شبكة أخبار الجزيرة السورية", "السويداء 24"; "المدعو أبو عمر"; "مدينة" alone; "القريتين المذكورتين"
        if r.unknown:
            return True
        if r.foreign and r.tanween and not r.family:
            return False  # "تصعيداً تركياً": an adjective
        if _is_foreign(r):
            return True
        if r.region is not None:
            return True
        if not r.cands:
            return False
        if r.after_given_name and r.cue < 2:
            return False  # "حسين علي حميرة": a family name
        if r.whole_frequent or r.bare_part:
            return False  # "بارزة" is not ب + ارزة; "باب تدمر" is a gate
        if r.family == "governorate" and not any(c.kind == "governorate" for c in r.cands):
            return False  # "محافظة النبطية", "بعدة محافظات دعما": no Syrian governorate
        key = r.key
        single = len(key) == 1
        prominent = any(c.kind in PROMINENT_KINDS for c in r.cands)
        need = 0
        if single and key[0] in self._cue_vocab:
            # "مدينة", "الشرقي", "قرب" are cues, never names; a farm ("مزرعة")
            # may be a village after a type word: "بلدتي الثعلة والمزرعة"
            return key[0] in self.lex.farm_names and r.cue >= 2 and (r.coordinated or r.type_word is not None)
        if key in self.lex.need_type_word:
            need = 2
            if r.idafa:
                return False
        elif single and (len(key[0]) <= 2 or (r.clitic and len(key[0]) <= 3)) and not prominent:
            need = 2  # "لدى" is not ل + the village دى
        elif single and not prominent and len(key[0]) <= 4 and r.clitic[-1:] in ("ب", "ل", "ك") and not r.name.startswith("ال"):
            need = 2  # a short village read by peeling a letter off a word: "بارزة" is not ب + ارزة
        elif key in self.lex.need_cue:
            need = 1
        elif single and not prominent:
            need = 1
        if r.key not in self.g.bare_keys and not r.clitic.endswith("ال") and not r.name.startswith(("ال", "أل", "آل")):
            need = max(need, 1)  # "بعد وقت قصير" is not the town القصير
        cue = r.cue
        if r.family == "district" and not any(c.kind == "district" for c in r.cands):
            cue = min(cue, 1)  # "منطقة العمارة": "منطقة" is a word here, not the district type
        if single and self._frequent(r):
            if prominent:
                need = max(need, 1)
            else:
                need = 2  # "في مشهد غير مسبوق", "كان": a type word must say it is a place
                if r.type_plural and not (r.list_next or r.coordinated):
                    cue = min(cue, 1)  # "خمس قرى كان التنظيم قد استولى عليها"
            if r.idafa and r.family is None:
                return False
        if r.clitic[:1] in ("و", "ف") and not r.coordinated and r.family is None:
            cue = 0  # "وزارة" is a word, not و + the village زارة
        if r.area in ("countryside", "desert", "with_countryside"):
            cue = max(cue, 2)
        return cue >= need

    def _frequent(self, r: Raw) -> bool:
        """The name as written is a frequent word of news prose (frequent_words.yaml)."""
        freq = self.lex.frequent
        if r.key[0] in freq:
            return True
        return _normalize_name(r.name) in freq

    # ------------------------------------------------------------------ main

    def resolve(self, text: str, raws: list[Raw], context: list[Raw]) -> list[Choice | None]:
        ends = [m.end() for m in _SENT_END.finditer(text)]

        def sid(offset: int) -> int:
            return bisect.bisect_right(ends, offset)

        ev = _Evidence()
        for r in context:
            self._collect(r, -1, -10_000, ev)
        for r in raws:
            self._collect(r, sid(r.start), r.start, ev)
        gov_mode = self._gov_modes(raws + context)

        ev.raws = raws
        choices: list[Choice | None] = [None] * len(raws)
        index = {id(r): k for k, r in enumerate(raws)}
        # anchors come after the name: resolve right to left
        for k in range(len(raws) - 1, -1, -1):
            choices[k] = self._resolve_one(raws[k], sid(raws[k].start), ev, gov_mode, choices, index, [])
        # second pass: ambiguous names, helped by the places resolved without doubt
        points = [
            (sid(r.start), c.place)
            for r, c in zip(raws, choices)
            if c and c.place and not c.ambiguous and c.place.kind in SETTLEMENT_LIKE
        ]
        for k, r in enumerate(raws):
            c = choices[k]
            if c and c.ambiguous:
                others = [(s, p) for s, p in points if p is not c.place]
                choices[k] = self._resolve_one(r, sid(r.start), ev, gov_mode, choices, index, others)
        self._list_fit(raws, choices, sid)
        self._list_point(raws, choices, sid)
        self._anchor_governorates(raws, choices, index)
        self._abroad(text, raws, choices, sid, ev)
        return choices

    def _anchor_governorates(self, raws: list[Raw], choices: list[Choice | None], index: dict[int, int]) -> None:
        """ "مدينة الحارة في درعا": a governorate's name that places a town outside its chief
        city is the governorate (and so no place of the town's event), not the city."""
        for k, r in enumerate(raws):
            a = r.anchor
            c = choices[k]
            if a is None or not r.anchor_inside or id(a) not in index or c is None or c.place is None:
                continue
            if c.precision != 1 or c.place.kind not in SETTLEMENT_LIKE:
                continue
            j = index[id(a)]
            ca = choices[j]
            city = ca.place if ca is not None else None
            if city is None or city.kind != "city" or a.family is not None or a.area is not None:
                continue
            govs = [g for g in a.cands if g.kind == "governorate" and g.id == city.admin1_id]
            if (
                govs
                and c.place.admin1_id == city.admin1_id
                and haversine_km(c.place.lat, c.place.lon, city.lat, city.lon) > ANCHOR_CITY_KM
            ):
                choices[j] = Choice(
                    govs[0],
                    3,
                    "governorate",
                    f"'{a.name}' places {c.place.name_en} ({c.place.id}), outside its city: governorate {govs[0].id}, precision 3",
                )

    def _list_point(self, raws: list[Raw], choices: list[Choice | None], sid) -> None:
        """A village the gazetteer lacks, named in a list of villages it has ("قرى نعمان
        وبتاجك وعرب جودك"), lies beside them: the point of the nearest member named before
        it (else after it) is nearer than that of the district or area the sentence names
        (SPEC §2: the nearest place the text names); with no such area, the list still
        places it."""

        def settled(j: int) -> Place | None:
            c = choices[j]
            return c.place if c is not None and c.place is not None and c.place.kind in SETTLEMENT_LIKE else None

        for k, r in enumerate(raws):
            c = choices[k]
            if r.family != "settlement" or (c is None and not (r.unknown and r.type_word in self.lex.plural_types)):
                continue  # unlocated, only a member of "قرى X وY وZ" (not "مدينة الرقة، وهما …")
            if c is not None and (c.place is not None or c.via is None or c.via.kind in SETTLEMENT_LIKE):
                continue  # a town the sentence places it near ("قرب بلدة تل تمر") is a nearer point
            mate = None
            j = k
            while mate is None and raws[j].coordinated and j > 0 and sid(raws[j - 1].start) == sid(r.start):
                j -= 1
                mate = settled(j)
            j = k
            while mate is None and j + 1 < len(raws) and raws[j + 1].coordinated and sid(raws[j + 1].start) == sid(r.start):
                j += 1
                mate = settled(j)
            if mate is not None and (c is None or mate is not c.via):
                choices[k] = Choice(
                    None,
                    2,
                    c.kind if c is not None else "village",
                    f"'{r.name}' is not in the gazetteer: point of {mate.id} {mate.name_en}, named beside it in a list, precision 2",
                    via=mate,
                )

    def _list_fit(self, raws: list[Raw], choices: list[Choice | None], sid) -> None:
        """The villages of one list lie together ("جابت قرى تل كديش وغنامية وكربطلي").

        A member whose row lies far from the list's other members is a row of that
        spelling elsewhere; a row spelled a little differently beside them is the one.
        """
        for k, r in enumerate(raws):
            c = choices[k]
            if c is None or c.place is None or c.place.kind != "village" or r.anchor is not None:
                continue
            mates = [
                choices[j].place  # type: ignore[union-attr]
                for j, joined in (
                    (k - 1, r.coordinated and k > 0 and raws[k - 1].list_next),
                    (k + 1, r.list_next and k + 1 < len(raws) and raws[k + 1].coordinated),
                )
                if joined
                and choices[j] is not None
                and choices[j].place is not None  # type: ignore[union-attr]
                and choices[j].place.kind in SETTLEMENT_LIKE
                and sid(raws[j].start) == sid(r.start)  # type: ignore[union-attr]
            ]
            if not mates or any(haversine_km(c.place.lat, c.place.lon, m.lat, m.lon) <= NEAR_KM for m in mates):
                continue
            near = []
            for sim, p, how in self._variants(r, {m.admin1_id for m in mates}, None).values():
                d = min(haversine_km(p.lat, p.lon, m.lat, m.lon) for m in mates)
                if d <= LIST_KM and p.kind == "village":
                    near.append((d, p.id, p, how))
            if near:
                d, _, p, how = min(near)
                choices[k] = Choice(
                    p,
                    c.precision,
                    p.kind,
                    f"{p.id} {p.name_en} ({p.hierarchy}): '{r.name}' is {how}, {d:.0f} km from the other places of its list ({c.place.id} lies far from them)",
                )

    def _abroad_word(self, m: re.Match, text: str) -> bool:
        """'قضاء بنت جبيل', 'بقضاء حاصبيا': the admin word of Lebanon/Iraq before a
        proper name (not 'القضاء' = the judiciary, not 'قضاء الوقت' = spending time)."""
        w = normalize(m.group())
        if not any(w[k:] in self.lex.abroad_words and not w[:k].endswith(("ال", "لل")) for k in range(0, min(4, len(w)))):
            return False
        nxt = re.match(r"\s+(\w+)", text[m.end() : m.end() + 40])
        if nxt is None:
            return False
        n = normalize(nxt.group(1))
        return not n.startswith("ال") and n not in self.lex.frequent and word_key(n) not in self._cue_vocab

    def _abroad(self, text: str, raws: list[Raw], choices: list[Choice | None], sid, ev: _Evidence) -> None:
        """Places of sentences about somewhere abroad, and road names.

        * In a sentence that locates something abroad ("قضاء بنت جبيل", "جنوبي
          لبنان", a foreign city), a village-level name with no Syrian anchor and
          no Syrian governorate/district in the sentence is the foreign place of
          that name: marked foreign.
        * "(بغداد – دمشق)": a Syrian city joined by a dash to a place abroad
          names a highway, not where something happened: dropped.
        """
        abroad: set[int] = set()
        if not any(r.foreign for r in raws) and (self._abroad_re is None or not self._abroad_re.search(text)):
            return
        for r in raws:
            # a foreign place written as a location ("في بيروت", "محافظة الموصل", "جنوبي لبنان"),
            # not as a government ("أعلنت موسكو") or a country in general ("الحدود مع العراق")
            locator = r.cue >= 1 or r.family is not None or r.near or r.area == "direction"
            if _is_foreign(r) and locator and (r.key not in self.lex.countries or r.area == "direction"):
                abroad.add(sid(r.start))
        if self._abroad_re is not None:
            for m in self._abroad_re.finditer(text):
                if self._abroad_word(m, text):
                    abroad.add(sid(m.start()))
        for k, (r, c) in enumerate(zip(raws, choices)):
            if c is None or c.kind == "foreign":
                continue
            s = sid(r.start)
            if r.foreign_anchor is not None and r.anchor is None and not (c.place and c.place.kind in ("city", "governorate")):
                choices[k] = Choice(None, 0, "foreign", f"'{r.name}' is located by '{r.foreign_anchor.name}', abroad")
                continue
            if (
                s in abroad
                and r.anchor is None
                and r.family not in ("neighbourhood",)
                and (c.place is None or c.place.kind in ("village", "neighbourhood", "site"))
            ):
                others = [o for o in raws if o is not r and not o.foreign and sid(o.start) == s and o.cands]
                local = any(
                    sent == s and off != r.start and not any(o.start == off and o.foreign for o in raws)
                    for sent, off, level, uid in ev.items
                ) and bool(others)
                if not local:
                    choices[k] = Choice(
                        None, 0, "foreign", f"'{r.name}': its sentence is about a place abroad and names no Syrian area"
                    )
        for k in range(len(raws) - 1):
            a, b = raws[k], raws[k + 1]
            if not _DASH_PAIR.match(text[a.end : b.tok_start]):
                continue
            ca, cb = choices[k], choices[k + 1]
            fa = ca is not None and ca.kind == "foreign"
            fb = cb is not None and cb.kind == "foreign"
            if fa and cb is not None and not fb:
                choices[k + 1] = None
            elif fb and ca is not None and not fa:
                choices[k] = None

    # ------------------------------------------------------------------ evidence

    def _collect(self, r: Raw, sentence: int, offset: int, ev: _Evidence) -> None:
        if r.foreign or r.unknown or r.partial:
            return
        cands = r.cands
        if r.region is not None:
            p = self.g.get(r.region.place_id)
            cands = [p] if p else []
        if not cands:
            return
        a1 = {c.admin1_id for c in cands}
        if len(a1) == 1:
            ev.add(sentence, offset, "admin1", next(iter(a1)))
        a2 = {c.admin2_id for c in cands if c.kind != "governorate"}
        if len(a2) == 1 and all(c.kind != "governorate" for c in cands) or (len(a2) == 1 and r.family == "district"):
            ev.add(sentence, offset, "admin2", next(iter(a2)))
        a3 = {c.admin3_id for c in cands if c.kind not in ("governorate", "district")}
        if r.family == "subdistrict" and len(a3) == 1:
            ev.add(sentence, offset, "admin3", next(iter(a3)))

    def _gov_modes(self, raws: list[Raw]) -> dict[tuple[str, ...], str]:
        """Per governorate name: does the article mean the governorate or its city?

        The governorate when the article says "محافظة X", never "مدينة X", and
        names other places of that governorate or says "محافظة X" twice;
        otherwise the city.
        """
        city: set[tuple[str, ...]] = set()
        gov: dict[tuple[str, ...], str] = {}
        said: dict[tuple[str, ...], int] = {}  # how often "محافظة X" is written
        local: set[str] = set()  # governorates of the other places named
        for r in raws:
            govs = [c for c in r.cands if c.kind == "governorate"]
            if not govs:
                a1 = {c.admin1_id for c in r.cands}
                if len(a1) == 1 and not r.foreign:
                    local.update(a1)
                continue
            if r.family == "governorate":
                gov[r.key] = govs[0].id
                said[r.key] = said.get(r.key, 0) + 1
            elif r.family in ("settlement", "neighbourhood") or r.near:
                city.add(r.key)
        return {k: "governorate" for k, gid in gov.items() if k not in city and (gid in local or said[k] >= 2)}

    # ------------------------------------------------------------------ one mention

    def _resolve_one(self, r, sentence, ev, gov_mode, choices, index, points) -> Choice | None:
        if _is_foreign(r):
            return Choice(None, 0, "foreign", f"'{r.foreign}' is outside Syria (foreign.yaml)")
        if r.region is not None:
            p = self.g.get(r.region.place_id)
            if p is None:
                return None
            return Choice(
                p,
                r.region.precision,
                "area",
                f"named region '{r.region.name}' → {p.id} {p.name_en} (areas.yaml: {r.region.note})",
            )
        anchor_choice = choices[index[id(r.anchor)]] if r.anchor is not None and id(r.anchor) in index else None
        anchor = anchor_choice.place if anchor_choice else None
        point = anchor  # where an unknown name is put
        if anchor is not None and r.anchor.area in ("countryside", "desert") and anchor.is_admin and anchor.admin1_id:
            # "ريف دير الزور الشرقي" stands on one district but spans the governorate's east
            anchor = self.g.get(anchor.admin1_id) or anchor
        if r.unknown:
            return self._unknown(r, anchor, point, ev, sentence, points)

        govs = [c for c in r.cands if c.kind == "governorate"]
        if govs and r.family in (None, "governorate") and r.area in ("countryside", "desert"):
            return self._gov_area(r, govs[0])
        if govs and r.family == "governorate":
            return Choice(govs[0], 3, "governorate", f"'محافظة {r.name}': governorate {govs[0].id}, precision 3")
        if govs and not [c for c in r.cands if not c.is_admin]:
            # a governorate with no city of its name ("ريف دمشق")
            return Choice(govs[0], 3, "governorate", f"governorate {govs[0].id} {govs[0].name_en}, precision 3")
        if govs and r.family is None and not r.near and r.area is None and gov_mode.get(r.key) == "governorate":
            return Choice(
                govs[0], 3, "governorate", f"the article speaks of 'محافظة {r.name}': governorate {govs[0].id}, precision 3"
            )

        if r.family == "neighbourhood":
            got = self._neighbourhood(r, anchor, ev, sentence, points)
            if got is not None:
                return got
        cands = self._filter(r)
        if not cands:
            return None
        scored = [(self._score(c, r, sentence, ev, anchor, points), c) for c in cands]
        scored.sort(key=lambda t: (-t[0][0], t[1].id))
        (best_score, why), best = scored[0]
        if anchor is not None and self._anchor_fit(best, anchor) == 0:
            alt = self._near_spelling(r, anchor, ev, sentence, points)
            if alt is not None:
                return alt
            locates = (
                r.anchor.area in ("countryside", "desert", "direction")
                or r.anchor.near
                or r.anchor.clitic.startswith("ب")
                or r.anchor_inside
                or (r.anchor.family in ("governorate", "district", "subdistrict"))
            )  # "من X إلى Y" does not put X in Y
            far = point is not None and all(haversine_km(c.lat, c.lon, point.lat, point.lon) > ANCHOR_KM for c in cands)
            # a village just across a governorate line is still that village (news and
            # the admin map disagree near borders); one far away is another place
            if locates and far and not any(c.kind in ("city", "governorate", "district") for c in cands):
                # "بادية الحمى غرب مدينة الرقة": no row of that name lies there
                kind = "area" if r.area else (r.family if r.family in ("neighbourhood", "camp") else "village")
                prec = 3 if point.kind == "governorate" else 2
                return Choice(
                    None,
                    prec,
                    kind,
                    f"no '{r.name}' in the gazetteer near '{r.anchor.name}': point of {point.id} {point.name_en}, precision {prec}",
                    via=point,
                )
        if r.partial and not self._supported(best, r, sentence, ev, anchor):
            # "مزرعة كوفيان", "تل كرمة": a part of a longer name, placed nowhere near
            if point is not None:
                return Choice(
                    None,
                    2,
                    "village",
                    f"'{r.name}' names a place the gazetteer lacks: point of '{r.anchor.name}' ({point.id} {point.name_en}), precision 2",
                    via=point,
                )
            return None
        distinct = [c for _, c in scored if haversine_km(c.lat, c.lon, best.lat, best.lon) > SAME_PLACE_KM]
        ambiguous = bool(distinct)
        margin = best_score - max((s for (s, _), c in scored if c in distinct), default=best_score)
        if ambiguous and margin >= CONFIDENT_MARGIN:
            ambiguous = False

        precision = 1
        kind = best.kind
        if best.kind == "governorate":
            precision = 3
        elif best.kind in ("district", "subdistrict"):
            precision = 2
        place = best
        notes = [why]
        if r.area == "with_countryside" and govs:
            place, precision, kind = govs[0], 3, "area"
            notes.append(f"'{r.name} وريفها' → governorate {govs[0].id}")
        elif r.area in ("with_countryside", "countryside", "desert"):
            # "ريف مدينة جبلة", "منبج وريفها": the town the text names, precision 2
            # (SPEC §2: the coordinates of the nearest named place), as ACLED
            # codes "the area around X": X with geo-precision 2.
            kind = "area"
            precision = 2
            notes.append(f"around {best.name_en}: its point, precision 2")
        elif r.area == "direction":
            precision, kind = 2, "area"
            notes.append(f"{r.direction} of {best.name_en}: precision 2")
        if r.near and precision < 2:
            precision = 2
            notes.append("near/around it: precision 2")
        n_other = len({c.id for c in cands}) - 1
        head = f"{place.id} {place.name_en} ({place.hierarchy})"
        if n_other:
            head += f", chosen over {n_other} other row(s) of this name"
        return Choice(place, precision, kind, head + ": " + "; ".join(n for n in notes if n), ambiguous=ambiguous)

    # ------------------------------------------------------------------ pieces

    def _filter(self, r: Raw) -> list[Place]:
        """Rows a type word allows ("منطقة X" → districts); else settlements before admin rows."""
        kind = _FAMILY_KIND.get(r.family or "")
        if kind:
            got = [c for c in r.cands if c.kind == kind]
            if got:
                return got
        non_admin = [c for c in r.cands if not c.is_admin]
        if r.family in (None, "settlement"):
            # "بلدة نصيب", "في أطمة": the town, not the crossing named after it
            towns = [c for c in non_admin if c.kind != "site"]
            non_admin = towns or non_admin
        return non_admin or [c for c in r.cands if c.kind != "governorate"] or r.cands

    def _score(self, c: Place, r: Raw, sentence: int, ev: _Evidence, anchor: Place | None, points) -> tuple[float, str]:
        s = PRIOR_KIND.get(c.kind, 0.0)
        why: list[str] = []
        if c.id.startswith("C"):
            s += PRIOR_OCHA
        if c.population:
            s += PRIOR_POPULATION
        s += PRIOR_CAPITAL.get(c.feature_code, 0.0)
        if anchor is not None:
            hit = self._anchor_fit(c, anchor)
            if hit > 0:
                s += W_ANCHOR * hit
                why.append(f"located by '{r.anchor.name}' ({anchor.name_en})")
                if not anchor.is_admin:  # of two rows near the town, the nearer
                    s += W_ANCHOR_CLOSE * max(0.0, 1 - haversine_km(c.lat, c.lon, anchor.lat, anchor.lon) / ANCHOR_KM)
                    if r.anchor.area == "direction" and r.anchor.direction:
                        fits = _in_direction(c, anchor, r.anchor.direction)
                        s += W_DIRECTION if fits else -W_DIRECTION
                        why.append(f"{'' if fits else 'not '}{r.anchor.direction} of {anchor.name_en}")
            elif anchor.kind == "governorate" or anchor.kind == "district":
                s += W_ANCHOR_MISS
        best_a1 = best_a2 = 0.0
        for sent, off, level, uid in ev.items:
            if off == r.start:
                continue  # a name is no evidence for itself
            same = sent == sentence
            if level == "admin1" and uid == c.admin1_id:
                best_a1 = max(best_a1, W_GOV_SENTENCE if same else W_GOV_ARTICLE)
            elif level in ("admin2", "admin3") and uid in (c.admin2_id, c.admin3_id):
                best_a2 = max(best_a2, W_DIST_SENTENCE if same else W_DIST_ARTICLE)
        if best_a1:
            why.append(f"{c.admin1_en} named in the {'sentence' if best_a1 == W_GOV_SENTENCE else 'article'}")
        if best_a2:
            why.append(f"{c.admin2_en} district named")
        s += best_a1 + best_a2
        near_best = 0.0
        near_name = ""
        for sent, p in points:
            if p.id == c.id:
                continue
            d = haversine_km(c.lat, c.lon, p.lat, p.lon)
            if d < NEAR_KM:
                w = (W_NEAR_SENTENCE if sent == sentence else W_NEAR_ARTICLE) * (1 - d / NEAR_KM)
                if w > near_best:
                    near_best, near_name = w, f"{d:.0f} km from {p.name_en}"
        if near_best:
            s += near_best
            why.append(near_name)
        return s, ", ".join(why) or "most prominent row of this name"

    def _supported(self, c: Place, r: Raw, sentence: int, ev: _Evidence, anchor: Place | None) -> bool:
        """Does the context place ``c``: its anchor, or its governorate or district named in the sentence?"""
        if anchor is not None:
            return self._anchor_fit(c, anchor) > 0
        for sent, off, level, uid in ev.items:
            if sent == sentence and off != r.start and uid in (c.admin1_id, c.admin2_id, c.admin3_id):
                return True
        return False

    @staticmethod
    def _anchor_fit(c: Place, a: Place) -> float:
        if a.kind == "governorate":
            return 1.0 if c.admin1_id == a.id else 0.0
        if a.kind == "district":
            return 1.0 if c.admin2_id == a.id else (0.3 if c.admin1_id == a.admin1_id else 0.0)
        if a.kind == "subdistrict":
            return 1.0 if c.admin3_id == a.id else (0.5 if c.admin2_id == a.admin2_id else 0.0)
        d = haversine_km(c.lat, c.lon, a.lat, a.lon)
        if c.admin1_id == a.admin1_id:
            return 1.0 if d < ANCHOR_KM else 0.6
        return max(0.0, 1 - d / ANCHOR_KM)

    def _gov_area(self, r: Raw, gov: Place) -> Choice:
        lex = self.lex
        if r.area == "desert" and r.direction:
            pid = lex.desert.get(gov.id)
            p = self.g.get(pid) if pid else None
            if p is not None:
                return Choice(p, 2, "area", f"'{r.name}': desert of {gov.name_en} → {p.id} {p.name_en} (areas.yaml), precision 2")
            return Choice(gov, 3, "area", f"'{r.name}': desert of {gov.name_en}, governorate point, precision 3")
        if not r.direction:
            # "بادية دير الزور", "ريف دير الزور": the governorate, as the countryside of it
            what = "desert" if r.area == "desert" else "countryside"
            return Choice(
                gov,
                3,
                "area",
                f"'{r.name}': {what} of {gov.name_en} without a direction → governorate {gov.id}, precision 3",
            )
        table = lex.countryside.get(gov.id, {})
        pid = table.get(r.direction) or table.get(r.direction.split("-")[0])
        p = self.g.get(pid) if pid else None
        if p is None:
            p = self._central_district(gov)
        if p is None:
            return Choice(gov, 3, "area", f"'{r.name}': no district known for that part of {gov.name_en}, precision 3")
        return Choice(
            p, 2, "area", f"'{r.name}': {r.direction} countryside of {gov.name_en} → {p.id} {p.name_en} (areas.yaml), precision 2"
        )

    def _central_district(self, gov: Place) -> Place | None:
        for p in self.g.places:
            if p.kind == "district" and p.admin1_id == gov.id and p.name_ar == gov.name_ar:
                return p
        return None
