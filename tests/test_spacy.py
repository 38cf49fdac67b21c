"""The spaCy component as a spaCy user expects it: doc.ents and doc.spans, rule ids in
kb_id_/id_, the Entity's fields as span._ attributes that DocBin keeps, a ref_date and
field per document (doc._ or the pipe's context) over a config default, displaCy colours
for the five labels, and nlp.pipe over two processes."""
import dataclasses

import pytest

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

import minsheng_ie  # noqa: E402
from minsheng_ie.core.entities import Span as CoreSpan  # noqa: E402
from minsheng_ie.documents.view import LABEL_COLORS  # noqa: E402
from minsheng_ie.spacy_component import SPAN_ATTRS  # noqa: E402

from .conftest import GOLD  # noqa: E402

TEXT = "截至2月底，累计发放5842万元，完成年度任务的22.85%，计划8月份前完成，牵头单位：市金融局"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("minsheng_ie", config={"ref_date": "2020-03-31"})
    return nlp


def _as_extracted(doc, spans):
    """(label, start, end, text, rule, attributes…) of spans, to compare with extract()."""
    return [(s.label_, s.start_char, s.end_char, s.text, s.kb_id_, *(s._.get(a) for a in SPAN_ATTRS))
            for s in spans]


def _expected(text, **kw):
    return [(e.label, e.start, e.end, e.text, e.rule,
             *("/".join(v) if isinstance(v, list) else v.to_dict() if isinstance(v, CoreSpan) else v
               for v in (getattr(e, a) for a in SPAN_ATTRS)))
            for e in minsheng_ie.extract(text, **kw).entities]


def test_ents_and_spans_carry_every_field(nlp):
    doc = nlp(TEXT)
    want = _expected(TEXT, ref_date="2020-03-31")
    assert [e[0] for e in want] == ["DATE", "QUANTITY", "PERCENT", "DEADLINE", "ORG"]
    assert _as_extracted(doc, doc.ents) == want
    assert _as_extracted(doc, doc.spans["minsheng_ie"]) == want
    assert all(s.id_ == s.kb_id_ for s in doc.ents)
    q = doc.ents[1]
    assert (q._.value, q._.unit, q.kb_id_) == (58420000, "元", "quantity.number_unit")
    assert doc.ents[4]._.role == "lead"
    assert doc.ents[0]._.value == "2020-02-29/2020-02-29"      # a DATE's range, ISO 8601
    # every field of an Entity but offsets, text, label and rule is an attribute
    fields = {f.name for f in dataclasses.fields(minsheng_ie.Entity)}
    assert set(SPAN_ATTRS) == fields - {"label", "start", "end", "text", "rule"}


def test_every_seed_unit_matches_extract(nlp):
    units = [u for u in (GOLD / "001_5b83448298b42065.txt").read_text(encoding="utf-8").splitlines() if u.strip()]
    for doc, text in zip(nlp.pipe(units), units):
        assert _as_extracted(doc, doc.spans["minsheng_ie"]) == _expected(text, ref_date="2020-03-31")


def test_ref_date_and_field_per_document(nlp):
    text = "6月底前完成，牵头单位：市教育局"
    assert nlp(text).ents[0]._.value == "2020-06-30"          # the config's default
    doc = nlp.make_doc(text)
    doc._.ref_date, doc._.field = "2024-01-15", "responsible"
    doc = nlp(doc)                                             # set before the component
    assert doc.ents[0]._.value == "2024-06-30"
    assert doc._.ref_date == "2024-01-15" and doc._.field == "responsible"
    contexts = [{"ref_date": "2023-05-01"}, {"ref_date": "2022-02-01", "field": "progress"}, None]
    out = list(nlp.pipe([(text, c) for c in contexts], as_tuples=True))
    assert [d.ents[0]._.value for d, _ in out] == ["2023-06-30", "2022-06-30", "2020-06-30"]
    assert [d._.field for d, _ in out] == [None, "progress", None]
    assert [c for _, c in out] == contexts
    # a responsible-unit cell makes units lead; elsewhere they are mentions
    assert nlp(nlp.make_doc("市教育局")).ents[0]._.role == "mention"
    doc = nlp.make_doc("市教育局")
    doc._.field = "responsible"
    assert nlp(doc).ents[0]._.role == "lead"


def test_docbin_round_trips_the_attributes(nlp, tmp_path):
    docs = list(nlp.pipe([TEXT, "已完成87间，占70%"]))
    path = tmp_path / "docs.spacy"
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    back = list(DocBin().from_disk(path).get_docs(spacy.blank("zh").vocab))
    for a, b in zip(docs, back):
        assert _as_extracted(b, b.ents) == _as_extracted(a, a.ents)
        assert _as_extracted(b, b.spans["minsheng_ie"]) == _as_extracted(a, a.spans["minsheng_ie"])
        assert b._.ref_date == "2020-03-31"


def test_displacy_colours_the_five_labels(nlp):
    html = displacy.render(nlp(TEXT), style="ent", page=False)
    for label in ("DATE", "QUANTITY", "PERCENT", "DEADLINE", "ORG"):
        assert label in html
        assert LABEL_COLORS[label] in html     # our colour, through the entry point


def test_pipe_over_two_processes(nlp):
    texts = [TEXT, "已完成87间", "6月底前完成"] * 4
    one = [_as_extracted(d, d.ents) for d in nlp.pipe(texts)]
    two = [_as_extracted(d, d.ents) for d in nlp.pipe(texts, n_process=2, batch_size=3)]
    assert two == one and all(one)


def test_keeps_other_components_entities():
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PLACE", "pattern": "儋州"}, {"label": "MONEY", "pattern": "5842"}])
    nlp.add_pipe("minsheng_ie")
    doc = nlp("儋州累计发放5842万元")
    # the ruler's MONEY 5842 overlaps our QUANTITY and gives way; its PLACE stays
    assert [(e.text, e.label_) for e in doc.ents] == [("儋州", "PLACE"), ("5842万元", "QUANTITY")]
