"""When an item's figures are as of, its period, and the share of the period passed
(ITEMS.md, "Schedule", "As-of date", "Period")."""
from __future__ import annotations

import datetime as dt
from typing import Iterator, Sequence

from ..core.entities import Entity, Extraction
from ..core.lexicon import Lexicon
from ..engine.normalize import normalize
from .figures import PROGRESS_FIELDS, TARGET_FIELDS

LEXICONS_READ = frozenset({"asof_cue", "start_verb"})


def _period(e: Entity) -> tuple[dt.date, dt.date] | None:
    if e.label == "DATE" and isinstance(e.value, list):
        return dt.date.fromisoformat(e.value[0]), dt.date.fromisoformat(e.value[1])
    if e.label == "DEADLINE" and isinstance(e.value, str):
        day = dt.date.fromisoformat(e.value)
        return day, day
    return None


def _periods(units: list[tuple[str, Extraction]], fields: frozenset[str]
             ) -> Iterator[tuple[str, Entity, tuple[dt.date, dt.date]]]:
    """(normalised text, entity, its period) of every DATE and DEADLINE of the units in `fields`."""
    for fld, ext in units:
        if fld not in fields:
            continue
        norm = normalize(ext.text)
        for e in ext.entities:
            span = _period(e)
            if span is not None:
                yield norm, e, span


def as_of_date(units: list[tuple[str, Extraction]], ref: dt.date | None,
               lexicons: dict[str, Lexicon]) -> dt.date | None:
    """The date the item's figures are as of: the latest end of a period its progress
    states them at — after 截至/截止 (截至2020年2月底, 截止到6月底) or from the start of
    the year (1-10月份, 上半年) — not after `ref`; None when it states none."""
    cues = lexicons.get("asof_cue")
    forms = sorted(cues.forms, key=len, reverse=True) if cues else []
    found: list[dt.date] = []
    for norm, e, span in _periods(units, PROGRESS_FIELDS):
        if e.label != "DATE":
            continue
        before = norm[max(0, e.start - 4):e.start]
        from_year_start = (span[0].month, span[0].day) == (1, 1) and span[1].year == span[0].year
        if any(before.endswith(f) for f in forms) or (from_year_start and span[1] > span[0]):
            if ref is None or span[1] <= ref:
                found.append(span[1])
    return max(found) if found else None


def item_period(units: list[tuple[str, Extraction]], year: int | None,
                lexicons: dict[str, Lexicon], stated: Sequence[dt.date] = ()) -> tuple[dt.date | None, dt.date | None]:
    """(start, deadline) of the item. A programme's year range (2013—2017年) gives both;
    else the deadline is the latest DEADLINE of the target or name units in `year` (the
    year the report covers; a later milestone is another stage), else the earliest one
    after it, else Dec 31 of `year`; the start is Jan 1 of the deadline's year unless the
    item states one (2024年3月开始施工). `stated`: the deadlines of the targets a progress unit
    states (全部7处公园计划7月1日前对外开放), counted as the target units' are."""
    starts = lexicons.get("start_verb")
    start_forms = list(starts.forms) if starts else []
    deadlines: list[dt.date] = list(stated)
    stated_start: dt.date | None = None
    for norm, e, span in _periods(units, TARGET_FIELDS):
        if e.label == "DATE" and span[1].year > span[0].year:
            return dt.date(span[0].year, 1, 1), dt.date(span[1].year, 12, 31)
        if e.label == "DEADLINE":
            deadlines.append(span[1])
        elif any(norm[e.end:e.end + 4].lstrip("份底初").startswith(f) for f in start_forms):
            stated_start = span[0]
    if year is None and not deadlines:
        return None, None
    this_year = [d for d in deadlines if year is None or d.year == year]
    later = sorted(d for d in deadlines if year is not None and d.year > year)
    deadline = max(this_year) if this_year else later[0] if later else dt.date(year or 1, 12, 31)
    start = dt.date(deadline.year, 1, 1)
    if stated_start is not None and start <= stated_start < deadline:
        start = stated_start
    return start, deadline


def expected_share(as_of: dt.date | None, start: dt.date | None, deadline: dt.date | None) -> float | None:
    """(as_of − start + 1 day) / (deadline − start + 1 day), within [0, 1], 4 decimals."""
    if as_of is None or start is None or deadline is None:
        return None
    share = ((as_of - start).days + 1) / ((deadline - start).days + 1)
    return round(min(1.0, max(0.0, share)), 4)
