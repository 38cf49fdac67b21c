"""YAML loading that keeps line numbers, and pydantic errors turned into readable lines.

Rule folders may come from anyone, so a rule file is read as untrusted input: only a
regular file is opened (a FIFO would block, a device never end), its size is capped,
aliases may repeat at most MAX_EXPANDED nodes in all (an alias bomb of a few hundred
bytes expands to gigabytes once its references are copied) and nesting is capped (PyYAML
composes recursively)."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..core.errors import RuleError

_LINE = "__line__"
MAX_DEPTH = 64                  # rule files nest about 8 deep
MAX_FILE_BYTES = 8 * 2 ** 20    # the bundled files are under 100 KB; PyYAML reads ~1 MB/s
MAX_EXPANDED = 100_000          # nodes repeated by aliases (the bundled files repeat ~200)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the source line of every mapping, caps what aliases
    repeat and caps nesting."""

    _depth = 0
    _expanded = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and event.anchor in self.anchors:
            self._expanded += _size(self.anchors[event.anchor])
            if self._expanded > MAX_EXPANDED:
                raise yaml.composer.ComposerError(
                    None, None, f"alias '*{event.anchor}' refused: aliases repeat more than "
                                f"{MAX_EXPANDED:,} nodes (an alias bomb?)", mark)
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


def _size(node: yaml.Node) -> int:
    """Nodes under `node`, counted once per path (as copying would): remembered on the node,
    so an anchor of anchors costs one sum each."""
    size = getattr(node, "_size", None)
    if size is None:
        if isinstance(node, yaml.SequenceNode):
            size = 1 + sum(_size(n) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            size = 1 + sum(_size(k) + _size(v) for k, v in node.value)
        else:
            size = 1
        node._size = size   # type: ignore[attr-defined]
    return size


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


def is_regular_file(path: Path) -> bool:
    """False for a FIFO, device, socket or directory (a broken link is left to open())."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _read_regular(path: Path | str) -> str:
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat on
    # the open file, not the name, so nothing can be swapped in between
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise RuleError(str(path), ["not a regular file (a FIFO, device or socket): not read"])
        if st.st_size > MAX_FILE_BYTES:
            raise RuleError(str(path), [f"file of {st.st_size:,} bytes: rule and lexicon files are limited "
                                        f"to {MAX_FILE_BYTES:,} bytes"])
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:   # grew since fstat
        raise RuleError(str(path), [f"rule and lexicon files are limited to {MAX_FILE_BYTES:,} bytes"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), [f"not UTF-8 text (byte {exc.start})"]) from None


def load_yaml(path: Path | str) -> YamlDoc:
    try:
        raw = yaml.load(_read_regular(path), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
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
