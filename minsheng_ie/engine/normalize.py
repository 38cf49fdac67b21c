"""Length-preserving text normalisation: Traditional → Simplified, full-width → half-width.

Rules are written once, in Simplified Chinese with ASCII digits and punctuation. Every
conversion here maps one code point to one code point, so an index into the normalised
text is the same index into the original: offsets need no map.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

import opencc

# Full-width ASCII block (！ … ～) → ASCII, ideographic space → space, and a few
# punctuation marks that reports use interchangeably with ASCII ones.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH.update({ord("～"): ord("~"), ord("—"): ord("-"), ord("－"): ord("-"), ord("–"): ord("-"),
               ord("〜"): ord("~"), ord("﹪"): ord("%"),
               ord("○"): ord("〇")})   # 二○二四年: the circle typed for the numeral zero

# str.translate looks every character up in the table: only texts that have one pay for it
_HAS_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]")

_local = threading.local()


def _converter() -> opencc.OpenCC:
    # OpenCC objects are not documented as thread-safe: one per thread.
    conv = getattr(_local, "conv", None)
    if conv is None:
        conv = _local.conv = opencc.OpenCC("t2s")
    return conv


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified, code point for code point.

    OpenCC converts phrases, which can change length; when it does, fall back to
    converting character by character so every index still lines up.
    """
    if text.isascii():
        return text
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    return "".join(_t2s_char(c) for c in text)


def normalize(text: str) -> str:
    """The form rules see: Simplified script, half-width digits/letters/punctuation."""
    return to_simplified(text.translate(_WIDTH) if _HAS_WIDE.search(text) else text)


def keep_width(text: str, norm: str) -> str:
    """`norm` (the normalised form of `text`) with `text`'s full-width characters put back:
    Simplified script as written."""
    if text == norm:
        return norm
    return "".join(t if ord(t) in _WIDTH else n for t, n in zip(text, norm))
