"""Lists: a rule whose match holds a list of units gives one entity per member.

A rule with `list: {capture: units, separators: unit_sep, ends: …, starts: …}` captures
the whole list (牵头单位：区教育局、卫健委（代建办）、各街道) as `units`; the list is split at
the separator tokens (and spaces) that are outside every pair of brackets, so
各县（市、区）人民政府 stays one member, and a bracket that pairs with none at a member's
edge is left out of it (the ）that ends （牵头单位:区教育局）). A separator whose lexicon
value is `weak` (和, 及) also joins words inside names (区文化广电和旅游体育局): it splits
only after a member ending with a form of the `ends` lexicon (县财政局和县医保局) or before
one starting with a form of `starts` (区水投和区城投). With `bare_max`, a member longer
than that many characters must end with a form of `ends`. With `shared_head`, an opener
and levels (各州、市、县人民政府) join the member that ends with a head: the opener governs
every level listed before the shared head. Every member is a match of the
same rule, sharing its other captures (the role cue), so overlap resolution weighs each
member on its own.
"""
from __future__ import annotations

from typing import Any

from ..core.lexicon import Lexicon
from .matcher import Match
from .tokenizer import Token

OPENING = "([【〔《〈"
CLOSING = ")]】〕》〉"


class ListSpec:
    """How a list rule's capture splits into members (built once per rule)."""

    def __init__(self, spec: dict[str, Any], lexicons: dict[str, Lexicon]):
        self.capture: str = spec["capture"]
        seps = lexicons[spec["separators"]].forms
        self.separators = frozenset(seps)
        self.weak = frozenset(f for f, e in seps.items() if e.value == "weak")
        self.ends = _forms(lexicons, spec.get("ends"))
        self.starts = _forms(lexicons, spec.get("starts"))
        self.bare_max: int | None = spec.get("bare_max")
        shared = lexicons[spec["shared_head"]].forms if spec.get("shared_head") else {}
        self.openers = tuple(f for f, e in shared.items() if e.value == "opener")
        self.levels = frozenset(f for f, e in shared.items() if e.value == "level")
        self.heads = tuple(f for f, e in shared.items() if e.value == "head")

    def only_levels(self, name: str) -> bool:
        """Whether `name` is one or more levels written together (市, 县市)."""
        if not name:
            return False
        return name in self.levels or any(name.startswith(f) and self.only_levels(name[len(f):])
                                          for f in self.levels if len(f) < len(name))

    def opens_levels(self, name: str) -> bool:
        return any(name.startswith(o) and self.only_levels(name[len(o):]) for o in self.openers)

    def splits_at_weak(self, before: str, after: str) -> bool:
        return self.ends_like_unit(before) or any(after.startswith(f) for f in self.starts)

    def ends_like_unit(self, name: str) -> bool:
        return any(name.endswith(f) for f in self.ends)

    def plausible(self, tokens: list[Token]) -> bool:
        """A member longer than `bare_max` characters (an alias in brackets aside) ends
        like a unit: 新辟线路年度目标 in a list run on from a scraped table is none."""
        if self.bare_max is None or sum(len(t.norm) for t in tokens) <= self.bare_max:
            return True
        name = "".join(t.norm for t in tokens)
        name = name[:min((name.find(b) for b in OPENING if b in name), default=len(name))]
        return len(name) <= self.bare_max or self.ends_like_unit(name)


def _forms(lexicons: dict[str, Lexicon], name: Any) -> tuple[str, ...]:
    return tuple(lexicons[name].forms) if name else ()


