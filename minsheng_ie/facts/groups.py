"""What a report says of several items at once (ITEMS.md, "Status words"): a sentence outside
any item, opening with a word for the items before it and holding a status word, speaks for
each of them — 上述6项实事均超额完成年度目标任务 (the six items before it), 这些项目均实现时间过半
任务过半 (the items listed since the text before them); a lead before the items, every one
(10个方面的24项民生实事已全面完成). The document reader gives it to each item it covers, as a
status cell."""
from __future__ import annotations

import re
from typing import Hashable, Sequence

from ..core.lexicon import Lexicon
from ..engine.normalize import normalize
from ..engine.values.numbers import parse_number
from .figures import CLAUSE_BREAKS, Words

LEXICONS_READ = frozenset({"group_word"})
_ALL_ITEMS = re.compile(r"[0-9零一二两三四五六七八九十百]+\s*[项件][^，。；,;]{0,12}?(?:实事|项目)[^，。；,;]{0,6}?(?:均|全部|全面|都)")
EXCEPTION = ("除", "其余", "其他", "外")
_COUNT = re.compile(r"\s*([0-9]+|[零一二两三四五六七八九十百]+)\s*[项件个大]")   # 上述|6项, 以上|十件


def group_statements(units: Sequence[tuple[Hashable | None, str]],
                     lexicons: dict[str, Lexicon]) -> dict[Hashable, list[str]]:
    """`units`: a report's text units in reading order, each as (the key of its item, or None
    for a unit outside the items; its text). Returns, for each item key, the statements made
    of a group it is in: the N items before the statement when it counts them (上述6项), else
    the items since the last unit outside the items; every item for a lead that says all are
    done."""
    group = Words(lexicons.get("group_word"))
    status = Words(lexicons.get("status_word"))
    seen: list[Hashable] = []     # the items so far, in order
    since: list[Hashable] = []    # the items since the last unit outside them
    out: dict[Hashable, list[str]] = {}
    leads: list[str] = []         # statements of every item, before the first
    for key, text in units:
        if key is not None:
            for keys in (seen, since):
                if key not in keys:
                    keys.append(key)
            continue
        norm = normalize(text)
        if not seen and _of_every_item(norm, status):
            leads.append(text)
        opening = [(pos, w) for pos, w in group.find(norm)
                   if (pos == 0 or norm[pos - 1] in CLAUSE_BREAKS) and status.any_in(norm[pos:])]
        if opening:
            pos, word = opening[0]
            n = _count(norm, pos + len(word))
            for key_ in (seen[-n:] if n else since):
                out.setdefault(key_, []).append(text)
        since = []
    for key in seen:
        out[key] = leads + out.get(key, [])
    return {k: v for k, v in out.items() if v}


def _of_every_item(norm: str, status: Words) -> bool:
    """A lead that says every item is done (10个方面的24项民生实事已全面完成): the items counted
    (N项…实事), a word for all of them and a done word, no exception (除…外, 其余)."""
    m = _ALL_ITEMS.search(norm)
    return (m is not None and not any(w in norm for w in EXCEPTION)
            and any(status.value(w) == "done" for _, w in status.find(norm[m.start():])))


def _count(norm: str, at: int) -> int:
    """The number of items a group word counts (上述6项 → 6), 0 when it counts none."""
    m = _COUNT.match(norm, at)
    value = parse_number(m.group(1)) if m else None
    return int(value) if value is not None and 0 < value < 1000 else 0
