"""Gold (and prediction) JSONL files: loading with validation.

Every problem is reported with file, line and key; nothing is skipped silently.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..core.errors import GoldError
from ..core.vocab import FIELDS, LABELS, ROLES


@dataclass(frozen=True)
class GoldUnit:
    id: str
    doc: str
    ref_date: str | None
    field: str | None
    text: str
    entities: tuple[dict[str, Any], ...]
    file: str
    line: int


def _iso(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        dt.date.fromisoformat(v)
        return len(v) == 10
    except ValueError:
        return False


def _check_value(label: str, value: Any) -> str | None:
    if label in ("QUANTITY", "PERCENT"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "must be a number"
    if label == "DATE":
        ok = isinstance(value, list) and len(value) == 2 and all(_iso(v) for v in value) and value[0] <= value[1]
        return None if ok else "must be [start, end], two ISO dates, start <= end"
    if label == "DEADLINE":
        return None if _iso(value) else "must be an ISO date"
    if label == "ORG":
        return None if isinstance(value, str) and value else "must be a non-empty string"
    return None


def parse_record(rec: Any, file: str, line: int, allow_null_values: bool = False) -> GoldUnit:
    def fail(key: str, msg: str) -> GoldError:
        return GoldError(file, line, key, msg)

    if not isinstance(rec, dict):
        raise fail("(record)", "a line must hold one JSON object")
    for key in ("id", "text", "entities"):
        if key not in rec:
            raise fail(key, "missing")
    text = rec["text"]
    if not isinstance(text, str):
        raise fail("text", "must be a string")
    if not isinstance(rec["id"], str) or not rec["id"]:
        raise fail("id", "must be a non-empty string")
    fld = rec.get("field")
    if fld is not None and fld not in FIELDS:
        raise fail("field", f"unknown field {fld!r}")
    ref = rec.get("ref_date")
    if ref is not None and not _iso(ref):
        raise fail("ref_date", f"not an ISO date: {ref!r}")
    ents = rec["entities"]
    if not isinstance(ents, list):
        raise fail("entities", "must be a list")
    last_start = -1
    by_label: dict[str, list[tuple[int, int]]] = {}
    for i, e in enumerate(ents):
        where = f"entities[{i}]"
        if not isinstance(e, dict):
            raise fail(where, "must be an object")
        for key in ("label", "start", "end", "text", "value"):
            if key not in e:
                raise fail(f"{where}.{key}", "missing")
        label, s, t = e["label"], e["start"], e["end"]
        if label not in LABELS:
            raise fail(f"{where}.label", f"unknown label {label!r}")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            raise fail(f"{where}.start", f"offsets [{s}, {t}) outside the text (length {len(text)})")
        if text[s:t] != e["text"]:
            raise fail(f"{where}.text", f"text[{s}:{t}] is {text[s:t]!r}, not {e['text']!r}")
        if s < last_start:
            raise fail(f"{where}.start", "entities must be sorted by start")
        last_start = s
        if not (allow_null_values and e["value"] is None):
            problem = _check_value(label, e["value"])
            if problem:
                raise fail(f"{where}.value", f"{label} value {e['value']!r} {problem}")
        for a, b in by_label.get(label, []):
            if s < b and a < t:
                raise fail(f"{where}.start", f"overlaps another {label} at [{a}, {b})")
        by_label.setdefault(label, []).append((s, t))
        subject = e.get("subject")
        if subject is not None:
            if not (isinstance(subject, dict) and isinstance(subject.get("start"), int)
                    and isinstance(subject.get("end"), int) and 0 <= subject["start"] < subject["end"] <= len(text)):
                raise fail(f"{where}.subject", "must be null or {start, end, text} inside the text")
            if text[subject["start"]:subject["end"]] != subject.get("text"):
                raise fail(f"{where}.subject.text", f"text[{subject['start']}:{subject['end']}] is "
                                                    f"{text[subject['start']:subject['end']]!r}, not {subject.get('text')!r}")
        if e.get("kind") not in (None, "completion"):
            raise fail(f"{where}.kind", f"kind must be absent or 'completion', not {e.get('kind')!r}")
        if label == "ORG" and e.get("role") not in ROLES:
            raise fail(f"{where}.role", f"ORG role must be lead, support or mention, not {e.get('role')!r}")
    return GoldUnit(rec["id"], rec.get("doc", ""), ref, fld, text, tuple(ents), file, line)


def json_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line of a JSONL file; GoldError naming
    the file and line for what cannot be read."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), 0, "(file)", f"cannot read: {exc}") from None
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            yield n, json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldError(str(path), n, "(json)", f"invalid JSON: {exc.msg} at column {exc.colno}") from None


def load_jsonl(path: str | Path, allow_null_values: bool = False) -> list[GoldUnit]:
    """Load and validate a gold or prediction JSONL file."""
    units: list[GoldUnit] = []
    ids: dict[str, int] = {}
    for n, rec in json_lines(path):
        unit = parse_record(rec, str(path), n, allow_null_values)
        if unit.id in ids:
            raise GoldError(str(path), n, "id", f"duplicate id {unit.id!r} (first on line {ids[unit.id]})")
        ids[unit.id] = n
        units.append(unit)
    return units
