"""Calendar periods: a DATE is [start, end], a DEADLINE the end of its period.

The period is built from the captured parts of a time expression — year, month, day,
quarter, half, part of a period (底, 上旬, 年初 …), relative words (今年, 本月) — and
completed from the document's ref_date, never from the wall clock. No library resolves
Chinese period words (上半年, 中旬, 前三季度) to date ranges, so this part is by hand.
When a year is missing and there is no ref_date, the entity is kept with value None.
"""
from __future__ import annotations

import datetime as dt

from .context import Context
from .numbers import parse_number

Period = tuple[dt.date, dt.date]


def last_day(y: int, m: int) -> int:
    """The last day of month m (datetime's arithmetic, in C: calendar.monthrange is Python)."""
    return 31 if m == 12 else (dt.date(y, m + 1, 1) - _ONE_DAY).day


_ONE_DAY = dt.timedelta(days=1)


# the old tens (廿一日, 卅日) that cn2an does not read all of
_OLD_TENS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})


def _int(tokens) -> int | None:
    if not tokens:
        return None
    n = parse_number("".join(t.norm for t in tokens).translate(_OLD_TENS))
    return int(n) if n is not None and n == int(n) else None


def _month_period(y: int, m: int, part: str | None) -> Period:
    last = last_day(y, m)
    spans = {None: (1, last), "whole": (1, last), "start": (1, 10), "early": (1, 10),
             "mid": (11, 20), "late": (21, last), "end": (last, last)}
    a, b = spans.get(part, (1, last))
    return dt.date(y, m, a), dt.date(y, m, b)


def _year_period(y: int, part: str | None) -> Period:
    spans = {None: ((1, 1), (12, 31)), "whole": ((1, 1), (12, 31)), "start": ((1, 1), (1, 31)),
             "mid": ((6, 1), (7, 31)), "end": ((12, 31), (12, 31)),
             "H1": ((1, 1), (6, 30)), "H2": ((7, 1), (12, 31))}
    (m1, d1), (m2, d2) = spans.get(part, spans[None])
    return dt.date(y, m1, d1), dt.date(y, m2, d2)


class _Parts:
    """The captured parts of one end of a time expression (suffix '' or '2')."""

    def __init__(self, caps: dict, ctx: Context, sfx: str = ""):
        g = lambda k: caps.get(k + sfx)  # noqa: E731
        self.y, self.m, self.d = _int(g("y")), _int(g("m")), _int(g("d"))
        dotted = g("ymd") or g("ym") or g("md")
        if dotted:
            nums = [int(x) for x in "".join(t.norm for t in dotted).split(".") if x.isdigit()]
            if g("ymd") and len(nums) == 3:
                self.y, self.m, self.d = nums
            elif g("ym") and len(nums) == 2:
                self.y, self.m = nums
            elif g("md") and len(nums) == 2:
                self.m, self.d = nums
            else:
                self.m = -1  # malformed: rejected below
        # 前五个月: January to the end of that month
        self.m_upto = _int(g("m_upto"))
        self.y_rel = ctx.lex_value("rel_year", g("y_rel"))
        # 去年同期: the period it is compared with (if captured), a year earlier
        self.shift = ctx.lex_value("rel_period", g("y_same"))
        self.m_rel = ctx.lex_value("rel_month", g("m_rel"))
        self.q_rel = ctx.lex_value("rel_quarter", g("q_rel"))
        self.q = _int(g("q")) or ctx.lex_value("quarter_word", g("q_word"))
        upto = ctx.lex_value("quarter_span", g("q_upto"))
        self.q_upto = upto is not None
        if upto is not None:
            self.q = upto
        self.ypart = ctx.lex_value("year_part", g("ypart"))
        # the month word may carry the part itself (6月底: 月底)
        self.mpart = ctx.lex_value("month_part", g("mpart")) or ctx.lex_value("month_part", g("munit"))
        self.qpart = ctx.lex_value("quarter_part", g("qpart"))

    def empty(self) -> bool:
        return all(v is None for v in (self.y, self.m, self.d, self.y_rel, self.m_rel, self.q, self.ypart,
                                        self.shift, self.m_upto, self.q_rel, self.mpart))


def resolve(caps: dict, ctx: Context) -> Period | None | str:
    """The period, None if impossible, or 'incomplete' when the year needs a missing ref_date."""
    a = _Parts(caps, ctx)
    if a.empty():
        return None
    start = _resolve_one(a, ctx, None)
    if not isinstance(start, tuple):
        return start
    if any(k.endswith("2") for k in caps):
        # the second end takes the year (and month) it does not say from the start:
        # 2024年1-6月, 4.8-7.19, 4月12-19日
        end = _resolve_one(_Parts(caps, ctx, "2"), ctx, start[0])
        if not isinstance(end, tuple):
            return end
        if end[1] < start[0]:
            return None
        return start[0], end[1]
    return start


def _resolve_one(p: _Parts, ctx: Context, anchor: dt.date | None) -> Period | None | str:
    ref = ctx.ref_date
    if (p.m is not None and not 1 <= p.m <= 12) or (p.d is not None and not 1 <= p.d <= 31):
        return None
    if p.y is not None:
        year = p.y
    elif p.y_rel is not None and ref is not None:
        year = ref.year + int(p.y_rel)
    elif anchor is not None:
        year = anchor.year
    elif ref is not None:
        year = ref.year
    else:
        return "incomplete"
    if p.shift is not None:
        year += int(p.shift)
    if not 1900 <= year <= 2100:
        return None
    month = p.m
    if p.m_rel is not None:
        if ref is None:
            return "incomplete"
        k = ref.year * 12 + ref.month - 1 + int(p.m_rel)
        year, month = k // 12, k % 12 + 1
    elif month is None and (p.d is not None or p.mpart is not None):
        # a day or a part alone (九号到十五号, 月底前): the month of the range's start, else the report's
        if anchor is not None:
            month = anchor.month
        elif ref is not None:
            month = ref.month
        else:
            return "incomplete"
    try:
        if p.m_upto is not None:
            if not 1 <= p.m_upto <= 12:
                return None
            return dt.date(year, 1, 1), dt.date(year, p.m_upto, last_day(year, p.m_upto))
        if p.q_rel is not None:
            if ref is None:
                return "incomplete"
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
                return "incomplete"
            return dt.date(year, 1, 1), dt.date(year, ref.month, min(ref.day, last_day(year, ref.month)))
        return _year_period(year, p.ypart)
    except ValueError:  # 2月30日
        return None


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


def _value(m, ctx: Context, as_value) -> dict | None:
    period = resolve(m.captures, ctx)
    if period is None:
        return None
    if period == "incomplete":
        return {"value": None}
    return {"value": as_value(period)}


def date(m, ctx: Context) -> dict | None:
    """DATE: the whole period, [start, end]."""
    return _value(m, ctx, lambda p: [p[0].isoformat(), p[1].isoformat()])


def deadline(m, ctx: Context) -> dict | None:
    """DEADLINE: the last day of the period."""
    return _value(m, ctx, lambda p: p[1].isoformat())


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
