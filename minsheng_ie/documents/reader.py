"""Report text in, a Document out: layout detection and one reader per layout.

Text outside the item table (title, preamble, signature) is kept as `front` units of
field `text`.

Layouts recognised (see docs/architecture.md):
  tab_table   cells start with a tab, continuation lines do not, rows end at a blank line
  pipe_table  'a | b | c |' rows under a header row
  narrative   '1、name，责任单位：X' then '目标任务：…' / '进展情况：…' lines
  plan_list   '1.name。targets…(牵头单位:X)' lines after front matter
  line_table  one cell per line, blank lines between, header cells first (pages may repeat)
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..core.errors import DocumentError
from ..core.lexicon import Lexicon
from ..engine.normalize import normalize
from ..engine.values.times import last_day
from ..loading.resources import bundled_lexicon
from .model import Document, Item, Unit


# the bundled lexicons the reader uses (header names, and what agency lists look like)
LEXICONS_READ = frozenset({"field_header", "agency", "agency_suffix", "collective", "collective_head",
                           "role_cue"})


# ---------------------------------------------------------------- header matching

def _field_lexicon() -> Lexicon:
    return bundled_lexicon("fields.yaml", "field_header")


@lru_cache(maxsize=4096)
def _match_header(cell: str, choices: tuple[str, ...]) -> str | None:
    key = re.sub(r"[\s()（）%％]", "", normalize(cell))
    if not key:
        return None
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=80)
    if best is None and len(key) >= 6:
        # long headers carry explanations: 是否省市统一进度(全省县市区名次)
        best = process.extractOne(key, [c for c in choices if len(c) >= 4],
                                  scorer=fuzz.partial_ratio, score_cutoff=95)
    return best[0] if best else None


def header_field(cell: str, lexicon: Lexicon | None = None) -> str | None:
    """The field a header cell names, by fuzzy match against the field_header lexicon."""
    lex = lexicon or _field_lexicon()
    choices = tuple(re.sub(r"[\s()（）%％]", "", f) for f in lex.forms)
    hit = _match_header(cell, choices)
    if hit is None:
        return None
    for form, entry in lex.forms.items():
        if re.sub(r"[\s()（）%％]", "", form) == hit:
            return str(entry.value)
    return None


# ---------------------------------------------------------------- helpers

_LINE_RE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line without its newline) for every line."""
    out, pos = [], 0
    for m in _LINE_RE.finditer(text):
        if m.start() == len(text) and not m.group():
            break
        line = m.group().rstrip("\n").rstrip("\r")
        out.append((pos, line))
        pos = m.end()
    return out


def _unit(text: str, fld: str, start: int, end: int) -> Unit | None:
    """A unit for text[start:end], trimmed of surrounding blanks; None if empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Unit(fld, text[start:end], start, end)


def _front_units(text: str, spans: list[tuple[int, int]]) -> list[Unit]:
    out = []
    for s, e in spans:
        u = _unit(text, "text", s, e)
        if u:
            out.append(u)
    return out


@lru_cache(maxsize=1)
def _org_endings() -> tuple[frozenset[str], int]:
    """Agency names, agency endings and collectives from the bundled org lexicons."""
    forms = set()
    for name in ("agency", "agency_suffix", "collective", "collective_head"):
        forms |= set(bundled_lexicon("orgs.yaml", name).forms)
    return frozenset(forms), max(map(len, forms))


def _looks_like_orgs(s: str) -> bool:
    """A list of units: every part ends like an agency (区人社局、退役军人事务局)."""
    endings, longest = _org_endings()
    parts = [p for p in re.split(r"[、,，\s]+", normalize(s)) if p]
    return bool(parts) and all(
        len(p) <= 16 and any(p[-k:] in endings for k in range(1, min(longest, len(p)) + 1)) for p in parts)


@lru_cache(maxsize=1)
def _role_cues() -> str:
    """The role-cue words of the org lexicon as a regex alternation (牵头单位|责任单位|…)."""
    forms = sorted(bundled_lexicon("orgs.yaml", "role_cue").forms, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


# ---------------------------------------------------------------- ref_date

_CN_NUM = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_NUM["零"] = 0
_SIGN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(?:发布日期|发文日期|成文日期|日期)[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_TITLE_MONTH = re.compile(r"(\d{4})年.*?(\d{1,2})月")
_TITLE_QUARTER = re.compile(r"(\d{4})年.*?(?:第?([一二三四1-4])季度)")
_TITLE_HALF = re.compile(r"(\d{4})年.*?(上半年|半年度|下半年|全年|年度)")


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, last_day(y, m))


def infer_ref_date(text: str, title: str | None) -> dt.date | None:
    """The report's date: a publication/signature date, else the end of the period in the title."""
    norm = normalize(text)
    m = _ISO_DATE.search(norm)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    # A line that is (or ends with) a full date is a signature; take the last one.
    for line in reversed(norm.splitlines()):
        m = _SIGN_DATE.search(line)
        if m and (line.strip().endswith(("日", "日印发", "日发布")) or len(line.strip()) <= 40 and line.strip().endswith(m.group())):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if title:
        t = normalize(title)
        m = _TITLE_QUARTER.search(t)
        if m:
            q = int(m[2]) if m[2].isdigit() else _CN_NUM[m[2]]
            return _month_end(int(m[1]), 3 * q)
        m = _TITLE_MONTH.search(t)
        if m:
            return _month_end(int(m[1]), int(m[2]))
        m = _TITLE_HALF.search(t)
        if m:
            return dt.date(int(m[1]), 6, 30) if "上" in m[2] or "半年度" in m[2] else dt.date(int(m[1]), 12, 31)
    return None


