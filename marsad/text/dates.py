"""Event dates in Arabic news, resolved against the publication date.

dateparser handles a few Arabic forms but misses the ones Syrian news uses most
(Levantine month names, "فجر اليوم", "ليلة أمس", "الثلاثاء الماضي", numbers in
words) and its ``search_dates`` finds dates in ordinary words.  This module is a
small rule-based resolver instead: one precompiled regular expression over a
normalised copy of the text (:func:`marsad.text.normalize.normalize`, applied
character by character so that every match maps back to source offsets), with
the vocabulary in ``marsad/data/lexicon/dates.yaml``.  dateparser is not used.

Rules (SPEC §2-§3 and the dev gold):

* an explicit date ("14 تموز/يوليو 2025", "6-5-2019", "الخامس من آذار") wins
  over ``published``; without a year it takes the publication year (the year
  before when that would put it more than a day after publication), and with
  neither a year nor ``published`` it is unresolved (``date=None``);
* relative words count back from ``published``: "اليوم"/"ليلاً" 0, "أمس"/"الليلة
  الماضية" 1, "أول أمس"/"قبل يومين" 2, "قبل أسبوع"/"الأسبوع الماضي" 7 with
  precision 2; a bare weekday is the latest such day on or before ``published``
  ("الأربعاء الماضي" said on a Wednesday is the week before);
* "خلال الأيام الماضية"، "مؤخراً" and ongoing activity ("تتواصل"، "لليوم
  الثاني") give ``published`` with precision 2; "الشهر الماضي" precision 3;
* with no ``published`` every relative expression is unresolved (``date=None``);
* a mention more than 30 days before ``published`` is ``background`` (history,
  not an event to code); years alone ("عام 2011") and month-years after "منذ"
  are never event dates.

Precision-3 dates (a month only) are pinned to the 15th of the month, or to
``published`` when it is the publication month.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from marsad.resources import load_lexicon_yaml
from marsad.text.normalize import normalize
from marsad.text.numbers import parse_number

__all__ = [
    "DateMention",
    "find_dates",
    "resolve_date",
    "article_anchor",
    "is_background",
    "coerce_date",
    "BACKGROUND_DAYS",
]

BACKGROUND_DAYS = 30

DateLike = date | datetime | str | None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text.

    ``start``/``end``: character offsets into the text given to :func:`find_dates`
    (``text`` is that slice).  ``date`` is None when the expression cannot be
    resolved (relative words without ``published``).  ``precision``: 1 day,
    2 week, 3 month.  ``kind``: ``explicit`` (day, month, maybe year), ``month``
    (a month without a day), ``relative`` (اليوم، أمس، قبل يومين …), ``weekday``,
    ``vague`` (مؤخراً، خلال الأيام الماضية) or ``ongoing`` (تتواصل، لليوم الثاني).
    ``background``: more than 30 days before ``published``.  ``future``: after
    ``published`` ("غداً"، "الجمعة المقبل"), a plan rather than an event.
    ``report``: right after a reporting verb ("وقال مراسل … اليوم") — it may date
    the report rather than the event.
    """

    start: int
    end: int
    date: date | None
    precision: int
    kind: str
    text: str
    background: bool = False
    future: bool = False
    report: bool = False


