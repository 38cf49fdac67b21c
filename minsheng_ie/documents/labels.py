"""Labelled fields in running text, wherever they stand.

    目标任务：建成10所。进展情况：已建成6所。        labels inline or on their own lines
    （牵头单位：县教育局；配合单位：县财政局）          labels in brackets
    【完成时限】2023年12月底  〔进展〕：已建成6所        a label set off by brackets

A labelled passage runs to the next label; a unit list or a date (牵头单位, 配合单位,
完成时限 …) ends at the first 。 or ；, and the text after it is the item's unlabelled text.
Text without a label is the item's `implicit` field (what its headings say the items'
text is: targets in a plan, progress in a progress report).

Units in brackets without a label — （县卫健局牵头，县医保局配合） — are fields too, their
role from the word after them (牵头 → responsible, 配合 → support; none → responsible).

A bracket of labels at the start of a passage gives fields of their own; a bracket after
some text stays inside that text's unit and its fields are `nested` units (the target
sentence `…新增78个教学班。(牵头单位:区教育局)` keeps its trailer; the item still has the
responsible unit 区教育局)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .headers import LABEL_CLOSE, LABEL_OPEN, label_field, label_names, label_pattern
from .model import Item, Unit, make_unit
from .orgs import has_role_word, units_with_roles

# fields whose value is a short list or a date: they end at a sentence end
SHORT_FIELDS = {"responsible", "support", "deadline", "leader", "name", "rate", "status"}
_SEPARATORS = " \t,，;；、。.:：\u3000"
_SENTENCE_END = re.compile(r"[。;]")
_EXTENDABLE = {"target", "progress", "problem", "plan", "text"}


@dataclass
class _Group:
    start: int
    end: int
    parts: list[tuple[str, int, int]]      # (field, value start, value end)
    bare: bool = False                     # units with neither a label nor a role word: （县教育局）


@lru_cache(maxsize=1)
def _bracket_pattern() -> re.Pattern[str]:
    """A bracket that opens with a label and holds its value (（牵头单位：县教育局）); a
    bracket that closes right after the label (【目标：】) is a label of its own (label_pattern)."""
    opening, closing = re.escape("(" + LABEL_OPEN), re.escape(")" + LABEL_CLOSE)
    return re.compile(rf"[{opening}]\s*({label_names()})\s*[:：](?!\s*[{closing}])")


_UNIT_BRACKET = re.compile(r"\(([^()]{2,80})\)")


def groups(norm: str, a: int, b: int) -> list[_Group]:
    """Bracketed labels and bracketed units in norm[a:b], in order."""
    out = _label_groups(norm, a, b)
    for m in _UNIT_BRACKET.finditer(norm, a, b):
        if any(g.start <= m.start() < g.end for g in out):
            continue
        parts = units_with_roles(norm, m.start(1), m.end(1))
        if parts:
            out.append(_Group(m.start(), m.end(), parts, not has_role_word(norm, m.start(1), m.end(1))))
    return sorted(out, key=lambda g: g.start)


def _label_groups(norm: str, a: int, b: int) -> list[_Group]:
    """Bracketed labels in norm[a:b]."""
    out: list[_Group] = []
    pos = a
    while True:
        m = _bracket_pattern().search(norm, pos, b)
        if m is None:
            return out
        close = dict(zip("(" + LABEL_OPEN, ")" + LABEL_CLOSE))[norm[m.start()]]
        depth, k = 0, m.start()
        while k < b:
            if norm[k] == norm[m.start()]:
                depth += 1
            elif norm[k] == close:
                depth -= 1
                if depth == 0:
                    break
            k += 1
        inner = [lm for lm in label_pattern().finditer(norm, m.start() + 1, k)]
        parts = []
        for i, lm in enumerate(inner):
            vend = inner[i + 1].start() if i + 1 < len(inner) else k
            parts.append((label_field(lm) or "text", lm.end(), vend))
        out.append(_Group(m.start(), min(k + 1, b), parts))
        pos = min(k + 1, b)


def _trim(text: str, fld: str, s: int, e: int, nested: bool = False) -> Unit | None:
    """A unit without the separators around it (a text field keeps its final 。)."""
    while s < e and text[s] in _SEPARATORS:
        s += 1
    keep = "。." if fld in _EXTENDABLE else ""
    while e > s and text[e - 1] in _SEPARATORS and text[e - 1] not in keep:
        e -= 1
    return make_unit(text, fld, s, e, nested)


def add_fields(item: Item, text: str, norm: str, a: int, b: int, implicit: str,
               continues: bool = False) -> str | None:
    """The labelled and unlabelled fields of text[a:b] into `item`. `continues`: text before
    the first label continues the item's last text unit (a paragraph broken over lines).
    Returns the field of a label that ends the text with no value (目标任务： alone on its
    line): its value is on the next line."""
    found = groups(norm, a, b)
    inside = [(g.start, g.end) for g in found]
    labels = [m for m in label_pattern().finditer(norm, a, b)
              if not any(s <= m.start() < e for s, e in inside)]
    # cut points: (position where the passage starts, field, value start); text before the first is implicit
    pieces: list[tuple[int, str, int]] = [(a, implicit, a)]
    for m in labels:
        pieces.append((m.start(), label_field(m) or "text", m.end()))
    for k, (start, fld, vstart) in enumerate(pieces):
        end = pieces[k + 1][0] if k + 1 < len(pieces) else b
        if fld in SHORT_FIELDS and k > 0:
            stop = _SENTENCE_END.search(norm, vstart, end)
            if stop is not None:
                _passage(item, text, fld, vstart, stop.start(), found)
                _passage(item, text, implicit, stop.end(), end, found)
                continue
        if k == 0 and continues and _extend(item, text, vstart, end):
            continue
        _passage(item, text, fld, vstart, end, found)
    last_start, last_field, last_value = pieces[-1]
    return last_field if len(pieces) > 1 and not text[last_value:b].strip(_SEPARATORS) else None


def _passage(item: Item, text: str, fld: str, s: int, e: int, groups: list[_Group]) -> None:
    """One passage: brackets at its start are fields of their own, later ones are nested."""
    mine = [g for g in groups if s <= g.start < e]
    lead = s
    for g in mine:
        if text[lead:g.start].strip(_SEPARATORS):
            break
        for f, vs, ve in g.parts:
            item.add(_trim(text, f, vs, ve))
        lead = g.end
    outer = _trim(text, fld, lead, e)
    if outer is None:
        return
    if fld == "name" and item.name is not None:
        outer = Unit("text", outer.text, outer.start, outer.end)
    item.add(outer)
    for g in mine:
        if g.start >= outer.start and g.end <= outer.end + 1:
            for f, vs, ve in g.parts:
                item.add(_trim(text, f, vs, ve, nested=True))


def _extend(item: Item, text: str, s: int, e: int) -> bool:
    """Extend the item's last text unit to text[…:e] when text[s:e] continues it."""
    for k in range(len(item.fields) - 1, -1, -1):
        u = item.fields[k]
        if u.nested:
            continue
        if u.field not in _EXTENDABLE or not text[s:e].strip():
            return False
        end = e
        while end > u.start and text[end - 1].isspace():
            end -= 1
        item.fields[k] = Unit(u.field, text[u.start:end], u.start, end)
        return True
    return False
