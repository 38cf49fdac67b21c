"""Expected items of whole documents (gold/documents/NAME.expect.yaml, see its README) and
how a reader's items score against them.

Predicted items are plain data, the shape of `Document.to_dict()["items"]`: number,
section, name, and fields as {field: [{"text": …}, …]}. An expected item is matched to
the predicted item with its number. Its name is right when equal (surrounding blanks and
a trailing ，。：; dropped on both sides) and its section too when the expectation gives
one; its fields are right when every expected substring occurs in a unit of its field."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import GoldError
from ..core.vocab import FIELDS

_TRAILING = " \t\u3000，。：；,.:;"


@dataclass
class DocumentScore:
    name: str
    expected: int
    found: int
    names_ok: int = 0
    sections_ok: int = 0
    fields_ok: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def count_ok(self) -> bool:
        return self.expected == self.found

    @property
    def perfect(self) -> bool:
        return self.count_ok and not self.problems


def load_expect(path: Path) -> dict[str, Any]:
    """An expect file, checked: items with a number, a name and fields of known names."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(str(path), 0, "", f"not YAML: {exc}") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise GoldError(str(path), 0, "items", "a list of expected items is required")
    for k, it in enumerate(items):
        where = f"items[{k}]"
        if not isinstance(it.get("number"), str) or not isinstance(it.get("name"), str):
            raise GoldError(str(path), 0, where, "number and name must be strings")
        for f, sub in (it.get("fields") or {}).items():
            if f not in FIELDS or not isinstance(sub, str) or not sub:
                raise GoldError(str(path), 0, f"{where}.fields.{f}", "a known field with a non-empty substring")
    return data


def _clean(s: str | None) -> str:
    return (s or "").strip().rstrip(_TRAILING).strip()


def score_document(name: str, expect: dict[str, Any], items: list[dict[str, Any]]) -> DocumentScore:
    score = DocumentScore(name, len(expect["items"]), len(items))
    if not score.count_ok:
        score.problems.append(f"{score.found} items, expected {score.expected}")
    by_number: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        by_number.setdefault(str(it["number"]), []).append(it)
    for want in expect["items"]:
        candidates = by_number.get(want["number"])
        got = candidates.pop(0) if candidates else None
        if got is None:
            score.problems.append(f"item {want['number']}: not found")
            continue
        if _clean(got["name"]) == _clean(want["name"]):
            score.names_ok += 1
        else:
            score.problems.append(f"item {want['number']}: name {got['name']!r}, expected {want['name']!r}")
        if "section" not in want or _clean(got.get("section")) == _clean(want["section"]):
            score.sections_ok += 1
        else:
            score.problems.append(f"item {want['number']}: section {got.get('section')!r}, "
                                  f"expected {want['section']!r}")
        missing = [f for f, sub in (want.get("fields") or {}).items()
                   if not any(sub in u["text"] for u in got["fields"].get(f, []))]
        if missing:
            score.problems.append(f"item {want['number']}: fields {', '.join(missing)} do not hold the expected text")
        else:
            score.fields_ok += 1
    return score


def summarise(scores: list[DocumentScore]) -> dict[str, float | int]:
    """Documents with the right item count; expected items with the right name (and
    section), and with every expected field."""
    items = sum(s.expected for s in scores)
    return {"documents": len(scores), "items": items,
            "count_acc": sum(s.count_ok for s in scores) / max(len(scores), 1),
            "name_acc": sum(s.names_ok for s in scores) / max(items, 1),
            "section_acc": sum(s.sections_ok for s in scores) / max(items, 1),
            "field_acc": sum(s.fields_ok for s in scores) / max(items, 1)}
