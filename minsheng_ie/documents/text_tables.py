"""Tables written as plain text, found where they are, with offsets into the text.

  tab cells    every cell on its own line after a tab, continuation lines without one,
               rows between blank lines (how .xlsx/.docx/.html tables are laid out too)
  delimited    one row per line, cells between tabs or commas, "quoted" cells may hold
               line breaks (a .csv file; Excel's "Unicode text" .txt export)
  pipe rows    'a | b | c |' lines
Everything else is lines."""
from __future__ import annotations

import re

from .blocks import Block, Cell, Lines, Table

_LINE = re.compile(r"[^\n]*\n?")


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every line of text[start:end], without its line break."""
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == end and not m.group():
            break
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
    return out


def tab_cell_table(text: str, spans: list[tuple[int, int]]) -> Table:
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for s, e in spans:
        if s == e or not text[s:e].strip():
            if row:
                rows.append(row)
                row = []
        elif text[s] == "\t":
            row.append(Cell(s + 1, e))
        elif row:                                   # continuation of the previous cell
            row[-1] = Cell(row[-1].start, e)
        else:
            row.append(Cell(s, e))
    if row:
        rows.append(row)
    return Table(rows)


def delimited_table(text: str, delimiter: str) -> Table:
    """Rows of a delimited text; a quoted cell is the text between its quotes."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    i, n = 0, len(text)
    stops = re.compile(f"[{re.escape(delimiter)}\n]")
    while i <= n:
        if i < n and text[i] == '"':
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    k = n
                    break
                if text.startswith('""', k):
                    j = k + 2
                    continue
                break
            cell = Cell(i + 1, k)
            m = stops.search(text, min(k + 1, n))
        else:
            m = stops.search(text, i)
            end = m.start() if m else n
            cell = Cell(i, end - 1 if end > i and text[end - 1] == "\r" else end)
        row.append(cell)
        if m is None:
            break
        if m.group() == "\n":
            rows.append(row)
            row = []
        i = m.end()
    if row and any(c.end > c.start for c in row):
        rows.append(row)
    return Table(rows)


def _split_pipe(text: str, s: int, e: int) -> list[Cell]:
    cells, start = [], s
    for m in re.finditer(r"\|", text[s:e]):
        cells.append(Cell(start, s + m.start()))
        start = s + m.end()
    if text[start:e].strip():
        cells.append(Cell(start, e))
    return cells


def is_tab_cells(text: str, spans: list[tuple[int, int]]) -> bool:
    return sum(e > s and text[s] == "\t" for s, e in spans) >= 5


def is_delimited(text: str, spans: list[tuple[int, int]]) -> bool:
    """One row per line between tabs: at least three rows of three cells or more, and they
    are at least half of the rows (quoted cells may run over several lines)."""
    if sum(text.count("\t", s, e) >= 2 and text[s] != "\t" for s, e in spans) < 3:
        return False
    rows = [r for r in delimited_table(text, "\t").rows if any(c.end > c.start for c in r)]
    wide = sum(sum(c.end > c.start for c in r) >= 3 for r in rows)
    return wide >= 3 and wide * 2 >= len(rows)


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain-text report."""
    spans = line_spans(text)
    if is_tab_cells(text, spans):
        return [tab_cell_table(text, spans)]
    if is_delimited(text, spans):
        return [delimited_table(text, "\t")]
    blocks: list[Block] = []
    for s, e in spans:
        piped = text.count("|", s, e) >= 2
        last = blocks[-1] if blocks else None
        if not piped and isinstance(last, Table) and not text[s:e].strip():
            continue                                # a blank line inside a pipe table
        if piped:
            if not isinstance(last, Table):
                last = Table([])
                blocks.append(last)
            last.rows.append(_split_pipe(text, s, e))
            last.lines.append((s, e))
        else:
            if not isinstance(last, Lines):
                last = Lines()
                blocks.append(last)
            last.spans.append((s, e))
    return blocks
