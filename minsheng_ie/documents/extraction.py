"""Facts per document: extract every field of every item, then summarise each item.

Each text unit is extracted with its field (a responsible cell makes its units leads, a
support cell supporters, a deadline cell's dates DEADLINEs) and the document's ref_date.
A nested unit (a bracketed 牵头单位:… inside a target sentence) is not extracted again: it
gets the entities of the unit around it that fall inside it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from ..core.dataframes import dataframe
from ..core.entities import Entity, Extraction, TextExtractor
from .model import Document, Item, Unit
from .view import to_html


@dataclass
class ItemFacts:
    item: Item
    fields: list[tuple[str, Unit, Extraction]] = field(default_factory=list)

    def _entities(self, fields: set[str], labels: set[str]) -> list[Entity]:
        return [e for _, u, r in self.fields if u.field in fields and not u.nested
                for e in r.entities if e.label in labels]

    @property
    def targets(self) -> list[Entity]:
        return self._entities({"target", "name"}, {"QUANTITY", "PERCENT"})

    @property
    def progress(self) -> list[Entity]:
        return self._entities({"progress", "rate", "status"}, {"QUANTITY", "PERCENT"})

    @property
    def deadlines(self) -> list[Entity]:
        return [e for _, u, r in self.fields if not u.nested for e in r.entities if e.label == "DEADLINE"]

    def _units(self, role: str) -> list[str]:
        seen: list[str] = []
        for _, u, r in self.fields:
            if u.nested:
                continue
            for e in r.entities:
                if e.label == "ORG" and e.role == role and e.value not in seen:
                    seen.append(e.value)
        return seen

    @property
    def lead_units(self) -> list[str]:
        return self._units("lead")

    @property
    def support_units(self) -> list[str]:
        return self._units("support")

    def summary(self) -> dict[str, Any]:
        """number, section, name, targets and progress (value, unit, text of each figure),
        the latest deadline (ISO), lead and support units."""
        def figure(e: Entity) -> dict[str, Any]:
            unit = e.unit or ("个百分点" if e.points else "%" if e.label == "PERCENT" else None)
            out = {"text": e.text, "value": e.value, "unit": unit}
            if e.value_max is not None:
                out["value_max"] = e.value_max
            if e.comparator:
                out["comparator"] = e.comparator
            return out
        deadline = max((e.value for e in self.deadlines if isinstance(e.value, str)), default=None)
        return {"number": self.item.number, "section": self.item.section, "name": self.item.name or "",
                "targets": [figure(e) for e in self.targets], "progress": [figure(e) for e in self.progress],
                "deadline": deadline, "lead_units": self.lead_units, "support_units": self.support_units}

    def to_dict(self) -> dict[str, Any]:
        """The item with its fields (text, offsets, entities) and its summary."""
        fields: dict[str, list[dict[str, Any]]] = {}
        for uid, u, r in self.fields:
            fields.setdefault(u.field, []).append(
                {"id": uid, **u.to_dict(), "entities": [e.to_dict() for e in r.entities]})
        return {"number": self.item.number, "section": self.item.section, "name": self.item.name,
                "fields": fields, "summary": self.summary()}


@dataclass
class DocumentExtraction:
    document: Document
    front: list[tuple[str, Unit, Extraction]]
    items: list[ItemFacts]

    def to_records(self) -> list[dict[str, Any]]:
        """One gold-format record per text unit (so `minsheng-ie eval --pred` can score it)."""
        out = []
        ref = self.document.ref_date.isoformat() if self.document.ref_date else None
        rows = self.front + [t for it in self.items for t in it.fields if not t[1].nested]
        for uid, unit, res in sorted(rows, key=lambda t: t[1].start):
            out.append({"id": uid, "doc": self.document.name, "ref_date": ref, "field": unit.field,
                        "text": unit.text, "doc_start": unit.start,
                        "entities": [e.to_dict() for e in res.entities]})
        return out

    def to_html(self, facts: list[Any] | None = None, page: bool = True) -> str:
        """One self-contained HTML page: the text with every entity highlighted, and the
        items (with `facts`, one item-facts object per item: completion bars, status).
        `page=False` gives the view alone (its styles scoped to it), to embed."""
        units = [(u, r) for _, u, r in self.front + [t for it in self.items for t in it.fields]]
        return to_html(self.document, units, self.items, facts, page)

    def _repr_html_(self) -> str:
        """Jupyter shows the view (styled within itself, not the notebook)."""
        return self.to_html(page=False)

    def item_records(self) -> list[dict[str, Any]]:
        """One object per item: file, number, section, name, fields with entities, summary."""
        d = self.document
        head = {"file": d.source or d.name, "ref_date": d.ref_date.isoformat() if d.ref_date else None}
        return [{**head, **it.to_dict()} for it in self.items]

    def to_dict(self) -> dict[str, Any]:
        return {**self.document.to_dict(), "items": self.item_records()}

    def to_dataframe(self, kind: str = "long") -> Any:
        """A pandas DataFrame: `long`, one row per entity (file, item number, section, name,
        field, label, text, value, unit, role, …); `wide`, one row per item (its summary)."""
        file = self.document.source or self.document.name
        if kind == "long":
            rows = [{"file": file, "number": it.item.number, "section": it.item.section, "name": it.item.name,
                     "field": u.field, **e.to_dict()}
                    for it in self.items for _, u, r in it.fields for e in r.entities]
            return dataframe(rows, ["file", "number", "section", "name", "field", "label", "start", "end",
                                    "text", "value"])
        if kind == "wide":
            return dataframe([{"file": file, **it.summary()} for it in self.items],
                             ["file", "number", "section", "name", "targets", "progress", "deadline",
                              "lead_units", "support_units"])
        raise ValueError(f"kind must be 'long' or 'wide', not {kind!r}")

    def table(self, more: Callable[[int], list[str]] | None = None) -> str:
        """The items as text; `more(k)` gives extra lines for the k-th item (its item facts)."""
        d = self.document
        lines = [f"{d.title or d.name}  (layout {d.layout}, ref_date {d.ref_date}, {len(self.items)} items)", ""]
        section = None
        for k, it in enumerate(self.items):
            s = it.summary()
            if s["section"] and s["section"] != section:
                section = s["section"]
                lines.append(f"[{section}]")
            lines.append(f"{s['number']:>5}. {s['name']}")
            rows = (("target", "; ".join(_fmt(f) for f in s["targets"])),
                    ("progress", "; ".join(_fmt(f) for f in s["progress"])),
                    ("deadline", s["deadline"] or ""), ("lead", "、".join(s["lead_units"])),
                    ("support", "、".join(s["support_units"])))
            lines.extend(f"       {title:<9} {value}" for title, value in rows if value)
            if more is not None:
                lines += more(k)
        return "\n".join(lines)


def _fmt(f: dict[str, Any]) -> str:
    rng = f"-{f['value_max']}" if "value_max" in f else ""
    return f"{f.get('comparator', '')}{f['value']}{rng}{f['unit'] or ''}"


def extract_document(doc: Document, extractor: TextExtractor) -> DocumentExtraction:
    ids = {id(u): uid for uid, u in doc.units()}

    def run(unit: Unit) -> tuple[str, Unit, Extraction]:
        fld = unit.field if unit.field != "number" else "text"
        return ids[id(unit)], unit, extractor.extract(unit.text, ref_date=doc.ref_date, field=fld)

    front = [run(u) for u in doc.front]
    items = []
    for it in doc.items:
        done = [run(u) for u in it.fields if not u.nested]
        nested = [_inside(u, done) for u in it.fields if u.nested]
        items.append(ItemFacts(it, sorted(done + nested, key=lambda t: t[1].start)))
    return DocumentExtraction(doc, front, items)


def _inside(unit: Unit, done: list[tuple[str, Unit, Extraction]]) -> tuple[str, Unit, Extraction]:
    """A nested unit's entities: those of its outer unit inside it, offsets made its own."""
    uid, outer, res = next(t for t in done if t[1].start <= unit.start and unit.end <= t[1].end)
    shift = unit.start - outer.start
    ents = tuple(replace(e, start=e.start - shift, end=e.end - shift) for e in res.entities
                 if shift <= e.start and e.end <= shift + len(unit.text))
    return f"{uid}/{unit.field}", unit, Extraction(unit.text, ents, res.ref_date, unit.field)
