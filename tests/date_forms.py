"""A generator of written dates, with the period each one covers worked out by `datetime`.

Every way the grammar claims to read a date is a *shape* (a day, a month with a part, a
range of quarters …); each shape is written with every year form (Arabic, full-width,
二〇二四, 二零二四, 二千零二十四, a relative year, none), month and day form (Arabic,
zero-padded, Chinese, 廿/卅), range separator and script. The expected `[start, end]`
comes from the numbers drawn, through `datetime` and `calendar` and the guide's
definitions of 上旬, 年初, 三季度末 …; nothing here calls the project's code. Numerals
are written by cn2an and Traditional text by OpenCC's s2t (the extractor only reads
t2s), so a case's expectation never depends on what it tests.

`draw(label, options)` picks one option: hypothesis draws them (tests/test_date_grammar.py),
and `all_forms` walks every combination of the labels that name a written form.
"""
from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import cn2an
import opencc

Draw = Callable[[str, Sequence], object]
Period = tuple[dt.date, dt.date]

_S2T = opencc.OpenCC("s2t")


# ---- numerals ---------------------------------------------------------------------------
def _digits(zero: str) -> Callable[[int], str]:
    return lambda n: cn2an.an2cn(n, "direct").replace("零", zero)


def _old_tens(n: int) -> str:
    """廿 for 20–29 and 卅 for 30–31: 廿一, 卅, 卅一."""
    tens, units = divmod(n, 10)
    head = {2: "廿", 3: "卅"}[tens]
    return head + (cn2an.an2cn(units, "low") if units else "")


YEAR_FORMS: dict[str, Callable[[int], str]] = {
    "arabic": str,
    "digits_〇": _digits("〇"),
    "digits_零": _digits("零"),
    "cardinal": lambda n: cn2an.an2cn(n, "low"),    # 二千零二十四
}
NUMBER_FORMS: dict[str, Callable[[int], str]] = {
    "arabic": str,
    "padded": lambda n: f"{n:02d}",
    "chinese": lambda n: cn2an.an2cn(n, "low"),
}
DAY_FORMS = {**NUMBER_FORMS, "old_tens": _old_tens}   # old_tens for days 20–31 only

REL_YEARS = {"今年": 0, "本年": 0, "这一年": 0, "去年": -1, "上年": -1, "明年": 1, "下年": 1, "前年": -2,
             "后年": 2, "大前年": -3, "大后年": 3}
REL_MONTHS = {"本月": 0, "当月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1, "上上个月": -2, "下下个月": 2}
REL_CENTURIES = {"上世纪": -1, "本世纪": 0}
SEPARATORS = ["-", "—", "——", "～", "~", "至", "到", "－"]
SCRIPTS = ["simplified", "traditional", "fullwidth"]


# ---- periods, from the guide's definitions ----------------------------------------------
def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def month_period(y: int, m: int) -> Period:
    return dt.date(y, m, 1), dt.date(y, m, last_day(y, m))


def quarter_period(y: int, q: int) -> Period:
    return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, last_day(y, 3 * q))


# part of a month → (first day, last day); None is the last day of the month
MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None), "初": (1, 10), "底": (None, None), "末": (None, None),
    "头": (1, 10), "尾": (None, None), "上半月": (1, 15), "下半月": (16, None),
}
# part of a year → ((month, day), (month, day)) (年初 → January, 年底 → Dec 31)
YEAR_PARTS = {"上半年": ((1, 1), (6, 30)), "下半年": ((7, 1), (12, 31)), "初": ((1, 1), (1, 31)),
              "底": ((12, 31), (12, 31)), "末": ((12, 31), (12, 31)), "头": ((1, 1), (1, 31)),
              "尾": ((12, 31), (12, 31)), "伊始": ((1, 1), (1, 31))}


def month_part(y: int, m: int, part: str) -> Period:
    a, b = MONTH_PARTS[part]
    last = last_day(y, m)
    if a is None:   # 底, 末: the last day
        return dt.date(y, m, last), dt.date(y, m, last)
    return dt.date(y, m, a), dt.date(y, m, b if b is not None else last)


def year_part(y: int, part: str) -> Period:
    (m1, d1), (m2, d2) = YEAR_PARTS[part]
    return dt.date(y, m1, d1), dt.date(y, m2, d2)


