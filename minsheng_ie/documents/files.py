"""Report files: .txt as they are; .csv, .xlsx, .docx and .html tables rebuilt as text.

A table file is turned into the tab-table layout (every cell on a line starting with a
tab, rows separated by blank lines), with the lines before the table as front matter,
and then read like any other report. Offsets of units are into that text
(`Document.text`), so they stay exact.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..core.errors import DocumentError
from .model import Document
from .reader import read_text

Row = list[str]


def _clean(cell: object) -> str:
    if cell is None:
        return ""
    s = str(cell).replace("\r\n", "\n").replace("\r", "\n")
    # continuation lines must not start with a tab (that would open a new cell)
    return "\n".join(line.lstrip("\t").rstrip() for line in s.split("\n")).strip()


def rows_to_text(front: list[str], rows: list[Row]) -> str:
    """Front lines, then one block per row: each cell on its own line after a tab."""
    parts = [line for line in (_clean(f) for f in front) if line]
    blocks = []
    for row in rows:
        cells = [_clean(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        blocks.append("\n".join("\t" + (c or "-") for c in cells))
    return "\n".join(parts) + ("\n\n" if parts else "") + "\n\n".join(blocks) + "\n"


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, the two encodings reports come in."""
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    encodings = ([m.group(1).decode("ascii")] if m else []) + ["utf-8-sig", "gb18030"]
    for enc in encodings:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentError(f"{path}: not UTF-8 or GB18030 text")


def _read_csv(path: Path) -> tuple[list[str], list[Row]]:
    text = _decode(path, path.read_bytes())
    head = text[:4096]
    delimiter = max(",\t;", key=head.count)  # the Sniffer gives up on one-column title rows
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return _split_front(rows)


def _split_front(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """Leading rows with a single filled cell are the title and notes above the table."""
    front: list[str] = []
    i = 0
    while i < len(rows) and sum(bool(str(c).strip()) for c in rows[i]) <= 1:
        front.extend(str(c) for c in rows[i] if str(c).strip())
        i += 1
    return front, rows[i:]


def _read_xlsx(path: Path) -> tuple[list[str], list[Row]]:
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return _split_front(rows)


def _read_docx(path: Path) -> tuple[list[str], list[Row]]:
    import docx
    d = docx.Document(str(path))
    front = [p.text for p in d.paragraphs if p.text.strip()]
    rows: list[Row] = []
    for table in d.tables:
        for r in table.rows:
            cells: Row = []
            for c in r.cells:  # merged cells repeat: keep one copy
                if not cells or c.text != cells[-1]:
                    cells.append(c.text)
            rows.append(cells)
    return front, rows


def _read_html(path: Path) -> tuple[list[str], list[Row]]:
    from lxml import html
    tree = html.document_fromstring(_decode(path, path.read_bytes()))
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    front = [re.sub(r"\s+", " ", t.text_content()).strip()
             for t in tree.xpath("//title|//h1|//h2|//h3|//p[not(ancestor::table)]")]
    rows = []
    for tr in tree.xpath("//table//tr"):
        rows.append([c.text_content().strip() for c in tr.xpath("./th|./td")])
    return [f for f in front if f], rows


_READERS = {".csv": _read_csv, ".tsv": _read_csv, ".xlsx": _read_xlsx, ".docx": _read_docx,
            ".html": _read_html, ".htm": _read_html}


def read_file(path: Path) -> Document:
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in ("", ".txt", ".text"):
            return read_text(path.read_text(encoding="utf-8"), path.stem)
        reader = _READERS.get(suffix)
        if reader is None:
            raise DocumentError(f"{path}: unsupported file type {suffix!r} "
                                f"(use .txt, {', '.join(sorted(_READERS))})")
        front, rows = reader(path)
    except DocumentError:
        raise
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: not UTF-8 text") from None
    except Exception as exc:  # a corrupt xlsx/docx raises library-specific errors
        raise DocumentError(f"{path}: cannot read {suffix} file: {exc}") from None
    if not rows:
        raise DocumentError(f"{path}: no table found")
    return read_text(rows_to_text(front, rows), path.stem)


def read_document(source: str | Path) -> Document:
    """A report from a path (.txt, .csv, .xlsx, .docx, .html) or from its text."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                     and len(source) < 4096 and Path(source).exists()):
        return read_file(Path(source))
    if not isinstance(source, str):
        raise TypeError(f"read_document() needs a path or str, not {type(source).__name__}")
    return read_text(source)
