"""Which regexes a word cannot match, told from its characters and length alone.

A step test may be a regex (REGEX in a rule), and every new word would be asked each of
them: most of the cost of classifying a new word. Read with Python's own regex parser, a
pattern says which characters a full match can begin with, end with and contain, and how
long it can be; a word whose first character no match begins with (say) is not asked.
The sets are supersets: what the reading does not follow (\\d, \\w, case-insensitive
letters, a construct it does not know) counts as any character, so a regex left out
cannot match, and the answers are the ones asking every regex gives.
"""
from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from typing import Any

# CPython's private regex parser (no type stubs: read as Any); a Python without it asks
# every regex of every word (test_most_words_ask_no_regex then fails, loudly)
_parser: Any
_c: Any
try:
    _parser = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:
    _parser = _c = None

MAXCHAR = 0x10FFFF
Ranges = list[tuple[int, int]]   # inclusive code point ranges
ANY: Ranges = [(0, MAXCHAR)]
# what a part of a pattern reads: (first characters, last characters, all characters, may be empty)
Reads = tuple[Ranges, Ranges, Ranges, bool]
MAX_CHARS = 1 << 16   # characters whose segment is remembered


class _Unread(Exception):
    """A construct the reading does not follow: the regex is asked of every word."""


def _union(a: Ranges, b: Ranges) -> Ranges:
    out: Ranges = []
    for lo, hi in sorted(a + b):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _char_set(items: list) -> Ranges:
    """The characters a character class ([...]) matches."""
    out: Ranges = []
    negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            out.append((av, av))
        elif op is _c.RANGE:
            out.append((av[0], av[1]))
        else:
            return ANY   # a category (\d, \w, \s …) and whatever else: any character
    out = _union(out, [])
    if not negate:
        return out
    rest: Ranges = []
    at = 0
    for lo, hi in out:
        if lo > at:
            rest.append((at, lo - 1))
        at = hi + 1
    if at <= MAXCHAR:
        rest.append((at, MAXCHAR))
    return rest


def _sequence(items: Any) -> Reads:
    first: Ranges = []
    last: Ranges = []
    inside: Ranges = []
    empty = True
    for op, av in items:
        f, l, a, e = _item(op, av)
        if empty:
            first = _union(first, f)
        last = _union(last, l) if e else l
        inside = _union(inside, a)
        empty = empty and e
    return first, last, inside, empty


def _branches(branches: list) -> Reads:
    first: Ranges = []
    last: Ranges = []
    inside: Ranges = []
    empty = False
    for b in branches:
        f, l, a, e = _sequence(b) if b is not None else ([], [], [], True)
        first, last, inside, empty = _union(first, f), _union(last, l), _union(inside, a), empty or e
    return first, last, inside, empty


def _item(op: Any, av: Any) -> Reads:
    if op is _c.LITERAL:
        return [(av, av)], [(av, av)], [(av, av)], False
    if op is _c.IN:
        s = _char_set(av)
        return s, s, s, False
    if op is _c.NOT_LITERAL or op is _c.ANY or op is _c.CATEGORY:
        return ANY, ANY, ANY, False
    if op is _c.BRANCH:
        return _branches(av[1])
    if op is _c.GROUPREF_EXISTS:
        return _branches([av[1], av[2]])
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            raise _Unread
        return _sequence(av[3])
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if hi == 0:
            return [], [], [], True
        f, l, a, e = _sequence(sub)
        return f, l, a, e or lo == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [], [], [], True   # anchors and lookarounds read no character of the match
    if op is _c.GROUPREF:
        return ANY, ANY, ANY, True
    raise _Unread


def _reads(rx: re.Pattern[str]) -> tuple[Reads, int, int]:
    """What a full match of `rx` reads, and its least and greatest length."""
    try:
        if _parser is None or rx.flags & re.IGNORECASE:
            raise _Unread
        parsed = _parser.parse(rx.pattern, rx.flags)
        lo, hi = parsed.getwidth()
        return _sequence(parsed), lo, hi
    except Exception:   # _Unread, or a parser of another Python version that reads otherwise
        return (ANY, ANY, ANY, True), 0, MAXCHAR


class RegexFilter:
    """`candidates(word)`: the regexes (bit i for regexes[i]) that may fully match `word`;
    every other one cannot."""

    def __init__(self, regexes: list[re.Pattern[str]]):
        reads = [_reads(rx) for rx in regexes]
        self._all = (1 << len(regexes)) - 1
        self._lengths = [(1 << i, lo, hi) for i, (_, lo, hi) in enumerate(reads)]
        # the code points cut into segments inside which every set answers alike:
        # one mask per segment and role (first, last, anywhere)
        bounds = {0}
        for (f, l, a, _), _lo, _hi in reads:
            for lo, hi in f + l + a:
                bounds.add(lo)
                if hi < MAXCHAR:
                    bounds.add(hi + 1)
        self._bounds = sorted(bounds)
        self._first: list[int] = []
        self._last: list[int] = []
        self._inside: list[int] = []
        for b in self._bounds:
            masks = [0, 0, 0]
            for i, ((f, l, a, _), _lo, _hi) in enumerate(reads):
                for role, s in enumerate((f, l, a)):
                    if any(lo <= b <= hi for lo, hi in s):
                        masks[role] |= 1 << i
            self._first.append(masks[0])
            self._last.append(masks[1])
            self._inside.append(masks[2])
        self._segments: dict[str, int] = {}   # character → its segment, for the characters met

    def _segment(self, ch: str) -> int:
        seg = self._segments.get(ch)
        if seg is None:
            seg = bisect_right(self._bounds, ord(ch)) - 1
            if len(self._segments) < MAX_CHARS:
                self._segments[ch] = seg
        return seg

    def candidates(self, word: str) -> int:
        if not word:
            return self._all
        n = len(word)
        m = self._first[self._segment(word[0])] & self._last[self._segment(word[n - 1])]
        if m:
            for k in range(1, n - 1):
                m &= self._inside[self._segment(word[k])]
            for bit, lo, hi in self._lengths:
                if m & bit and not lo <= n <= hi:
                    m &= ~bit
        return m
