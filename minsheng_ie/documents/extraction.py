"""Facts per document: extract every field of every item, then summarise each item.

A responsible-unit cell is extracted with field "responsible", so its units are leads;
every unit uses the document's ref_date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..core.entities import Entity, Extraction, TextExtractor
from .model import Document, Item, Unit


@dataclass
class ItemFacts:
    item: Item
    fields: list[tuple[str, Unit, Extraction]] = field(default_factory=list)

    def _entities(self, fields: set[str], labels: set[str]) -> list[Entity]:
        return [e for _, u, r in self.fields if u.field in fields for e in r.entities if e.label in labels]

    @property
    def targets(self) -> list[Entity]:
        return self._entities({"target", "name"}, {"QUANTITY", "PERCENT"})

    @property
    def progress(self) -> list[Entity]:
        return self._entities({"progress", "rate", "status"}, {"QUANTITY", "PERCENT"})

    @property
    def deadlines(self) -> list[Entity]:
        return [e for _, _, r in self.fields for e in r.entities if e.label == "DEADLINE"]

    @property
    def lead_units(self) -> list[str]:
        seen: list[str] = []
        for _, _, r in self.fields:
            for e in r.entities:
                if e.label == "ORG" and e.role == "lead" and e.value not in seen:
                    seen.append(e.value)
        return seen

    def summary(self) -> dict[str, Any]:
        def fmt(e: Entity) -> str:
            unit = e.unit or ("个百分点" if e.points else "%" if e.label == "PERCENT" else "")
            cmp = e.comparator or ""
            rng = f"-{e.value_max}" if e.value_max is not None else ""
            return f"{cmp}{e.value}{rng}{unit}"
        deadline = max((e.value for e in self.deadlines if e.value), default=None)
        return {"number": self.item.number, "name": self.item.name or "",
                "targets": "; ".join(fmt(e) for e in self.targets),
                "progress": "; ".join(fmt(e) for e in self.progress),
                "deadline": deadline or "", "lead_units": "、".join(self.lead_units)}


@dataclass
class DocumentExtraction:
    document: Document
    front: list[tuple[str, Unit, Extraction]]
    items: list[ItemFacts]

    def to_records(self) -> list[dict[str, Any]]:
        """One gold-format record per text unit (so `minsheng-ie eval --pred` can score it)."""
        out = []
        ref = self.document.ref_date.isoformat() if self.document.ref_date else None
        rows = self.front + [t for it in self.items for t in it.fields]
        for uid, unit, res in sorted(rows, key=lambda t: t[1].start):
            out.append({"id": uid, "doc": self.document.name, "ref_date": ref, "field": unit.field,
                        "text": unit.text, "doc_start": unit.start,
                        "entities": [e.to_dict() for e in res.entities]})
        return out

    def table(self, more: Callable[[int], list[str]] | None = None) -> str:
        """The items as text; `more(k)` gives extra lines for the k-th item (its item facts)."""
        d = self.document
        lines = [f"{d.title or d.name}  (layout {d.layout}, ref_date {d.ref_date}, {len(self.items)} items)", ""]
        for k, it in enumerate(self.items):
            s = it.summary()
            lines.append(f"{s['number']:>3}. {s['name']}")
            for key, title in (("targets", "target"), ("progress", "progress"), ("deadline", "deadline"),
                               ("lead_units", "lead")):
                if s[key]:
                    lines.append(f"     {title:<9} {s[key]}")
            if more is not None:
                lines += more(k)
        return "\n".join(lines)


def extract_document(doc: Document, extractor: TextExtractor) -> DocumentExtraction:
    ids = {id(u): uid for uid, u in doc.units()}

    def run(unit: Unit) -> tuple[str, Unit, Extraction]:
        fld = unit.field if unit.field != "number" else "text"
        return ids[id(unit)], unit, extractor.extract(unit.text, ref_date=doc.ref_date, field=fld)

    front = [run(u) for u in doc.front]
    items = [ItemFacts(it, [run(u) for u in it.fields]) for it in doc.items]
    return DocumentExtraction(doc, front, items)


def item_rows(result: DocumentExtraction) -> list[dict[str, Any]]:
    return [it.summary() for it in result.items]
