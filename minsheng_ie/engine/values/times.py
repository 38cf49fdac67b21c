"""Calendar periods: a DATE is [start, end], a DEADLINE the end of its period.

The period is built from the captured parts of a time expression — year, month, day,
quarter, half, part of a period (底, 上旬, 年初 …), relative words (今年, 本月, 上上个季度),
centuries and decades — and completed from the document's ref_date, never from the wall
clock. No library resolves Chinese period words (上半年, 中旬, 前三季度) to date ranges,
so this part is by hand. When a year is missing and there is no ref_date, the entity is
kept with value None.

A range has a second end (captures with suffix 2) that takes the year and month it does
not write from the first end (2024年4月12-19日); when it then falls before the start it
runs on into the next month or year (12号到3号, 十二月至一月).
"""
from __future__ import annotations

import datetime as dt
import re

from .context import Context
from .numbers import parse_number

Period = tuple[dt.date, dt.date]
Result = Period | None | str        # a period, None (impossible) or "incomplete" (no ref_date)
_INCOMPLETE = "incomplete"


def last_day(y: int, m: int) -> int:
    """The last day of month m (datetime's arithmetic, in C: calendar.monthrange is Python)."""
    return 31 if m == 12 else (dt.date(y, m + 1, 1) - _ONE_DAY).day


_ONE_DAY = dt.timedelta(days=1)

# the old tens (廿一日, 卅日) that cn2an does not read all of
_OLD_TENS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})


def _text(tokens) -> str:
    return "".join(t.norm for t in tokens) if tokens else ""


def _int(tokens) -> int | None:
    return _int_of(_text(tokens)) if tokens else None


def _int_of(numeral: str) -> int | None:
    n = parse_number(numeral.translate(_OLD_TENS))
    return int(n) if n is not None and n == int(n) else None


def _month_period(y: int, m: int, part: str | None) -> Period:
    last = last_day(y, m)
    spans = {None: (1, last), "whole": (1, last), "start": (1, 10), "early": (1, 10),
             "mid": (11, 20), "late": (21, last), "end": (last, last), "H1": (1, 15), "H2": (16, last)}
    a, b = spans.get(part, (1, last))
    return dt.date(y, m, a), dt.date(y, m, b)


def _year_period(y: int, part: str | None) -> Period:
    spans = {None: ((1, 1), (12, 31)), "whole": ((1, 1), (12, 31)), "start": ((1, 1), (1, 31)),
             "mid": ((6, 1), (7, 31)), "end": ((12, 31), (12, 31)),
             "H1": ((1, 1), (6, 30)), "H2": ((7, 1), (12, 31))}
    (m1, d1), (m2, d2) = spans.get(part, spans[None])
    return dt.date(y, m1, d1), dt.date(y, m2, d2)


def _quarter_period(year: int, q: int, upto: bool, part: str | None) -> Period | None:
    """Quarter q (or the first q quarters); its end (三季度末) or its first month (三季度初)."""
    if not 1 <= q <= 4:
        return None
    first = dt.date(year, 1 if upto else 3 * q - 2, 1)
    last = dt.date(year, 3 * q, last_day(year, 3 * q))
    if part == "end":
        return last, last
    if part == "start" and not upto:
        return first, dt.date(year, first.month, last_day(year, first.month))
    return first, last


