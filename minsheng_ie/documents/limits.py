"""The limits that keep reading a report file bounded in time and memory, whoever wrote
the file (docs/limits.md says why each is what it is).

An office file (.docx, .xlsx) is a zip archive, checked before a library opens it: its
member count from the archive's end record, every member's declared size from the central
directory, then every XML member streamed through expat to count the rows and cells it
lays out (merged ranges and column spans counted in full: openpyxl makes an object for
each merged cell, python-docx repeats a spanning cell) — a DTD is refused, as office files
have none and entities could hide what is counted. A member that holds more than it
declares cannot get through: `zipfile`, which the libraries read with, stops at the
declared size and fails the CRC check.
"""
from __future__ import annotations

import re
import struct
import zipfile
from xml.parsers import expat
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DocumentError


@dataclass(frozen=True)
class ReadLimits:
    """Per-file limits; pass `ReadLimits(max_rows=…)` to the readers to change one."""
    max_file_bytes: int = 32 * 2 ** 20       # the file as stored
    max_text_chars: int = 10_000_000         # a report's text (read_text: ~30 bytes a character)
    max_members: int = 1_000                 # members of a .docx/.xlsx (a report has < 100)
    max_unzipped_bytes: int = 256 * 2 ** 20  # all members together, as declared
    max_xml_bytes: int = 32 * 2 ** 20        # one XML member (parsed whole: ~15× in memory)
    max_rows: int = 50_000                   # rows of one sheet or table
    max_cells: int = 500_000                 # cells of one sheet or table
    max_table_depth: int = 8                 # HTML tables inside tables


LIMITS = ReadLimits()


def _too_big(path: Path | str, found: str, limit: int, field: str) -> DocumentError:
    return DocumentError(f"{path}: {found}, past the limit of {limit:,} (ReadLimits.{field}, see docs/limits.md)")


def check_file_size(path: Path, limits: ReadLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise _too_big(path, f"{size:,} bytes", limits.max_file_bytes, "max_file_bytes")


def check_text(where: str, text: str, limits: ReadLimits) -> None:
    if len(text) > limits.max_text_chars:
        raise _too_big(where, f"a text of {len(text):,} characters", limits.max_text_chars, "max_text_chars")


def _declared_members(path: Path) -> int:
    """The member count the archive's end record declares (zip64 too), read before the
    central directory is: a million members would take gigabytes to list."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        tail_len = min(size, 22 + 0xFFFF + 20)   # end record, its comment, the zip64 locator
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0:
            raise DocumentError(f"{path}: cannot read {path.suffix} file: not a zip archive")
        members = struct.unpack_from("<H", tail, at + 10)[0]
        if members == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
            fh.seek(struct.unpack_from("<Q", tail, at - 12)[0])
            record = fh.read(56)
            if record[:4] == b"PK\x06\x06":
                members = struct.unpack_from("<Q", record, 32)[0]
        return members


def check_archive(path: Path, limits: ReadLimits) -> None:
    """Refuse a .docx/.xlsx whose member count or declared sizes pass the limits."""
    check_file_size(path, limits)
    members = _declared_members(path)
    if members > limits.max_members:
        raise _too_big(path, f"{members:,} members declared", limits.max_members, "max_members")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{path}: cannot read {path.suffix} file: {exc}") from None
    if len(infos) > limits.max_members:
        raise _too_big(path, f"{len(infos):,} members", limits.max_members, "max_members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_bytes:
            raise _too_big(path, f"{info.filename} declares {info.file_size:,} bytes unpacked",
                           limits.max_xml_bytes, "max_xml_bytes")
    if total > limits.max_unzipped_bytes:
        raise _too_big(path, f"{total:,} bytes unpacked", limits.max_unzipped_bytes, "max_unzipped_bytes")
    with zipfile.ZipFile(path) as zf:
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_xml(path, zf, info.filename, limits)


_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _area(ref: str) -> int:
    """The cells of a merged range A1:C3 (9); an unreadable one counts as the whole sheet."""
    m = _REF.match(ref.strip())
    if m is None:
        return 1 << 34
    c1, r1 = _column(m[1]), int(m[2])
    c2, r2 = (_column(m[3]), int(m[4])) if m[3] else (c1, r1)
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _check_xml(path: Path, zf: zipfile.ZipFile, name: str, limits: ReadLimits) -> None:
    """Count the rows and cells an XML member lays out (sheet rows and cells, merged
    ranges; Word table rows and cells, column spans), refusing it past the limits."""
    rows = cells = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal rows, cells
        local = tag.rpartition(" ")[2]
        if local in ("row", "tr"):
            rows += 1
        elif local in ("c", "tc"):
            cells += 1
        elif local == "mergeCell":
            cells += _area(next((v for k, v in attrs.items() if k.rpartition(" ")[2] == "ref"), ""))
        elif local == "gridSpan":
            val = next((v for k, v in attrs.items() if k.rpartition(" ")[2] == "val"), "1")
            cells += int(val) - 1 if val.isdigit() else 0
        else:
            return
        if rows > limits.max_rows or cells > limits.max_cells:
            check_rows(f"{path} ({name})", rows, cells, limits)

    def no_dtd(*_: object) -> None:
        raise DocumentError(f"{path}: {name} declares a DTD; office files have none (entities refused)")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    try:
        with zf.open(name) as fh:
            parser.ParseFile(fh)
    except expat.ExpatError as exc:
        raise DocumentError(f"{path}: {name} is not well-formed XML ({exc})") from None
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{path}: {name}: {exc}") from None


def check_rows(path: Path | str, rows: int, cells: int, limits: ReadLimits) -> None:
    """Called as rows are read: refuse a sheet or table past the row or cell limit."""
    for count, limit, what in ((rows, limits.max_rows, "rows"), (cells, limits.max_cells, "cells")):
        if count > limit:
            raise DocumentError(f"{path}: more than {limit:,} {what} in one sheet or table "
                                f"(ReadLimits.max_{what}, see docs/limits.md)")
