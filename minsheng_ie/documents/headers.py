"""Header and label names → fields, by meaning, from the lexicons of rules/lexicons/fields.yaml.

A header is normalised (Traditional → Simplified, full-width → half-width, no blanks),
looked up whole, then without a leading as-of date or year (截至10月底进度, 2023年度目标任务)
and bracketed notes (完成率(%), 计划投资(万元)), then — for headers up to 20 characters — by
the field name it is built on: the first of a pair (目标任务及完成时限 → 目标任务), the longest
name it ends with (年度目标完成率 → 完成率, 项目进度 → 进度), else the longest it contains
(形象进度情况说明 → 进度情况), then fuzzily (项目名 → 项目名称).

Roles follow the column: `columns_fields` gives a header of `field_header_beside` its
other field when a column of the same field is beside it (责任单位 next to 牵头单位 →
support, 完成情况 next to 进展情况 → status)."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..engine.normalize import normalize
from ..loading.resources import bundled_lexicon

_BLANKS = re.compile(r"\s+")
# 目标任务及完成时限, 存在问题和建议: a header naming two things is named by the first
_FIRST_OF_PAIR = re.compile(r"及|和|、|/")
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
# (each optional part takes the blanks before it: two blank runs side by side, when the
# part between is absent, would try every split of a long run of blanks; the month part
# keeps the 底 it took, (?>…), rather than try giving it to the last part)
_AS_OF = re.compile(r"^(?:截[至止]|到)?(?:\s*(?:目前|当前|\d{2,4}\s*年度?))?(?>\s*\d{1,2}(?:\s*-\s*\d{1,2})?\s*月"
                    r"(?:份|底|末)?(?:\d{1,2}\s*日)?)?(?:\s*(?:前|止|底|末))?")
# a label that is only an as-of date (截至9月底：…, 截至目前：…) introduces progress
_AS_OF_LABEL = re.compile(r"截[至止](?:\s*(?:目前|当前|\d{2,4}\s*年))?(?:\s*\d{1,2}\s*月(?:份|底|末)?(?:\d{1,2}\s*日)?)?"
                          r"(?:底|末)?")


@lru_cache(maxsize=None)
def _forms(lexicon: str) -> dict[str, str]:
    return {_BLANKS.sub("", form): str(entry.value) for form, entry in bundled_lexicon("fields.yaml", lexicon).forms.items()}


def header_forms() -> dict[str, str]:
    return _forms("field_header")


def beside_forms() -> dict[str, str]:
    return _forms("field_header_beside")


def header_key(cell: str) -> str:
    """The normalised name a header cell is looked up by."""
    return _BLANKS.sub("", normalize(cell)).strip(":")


_HEADER_MAX = 200   # characters: no header is longer, and the cache below keeps its cells


def header_field(cell: str) -> str | None:
    """The field a header cell (or a label) names, or None."""
    return _header_field(cell) if len(cell) <= _HEADER_MAX else None


@lru_cache(maxsize=8192)
def _header_field(cell: str) -> str | None:
    key = header_key(cell)
    if not key:
        return None
    if len(key) > 2 and _AS_OF_LABEL.fullmatch(key):
        return "progress"
    forms = header_forms()
    for candidate in dict.fromkeys((key, _NOTE.sub("", key), _AS_OF.sub("", _NOTE.sub("", key)))):
        if candidate in forms:
            return forms[candidate]
    bare = _AS_OF.sub("", _NOTE.sub("", key))
    if 2 <= len(bare) <= 20:
        first = _FIRST_OF_PAIR.split(_NOTE.sub("", key))[0]
        for part in dict.fromkeys((first, _AS_OF.sub("", first), bare)):
            found = forms.get(part) or _contained(part, forms)
            if found is not None:
                return found
        best = process.extractOne(bare, list(forms), scorer=fuzz.ratio, score_cutoff=80)
        if best is not None:
            return forms[best[0]]
    return None


def _contained(key: str, forms: dict[str, str]) -> str | None:
    """The field of the name a header is built on. A Chinese compound names its kind last
    (年度目标完成率 is a rate, 项目进度 a progress, 进度滞后原因 a problem): the longest name the
    header ends with, else the longest it contains (the later one of two as long)."""
    ends = [f for f in forms if len(f) >= 2 and key.endswith(f)]
    if ends:
        return forms[max(ends, key=len)]
    inside = [(len(f), key.rindex(f), f) for f in forms if len(f) >= 2 and f in key]
    return forms[max(inside)[2]] if inside else None


def columns_fields(headers: list[str], fields: list[str | None] | None = None) -> list[str | None]:
    """Fields of a row of header names (or of the given fields, found from those names),
    roles following the column (see module doc)."""
    fields = [header_field(h) for h in headers] if fields is None else list(fields)
    others = [_beside(h) for h in headers]
    for i, other in enumerate(others):
        if other is not None and fields[i] is not None and any(
                f == fields[i] and others[j] is None for j, f in enumerate(fields) if j != i):
            fields[i] = other
    return fields


def _beside(header: str) -> str | None:
    """The other field a header names beside a column of its own field: the entry of
    field_header_beside it ends with (目标完成情况 ends with 完成情况), the longest."""
    key = _NOTE.sub("", header_key(header))
    beside = beside_forms()
    ends = [f for f in beside if key.endswith(f)]
    return beside[max(ends, key=len)] if ends else None


def label_names() -> str:
    """The field names a label may be written with, as a regex alternation (longest first)."""
    forms = sorted((f for f, v in header_forms().items() if v != "number"), key=len, reverse=True)
    return "|".join(map(re.escape, forms))


# brackets that set a label off on their own, with or without a colon: 【目标】 〔进展〕 [牵头单位]：
LABEL_OPEN, LABEL_CLOSE = "【〔〖[", "】〕〗]"


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    """A label in normalised text, its field name in group `name`: a field name followed by
    a colon (目标任务：, 牵头单位:) at a line start or after punctuation or an opening bracket;
    or a field name alone in brackets, a colon inside or after them or none (【目标】, 〔进展〕：,
    [牵头单位：]) — the brackets set it off wherever it stands."""
    names = label_names() + "|" + _AS_OF_LABEL.pattern
    opening, closing = re.escape(LABEL_OPEN), re.escape(LABEL_CLOSE)
    return re.compile(rf"(?:(?P<open>[{opening}])\s*|(?:^|(?<=[\s。;,)({opening}{closing}])))(?P<name>{names})"
                      rf"(?(open)\s*[:：]?\s*[{closing}]\s*[:：]?|\s*[:：])")


def is_total(cell: str) -> bool:
    """A 合计/总计/小计 cell: the row sums the items above it."""
    key = header_key(cell)
    return len(key) <= 8 and any(f in key for f in _forms("total_row"))


@lru_cache(maxsize=1)
def _body_cues() -> re.Pattern[str]:
    forms = sorted(_forms("body_cue"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


def body_field(heading: str) -> str | None:
    """What an item's unlabelled text is, by the last cue word of a heading (方案 → target,
    进展情况 → progress), or None when the heading has none."""
    hits = list(_body_cues().finditer(normalize(heading)))
    return _forms("body_cue")[hits[-1].group()] if hits else None
