"""A table → items: header rows, sections, totals, merged cells, item numbers.

- The header is the first row (of the first ten) that names three fields, or two with the
  number or the name. A second header row under it (sub-columns under a merged group
  header, or under a group written once with empty cells after it) names its columns
  together with the group: a sub-column that names a field is that field, one that names
  none is the group's — 截至10月底进展 over 目标 | 完成 | 完成率 → target, progress, rate.
- A column of measure words only (亩, 万元, 元/年 under 计量单位 or 单位) is no field.
- A row whose number is a number of any scheme (3, 1-1, ③, 第3项) is an item; a row of one
  cell (merged across, or alone), numbered 一/（一） with nothing beside, or whose number
  the next row's extends (1 above 1.1, 1.2) is a section heading; a 合计/总计 row is a total. Neither is an item: their cells are front text.
- A numbered heading right above the header (a row of one cell, or the line before the
  table) is the section of the items below it. A header row further down (every cell a
  column name) starts a new table with its own columns: two tables on one sheet.
- A cell merged down (the same Cell in several rows) belongs to every item it covers; a
  row whose number cell is merged from the row above, or with neither a number nor a name
  of its own, continues that item. Rows of one cell after the last row of several are the
  table's footer (a note, a signature), never an item's.
- Item numbers that restart in every section keep their section's number: 2.1 (across the
  tables of a document too: number_in_sections).
- No name column: the item is named by its first text cell (a 项目内容 table)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..engine.normalize import normalize
from .blocks import Cell, Table
from .headers import columns_fields, header_field, is_total
from .measures import is_measure
from .model import Item, Unit, make_unit
from .numbering import marker, table_number

_HEADING_MAX = 40
_SENTENCE = re.compile(r"[。;；]")


@dataclass
class TableItems:
    items: list[Item] = field(default_factory=list)
    front: list[Unit] = field(default_factory=list)
    sections: list[tuple[str, str | None]] = field(default_factory=list)   # (heading, its number)
    prefixes: list[str | None] = field(default_factory=list)   # each item's section number (number_in_sections)

    def add_item(self, item: Item) -> None:
        """An item, under the last section heading read."""
        prefix = None
        if self.sections:
            item.section, number = self.sections[-1]
            prefix = number or str(len(self.sections))
        self.items.append(item)
        self.prefixes.append(prefix)

    def extend(self, other: "TableItems") -> None:
        """The items and front text of another table after these."""
        self.items += other.items
        self.front += other.front
        self.prefixes += other.prefixes


def _cell(row: list[Cell], c: int) -> Cell | None:
    return row[c] if c < len(row) else None


def _text(text: str, cell: Cell | None) -> str:
    return text[cell.start:cell.end].strip() if cell is not None else ""


def _distinct(row: list[Cell], text: str) -> list[Cell]:
    """The non-empty cells of a row, a merged cell once."""
    seen: list[Cell] = []
    for c in row:
        if c.end > c.start and _text(text, c) and all(c is not s for s in seen):
            seen.append(c)
    return seen


def header_index(text: str, rows: list[list[Cell]]) -> int | None:
    """The header row's index: the first (of ten) naming three fields, or two with the
    number or the name — and not numbered like an item (1 | 项目甲 | 已完成 is a row of values)."""
    return next((i for i, row in enumerate(rows[:10]) if _is_header(text, row)), None)


def _is_header(text: str, row: list[Cell], every_cell: bool = False) -> bool:
    """A row naming three fields, or two with the number or the name, and not numbered like
    an item; `every_cell`: each of its cells names a column (a header row below items)."""
    cells = _distinct(row, text)
    if not cells or table_number(normalize(_text(text, cells[0]))) is not None:
        return False
    named = [header_field(_text(text, c)) for c in cells]
    if every_cell and None in named:
        return False
    fields = set(named) - {None, "text"}
    return len(fields) >= 3 or (len(fields) >= 2 and bool(fields & {"number", "name"}))


def _is_sub_header(text: str, head: list[Cell], sub: list[Cell]) -> bool:
    if not sub or table_number(normalize(_text(text, sub[0]))) is not None:
        return False
    merged = any(c + 1 < len(head) and head[c] is head[c + 1] for c in range(len(head))) or \
        any(_cell(sub, c) is head[c] for c in range(len(head)))
    named = sum(1 for c, cell in enumerate(sub)
                if cell is not _cell(head, c) and header_field(_text(text, cell)) is not None
                and not _text(text, _cell(head, c)))
    return (merged and any(header_field(_text(text, c)) for c in sub)) or named >= 2


def _columns(text: str, head: list[Cell], sub: list[Cell] | None, body: list[list[Cell]]) -> list[str | None]:
    width = max(len(head), len(sub or []))
    names: list[str] = []
    fields: list[str | None] = []
    inherited: dict[int, str | None] = {}     # sub-columns named by their group only
    group = ""
    for c in range(width):
        h = _cell(head, c)
        own = _text(text, h)
        group = own or (group if sub else "")
        s = _cell(sub, c) if sub else None
        sub_text = _text(text, s) if s is not None and s is not h else ""
        g_field, s_field = header_field(group), header_field(sub_text)
        if s_field is not None:
            names.append(sub_text)
            fields.append(s_field)
        else:
            names.append(group)
            fields.append(g_field)
            if sub_text:
                inherited[c] = g_field
    for c in range(width):
        if _only_measures(text, [_cell(r, c) for r in body]):
            fields[c] = inherited[c] = None
    # roles follow the columns beside (columns_fields), not the sub-columns of one group
    fields = columns_fields(names, [None if c in inherited else f for c, f in enumerate(fields)])
    return [inherited.get(c, f) for c, f in enumerate(fields)]


def _only_measures(text: str, cells: list[Cell | None]) -> bool:
    """A column of measure words only (亩, 万元, 元/年) gives the unit of the figures beside
    it, whatever its header says (计量单位, 单位): it holds no field."""
    texts = [t for c in cells if (t := _text(text, c))]
    return bool(texts) and all(is_measure(t) for t in texts)


def _front(text: str, row: list[Cell]) -> list[Unit]:
    return [u for c in _distinct(row, text) if (u := make_unit(text, "text", c.start, c.end))]


@dataclass
class _Layout:
    """What a header row says of the rows under it: each column's field, the number and name columns."""
    columns: list[str | None]
    num: int | None
    name: int | None


