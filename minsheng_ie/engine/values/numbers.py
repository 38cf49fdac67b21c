"""Numbers, quantities and percentages.

Chinese numerals go through cn2an (两, 十, 一百三十五, 二〇二〇, 伍仟); Arabic numbers are
read directly (with thousands separators). Multipliers multiply in Decimal so 1.2亿 is
exactly 120000000, not 120000000.00000001.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from .context import Context


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal | None:
    """A number token → Decimal, or None when it is not a plain number (2024.3.30)."""
    s = text.replace(",", "").replace(" ", "")
    if not s or len(s) > 24:  # no report counts beyond 10^20; a digit run that long is noise
        return None
    if s[0].isascii():
        if s.count(".") > 1:
            return None
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    if s in ("百", "千", "万", "亿"):  # 近百户: a bare magnitude is one of it
        s = "一" + s
    factor = Decimal(1)
    m = _CN_DECIMAL_SCALE.match(s)
    if m:  # 三点五万: cn2an reads decimals but not a scale after them
        s, factor = m.group(1), _SCALES[m.group(2)]
    try:
        return Decimal(str(cn2an.cn2an(s, "smart"))) * factor
    except (ValueError, KeyError, IndexError, TypeError):
        return None


_SCALES = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12, "千": Decimal(1000)}
_CN_DECIMAL_SCALE = re.compile(r"^([^点]+点.+?)(万亿|亿|万|千)$")   # (two .+ around 点: quadratic)


def as_json_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _number(tokens, mult_tokens, ctx: Context) -> Decimal | None:
    if not tokens:
        return None
    n = parse_number("".join(t.norm for t in tokens))
    if n is None:
        return None
    if mult_tokens:
        factor = ctx.lex_value("multiplier", mult_tokens)
        if factor is None:
            return None
        n *= Decimal(str(factor))
    return n


def _comparator(m, ctx: Context) -> str | None:
    """Word before the number wins, then the word after, then inner 余/多."""
    return (ctx.lex_value("cmp_pre", m.captures.get("cmp_pre"))
            or ctx.lex_value("cmp_post", m.captures.get("cmp_post"))
            or ctx.lex_value("approx_inner", m.captures.get("approx")))


def quantity(m, ctx: Context) -> dict | None:
    caps = m.captures
    # in a range the first number borrows the second's multiplier: 5至10万元 = 5万–10万
    value = _number(caps.get("num"), caps.get("mult") or caps.get("mult2"), ctx)
    if value is None:
        return None
    if caps.get("num_rest"):  # 3万4000, 1亿2000万: the part after the magnitude word
        rest = _number(caps["num_rest"], caps.get("mult_rest"), ctx)
        if rest is None:
            return None
        value += rest
    # 元角分: 一百三十五元六角七分 → 135.67
    for key, scale in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):
        if caps.get(key):
            part = parse_number("".join(t.norm for t in caps[key]))
            if part is None:
                return None
            value += part * scale
    out: dict = {"value": as_json_number(value)}
    if caps.get("num2"):
        # a range shares the second number's multiplier unless the first has its own
        hi = _number(caps["num2"], caps.get("mult2") or caps.get("mult"), ctx)
        if hi is None or hi < value:
            return None
        out["value_max"] = as_json_number(hi)
    unit = ctx.canonical("unit", caps.get("unit"))
    if unit is None and caps.get("unit"):
        unit = "".join(t.norm for t in caps["unit"])
    if caps.get("per"):
        unit = f"{unit}/{''.join(t.norm for t in caps['per'])}"
    out["unit"] = unit
    out["comparator"] = _comparator(m, ctx)
    return out


def percent(m, ctx: Context) -> dict | None:
    caps = m.captures
    value = _number(caps.get("num"), None, ctx)
    if value is None:
        return None
    out: dict = {"value": as_json_number(value), "comparator": _comparator(m, ctx)}
    if caps.get("num2"):
        hi = _number(caps["num2"], None, ctx)
        if hi is None or hi < value:
            return None
        out["value_max"] = as_json_number(hi)
    if caps.get("points"):
        out["points"] = True
    return out
