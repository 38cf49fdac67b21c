"""Subjects: what a figure counts or measures, attached by SUBJECT rules (ATTACH_LABELS).

An attaching rule's normaliser returns the attributes its match gives the entity its
`figure` step took (here `subject`: character offsets, or None for "no subject"), or
None to pass the match over (the next best match of the figure is tried).
"""
from __future__ import annotations

from .context import Context


# quotes and brackets stay inside a subject (“三品一标”农产品) only with their partner
_CLOSING = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "[": "]"}
_OPENING = {c: o for o, c in _CLOSING.items()}


def subject(m, ctx: Context) -> dict | None:
    """The tokens captured as `subject` (their span, from the first to the last), or no
    subject at all when the rule captures none (已完成87间: the figure names nothing). A
    quote or bracket at either end whose partner the span does not hold is left out (the
    subject of 27.76万套 in “城镇棚户区改造27.76万套” is 城镇棚户区改造); so is what stands
    before one that opens inside a subject before its figure and is not closed there: the
    figure is inside the quote or bracket, and so is its subject (贷款任务数额（单笔贷款50万元
    以下） → 单笔贷款); after its figure, a subject ends before a bracket it opens and does not
    close (62个街道(镇、园区) read up to 镇 → 街道). The match is passed over if nothing is left."""
    toks = m.captures.get("subject")
    if not toks:
        return {"subject": None}
    first, last = 0, len(toks) - 1
    norms = [t.norm for t in toks]
    figure = m.captures.get("figure")
    if figure and toks[-1].end <= figure[0].start:
        for k in range(last, 0, -1):
            if norms[k] in _CLOSING and _CLOSING[norms[k]] not in norms[k + 1:]:
                first = k + 1
                break
    elif figure and toks[0].start >= figure[0].end:
        for k in range(1, last + 1):
            if norms[k] in _CLOSING and _CLOSING[norms[k]] not in norms[k + 1:]:
                last = k - 1
                break
    while first <= last and norms[first] in _CLOSING and _CLOSING[norms[first]] not in norms[first + 1:last + 1]:
        first += 1
    while first <= last and norms[last] in _OPENING and _OPENING[norms[last]] not in norms[first:last]:
        last -= 1
    return {"subject": (toks[first].start, toks[last].end)} if first <= last else None


def carried_subject(m, ctx: Context) -> dict | None:
    """The subject of the earlier entity captured as `carry` (建成3个 after 新建服务站5个)
    when both figures count or measure alike: both without a unit (two percentages), or
    with the same unit, or both with units of the `person_unit` lexicon (15名 … 其余15人);
    no subject when that entity has none (the nearest such figure decides). The earlier
    entity's captures are renamed with ENT_SUFFIX `_carry` (`unit_carry`)."""
    unit, other = ctx.canonical("unit", m.captures.get("unit")), ctx.canonical("unit", m.captures.get("unit_carry"))
    if unit != other:
        persons = ctx.lexicons.get("person_unit")
        if unit is None or other is None or persons is None or unit not in persons.forms or other not in persons.forms:
            return None
    carry = m.captures.get("carry")
    return {"subject": ctx.attached.get(carry[0].start) if carry else None}


def shared_subject(m, ctx: Context) -> dict | None:
    """The subject of the earlier entity captured as `carry`, whatever its unit (the money
    of a count just before it: 发放养老服务券4693人次60.35万元; a change: 同比增长18.7%)."""
    carry = m.captures.get("carry")
    found = ctx.attached.get(carry[0].start) if carry else None
    return {"subject": found} if found is not None else None


_LIST_SEPARATORS = frozenset({"、"})


def nth_member(m, ctx: Context) -> dict | None:
    """The member of a list captured as `members` that stands where the figure stands in its
    list of figures (A、B、C完成率分别为a、b、c → b: B): the figures before it are counted by
    the separators captured as `before`, those after it by `after`. Separators inside quotes
    or brackets (食品安全“你点我检”, 县（市、区）) split nothing. Passed over unless the two lists
    are as long as each other."""
    toks = m.captures.get("members")
    if not toks:
        return None
    members: list[list] = [[]]
    depth = 0
    for t in toks:
        if t.norm in _CLOSING:
            depth += 1
        elif t.norm in _OPENING:
            depth = max(depth - 1, 0)
        if depth == 0 and t.norm in _LIST_SEPARATORS:
            members.append([])
        else:
            members[-1].append(t)
    k = sum(t.norm in _LIST_SEPARATORS for t in m.captures.get("before") or ())
    after = sum(t.norm in _LIST_SEPARATORS for t in m.captures.get("after") or ())
    if len(members) < 2 or len(members) != k + 1 + after or not members[k]:
        return None
    return {"subject": (members[k][0].start, members[k][-1].end)}
