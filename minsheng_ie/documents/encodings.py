"""Bytes of a .txt, .csv or .html report → text, whatever encoding it was saved in.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32: Excel's "Unicode text" is UTF-16
with a BOM); then an encoding the file declares (HTML `charset=`), if it decodes; then
strict UTF-8; then charset-normalizer, limited to the encodings Chinese reports come in,
so a short GBK file is not taken for Latin-1. GB2312 and GBK are read as GB18030 and Big5
as Big5-HKSCS, their supersets. No fit is a DocumentError naming the file."""
from __future__ import annotations

import codecs
import re

from ..core.errors import DocumentError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""")
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}


def _superset(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return _SUPERSET.get(name, name)


def decode(raw: bytes, where: str, declared_ok: bool = False) -> str:
    """The text of `raw`; `where` names the file in errors. `declared_ok`: honour a
    `charset=` declaration (HTML)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{where}: starts with a {encoding} byte-order mark but is not "
                                    f"{encoding} text ({exc.reason} at byte {exc.start})") from None
    if declared_ok:
        m = _DECLARED.search(raw[:4096])
        if m:
            try:
                return raw.decode(_superset(m.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass            # a wrong declaration: detect instead
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(raw, cp_isolation=_CANDIDATES).best()
    if best is not None:
        try:
            return raw.decode(_superset(best.encoding))
        except (LookupError, UnicodeDecodeError):
            pass
    raise DocumentError(f"{where}: not text in a known encoding (tried UTF-8, UTF-16, GB18030, Big5); "
                        "save it as UTF-8")
