"""Place names that begin with a numeral and a unit character (六安, 五台县) are no
quantities, and the counts they look like (三台救护车) still are."""
import pytest

from minsheng_ie import extract


@pytest.mark.parametrize("text", ["六安市民生办牵头", "在六安召开", "九台区", "五台县", "四平市", "二道区", "五台山景区"])
def test_place_names_that_begin_with_a_numeral_and_a_unit_are_no_quantities(text):
    # 六安 is no 6 amperes, 五台县 no 5 machines: the numeral_place lexicon keeps them whole
    assert [e for e in extract(text).entities if e.label == "QUANTITY"] == []


@pytest.mark.parametrize("text, value, unit", [("购置三台救护车", 3, "台"), ("新增六台设备", 6, "台"),
                                               ("开设三门课程", 3, "门"), ("新建四平方米", 4, "平方米")])
def test_counts_that_look_like_place_names_stay_counts(text, value, unit):
    (q,) = [e for e in extract(text).entities if e.label == "QUANTITY"]
    assert (q.value, q.unit) == (value, unit)


def test_a_body_of_a_numeral_place_is_whole():
    assert [e.text for e in extract("六安市民生办牵头").entities if e.label == "ORG"] == ["六安市民生办"]
