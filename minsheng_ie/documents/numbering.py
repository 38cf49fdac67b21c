"""Numbering markers at the start of a line: every common scheme, and its value.

    一、 一.          cn            （一） (一)     cn_paren
    1、 1. 1．       arabic        （1） (1)       arabic_paren      1） 1)   arabic_half
    ① … ⑳          circled       第一项 第1条    ordinal
    1-1 1.1 2.3.1   multi         (a sub-item number: kept as written)

Values are plain strings: Arabic digits for every single-level scheme (`（二）` → "2",
`③` → "3", `第四项` → "4"), a multi-level number as printed (`1-1`). Lines are matched in
their normalised form (full-width → half-width), so （一） and (一) are one scheme."""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_CN = "一二三四五六七八九十百零〇两"
_SEP = r"[、.:\s]"
_PATTERNS = [
    ("ordinal", re.compile(rf"\s*第([{_CN}\d]{{1,4}})(?:项|件|个|条|部分|类|章)(?:{_SEP}|,)*")),
    ("cn_paren", re.compile(rf"\s*\(([{_CN}]{{1,3}})\)[、.]?\s*")),
    ("cn", re.compile(rf"\s*([{_CN}]{{1,3}})\s*(?:、|\.(?!\d))\s*")),
    # 1-1, 1.1: a separator after it, or a word that is not a measure (1.5万人, 3.5公里 are figures)
    ("multi", re.compile(r"\s*(\d{1,3}(?:[-.]\d{1,3})+)(?:[、\s]+|(?=[^\d.\-%万亿千百余多个公米吨元户人所座台套名次倍年月日]))")),
    ("arabic_paren", re.compile(r"\s*\((\d{1,3})\)[、.]?\s*")),
    ("arabic", re.compile(r"\s*(\d{1,3})\s*(?:、|\.(?![\d.]))\s*")),
    ("arabic_half", re.compile(r"\s*(\d{1,3})\)\s*")),
    ("circled", re.compile(r"\s*([\u2460-\u2473])[、.]?\s*")),
]


@dataclass(frozen=True)
class Marker:
    scheme: str
    value: str       # "1", "12", "1-1"
    end: int         # where the text after the marker starts (offset in the line)


def cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二〇 → 20; Arabic digits as they are."""
    return int(s) if s.isdigit() else int(cn2an.cn2an(s.replace("〇", "零").replace("两", "二"), "smart"))


def cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二."""
    return str(cn2an.an2cn(n))


def marker(norm_line: str) -> Marker | None:
    """The numbering marker that starts a (normalised) line, if any: there must be text after
    it, except after 第N项 (a heading whose name follows on labelled lines)."""
    for scheme, pattern in _PATTERNS:
        m = pattern.match(norm_line)
        if m is None or (m.end() >= len(norm_line.rstrip()) and scheme != "ordinal"):
            continue
        raw = m.group(1)
        if scheme == "circled":
            value = str(ord(raw) - 0x2460 + 1)
        elif scheme == "multi":
            value = raw
        else:
            try:
                value = str(cn_number(raw))
            except (ValueError, KeyError):
                continue
        return Marker(scheme, value, m.end())
    return None


def table_number(cell: str) -> tuple[str, str] | None:
    """The number in a table's 序号 cell as (scheme, value): `3`, `1-1`, `2.1`, `③`, `第3项`,
    `一`/`（一）` (a Chinese numeral: the caller tells a section row from an item); None
    for anything else."""
    s = cell.strip().rstrip("、.")
    if re.fullmatch(r"\d{1,3}", s):
        return "arabic", str(int(s))
    if re.fullmatch(r"\d{1,3}(?:[-.]\d{1,3})+", s):
        return "multi", s
    m = marker(s + " x")
    if m is not None and m.end == len(s) + 1:
        return m.scheme, m.value
    if re.fullmatch(rf"[{_CN}]{{1,3}}", s):
        try:
            return "cn", str(cn_number(s))
        except (ValueError, KeyError):
            return None
    return None
