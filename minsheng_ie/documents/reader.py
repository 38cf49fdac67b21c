"""Report text in, a Document out.

The text is cut into blocks of lines and tables (text_tables.py; files with real tables
are laid out as blocks by files.py). Tables with a header row give the items (tables.py);
a report without one is read from its numbering (numbered.py), or, when it is a table
scraped one cell per line, by line_table.py. Everything that is not an item — title,
preamble, section headings, totals, signature — is kept as `front` units of field `text`.

`Document.layout` says what was read: `tab_table`, `pipe_table`, `delimited_table`, `aligned_table`,
`sheet_table`/`docx_table`/`html_table` (tables of files), `line_table`, `numbered`; a
report with no items says `none` and carries a warning."""
from __future__ import annotations

from ..engine.normalize import normalize
from .blocks import Block, Lines, Table
from .limits import LIMITS, ReadLimits, check_text
from .line_table import is_line_table, read_line_table
from .model import Document, make_unit
from .numbered import read_numbered
from .refdate import infer_ref_date, title_from
from .tables import TableItems, header_index, number_in_sections, read_table
from .text_tables import is_delimited, is_tab_cells, line_spans, text_blocks

# the bundled lexicons the documents package reads by name (header names and what they
# mean, totals, what an agency list and its role words look like)
LEXICONS_READ = frozenset({"field_header", "field_header_beside", "total_row", "body_cue", "agency",
                           "agency_suffix", "collective", "collective_head", "role_cue_after",
                           "unit", "multiplier", "date_unit"})


def read_text(text: str, name: str = "document", *, limits: ReadLimits = LIMITS) -> Document:
    """Parse report text (any layout the reader knows) into a Document; a text longer than
    `limits.max_text_chars` is a DocumentError."""
    if not isinstance(text, str):
        raise TypeError(f"read_text() needs str, not {type(text).__name__}")
    check_text(name, text, limits)
    spans = line_spans(text)
    kind = ("tab_table" if is_tab_cells(text, spans) else
            "delimited_table" if is_delimited(text, spans) else
            "pipe_table" if any(text.count("|", s, e) >= 2 for s, e in spans) else "aligned_table")
    return read_blocks(text, text_blocks(text), name, table_layout=kind)


def read_blocks(text: str, blocks: list[Block], name: str = "document", table_layout: str = "table",
                source: str | None = None) -> Document:
    """A Document from the blocks of its text."""
    norm = normalize(text)
    tables = TableItems()
    lines: list[tuple[int, int]] = []
    above = ""                                          # the line before a table
    for block in _join_continued(text, blocks):
        read = read_table(text, block, above) if isinstance(block, Table) else None
        if read is not None and read.items:
            tables.extend(read)
        elif isinstance(block, Table):                  # no header: its rows are lines of text
            lines.extend(block.lines or _cell_lines(text, block))
        else:
            lines.extend(block.spans)
        above = text[slice(*block.spans[-1])].strip() if isinstance(block, Lines) and block.spans else ""
    number_in_sections(tables)
    items, front = tables.items, tables.front
    if items:
        layout = table_layout
        front.extend(u for s, e in lines if (u := make_unit(text, "text", s, e)))
    elif is_line_table(text, lines):
        layout = "line_table"
        items, front = read_line_table(text)
    else:
        found = read_numbered(text, norm, lines)
        items, front = found.items, found.front
        layout = "numbered" if items else "none"
    front.sort(key=lambda u: u.start)
    title = title_from(front)
    doc = Document(text, layout, title, infer_ref_date(norm, title), items, front, name, source=source)
    if not items:
        doc.warnings.append("no items found: no table with a header row (序号, 项目名称, 进展情况 …) "
                            "and no numbered items (一、 1. （1） ① 第一项 …)")
    if doc.ref_date is None:
        doc.warnings.append("no report date found (a publication or signature date, or a period in "
                            "the title): dates without a year stay unresolved; give --ref-date")
    return doc


def _join_continued(text: str, blocks: list[Block]) -> list[Block]:
    """A table with no header right after a table with one, as wide and on the same sheet,
    continues it (a long table split at a page break): its rows join the table above."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Table) and isinstance(prev, Table) and block.rows and prev.rows
                and prev.name == block.name and len(block.rows[0]) == len(prev.rows[0])
                and header_index(text, block.rows) is None and header_index(text, prev.rows) is not None):
            out[-1] = Table(prev.rows + block.rows, prev.name, prev.lines + block.lines)
        else:
            out.append(block)
    return out


def _cell_lines(text: str, table: Table) -> list[tuple[int, int]]:
    """The lines of every cell of a table, a merged cell once."""
    seen: set[int] = set()
    out: list[tuple[int, int]] = []
    for row in table.rows:
        for c in row:
            if c.end > c.start and id(c) not in seen:
                seen.add(id(c))
                out.extend(line_spans(text, c.start, c.end))
    return out
