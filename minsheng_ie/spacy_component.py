"""A spaCy pipeline component: `nlp.add_pipe("minsheng_ie")` on a blank `zh` pipeline.

    nlp = spacy.blank("zh")
    nlp.add_pipe("minsheng_ie", config={"ref_date": "2024-06-30"})   # config: the default
    doc = nlp("截至6月底，已完成87间，牵头单位：市教育局")
    [(s.text, s.label_, s.kb_id_, s._.value, s._.unit) for s in doc.ents]

Entities go to `doc.ents` and to `doc.spans["minsheng_ie"]`; `kb_id_` and `id_` are the
id of the rule that found each, and every other field of the Entity (value, unit,
value_max, comparator, points, role, canonical, and subject — a dict {start, end, text} — and kind
where figures have them) is a
`span._.` attribute holding plain values (a DATE's range is an ISO 8601 interval, "2020-02-01/2020-02-29"), so
`DocBin(store_user_data=True)` gives them back as they were.
`displacy.render(doc, style="ent")` colours the five labels as the HTML view does
(entry point `spacy_displacy_colors`). A document's `ref_date` and `field` are `doc._.ref_date` / `doc._.field` if set
before the component runs, else `ref_date`/`field` keys of the context given with
`nlp.pipe(..., as_tuples=True)`, else the config; the component writes back what it used.

A span is expanded to token boundaries when the tokenizer cut through an entity (not
with the blank pipeline's character tokens); the entity's own offsets stay exact. Two
expanded spans that would overlap both stay in `doc.spans`, and only the first goes to
`doc.ents`, which cannot overlap. Entities an earlier component put in `doc.ents` stay
where they do not overlap these.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from .core.entities import Entity
from .core.entities import Span as CoreSpan
from .extractor import Extractor, default_extractor

SPANS_KEY = "minsheng_ie"
# every field of an Entity but those a Span has itself (offsets, text, label; the rule is kb_id_)
SPAN_ATTRS = tuple(f.name for f in dataclasses.fields(Entity)
                   if f.name not in ("label", "start", "end", "text", "rule"))

for _name in SPAN_ATTRS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name in ("ref_date", "field"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _plain(value):
    """A DATE's [start, end] as the ISO 8601 interval "start/end": a sequence would come
    back as a tuple from DocBin and as a list from `nlp.pipe(n_process=2)`; a figure's
    subject as its dict {start, end, text} (msgpack takes no dataclass)."""
    if isinstance(value, CoreSpan):
        return value.to_dict()
    return "/".join(value) if isinstance(value, list) else value


class MinshengComponent:
    def __init__(self, extractor: Extractor, ref_date: str | None, field: str | None, spans_key: str):
        self.extractor = extractor
        self.ref_date = ref_date
        self.field = field
        self.spans_key = spans_key

    def _setting(self, doc: Doc, name: str):
        """The document's own value, else its pipe context's, else the config's."""
        value = getattr(doc._, name)
        context = getattr(doc, "_context", None)
        if value is None and isinstance(context, dict):
            value = context.get(name)
        return getattr(self, name) if value is None else value

    def __call__(self, doc: Doc) -> Doc:
        result = self.extractor.extract(doc.text, ref_date=self._setting(doc, "ref_date"),
                                        field=self._setting(doc, "field"))
        doc._.ref_date = result.ref_date.isoformat() if isinstance(result.ref_date, dt.date) else None
        doc._.field = result.field
        spans: list[Span] = []
        ents: list[Span] = []
        for e in result.entities:
            span = doc.char_span(e.start, e.end, label=e.label, kb_id=e.rule, span_id=e.rule,
                                 alignment_mode="expand")
            if span is None:   # only whitespace-only entities could fail to align; none exist
                continue
            for name in SPAN_ATTRS:
                span._.set(name, _plain(getattr(e, name)))
            spans.append(span)
            if not ents or span.start >= ents[-1].end:
                ents.append(span)
        doc.spans[self.spans_key] = spans
        # entities an earlier component set stay where they do not overlap ours
        ours = {i for s in ents for i in range(s.start, s.end)}
        kept = [s for s in doc.ents if ours.isdisjoint(range(s.start, s.end))]
        doc.ents = sorted(kept + ents, key=lambda s: s.start)
        return doc


@Language.factory("minsheng_ie", default_config={"rules": [], "ref_date": None, "field": None,
                                                 "spans_key": SPANS_KEY})
def make_component(nlp: Language, name: str, rules: list[str], ref_date: str | None,
                   field: str | None, spans_key: str) -> MinshengComponent:
    extractor = Extractor(rules=rules) if rules else default_extractor()
    return MinshengComponent(extractor, ref_date, field, spans_key)
