"""minsheng_ie: facts out of Chinese 民生实事 progress reports.

    import minsheng_ie
    r = minsheng_ie.extract("截至2020年2月底，累计发放5842万元", ref_date="2020-03-31")
    [e.to_dict() for e in r.entities]
"""
from .entities import Entity, Extraction
from .errors import DocumentError, GoldError, RuleError
from .extractor import Extractor, default_extractor, extract


def extract_many(texts, *, ref_date=None, field=None, n_process: int = 1, progress: bool = False):
    """extract() over many texts (optionally in `n_process` processes); same results, same order."""
    return default_extractor().extract_many(texts, ref_date=ref_date, field=field,
                                            n_process=n_process, progress=progress)


def read_document(source):
    """A whole report (path to .txt/.csv/.xlsx/.docx/.html, or its text) → Document of items."""
    from .documents import read_document as _read
    return _read(source)


def extract_document(doc, extractor=None):
    """Extract every field of every item of a Document (path or text also accepted)."""
    from .document_extraction import extract_document as _extract
    from .documents import Document
    if not isinstance(doc, Document):
        doc = read_document(doc)
    return _extract(doc, extractor)


__all__ = ["extract", "extract_many", "read_document", "extract_document", "Extractor", "Entity",
           "Extraction", "RuleError", "GoldError", "DocumentError", "default_extractor"]
__version__ = "0.1.0"
