"""Report files → Documents: .txt, .csv/.tsv, .xlsx, .docx, .html.

.txt and .csv are read as text in whatever encoding they were saved (encodings.py), with
offsets into that text. .xlsx, .docx and .html are laid out as text (blocks.TextBuilder):
every sheet of a workbook (or the one `sheet` names), a .docx body in order (paragraphs
and tables; merged cells by cell identity), an .html page's paragraphs and tables
(rowspan/colspan expanded). Offsets of units are into `Document.text`.

`read_file(path)` reads a file; `read_text(text)` reads a text; `read_document(source)`
takes either, reading a str as a path only when it ends like a report file name (`nope.xlsx`
is a FileNotFoundError, not a one-line report; `/etc/passwd` is a text, never opened).

Every file is read within `ReadLimits` (limits.py: file size, zip members and sizes, rows
and cells of a table, HTML table nesting); past one, a DocumentError says which."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Hashable

from ..core.errors import DocumentError
from .blocks import RawRow, TextBuilder
from .cell_format import LOCALE_BUILTIN, display, general, is_date_code
from .encodings import decode
from .limits import LIMITS, ReadLimits, check_archive, check_file_size, check_rows, check_text
from .model import Document
from .reader import read_blocks, read_text
from .text_tables import delimited_table

SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".xlsx", ".xlsm", ".docx", ".html", ".htm")
Sheet = str | int | None


def _read_txt(path: Path, sheet: Sheet, limits: ReadLimits) -> Document:
    doc = read_text(decode(path.read_bytes(), str(path)), path.stem, limits=limits)
    doc.source = str(path)
    return doc


def _read_csv(path: Path, sheet: Sheet, limits: ReadLimits) -> Document:
    text = decode(path.read_bytes(), str(path))
    check_text(str(path), text, limits)
    head = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",\t;", key=head.count)
    table = delimited_table(text, delimiter, limits, str(path))
    return read_blocks(text, [table], path.stem, "delimited_table", str(path))


def _format_code(cell: Any) -> str:
    """A cell's number format code; a built-in format whose look depends on the locale
    (short date, 年月日) as a Chinese Excel shows it."""
    style = getattr(cell, "_style", None)
    return LOCALE_BUILTIN.get(getattr(style, "numFmtId", -1)) or cell.number_format or "General"


def _xlsx_value(cell: Any, epoch: dt.datetime) -> str:
    """A cell's text as Excel displays it (cell_format.py)."""
    from openpyxl.utils.datetime import from_excel
    v = cell.value
    if v is None:
        return ""
    code = _format_code(cell)
    if isinstance(v, (int, float)) and not isinstance(v, bool) and is_date_code(code):
        v = from_excel(v, epoch)            # a locale date format openpyxl left as a day number
    shown = display(v, code)
    if shown is not None:
        return shown
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    return general(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _read_xlsx(path: Path, sheet: Sheet, limits: ReadLimits) -> Document:
    import openpyxl
    check_archive(path, limits)
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
        # the sheet is laid out as the rectangle of its cells, empty ones included: one
        # stray cell at XFD1048576 would make it seventeen billion
        check_rows(f"{path} ({ws.title})", ws.max_row, ws.max_row * ws.max_column, limits)
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
                text = _xlsx_value(ws.cell(*key) if key != (cell.row, cell.column) else cell, wb.epoch)
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


def _docx_rows(table: Any) -> list[RawRow]:
    """The rows of a Word table, each cell keyed by the <w:tc> that holds its text: a cell
    spanning columns is repeated, a cell merged down (vMerge) is the one above it. Linear:
    python-docx's `row.cells` climbs up through a vertical merge row by row, quadratic in
    its height (a ten-thousand-row merge took minutes)."""
    from docx.table import _Cell
    above: dict[int, Any] = {}        # grid column → the cell holding it in the row above
    texts: dict[int, str] = {}
    rows: list[RawRow] = []
    for tr in table._tbl.tr_lst:
        row: RawRow = []
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            root = above.get(col, tc) if tc.vMerge == "continue" else tc
            if id(root) not in texts:
                texts[id(root)] = _Cell(root, table).text
            for k in range(span):
                above[col + k] = root
                row.append((root, texts[id(root)]))
            col += span
        rows.append(row)
    return rows


def _read_docx(path: Path, sheet: Sheet, limits: ReadLimits) -> Document:
    import docx
    from docx.table import Table as DocxTable
    check_archive(path, limits)
    d = docx.Document(str(path))
    builder = TextBuilder()
    paragraphs: list[str] = []
    numbering = _WordNumbering(d)
    for part in d.iter_inner_content():
        if not isinstance(part, DocxTable):
            paragraphs.append(numbering.prefix(part) + part.text)
            continue
        builder.paragraphs(paragraphs)
        paragraphs = []
        builder.table(_docx_rows(part))
    builder.paragraphs(paragraphs)
    text, blocks = builder.build()
    return read_blocks(text, blocks, path.stem, "docx_table", str(path))


_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "title", "section",
               "article", "blockquote", "pre", "dd", "dt", "header", "footer", "center", "form",
               "table", "tr", "td", "th"}     # the parts of a layout table
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


