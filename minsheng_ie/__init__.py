"""minsheng_ie: facts out of Chinese 民生实事 progress reports.

    import minsheng_ie
    r = minsheng_ie.extract("截至2020年2月底，累计发放5842万元", ref_date="2020-03-31")
    [e.to_dict() for e in r.entities]

The package is in layers, each importing only from those below it: `core` (vocabulary,
result types, errors), `engine` (the compiled extraction pipeline), `loading` (rule and
lexicon files), `documents` and `evaluation`, and this public surface on top.
"""
from __future__ import annotations

from pathlib import Path

from .core.entities import Entity, Extraction
from .core.errors import DocumentError, GoldError, RuleError
from .documents import Document, DocumentExtraction, read_document, read_file, read_text
from .documents import extract_document as _extract_document
from .extractor import Extractor, default_extractor, extract


def extract_many(texts, *, ref_date=None, field=None, n_process: int = 1, progress: bool = False):
    """extract() over many texts with the default extractor: same results, same order.

    `ref_date` and `field` are one value for all texts or a list with one per text;
    `n_process` spreads the texts over processes (-1: one per core); `progress` shows a bar.
    """
    return default_extractor().extract_many(texts, ref_date=ref_date, field=field,
                                            n_process=n_process, progress=progress)


def extract_document(doc: Document | str | Path, extractor: Extractor | None = None) -> DocumentExtraction:
    """Extract every field of every item of a report.

    `doc` is a `Document` (from `read_document`, `read_file` or `read_text`), or a path or
    text to read first; every unit is extracted with its field name and the document's
    ref_date, by `extractor` (default: the shared one with the bundled rules).
    """
    if not isinstance(doc, Document):
        doc = read_document(doc)
    return _extract_document(doc, extractor or default_extractor())


__all__ = ["extract", "extract_many", "read_document", "read_file", "read_text", "extract_document",
           "Extractor", "Entity", "Extraction", "Document", "RuleError", "GoldError", "DocumentError",
           "default_extractor"]
__version__ = "0.1.0"
