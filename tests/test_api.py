import dataclasses
import datetime as dt

import pytest

import minsheng_ie
from minsheng_ie import Entity, Extraction


@pytest.mark.parametrize("bad", [None, b"bytes", 12, 3.5, ["a"], {"t": 1}])
def test_non_str_input_raises_type_error_naming_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        minsheng_ie.extract(bad)


@pytest.mark.parametrize("text", ["", " ", "\n\t  \u3000"])
def test_empty_and_whitespace(text):
    r = minsheng_ie.extract(text)
    assert isinstance(r, Extraction) and r.entities == ()


@pytest.mark.parametrize("bad", ["2020-13-01", "not a date", "2020-02-30"])
def test_bad_ref_date_raises_value_error_naming_it(bad):
    with pytest.raises(ValueError, match="ref_date"):
        minsheng_ie.extract("6月底", ref_date=bad)


def test_ref_date_accepts_date_and_chinese_string():
    a = minsheng_ie.extract("6月底", ref_date=dt.date(2021, 5, 1))
    b = minsheng_ie.extract("6月底", ref_date="2021年5月1日")
    assert a.entities[0].value == b.entities[0].value == ["2021-06-30", "2021-06-30"]


def test_bad_field():
    with pytest.raises(ValueError, match="field"):
        minsheng_ie.extract("市教育局", field="boss")


def test_year_missing_without_ref_date_keeps_entity_with_null_value():
    r = minsheng_ie.extract("6月底完成")
    assert [(e.label, e.text, e.value) for e in r.entities] == [("DATE", "6月底", None)]


def test_entities_frozen_sorted_and_dict_shape():
    r = minsheng_ie.extract("2020年计划完成429间，已完成87间；牵头单位：市教育局", ref_date="2020-03-31")
    assert [e.start for e in r.entities] == sorted(e.start for e in r.entities)
    e = r.entities[1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.value = 0  # type: ignore[misc]
    # 完成 names nothing: the figure's subject is null (ANNOTATION.md, "Subject")
    assert e.to_dict() == {"label": "QUANTITY", "start": 9, "end": 13, "text": "429间", "value": 429,
                           "unit": "间", "subject": None, "rule": "quantity.number_unit"}
    org = r.by_label("ORG")[0].to_dict(details=True)
    assert org["role"] == "lead" and org["canonical"] == "教育局"
    d = r.to_dict()
    assert d["ref_date"] == "2020-03-31" and len(d["entities"]) == len(r.entities)


def test_full_width_offsets():
    text = "完成投资１２００万元，占比８５．５％"
    r = minsheng_ie.extract(text)
    assert [(e.text, e.value) for e in r.entities] == [("１２００万元", 12000000), ("８５．５％", 85.5)]
    assert all(text[e.start:e.end] == e.text for e in r.entities)


def test_extractor_is_reusable_and_default_is_shared():
    assert minsheng_ie.default_extractor() is minsheng_ie.default_extractor()
    assert isinstance(minsheng_ie.extract("87间").entities[0], Entity)


def test_figures_carry_subject_and_kind():
    r = minsheng_ie.extract("新建公办幼儿园15所，完成年度任务的22.85%")
    fig, share = r.entities
    assert fig.subject.to_dict() == {"start": 2, "end": 7, "text": "公办幼儿园"} and fig.kind is None
    assert share.to_dict()["subject"]["text"] == "年度任务" and share.to_dict()["kind"] == "completion"
    assert share.to_dict(details=True)["subject_rule"] == "subject.completion_share_of_task"
    assert "subject" not in minsheng_ie.extract("牵头单位：市教育局").entities[0].to_dict()
