"""The token regexes of rule files, checked before they are compiled.

Python's `re` backtracks: a pattern that can match the same text in many ways takes
exponential or high-polynomial time on a long token — `(\\d\\d?)+[05]` spends 24 s on 40
digits, `\\d*\\d*\\d*\\d*\\d*[05]` 21 s on 160 (a token of a long digit run is one token).
Rule folders may come from anyone, so a pattern is refused when it is ambiguous:

- a repeated group (`*`, `+`, `{n,m}` with m > 1) whose body can match texts of different
  lengths, or can match one text two ways (overlapping alternatives): `(\\d\\d?)+`,
  `(\\d{1,16}){1,16}`, `(a|ab)*`;
- variable-length items that can split one run of characters between them, when the
  choices multiply to more than a constant: two unbounded ones (`\\d*\\d*`, or `\\d+0*\\d+`
  — anything between them that every split could match), or bounded ones past
  MAX_CHOICES (`[a-z]{0,200}[a-z]{0,200}`);
- backreferences and lookarounds.

What is accepted runs in time linear in the token's length. The check reads the parse
tree of CPython's own regex parser (`re._parser`, private); if that module is missing or
its output changed shape, a stricter check on the pattern's text takes over
(tests/test_regex_safety.py fails loudly when that happens).
"""
from __future__ import annotations

import array
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_CHOICES = 1000   # bounded backtracking allowed per match: `[\u4e00-\u9fff]{1,6}(省|市)` needs 6

# ---------------------------------------------------------------- character sets

Ranges = tuple[tuple[int, int], ...]   # sorted, disjoint, inclusive code point ranges
# what a run of repeated text must get through to pass an item: any one of its
# alternatives, each a row of character sets that must each take a character of the run
Req = tuple[tuple[Ranges, ...], ...]
Loop = tuple[Ranges, tuple[Req, ...]]   # a loop's characters, and the items to its edge
_ALL: Ranges = ((0, 0x10FFFF),)


def _union(*sets: Ranges) -> Ranges:
    out: list[list[int]] = []
    for lo, hi in sorted(r for s in sets for r in s):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((lo, hi) for lo, hi in out)


def _complement(s: Ranges) -> Ranges:
    out, nxt = [], 0
    for lo, hi in s:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= 0x10FFFF:
        out.append((nxt, 0x10FFFF))
    return tuple(out)


def _intersect(a: Ranges, b: Ranges) -> Ranges:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


