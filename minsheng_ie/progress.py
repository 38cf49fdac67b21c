"""A progress bar for long batches (tqdm), silent unless asked for."""
from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T")


def progress_bar(items: Iterable[T], *, enabled: bool, desc: str = "", total: int | None = None) -> Iterable[T]:
    if not enabled:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=desc, total=total, unit="unit")
