"""A report as blocks of lines and tables, with offsets into the document's text.

Text reports are cut into blocks where they are (text_tables.py). Files with real tables
(.xlsx, .docx, .html) are laid out as text here: paragraphs as lines, each table row as
one line per cell after a tab, rows between blank lines; a merged cell is written once and
is the same `Cell` at every position it covers, so a value merged down over three items
belongs to each of them by identity, not by equal text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Union


@dataclass(frozen=True, eq=False)
class Cell:
    """text[start:end] of the document; an empty cell has start == end."""
    start: int
    end: int


@dataclass
class Table:
    rows: list[list[Cell]]
    name: str | None = None          # the sheet a table is on (.xlsx)
    lines: list[tuple[int, int]] = field(default_factory=list)   # a text table's row lines


@dataclass
class Lines:
    spans: list[tuple[int, int]] = field(default_factory=list)   # each line, without its newline


Block = Union[Table, Lines]
# a table as a file gives it: each position (key, text); positions with one key are one merged cell
RawRow = list[tuple[Hashable, str]]


def clean_cell(text: object) -> str:
    """A cell's text on lines that never start with a tab (a tab starts a cell)."""
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.strip(" \t\u3000") for line in s.split("\n")).strip()


class TextBuilder:
    """Lays out paragraphs and tables as one text, keeping where every line and cell is."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []

    def _write(self, s: str) -> int:
        start = self._pos
        self._parts.append(s)
        self._pos += len(s)
        return start

    def _gap(self) -> None:
        if self._pos:
            self._write("\n")

    def paragraphs(self, texts: list[str]) -> None:
        lines = [ln for t in texts for ln in clean_cell(t).split("\n") if ln.strip()]
        if not lines:
            return
        self._gap()
        block = Lines()
        for ln in lines:
            start = self._write(ln)
            block.spans.append((start, start + len(ln)))
            self._write("\n")
        self.blocks.append(block)

    def table(self, rows: list[RawRow], name: str | None = None) -> None:
        rows = [r for r in rows if any(clean_cell(t) for _, t in r)]
        if not rows:
            return
        self._gap()
        cells: dict[Hashable, Cell] = {}
        table = Table([], name)
        for r in rows:
            row: list[Cell] = []
            for key, text in r:
                if key not in cells:
                    t = clean_cell(text)
                    start = self._write("\t") + 1
                    self._write(t + "\n")
                    cells[key] = Cell(start, start + len(t))
                row.append(cells[key])
            table.rows.append(row)
            self._write("\n")
        self.blocks.append(table)

    def build(self) -> tuple[str, list[Block]]:
        return "".join(self._parts), self.blocks
