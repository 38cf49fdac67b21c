"""Tables written as plain text, found where they are, with offsets into the text.

  tab cells    every cell on its own line after a tab, continuation lines without one,
               rows between blank lines (how .xlsx/.docx/.html tables are laid out too)
  delimited    one row per line, cells between tabs or commas, "quoted" cells may hold
               line breaks (a .csv file; Excel's "Unicode text" .txt export)
  pipe rows    'a | b | c |' lines
  aligned      three lines or more of three cells or more between runs of spaces (a table
               typed with spaces, or converted from a PDF): a row with fewer cells puts
               each where it stands under the widest row, counting CJK characters as two
Everything else is lines."""
from __future__ import annotations

import re
import unicodedata

from .blocks import Block, Cell, Lines, Table
from .limits import ReadLimits, check_rows

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


def delimited_table(text: str, delimiter: str, limits: ReadLimits | None = None, where: str = "text") -> Table:
    """Rows of a delimited text; a quoted cell is the text between its quotes. With
    `limits`, a DocumentError past its rows or cells (`where` names the file)."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cells = 0
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
            cells += len(row)
            row = []
            if limits is not None:
                check_rows(where, len(rows), cells, limits)
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
    return [b for block in blocks for b in (_aligned_tables(text, block) if isinstance(block, Lines) else [block])]


_GAP = re.compile(r" {2,}|\u3000+|\t+")


def _aligned_cells(text: str, s: int, e: int) -> list[Cell]:
    """The cells of a line between runs of spaces."""
    cells, start = [], s
    for m in _GAP.finditer(text, s, e):
        if text[start:m.start()].strip():
            cells.append(Cell(start, m.start()))
        start = m.end()
    if text[start:e].strip():
        cells.append(Cell(start, e))
    return cells


def _aligned_tables(text: str, block: Lines) -> list[Block]:
    """A block of lines with its space-aligned tables: a run of lines from one of three
    cells or more to the last line of two or more before a blank line, holding three lines
    of three cells or more (rows of one cell inside, such as section rows, belong to it)."""
    out: list[Block] = []
    spans = block.spans
    i = 0
    while i < len(spans):
        k, last, wide = i, -1, 0
        while k < len(spans) and text[spans[k][0]:spans[k][1]].strip():
            n = len(_aligned_cells(text, *spans[k]))
            if n >= 3 or last >= 0 and n == 2:
                last, wide = k, wide + (n >= 3)
            elif last < 0:
                break
            k += 1
        if wide >= 3:
            out.append(_aligned_table(text, spans[i:last + 1]))
            i = last + 1
        else:
            _lines(out).spans.append(spans[i])
            i += 1
    return out


def _lines(blocks: list[Block]) -> Lines:
    """The Lines block at the end of `blocks` (added if the last is a table)."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, Lines):
        last = Lines()
        blocks.append(last)
    return last


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _aligned_table(text: str, spans: list[tuple[int, int]]) -> Table:
    rows = [_aligned_cells(text, s, e) for s, e in spans]
    widest = max(range(len(rows)), key=lambda i: len(rows[i]))
    columns = [_width(text[spans[widest][0]:c.start]) for c in rows[widest]]
    table = Table([], lines=list(spans))
    for (s, e), cells in zip(spans, rows):
        if len(cells) < len(columns):
            row = [Cell(e, e) for _ in columns]
            for c in cells:
                at = _width(text[s:c.start])
                row[min(range(len(columns)), key=lambda k: abs(columns[k] - at))] = c
            cells = row
        table.rows.append(cells)
    return table