def read_table(text: str, table: Table, above: str = "") -> TableItems | None:
    """The items of a table, or None when it has no header row (it is then not a table of items).
    A numbered heading right above the header row — a row of one cell, or `above`, the line
    before the table — heads its items (一、省民生工程). A header row further down (every cell
    a column name) starts a new table under the same sections: two tables on one sheet, each
    with its own header."""
    rows = table.rows
    h = header_index(text, rows)
    if h is None:
        return None
    out = TableItems()
    for row in rows[:h]:
        out.front.extend(_front(text, row))
    cells = _distinct(rows[h - 1], text) if h else []
    heading = section_heading(_text(text, cells[0]) if len(cells) == 1 else "") if h else section_heading(above)
    if heading is not None:
        out.sections.append(heading)
    while h < len(rows):
        h = _read_part(text, rows, h, out)
    return out


def section_heading(line: str) -> tuple[str, str | None] | None:
    """A numbered heading (一、省民生工程, （二）教育类): short and no sentence — its name and number."""
    if len(line) > _HEADING_MAX or _SENTENCE.search(line) or marker(normalize(line)) is None:
        return None
    return _heading(line, None)


def _read_part(text: str, rows: list[list[Cell]], h: int, out: TableItems) -> int:
    """The rows under the header row rows[h] (and its sub-header) up to the next header row,
    into `out`; returns where the next header row is."""
    sub = rows[h + 1] if h + 1 < len(rows) and _is_sub_header(text, rows[h], rows[h + 1]) else None
    start = h + 2 if sub else h + 1
    end = next((i for i in range(start, len(rows)) if _is_header(text, rows[i], every_cell=True)), len(rows))
    body = rows[start:end]
    _read_rows(text, body, _layout(text, rows[h], sub, body), out)
    return end


def _layout(text: str, head: list[Cell], sub: list[Cell] | None, body: list[list[Cell]]) -> _Layout:
    columns = _columns(text, head, sub, body)
    num_col = columns.index("number") if "number" in columns else None
    if num_col is None and sum(table_number(normalize(_text(text, _cell(r, 0)))) is not None
                               for r in body) * 2 >= max(len(body), 1):
        num_col = 0
    return _Layout(columns, num_col, columns.index("name") if "name" in columns else None)


