"""A spaCy pipeline component: `nlp.add_pipe("minsheng_ie")`.

Entities go into `doc.spans["minsheng_ie"]` with their labels; each span carries the
extracted Entity in `span._.minsheng_ie` (value, unit, comparator, role, rule …). Spans
are expanded to token boundaries when the tokenizer cut through an entity; the
entity's own offsets stay exact.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extractor import Extractor, default_extractor

SPANS_KEY = "minsheng_ie"

if not Span.has_extension("minsheng_ie"):
    Span.set_extension("minsheng_ie", default=None)


class MinshengComponent:
    def __init__(self, extractor: Extractor, ref_date: str | None, field: str | None, spans_key: str):
        self.extractor = extractor
        self.ref_date = ref_date
        self.field = field
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        result = self.extractor.extract(doc.text, ref_date=self.ref_date, field=self.field)
        spans = []
        for e in result.entities:
            span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
            if span is not None:
                span._.minsheng_ie = e
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("minsheng_ie", default_config={"rules": [], "ref_date": None, "field": None,
                                                 "spans_key": SPANS_KEY})
def make_component(nlp: Language, name: str, rules: list[str], ref_date: str | None,
                   field: str | None, spans_key: str) -> MinshengComponent:
    extractor = Extractor(rules=rules) if rules else default_extractor()
    return MinshengComponent(extractor, ref_date, field, spans_key)
