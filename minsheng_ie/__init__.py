"""minsheng_ie: facts out of Chinese 民生实事 progress reports.

    import minsheng_ie
    r = minsheng_ie.extract("截至2020年2月底，累计发放5842万元", ref_date="2020-03-31")
    [e.to_dict() for e in r.entities]

    facts = minsheng_ie.item_facts([("target", "新建公办幼儿园15所"), ("progress", "已建成公办幼儿园12所")],
                                   ref_date="2024-09-30")
    facts.status, [i.to_dict() for i in facts.indicators]

The package is in layers, each importing only from those below it: `core` (vocabulary,
result types, errors), `engine` (the compiled extraction pipeline), `loading` (rule and
lexicon files), `documents` and `evaluation`, `facts` (item facts), and this public
surface on top.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Hashable, Mapping, Sequence

from .core.entities import Entity, Extraction
from .core.errors import BatchError, DocumentError, GoldError, LimitError, RuleError, TextFailure
from .documents import Document, DocumentExtraction, read_document, read_file, read_text
from .documents import extract_document as _extract_document
from .documents import model as _document_model
from .about import VERSION, build_info
from .batch import DEFAULT_TIMEOUT
from .extractor import Extractor, default_extractor, extract
from .facts import Assessment, DocumentFacts, Indicator
from .facts import document_facts as _document_facts
from .facts import group_statements as _group_statements
from .facts import item_facts as _item_facts


def extract_many(texts, *, ref_date=None, field=None, n_process: int = 1, progress: bool = False,
                 timeout: float | None = DEFAULT_TIMEOUT):
    """extract() over many texts with the default extractor: same results, same order.

    `ref_date` and `field` are one value for all texts or a list with one per text;
    `n_process` spreads the texts over processes (-1: one per core); `progress` shows a bar;
    `timeout` is how long a worker may take over one chunk. Texts that fail (a worker died
    or hung twice on them, or extract() raised) raise BatchError at the end, carrying every
    other result.
    """
    return default_extractor().extract_many(texts, ref_date=ref_date, field=field,
                                            n_process=n_process, progress=progress, timeout=timeout)


def extract_document(doc: Document | str | Path, extractor: Extractor | None = None) -> DocumentExtraction:
    """Extract every field of every item of a report.

    `doc` is a `Document` (from `read_document`, `read_file` or `read_text`), or a path or
    text to read first; every unit is extracted with its field name and the document's
    ref_date, by `extractor` (default: the shared one with the bundled rules).
    """
    if not isinstance(doc, Document):
        doc = read_document(doc)
    return _extract_document(doc, extractor or default_extractor())


def item_facts(units: list[tuple[str, str]] | Mapping[str, str], ref_date: Any = None, *, as_of: Any = None,
               said: Sequence[str] = (), extractor: Extractor | None = None) -> Assessment:
    """The facts of one item (ITEMS.md): its indicators (target figure, the progress figure
    that answers it, completion, stated completion, met, status), its deadline, the share
    of its period passed, and its status (done, on_track, behind or unknown).

    `units` are the item's text units as `(field, text)` pairs (target, progress, status,
    rate, name, responsible …; `unit` for a column giving the unit of bare numbers), or a
    dict `{field: text}`; `ref_date` is the report's date; `as_of` the date the report's
    figures are as of when known (a date the item states comes first, `ref_date` last);
    `said` what the report says of a group of items the item is in (上述6项实事均超额完成年度
    目标任务): `group_statements` finds them in a report's units.
    """
    return _item_facts(units, extractor or default_extractor(), ref_date=ref_date, as_of=as_of, said=said)


def group_statements(units: Sequence[tuple[Hashable | None, str]],
                     extractor: Extractor | None = None) -> dict[Hashable, list[str]]:
    """What a report says of several items at once, for `item_facts(..., said=…)`: `units`
    are its text units in reading order as (the key of their item, or None outside the items;
    text); returns each item key's statements (上述6项实事均超额完成年度目标任务 speaks for the
    six items before it, 这些项目均… for those since the last text outside the items)."""
    return _group_statements(units, (extractor or default_extractor()).lexicons)


def document_facts(doc: Document | DocumentExtraction | str | Path, extractor: Extractor | None = None) -> DocumentFacts:
    """The item facts of every item of a report (`doc`: a Document, its extraction, a path
    or a text); `.rows()` gives one row per indicator, `.dataframe()` a pandas DataFrame."""
    ext = extractor or default_extractor()
    result = doc if isinstance(doc, DocumentExtraction) else extract_document(doc, ext)
    return _document_facts(result, ext.lexicons)


# Document.indicators_dataframe() needs the facts layer, which sits above documents
_document_model.indicators_of = lambda doc, extractor: document_facts(doc, extractor).dataframe()

__all__ = ["extract", "extract_many", "read_document", "read_file", "read_text", "extract_document",
           "item_facts", "group_statements", "document_facts", "Extractor", "Entity", "Extraction", "Document",
           "Assessment",
           "Indicator", "DocumentFacts", "RuleError", "GoldError", "DocumentError",
           "LimitError", "BatchError", "TextFailure",
           "default_extractor", "build_info"]
__version__ = VERSION
