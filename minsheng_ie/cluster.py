"""What the Spark and Dask integrations (extras `[spark]`, `[dask]`, both with pandas) share: an extraction as a list of flat records
(one column type per field, the same for every row), the user's rule files carried to
the workers inside the task, and one extractor per worker process."""
from __future__ import annotations

import dataclasses
import json
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from pandas import isna

from .core.entities import Entity, Extraction, Span
from .extractor import Extractor, default_extractor

# The columns of one entity record and their kind. `value` is the value as JSON text (a
# number, a date, a [start, end] date range or a name: no one column type holds them
# all); `number` repeats it as a float when it is a number (QUANTITY, PERCENT); a figure's
# `subject` is JSON text too ({"start", "end", "text"} or null).
_KINDS = {"label": "str", "start": "int", "end": "int", "text": "str", "value": "json", "rule": "str",
          "value_max": "float", "points": "bool", "subject": "json"}
RECORD: tuple[tuple[str, str], ...] = tuple(
    (f.name, _KINDS.get(f.name, "str")) for f in dataclasses.fields(Entity)) + (("number", "float"),)


def entity_record(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, kind in RECORD[:-1]:
        v = getattr(e, name)
        if isinstance(v, Span):
            v = v.to_dict()
        out[name] = json.dumps(v, ensure_ascii=False) if kind == "json" else (
            float(v) if kind == "float" and v is not None else v)
    number = e.value
    out["number"] = float(number) if isinstance(number, (int, float)) and not isinstance(number, bool) else None
    return out


def records(x: Extraction) -> list[dict[str, Any]]:
    return [entity_record(e) for e in x.entities]


# ------------------------------------------------------------------ rules to workers

RuleFiles = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


def pack_rules(dirs: Sequence[str | Path]) -> RuleFiles:
    """The YAML files of the user's rule directories, as (directory name, ((relative
    path, text), …)): small, and carried inside the task, so that workers on other
    machines need no copy of the directories."""
    packed = []
    for d in map(Path, dirs):
        if not d.is_dir():
            raise ValueError(f"rule directory not found: {d}")
        files = sorted(p for p in d.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        packed.append((d.name, tuple((p.relative_to(d).as_posix(), p.read_text(encoding="utf-8")) for p in files)))
    return tuple(packed)


@lru_cache(maxsize=8)
def worker_extractor(rules: RuleFiles, segmenter: str) -> Extractor:
    """The extractor of this worker process, built once, from the rule files written out
    into a temporary directory of its own."""
    if not rules and segmenter == "jieba":
        return default_extractor()
    root = Path(tempfile.mkdtemp(prefix="minsheng_ie_rules_"))
    dirs = []
    for k, (name, files) in enumerate(rules):
        d = root / f"{k}_{name}"
        for rel, text in files:
            path = d / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        dirs.append(d)
    return Extractor(rules=dirs, segmenter=segmenter, check_examples=False)


def extract_column(texts: Iterable[Any], refs: Iterable[Any], fields: Iterable[Any],
                   rules: RuleFiles, segmenter: str) -> list[list[dict[str, Any]] | None]:
    """The records of each text (None for a missing text); ref_date and field per row."""
    ext = worker_extractor(rules, segmenter)
    out: list[list[dict[str, Any]] | None] = []
    for text, ref, fld in zip(texts, refs, fields):
        if isna(text):   # a missing cell
            out.append(None)
            continue
        out.append(records(ext.extract(text, ref_date=_present(ref), field=_present(fld))))
    return out


def _present(value: Any) -> Any:
    """None for a missing cell (None, NaN, NaT, NA); a timestamp as its date."""
    if isna(value):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
