"""The words around place names, compiled once from the gazetteer's YAML files.

``cues.yaml`` (type words, prepositions, near words, compass words),
``common_words.yaml`` (names that are also ordinary words), ``areas.yaml``
(countryside/desert districts and named regions) and ``foreign.yaml`` are
normalised with the same function as the text and turned into sets and dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.errors import DataError
from marsad.geo.names import name_key, word_key
from marsad.text.normalize import normalize

__all__ = ["Lexicon", "Region", "compile_lexicon"]


@dataclass(frozen=True, slots=True)
class Region:
    """A named area standing on an existing gazetteer row."""

    name: str
    place_id: str
    precision: int
    note: str


@dataclass(slots=True)
class Lexicon:
    type_words: dict[str, str]  # normalised word -> kind family
    unknown_name_types: frozenset[str]
    prepositions: frozenset[str]
    near_words: frozenset[str]
    directions: dict[str, str]  # شمال -> north
    direction_adjectives: dict[str, str]  # الشمالي -> north
    area_words: dict[str, str]  # ريف -> countryside
    glue: frozenset[str]
    need_type_word: frozenset[tuple[str, ...]]
    need_cue: frozenset[tuple[str, ...]]
    countryside: dict[str, dict[str, str]]  # governorate id -> direction -> place id
    desert: dict[str, str]
    regions: dict[tuple[str, ...], Region] = field(default_factory=dict)
    foreign: dict[tuple[str, ...], str] = field(default_factory=dict)  # key -> name as listed
    # key -> which words carry the article, for names that must be written as listed
    # ("ريف الدير" is not the start of "ريف دير الزور")
    articles: dict[tuple[str, ...], tuple[bool, ...]] = field(default_factory=dict)
    # very frequent words of news prose (frequent_words.yaml): normalised forms and article-less keys
    frequent: frozenset[str] = frozenset()
    # plural type words ("قرى", "بلدات"): a frequent word after one needs a list to follow
    plural_types: frozenset[str] = frozenset()
    # words between a place and the place it lies in ("حي الميدان وسط دمشق")
    inside_words: frozenset[str] = frozenset()
    # words before a name that make it part of a media outlet's name ("شبكة", "أخبار")
    outlet_words: frozenset[str] = frozenset()
    # words right before a person's name ("المدعو")
    person_words: frozenset[str] = frozenset()
    mentioned_words: frozenset[str] = frozenset()  # "القريتين المذكورتين": a common noun
    given_names: frozenset[str] = frozenset()  # "حسين علي حميرة": a family name follows
    countries: frozenset[tuple[str, ...]] = frozenset()  # keys of foreign.yaml countries
    abroad_words: frozenset[str] = frozenset()  # admin words used abroad only ("قضاء")
    # first words of two-word names the gazetteer may lack ("أبو صرة", "تل X")
    name_prefixes: frozenset[str] = frozenset()
    # last words of two-word names ("ديرونا آغا", "أم روثة فوقاني")
    name_suffixes: frozenset[str] = frozenset()
    # words that start a longer name: alone before another word, the one-word place is not meant ("تل طيرة", "باب تدمر")
    compound_heads: frozenset[str] = frozenset()
    not_a_name: frozenset[str] = frozenset()  # words that never start an unknown name
    farm_types: frozenset[str] = frozenset()  # type words of farms ("مزرعة X" may be named after a village)
    farm_names: frozenset[str] = frozenset()  # keys of cue words that may be a village after a type word
    dual_admin: frozenset[str] = frozenset()  # "محافظتي X وY"
    with_countryside: frozenset[str] = frozenset()  # "X وريفها"
    countryside_heads: frozenset[str] = frozenset()  # "ريف دمشق": a governorate named as a countryside
    participle_starts: tuple[str, ...] = ()
    nisba_endings: tuple[str, ...] = ()

    @property
    def all_qualifier_words(self) -> frozenset[str]:
        return (
            self.glue
            | frozenset(self.area_words)
            | frozenset(self.directions)
            | frozenset(self.direction_adjectives)
            | self.near_words
        )


def _norm_set(words: Any, what: str) -> frozenset[str]:
    if not isinstance(words, list):
        raise DataError(f"cues.yaml: {what} must be a list")
    return frozenset(normalize(str(w)) for w in words)


def _norm_map(d: Any, what: str) -> dict[str, str]:
    if not isinstance(d, dict):
        raise DataError(f"cues.yaml: {what} must be a mapping")
    return {normalize(str(k)): str(v) for k, v in d.items()}


def _article_pattern(name: str) -> tuple[bool, ...]:
    return tuple(w.startswith("ال") for w in normalize(name).split())


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    cues = raw.get("cues") or {}
    common = raw.get("common_words") or {}
    areas = raw.get("areas") or {}
    foreign = raw.get("foreign") or {}
    try:
        lex = Lexicon(
            type_words=_norm_map(cues["type_words"], "type_words"),
            unknown_name_types=_norm_set(cues["unknown_name_types"], "unknown_name_types"),
            prepositions=_norm_set(cues["prepositions"], "prepositions"),
            near_words=_norm_set(cues["near_words"], "near_words"),
            directions=_norm_map(cues["directions"], "directions"),
            direction_adjectives=_norm_map(cues["direction_adjectives"], "direction_adjectives"),
            area_words=_norm_map(cues["area_words"], "area_words"),
            glue=_norm_set(cues["qualifier_glue"], "qualifier_glue"),
            need_type_word=frozenset(name_key(w) for w in common.get("need_type_word") or ()),
            need_cue=frozenset(name_key(w) for w in common.get("need_cue") or ()),
            countryside={str(g): {str(k): str(v) for k, v in d.items()} for g, d in (areas.get("countryside") or {}).items()},
            desert={str(k): str(v) for k, v in (areas.get("desert") or {}).items()},
        )
    except KeyError as exc:
        raise DataError(f"cues.yaml: missing section {exc}") from exc
    freq = raw.get("frequent_words") or {}
    words = [normalize(str(w)) for w in freq.get("words") or ()]
    lex.frequent = frozenset(words) | frozenset(name_key(w, normalized=True)[0] for w in words if name_key(w, normalized=True))
    lex.given_names = frozenset(normalize(str(w)) for w in freq.get("given_names") or ())
    lex.plural_types = _norm_set(cues.get("plural_type_words") or [], "plural_type_words")
    lex.outlet_words = _norm_set(cues.get("outlet_words") or [], "outlet_words")
    lex.person_words = _norm_set(cues.get("person_words") or [], "person_words")
    lex.mentioned_words = _norm_set(cues.get("mentioned_words") or [], "mentioned_words")
    lex.abroad_words = _norm_set(cues.get("abroad_words") or [], "abroad_words")
    lex.name_prefixes = _norm_set(cues.get("name_prefixes") or [], "name_prefixes")
    lex.name_suffixes = _norm_set(cues.get("name_suffixes") or [], "name_suffixes")
    lex.compound_heads = lex.name_prefixes | _norm_set(cues.get("compound_heads") or [], "compound_heads")
    lex.not_a_name = _norm_set(cues.get("not_a_name") or [], "not_a_name")
    try:
        lex.farm_types = _norm_set(cues["farm_type_words"], "farm_type_words")
        lex.farm_names = frozenset(word_key(w) for w in _norm_set(cues["farm_names"], "farm_names"))
        lex.dual_admin = _norm_set(cues["dual_admin_words"], "dual_admin_words")
        lex.with_countryside = _norm_set(cues["with_countryside_words"], "with_countryside_words")
        lex.countryside_heads = frozenset(
            word_key(w) for w in _norm_set(cues["countryside_name_heads"], "countryside_name_heads")
        )
        lex.inside_words = _norm_set(cues["inside_words"], "inside_words")
        lex.participle_starts = tuple(sorted(_norm_set(cues["participle_starts"], "participle_starts")))
        lex.nisba_endings = tuple(sorted(_norm_set(cues["nisba_endings"], "nisba_endings")))
    except KeyError as exc:
        raise DataError(f"cues.yaml: missing section {exc}") from exc
    lex.countries = frozenset(name_key(n) for n in foreign.get("countries") or ())
    for entry in areas.get("regions") or ():
        for n in entry["names"]:
            lex.regions[name_key(n)] = Region(n, str(entry["id"]), int(entry["precision"]), entry.get("note", ""))
            lex.articles[name_key(n)] = _article_pattern(n)
    for section in ("countries", "regions_and_cities"):
        for n in foreign.get(section) or ():
            lex.foreign[name_key(n)] = n
            lex.articles[name_key(n)] = _article_pattern(n)
    return lex