def nearest_century(yy: int, near: int) -> int:
    """A two-digit year read in the century nearest `near` (the report's year)."""
    return min((c * 100 + yy for c in (near // 100 - 1, near // 100, near // 100 + 1)),
               key=lambda y: (abs(y - near), y))


def shift_month(ref: dt.date, k: int) -> tuple[int, int]:
    n = ref.year * 12 + ref.month - 1 + k
    return n // 12, n % 12 + 1


# ---- one case ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    shape: str
    pieces: tuple[str, ...]    # the written date in pieces (a piece is converted whole)
    period: Period
    ref: dt.date

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    @property
    def yearless(self) -> bool:
        """Writes no year: no 年 or 世纪, no four-digit year, no relative month (本月 …)."""
        return not any("年" in p or "世纪" in p or re.search("[0-9]{4}", p) or p in REL_MONTHS
                       for p in self.pieces)


def _short_year(draw: Draw, ref: dt.date) -> tuple[str, int]:
    """A two-digit year (15, 九七) within 40 years of the report's, so its century is plain."""
    y = draw("year", range(ref.year - 40, ref.year + 41))
    written = f"{y % 100:02d}"
    if draw("short_form", ["arabic", "chinese"]) == "chinese":
        written = cn2an.an2cn(written, "direct")
    return written, y


def _year(draw: Draw, ref: dt.date, *, none: bool = True, rel: bool = True) -> tuple[str, int, bool]:
    """A year slot before a month, day, quarter or part: (text, year, written). `written` is
    False for none and relative years."""
    kinds = list(YEAR_FORMS) + ["short"] + (["relative"] if rel else []) + (["none"] if none else [])
    kind = draw("year_form", kinds)
    if kind == "none":
        return "", ref.year, False
    if kind == "relative":
        word = draw("rel_year", list(REL_YEARS))
        return word, ref.year + REL_YEARS[word], False
    if kind == "short":
        written, y = _short_year(draw, ref)
        return written + "年", y, True
    y = draw("year", range(1990, 2036))
    return YEAR_FORMS[kind](y) + "年", y, True


def _num(draw: Draw, label: str, n: int, forms: dict[str, Callable[[int], str]]) -> str:
    kind = draw(label, list(forms))
    if kind == "old_tens" and n < 20:
        kind = "chinese"
    return forms[kind](n)


def _day_in(draw: Draw, y: int, m: int, label: str = "day") -> int:
    return draw(label, range(1, last_day(y, m) + 1))  # type: ignore[return-value]


def shape_day(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref)
    m = draw("month", range(1, 13))
    d = _day_in(draw, y, m)
    unit = draw("day_unit", ["日", "号"])
    text = (ytext, _num(draw, "month_form", m, NUMBER_FORMS), "月", _num(draw, "day_form", d, DAY_FORMS), unit)
    return Case("day", text, (dt.date(y, m, d),) * 2, ref)


def shape_month(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref)
    m = draw("month", range(1, 13))
    tail = draw("month_tail", ["月", "月份", *("月" + p for p in MONTH_PARTS)])
    period = month_part(y, m, tail[1:]) if tail[1:] in MONTH_PARTS else month_period(y, m)
    return Case("month", (ytext, _num(draw, "month_form", m, NUMBER_FORMS), tail), period, ref)


def shape_year(draw: Draw, ref: dt.date) -> Case:
    kind = draw("year_form", [*YEAR_FORMS, "relative", "short"])
    if kind == "relative":
        word = draw("rel_year", list(REL_YEARS))
        y, ytext = ref.year + REL_YEARS[word], word
    elif kind == "short":
        # alone, only the two-digit years no count of years is written like: 08年, 零八年, 九〇年
        zero = draw("zero", ["0", "〇", "零"])
        y = draw("year", [v for v in range(ref.year - 40, ref.year + 41)
                          if v % 100 < 10 or (v % 10 == 0 and zero != "0")])
        digits = f"{y % 100:02d}"
        ytext = (digits if zero == "0" else cn2an.an2cn(digits, "direct").replace("零", zero)) + "年"
    else:
        y = draw("year", range(1990, 2036))
        ytext = YEAR_FORMS[kind](y) + "年"
    tail = draw("year_tail", ["", *YEAR_PARTS] + (["度"] if kind not in ("relative", "short") else []))
    if tail in YEAR_PARTS:
        return Case("year", (ytext, tail), year_part(y, tail), ref)
    return Case("year", (ytext, tail), (dt.date(y, 1, 1), dt.date(y, 12, 31)), ref)


def shape_quarter(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref)
    q = draw("quarter", range(1, 5))
    ordinal = draw("ordinal", ["", "第"])
    qtext = draw("quarter_form", ["arabic", "chinese"])
    part = draw("quarter_part", ["", "末"])
    first, last = quarter_period(y, q)
    period = (last, last) if part else (first, last)
    return Case("quarter", (ytext, ordinal, str(q) if qtext == "arabic" else cn2an.an2cn(q), "季度", part),
                period, ref)


def shape_first_months(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref)
    n = draw("months", range(1, 13))
    ntext = draw("month_form", ["arabic", "chinese", *(["两"] if n == 2 else [])])
    written = {"arabic": str(n), "chinese": cn2an.an2cn(n, "low"), "两": "两"}[ntext]
    return Case("first_months", (ytext, "前", written, "个月"), (dt.date(y, 1, 1), month_period(y, n)[1]), ref)


def shape_rel_month(draw: Draw, ref: dt.date) -> Case:
    word = draw("rel_month", list(REL_MONTHS))
    y, m = shift_month(ref, REL_MONTHS[word])
    tail = draw("rel_month_tail", ["", "day", *MONTH_PARTS])
    if tail == "day":
        d = _day_in(draw, y, m)
        return Case("rel_month", (word, _num(draw, "day_form", d, DAY_FORMS), draw("day_unit", ["日", "号"])),
                    (dt.date(y, m, d),) * 2, ref)
    if tail:
        return Case("rel_month", (word, tail), month_part(y, m, tail), ref)
    return Case("rel_month", (word,), month_period(y, m), ref)


def _sep(draw: Draw) -> str:
    return draw("separator", SEPARATORS)  # type: ignore[return-value]


def _two(draw: Draw, label: str, lo: int, hi: int) -> tuple[int, int]:
    """Two numbers lo <= a < b <= hi."""
    a = draw(label, range(lo, hi))
    b = draw(label + "2", range(a + 1, hi + 1))
    return a, b  # type: ignore[return-value]


def shape_year_range(draw: Draw, ref: dt.date) -> Case:
    kind = draw("year_form", list(YEAR_FORMS))
    y1, y2 = _two(draw, "year", 1990, 2035)
    w = YEAR_FORMS[kind]
    first_unit = draw("first_unit", ["", "年"])
    return Case("year_range", (w(y1), first_unit, _sep(draw), w(y2), "年"),
                (dt.date(y1, 1, 1), dt.date(y2, 12, 31)), ref)


def shape_month_range(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref)
    m1, m2 = _two(draw, "month", 1, 12)
    form = draw("month_form", list(NUMBER_FORMS))
    first_unit = draw("first_unit", ["", "月"])
    return Case("month_range", (ytext, NUMBER_FORMS[form](m1), first_unit, _sep(draw), NUMBER_FORMS[form](m2),
                                draw("month_unit", ["月", "月份"])), (month_period(y, m1)[0], month_period(y, m2)[1]), ref)


def shape_first_month_range(draw: Draw, ref: dt.date) -> Case:
    """元至3月份: from January (元, its 月 left to the second end) to a month."""
    ytext, y, _ = _year(draw, ref)
    m2 = draw("month", range(2, 13))
    return Case("first_month_range", (ytext, "元", _sep(draw), _num(draw, "month_form", m2, NUMBER_FORMS),
                                      draw("month_unit", ["月", "月份"])), (dt.date(y, 1, 1), month_period(y, m2)[1]), ref)


def shape_day_range(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref, rel=False)
    m = draw("month", range(1, 13))
    d1, d2 = _two(draw, "day", 1, last_day(y, m))
    dform = draw("day_form", list(DAY_FORMS))
    day = lambda d: DAY_FORMS["chinese" if dform == "old_tens" and d < 20 else dform](d)  # noqa: E731
    unit = draw("day_unit", ["日", "号", ""])   # "": 二月十三到十五, no unit after
    first_unit = draw("first_unit", ["", unit])
    return Case("day_range", (ytext, _num(draw, "month_form", m, NUMBER_FORMS), "月", day(d1), first_unit,
                              _sep(draw), day(d2), unit),
                (dt.date(y, m, d1), dt.date(y, m, d2)), ref)


def shape_md_range(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref, rel=False)
    m1, m2 = _two(draw, "month", 1, 12)
    d1, d2 = _day_in(draw, y, m1), _day_in(draw, y, m2, "day2")
    form = draw("month_form", list(NUMBER_FORMS))
    units = draw("day_units", ["", "日", "号"])
    return Case("md_range", (ytext, NUMBER_FORMS[form](m1), "月", NUMBER_FORMS[form](d1), units, _sep(draw),
                             NUMBER_FORMS[form](m2), "月", NUMBER_FORMS[form](d2), units),
                (dt.date(y, m1, d1), dt.date(y, m2, d2)), ref)


def shape_bare_day_range(draw: Draw, ref: dt.date) -> Case:
    d1, d2 = _two(draw, "day", 1, last_day(ref.year, ref.month))
    form = draw("day_form", list(NUMBER_FORMS))
    first, second = draw("day_units", [("日", "日"), ("号", "号"), ("", "日"), ("号", "日")])
    return Case("bare_day_range", (NUMBER_FORMS[form](d1), first, _sep(draw), NUMBER_FORMS[form](d2), second),
                (dt.date(ref.year, ref.month, d1), dt.date(ref.year, ref.month, d2)), ref)


def shape_quarter_range(draw: Draw, ref: dt.date) -> Case:
    ytext, y, _ = _year(draw, ref, rel=False)
    q1, q2 = _two(draw, "quarter", 1, 4)
    ordinal = draw("ordinal", ["", "第"])
    w = str if draw("quarter_form", ["arabic", "chinese"]) == "arabic" else cn2an.an2cn
    first_unit = draw("first_unit", ["", "季度"])
    return Case("quarter_range", (ytext, ordinal, w(q1), first_unit, _sep(draw), ordinal, w(q2), "季度"),
                (quarter_period(y, q1)[0], quarter_period(y, q2)[1]), ref)


def _ordered_days(draw: Draw) -> tuple[dt.date, dt.date]:
    a = dt.date(1990, 1, 1) + dt.timedelta(days=draw("first_day", range(0, 16000)))  # type: ignore[operator]
    b = a + dt.timedelta(days=draw("length", range(1, 1500)))  # type: ignore[operator]
    return a, b


def shape_full_range(draw: Draw, ref: dt.date) -> Case:
    a, b = _ordered_days(draw)
    kind = draw("year_form", list(YEAR_FORMS))
    form = draw("month_form", list(NUMBER_FORMS))
    n = NUMBER_FORMS[form]
    if draw("granularity", ["month", "day"]) == "month":
        if (a.year, a.month) == (b.year, b.month):
            b = dt.date(b.year + 1, b.month, 1)
        pieces = (YEAR_FORMS[kind](a.year), "年", n(a.month), "月", _sep(draw),
                  YEAR_FORMS[kind](b.year), "年", n(b.month), "月")
        return Case("full_range", pieces, (month_period(a.year, a.month)[0], month_period(b.year, b.month)[1]), ref)
    unit = draw("day_unit", ["日", "号"])
    pieces = (YEAR_FORMS[kind](a.year), "年", n(a.month), "月", n(a.day), unit, _sep(draw),
              YEAR_FORMS[kind](b.year), "年", n(b.month), "月", n(b.day), unit)
    return Case("full_range", pieces, (a, b), ref)


def shape_numeric(draw: Draw, ref: dt.date) -> Case:
    a, b = _ordered_days(draw)
    kind = draw("numeric", ["iso", "slash", "dotted", "dotted_range", "dotted_ym_range", "dotted_md_range"])
    pad = draw("padded", [False, True])
    n = (lambda k: f"{k:02d}") if pad else str
    if kind in ("iso", "slash", "dotted"):
        s = {"iso": "-", "slash": "/", "dotted": "."}[kind]
        return Case("numeric", (f"{a.year}{s}{n(a.month)}{s}{n(a.day)}",), (a, a), ref)
    sep = draw("separator", ["-", "—", "～", "~", "至", "到"])
    if kind == "dotted_range":
        return Case("numeric", (f"{a.year}.{n(a.month)}.{n(a.day)}", sep, f"{b.year}.{n(b.month)}.{n(b.day)}"),
                    (a, b), ref)
    if kind == "dotted_ym_range":
        if (a.year, a.month) == (b.year, b.month):
            b = dt.date(b.year + 1, b.month, 1)
        return Case("numeric", (f"{a.year}.{a.month:02d}", sep, f"{b.year}.{b.month:02d}"),
                    (month_period(a.year, a.month)[0], month_period(b.year, b.month)[1]), ref)
    # month.day ranges of the report's year
    m1, m2 = _two(draw, "month", 1, 12)
    d1, d2 = _day_in(draw, ref.year, m1), _day_in(draw, ref.year, m2, "day2")
    return Case("numeric", (f"{n(m1)}.{n(d1)}", sep, f"{n(m2)}.{n(d2)}"),
                (dt.date(ref.year, m1, d1), dt.date(ref.year, m2, d2)), ref)


def shape_open_day(draw: Draw, ref: dt.date) -> Case:
    """A day without 日 after its month and a written year or none (二月十五，); the text goes
    on with no unit."""
    ytext, y, _ = _year(draw, ref, rel=False)
    m = draw("month", range(1, 13))
    d = _day_in(draw, y, m)
    return Case("open_day", (ytext, _num(draw, "month_form", m, NUMBER_FORMS), "月",
                             _num(draw, "day_form", d, NUMBER_FORMS)), (dt.date(y, m, d),) * 2, ref)


def shape_century(draw: Draw, ref: dt.date) -> Case:
    """18世纪 → 1700–1799; 上世纪90年代 → the 1990s; 50年代 alone → the 1950s."""
    kind = draw("century_form", ["arabic", "chinese", "relative", "none"])
    decade = draw("decade", [None, *range(20, 100, 10)] if kind != "none" else range(20, 100, 10))
    if kind == "relative":
        word = draw("rel_century", list(REL_CENTURIES))
        c, head = (ref.year - 1) // 100 + 1 + REL_CENTURIES[word], word
    elif kind == "none":
        c, head = 20, ""
    else:
        c = draw("century", range(2, 22))
        head = (str(c) if kind == "arabic" else cn2an.an2cn(c, "low")) + "世纪"
    if decade is None:
        return Case("century", (head,), (dt.date((c - 1) * 100, 1, 1), dt.date((c - 1) * 100 + 99, 12, 31)), ref)
    first = (c - 1) * 100 + decade
    dtext = str(decade) if draw("decade_form", ["arabic", "chinese"]) == "arabic" else cn2an.an2cn(decade, "low")
    return Case("century", (head, dtext, "年代"), (dt.date(first, 1, 1), dt.date(first + 9, 12, 31)), ref)


def shape_month_of_year(draw: Draw, ref: dt.date) -> Case:
    """元月, 2005年首月, 70年第8个月, 2021年后三个月, 去年本月."""
    kind = draw("month_of_year", ["元月", "首月", "ordinal", "last", "rel_rel"])
    if kind == "元月":
        return Case("month_of_year", ("元月",), month_period(ref.year, 1), ref)
    if kind == "rel_rel":
        word = draw("rel_year", list(REL_YEARS))
        mword = draw("rel_month", ["本月", "当月"])
        return Case("month_of_year", (word, mword), month_period(ref.year + REL_YEARS[word], ref.month), ref)
    ytext, y, _ = _year(draw, ref, none=False, rel=False)
    if kind == "首月":
        return Case("month_of_year", (ytext, "首月"), month_period(y, 1), ref)
    n = draw("months", range(1, 13))
    ntext = str(n) if draw("month_form", ["arabic", "chinese"]) == "arabic" else cn2an.an2cn(n, "low")
    unit = draw("month_unit", ["个月", "月"])
    if kind == "ordinal":   # 第8月 is vetoed as an ordinal (veto.ordinal); 第8个月 after a year is August
        return Case("month_of_year", (ytext, "第", ntext, "个月"), month_period(y, n), ref)
    return Case("month_of_year", (ytext, "后", ntext, unit), (dt.date(y, 13 - n, 1), dt.date(y, 12, 31)), ref)


def shape_rolling_range(draw: Draw, ref: dt.date) -> Case:
    """An end before its start runs on into the next month or year (12号到3号, 十二月至一月)."""
    kind = draw("rolling", ["days", "months", "month_days"])
    n = NUMBER_FORMS[draw("month_form", ["arabic", "chinese"])]
    sep = _sep(draw)
    if kind == "days":
        nxt = dt.date(ref.year + ref.month // 12, ref.month % 12 + 1, 1)
        d2 = draw("day2", range(1, min(28, last_day(ref.year, ref.month))))
        d1 = draw("day", range(d2 + 1, last_day(ref.year, ref.month) + 1))
        unit = draw("day_unit", ["日", "号"])
        return Case("rolling_range", (n(d1), unit, sep, n(d2), unit),
                    (dt.date(ref.year, ref.month, d1), dt.date(nxt.year, nxt.month, d2)), ref)
    m2 = draw("month2", range(1, 12))
    m1 = draw("month", range(m2 + 1, 13))
    if kind == "months":
        return Case("rolling_range", (n(m1), draw("first_unit", ["", "月"]), sep, n(m2), "月"),
                    (month_period(ref.year, m1)[0], month_period(ref.year + 1, m2)[1]), ref)
    d1, d2 = _day_in(draw, ref.year, m1), _day_in(draw, ref.year + 1, m2, "day2")
    unit = draw("day_unit", ["日", "号"])
    return Case("rolling_range", (n(m1), "月", n(d1), unit, sep, n(m2), "月", n(d2), unit),
                (dt.date(ref.year, m1, d1), dt.date(ref.year + 1, m2, d2)), ref)


def shape_either_order(draw: Draw, ref: dt.date) -> Case:
    """Day and month in the order the calendar forces (10/31/1974, 13.5.2015)."""
    y = draw("year", range(1950, 2036))
    m = draw("month", range(1, 13))
    d = draw("day", range(13, last_day(y, m) + 1))
    if draw("order", ["month_first", "day_first"]) == "month_first":
        a, b = m, d
    else:
        a, b = d, m
    s = draw("either_sep", ["/", "."])
    return Case("either_order", (f"{a}{s}{b}{s}{y}",), (dt.date(y, m, d),) * 2, ref)


SHAPES: dict[str, Callable[[Draw, dt.date], Case]] = {
    "day": shape_day, "month": shape_month, "year": shape_year, "quarter": shape_quarter,
    "first_months": shape_first_months, "rel_month": shape_rel_month,
    "year_range": shape_year_range, "month_range": shape_month_range, "first_month_range": shape_first_month_range,
    "day_range": shape_day_range,
    "md_range": shape_md_range, "bare_day_range": shape_bare_day_range, "quarter_range": shape_quarter_range,
    "full_range": shape_full_range, "numeric": shape_numeric, "open_day": shape_open_day,
    "century": shape_century, "month_of_year": shape_month_of_year, "rolling_range": shape_rolling_range,
    "either_order": shape_either_order,
}


# ---- script and width ---------------------------------------------------------------------
_FULL = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def written(case: Case, script: str) -> str:
    """The date in a script: Traditional piece by piece (s2t keeps each piece's length or the
    piece stays Simplified), or with full-width digits and punctuation."""
    if script == "traditional":
        out = []
        for p in case.pieces:
            t = _S2T.convert(p)
            out.append(t if len(t) == len(p) else p)
        return "".join(out)
    if script == "fullwidth":
        return case.text.translate(_FULL)
    return case.text


def ref_date(draw: Draw) -> dt.date:
    return dt.date(2001, 1, 1) + dt.timedelta(days=draw("ref", range(0, 30 * 365)))  # type: ignore[operator]


# ---- every combination of written forms ---------------------------------------------------
FORM_LABELS = {"year_form", "rel_year", "zero", "month_form", "day_form", "day_unit", "day_units",
               "month_tail", "year_tail", "ordinal", "quarter_form", "quarter_part", "rel_month", "rel_month_tail",
               "separator", "first_unit", "month_unit", "granularity", "numeric", "padded", "century_form",
               "rel_century", "decade_form", "month_of_year", "rolling", "order", "either_sep"}


def all_forms(shape: str, seed: int = 0) -> Iterator[tuple[Case, str]]:
    """Every combination of the written forms a shape draws (FORM_LABELS), each once, with
    the numbers drawn at random (seeded) and the script taking turns."""
    rng = random.Random(f"{shape}:{seed}")
    fixed: list[int] = []   # the choices of this run at the form labels met so far, in order
    while True:
        at = 0
        widths: list[int] = []

        def draw(label: str, options: Sequence) -> object:
            nonlocal at
            options = list(options)
            if label not in FORM_LABELS:
                return rng.choice(options)
            i = fixed[at] if at < len(fixed) else 0
            if at >= len(fixed):
                fixed.append(0)
            widths.append(len(options))
            at += 1
            return options[min(i, len(options) - 1)]

        ref = ref_date(draw)
        case = SHAPES[shape](draw, ref)
        yield case, SCRIPTS[sum(fixed) % len(SCRIPTS)]
        del fixed[at:]
        # the next combination: count up like an odometer over the choices taken
        k = len(fixed) - 1
        while k >= 0 and fixed[k] + 1 >= widths[k]:
            k -= 1
        if k < 0:
            return
        fixed[k] += 1
        del fixed[k + 1:]