@lru_cache(maxsize=None)
def _category(escape: str, ascii_only: bool) -> Ranges:
    """The code points `re` itself puts in \\d, \\w or \\s: its own runs over every code point."""
    every = array.array("I", range(0x80 if ascii_only else 0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
    pattern = re.compile(f"[{escape}]+", re.ASCII if ascii_only else 0)
    return tuple((m.start(), m.end() - 1) for m in pattern.finditer(every))


# ---------------------------------------------------------------- the parse-tree check

@dataclass(frozen=True)
class _Shape:
    """What the check knows of a piece of a pattern."""
    chars: Ranges          # every character it can take
    first: Ranges          # the characters it can begin with
    last: Ranges           # … and end with
    lo: int                # shortest match
    hi: float              # longest (inf: unbounded)
    # in how many ways it can match one text, as (degree, constant): constant × n^degree
    # for a text of length n. Backtracking tries them all on a token that fails, each for
    # up to n steps, so anything but a constant way count is too slow on a long token.
    ways: tuple[int, int]
    # the unbounded repeats ("loops") it can begin (end) with, each as the characters it
    # repeats and those of the items between it and the edge: where a boundary with a
    # neighbour can move by any number of characters (\s* next to \s*, .*a next to .*)
    heads: tuple[Loop, ...] = ()
    tails: tuple[Loop, ...] = ()
    req: Req = ((),)
    # a short fixed-length piece: the characters each position can take (else None)
    positions: tuple[Ranges, ...] | None = None

    @property
    def variable(self) -> bool:
        return self.lo != self.hi


_ONE = (0, 1)
_INF = float("inf")
_FEW = 40   # the ways of a boundary that moves by a few characters (之后 … 后: two; 底 … 底底: three)


def _times(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] * b[1]


def _plus(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return (a[0], a[1] + b[1]) if a[0] == b[0] else max(a, b)


class _Checker:
    def __init__(self, sre: Any, flags: int, pattern: str, lookarounds: bool = False):
        self.c = sre            # re._constants
        self.lookarounds = lookarounds
        # case-insensitive anywhere, (?i:…) included: the safe side for the whole pattern
        self.ignorecase = bool(flags & re.IGNORECASE or re.search(r"\(\?[a-zA-Z-]*i", pattern))
        self.ascii = bool(flags & re.ASCII)

    def meet(self, a: Ranges, b: Ranges) -> bool:
        # case-insensitive matching widens every letter class: then any two sets may meet
        return bool(a and b) and (self.ignorecase or bool(_intersect(a, b)))

    def charset(self, items: list) -> Ranges:
        c, negate = self.c, False
        parts: list[Ranges] = []
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                parts.append(((av, av),))
            elif op is c.RANGE:
                parts.append(((av[0], av[1]),))
            elif op is c.CATEGORY:
                parts.append(self.category(av))
            else:
                raise _Unknown(op)
        s = _union(*parts)
        return _complement(s) if negate else s

    def category(self, cat: Any) -> Ranges:
        c = self.c
        table = {c.CATEGORY_DIGIT: ("\\d", False), c.CATEGORY_NOT_DIGIT: ("\\d", True),
                 c.CATEGORY_SPACE: ("\\s", False), c.CATEGORY_NOT_SPACE: ("\\s", True),
                 c.CATEGORY_WORD: ("\\w", False), c.CATEGORY_NOT_WORD: ("\\w", True)}
        if cat not in table:
            raise _Unknown(cat)
        escape, negated = table[cat]
        s = _category(escape, self.ascii)
        return _complement(s) if negated else s

    def item(self, op: Any, av: Any) -> _Shape:
        c = self.c
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            # ANY: with or without DOTALL, the wider set is the safe side
            chars = (((av, av),) if op is c.LITERAL else _complement(((av, av),)) if op is c.NOT_LITERAL
                     else _ALL if op is c.ANY else self.charset(av))
            return _Shape(chars, chars, chars, 1, 1, _ONE, req=((chars,),), positions=(chars,))
        if op is c.AT:
            return _Shape((), (), (), 0, 0, _ONE, positions=())
        if op is c.SUBPATTERN:
            return self.sequence(av[-1])
        if op is c.ATOMIC_GROUP:
            # never backtracked into: one way, and nothing it took is given to what follows
            return dataclasses.replace(self.sequence(av), ways=_ONE, last=(), tails=())
        if op is c.BRANCH:
            return self.branch(av[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self.repeat(op, *av)
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            raise ValueError("backreferences are not allowed in token regexes")
        if op in (c.ASSERT, c.ASSERT_NOT):
            if not self.lookarounds:
                raise ValueError("lookarounds are not allowed in token regexes")
            self.sequence(av[1])              # checked on its own; it takes no text
            return _Shape((), (), (), 0, 0, _ONE)
        raise _Unknown(op)

    def branch(self, alternatives: list) -> _Shape:
        shapes = [self.sequence(a) for a in alternatives]
        ways = shapes[0].ways
        for k, s in enumerate(shapes[1:], 1):
            # alternatives that may both match one text: their ways add
            meets = any(self.alike(s, t) for t in shapes[:k])
            ways = _plus(ways, s.ways) if meets else max(ways, s.ways)
        same = {len(s.positions) if s.positions is not None else -1 for s in shapes}
        positions = tuple(_union(*col) for col in zip(*(s.positions or () for s in shapes))) \
            if len(same) == 1 and -1 not in same else None
        return _Shape(_union(*(s.chars for s in shapes)), _union(*(s.first for s in shapes)),
                      _union(*(s.last for s in shapes)), min(s.lo for s in shapes), max(s.hi for s in shapes),
                      ways, _cap(tuple(h for s in shapes for h in s.heads)), _cap(tuple(t for s in shapes for t in s.tails)),
                      tuple(s.req[0] for s in shapes) if len(shapes) <= _MAX_ALTERNATIVES
                      else ((_union(*(s.chars for s in shapes)),),), positions)

    def repeat(self, op: Any, lo: int, hi: int, body: list) -> _Shape:
        inner = self.sequence(body)
        top: float = _INF if hi == self.c.MAXREPEAT else hi
        if top > 1 and inner.hi > 0:
            # the boundary between two rounds can move if the body can be empty, or can
            # end with a character it can also begin with: (\d\d?)+, (a|ab)*, (a*)*
            if inner.variable and (not inner.lo or self.meet(inner.last, inner.first)):
                raise ValueError("a repeated group whose rounds can divide the same text in different "
                                 "ways (its body can end with what it begins with, and varies in length) "
                                 "backtracks exponentially: give the body a fixed length or a distinct "
                                 "first character")
            if inner.ways != _ONE:
                raise ValueError("a repeated group whose body can match the same text two ways "
                                 "(overlapping alternatives) backtracks exponentially")
            if any(self.linked(a, b, a[1] + b[1]) for a in inner.tails for b in inner.heads):
                raise ValueError("a repeated group with a repeat inside that can take the boundary "
                                 "between two rounds ((a.*b)+) backtracks exponentially")
        fixed = inner.positions is not None and lo == top and lo * len(inner.positions) <= _MAX_POSITIONS
        shape = dataclasses.replace(inner, lo=inner.lo * lo, hi=inner.hi * top if inner.hi else 0,
                                    req=inner.req if lo else ((),),
                                    positions=inner.positions * lo if fixed and inner.positions is not None else None)
        if top == _INF and inner.hi:
            own = (inner.chars, (inner.req,))
            shape = dataclasses.replace(shape, heads=_cap((own,) + inner.heads), tails=_cap((own,) + inner.tails))
        if op is self.c.POSSESSIVE_REPEAT:   # like an atomic group
            return dataclasses.replace(shape, ways=_ONE, last=(), tails=())
        return shape

    def alike(self, a: _Shape, b: _Shape) -> bool:
        """Whether two alternatives may match the same text: position by position when
        both are short and of fixed length (平方 and 平方公里 never do: what follows them
        tells them apart, and the sequence's splits count that), else if they can begin
        alike (or both be empty)."""
        if a.positions is not None and b.positions is not None:
            return len(a.positions) == len(b.positions) and all(
                self.meet(x, y) for x, y in zip(a.positions, b.positions))
        if not a.variable and not b.variable and a.lo != b.lo:
            return False
        return self.meet(a.first, b.first) or not (a.lo or b.lo)

    def linked(self, a: Loop, b: Loop, between: tuple[Req, ...]) -> bool:
        """Whether loops a (before) and b (after) can pass a stretch of text between them:
        characters both repeat, which every item between could be made of."""
        common = a[0] if self.ignorecase and a[0] and b[0] else _intersect(a[0], b[0])
        return bool(common) and all(any(all(self.meet(common, c) for c in alt) for alt in req)
                                    for req in between)

    def sequence(self, items: list) -> _Shape:
        shapes = [self.item(op, av) for op, av in self.flatten(items)]
        ways = self.splits(shapes)
        for s in shapes:
            ways = _times(ways, s.ways)
        positions = tuple(p for s in shapes for p in s.positions or ()) \
            if all(s.positions is not None for s in shapes) else None
        return _Shape(_union(*(s.chars for s in shapes)), _ends(shapes, "first"), _ends(reversed(shapes), "last"),
                      sum(s.lo for s in shapes), sum(s.hi for s in shapes), ways,
                      _loop_ends(shapes, "heads"), _loop_ends(shapes[::-1], "tails"),
                      (tuple(c for s in shapes if s.lo for c in _one_row(s.req))[:_MAX_PATH],),
                      positions if positions is not None and len(positions) <= _MAX_POSITIONS else None)

    def flatten(self, items: list) -> list:
        """Groups inlined: a group's boundary does not change what is next to what."""
        out = []
        for op, av in items:
            if op is self.c.SUBPATTERN:
                out.extend(self.flatten(av[-1]))
            else:
                out.append((op, av))
        return out

    def splits(self, shapes: list[_Shape]) -> tuple[int, int]:
        """In how many ways a text can divide between the variable-length items of a
        sequence. Items i < j are linked when the boundary between them can move: a
        character can end i, begin j and be taken by every item between them that must
        take one. It moves by any number of characters when both can take a run of it
        there (\\d*\\d*: an unbounded item counts n ways), else by a few (2 ways, or a
        bounded item's span). Within a linked group, every item but the widest picks its
        length."""
        var = [k for k, s in enumerate(shapes) if s.variable]
        root = {k: k for k in var}
        looping: set[int] = set()

        def find(k: int) -> int:
            while root[k] != k:
                k = root[k]
            return k

        for a, i in enumerate(var):
            for j in var[a + 1:]:
                common = _intersect(shapes[i].last, shapes[j].first)
                between = tuple(shapes[m].req for m in range(i + 1, j) if shapes[m].lo)
                for m in range(i + 1, j):
                    if shapes[m].lo:
                        common = _intersect(common, shapes[m].chars)
                if common or self.ignorecase and self.meet(shapes[i].last, shapes[j].first):
                    root[find(j)] = find(i)
                if any(self.linked(t, h, t[1] + between + h[1][::-1]) for t in shapes[i].tails
                       for h in shapes[j].heads):
                    root[find(j)] = find(i)
                    looping.update((i, j))
        groups: dict[int, list[_Shape]] = {}
        for k in var:
            groups.setdefault(find(k), []).append(shapes[k])
        ways = _ONE
        for k, members in groups.items():
            spans = sorted(int(s.hi - s.lo + 1) for s in members if s.hi != _INF)
            loops = sum(1 for m in var if find(m) == k and m in looping and shapes[m].hi == _INF)
            others = sum(1 for s in members if s.hi == _INF) - loops
            if not loops and not others:
                spans = spans[:-1]            # the widest takes what the others leave
            for span in spans:
                ways = _times(ways, (0, span))
            # unbounded items take what the bounded leave: n ways for each loop but one, and
            # a boundary of the others moves by a few characters: counted as _FEW ways
            ways = _times(ways, (max(loops - 1, 0), _FEW ** max(others - (0 if loops else 1), 0)))
        return ways


def _ends(shapes, side: str) -> Ranges:
    """The characters a sequence can begin (or end) with: its items' up to the first that
    must take a character."""
    out: Ranges = ()
    for s in shapes:
        out = _union(out, getattr(s, side))
        if s.lo:
            break
    return out


def _loop_ends(shapes: list[_Shape], side: str) -> tuple[Loop, ...]:
    """The loops a sequence begins (ends) with: every item's, each with the characters of
    the items before it (after it) that must take one."""
    out: list[Loop] = []
    path: tuple[Req, ...] = ()
    for s in shapes:
        out.extend((chars, path + p) for chars, p in getattr(s, side))
        if s.lo:
            path += (s.req,)
    return _cap(tuple(out))


def _one_row(req: Req) -> tuple[Ranges, ...]:
    """A requirement as one row: alternatives merged into one set (what any of them takes)."""
    return req[0] if len(req) == 1 else (_union(*(c for alt in req for c in alt)),) if all(req) else ()


_MAX_LOOPS, _MAX_PATH, _MAX_ALTERNATIVES, _MAX_POSITIONS = 16, 8, 256, 16


def _cap(loops: tuple[Loop, ...]) -> tuple[Loop, ...]:
    """Loops kept few and short: past the caps, dropped conditions only link more (safe)."""
    loops = tuple((chars, path[:_MAX_PATH]) for chars, path in loops)
    return loops if len(loops) <= _MAX_LOOPS else ((_union(*(c for c, _ in loops)), ()),)


class _Unknown(Exception):
    """The parse tree holds something this module does not know: CPython changed it."""


def _check_parsed(pattern: str, parser: Any, constants: Any, lookarounds: bool) -> None:
    try:
        parsed = parser.parse(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regex: {exc}") from None
    checker = _Checker(constants, parsed.state.flags, pattern, lookarounds)
    degree, constant = checker.sequence(list(parsed)).ways
    if degree:
        raise ValueError("adjacent unbounded repeats over overlapping characters (like \\d*\\d*) split a "
                         "long token in quadratic or worse ways (catastrophic backtracking)")
    if constant > MAX_CHOICES:
        raise ValueError(f"the pattern's repeats can divide a token in {constant:,} ways (more than "
                         f"{MAX_CHOICES:,}): merge adjacent repeats over the same characters")


# ---------------------------------------------------------------- fallback: the text

_QUANT = re.compile(r"\?|\*|\+|\{(\d*)(?:,(\d*))?\}")


def _check_text(pattern: str) -> None:
    """Without CPython's parser: refuse any repeated group (but `?`), lookaround or
    backreference, more than one unbounded repeat, and bounded repeats and alternatives
    whose choices multiply past MAX_CHOICES. What passes has one unbounded repeat at most,
    of a single character class, and a bounded rest: linear. Coarser than the parse-tree
    check: it refuses safe patterns that one accepts (`\\d+年\\d+`, `(,\\d{3})+`)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regex: {exc}") from None
    if re.search(r"\(\?[=!<]|\(\?P=|\\[1-9]|\(\?\(", pattern):
        raise ValueError("lookarounds and backreferences are not allowed in token regexes")
    unbounded, choices, i, prev = 0, 1, 0, ""
    alternatives = [1]   # per open group: its alternatives, which may all be tried
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            prev, i = "atom", i + 2
            continue
        if ch == "[":
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            prev, i = "atom", j + 1
            continue
        m = _QUANT.match(pattern, i)
        if m and prev:
            if prev == ")" and m.group() != "?":
                raise ValueError("repeated groups are not allowed in token regexes")
            lo = int(m.group(1) or 0) if m.group().startswith("{") else (1 if ch == "+" else 0)
            hi = (m.group(2) if "," in m.group() else m.group(1)) if m.group().startswith("{") else \
                ("1" if ch == "?" else "")
            if hi == "":
                unbounded += 1
            else:
                choices *= int(hi) - lo + 1
            prev, i = "", m.end()
            continue
        if ch == "(":
            alternatives.append(1)
        elif ch == "|":
            alternatives[-1] += 1
        elif ch == ")" and len(alternatives) > 1:
            choices *= alternatives.pop()
        prev = ")" if ch == ")" else ("" if ch in "(|" else "atom")
        i += 1
    choices *= alternatives[0]
    if unbounded > 1:
        raise ValueError("more than one unbounded repeat (checked without CPython's regex parser)")
    if choices > MAX_CHOICES:
        raise ValueError(f"the pattern's repeats can divide a token in {choices:,} ways (more than "
                         f"{MAX_CHOICES:,})")


# ---------------------------------------------------------------- entry point

_PROBE = r"(?:ab|[^a-c]e)*?x{2,3}+(?>y)\b."


def _parser() -> tuple[Any, Any] | None:
    """CPython's regex parser and constants, if they still look as this module expects."""
    try:
        parser, constants = re._parser, re._constants  # type: ignore[attr-defined]
        parsed = parser.parse(_PROBE)
        _Checker(constants, parsed.state.flags, _PROBE).sequence(list(parsed))
        ops = [op for op, _ in parsed]
        expected = [constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT, constants.ATOMIC_GROUP,
                    constants.AT, constants.ANY]
        return (parser, constants) if ops == expected else None
    except Exception:   # missing, renamed or reshaped: the text check takes over
        return None


PARSER = _parser()


def check_regex_safe(pattern: str, *, lookarounds: bool = False) -> None:
    """Raise ValueError (with the reason) for a pattern that is invalid or can backtrack
    catastrophically (see the module's docstring). `lookarounds`: allow them (the code's
    own patterns; their bodies are checked alike)."""
    if PARSER is None:
        _check_text(pattern)
        return
    try:
        _check_parsed(pattern, *PARSER, lookarounds)
    except _Unknown as exc:
        raise ValueError(f"regex construct {exc} is not supported in token regexes") from None
