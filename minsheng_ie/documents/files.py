"""Report files → Documents: .txt, .csv/.tsv, .xlsx, .docx, .html.

.txt and .csv are read as text in whatever encoding they were saved (encodings.py), with
offsets into that text. .xlsx, .docx and .html are laid out as text (blocks.TextBuilder):
every sheet of a workbook (or the one `sheet` names), a .docx body in order (paragraphs
and tables; merged cells by cell identity), an .html page's paragraphs and tables
(rowspan/colspan expanded). Offsets of units are into `Document.text`.

`read_file(path)` reads a file; `read_text(text)` reads a text; `read_document(source)`
takes either, reading a str as a path only when it names an existing file or looks like a
report file name (`nope.xlsx` is a FileNotFoundError, not a one-line report)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Hashable

from ..core.errors import DocumentError
from .blocks import RawRow, TextBuilder
from .encodings import decode
from .model import Document
from .reader import read_blocks, read_text
from .text_tables import delimited_table

SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".xlsx", ".xlsm", ".docx", ".html", ".htm")
Sheet = str | int | None


def _read_txt(path: Path, sheet: Sheet) -> Document:
    doc = read_text(decode(path.read_bytes(), str(path)), path.stem)
    doc.source = str(path)
    return doc


def _read_csv(path: Path, sheet: Sheet) -> Document:
    text = decode(path.read_bytes(), str(path))
    head = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",\t;", key=head.count)
    return read_blocks(text, [delimited_table(text, delimiter)], path.stem, "delimited_table", str(path))


def _xlsx_value(cell: Any) -> str:
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if "%" in (cell.number_format or ""):
            return f"{v * 100:.10g}%"
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    return str(v)


def _read_xlsx(path: Path, sheet: Sheet) -> Document:
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = wb.worksheets
    if sheet is not None:
        names = [ws.title for ws in sheets]
        if isinstance(sheet, int) or str(sheet).isdigit():
            k = int(sheet) - 1
            if not 0 <= k < len(sheets):
                raise DocumentError(f"{path}: no sheet {sheet} (it has {len(sheets)}: {', '.join(names)})")
            sheets = [sheets[k]]
        elif sheet in names:
            sheets = [sheets[names.index(sheet)]]
        else:
            raise DocumentError(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
    builder = TextBuilder()
    for ws in sheets:
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    origin[(r, c)] = (rng.min_row, rng.min_col)
        rows: list[RawRow] = []
        for row in ws.iter_rows():
            raw: RawRow = []
            for cell in row:
                key = origin.get((cell.row, cell.column), (cell.row, cell.column))
                text = _xlsx_value(ws.cell(*key)) if key != (cell.row, cell.column) else _xlsx_value(cell)
                raw.append((key, text))
            rows.append(raw)
        builder.table(rows, ws.title)
    wb.close()
    text, blocks = builder.build()
    return read_blocks(text, blocks, path.stem, "sheet_table", str(path))


_CIRCLED = "".join(chr(0x2460 + k) for k in range(20))


def _list_number(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified"):
        from .numbering import cn_numeral
        return cn_numeral(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if n <= 20 else str(n)
    return str(n)


class _WordNumbering:
    """Word's automatic list numbers, which a paragraph's text does not hold: written out
    from the list's level format (numFmt, lvlText: `%1、` → 一、 or 1、)."""

    def __init__(self, d: Any) -> None:
        from docx.oxml.ns import qn
        self.qn = qn
        try:
            self.numbering = d.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self.numbering = None
        self.counters: dict[str, list[int]] = {}

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        for holder in (p._p.pPr, p.style.element.pPr if p.style is not None else None):
            num_pr = holder.numPr if holder is not None else None
            if num_pr is not None and num_pr.numId is not None:
                level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), level
        return None

    def prefix(self, p: Any) -> str:
        found = self._num_pr(p) if self.numbering is not None else None
        if found is None or found[0] == "0":
            return ""
        num_id, level = found
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        counts[level + 1:] = [0] * (8 - level)
        fmt, text = "decimal", f"%{level + 1}."
        num = self.numbering.num_having_numId(int(num_id))
        abstract = self.numbering.find(f"{self.qn('w:abstractNum')}[@{self.qn('w:abstractNumId')}="
                                       f"'{num.abstractNumId.val}']")
        lvl = abstract.find(f"{self.qn('w:lvl')}[@{self.qn('w:ilvl')}='{level}']") if abstract is not None else None
        if lvl is not None:
            f, t = lvl.find(self.qn("w:numFmt")), lvl.find(self.qn("w:lvlText"))
            fmt = f.get(self.qn("w:val")) if f is not None else fmt
            text = t.get(self.qn("w:val")) if t is not None else text
        if fmt in ("bullet", "none"):
            return ""
        for k in range(level + 1):
            text = text.replace(f"%{k + 1}", _list_number(fmt if k == level else "decimal", max(counts[k], 1)))
        return text


