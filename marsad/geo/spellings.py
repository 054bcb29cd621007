"""Names the gazetteer spells differently, or lacks: near spellings, variant forms,
neighbourhoods and unknown villages located by their anchor.

A part of :class:`marsad.geo.choose.Resolver` (its spelling methods), kept apart for size.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from marsad.geo.gazetteer import Gazetteer, Place, haversine_km
from marsad.geo.lexicon import Lexicon
from marsad.geo.raw import Raw
from marsad.geo.scoring import (
    FUZZY_ANCHORED,
    FUZZY_FIRST_LETTER,
    FUZZY_SAME_SOUND,
    FUZZY_SENTENCE,
    NEIGHBOURHOOD_KM,
    SKELETON_MIN,
    SPELLING_ANCHOR_KM,
    Choice,
    _Evidence,
    _fold,
    _skeleton,
)


class SpellingChoices:
    """Resolver methods for names the gazetteer spells differently, or lacks."""

    g: Gazetteer
    lex: Lexicon
    _first_keys: dict[str, list[tuple[str, ...]]] | None
    _gov_keys: dict[str, tuple]
    _gov_names: dict[str, dict[str, tuple[str, ...]]] | None  # governorate -> joined name -> key
    _near_lengths: dict[tuple[str, int], list[str]]  # (governorate, length) -> names of about that length

    def _keys_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        if self._first_keys is None:
            d: dict[str, list[tuple[str, ...]]] = {}
            for k in self.g.names:
                d.setdefault(k[0], []).append(k)
            self._first_keys = d
        return self._first_keys

    def _keys_of_governorate(
        self, gov_id: str
    ) -> tuple[dict[str, tuple[str, ...]], dict[int, list[str]], dict[str, str], dict[str, list[str]]]:
        """Joined name keys of a governorate's places: by length, by sound-folded
        spelling and by consonant skeleton."""
        got = self._gov_keys.get(gov_id)
        if got is None:
            if self._gov_names is None:  # every governorate's names in one pass over the gazetteer
                self._gov_names = {}
                places = self.g.places
                for k, ids in self.g.names.items():
                    for gid in {places[i].admin1_id for i in ids if not places[i].is_admin}:
                        self._gov_names.setdefault(gid, {})["".join(k)] = k
            table: dict[str, tuple[str, ...]] = self._gov_names.get(gov_id, {})
            by_len: dict[int, list[str]] = {}
            for text in table:
                by_len.setdefault(len(text), []).append(text)
            folded = {_fold(t): t for t in table}
            skeletons: dict[str, list[str]] = {}
            for t in table:
                skeletons.setdefault(_skeleton(t), []).append(t)
            got = self._gov_keys[gov_id] = (table, by_len, folded, skeletons)
        return got

    def _near_spelling(self, r: Raw, anchor: Place | None, ev: "_Evidence", sentence: int, points) -> Choice | None:
        """A name the gazetteer writes longer or a little differently, in the right area.

        "السعن" for "سعن الأسود", "كفرسجة" for "كفرسجنة": looked for only where an
        anchor or the sentence fixes the governorate, so a guess cannot fly across Syria.
        """
        if anchor is not None:
            govs = {anchor.admin1_id}
        else:
            govs = {uid for sent, off, level, uid in ev.items if level == "admin1" and sent == sentence and off != r.start}
        if not govs or not r.key:
            return None
        found = self._variants(r, govs, anchor)
        if not found:
            return None
        ranked = []
        for sim, p, how in found.values():
            fit = self._anchor_fit(p, anchor) if anchor is not None else 1.0
            if fit <= 0:
                continue
            if anchor is not None and not anchor.is_admin:
                km = haversine_km(p.lat, p.lon, anchor.lat, anchor.lon)
                if r.family == "neighbourhood" and km > NEIGHBOURHOOD_KM:
                    continue  # "حي السريان في حلب" is a quarter of Aleppo, not a village 30 km off
                if p.admin2_id != anchor.admin2_id and km > SPELLING_ANCHOR_KM:
                    continue  # a guessed spelling lies in the district of the town that locates it, or near it
            sc, _ = self._score(p, r, sentence, ev, anchor, points)
            ranked.append((sc + sim / 20.0, p, how))
        if not ranked:
            return None
        ranked.sort(key=lambda t: (-t[0], t[1].id))
        _, p, how = ranked[0]
        precision = 2 if r.near or r.area == "direction" else 1
        where = f"'{r.anchor.name}'" if anchor is not None and r.anchor is not None else "the sentence's governorate"
        return Choice(p, precision, p.kind, f"{p.id} {p.name_en} ({p.hierarchy}): '{r.name}' is {how}, in the area of {where}")

    def _variants(self, r: Raw, govs: set[str], anchor: Place | None) -> dict[str, tuple[float, Place, str]]:
        """Rows of the governorates ``govs`` whose name is ``r``'s written longer or a
        little differently: id -> (similarity, row, how)."""
        found: dict[str, tuple[float, Place, str]] = {}
        n = len(r.key)
        for k in self._keys_by_first().get(r.key[0], ()):
            if len(k) > n and k[:n] == r.key:
                for p in self.g.candidates(k):
                    if p.admin1_id in govs and not p.is_admin:
                        found[p.id] = (100.0, p, "a longer gazetteer name")
        joined = "".join(r.key)
        cutoff = FUZZY_ANCHORED if anchor is not None else FUZZY_SENTENCE
        if len(joined) >= 4:
            skel = _skeleton(joined)
            for gov in govs:
                table, by_len, folded, skeletons = self._keys_of_governorate(gov)
                # only names of about the same length: "جرابلس" is not "القاضي جرابلس"
                choices = self._near_lengths.get((gov, len(joined)))
                if choices is None:
                    choices = [t for n in range(len(joined) - 2, len(joined) + 3) for t in by_len.get(n, ())]
                    self._near_lengths[(gov, len(joined))] = choices
                hits = process.extract(joined, choices, scorer=fuzz.ratio, limit=5, score_cutoff=cutoff)
                same_sound = folded.get(_fold(joined))
                if same_sound is not None and same_sound != joined:
                    hits.append((same_sound, float(FUZZY_SAME_SOUND), None))  # "هيمو" / "حيمو"
                if len(skel) >= SKELETON_MIN:  # "صوفيان" is not "الصفوانية": too few consonants to tell
                    for text in skeletons.get(skel, ()):
                        if text != joined:
                            hits.append((text, float(FUZZY_SAME_SOUND), None))  # "ديرنا آغي" / "ديروانا آغا"
                if len(skel) >= SKELETON_MIN and anchor is not None and anchor.kind != "governorate" and anchor.admin2_id:
                    # a town or district pins the area: a name that differs by a
                    # last consonant (a Kurdish/Turkish ending, "صوغوناكه" /
                    # "صوغانة" by Afrin) is still the name there
                    for k in (skel[:-1], *(t for t in skeletons if t[:-1] == skel)):
                        for text in skeletons.get(k, ()):
                            for p in self.g.candidates(table[text]):
                                if p.admin2_id == anchor.admin2_id and not p.is_admin and p.id not in found:
                                    found[p.id] = (
                                        float(FUZZY_ANCHORED),
                                        p,
                                        f"spelled {p.name_ar} (the same consonants but the ending)",
                                    )
                for text, score, _ in hits:
                    if text[0] != joined[0] and score < FUZZY_FIRST_LETTER:
                        continue  # "صوفيان" is not "كوفيان"
                    for p in self.g.candidates(table[text]):
                        if p.admin1_id in govs and not p.is_admin and p.id not in found:
                            found[p.id] = (float(score), p, f"spelled {p.name_ar} (similarity {score:.0f})")
        return found

    def _neighbourhood(self, r: Raw, anchor: Place | None, ev, sentence, points) -> Choice | None:
        """'حي X' that the gazetteer has no neighbourhood for: a row of that name
        inside the city, else the city's point with precision 2."""
        city = anchor if anchor is not None and anchor.kind in ("city", "town") else self._city_before(r, ev.raws)
        if city is None:
            return None
        inside = [c for c in r.cands if not c.is_admin and haversine_km(c.lat, c.lon, city.lat, city.lon) <= NEIGHBOURHOOD_KM]
        if inside:
            best = min(inside, key=lambda c: (c.kind != "neighbourhood", haversine_km(c.lat, c.lon, city.lat, city.lon)))
            return Choice(
                best,
                1,
                best.kind,
                f"{best.id} {best.name_en} ({best.hierarchy}): 'حي {r.name}' within {NEIGHBOURHOOD_KM:.0f} km of {city.name_en}",
            )
        return Choice(
            None,
            2,
            "neighbourhood",
            f"'{r.name}' is not a neighbourhood in the gazetteer: point of {city.id} {city.name_en}, precision 2",
            via=city,
        )

    @staticmethod
    def _city_before(r: Raw, raws: list[Raw]) -> Place | None:
        """The last city or town named before ``r`` without ambiguity."""
        best = None
        for o in raws:
            if o.start >= r.start:
                break
            cities = [c for c in o.cands if c.kind in ("city", "town")]
            if len(cities) == 1 and o.family in (None, "settlement") and not o.area:
                best = cities[0]
        return best

    def _unknown(self, r: Raw, anchor: Place | None, point: Place | None, ev: _Evidence, sentence: int, points) -> Choice | None:
        alt = self._near_spelling(r, anchor, ev, sentence, points)
        if alt is not None:
            return alt
        if anchor is None and r.family == "neighbourhood":
            anchor = self._city_before(r, ev.raws)
            if anchor is not None:
                return Choice(
                    None,
                    2,
                    "neighbourhood",
                    f"'{r.name}' is not in the gazetteer: point of {anchor.id} {anchor.name_en}, the city named before it, precision 2",
                    via=anchor,
                )
        if point is None:
            return None
        return Choice(
            None,
            2,
            r.family if r.family in ("neighbourhood", "camp") else "village",
            f"'{r.name}' is not in the gazetteer: point of '{r.anchor.name}' ({point.id} {point.name_en}), precision 2",
            via=point,
        )
