"""YAML loading that keeps line numbers, and pydantic errors turned into readable lines."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..core.errors import RuleError

_LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the source line of every mapping."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


@dataclass
class YamlDoc:
    path: str
    data: Any
    lines: dict[tuple, int]      # path of keys/indices → line of that mapping

    def line(self, loc: tuple) -> int | None:
        """Line of the deepest mapping on the way to `loc`."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return None


def _strip(data: Any, loc: tuple, lines: dict[tuple, int]) -> Any:
    if isinstance(data, dict):
        if _LINE in data:
            lines[loc] = data[_LINE]
        return {k: _strip(v, loc + (k,), lines) for k, v in data.items() if k != _LINE}
    if isinstance(data, list):
        return [_strip(v, loc + (i,), lines) for i, v in enumerate(data)]
    return data


def load_yaml(path: Path | str) -> YamlDoc:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RuleError(str(path), [f"malformed YAML{where}: {getattr(exc, 'problem', None) or exc}"]) from None
    except OSError as exc:
        raise RuleError(str(path), [f"cannot read file: {exc}"]) from None
    lines: dict[tuple, int] = {}
    return YamlDoc(str(path), _strip(raw, (), lines), lines)


def problem(doc: YamlDoc, loc: tuple, message: str) -> str:
    """'rule <id> (line N): key a -> b: message' — the id is the nearest enclosing rule id."""
    ident, node = None, doc.data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            ident = node["id"]
    who = f"rule '{ident}'" if ident else "file"
    line = doc.line(loc)
    at = f" (line {line})" if line else ""
    key = " -> ".join(str(p) for p in loc) or "(top level)"
    return f"{who}{at}: key '{key}': {message}"


def validation_problems(doc: YamlDoc, exc: ValidationError) -> list[str]:
    return [problem(doc, tuple(e["loc"]), e["msg"]) for e in exc.errors()]


def validate(model: type[BaseModel], doc: YamlDoc):
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise RuleError(doc.path, validation_problems(doc, exc)) from None