# ---------------------------------------------------------------- layouts

def _read_tab_table(text: str) -> tuple[list[Item], list[Unit], str | None]:
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    for pos, line in _lines(text):
        if not line.strip():
            if row:
                rows.append(row)
                row = []
        elif line.startswith("\t"):
            row.append((pos + 1, pos + len(line)))
        elif row:  # continuation of the previous cell
            s, _ = row[-1]
            row[-1] = (s, pos + len(line))
        else:
            row.append((pos, pos + len(line)))
    if row:
        rows.append(row)
    header_idx = next((i for i, r in enumerate(rows)
                       if sum(header_field(text[s:e]) is not None for s, e in r) >= 3), None)
    if header_idx is None:
        raise DocumentError("tab table without a header row")
    columns = [header_field(text[s:e]) for s, e in rows[header_idx]]
    front = [u for r in rows[:header_idx] for u in _front_units(text, r)]
    title = front[0].text if front else None
    items = []
    for r in rows[header_idx + 1:]:
        first = text[r[0][0]:r[0][1]].strip()
        if not first.isdigit():
            front.extend(_front_units(text, r))
            continue
        item = Item(first, None)
        for (s, e), col in zip(r[1:], columns[1:]):
            item.add(_unit(text, col or "text", s, e))
        items.append(item)
    return items, front, title


def _split_pipe(text: str, pos: int, line: str) -> list[tuple[int, int]]:
    cells, start = [], 0
    for m in re.finditer(r"\|", line):
        cells.append((pos + start, pos + m.start()))
        start = m.end()
    if line[start:].strip():
        cells.append((pos + start, pos + len(line)))
    return cells


def _read_pipe_table(text: str) -> tuple[list[Item], list[Unit], str | None]:
    items: list[Item] = []
    front: list[Unit] = []
    columns: list[str | None] | None = None
    for pos, line in _lines(text):
        if not line.strip():
            continue
        cells = _split_pipe(text, pos, line) if line.count("|") >= 2 else None
        if cells and columns is None and sum(header_field(text[s:e]) is not None for s, e in cells) >= 3:
            columns = [header_field(text[s:e]) for s, e in cells]
            continue
        if cells and columns is not None and text[cells[0][0]:cells[0][1]].strip().isdigit():
            item = Item(text[cells[0][0]:cells[0][1]].strip(), None)
            for (s, e), col in zip(cells[1:], columns[1:]):
                item.add(_unit(text, col or "text", s, e))
            items.append(item)
            continue
        u = _unit(text, "text", pos, pos + len(line))
        if u:
            front.append(u)
    title = _title_from(front)
    return items, front, title