def _nearest_century(yy: int, near: int) -> int:
    """A two-digit year in the century that puts it nearest `near` (98年 in 1997 → 1998)."""
    return min((c + yy for c in range(near // 100 * 100 - 100, near // 100 * 100 + 200, 100)),
               key=lambda y: (abs(y - near), y))


class _Parts:
    """The captured parts of one end of a time expression (suffix '' or '2')."""

    def __init__(self, caps: dict, ctx: Context, sfx: str = ""):
        g = lambda k: caps.get(k + sfx)  # noqa: E731
        lex = ctx.lex_value
        self.y, self.m, self.d = _int(g("y")), _int(g("m")), _int(g("d"))
        # 15年, 九七年: two digits written, the century left to the report date
        self.y_short = self.y is not None and self.y < 100 and len(_text(g("y"))) == 2
        if g("m_word"):
            self.m = lex("month_word", g("m_word"))   # 元月, 首月
        dotted = g("ymd") or g("ym") or g("md")
        if dotted:
            nums = [int(x) for x in _text(dotted).split(".") if x.isdigit()]
            if g("ymd") and len(nums) == 3:
                self.y, self.m, self.d = nums
            elif g("ym") and len(nums) == 2:
                self.y, self.m = nums
            elif g("md") and len(nums) == 2:
                self.m, self.d = nums
            else:
                self.m = -1  # malformed: rejected below
        # 10/31/1974, 13.5.2015: day and month in either order, the year last
        self.dmy = [int(x) for x in re.split(r"[./]", _text(g("dmy"))) if x.isdigit()] if g("dmy") else []
        self.m_upto = _int(g("m_upto"))   # 前五个月: January to the end of month 5
        self.m_last = _int(g("m_last"))   # 后三个月: the last three months of the year
        self.y_rel = lex("rel_year", g("y_rel"))
        # 去年同期: the period it is compared with (if captured), a year earlier; 2019年同期:
        # that period in the year written (y_at), whatever year it was in
        self.shift = lex("rel_period", g("y_same"))
        y_at = g("y_at")
        self.y_at = _int(y_at) if y_at else None
        self.m_rel = lex("rel_month", g("m_rel"))
        self.q_rel = lex("rel_quarter", g("q_rel"))
        self.q = _int(g("q")) or lex("quarter_word", g("q_word"))
        upto = lex("quarter_span", g("q_upto"))
        self.q_upto = upto is not None
        if upto is not None:
            self.q = upto
        self.century = _int(g("century"))
        self.c_rel = lex("rel_century", g("c_rel"))
        self.decade = _int(g("decade"))
        self.ypart = lex("year_part", g("ypart"))
        # the month word may carry the part itself (6月底: 月底)
        self.mpart = lex("month_part", g("mpart")) or lex("month_part", g("munit"))
        self.qpart = lex("quarter_part", g("qpart"))

    def empty(self) -> bool:
        return not self.dmy and all(v is None for v in (
            self.y, self.m, self.d, self.y_rel, self.m_rel, self.q, self.ypart, self.shift, self.m_upto,
            self.m_last, self.q_rel, self.mpart, self.century, self.c_rel, self.decade))

    def says_year(self) -> bool:
        return self.y is not None or self.y_rel is not None


# a calendar point that writes its year (2021年3月, 明年底, 2021年二季度): a later time of the
# same sentence that writes a month, a quarter or a part of the year but no year is read in
# that year (2021年3月开工，6月竣工 → June 2021), not in the report's
_DATED_POINT = re.compile(
    r"(?:((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4}) ?年 ?|(明年|来年|去年|后年|前年))"
    r"(?:([0-9]{1,2}|十[一二]?|[一二三四五六七八九]) ?月|([上下]半年|[底末初])|第?([一二三四1-4])季度)")
_SENTENCE_ENDS = "。！？；;!?\n"
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_REL_YEARS = {"明年": 1, "来年": 1, "后年": 2, "去年": -1, "前年": -2}
_PART_MONTHS = {"上半年": 1, "下半年": 7, "初": 1, "底": 12, "末": 12}


def _carried(caps: dict, ctx: Context) -> dt.date | None:
    """The first day of the dated point before the time in its sentence (see _DATED_POINT)."""
    text = ctx.text
    at = min((toks[0].start for toks in caps.values() if toks), default=0)
    begin = max(text.rfind(c, 0, at) for c in _SENTENCE_ENDS) + 1
    last = None
    for last in _DATED_POINT.finditer(text, begin, at):
        pass
    if last is None:
        return None
    y, rel, m, part, q = last.groups()
    if y is not None:
        year = int(y.translate(_HAN_DIGITS))
    elif ctx.ref_date is not None:
        year = ctx.ref_date.year + _REL_YEARS[rel]
    else:
        return None
    month = (_int_of(m) if m else _PART_MONTHS[part] if part else 3 * int(q.translate(_HAN_DIGITS)) - 2)
    return dt.date(year, month, 1) if 1 <= year <= 9999 and month is not None and 1 <= month <= 12 else None


def resolve(caps: dict, ctx: Context) -> Result:
    """The period, None if impossible, or 'incomplete' when the year needs a missing ref_date."""
    a = _Parts(caps, ctx)
    if a.empty():
        return None
    point = _carried(caps, ctx) if _carries_year(a, caps) else None
    start = _resolve_one(a, ctx, point)
    if point is not None and isinstance(start, tuple) and start[1] < point:
        # after the point, not before it (2020年12月开工，6月竣工 → June 2021)
        start = _resolve_one(a, ctx, dt.date(point.year + 1, 1, 1))
    if not isinstance(start, tuple) or not any(k.endswith("2") for k in caps):
        return start
    b = _Parts(caps, ctx, "2")
    end = _resolve_one(b, ctx, start[0])
    if not b.says_year() and (isinstance(end, tuple) and end[1] < start[0] or end is None and b.m is not None):
        # 12号到3号, 十二月至一月 (and 3月1日至2月29日 before a leap year): the end runs on
        # into the next month or year
        s = start[0]
        if b.m is None and b.d is not None:
            roll = dt.date(s.year + s.month // 12, s.month % 12 + 1, 1)
        else:
            roll = dt.date(s.year + 1, 1, 1)
        end = _resolve_one(b, ctx, roll)
    if not isinstance(end, tuple):
        return end
    return (start[0], end[1]) if end[1] >= start[0] else None


def _carries_year(p: _Parts, caps: dict) -> bool:
    """A time that writes a month, a quarter or a part of the year and nothing that fixes its
    year takes the year of the dated point before it (a day or 月底 alone keeps the report's)."""
    return ((p.m is not None or p.q is not None or p.ypart is not None) and p.shift is None
            and not any(k in caps for k in _YEARS))


def _year(p: _Parts, ref: dt.date | None, anchor: dt.date | None) -> int | None:
    """The year of one end: written, relative to the report, or the range start's."""
    near = anchor.year if anchor is not None else ref.year if ref is not None else None
    if p.y_at is not None:
        return p.y_at
    if p.y is not None:
        if not p.y_short:
            return p.y
        return _nearest_century(p.y, near) if near is not None else None
    if p.y_rel is not None and ref is not None:
        return ref.year + int(p.y_rel)
    return near


def _resolve_one(p: _Parts, ctx: Context, anchor: dt.date | None) -> Result:
    ref = ctx.ref_date
    if p.dmy:
        return _either_order(p.dmy)
    if p.century is not None or p.c_rel is not None or p.decade is not None:
        return _centuries(p, ref)
    if (p.m is not None and not 1 <= p.m <= 12) or (p.d is not None and not 1 <= p.d <= 31):
        return None
    year = _year(p, ref, anchor)
    if year is None:
        return _INCOMPLETE
    if p.shift is not None and p.y_at is None:
        year += int(p.shift)
    if not 1 <= year <= 9999:
        return None
    month = p.m
    if p.m_rel is not None:
        # 本月, 上上个月; 去年本月: the report's month in the year said
        if ref is None:
            return _INCOMPLETE
        k = year * 12 + ref.month - 1 + int(p.m_rel)
        year, month = k // 12, k % 12 + 1
    elif month is None and (p.d is not None or p.mpart is not None):
        # a day or a part alone (九号到十五号, 月底前): the month of the range's start, else the report's
        if anchor is not None:
            month = anchor.month
        elif ref is not None:
            month = ref.month
        else:
            return _INCOMPLETE
    try:
        if p.m_upto is not None:
            if not 1 <= p.m_upto <= 12:
                return None
            return dt.date(year, 1, 1), dt.date(year, p.m_upto, last_day(year, p.m_upto))
        if p.m_last is not None:
            if not 1 <= p.m_last <= 12:
                return None
            return dt.date(year, 13 - p.m_last, 1), dt.date(year, 12, 31)
        if p.q_rel is not None:
            if ref is None:
                return _INCOMPLETE
            k = ref.year * 4 + (ref.month - 1) // 3 + int(p.q_rel)
            return _quarter_period(k // 4, k % 4 + 1, False, p.qpart)
        if p.q is not None:
            return _quarter_period(year, int(p.q), p.q_upto, p.qpart)
        if month is not None:
            if p.d is not None:
                day = dt.date(year, month, p.d)
                return day, day
            return _month_period(year, month, p.mpart)
        if p.shift is not None and p.ypart is None:
            # nothing to compare with: the same stretch of that year, up to the report day
            if ref is None:
                return _INCOMPLETE
            return dt.date(year, 1, 1), dt.date(year, ref.month, min(ref.day, last_day(year, ref.month)))
        return _year_period(year, p.ypart)
    except ValueError:  # 2月30日
        return None


def _either_order(nums: list[int]) -> Period | None:
    """a/b/yyyy or a.b.yyyy: the date when only one reading (month/day or day/month) is on
    the calendar, or both readings agree (3/3/2015); None when they differ (3/7/2015)."""
    if len(nums) != 3:
        return None
    a, b, y = nums
    days = set()
    for m, d in ((a, b), (b, a)):
        try:
            days.add(dt.date(y, m, d))
        except ValueError:
            pass
    if len(days) != 1:
        return None
    day = days.pop()
    return day, day


def _centuries(p: _Parts, ref: dt.date | None) -> Result:
    """18世纪 → 1700–1799; 上世纪90年代 → 1990–1999; a decade alone is in the 1900s (50年代)."""
    century = p.century
    if p.c_rel is not None:
        if ref is None:
            return _INCOMPLETE
        century = (ref.year - 1) // 100 + 1 + int(p.c_rel)
    base = (century - 1) * 100 if century is not None else 1900
    if p.decade is None:
        first, last = base, base + 99
    elif p.decade % 10 or not 0 <= p.decade <= 90:
        return None
    else:
        first, last = base + p.decade, base + p.decade + 9
    if not 1 <= first <= last <= 9999:
        return None
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def _as_value(period: Result, as_value) -> dict | None:
    if period is None:
        return None
    if period == _INCOMPLETE:
        return {"value": None}
    assert isinstance(period, tuple)
    return {"value": as_value(period)}


def _whole(p: Period) -> list[str]:
    return [p[0].isoformat(), p[1].isoformat()]


def date(m, ctx: Context) -> dict | None:
    """DATE: the whole period, [start, end]."""
    return _as_value(resolve(m.captures, ctx), _whole)


def deadline(m, ctx: Context) -> dict | None:
    """DEADLINE: the last day of the period."""
    return _as_value(resolve(m.captures, ctx), lambda p: p[1].isoformat())


def deadline_ahead(m, ctx: Context) -> dict | None:
    """DEADLINE when the period is still ahead of the report date, else no match: with no
    cue word, only the calendar tells work still due (10月底完成 in a July report) from work
    done (6月底完成). The year under way is the report's own period, not a due date
    (2024年累计完成… in a July 2024 report). Without a report date nothing is due."""
    period = resolve(m.captures, ctx)
    ref = ctx.ref_date
    if not isinstance(period, tuple) or ref is None or period[1] <= ref:
        return None
    start, end = period
    if start <= ref and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return None
    return {"value": end.isoformat()}


# captures that fix the year of an expression (written, or relative to the report date)
_YEARS = ("y", "y_rel", "ymd", "ym", "dmy", "century", "c_rel", "decade", "m_rel", "q_rel")


def _yearless(m) -> bool:
    return not any(k in m.captures for k in _YEARS)


def deadline_ahead_dated(m, ctx: Context) -> dict | None:
    """deadline_ahead for a time that says its year (截至2024年底，将建成…); a yearless time
    after 截至 is an as-of date (as_of)."""
    return None if _yearless(m) else deadline_ahead(m, ctx)


def as_of(m, ctx: Context) -> dict | None:
    """DATE of an as-of time (截至…, 已发放至…): it has passed, so a yearless one that would
    fall after the report date is last year's (截至12月底 in a January report)."""
    ref = ctx.ref_date
    period = resolve(m.captures, ctx)
    if (isinstance(period, tuple) and ref is not None and period[0] > ref and _yearless(m)
            and _carried(m.captures, ctx) is None):
        year_before = dt.date(ref.year - 1, ref.month, min(ref.day, last_day(ref.year - 1, ref.month)))
        period = resolve(m.captures, Context(year_before, ctx.field, ctx.lexicons))
    return _as_value(period, _whole)
