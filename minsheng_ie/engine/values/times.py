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


def _int(tokens) -> int | None:
    if not tokens:
        return None
    n = parse_number("".join(t.norm for t in tokens))
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
        dotted = g("ymd") or g("md")
        if dotted:
            nums = [int(x) for x in "".join(t.norm for t in dotted).split(".") if x.isdigit()]
            if g("ymd") and len(nums) == 3:
                self.y, self.m, self.d = nums
            elif g("md") and len(nums) == 2:
                self.m, self.d = nums
            else:
                self.m = -1  # malformed: rejected below
        self.y_rel = ctx.lex_value("rel_year", g("y_rel"))
        # 去年同期: the period it is compared with (if captured), a year earlier
        self.shift = ctx.lex_value("rel_period", g("y_same"))
        self.m_rel = ctx.lex_value("rel_month", g("m_rel"))
        self.q = _int(g("q")) or ctx.lex_value("quarter_word", g("q_word"))
        upto = ctx.lex_value("quarter_span", g("q_upto"))
        self.q_upto = upto is not None
        if upto is not None:
            self.q = upto
        self.ypart = ctx.lex_value("year_part", g("ypart"))
        self.mpart = ctx.lex_value("month_part", g("mpart"))
        self.qpart = ctx.lex_value("quarter_part", g("qpart"))

    def empty(self) -> bool:
        return all(v is None for v in (self.y, self.m, self.d, self.y_rel, self.m_rel, self.q, self.ypart,
                                        self.shift))


def resolve(caps: dict, ctx: Context) -> Period | None | str:
    """The period, None if impossible, or 'incomplete' when the year needs a missing ref_date."""
    a = _Parts(caps, ctx)
    if a.empty():
        return None
    start = _resolve_one(a, ctx, None)
    if not isinstance(start, tuple):
        return start
    if any(k.endswith("2") for k in caps):
        b = _Parts(caps, ctx, "2")
        # the second end inherits what it does not say: 2024年1-6月, 4.8-7.19
        b.y = b.y if b.y is not None else a.y
        b.y_rel = b.y_rel if b.y_rel is not None else a.y_rel
        if b.m is None and b.d is not None:
            b.m = a.m
        end = _resolve_one(b, ctx, start[0])
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
    try:
        if p.m_rel is not None and ref is not None:
            k = ref.year * 12 + ref.month - 1 + int(p.m_rel)
            return _month_period(k // 12, k % 12 + 1, p.mpart)
        if p.q is not None:
            q = int(p.q)
            if not 1 <= q <= 4:
                return None
            first = dt.date(year, 1, 1) if p.q_upto else dt.date(year, 3 * q - 2, 1)
            last = dt.date(year, 3 * q, last_day(year, 3 * q))
            if p.qpart == "end":
                return last, last
            return first, last
        if p.m is not None:
            if not 1 <= p.m <= 12:
                return None
            if p.d is not None:
                day = dt.date(year, p.m, p.d)
                return day, day
            return _month_period(year, p.m, p.mpart)
        if p.d is not None:
            return None
        if p.shift is not None and p.ypart is None:
            # nothing to compare with: the same stretch of that year, up to the report day
            if ref is None:
                return "incomplete"
            return dt.date(year, 1, 1), dt.date(year, ref.month, min(ref.day, last_day(year, ref.month)))
        return _year_period(year, p.ypart)
    except ValueError:  # 2月30日
        return None


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
