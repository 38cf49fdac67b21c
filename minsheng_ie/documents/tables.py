"""A table → items: header rows, sections, totals, merged cells, item numbers.

- The header is the first row (of the first ten) that names three fields, or two with the
  number or the name. A second header row under it (sub-columns under a merged group
  header, or under a group written once with empty cells after it) names its columns
  together with the group: the group's field, unless the sub-column names a field of its
  own kind (a deadline, a rate, units) — 进展情况 over 完成情况 | 完成率 → progress, rate.
- A row whose number is a number of any scheme (3, 1-1, ③, 第3项) is an item; a row of one
  cell (merged across, or alone) or numbered 一/（一） with nothing beside is a section
  heading; a 合计/总计 row is a total. Neither is an item: their cells are front text.
- A cell merged down (the same Cell in several rows) belongs to every item it covers; a
  row whose number cell is merged from the row above continues that item.
- Item numbers that restart in every section keep their section's number: 2.1.
- No name column: the item is named by its first text cell (a 项目内容 table)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.normalize import normalize
from .blocks import Cell, Table
from .headers import columns_fields, header_field, is_total
from .model import Item, Unit, make_unit
from .numbering import marker, table_number

# sub-column fields that stay theirs under a group header
_OWN_KIND = {"deadline", "rate", "responsible", "support", "leader", "number", "name"}


@dataclass
class TableItems:
    items: list[Item] = field(default_factory=list)
    front: list[Unit] = field(default_factory=list)


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


def _header_index(text: str, rows: list[list[Cell]]) -> int | None:
    for i, row in enumerate(rows[:10]):
        fields = {header_field(_text(text, c)) for c in _distinct(row, text)} - {None}
        if len(fields) >= 3 or (len(fields) >= 2 and fields & {"number", "name"}):
            return i
    return None


def _is_sub_header(text: str, head: list[Cell], sub: list[Cell]) -> bool:
    if not sub or table_number(normalize(_text(text, sub[0]))) is not None:
        return False
    merged = any(c + 1 < len(head) and head[c] is head[c + 1] for c in range(len(head))) or \
        any(_cell(sub, c) is head[c] for c in range(len(head)))
    named = sum(1 for c, cell in enumerate(sub)
                if cell is not _cell(head, c) and header_field(_text(text, cell)) is not None
                and not _text(text, _cell(head, c)))
    return (merged and any(header_field(_text(text, c)) for c in sub)) or named >= 2


def _columns(text: str, head: list[Cell], sub: list[Cell] | None) -> list[str | None]:
    width = max(len(head), len(sub or []))
    names: list[str] = []
    fields: list[str | None] = []
    group = ""
    for c in range(width):
        h = _cell(head, c)
        own = _text(text, h)
        group = own or (group if sub else "")
        s = _cell(sub, c) if sub else None
        sub_text = _text(text, s) if s is not None and s is not h else ""
        g_field, s_field = header_field(group), header_field(sub_text)
        if s_field is not None and (s_field in _OWN_KIND or g_field is None):
            names.append(sub_text)
            fields.append(s_field)
        else:
            names.append(group)
            fields.append(g_field)
    return columns_fields(names, fields)


def _front(text: str, row: list[Cell]) -> list[Unit]:
    return [u for c in _distinct(row, text) if (u := make_unit(text, "text", c.start, c.end))]


def read_table(text: str, table: Table) -> TableItems | None:
    """The items of a table, or None when it has no header row (it is then not a table of items)."""
    rows = table.rows
    h = _header_index(text, rows)
    if h is None:
        return None
    out = TableItems()
    for row in rows[:h]:
        out.front.extend(_front(text, row))
    sub = rows[h + 1] if h + 1 < len(rows) and _is_sub_header(text, rows[h], rows[h + 1]) else None
    columns = _columns(text, rows[h], sub)
    body = rows[h + 2 if sub else h + 1:]
    num_col = columns.index("number") if "number" in columns else None
    name_col = columns.index("name") if "name" in columns else None
    if num_col is None and sum(table_number(normalize(_text(text, _cell(r, 0)))) is not None
                               for r in body) * 2 >= max(len(body), 1):
        num_col = 0
    sections: list[tuple[str, str | None]] = []       # (heading, its number)
    item_section: dict[int, int] = {}
    prev: list[Cell] | None = None
    for row in body:
        cells = _distinct(row, text)
        if not cells:
            continue
        first = _text(text, cells[0])
        num_cell = _cell(row, num_col) if num_col is not None else None
        numbered = table_number(normalize(_text(text, num_cell))) if num_cell is not None else None
        others = [c for c in cells if c is not num_cell]
        continues = (out.items and prev is not None and num_cell is not None and num_cell.end > num_cell.start
                     and _cell(prev, num_col) is num_cell)       # type: ignore[arg-type]
        prev = row
        if is_total(first) or (num_cell is not None and is_total(_text(text, num_cell))):
            out.front.extend(_front(text, row))
        elif continues:
            _add_cells(text, out.items[-1], row, columns, num_col)
        elif len(cells) == 1 and numbered is None or (
                numbered is not None and numbered[0] in ("cn", "cn_paren") and len(others) <= 1):
            heading = _text(text, others[0] if others else cells[0])
            m = marker(normalize(heading))
            number = numbered[1] if numbered else (m.value if m else None)
            sections.append(((heading[m.end:] if m else heading).strip().rstrip(":："), number))
            out.front.extend(_front(text, row))
        elif numbered is not None or (num_col is None and others):
            item = Item(numbered[1] if numbered else str(len(out.items) + 1), None)
            _add_cells(text, item, row, columns, num_col)
            if item.name is None and name_col is None:
                item.name = next((u.text for u in item.fields), None)
            if sections:
                item_section[len(out.items)] = len(sections) - 1
                item.section = sections[-1][0]
            out.items.append(item)
        else:
            out.front.extend(_front(text, row))
    _number_in_sections(out.items, item_section, sections)
    return out


def _add_cells(text: str, item: Item, row: list[Cell], columns: list[str | None], num_col: int | None) -> None:
    have = {(u.start, u.end) for u in item.fields}
    for c, cell in enumerate(row):
        if c == num_col or c >= len(columns):
            continue
        col = columns[c]
        u = make_unit(text, col or "text", cell.start, cell.end)
        if u is not None and (u.start, u.end) not in have:
            have.add((u.start, u.end))
            item.add(u)


def _number_in_sections(items: list[Item], item_section: dict[int, int],
                        sections: list[tuple[str, str | None]]) -> None:
    numbers = [it.number for it in items]
    if len(set(numbers)) == len(numbers):
        return
    for i, it in enumerate(items):
        if i in item_section:
            k = item_section[i]
            it.number = f"{sections[k][1] or k + 1}.{it.number}"
