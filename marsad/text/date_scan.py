"""The date scanner's vocabulary and text: ``dates.yaml`` compiled to one pattern, and the
normalised copy of the text it runs over, whose offsets map back to the source.

Used by :mod:`marsad.text.dates`, which decides what each match means.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.resources import load_lexicon_yaml
from marsad.text.normalize import normalize

# --------------------------------------------------------------------------- normalised text with offsets

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_NFKC_BLOCKS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=4096)
def _char_norm(ch: str) -> str:
    if ch.isspace():
        return " "
    return normalize(ch, collapse_spaces=False)


class _OffsetMap:
    """Maps offsets in the normalised text back to the source text.

    Three cases, cheapest first: identity (nothing removed); marks removed
    (tashkeel, tatweel, bidi marks: one bisect per lookup); anything else
    (presentation forms that NFKC expands: a full per-character table).
    """

    __slots__ = ("removed", "table")

    def __init__(self, removed: list[int] | None = None, table: list[int] | None = None) -> None:
        self.removed = removed  # normalised positions at which a source char was dropped
        self.table = table

    def src(self, x: int) -> int:
        if self.table is not None:
            return self.table[x]
        if self.removed:
            return x + bisect_right(self.removed, x)
        return x

    def span(self, s: int, e: int) -> tuple[int, int]:
        return self.src(s), self.src(e - 1) + 1


def _normalise_with_map(text: str) -> tuple[str, _OffsetMap]:
    """Normalised text (no space collapsing) and the way back to source offsets."""
    if not _NFKC_BLOCKS.search(text):
        marks = [m.start() for m in _MARKS.finditer(text)]
        stripped = _MARKS.sub("", text) if marks else text
        norm = normalize(stripped, collapse_spaces=False)
        if len(norm) == len(stripped):
            # the i-th dropped char would have sat at normalised position pos - i
            return norm, _OffsetMap(removed=[pos - i for i, pos in enumerate(marks)])
    parts: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = _char_norm(ch)
        if n:
            parts.append(n)
            index.extend([i] * len(n))
    return "".join(parts), _OffsetMap(table=index)


# --------------------------------------------------------------------------- lexicon and pattern


def _n(word: Any) -> str:
    return normalize(str(word))


def _alt(words: list[str]) -> str:
    """Regex alternation, longest first, spaces matching any run of spaces."""
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in uniq)


@dataclass(frozen=True, slots=True)
class _Lex:
    pattern: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    relative: dict[str, tuple[int, int]]
    vague_day: frozenset[str]
    month_rel: dict[str, int]
    since: frozenset[str]
    report: frozenset[str]
    report_re: re.Pattern[str]
    not_dates: re.Pattern[str] | None
    last_words: frozenset[str]
    future_words: frozenset[str]
    this_words: frozenset[str]
    week_units: frozenset[str]
    after_spans: dict[str, tuple[int, int]]
    complementisers: frozenset[str]


def _ordinals(d: dict[str, Any]) -> dict[str, int]:
    units = {_n(k): int(v) for k, v in d["ordinal_units"].items()}
    tens = {_n(k): int(v) for k, v in d["ordinal_tens"].items()}
    out: dict[str, int] = {}
    compounds = {_n(k): int(v) for k, v in d["ordinal_compounds"].items()}
    alone = {_n(w) for w in d["ordinal_no_compounds"]}
    for w, v in units.items():
        out[w] = v
        if w not in alone:
            for word, ten in compounds.items():
                if ten + v <= 31:
                    out[f"{w} {word}"] = ten + v
    out.update(tens)
    return out


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_lexicon_yaml("dates.yaml")
    months = {_n(k): int(v) for k, v in d["months"].items()}
    weekdays = {_n(k): int(v) for k, v in d["weekdays"].items()}
    ordinals = _ordinals(d)
    relative = {_n(k): (int(v[0]), int(v[1])) for k, v in d["relative"].items()}
    vague = [_n(w) for w in d["vague"]]
    ongoing = [_n(w) for w in d["ongoing"]]
    month_rel = {_n(k): int(v) for k, v in d["month_relative"].items()}
    future = [_n(w) for w in d["future_words"]]
    lonely_months = [m for m in months if m not in {_n(w) for w in d["month_needs_context"]}]

    MON = _alt(list(months))
    MONG = rf"(?:{MON})(?:\s*[/(\-]\s*(?:{MON})\s*\)?)?"
    WD = _alt(list(weekdays))
    PART = _alt([_n(w) for w in d["day_parts"]])
    ORD = _alt(list(ordinals))
    LAST = _alt([_n(w) for w in d["last_words"]] + [_n(w) + "ه" for w in d["last_words"]])
    THIS = _alt([_n(w) for w in d["this_words"]])
    FUTW = _alt([_n(w) for w in d["weekday_future"]])
    DAY = _alt([_n(w) for w in d["day_word"]])
    OF = _alt([_n(w) for w in d["of_words"]])
    MONTHW = _alt([_n(w) for w in d["month_word"]])
    YEARW = _alt([_n(w) for w in d["year_words"]])
    YEARW2 = _alt([_n(w) for w in d["year_words_after_month"]])
    AGO = _alt([_n(w) for w in d["ago"]])
    UNITS = _alt([_n(w) for w in d["day_units"] + d["week_units"]])
    AFTER = _alt([_n(w) for w in d["after_words"]])
    after_spans = {_n(k): (int(v[0]), int(v[1])) for k, v in d["after_spans"].items()}
    SPANS = _alt(list(after_spans))
    FILLERS = "".join(rf"(?:\s+(?:{_alt([_n(w)])}))?" for w in d["after_fillers"])
    NUMW = r"\d{1,2}|[^\W\d_]+(?:\s+و[^\W\d_]+)?"
    WDTAIL = rf"(?:\s*[،,(]?\s*(?:(?:{DAY})\s+)?(?P<rwd>{WD})\s*\)?)?"
    pre = r"(?<![\w])(?:[وف]?[بلك]?)"
    post = r"(?![\w])"
    alts = [
        # 2019-05-06 / 6-5-2019 / 6/5/2019
        r"(?P<ymd>(?<![\d/.\-])[وفبل]?(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?![\d/.\-]))",
        r"(?P<dmy>(?<![\d/.\-])[وفبل]?(?P<d2>\d{1,2})\s?[-/.]\s?(?P<m2>\d{1,2})\s?[-/.]\s?(?P<y2>\d{4})(?![\d/.\-]))",
        # [الاثنين] 8 [من] [شهر] شباط [/فبراير] [عام] [2021|الجاري|الماضي]
        rf"(?P<dm>{pre}(?:(?:(?:{DAY})\s+)?(?:{WD})\s*[،,]?\s*)?(?:(?:{DAY})\s+)?"
        rf"(?:(?P<d3>\d{{1,2}})(?!\d)|(?P<o3>{ORD}))\s*(?:(?:{OF})\s+)?(?:(?:{MONTHW})\s+)?(?P<m3>{MONG})"
        rf"(?:\s*[،,]?\s*(?:(?:{OF})\s+)?(?:(?:{YEARW})\s+)?(?P<y3>\d{{4}})(?!\d)|\s+(?P<r3>{THIS}|{LAST}))?){post}",
        # آذار 2020, شهر تشرين الثاني الماضي
        rf"(?P<my>{pre}(?:(?:{MONTHW})\s+)?(?P<m4>{MONG})\s*[،,]?\s*(?:(?:{OF})\s+)?(?:(?:{YEARW2})\s+)?(?P<y4>\d{{4}})(?!\d))",
        rf"(?P<mr>{pre}(?:(?:{MONTHW})\s+)?(?P<m5>{_alt(lonely_months)})\s+(?P<r5>{THIS}|{LAST})){post}",
        rf"(?P<monthrel>{pre}(?:{_alt(list(month_rel))})){post}",
        # قبل 3 أيام / منذ ثلاثة أيام / قبل أسبوعين
        rf"(?P<ago>{pre}(?:{AGO})\s+(?P<an>{NUMW})\s+(?P<au>{UNITS})){post}",
        # "بعد أسبوع من هجوم مشابه": that one was a week before
        rf"(?P<after>{pre}(?:{AFTER})\s+(?P<aw>{SPANS}){FILLERS}\s+(?:{OF})){post}",
        # فجر اليوم الاثنين / مساء أمس / الليلة الماضية
        rf"(?P<rel>{pre}(?:(?:{PART})\s+)?(?P<rw>{_alt(list(relative))}){WDTAIL}){post}",
        # مساء الخميس الماضي / يوم الجمعة / الجمعة المقبل
        rf"(?P<wd>{pre}(?:(?:{PART})\s+)?(?:(?:{DAY})\s+)?(?P<w6>{WD})(?:\s+(?P<l6>{LAST})|\s+(?P<f6>{FUTW}))?){post}",
        rf"(?P<fut>{pre}(?:{_alt(future)})){post}",
        rf"(?P<vague>{pre}(?P<vw>{_alt(vague)})){post}",
        rf"(?P<ongoing>{pre}(?:{_alt(ongoing)})){post}",
    ]
    # One shared word-start check up front: the engine then tries the
    # alternatives only at the start of a word, not at every character.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
    nd = [_n(w) for w in d["not_dates"]]
    return _Lex(
        pattern=pattern,
        months=months,
        weekdays=weekdays,
        ordinals=ordinals,
        relative=relative,
        vague_day=frozenset(_n(w) for w in d["vague_day_level"]),
        month_rel=month_rel,
        since=frozenset(_n(w) for w in d["since_words"]),
        report=frozenset(_n(w) for w in d["report_words"]),
        report_re=re.compile(_alt([_n(w) for w in d["report_words"]])),
        not_dates=re.compile(rf"(?<![\w])(?:{_alt(nd)})(?![\w])") if nd else None,
        last_words=frozenset(_n(w) for w in d["last_words"]),
        future_words=frozenset(future),
        this_words=frozenset(_n(w) for w in d["this_words"]),
        week_units=frozenset(_n(w) for w in d["week_units"]),
        after_spans=after_spans,
        complementisers=frozenset(_n(w) for w in d["complementisers"]),
    )
