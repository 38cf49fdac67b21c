"""The result types: frozen entities with exact offsets, and an extraction of one text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dc_field
from typing import Any, Protocol

from .vocab import FIGURE_LABELS, LABEL_ATTRS

_ALWAYS = {"unit", "role"}   # written even when null; the rest only when set


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text an entity came from: what a figure counts or measures."""
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Entity:
    label: str
    start: int
    end: int
    text: str
    value: Any
    rule: str
    unit: str | None = None
    value_max: float | int | None = None
    comparator: str | None = None
    points: bool | None = None
    role: str | None = None
    canonical: str | None = None
    subject: Span | None = None   # figures only: what the figure counts or measures
    kind: str | None = None       # figures only: "completion" for a share of a task done
    subject_rule: str | None = None   # the SUBJECT rule that attached subject and kind

    def as_tuple(self) -> tuple:
        """The fields in order: `Entity(*e.as_tuple()) == e`."""
        return (self.label, self.start, self.end, self.text, self.value, self.rule, self.unit,
                self.value_max, self.comparator, self.points, self.role, self.canonical,
                self.subject, self.kind, self.subject_rule)

    def __reduce__(self):
        # rebuilt from its fields: a third of the default cost of pickling a dataclass
        return Entity, self.as_tuple()

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        """The gold entity shape plus "rule"; `details` adds the gazetteer `canonical` and
        the `subject_rule`."""
        d: dict[str, Any] = {"label": self.label, "start": self.start, "end": self.end,
                             "text": self.text, "value": self.value}
        for key in LABEL_ATTRS.get(self.label, ()):
            v = getattr(self, key)
            if v is not None and v is not False or key in _ALWAYS:
                d[key] = v
        if self.label in FIGURE_LABELS:
            d["subject"] = self.subject.to_dict() if self.subject is not None else None
            if self.kind is not None:
                d["kind"] = self.kind
        d["rule"] = self.rule
        if details and self.canonical is not None:
            d["canonical"] = self.canonical
        if details and self.subject_rule is not None:
            d["subject_rule"] = self.subject_rule
        return d


@dataclass(frozen=True)
class Extraction:
    text: str
    entities: tuple[Entity, ...]
    ref_date: dt.date | None = None
    field: str | None = None
    vetoed: tuple[Entity, ...] = dc_field(default=(), repr=False)   # spans a VETO rule blocked

    def __reduce__(self):
        return Extraction, (self.text, self.entities, self.ref_date, self.field, self.vetoed)

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        return {"text": self.text,
                "ref_date": self.ref_date.isoformat() if self.ref_date else None,
                "field": self.field,
                "entities": [e.to_dict(details) for e in self.entities]}

    def to_dataframe(self) -> Any:
        """One row per entity (label, start, end, text, value, unit, … rule); needs pandas."""
        from .dataframes import dataframe
        return dataframe([e.to_dict(details=True) for e in self.entities],
                         ["label", "start", "end", "text", "value"])

    def by_label(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]


class TextExtractor(Protocol):
    """What the layers above the engine need of an extractor (minsheng_ie.Extractor is one)."""

    def extract(self, text: str, *, ref_date: Any = None, field: str | None = None) -> Extraction: ...
