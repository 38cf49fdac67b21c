"""Measure words, told from the bundled unit, multiplier and calendar-unit lexicons: is a
cell only a unit of measure (个, 万元, 元/年 — a 计量单位 or plain 单位 column is not the
responsible units), does a text hold a figure (10个: a task, not an agency's name)?"""
from __future__ import annotations

import re
from functools import lru_cache

from ..engine.normalize import normalize
from ..loading.resources import bundled_lexicon


def _alternatives(words: set[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _measure() -> str:
    units = set(bundled_lexicon("units.yaml", "unit").forms) | {"%"}
    multipliers = set(bundled_lexicon("numbers.yaml", "multiplier").forms)
    return rf"(?:{_alternatives(multipliers)})?(?:{_alternatives(units)})"


@lru_cache(maxsize=1)
def _measure_pattern() -> re.Pattern[str]:
    per = set(bundled_lexicon("units.yaml", "unit").forms) | set(bundled_lexicon("time.yaml", "date_unit").forms)
    return re.compile(rf"{_measure()}(?:\s*[/每]\s*(?:{_alternatives(per)}))*")


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    return re.compile(rf"\d+(?:\.\d+)?\s*(?:余|多)?{_measure()}")


def is_measure(cell: str) -> bool:
    """A measure word, with its multiplier or per unit (万元, 元/年, 人/月), and nothing else."""
    s = normalize(cell).strip()
    return bool(s) and _measure_pattern().fullmatch(s) is not None


def has_quantity(s: str) -> bool:
    """Does the text hold a figure with its measure word (10个, 1.5万元)? A unit's name
    never does: 开工建设10个区域性养老服务中心 is a task, not an agency."""
    return _quantity_pattern().search(normalize(s)) is not None
