"""A spreadsheet cell as Excel shows it: its value under its number format code.

A report's reader sees 18,691, 87.2%, 541.0 and 2015/6/30, not 18691, 0.872, 541 and a
serial day number: the number format (ECMA-376 §18.8.31) is part of what the cell says.
This renders the codes reports use — digits and decimals (`0`, `0.0`, `#,##0.00`),
thousands separators, percent, literal text (`0"户"`, `[$¥-804]#,##0`), sections for
negative numbers and zero, text (`@`), and dates and times (`yyyy/m/d`,
`yyyy"年"m"月"d"日"`, `h:mm`, `aaaa`) — as a Simplified-Chinese Excel displays them. A code
it cannot render (fractions, scientific, elapsed time, [DBNum] numerals, conditions) gives
None: the caller falls back to the plain value.

Built-in formats whose look depends on the locale are given their zh-CN codes
(`LOCALE_BUILTIN`): the short date (id 14) is 2015/6/30, and ids 27–36 and 50–58 are the
年/月/日 and 时/分 formats."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from .numbering import cn_numeral

LOCALE_BUILTIN: dict[int, str] = {
    14: "yyyy/m/d", 22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

# one token of a code: a quoted or escaped literal, a padding or fill (no width here), a
# bracket, an AM/PM marker, a run of one date letter, or any other single character
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|[_*](.)|\[([^\]]*)\]|(上午/下午|AM/PM|am/pm|A/P|a/p)|'
                    r'(y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+|a+|A+|e+|E+)|(.)', re.S)
_DATE_LETTERS = set("yYmMdDhHsSeE") | {"a", "A"}
_WEEKDAYS = "一二三四五六日"


def _sections(code: str) -> list[str]:
    """The ;-separated sections of a code (a ; inside quotes or after \\ is literal)."""
    out: list[str] = []
    cur: list[str] = []
    quoted = escaped = False
    for ch in code:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    return out + ["".join(cur)]


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """(kind, text) tokens: kind is `lit`, `date` (a run of one date letter), `ampm`, or
    `fmt` (a number format character); None for what is not rendered here."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(section):
        quoted, escaped, pad, bracket, ampm, letters, other = m.groups()
        if quoted is not None or escaped is not None:
            out.append(("lit", quoted if quoted is not None else escaped))
        elif pad is not None:
            continue
        elif bracket is not None:
            if bracket.startswith("$"):                 # [$¥-804]: a currency symbol and a locale
                out.append(("lit", bracket[1:].split("-")[0]))
            elif re.fullmatch(r"(?i)[hms]+|dbnum\d|[<>=].*", bracket):
                return None                             # elapsed time, Chinese numerals, conditions
        elif ampm is not None:
            out.append(("ampm", ampm))
        elif letters is not None:
            out.append(("date", letters))
        else:
            out.append(("fmt" if other in "0#?.,%/" else "lit", other))
    return out


def is_date_code(code: str) -> bool:
    """Does a code show a date or time (a y, m, d, h or s outside literals)?"""
    tokens = _tokens(_sections(code)[0])
    return tokens is not None and any(k == "date" and t[0] not in "aAeE" or k == "ampm" for k, t in tokens)


def display(value: object, code: str) -> str | None:
    """The text Excel shows for a cell's value under its number format code, or None when
    the code is not one this renders."""
    if isinstance(value, str):
        return _text(value, code)
    if isinstance(value, bool) or not isinstance(value, (int, float, dt.date, dt.time)):
        return None
    sections = _sections(code)
    if sections[0].strip().lower() in ("general", ""):
        return None if isinstance(value, (dt.date, dt.time)) else general(value)
    if isinstance(value, (dt.date, dt.time)):
        return _date(value, sections[0])
    if len(sections) > 1 and value < 0:
        return _number(-value, sections[1])
    if len(sections) > 2 and value == 0:
        return _number(value, sections[2])
    return _number(value, sections[0])


def general(value: float) -> str:
    """A number in the General format: up to 15 significant digits, no trailing zeros."""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def _text(value: str, code: str) -> str:
    sections = _sections(code)
    if len(sections) < 4 and "@" not in sections[-1]:
        return value
    tokens = _tokens(sections[-1]) or []
    return "".join(value if t == "@" else t for k, t in tokens if k in ("lit", "fmt")) if tokens else value


