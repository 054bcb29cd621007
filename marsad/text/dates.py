"""Event dates in Arabic news, resolved against the publication date.

dateparser handles a few Arabic forms but misses the ones Syrian news uses most
(Levantine month names, "فجر اليوم", "ليلة أمس", "الثلاثاء الماضي", numbers in
words) and its ``search_dates`` finds dates in ordinary words.  This module is a
small rule-based resolver instead: one precompiled regular expression over a
normalised copy of the text (:func:`marsad.text.normalize.normalize`, applied
character by character so that every match maps back to source offsets), with
the vocabulary in ``marsad/data/lexicon/dates.yaml`` (both in :mod:`marsad.text.date_scan`).
dateparser is not used.

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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from marsad.text.date_scan import (
    _Lex,
    _lex,
    _normalise_with_map,
)
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
        if nxt is not None and d.kind == "weekday" and nxt.kind == "explicit" and _GLUE.match(text[d.end : nxt.start]):
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.report and not d.report and _GLUE.match(text[prev.end : d.start]):
            # "وقال مراسل … اليوم الأحد، 22 من تشرين الثاني": both date the report
            d = DateMention(d.start, d.end, d.date, d.precision, d.kind, d.text, d.background, d.future, True)
        if (
            prev is not None
            and prev.future
            and not d.future
            and d.kind in ("explicit", "weekday")
            and _GLUE.match(text[prev.end : d.start])
        ):
            d = DateMention(d.start, d.end, d.date, d.precision, d.kind, d.text, d.background, True, d.report)
        out.append(d)
    return out


def _resolve_match(m: re.Match[str], norm: str, pub: date | None, lex: _Lex) -> tuple[date | None, int, str, bool] | None:
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
        if pub is None:
            return None, prec, "relative", False
        when = pub - timedelta(days=days)
        if g("rwd") and prec == 1:
            # "اليوم الثلاثاء" in an article dated Thursday: the text was written on the
            # Tuesday (a repost, a late timestamp); the weekday it names is the evidence
            behind = (when.weekday() - lex.weekdays[g("rwd")]) % 7
            if behind <= WEEKDAY_SLACK:
                when -= timedelta(days=behind)
        return when, prec, "relative", False
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
#: days a weekday named with "اليوم" / "أمس" may stand before the day the publication
#: date gives ("اليوم الثلاثاء" in an article dated Thursday); further back, the date stands
WEEKDAY_SLACK = 3

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
