"""Numbers, quantities and percentages.

A quantity's number must be one by the grammar of engine/numerals.py (numeral_value).
Chinese numerals go through cn2an (两, 十, 一百三十五, 伍仟, 廿五); Arabic numbers are read
directly (with thousands separators); Arabic digits with Chinese magnitudes (1.2亿, 3万4000)
are summed place by place in Decimal, so 1.2亿 is exactly 120000000, not 120000000.00000001.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from ..numerals import is_numeral
from .context import Context


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal | None:
    """A number token → Decimal, or None when it is not a number (2024.3.30). Lenient:
    digit strings (二〇二〇) are read, as dates need; `numeral_value` is the strict reading."""
    s = text.replace(",", "").replace(" ", "")
    if not s or len(s) > 64:  # no report counts beyond 10^20; a run that long is noise
        return None
    sign = 1
    if s[0] in "-负":
        sign, s = -1, s[1:]
        if not s:
            return None
    if s.isascii():
        if s.count(".") > 1:
            return None
        try:
            return sign * Decimal(s)
        except InvalidOperation:
            return None
    if s in ("百", "千", "万", "亿"):  # 近百户: a bare magnitude is one of it
        s = "一" + s
    s = s.translate(_CN2AN_FORMS).replace("万万", "亿")
    if any("0" <= c <= "9" for c in s):   # 1.5万, 3万4000, 1万10: cn2an misreads some of these
        mixed = _mixed(s)
        return None if mixed is None else sign * mixed
    factor = Decimal(1)
    m = _TRAILING_SCALE.match(s)
    if m and "点" in s:  # 三点五万: cn2an reads decimals but not a scale after them
        s, factor = m.group(1), _SCALES[m.group(2)]
    try:
        return sign * Decimal(str(cn2an.cn2an(s, "smart"))) * factor
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _mixed(s: str) -> Decimal | None:
    """Arabic digits with Chinese magnitudes, summed place by place: 5万4千6百 = 54600,
    200亿零四千230, 1.5万, 3千万 (the numeral grammar has checked the shape)."""
    whole, point, fraction = s.translate(_FORMAL_SCALES).partition("点")
    if point:   # 一百点123, 24点5, 24点5万
        factor = Decimal(1)
        for scale in ("万亿", "亿", "万"):
            if fraction.endswith(scale):
                fraction, factor = fraction[:-len(scale)], _SCALES[scale]
                break
        digits = "".join(c if "0" <= c <= "9" else str(parse_number(c)) for c in fraction)
        integer = _mixed(whole) if whole else Decimal(0)
        return None if integer is None or not digits.isdigit() else (integer + Decimal("0." + digits)) * factor
    total = section = Decimal(0)
    number: Decimal | None = None
    for m in _MIXED_PART.finditer(whole):
        part = m.group()
        if part[0].isdigit():
            number = Decimal(part)
        elif part in "十百千":
            section += (Decimal(1) if number is None else number) * _SCALES[part]
            number = None
        elif part == "万":
            total += (section + (number or 0)) * _SCALES[part]
            section, number = Decimal(0), None
        elif part == "亿":   # 亿 multiplies everything before it (3千万亿)
            total = (total + section + (number or 0)) * _SCALES[part]
            section, number = Decimal(0), None
        elif part not in "零〇":
            digit = parse_number(part)
            if digit is None:
                return None
            number = digit
    return total + section + (number or 0)


_MIXED_PART = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+|.")
_FORMAL_SCALES = str.maketrans("拾佰仟", "十百千")


@lru_cache(maxsize=16384)
def numeral_value(text: str) -> Decimal | None:
    """The value of a number as written, when it is one by the grammar (engine/numerals.py),
    or a bare magnitude the tokenizer made a number (近百户, 上千人)."""
    s = text.replace(" ", "")
    return parse_number(s) if s in ("百", "千", "万", "亿") or is_numeral(s) else None


# the characters cn2an does not know, as characters it does
_CN2AN_FORMS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十", "俩": "两", "参": "叁"})
_SCALES = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10) ** 4,
           "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
_TRAILING_SCALE = re.compile(r"^(.+?)(万亿|亿|万|千)$")


def as_json_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _text(tokens) -> str:
    return "".join([t.norm for t in tokens])


def _side(caps: dict, ctx: Context, sfx: str = "") -> Decimal | None:
    """One number of a quantity — with `sfx` "2", the end of a range: the numeral and its
    multiplier, a half (三年半, 半小时), 角 and 分 (六角七分), a sign (零下)."""
    num, half = caps.get("num" + sfx), caps.get("half" + sfx)
    value = Decimal(0)
    if num:
        n = numeral_value(_text(num))
        if n is None:
            return None
        value = n
        mult = caps.get("mult" + sfx)
        if mult:
            factor = ctx.lex_value("multiplier", mult)
            if factor is None:
                return None
            value *= Decimal(str(factor))
    elif not (half or caps.get("jiao" + sfx) or caps.get("fen" + sfx)):
        return None
    if half:
        value += _HALF
    for key, scale in _MINOR:
        part = caps.get(key + sfx)
        if part:
            n = numeral_value(_text(part).lstrip("零〇"))   # 壹元零壹分, 三块零四
            if n is None:
                return None
            value += n * scale
    return -value if caps.get("sign" + sfx) else value


_HALF = Decimal("0.5")
_MINOR = (("jiao", Decimal("0.1")), ("fen", Decimal("0.01")))


def _magnitude(caps: dict, ctx: Context, sfx: str) -> tuple[Decimal, Decimal] | None:
    """(coefficient, multiplier) of a number that ends in a magnitude: 10|万, 三十|万, 两|百."""
    num = caps.get("num" + sfx)
    if not num:
        return None
    if caps.get("mult" + sfx):
        factor = ctx.lex_value("multiplier", caps["mult" + sfx])
        coef = numeral_value(_text(num))
        return (coef, Decimal(str(factor))) if coef is not None and factor is not None else None
    text = _text(num)
    for scale, factor in _MAGNITUDES:
        if text.endswith(scale):
            coef = numeral_value(text[:-len(scale)])
            if coef is not None:
                return coef, factor
    return None


_MAGNITUDES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4),
               ("千", Decimal(1000)), ("百", Decimal(100)))


def _unit(tokens, ctx: Context) -> str | None:
    """The unit as the lexicon names it, else as written (个 + 加仑 → 个加仑)."""
    if not tokens:
        return None
    return ctx.canonical("unit", tokens) or _text(tokens)


def _comparator(m, ctx: Context) -> str | None:
    """Word before the number wins, then the word after, then inner 余/多."""
    return (ctx.lex_value("cmp_pre", m.captures.get("cmp_pre"))
            or ctx.lex_value("cmp_post", m.captures.get("cmp_post"))
            or ctx.lex_value("approx_inner", m.captures.get("approx")))


def quantity(m, ctx: Context) -> dict | None:
    caps = m.captures
    value = _side(caps, ctx)
    if value is None:
        return None
    unit = ctx.lex_value("money_major", caps.get("major")) or _unit(caps.get("unit"), ctx)
    if caps.get("cent") and ctx.lex_value("money_cent", caps["cent"]) != unit:
        return None   # 两欧元又三美分: hundredths of another currency
    out: dict = {}
    if caps.get("num2") or caps.get("half2"):
        hi = _side(caps, ctx, "2")
        if hi is None or caps.get("unit2") and _unit(caps["unit2"], ctx) != unit:
            return None
        # the first number borrows the second's magnitude when it has none and is below
        # the second's coefficient: 5至10万 = 5万–10万, 两到三百 = 200–300; not 五至一百 = 5–100
        big = _magnitude(caps, ctx, "2")
        if big is not None and _magnitude(caps, ctx, "") is None and value < big[0]:
            value *= big[1]
        if hi < value:
            return None
        out["value_max"] = as_json_number(hi)
    if unit == "年" and 1000 <= value < 3000:
        return None   # 2020年 is a year, not a duration
    if caps.get("per"):
        unit = f"{unit}/{_text(caps['per'])}"
    out["value"] = as_json_number(value)
    out["unit"] = unit
    out["comparator"] = _comparator(m, ctx)
    return out


def percent(m, ctx: Context) -> dict | None:
    caps = m.captures
    value = _side(caps, ctx)
    if value is None:
        return None
    out: dict = {"value": as_json_number(value), "comparator": _comparator(m, ctx)}
    if caps.get("num2"):
        hi = _side(caps, ctx, "2")
        if hi is None or hi < value:
            return None
        out["value_max"] = as_json_number(hi)
    if caps.get("points"):
        out["points"] = True
    return out