def _read_rows(text: str, body: list[list[Cell]], lay: _Layout, out: TableItems) -> None:
    """The rows under a header: items, their continuation rows, sections, totals, front text."""
    numbers = [table_number(normalize(_text(text, _cell(r, lay.num)))) if lay.num is not None else None
               for r in body]
    parents = _parent_rows([n[1] if n else None for n in numbers])
    distinct = [_distinct(r, text) for r in body]
    # rows of one cell after the last row of several are the table's footer (a note, a signature)
    footer = 1 + max((i for i, cells in enumerate(distinct) if len(cells) > 1), default=-1)
    prev: list[Cell] | None = None          # the row above, when it is an item's
    for i, (row, cells) in enumerate(zip(body, distinct)):
        if not cells:
            continue
        num_cell = _cell(row, lay.num) if lay.num is not None else None
        numbered = numbers[i]
        others = [c for c in cells if c is not num_cell]
        continues = prev is not None and i < footer and _continues(text, row, prev, lay)
        prev = None
        if is_total(_text(text, cells[0])) or is_total(_text(text, num_cell)):
            out.front.extend(_front(text, row))
        elif continues:
            _add_cells(text, out.items[-1], row, lay)
            prev = row
        elif len(cells) == 1 and numbered is None or i in parents or (
                numbered is not None and numbered[0] in ("cn", "cn_paren") and len(others) <= 1):
            out.sections.append(_heading(_text(text, others[0] if others else cells[0]), numbered))
            out.front.extend(_front(text, row))
        elif numbered is not None or (lay.num is None and others):
            out.add_item(_item(text, row, lay, numbered, len(out.items) + 1))
            prev = row
        else:
            out.front.extend(_front(text, row))


def _continues(text: str, row: list[Cell], prev: list[Cell], lay: _Layout) -> bool:
    """A row continues the item above when its number cell is merged from the row above, or
    when it has neither a number nor a name of its own (empty, or merged from above)."""
    if lay.num is not None and (num_cell := _cell(row, lay.num)) is not None and num_cell.end > num_cell.start \
            and _cell(prev, lay.num) is num_cell:
        return True
    keys = [c for c in (lay.num, lay.name) if c is not None]
    return bool(keys) and all(not _text(text, _cell(row, c)) or _cell(row, c) is _cell(prev, c) for c in keys)


def _heading(cell: str, numbered: tuple[str, str] | None) -> tuple[str, str | None]:
    """A section heading without its marker, and its number (from the 序号 cell, else its marker)."""
    m = marker(normalize(cell))
    number = numbered[1] if numbered else (m.value if m else None)
    return (cell[m.end:] if m else cell).strip().rstrip(":："), number


def _item(text: str, row: list[Cell], lay: _Layout, numbered: tuple[str, str] | None, k: int) -> Item:
    """The item of a row (numbered k when it has no number)."""
    item = Item(numbered[1] if numbered else str(k), None)
    _add_cells(text, item, row, lay)
    if item.name is None and lay.name is None:
        item.name = next((u.text for u in item.fields), None)
    if numbered is None:
        _number_from_name(text, item)
    return item


def _number_from_name(text: str, item: Item) -> None:
    """A table with no number column may number its items in the name cell (1.新建幼儿园):
    the marker is the item's number, the name follows it."""
    for k, u in enumerate(item.fields):
        if u.field != "name":
            continue
        m = marker(normalize(u.text))
        named = make_unit(text, "name", u.start + m.end, u.end) if m is not None else None
        if m is not None and named is not None:
            item.fields[k] = named
            item.number, item.name = m.value, named.text
        return


def _parent_rows(numbers: list[str | None]) -> set[int]:
    """Rows whose number the next numbered row extends (1 before 1.1, 2 before 2-1): a
    parent row is a section, its children are the items."""
    out = set()
    numbered = [(i, n) for i, n in enumerate(numbers) if n is not None]
    for (i, n), (_, nxt) in zip(numbered, numbered[1:]):
        if nxt.startswith((n + ".", n + "-")):
            out.add(i)
    return out


def _add_cells(text: str, item: Item, row: list[Cell], lay: _Layout) -> None:
    """The cells of a row as the item's fields: a cell merged down, or a value the item
    already has in that field (区人社局 again on a continuation row), once."""
    have = {(u.start, u.end) for u in item.fields} | {(u.field, u.text) for u in item.fields}
    for c, cell in enumerate(row):
        if c == lay.num or c >= len(lay.columns):
            continue
        u = make_unit(text, lay.columns[c] or "text", cell.start, cell.end)
        if u is not None and not {(u.start, u.end), (u.field, u.text)} & have:
            have |= {(u.start, u.end), (u.field, u.text)}
            item.add(u)


def number_in_sections(found: TableItems) -> None:
    """Item numbers that restart in every section (of one table or of several) keep their
    section's number: section 二, item 1 → 2.1."""
    numbers = [it.number for it in found.items]
    if len(set(numbers)) == len(numbers):
        return
    for it, prefix in zip(found.items, found.prefixes):
        if prefix is not None:
            it.number = f"{prefix}.{it.number}"
