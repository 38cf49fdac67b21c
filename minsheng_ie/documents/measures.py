"""Is a cell only a unit of measure (个, 万元, 元/年, 平方米)? Told from the bundled unit,
multiplier and calendar-unit lexicons, so that a 计量单位 (or plain 单位) column of measure
words is not read as the responsible units."""
from __future__ import annotations

import re
from functools import lru_cache

from ..engine.normalize import normalize
from ..loading.resources import bundled_lexicon


def _alternatives(words: set[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _measure_pattern() -> re.Pattern[str]:
    units = set(bundled_lexicon("units.yaml", "unit").forms) | {"%"}
    multipliers = set(bundled_lexicon("numbers.yaml", "multiplier").forms)
    per = units | set(bundled_lexicon("time.yaml", "date_unit").forms)
    measure = rf"(?:{_alternatives(multipliers)})?(?:{_alternatives(units)})"
    return re.compile(rf"{measure}(?:\s*[/每]\s*(?:{_alternatives(per)}))*")


def is_measure(cell: str) -> bool:
    """A measure word, with its multiplier or per unit (万元, 元/年, 人/月), and nothing else."""
    s = normalize(cell).strip()
    return bool(s) and _measure_pattern().fullmatch(s) is not None