def _read_docx(path: Path, sheet: Sheet) -> Document:
    import docx
    from docx.table import Table as DocxTable
    d = docx.Document(str(path))
    builder = TextBuilder()
    paragraphs: list[str] = []
    keep: list[Any] = []        # the cell elements, alive, so that their identity is stable
    numbering = _WordNumbering(d)
    for part in d.iter_inner_content():
        if not isinstance(part, DocxTable):
            paragraphs.append(numbering.prefix(part) + part.text)
            continue
        builder.paragraphs(paragraphs)
        paragraphs = []
        rows: list[RawRow] = []
        for r in part.rows:
            cells = r.cells
            keep.extend(cells)
            rows.append([(c._tc, c.text) for c in cells])
        builder.table(rows)
    builder.paragraphs(paragraphs)
    text, blocks = builder.build()
    return read_blocks(text, blocks, path.stem, "docx_table", str(path))


_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "title", "section",
               "article", "blockquote", "pre", "dd", "dt", "header", "footer", "center", "form"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


def _html_cell_text(el: Any) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in el.iter("p", "div"):
        p.tail = "\n" + (p.tail or "")
    return "\n".join(_SPACES.sub(" ", ln).strip() for ln in el.text_content().split("\n")).strip()


def _html_table(table: Any) -> list[RawRow]:
    """The rows of an HTML table with rowspan/colspan expanded; a spanning cell is one key."""
    grid: dict[tuple[int, int], tuple[Hashable, str]] = {}
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, tr in enumerate(trs):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in grid:
                c += 1
            rs, cs = (max(1, int(v)) if str(v).isdigit() else 1 for v in (td.get("rowspan", 1), td.get("colspan", 1)))
            entry = ((r, c), _html_cell_text(td))
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = entry
            c += cs
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c), ((r, c), "")) for c in range(width)] for r in range(len(trs))]


def _read_html(path: Path, sheet: Sheet) -> Document:
    from lxml import html
    source = decode(path.read_bytes(), str(path), declared_ok=True)
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)
    tree = html.document_fromstring(source)
    builder = TextBuilder()
    buf: list[str] = []
    paragraphs: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(buf)).strip()
        buf.clear()
        if line:
            paragraphs.append(line)

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            flush()
            builder.paragraphs(paragraphs)
            paragraphs.clear()
            builder.table(_html_table(el))
        elif tag not in _SKIP_TAGS and tag:
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            buf.append(el.text or "")
            for child in el:
                walk(child)
            if tag in _BLOCK_TAGS:
                flush()
        buf.append(el.tail or "")

    for title in tree.xpath("//head/title"):
        paragraphs.append(_SPACES.sub(" ", title.text_content()).strip())
    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    builder.paragraphs(paragraphs)
    text, blocks = builder.build()
    return read_blocks(text, blocks, path.stem, "html_table", str(path))


_READERS = {".txt": _read_txt, ".text": _read_txt, "": _read_txt, ".csv": _read_csv, ".tsv": _read_csv,
            ".xlsx": _read_xlsx, ".xlsm": _read_xlsx, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}


def read_file(path: str | Path, sheet: Sheet = None) -> Document:
    """Read a report file. `sheet` (an .xlsx sheet's name or 1-based number) limits a workbook
    to one sheet; by default every sheet that holds an item table is read."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a directory, not a report file")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise DocumentError(f"{path}: unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")
    if sheet is not None and reader is not _read_xlsx:
        raise DocumentError(f"{path}: a sheet can only be chosen in an .xlsx workbook")
    try:
        return reader(path, sheet)
    except (DocumentError, OSError):
        raise
    except Exception as exc:  # a corrupt xlsx/docx raises library-specific errors
        raise DocumentError(f"{path}: cannot read {suffix} file: {exc}") from None


def read_document(source: str | Path, sheet: Sheet = None) -> Document:
    """A report from a path or from its text: a Path, or a str naming an existing file (or
    ending like a report file name: a missing one is a FileNotFoundError), is read as a
    file; any other str is the report's text."""
    if isinstance(source, Path):
        return read_file(source, sheet)
    if not isinstance(source, str):
        raise TypeError(f"read_document() needs a path or str, not {type(source).__name__}")
    if "\n" not in source and len(source) < 1024:
        p = Path(source.strip())
        if p.is_dir() or p.is_file() or p.suffix.lower() in SUFFIXES:
            return read_file(p, sheet)
    return read_text(source)
