"""What a written number is: the grammar of Chinese, Arabic and mixed numerals.

The tokenizer joins the pieces a segmenter leaves (壹|佰|贰拾|万, 五百|卅|四, 7 |万|5 |千)
into one token; the value normalisers read it with cn2an. The grammar is what both agree
on: a run of numeral characters that it does not accept is no number (七八个, 二百五,
三万五: approximate, slang or abbreviated), so it never yields a value, and never a part
of one (四 out of 五百卅四).

Texts here are normalised (Simplified, half-width): 貳 參 陸 萬 億 兩 倆 點 arrive as
贰 参 陆 万 亿 两 俩 点.
"""
from __future__ import annotations

import re
from functools import lru_cache

DIGITS = "一二三四五六七八九壹贰叁参肆伍陆柒捌玖"   # 1–9, plain and formal (大写)
PAIRS = "两俩"                                   # 2, alone or before a scale (两百, 俩千)
ZEROS = "零〇"
TENS = "廿卅卌"                                  # 20, 30, 40
SCALES = "十拾百佰千仟万亿"
POINT = "点"
SIGN = "负"
# every character a Chinese or mixed numeral is made of (Arabic digits aside)
NUMERAL_CHARS = DIGITS + PAIRS + ZEROS + TENS + SCALES + POINT + SIGN


def _grammar() -> str:
    d = f"(?:[{DIGITS}]|[1-9])"                  # a digit 1–9
    lead = f"(?:[{DIGITS}{PAIRS}]|[1-9])"        # a digit before 百 or 千 (两百, 2千)
    z = f"[{ZEROS}]"
    # (.7: a decimal whose 0 a copy dropped, read as written)
    arabic = r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)"
    ten = f"(?:{d}?[十拾]{d}?|[{TENS}]{d}?)"        # 十 十五 二十 二十五 廿五
    # below a scale a lower place needs 零 when one is skipped (一百零五); a bare digit
    # right after a scale is an abbreviation (一百五 = 150, 三万五 = 35000): not accepted
    hundred = f"(?:{lead}[百佰](?:{z}?{ten}|{z}{d}|[0-9]{{2}})?)"
    thousand = f"(?:{lead}[千仟](?:{z}?{hundred}|{z}?{ten}|{z}{d}|[0-9]{{3}})?)"
    section = f"(?:{thousand}|{hundred}|{ten}|[{DIGITS}{PAIRS}])"   # 1–9999
    coef = f"(?:{section}|{arabic})"                                # before 万 or 亿
    # what may follow 万 or 亿: a full section, or 零 and any section, or Arabic digits
    low = f"(?:{z}(?:{section}|[0-9]+)|{thousand}|{hundred}|{ten}|[0-9]{{2,4}}|[0-9],[0-9]{{3}})"   # 227万2,000
    wan = f"(?:{coef}万{low}?)"
    yi = f"(?:(?:{wan}|{coef})(?:亿|万亿|万万)(?:{z}?{wan}|{low})?)"   # 一千万亿, 一万二千亿
    # an Arabic number times a magnitude word (12千, 2.5千, 3千万), as the multiplier lexicon has them
    times = f"(?:{arabic}(?:十万|百万|千万|千|百))"
    integer = f"(?:{yi}|{wan}|{times}|{section}|{z})"
    decimal = f"(?:(?:{integer}|{arabic}){POINT}[{DIGITS}{ZEROS}0-9]+(?:万亿|亿|万)?)"
    return f"[{SIGN}-]?(?:{decimal}|{integer}{z}?|{arabic})"


# The grammar is ambiguous over long runs (a run of digits divides among its places in many
# ways), so it only ever reads numbers of at most MAX_NUMBER characters (a test times the
# worst of them)
_NUMERAL = re.compile(_grammar())
MAX_NUMBER = 64   # characters: a longer run of numerals is noise, not a number


@lru_cache(maxsize=16384)
def is_numeral(text: str) -> bool:
    """A whole number as written (spaces removed): 壹佰贰拾万, 五百卅四, 1.5万, 3万4000,
    三点五, 负12; not 七八, 二百五, 三万五, 万一, 二〇二〇 (a digit string, read only in dates)."""
    return len(text) <= MAX_NUMBER and _NUMERAL.fullmatch(text) is not None