def _title_from(front: list[Unit]) -> str | None:
    """The first short line that ends like a report title (…进展情况表, …方案, …小结)."""
    for u in front:
        t = normalize(u.text).strip()
        if re.search(r"(表|方案|小结|通报|通知|报告|总结|进展情况|完成情况)$", t) and len(t) <= 60 and "|" not in t:
            return u.text
    return front[0].text if front else None


_NARR_ITEM = re.compile(r"^\s*(\d{1,3})\s*[、.．]\s*(.+)$")
@lru_cache(maxsize=1)
def _narr_label() -> re.Pattern[str]:
    """'目标任务：', '进展情况：' … — any field header of the lexicon followed by a colon."""
    forms = sorted((f for f, e in _field_lexicon().forms.items() if e.value not in ("number", "name")),
                   key=len, reverse=True)
    return re.compile(r"^\s*(" + "|".join(re.escape(f) for f in forms) + r")\s*[:：]")
@lru_cache(maxsize=1)
def _resp_cue() -> re.Pattern[str]:
    """'，责任单位：' (or a bare '，单位：') after an item's name in a narrative report."""
    return re.compile(rf"[，,]\s*({_role_cues()}|单位|部门)\s*[:：]\s*")


def _read_narrative(text: str) -> tuple[list[Item], list[Unit], str | None]:
    items: list[Item] = []
    front: list[Unit] = []
    for pos, line in _lines(text):
        if not line.strip():
            continue
        label = _narr_label().match(normalize(line))
        m = _NARR_ITEM.match(line)
        if label and items:
            fld = header_field(label.group(1)) or "text"
            items[-1].add(_unit(text, fld, pos + label.end(), pos + len(line)))
        elif m and not label:
            item = Item(m.group(1), None)
            body_start = pos + m.start(2)
            body = line[m.start(2):]
            cue = _resp_cue().search(normalize(body))
            if cue:
                name_end, resp_start = body_start + cue.start(), body_start + cue.end()
            else:
                cut = max(body.rfind("，"), body.rfind(","))
                tail = body[cut + 1:] if cut >= 0 else ""
                if cut >= 0 and _looks_like_orgs(tail):
                    name_end, resp_start = body_start + cut, body_start + cut + 1
                else:
                    name_end, resp_start = pos + len(line), None
            item.add(_unit(text, "name", body_start, name_end))
            if resp_start is not None:
                item.add(_unit(text, "responsible", resp_start, pos + len(line)))
            items.append(item)
        else:
            u = _unit(text, "text", pos, pos + len(line))
            if u:
                front.append(u)
    return items, front, _title_from(front)


_PLAN_ITEM = re.compile(r"^\s*(\d{1,3})\s*[.．、]\s*([^。]+?)[。.]\s*(.*)$")


def _read_plan_list(text: str) -> tuple[list[Item], list[Unit], str | None]:
    items: list[Item] = []
    front: list[Unit] = []
    for pos, line in _lines(text):
        if not line.strip():
            continue
        m = _PLAN_ITEM.match(line)
        if m and re.search(rf"[(（]\s*({_role_cues()})", normalize(line)):
            item = Item(m.group(1), None)
            item.add(_unit(text, "name", pos + m.start(2), pos + m.end(2)))
            item.add(_unit(text, "target", pos + m.start(3), pos + len(line)))
            items.append(item)
        else:
            u = _unit(text, "text", pos, pos + len(line))
            if u:
                front.append(u)
    return items, front, _title_from([u for u in front if "|" not in u.text])


def _dedupe_pages(text: str) -> str:
    """A scraped page pasted twice: keep the text up to where the first line repeats."""
    lines = [ln for _, ln in _lines(text) if ln.strip()]
    if not lines:
        return text
    first = lines[0].strip()
    idx = text.find(first, text.find(first) + len(first))
    if idx > 0 and len(text) - idx > len(text) * 0.3:
        return text[:idx]
    return text


_PERCENT_CELL = re.compile(r"^\s*\d+(\.\d+)?\s*[%％]\s*$")


