"""Lists: a rule whose match holds a list of units gives one entity per member.

A rule with `list: {capture: units, separators: unit_sep}` captures the whole list
(牵头单位：区教育局、卫健委（代建办）、各街道) as `units`; the list is split at the separator
tokens (and spaces) that are outside brackets, so 各县（市、区）人民政府 stays one member,
and a bracket left open or closed at a member's edge is left out of it (the ）that ends
（牵头单位:区教育局）). Every member is a match of the same rule, sharing its other
captures (the role cue), so overlap resolution weighs each member on its own.
"""
from __future__ import annotations

from .matcher import Match
from .tokenizer import Token

OPENING = "([【〔《"
CLOSING = ")]】〕》"


def list_members(m: Match, capture: str, separators: frozenset[str], tokens: list[Token]) -> list[Match]:
    """The members of the list `m` captured as `capture`, as matches of its rule."""
    captured = m.captures.get(capture)
    if not captured:
        return []
    a = next(i for i in range(m.start, m.end) if tokens[i] is captured[0])
    b = a + len(captured)
    members = [p for p in (_trim(part, tokens) for part in _parts(a, b, separators, tokens)) if p is not None]
    shared = {k: v for k, v in m.captures.items() if k != capture}
    out = []
    for k, (s, e) in enumerate(members):
        start = m.start if k == 0 else s
        end = m.end if k == len(members) - 1 else e
        out.append(Match(m.rule, start, end, s, e, tokens, start, (), {**shared, capture: tokens[s:e]}))
    return out


def _parts(a: int, b: int, separators: frozenset[str], tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges between separators at bracket depth 0 (every separator when the list's
    brackets do not pair up)."""
    depth = 0
    paired = True
    for t in tokens[a:b]:
        depth += (t.norm in OPENING) - (t.norm in CLOSING)
        paired = paired and depth >= 0
    paired = paired and depth == 0
    parts = []
    depth = 0
    begin = a
    for i in range(a, b):
        t = tokens[i]
        if paired:
            depth += (t.norm in OPENING) - (t.norm in CLOSING)
        if depth == 0 and (t.kind == "space" or t.norm in separators):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, b))
    return parts


def _trim(part: tuple[int, int], tokens: list[Token]) -> tuple[int, int] | None:
    """The part without brackets that pair with nothing at its edges; None when nothing
    with a word in it is left, or a bracket inside still pairs with nothing."""
    s, e = part
    while True:
        unpaired = _unpaired(s, e, tokens)
        if s < e and s in unpaired:
            s += 1
        elif s < e and e - 1 in unpaired:
            e -= 1
        else:
            break
    if unpaired or not any(t.kind not in ("punct", "space") for t in tokens[s:e]):
        return None
    return s, e


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
