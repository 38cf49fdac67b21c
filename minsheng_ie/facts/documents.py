"""Item facts for every item of a read document: one assessment per assessable item, and
the indicators as rows (CSV, JSONL, a DataFrame) or under each item in a table."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core.entities import Extraction
from ..core.lexicon import Lexicon
from ..documents.extraction import DocumentExtraction, ItemFacts
from ..engine.normalize import normalize
from .assess import assess, said_units
from .figures import PROGRESS_FIELDS, TARGET_FIELDS
from .groups import group_statements
from .model import Assessment, Indicator

ROW_KEYS = ("file", "item", "name", "subject", "unit", "target", "comparator", "progress", "completion",
            "stated_completion", "expected", "status", "item_status", "deadline", "lead_units")


@dataclass
class DocumentFacts:
    extraction: DocumentExtraction
    items: list[tuple[ItemFacts, Assessment | None]]   # None: not an assessable item

    def rows(self) -> list[dict[str, Any]]:
        """One row per indicator of every assessed item (keys: ROW_KEYS)."""
        out = []
        for item, facts in self.items:
            if facts is None:
                continue
            for ind in facts.indicators:
                out.append(_row(self.extraction.document.name, item, facts, ind))
        return out

    def dataframe(self) -> Any:
        """The rows as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("indicators_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(self.rows(), columns=list(ROW_KEYS))

    def item_lines(self, k: int) -> list[str]:
        """Lines for the k-th item in a table: its status, then each indicator's."""
        item, facts = self.items[k]
        if facts is None:
            return []
        head = f"     status    {facts.status}"
        if facts.expected is not None:
            head += f" (expected {facts.expected:.0%} at {facts.as_of})"
        lines = [head]
        for ind in facts.indicators:
            lines.append("       - " + _indicator_line(item, ind))
        return lines


def document_facts(result: DocumentExtraction, lexicons: dict[str, Lexicon]) -> DocumentFacts:
    """Assess every item that has a target (or name) and a progress (or status) unit, or
    whose progress units state a target; figures are as of what the item says, else what
    the document's title says (3月进展 → March 31, 半年 → June 30), else its date."""
    doc = result.document
    hint = title_as_of([ext for _, _, ext in result.front], doc.ref_date)
    placed = sorted([(u.start, None, u.text) for _, u, _ in result.front]
                    + [(u.start, k, u.text) for k, item in enumerate(result.items) for _, u, _ in item.fields],
                    key=lambda t: t[0])
    said = group_statements([(k, text) for _, k, text in placed], lexicons)
    items = []
    for k, item in enumerate(result.items):
        units = [(u.field, ext) for _, u, ext in item.fields]
        has_target = any(f in TARGET_FIELDS and e.text.strip() for f, e in units)
        has_progress = any(f in PROGRESS_FIELDS and e.text.strip() for f, e in units)
        facts = assess(units + said_units(said.get(k, [])), lexicons, doc.ref_date, hint) if has_progress and (
            has_target or any(e.label in ("QUANTITY", "PERCENT") for f, ext in units if f in PROGRESS_FIELDS
                              for e in ext.entities)) else None
        items.append((item, facts))
    return DocumentFacts(result, items)


OPENING = "初"   # the end of a date that names a period's opening (年初, 月初)


def title_as_of(front: list[Extraction], ref: dt.date | None) -> dt.date | None:
    """The end of the month, quarter or half a report's title names (…3月进展表,
    二季度进展情况表, 半年度进度表), when not after the report's date. The opening of a period
    (年初, 月初: when a plan was set) is never the date figures are as of."""
    for ext in front:
        for e in ext.entities:
            if e.label == "DATE" and isinstance(e.value, list) and not normalize(e.text).endswith(OPENING):
                start, end = (dt.date.fromisoformat(v) for v in e.value)
                if 27 <= (end - start).days + 1 <= 184 and (ref is None or end <= ref):
                    return end
        if "半年" in normalize(ext.text) and ref is not None and dt.date(ref.year, 6, 30) <= ref:
            return dt.date(ref.year, 6, 30)
    return None


def _number(f: Any) -> str:
    e = f.entity
    return f"{e.value}{'%' if e.label == 'PERCENT' else e.unit or ''}"


def _indicator_line(item: ItemFacts, ind: Indicator) -> str:
    target = _number(ind.target) if ind.target else "—"
    progress = ", ".join(_number(p) for p in ind.progress) or "—"
    share = f"{ind.completion:.1%}" if ind.completion is not None else "met" if ind.met else "—"
    stated = f" (stated {ind.stated_completion:.1%})" if ind.stated_completion is not None else ""
    return f"{ind.subject or '?'}: {target} → {progress}  {share}{stated}  {ind.status}"


def _row(file: str, item: ItemFacts, facts: Assessment, ind: Indicator) -> dict[str, Any]:
    t = ind.target.entity if ind.target else None
    return {"file": file, "item": item.item.number, "name": item.item.name or "", "subject": ind.subject,
            "unit": ind.unit, "target": t.value if t else None, "comparator": t.comparator if t else None,
            "progress": ind.progress[0].entity.value if ind.progress else None,
            "completion": ind.completion, "stated_completion": ind.stated_completion, "expected": facts.expected,
            "status": ind.status, "item_status": facts.status,
            "deadline": facts.deadline,
            "lead_units": "、".join(item.lead_units)}