def _read_line_table(text: str) -> tuple[list[Item], list[Unit], str | None]:
    body = _dedupe_pages(text)
    cells = [(pos, line) for pos, line in _lines(body) if line.strip()]
    header_start = next((i for i, (_, ln) in enumerate(cells) if header_field(ln) == "number"), None)
    if header_start is None:
        raise DocumentError("line table without a 序号 header")
    front = _front_units(text, [(p, p + len(ln)) for p, ln in cells[:header_start]])
    columns: list[str | None] = []
    i = header_start
    while i < len(cells) and not cells[i][1].strip().isdigit():
        col = header_field(cells[i][1])
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
            _assign_line_values(text, items[-1], values, columns)
            continue
        front.append(Unit("text", line.strip(), pos + len(line) - len(line.lstrip()),
                          pos + len(line.rstrip())))
        i += 1
    # trailing notes after the last item were swallowed as its values: split them out
    if items:
        last = items[-1]
        notes = [u for u in last.fields if u.field == "text"]
        last.fields = [u for u in last.fields if u.field != "text"]
        front.extend(notes)
    return items, front, _title_from(front)


def _assign_line_values(text: str, item: Item, values: list[tuple[int, str]], columns: list[str | None]) -> None:
    """Cells of one row, some columns left empty: name, target, then rate, status, responsible."""
    cols = [c for c in columns if c != "number"]
    units = [u for p, ln in values if (u := _unit(text, "text", p, p + len(ln)))]
    if not units:
        return
    assigned: list[Unit] = []
    rest = units
    # leading text columns before the rate (name, target …) fill in order
    lead_cols = cols[:cols.index("rate")] if "rate" in cols else cols
    rate_at = next((k for k, u in enumerate(rest) if _PERCENT_CELL.match(u.text)), None)
    head = rest[:rate_at] if rate_at is not None else rest[:len(lead_cols)]
    for u, col in zip(head, lead_cols):
        assigned.append(Unit(col or "text", u.text, u.start, u.end))
    tail = rest[len(head):]
    if rate_at is not None and tail:
        assigned.append(Unit("rate", tail[0].text, tail[0].start, tail[0].end))
        tail = tail[1:]
    # after the rate: the organisation-looking cell is the responsible unit
    resp_at = next((k for k, u in enumerate(tail) if _looks_like_orgs(u.text)), None)
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


# ---------------------------------------------------------------- detection

def detect_layout(text: str) -> str:
    lines = [ln for _, ln in _lines(text) if ln.strip()]
    norm = normalize(text)
    tab_cells = sum(ln.startswith("\t") for ln in lines)
    pipe_rows = sum(ln.count("|") >= 3 for ln in lines)
    numbered = [ln for ln in lines if _NARR_ITEM.match(ln)]
    trailer = sum(bool(re.search(rf"[(（]\s*({_role_cues()})\s*[:：]", normalize(ln))) for ln in numbered)
    labels = sum(bool(_narr_label().match(normalize(ln))) for ln in lines)
    if tab_cells >= 5:
        return "tab_table"
    if trailer >= 3:
        return "plan_list"
    if labels >= 2 and numbered:
        return "narrative"
    if pipe_rows >= 3 and re.search(r"序\s*号", norm):
        return "pipe_table"
    if any(header_field(ln) == "number" for ln in lines) and sum(ln.strip().isdigit() for ln in lines) >= 2:
        return "line_table"
    return "plain"


_READERS = {
    "tab_table": _read_tab_table,
    "pipe_table": _read_pipe_table,
    "narrative": _read_narrative,
    "plan_list": _read_plan_list,
    "line_table": _read_line_table,
}


def read_text(text: str, name: str = "document") -> Document:
    """Parse report text of any recognised layout into a Document."""
    if not isinstance(text, str):
        raise TypeError(f"read_text() needs str, not {type(text).__name__}")
    layout = detect_layout(text)
    if layout == "plain":
        front = [u for p, ln in _lines(text) if (u := _unit(text, "text", p, p + len(ln)))]
        items: list[Item] = []
        title = front[0].text if front else None
    else:
        items, front, title = _READERS[layout](text)
    return Document(text, layout, title, infer_ref_date(text, title), items, front, name)
