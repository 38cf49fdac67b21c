"""Header and label names → fields, by meaning, from the lexicons of rules/lexicons/fields.yaml.

A header is normalised (Traditional → Simplified, full-width → half-width, no blanks),
looked up whole, then without a leading as-of date or year (截至10月底进度, 2023年度目标任务)
and bracketed notes (完成率(%), 计划投资(万元)), then — for headers up to 20 characters — by
the longest field name it contains (形象进度 → 进度), then fuzzily (项目名 → 项目名称).

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
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_AS_OF = re.compile(r"^(?:截[至止]|到)?\s*(?:目前|当前|\d{2,4}\s*年度?)?\s*(?:\d{1,2}(?:\s*-\s*\d{1,2})?\s*月(?:份|底|末)?"
                    r"(?:\d{1,2}\s*日)?)?\s*(?:前|止|底|末)?")
# a label that is only an as-of date (截至9月底：…, 截至目前：…) introduces progress
_AS_OF_LABEL = re.compile(r"截[至止]\s*(?:目前|当前|\d{2,4}\s*年)?\s*(?:\d{1,2}\s*月(?:份|底|末)?(?:\d{1,2}\s*日)?)?(?:底|末)?")


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


@lru_cache(maxsize=8192)
def header_field(cell: str) -> str | None:
    """The field a header cell (or a label) names, or None."""
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
        contained = [f for f in forms if len(f) >= 2 and f in bare]
        if contained:
            return forms[max(contained, key=len)]
        best = process.extractOne(bare, list(forms), scorer=fuzz.ratio, score_cutoff=80)
        if best is not None:
            return forms[best[0]]
    return None


def columns_fields(headers: list[str], fields: list[str | None] | None = None) -> list[str | None]:
    """Fields of a row of header names (or of the given fields, found from those names),
    roles following the column (see module doc)."""
    fields = [header_field(h) for h in headers] if fields is None else list(fields)
    beside = beside_forms()
    for i, h in enumerate(headers):
        other = beside.get(_NOTE.sub("", header_key(h)))
        if other is not None and fields[i] is not None and any(
                f == fields[i] and beside.get(_NOTE.sub("", header_key(headers[j]))) is None
                for j, f in enumerate(fields) if j != i):
            fields[i] = other
    return fields


@lru_cache(maxsize=1)
def label_pattern() -> re.Pattern[str]:
    """A label in normalised text: a field name followed by a colon (目标任务：, 牵头单位:),
    at a line start or after punctuation or an opening bracket."""
    forms = sorted((f for f, v in header_forms().items() if v != "number"), key=len, reverse=True)
    names = "|".join(map(re.escape, forms)) + "|" + _AS_OF_LABEL.pattern
    return re.compile(r"(?:^|(?<=[\s。;,)(【\]\[]))(" + names + r")\s*[:：]")


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
