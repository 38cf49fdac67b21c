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
# every other space (no-break, thin, figure, narrow no-break …: Unicode Zs) is the space it
# looks like: 1\u00a0000 groups thousands as 1 000 does
_WIDTH.update({c: 0x20 for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F)})

# lone surrogates (JSON from the web, bytes decoded with surrogateescape): OpenCC takes
# UTF-8, which cannot hold them
_SURROGATES = re.compile(f"([{chr(0xD800)}-{chr(0xDFFF)}]+)")   # (mypyc takes no surrogate literal)

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
    try:
        out = _converter().convert(text)
    except UnicodeEncodeError:
        # every string is text: what OpenCC cannot encode stays itself, the rest converts
        return "".join(part if k % 2 else to_simplified(part) for k, part in enumerate(_SURROGATES.split(text)))
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
