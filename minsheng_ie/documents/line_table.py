"""A table scraped one cell per line: header cells first (序号, …), then each row as its
number on a line of its own followed by its cells, empty cells left out; a page pasted
twice is read once. Cells are given their columns by what they hold: the leading text
cells in column order, a percentage is the rate, a cell of unit names the responsible
units, a short name after them the leader."""
from __future__ import annotations

import re

from .headers import header_field
from .model import Item, Unit, make_unit
from .orgs import looks_like_orgs
from .text_tables import line_spans

_PERCENT_CELL = re.compile(r"^\s*\d+(\.\d+)?\s*[%％]\s*$")
_HEADER_CELL_MAX = 20


def _dedupe_pages(text: str) -> str:
    """A scraped page pasted twice: keep the text up to where the first line repeats."""
    lines = [text[s:e] for s, e in line_spans(text) if text[s:e].strip()]
    if not lines:
        return text
    first = lines[0].strip()
    idx = text.find(first, text.find(first) + len(first))
    if idx > 0 and len(text) - idx > len(text) * 0.3:
        return text[:idx]
    return text


def _is_header_cell(line: str, fld: str) -> bool:
    return len(line.strip()) <= _HEADER_CELL_MAX and header_field(line) == fld


def is_line_table(text: str, lines: list[tuple[int, int]]) -> bool:
    cells = [text[s:e] for s, e in lines if text[s:e].strip()]
    return any(_is_header_cell(c, "number") for c in cells) and sum(c.strip().isdigit() for c in cells) >= 2


def read_line_table(text: str) -> tuple[list[Item], list[Unit]]:
    body = _dedupe_pages(text)
    cells = [(s, body[s:e]) for s, e in line_spans(body) if body[s:e].strip()]
    header_start = next((i for i, (_, ln) in enumerate(cells) if _is_header_cell(ln, "number")), len(cells))
    front = [u for p, ln in cells[:header_start] if (u := make_unit(text, "text", p, p + len(ln)))]
    columns: list[str | None] = []
    i = header_start
    while i < len(cells) and not cells[i][1].strip().isdigit():
        col = header_field(cells[i][1]) if len(cells[i][1].strip()) <= _HEADER_CELL_MAX else None
        if col is None and columns and columns[-1] == "number":
            col = "name"  # a header split over two lines (省政府十大 / 民生实事名称)
        if col is not None and col not in columns:
            columns.append(col)
        i += 1
    items: list[Item] = []
    expected = 1
    while i < len(cells):
        pos, line = cells[i]
        if line.strip() == str(expected):
            items.append(Item(line.strip(), None))
            expected += 1
            values = []
            i += 1
            while i < len(cells) and cells[i][1].strip() != str(expected):
                values.append(cells[i])
                i += 1
            _assign(text, items[-1], values, columns)
            continue
        front.append(Unit("text", line.strip(), pos + len(line) - len(line.lstrip()), pos + len(line.rstrip())))
        i += 1
    # trailing notes after the last item were swallowed as its values: split them out
    if items:
        last = items[-1]
        front.extend(u for u in last.fields if u.field == "text")
        last.fields = [u for u in last.fields if u.field != "text"]
    return items, front


def _assign(text: str, item: Item, values: list[tuple[int, str]], columns: list[str | None]) -> None:
    """Cells of one row, some columns left empty: name, target, then rate, status, responsible."""
    cols = [c for c in columns if c != "number"]
    units = [u for p, ln in values if (u := make_unit(text, "text", p, p + len(ln)))]
    if not units:
        return
    assigned: list[Unit] = []
    lead_cols = cols[:cols.index("rate")] if "rate" in cols else cols
    rate_at = next((k for k, u in enumerate(units) if _PERCENT_CELL.match(u.text)), None)
    head = units[:rate_at] if rate_at is not None else units[:len(lead_cols)]
    for u, col in zip(head, lead_cols):
        assigned.append(Unit(col or "text", u.text, u.start, u.end))
    tail = units[len(head):]
    if rate_at is not None and tail:
        assigned.append(Unit("rate", tail[0].text, tail[0].start, tail[0].end))
        tail = tail[1:]
    # after the rate: the organisation-looking cell is the responsible unit
    resp_at = next((k for k, u in enumerate(tail) if looks_like_orgs(u.text)), None)
    for k, u in enumerate(tail):
        if resp_at is not None and k == resp_at:
            col = "responsible"
        elif resp_at is None or k < resp_at:
            col = "status" if "status" in cols else "text"
        else:
            col = "leader" if "leader" in cols else "text"
        if k > (resp_at if resp_at is not None else len(tail)) and not _looks_like_person(u.text):
            col = "text"  # notes after the row (备注…)
        assigned.append(Unit(col, u.text, u.start, u.end))
    item.fields = assigned
    item.name = next((u.text for u in assigned if u.field == "name"), None)


def _looks_like_person(s: str) -> bool:
    return 2 <= len(s.strip()) <= 4 and not re.search(r"[:：,，。%]", s)
