"""The report's title and date, from its front matter.

The title is the first short line that ends like a report title (…进展情况表, …方案, …通报),
else the first short line: at most 60 characters, so a one-line text never becomes its
own title. The date is a publication date (发布日期：…) or the date the figures stand at
(统计时点：…, 填报日期：…, a line （截至2022年9月20日）), else the last signature date
(a line that is, or ends with, a full date), else the end of the period the title names
(2020年3月 → 2020-03-31, 二季度 → 06-30, 上半年 → 06-30, 全年 → 12-31)."""
from __future__ import annotations

import datetime as dt
import re

from ..engine.normalize import normalize
from ..engine.values.times import last_day
from .model import Unit
from .numbering import cn_number

_TITLE_MAX = 60
_TITLE_END = re.compile(r"(表|方案|小结|通报|通知|报告|总结|进展情况|完成情况|进度|公示)$")
_SIGN_DATE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a publication date, or the date a table's figures stand at (统计时点：2015年7月31日)
_ISO_DATE = re.compile(r"(?:发布日期|发文日期|成文日期|发布时间|统计时点|统计日期|统计时间|统计截止日期|数据截至|数据截止|"
                       r"填报日期|填报时间|报送日期|报送时间|日期)[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# a line that is only the date the figures stand at: （截至2022年9月20日）
# blanks without line breaks ([^\S\n]): a \s* may not run into the next line's start
_AS_OF_LINE = re.compile(r"^[^\S\n]*(?:\([^\S\n]*)?截[至止][^\S\n]*(\d{4})[^\S\n]*年[^\S\n]*(\d{1,2})[^\S\n]*月"
                         r"[^\S\n]*(\d{1,2})[^\S\n]*日[^\S\n]*(?:\)[^\S\n]*)?$", re.M)
_TITLE_MONTH = re.compile(r"(?<!\d)(\d{4})年.*?(\d{1,2})月")
_TITLE_QUARTER = re.compile(r"(?<!\d)(\d{4})年.*?(?:第?([一二三四1-4])季度)")
_TITLE_HALF = re.compile(r"(?<!\d)(\d{4})年.*?(上半年|半年度|下半年|全年|年度)")


def title_from(front: list[Unit]) -> str | None:
    short = [u for u in front if len(u.text) <= _TITLE_MAX and "|" not in u.text and "\n" not in u.text]
    for u in short:
        if _TITLE_END.search(normalize(u.text).strip()):
            return u.text
    return short[0].text if short else None


def _date(y: int, m: int, d: int | None = None) -> dt.date | None:
    """The date, the month's last day when `d` is None; None for one that does not exist
    (2月30日, a year 0000 that four digits can spell)."""
    try:
        return dt.date(y, m, last_day(y, m) if d is None else d)
    except ValueError:
        return None


def _valid_date(m: re.Match[str]) -> dt.date | None:
    """The date of groups 1–3 (year, month, day), or None for one that does not exist (2月30日)."""
    return _date(int(m[1]), int(m[2]), int(m[3]))


def infer_ref_date(norm: str, title: str | None) -> dt.date | None:
    """The report's date from its normalised text: a publication/signature date, else the
    end of the period in the title."""
    for pattern in (_ISO_DATE, _AS_OF_LINE):
        m = pattern.search(norm)
        if m and (date := _valid_date(m)) is not None:
            return date
    # A line that is (or ends with) a full date is a signature; take the last one.
    for line in reversed(norm.splitlines()):
        m = _SIGN_DATE.search(line)
        line = line.strip()
        if m and (line.endswith(("日", "日印发", "日发布")) or len(line) <= 40 and line.endswith(m.group())):
            if (date := _valid_date(m)) is not None:
                return date
    if title:
        t = normalize(title)
        m = _TITLE_QUARTER.search(t)
        if m:
            return _date(int(m[1]), 3 * cn_number(m[2]))
        m = _TITLE_MONTH.search(t)
        if m and 1 <= int(m[2]) <= 12:
            return _date(int(m[1]), int(m[2]))
        m = _TITLE_HALF.search(t)
        if m:
            return _date(int(m[1]), 6) if "上" in m[2] or "半年度" in m[2] else _date(int(m[1]), 12)
    return None
