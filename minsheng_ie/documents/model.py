"""What a report reads into: a Document of Items, each with its fields as text units whose
offsets are into the document's text."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

# Item facts are a layer above this one (minsheng_ie.facts): the package root sets this
# to the function that makes a document's indicator table (documents never import facts).
indicators_of: Callable[["Document", Any], Any] | None = None


@dataclass(frozen=True)
class Unit:
    """One text unit of a document: a table cell, a labelled field or a front line.

    A `nested` unit lies inside another unit of its item (a bracketed 牵头单位:… at the end
    of a target sentence): the item has the field, but its text is extracted as part of
    the unit around it, so it is not a text unit of its own."""
    field: str
    text: str
    start: int
    end: int
    nested: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end}


def make_unit(text: str, fld: str, start: int, end: int, nested: bool = False) -> Unit | None:
    """A unit for text[start:end] trimmed of surrounding blanks; None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Unit(fld, text[start:end], start, end, nested) if start < end else None


@dataclass
class Item:
    number: str
    name: str | None
    fields: list[Unit] = field(default_factory=list)
    section: str | None = None

    def get(self, name: str) -> list[Unit]:
        return [u for u in self.fields if u.field == name]

    def add(self, unit: Unit | None) -> None:
        """Add a field (None is ignored); the first name field names the item."""
        if unit is None:
            return
        self.fields.append(unit)
        if unit.field == "name" and self.name is None:
            self.name = unit.text

    def to_dict(self) -> dict[str, Any]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for u in self.fields:
            grouped.setdefault(u.field, []).append(u.to_dict())
        return {"number": self.number, "section": self.section, "name": self.name, "fields": grouped}


_ID_SAFE = re.compile(r"[^0-9A-Za-z.]+")


@dataclass
class Document:
    text: str
    layout: str
    title: str | None
    ref_date: dt.date | None
    items: list[Item]
    front: list[Unit]
    name: str = "document"
    warnings: list[str] = field(default_factory=list)   # what the reader could not do
    source: str | None = None                            # the file it was read from

    def indicators_dataframe(self, extractor: Any = None) -> Any:
        """One row per indicator of every item (minsheng_ie.facts, ITEMS.md) as a pandas
        DataFrame: file, item, name, subject, unit, target, comparator, progress, completion,
        stated_completion, expected, status, item_status, deadline, lead_units. Needs
        pandas; `extractor` defaults to the shared one."""
        if indicators_of is None:
            raise RuntimeError("item facts are not loaded: import minsheng_ie")
        return indicators_of(self, extractor)

    def units(self) -> list[tuple[str, Unit]]:
        """(id, unit) for every text unit, front matter first, in document order.
        Ids: `PREFIX-t01-text` for front units, `PREFIX-NNN-FIELD[-k]` for item units."""
        prefix = self.name[:3]
        out: list[tuple[str, Unit]] = []
        for k, u in enumerate(self.front, 1):
            out.append((f"{prefix}-t{k:02d}-text", u))
        seen_numbers: dict[str, int] = {}
        for item in self.items:
            key = f"{int(item.number):03d}" if item.number.isdigit() else _ID_SAFE.sub(".", item.number)
            seen_numbers[key] = seen_numbers.get(key, 0) + 1
            if seen_numbers[key] > 1:       # the same number twice (no sections to tell them apart)
                key = f"{key}#{seen_numbers[key]}"
            seen: dict[str, int] = {}
            for u in item.fields:
                if u.nested:
                    continue
                seen[u.field] = seen.get(u.field, 0) + 1
                suffix = "" if seen[u.field] == 1 else f"-{seen[u.field]}"
                out.append((f"{prefix}-{key}-{u.field}{suffix}", u))
        return sorted(out, key=lambda p: p[1].start)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: title, ref_date (ISO), items with their fields."""
        return {"name": self.name, "source": self.source, "layout": self.layout, "title": self.title,
                "ref_date": self.ref_date.isoformat() if self.ref_date else None,
                "items": [it.to_dict() for it in self.items], "front": [u.to_dict() for u in self.front],
                "warnings": list(self.warnings)}

    def to_dataframe(self, kind: str = "wide") -> Any:
        """A pandas DataFrame (pandas is the optional extra `minsheng_ie[pandas]`):
        `wide` has one row per item (file, number, section, name, one column per field with
        its texts joined by newlines); `long` one row per field unit with its offsets."""
        from ..core.dataframes import dataframe
        if kind == "wide":
            rows = [{"file": self.name, "number": it.number, "section": it.section, "name": it.name,
                     **{f: "\n".join(u.text for u in it.get(f)) for f in dict.fromkeys(u.field for u in it.fields)
                        if f != "name"}} for it in self.items]
            return dataframe(rows, ["file", "number", "section", "name"])
        if kind == "long":
            rows = [{"file": self.name, "number": it.number, "section": it.section, "name": it.name,
                     **u.to_dict()} for it in self.items for u in it.fields]
            return dataframe(rows, ["file", "number", "section", "name", "field", "text", "start", "end"])
        raise ValueError(f"kind must be 'wide' or 'long', not {kind!r}")