def _html_cell_text(el: Any) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in el.iter("p", "div"):
        p.tail = "\n" + (p.tail or "")
    return "\n".join(_SPACES.sub(" ", ln).strip() for ln in el.text_content().split("\n")).strip()


_TABLE_ROWS = "./tr|./thead/tr|./tbody/tr|./tfoot/tr"
_MAX_COLSPAN = 1000   # what browsers honour (HTML: colspan is clamped to 1000)


def _html_table(table: Any, where: str, limits: ReadLimits) -> list[RawRow]:
    """The rows of an HTML table with rowspan/colspan expanded; a spanning cell is one key.
    A rowspan reaches no further than the table's last row, a colspan no wider than 1000."""
    grid: dict[tuple[int, int], tuple[Hashable, str]] = {}
    trs = table.xpath(_TABLE_ROWS)
    check_rows(where, len(trs), 0, limits)
    for r, tr in enumerate(trs):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in grid:
                c += 1
            rs, cs = (max(1, int(v)) if str(v).isdigit() else 1 for v in (td.get("rowspan", 1), td.get("colspan", 1)))
            rs, cs = min(rs, len(trs) - r), min(cs, _MAX_COLSPAN)
            check_rows(where, len(trs), len(grid) + rs * cs, limits)
            entry = ((r, c), _html_cell_text(td))
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = entry
            c += cs
    width = max((c for _, c in grid), default=-1) + 1
    check_rows(where, len(trs), len(trs) * width, limits)
    return [[grid.get((r, c), ((r, c), "")) for c in range(width)] for r in range(len(trs))]


def _is_layout(table: Any) -> bool:
    """A table that holds a table lays out the page (a CMS frame around the report): its
    cells are read as paragraphs, the tables inside as tables."""
    return bool(table.xpath(".//table"))


def _read_html(path: Path, sheet: Sheet, limits: ReadLimits) -> Document:
    from lxml import html
    source = decode(path.read_bytes(), str(path), declared_ok=True)
    check_text(str(path), source, limits)
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

    def walk(el: Any, depth: int) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and not _is_layout(el):
            flush()
            builder.paragraphs(paragraphs)
            paragraphs.clear()
            builder.table(_html_table(el, str(path), limits))
        elif tag not in _SKIP_TAGS and tag:
            if tag == "table":   # a layout table
                depth += 1
                if depth > limits.max_table_depth:
                    raise DocumentError(f"{path}: tables nested more than {limits.max_table_depth} deep "
                                        "(ReadLimits.max_table_depth, see docs/limits.md)")
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            buf.append(el.text or "")
            for child in el:
                walk(child, depth)
            if tag in _BLOCK_TAGS:
                flush()
        buf.append(el.tail or "")

    for title in tree.xpath("//head/title"):
        paragraphs.append(_SPACES.sub(" ", title.text_content()).strip())
    body = tree.find("body")
    walk(body if body is not None else tree, 0)
    flush()
    builder.paragraphs(paragraphs)
    text, blocks = builder.build()
    return read_blocks(text, blocks, path.stem, "html_table", str(path))


_READERS = {".txt": _read_txt, ".text": _read_txt, "": _read_txt, ".csv": _read_csv, ".tsv": _read_csv,
            ".xlsx": _read_xlsx, ".xlsm": _read_xlsx, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}


def read_file(path: str | Path, sheet: Sheet = None, *, limits: ReadLimits = LIMITS) -> Document:
    """Read a report file. `sheet` (an .xlsx sheet's name or 1-based number) limits a workbook
    to one sheet; by default every sheet that holds an item table is read. `limits`: see
    ReadLimits; past one, a DocumentError."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a directory, not a report file")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if not path.is_file():   # reading a FIFO would wait for ever, a device never end
        raise DocumentError(f"{path}: not a regular file (a FIFO, device or socket)")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise DocumentError(f"{path}: unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")
    if sheet is not None and reader is not _read_xlsx:
        raise DocumentError(f"{path}: a sheet can only be chosen in an .xlsx workbook")
    check_file_size(path, limits)
    try:
        return reader(path, sheet, limits)
    except DocumentError:
        raise
    except OSError as exc:
        if exc.filename is not None:   # the file itself: gone, unreadable
            raise
        raise DocumentError(f"{path}: cannot read {suffix} file: {exc}") from None
    except Exception as exc:  # a corrupt xlsx/docx raises library-specific errors
        raise DocumentError(f"{path}: cannot read {suffix} file: {exc}") from None


def read_document(source: str | Path, sheet: Sheet = None, *, limits: ReadLimits = LIMITS) -> Document:
    """A report from a path or from its text: a Path, or a one-line str ending like a report
    file name (.txt, .csv, .xlsx, .docx, .html …: a missing one is a FileNotFoundError), is
    read as a file; any other str is the report's text — a str is never opened because a
    file of that name happens to exist (`/etc/passwd` is a one-line text)."""
    if isinstance(source, Path):
        return read_file(source, sheet, limits=limits)
    if not isinstance(source, str):
        raise TypeError(f"read_document() needs a path or str, not {type(source).__name__}")
    if "\n" not in source and len(source) < 1024:
        p = Path(source.strip())
        if p.suffix.lower() in SUFFIXES or p.is_dir():   # a directory: IsADirectoryError
            return read_file(p, sheet, limits=limits)
    return read_text(source, limits=limits)
