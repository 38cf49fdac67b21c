"""What a report reads into: a Document of Items, each with its fields as text units whose
offsets are into the document's text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

# Item facts are a layer above this one (minsheng_ie.facts): the package root sets this
# to the function that makes a document's indicator table (documents never import facts).
indicators_of: Callable[["Document", Any], Any] | None = None


@dataclass(frozen=True)
class Unit:
    """One text unit of a document: a table cell, a labelled field or a front line."""
    field: str
    text: str
    start: int
    end: int


@dataclass
class Item:
    number: str
    name: str | None
    fields: list[Unit] = field(default_factory=list)

    def get(self, name: str) -> list[Unit]:
        return [u for u in self.fields if u.field == name]

    def add(self, unit: Unit | None) -> None:
        """Add a field (None is ignored); the first name field names the item."""
        if unit is None:
            return
        self.fields.append(unit)
        if unit.field == "name" and self.name is None:
            self.name = unit.text


@dataclass
class Document:
    text: str
    layout: str
    title: str | None
    ref_date: dt.date | None
    items: list[Item]
    front: list[Unit]
    name: str = "document"

    def indicators_dataframe(self, extractor: Any = None) -> Any:
        """One row per indicator of every item (minsheng_ie.facts, ITEMS.md) as a pandas
        DataFrame: file, item, name, subject, unit, target, comparator, progress, completion,
        stated_completion, expected, status, item_status, deadline, lead_units. Needs
        pandas; `extractor` defaults to the shared one."""
        if indicators_of is None:
            raise RuntimeError("item facts are not loaded: import minsheng_ie")
        return indicators_of(self, extractor)

    def units(self) -> list[tuple[str, Unit]]:
        """(id, unit) for every text unit, front matter first, in document order."""
        prefix = self.name[:3]
        out: list[tuple[str, Unit]] = []
        for k, u in enumerate(self.front, 1):
            out.append((f"{prefix}-t{k:02d}-text", u))
        for item in self.items:
            seen: dict[str, int] = {}
            for u in item.fields:
                seen[u.field] = seen.get(u.field, 0) + 1
                suffix = "" if seen[u.field] == 1 else f"-{seen[u.field]}"
                out.append((f"{prefix}-{int(item.number):03d}-{u.field}{suffix}", u))
        return sorted(out, key=lambda p: p[1].start)