def _number(value: float, section: str) -> str | None:
    tokens = _tokens(section)
    if tokens is None:
        return None
    if ("lit", "@") in tokens:                          # a number in a text cell
        return general(value)
    if ("fmt", "/") in tokens or any(k in ("date", "ampm") for k, _ in tokens):
        return None             # fractions, scientific (0.00E+00), a date code on a number
    places = [i for i, (k, t) in enumerate(tokens) if k == "fmt" and t in "0#?"]
    if not places:                                      # only literals: "-" for zero, say
        return "".join(t for _, t in tokens)
    first, last = places[0], places[-1]
    trailing = 0                # commas right after the last placeholder divide by 1000 each
    while last + 1 + trailing < len(tokens) and tokens[last + 1 + trailing] == ("fmt", ","):
        trailing += 1
    pattern = "".join(t for k, t in tokens[first:last + 1] if k == "fmt")
    percent = sum(1 for tok in tokens if tok == ("fmt", "%"))
    num = Decimal(repr(value)) * Decimal(100) ** percent / Decimal(1000) ** trailing
    sign = "-" if num < 0 else ""
    digits = _digits(abs(num), pattern)
    if not digits.strip("0.,"):
        sign = ""                                       # -0.001 shown as 0.00
    before = "".join(t for k, t in tokens[:first] if k != "fmt" or t == "%")
    after = "".join(t for k, t in tokens[last + 1 + trailing:] if k != "fmt" or t == "%")
    return before + sign + digits + after


def _digits(num: Decimal, pattern: str) -> str:
    """A non-negative number under a digit pattern (#,##0.00): rounded half away from zero
    to its decimal places, zeros where the pattern has 0, thousands where it has a comma."""
    int_part, _, frac_part = pattern.partition(".")
    decimals = sum(1 for c in frac_part if c in "0#?")
    rounded = num.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0").ljust(frac_part.count("0"), "0")
    whole = whole.lstrip("0").rjust(int_part.count("0"), "0")
    if "," in int_part and whole:
        whole = f"{int(whole):,}"
    return whole + ("." + frac if frac else "")


def _date(value: dt.date | dt.time, section: str) -> str | None:
    tokens = _tokens(section)
    if tokens is None or not any(k == "date" for k, _ in tokens):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = dt.datetime.combine(dt.date(1900, 1, 1), value)
    twelve = any(k == "ampm" for k, _ in tokens)
    out: list[str] = []
    for i, (kind, t) in enumerate(tokens):
        if kind == "ampm":
            am = moment.hour < 12
            out.append({"上午/下午": "上午" if am else "下午", "A/P": "A" if am else "P",
                        "a/p": "a" if am else "p"}.get(t, "AM" if am else "PM"))
        elif kind == "date":
            part = _date_part(t, moment, twelve, _is_minute(tokens, i))
            if part is None:
                return None
            out.append(part)
        else:
            out.append(t)
    return "".join(out)


def _is_minute(tokens: list[tuple[str, str]], i: int) -> bool:
    """An m run is minutes right after an hour or right before seconds."""
    prev = next((t for k, t in reversed(tokens[:i]) if k == "date"), "")
    nxt = next((t for k, t in tokens[i + 1:] if k == "date"), "")
    return prev[:1] in ("h", "H") or nxt[:1] in ("s", "S")


def _date_part(run: str, moment: dt.datetime, twelve: bool, minute: bool) -> str | None:
    letter, n = run[0].lower(), len(run)
    if letter in "ye":
        return f"{moment.year % 100:02d}" if n <= 2 and letter == "y" else str(moment.year)
    if letter == "m" and minute:
        return f"{moment.minute:0{min(n, 2)}d}"
    if letter == "m":
        return (str(moment.month) if n == 1 else f"{moment.month:02d}" if n == 2 else
                f"{moment.month}月" if n == 3 else f"{cn_numeral(moment.month)}月")
    if letter == "d":
        wd = _WEEKDAYS[moment.weekday()]
        return (str(moment.day) if n == 1 else f"{moment.day:02d}" if n == 2 else
                f"周{wd}" if n == 3 else f"星期{wd}")
    if letter == "a" and n >= 3:
        return _WEEKDAYS[moment.weekday()] if n == 3 else f"星期{_WEEKDAYS[moment.weekday()]}"
    if letter == "h":
        hour = (moment.hour % 12 or 12) if twelve else moment.hour
        return f"{hour:0{min(n, 2)}d}"
    if letter == "s":
        return f"{moment.second:0{min(n, 2)}d}"
    return None