def coerce_date(value: DateLike) -> date | None:
    """``published`` as a date: accepts a date, a datetime or "YYYY-MM-DD[...]"."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def is_background(when: date | None, published: DateLike) -> bool:
    """True when ``when`` lies more than 30 days before ``published``."""
    pub = coerce_date(published)
    return when is not None and pub is not None and (pub - when).days > BACKGROUND_DAYS


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
    WDTAIL = rf"(?:\s*[،,(]?\s*(?:(?:{DAY})\s+)?(?:{WD})\s*\)?)?"
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


# --------------------------------------------------------------------------- resolution helpers

_SPACES = re.compile(r"\s+")


def _month_of(group: str, lex: _Lex) -> int | None:
    g = _SPACES.sub(" ", group.strip())
    # "تموز/يوليو": either half names the month
    for part in re.split(r"\s*[/(\-)]\s*", g):
        part = part.strip()
        if part in lex.months:
            return lex.months[part]
    for name, num in sorted(lex.months.items(), key=lambda kv: -len(kv[0])):
        if g.startswith(name):
            return num
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, pub: date | None) -> date | None:
    if pub is None:
        return None
    cand = _safe_date(pub.year, m, d)
    if cand is not None and cand > pub + timedelta(days=1):
        cand = _safe_date(pub.year - 1, m, d)
    return cand


def _mid_month(y: int, m: int, pub: date | None) -> date:
    if pub is not None and (pub.year, pub.month) == (y, m):
        return pub
    return date(y, m, min(15, calendar.monthrange(y, m)[1]))


def _prev_words(norm: str, pos: int, k: int) -> list[str]:
    return norm[max(0, pos - 90) : pos].split()[-k:]


def _after_report_verb(norm: str, pos: int, lex: _Lex) -> bool:
    """Is the date at ``pos`` in the reporting clause ("قال مراسلنا اليوم إن …")?

    Looks back up to 8 words for a reporting verb, stopping at "أن/إن": what
    follows that complementiser is the reported content, whose dates are events.
    """
    for w in reversed(_prev_words(norm, pos, 8)):
        w = w.strip("،,.:؛\"'()«»“”")
        if w in lex.complementisers:
            return False
        # prefix match: "مراسلنا"، "وقالت" carry clitics
        if lex.report_re.match(w) or lex.report_re.match(_strip_clitic(w)):
            return True
    return False


def _strip_clitic(word: str) -> str:
    for pre in ("وب", "ول", "فب", "و", "ف", "ب", "ل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return word[len(pre) :]
    return word


# --------------------------------------------------------------------------- public API


def find_dates(text: str, published: DateLike = None) -> list[DateMention]:
    """Every date expression of ``text``, in order, resolved against ``published``.

    Results are cached per (text, published): the extractor asks about the same
    sentence more than once.
    """
    if not text:
        return []
    return list(_find_dates_cached(text, coerce_date(published)))


@lru_cache(maxsize=8192)
def _find_dates_cached(text: str, pub: date | None) -> tuple[DateMention, ...]:
    return tuple(_find_dates(text, pub))


def _find_dates(text: str, pub: date | None) -> list[DateMention]:
    lex = _lex()
    norm, index = _normalise_with_map(text)
    blocked: list[tuple[int, int]] = []
    if lex.not_dates is not None:
        blocked = [m.span() for m in lex.not_dates.finditer(norm)]
    out: list[DateMention] = []
    for m in lex.pattern.finditer(norm):
        try:
            res = _resolve_match(m, norm, pub, lex)
        except (ValueError, OverflowError):
            res = None
        if res is None:
            continue
        when, prec, kind, future = res
        s, e = m.span()
        if kind in ("relative", "weekday") and any(a <= s < b for a, b in blocked):
            continue
        start, end = index.span(s, e)
        report = _after_report_verb(norm, s, lex)
        out.append(
            DateMention(
                start,
                end,
                when,
                prec,
                kind,
                text[start:end],
                background=is_background(when, pub),
                future=future,
                report=report,
            )
        )
    return _merge(out, text)


_GLUE = re.compile(r"^[\s،,()\-–/]*$")


def _merge(found: list[DateMention], text: str) -> list[DateMention]:
    """Tidy adjacent mentions.

    A weekday right before an explicit date ("يوم الاثنين 6-5-2019") is part of
    it and is dropped; a date right after a future word ("يوم غد الجمعة 7 آذار")
    is future too.
    """
    if len(found) < 2:
        return found
    out: list[DateMention] = []
    for k, d in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            nxt is not None
            and d.kind == "weekday"
            and nxt.kind == "explicit"
            and _GLUE.match(text[d.end : nxt.start])
        ):
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.report and not d.report and _GLUE.match(text[prev.end : d.start]):
            # "وقال مراسل … اليوم الأحد، 22 من تشرين الثاني": both date the report
            d = DateMention(
                d.start, d.end, d.date, d.precision, d.kind, d.text, d.background, d.future, True
            )
        if (
            prev is not None
            and prev.future
            and not d.future
            and d.kind in ("explicit", "weekday")
            and _GLUE.match(text[prev.end : d.start])
        ):
            d = DateMention(
                d.start, d.end, d.date, d.precision, d.kind, d.text, d.background, True, d.report
            )
        out.append(d)
    return out


def _resolve_match(
    m: re.Match[str], norm: str, pub: date | None, lex: _Lex
) -> tuple[date | None, int, str, bool] | None:
    """(date, precision, kind, future) of one regex match, or None to drop it."""
    kind = m.lastgroup
    g = m.group
    if kind == "ymd":
        when = _safe_date(int(g("y1")), int(g("m1")), int(g("d1")))
        return (when, 1, "explicit", _after(when, pub)) if when else None
    if kind == "dmy":
        d, mo, y = int(g("d2")), int(g("m2")), int(g("y2"))
        when = _safe_date(y, mo, d) or _safe_date(y, d, mo)
        return (when, 1, "explicit", _after(when, pub)) if when else None
    if kind == "dm":
        mo = _month_of(g("m3"), lex)
        day = int(g("d3")) if g("d3") else lex.ordinals.get(_SPACES.sub(" ", g("o3") or ""))
        if mo is None or not day or day > 31:
            return None
        if g("y3"):
            when = _safe_date(int(g("y3")), mo, day)
            if when is None:
                return None
        elif g("r3") and pub is not None and _SPACES.sub(" ", g("r3")) in lex.this_words:
            when = _safe_date(pub.year, mo, day)
        else:
            when = _infer_year(mo, day, pub)
        return when, 1, "explicit", _after(when, pub)
    if kind == "my":
        prev = [_strip_clitic(w) for w in _prev_words(norm, m.start(), 2)]
        if any(w in lex.since for w in prev):
            return None  # "منذ آذار 2011": the start of a period, not an event
        mo = _month_of(g("m4"), lex)
        if mo is None:
            return None
        y = int(g("y4"))
        when = _mid_month(y, mo, pub)
        return when, 3, "month", _after(when, pub, month=True)
    if kind == "mr":
        prev = [_strip_clitic(w) for w in _prev_words(norm, m.start(), 1)]
        if any(w in lex.since for w in prev):
            return None
        mo = _month_of(g("m5"), lex)
        if mo is None or pub is None:
            return (None, 3, "month", False) if mo else None
        y = pub.year if mo <= pub.month else pub.year - 1
        if _SPACES.sub(" ", g("r5")) not in lex.this_words and mo == pub.month:
            y -= 1  # "آذار الماضي" said in March is last year's March
        return _mid_month(y, mo, pub), 3, "month", False
    if kind == "monthrel":
        back = lex.month_rel.get(_strip_phrase(m.group(), lex.month_rel), 0)
        if pub is None:
            return None, 3, "month", False
        if back == 0:
            return pub, 3, "month", False
        first = pub.replace(day=1) - timedelta(days=1)
        return _mid_month(first.year, first.month, pub), 3, "month", False
    if kind == "ago":
        n = _count(g("an"))
        if n is None or n <= 0 or n > 366:
            return None
        weeks = g("au") in lex.week_units
        days = n * 7 if weeks else n
        prec = 2 if weeks or days >= 7 else 1
        return (pub - timedelta(days=days) if pub else None), prec, "relative", False
    if kind == "after":
        days, prec = lex.after_spans[g("aw")]
        return (pub - timedelta(days=days) if pub else None), prec, "relative", False
    if kind == "rel":
        days, prec = lex.relative[_SPACES.sub(" ", g("rw"))]
        return (pub - timedelta(days=days) if pub else None), prec, "relative", False
    if kind == "wd":
        wd = lex.weekdays[g("w6")]
        if pub is None:
            return None, 1, "weekday", bool(g("f6"))
        if g("f6"):
            delta = (wd - pub.weekday()) % 7 or 7
            return pub + timedelta(days=delta), 1, "weekday", True
        delta = (pub.weekday() - wd) % 7
        if delta == 0 and g("l6"):
            delta = 7
        return pub - timedelta(days=delta), 1, "weekday", False
    if kind == "fut":
        return (pub + timedelta(days=1) if pub else None), 1, "relative", True
    if kind == "vague":
        prec = 1 if _SPACES.sub(" ", g("vw")) in lex.vague_day else 2
        return pub, prec, "vague", False
    if kind == "ongoing":
        return pub, 2, "ongoing", False
    return None


def _strip_phrase(matched: str, table: dict[str, int]) -> str:
    s = _SPACES.sub(" ", matched)
    for key in sorted(table, key=len, reverse=True):
        if s.endswith(key):
            return key
    return s


def _count(word: str) -> int | None:
    word = _SPACES.sub(" ", word).strip()
    if word.isdigit():
        return int(word)
    return parse_number(word)


def _after(when: date | None, pub: date | None, *, month: bool = False) -> bool:
    if when is None or pub is None:
        return False
    if month:
        return (when.year, when.month) > (pub.year, pub.month)
    return when > pub + timedelta(days=1)


# Order of preference inside one sentence (lower is better).
_RANK = {"explicit": 0, "relative": 1, "weekday": 1, "vague": 3, "ongoing": 4, "month": 5}


def _best(mentions: list[DateMention]) -> DateMention | None:
    usable = [d for d in mentions if not d.future]
    if not usable:
        return None

    def key(d: DateMention) -> tuple[int, int, int, int, int]:
        day_level = d.precision == 1 and d.kind in ("explicit", "relative", "weekday")
        tier = 0 if day_level and not d.report else 1 if day_level else 2 + d.precision
        return (tier, d.date is None, _RANK.get(d.kind, 9), d.precision, d.start)

    return min(usable, key=key)


def resolve_date(
    sentence: str,
    published: DateLike,
    *,
    default: tuple[date | None, int] | date | None = None,
) -> tuple[date | None, int]:
    """(event_date, date_precision) for one evidence sentence.

    The sentence's own date expression decides when it has one.  Among several,
    a day-level one (explicit, relative, weekday) beats a week- or month-level
    one, a day-level one right after a reporting verb ("وقال مراسل … اليوم
    الأحد") counts only when there is no other, explicit beats relative, and
    earlier beats later.  Future dates (plans) are ignored.  Ongoing words
    ("تتواصل"، "ما زال مستمراً") only count when nothing else dates the sentence
    and no ``default`` is given: "the attack, still going on, began today" is
    today, precision 1, and an ongoing fight in a dated article keeps the
    article's date.

    Without an expression the sentence inherits ``default`` — the extractor
    passes :func:`article_anchor`, the date the lead reports, because a
    follow-up sentence almost always continues the lead's story — and without a
    default the publication date with precision 1 (the annotators' practice for
    undated reports).  No ``published`` and nothing in the text: ``(None, 1)``.
    """
    best = _best(find_dates(sentence, published))
    if best is not None and not (best.kind == "ongoing" and default is not None):
        return best.date, best.precision
    if default is not None:
        if isinstance(default, tuple):
            return default[0], int(default[1])
        return coerce_date(default), 1
    return coerce_date(published), 1


_LEAD_END = re.compile(r"[.!؟?\n]")


def article_anchor(text: str, published: DateLike) -> tuple[date | None, int]:
    """(date, precision) the article's lead reports: the default for later sentences.

    The lead is the first two sentences (at most 600 characters).  A background
    date (more than 30 days old) in the lead is a reminder, not the news, and is
    skipped.  Nothing usable: the publication date with precision 1, or
    ``(None, 1)`` without one.
    """
    lead = text[:600] if text else ""
    cut = 0
    for _ in range(2):
        m = _LEAD_END.search(lead, cut)
        if m is None:
            cut = len(lead)
            break
        cut = m.end()
        while cut < len(lead) and lead[cut] in " \n\t\r":
            cut += 1
    lead = lead[: cut or len(lead)]
    mentions = [d for d in find_dates(lead, published) if not d.background]
    best = _best(mentions)
    if best is not None and (best.date is not None or coerce_date(published) is None):
        return best.date, best.precision
    return coerce_date(published), 1