def list_members(m: Match, spec: ListSpec, tokens: list[Token]) -> list[Match]:
    """The members of the list `m` captured, as matches of its rule."""
    captured = m.captures.get(spec.capture)
    if not captured:
        return []
    a = m.start
    while tokens[a] is not captured[0]:
        a += 1
    b = a + len(captured)
    bracketed = any(t.norm in OPENING or t.norm in CLOSING for t in captured)
    members = [p for p in (_trim(part, tokens) if bracketed else _bare(part, tokens)
                           for part in _parts(a, b, spec, tokens, bracketed))
               if p is not None and spec.plausible(tokens[p[0]:p[1]])]
    shared = {k: v for k, v in m.captures.items() if k != spec.capture}
    out = []
    for k, (s, e) in enumerate(members):
        start = m.start if k == 0 else s
        end = m.end if k == len(members) - 1 else e
        out.append(Match(m.rule, start, end, s, e, tokens, start, (), {**shared, spec.capture: tokens[s:e]}))
    return out


def _parts(a: int, b: int, spec: ListSpec, tokens: list[Token], bracketed: bool) -> list[tuple[int, int]]:
    """Token ranges between the separators that are outside every pair of brackets."""
    inside = bytearray(b - a)
    if bracketed:
        stack: list[int] = []
        for i in range(a, b):
            n = tokens[i].norm
            if n in OPENING:
                stack.append(i)
            elif n in CLOSING and stack:
                o = stack.pop()
                inside[o - a:i - a] = b"\x01" * (i - o)
    parts = []
    begin = a
    for i in range(a, b):
        t = tokens[i]
        if inside[i - a] or not (t.kind == "space" or t.norm in spec.separators):
            continue
        if t.norm in spec.weak and not spec.splits_at_weak(
                "".join(x.norm for x in tokens[begin:i]), "".join(x.norm for x in tokens[i + 1:min(b, i + 4)])):
            continue
        parts.append((begin, i))
        begin = i + 1
    parts.append((begin, b))
    return _shared_heads(parts, spec, tokens) if spec.openers else parts


def _shared_heads(parts: list[tuple[int, int]], spec: ListSpec, tokens: list[Token]) -> list[tuple[int, int]]:
    """Parts joined where an opener and levels, then bare levels, come before a part that
    begins with a level and ends with a head: 各州|市|县人民政府 → one part."""
    names = ["".join(t.norm for t in tokens[s:e]).strip(" " + OPENING + CLOSING) for s, e in parts]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(parts):
        j = k + 1
        if spec.opens_levels(names[k]):
            while j < len(parts) and spec.only_levels(names[j]):
                j += 1
            last = names[j] if j < len(parts) else ""
            if any(last.endswith(h) and spec.only_levels(last[:-len(h)]) for h in spec.heads):
                out.append((parts[k][0], parts[j][1]))
                k = j + 1
                continue
            j = k + 1
        out.append(parts[k])
        k = j
    return out


def _trim(part: tuple[int, int], tokens: list[Token]) -> tuple[int, int] | None:
    """The part without brackets that pair with nothing at its edges; None when nothing
    with a word in it is left, or a bracket inside still pairs with nothing."""
    s, e = part
    unpaired = _unpaired(s, e, tokens)   # leaving out a lone bracket pairs no other
    while s < e and s in unpaired:
        s += 1
    while s < e and e - 1 in unpaired:
        e -= 1
    if any(s <= i < e for i in unpaired):
        return None
    return _bare((s, e), tokens)


def _bare(part: tuple[int, int], tokens: list[Token]) -> tuple[int, int] | None:
    """The part, unless it holds no word (an empty place between two separators) or
    begins with a number (三个街道 counts streets; a numeral inside a name, 市第一人民医院,
    comes after its place)."""
    s, e = part
    if tokens[s].kind in ("num", "cnum"):
        return None
    return part if any(tokens[i].kind not in ("punct", "space") for i in range(s, e)) else None


def _unpaired(s: int, e: int, tokens: list[Token]) -> set[int]:
    """Indices of the brackets in tokens[s:e] that pair with none."""
    stack: list[int] = []
    lone: set[int] = set()
    for i in range(s, e):
        n = tokens[i].norm
        if n in OPENING:
            stack.append(i)
        elif n in CLOSING:
            if stack:
                stack.pop()
            else:
                lone.add(i)
    return lone | set(stack)
