"""Hostile files built on the fly (never stored in the repository).

Zip bombs are written without compressing their payload: a block is deflated once, ending
on a full flush (which resets the compressor's history), so the same compressed bytes stand
for every repetition of it. A gigabyte of XML costs a few MB and a fraction of a second;
the CRC-32 is computed by combining, not by reading the gigabyte, so the archive is valid.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path


# ---------------------------------------------------------------- CRC-32 of repeats

def _gf2_times(mat: list[int], vec: int) -> int:
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def _gf2_square(mat: list[int]) -> list[int]:
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A + B from crc(A), crc(B) and len(B): zlib's crc32_combine."""
    op = [0xEDB88320] + [1 << n for n in range(31)]   # the operator for one zero bit
    for _ in range(3):                                 # 2, 4, 8 bits: one zero byte
        op = _gf2_square(op)
    while len2 > 0:
        if len2 & 1:
            crc1 = _gf2_times(op, crc1)
        op = _gf2_square(op)
        len2 >>= 1
    return crc1 ^ crc2


def _crc_repeated(block: bytes, count: int) -> int:
    """CRC-32 of block * count, by doubling."""
    crc, acc, acc_len = 0, zlib.crc32(block), len(block)
    have = False
    while count:
        if count & 1:
            crc = crc32_combine(crc, acc, acc_len) if have else acc
            have = True
        acc = crc32_combine(acc, acc, acc_len)
        acc_len *= 2
        count >>= 1
    return crc


# ---------------------------------------------------------------- zip writing

class Member:
    """prefix + block * count + suffix, deflated."""

    def __init__(self, name: str, prefix: bytes, block: bytes = b"", count: int = 0, suffix: bytes = b"",
                 declared_size: int | None = None):
        self.name, self.prefix, self.block, self.count, self.suffix = name, prefix, block, count, suffix
        self.size = len(prefix) + len(block) * count + len(suffix)
        self.declared_size = self.size if declared_size is None else declared_size

    def deflated(self) -> bytes:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        out = [comp.compress(self.prefix), comp.flush(zlib.Z_FULL_FLUSH)]
        if self.count:
            once = comp.compress(self.block) + comp.flush(zlib.Z_FULL_FLUSH)
            again = comp.compress(self.block) + comp.flush(zlib.Z_FULL_FLUSH)
            assert once == again, "a full flush should make the block's bytes independent of history"
            out.append(once * self.count)
        out += [comp.compress(self.suffix), comp.flush()]
        return b"".join(out)

    def crc(self) -> int:
        crc = zlib.crc32(self.prefix)
        if self.count:
            crc = crc32_combine(crc, _crc_repeated(self.block, self.count), len(self.block) * self.count)
        return crc32_combine(crc, zlib.crc32(self.suffix), len(self.suffix))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip with these members (sizes below 4 GB), each declaring `declared_size`."""
    central, offset = [], 0
    with open(path, "wb") as fh:
        for m in members:
            data, crc, name = m.deflated(), m.crc(), m.name.encode()
            head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data),
                               m.declared_size, len(name), 0)
            fh.write(head + name + data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                       len(data), m.declared_size, len(name), 0, 0, 0, 0, 0, offset) + name)
            offset += len(head) + len(name) + len(data)
        cd = b"".join(central)
        fh.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd),
                                  offset, 0))
    return path


def _members_of(buf: io.BytesIO, replace: dict[str, Member]) -> list[Member]:
    with zipfile.ZipFile(buf) as zf:
        return [replace.get(i.filename) or Member(i.filename, zf.read(i)) for i in zf.infolist()]


# ---------------------------------------------------------------- office files

def docx_with_body(path: Path, block: bytes, count: int, declared_size: int | None = None,
                   doctype: bytes = b"") -> Path:
    """A .docx whose word/document.xml body is `block` repeated `count` times (after
    `doctype`, a <!DOCTYPE …> with entities, if given)."""
    import docx
    buf = io.BytesIO()
    docx.Document().save(buf)
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype + b'<w:document '
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    body = Member("word/document.xml", head, block, count, b"</w:body></w:document>", declared_size)
    return write_zip(path, _members_of(buf, {"word/document.xml": body}))


def xlsx_with_rows(path: Path, block: bytes, count: int, dimension: str | None = None,
                   head_rows: bytes = b"", declared_size: int | None = None, doctype: bytes = b"") -> Path:
    """An .xlsx whose first sheet holds `head_rows`, then `block` (rows without an `r`
    attribute) repeated `count` times, with a <dimension> only if given."""
    import openpyxl
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(buf)
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype + b'<worksheet '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + dim + b"<sheetData>"
            + head_rows)
    sheet = Member("xl/worksheets/sheet1.xml", head, block, count, b"</sheetData></worksheet>", declared_size)
    return write_zip(path, _members_of(buf, {"xl/worksheets/sheet1.xml": sheet}))


def xlsx_row(*cells: str) -> bytes:
    """One <row> of inline strings."""
    return b"<row>" + b"".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>'.encode() for c in cells) + b"</row>"


def docx_paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def entity_bomb(root: str, levels: int = 10) -> bytes:
    """The XML billion laughs: a DOCTYPE whose entity &lol{levels-1}; expands to 10^levels lols."""
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">' for k in range(1, levels)]
    return f"<!DOCTYPE {root} [{''.join(ents)}]>".encode()


def external_entity(root: str, target: Path) -> bytes:
    """A DOCTYPE declaring &xxe; as the content of `target` (XXE)."""
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'.encode()


def docx_table(*rows: tuple[str, ...]) -> bytes:
    """A <w:tbl> of these rows (cell texts are XML: entity references pass through)."""
    def cell(t: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"
    return ("<w:tbl>" + "".join("<w:tr>" + "".join(map(cell, r)) + "</w:tr>" for r in rows) + "</w:tbl>").encode()


HEADER = ("序号", "项目名称", "目标任务", "进展情况")


def alias_bomb(levels: int = 9) -> str:
    """The YAML billion laughs: each level a list of ten aliases of the one before."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nrules: *a{levels - 1}\n"
