"""YAML loading that keeps line numbers, and pydantic errors turned into readable lines.

Rule folders may come from anyone, so a rule file is read as untrusted input: only a
regular file is opened (a FIFO would block, a device never end), its size is capped,
aliases may repeat at most MAX_EXPANDED nodes in all (an alias bomb of a few hundred
bytes expands to gigabytes once its references are copied) and nesting is capped (the
composers recurse); both are checked on the parser's events before anything is composed."""
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


# libyaml's parser and composer when PyYAML was built with it (the wheels are): ten times
# PyYAML's Python ones, most of the cold start
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records the source line of every mapping."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


def _check_events(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH and aliases that repeat more than MAX_EXPANDED
    nodes in all (counted as copying would: an alias of an anchor that holds aliases
    counts everything they repeat), on the parser's events, before any node is composed."""
    open_nodes: list[list] = []          # [anchor, nodes so far] of each open collection
    sizes: dict[str, int] = {}           # anchor → nodes under it
    expanded = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        size = 0
        mark: Any = event.start_mark   # libyaml's marks are their own type, read alike
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_nodes) >= MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            open_nodes.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)   # an unknown anchor: the composer says so
            expanded += size
            if expanded > MAX_EXPANDED:
                raise yaml.composer.ComposerError(
                    None, None, f"alias '*{event.anchor}' refused: aliases repeat more than "
                                f"{MAX_EXPANDED:,} nodes (an alias bomb?)", mark)
        if open_nodes and size:
            open_nodes[-1][1] += size


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
        text = _read_regular(path)
        _check_events(text)
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
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
