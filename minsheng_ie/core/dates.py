"""The report date a caller gives: a date, or a string in ISO or written Chinese form."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

import cn2an

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})$")
# 2020年3月31日, 2020 年 3 月 31 号, 二〇二〇年三月三十一日 (full-width digits too)
_CN_DIGITS = "〇零一二三四五六七八九十"
_WRITTEN = re.compile(rf"^([\d{_CN_DIGITS}]{{4}})\s*年\s*([\d{_CN_DIGITS}]{{1,3}})\s*月\s*"
                      rf"([\d{_CN_DIGITS}]{{1,3}})\s*[日号]$")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def parse_ref_date(ref_date: Any) -> dt.date | None:
    """None, a date/datetime, or a string: ISO (2020-03-31), 2020/3/31, or a written Chinese
    date (2020年3月31日, 二〇二〇年三月三十一日). Words like 昨天 or "yesterday" are refused:
    a report date is a calendar date, not one relative to the day the program runs."""
    if ref_date is None:
        return None
    if isinstance(ref_date, dt.datetime):
        return ref_date.date()
    if isinstance(ref_date, dt.date):
        return ref_date
    if not isinstance(ref_date, str):
        raise TypeError(f"ref_date must be a date or str, not {type(ref_date).__name__}")
    return _parse_date_string(ref_date)


@lru_cache(maxsize=4096)   # a batch gives the same few dates again and again
def _parse_date_string(ref_date: str) -> dt.date:
    s = ref_date.strip().translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})  # full-width digits
    m = _ISO.match(s) or _NUMERIC.match(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _WRITTEN.match(s)
        if m is None:
            raise ValueError(f"invalid ref_date {ref_date!r}: use an ISO date like 2020-03-31 "
                             "or a written one like 2020年3月31日")
        y = int(m[1].translate(_YEAR_DIGITS))
        mo, d = (int(cn2an.cn2an(g, "smart")) if not g.isdigit() else int(g) for g in (m[2], m[3]))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"invalid ref_date {ref_date!r}: not a calendar date") from None
