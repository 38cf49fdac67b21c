"""What item facts are made of: figures in the item's text units, indicators linking a
target figure to the progress figures that answer it, and the item's assessment."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..core.entities import Entity

STATUSES = ("done", "on_track", "behind", "unknown")
# worst first: an item is as far along as its worst indicator of known status
_RANK = {"behind": 0, "on_track": 1, "done": 2}


def worst(statuses: list[str]) -> str:
    """The worst known status (behind < on_track < done), or unknown when none is known."""
    known = [s for s in statuses if s in _RANK]
    return min(known, key=_RANK.__getitem__) if known else "unknown"


@dataclass(frozen=True)
class Figure:
    """A QUANTITY or PERCENT in one text unit of the item (`unit_index`: its place in the
    list of units given), with offsets into that unit's text."""
    unit_index: int
    start: int
    end: int
    entity: Entity

    def to_dict(self) -> dict[str, Any]:
        return {"unit_index": self.unit_index, "start": self.start, "end": self.end}


@dataclass
class Indicator:
    """One thing an item promises: its target figure and the progress figure that answers
    it (ITEMS.md lists one: the cumulative one, else the largest)."""
    subject: str | None
    unit: str | None                      # the canonical unit; "%" for percentages
    target: Figure | None
    progress: list[Figure] = field(default_factory=list)
    completion: float | None = None       # progress ÷ target, 4 decimals
    stated_completion: float | None = None  # a stated completion percent, as a fraction
    met: bool | None = None               # for an upper-bound target (控制在…以内)
    status: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        """The gold shape of ITEMS.md, with "unit_index" in place of "unit_id"."""
        return {"subject": self.subject, "unit": self.unit,
                "target": self.target.to_dict() if self.target else None,
                "progress": [p.to_dict() for p in self.progress],
                "completion": self.completion, "stated_completion": self.stated_completion,
                "met": self.met, "status": self.status}


@dataclass
class Assessment:
    """The facts of one item: its indicators, its period and how far along it is at the
    date its figures are as of."""
    units: list[tuple[str, str]]          # (field, text) as given
    ref_date: dt.date | None
    as_of: dt.date | None                 # the date the figures are as of
    start: dt.date | None                 # the item's period: start to end (its deadline)
    end: dt.date | None
    expected: float | None                # the share of the period passed at as_of
    indicators: list[Indicator]
    stated_completion: float | None = None  # the item's stated completion, if any
    status: str = "unknown"
    status_words: list[str] = field(default_factory=list)   # the words that weighed in

    @property
    def deadline(self) -> str | None:
        """The item's deadline as ITEMS.md gives it: an ISO date ("2024-12-31") or None."""
        return self.end.isoformat() if self.end else None

    def to_dict(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"ref_date": iso(self.ref_date), "as_of": iso(self.as_of), "deadline": self.deadline,
                "expected": self.expected, "stated_completion": self.stated_completion,
                "status": self.status, "indicators": [i.to_dict() for i in self.indicators]}
