"""Progress bars for long batches (tqdm), silent unless asked for; they count what the
caller names: files, text units."""
from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T")


def progress_bar(items: Iterable[T], *, enabled: bool, desc: str = "", total: int | None = None,
                 unit: str = "unit") -> Iterable[T]:
    if not enabled:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=desc, total=total, unit=unit)


class Counter:
    """A bar advanced by hand (`add(n)`), for work that finishes in pieces."""

    def __init__(self, total: int, *, enabled: bool, desc: str = "", unit: str = "unit"):
        self._bar = None
        if enabled:
            from tqdm import tqdm
            self._bar = tqdm(total=total, desc=desc, unit=unit)

    def add(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
