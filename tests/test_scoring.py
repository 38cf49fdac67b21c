"""Wrong values are counted apart from misses, per label, and wrong money is named."""
from minsheng_ie.evaluation.gold import parse_record
from minsheng_ie.evaluation.scoring import format_report, score


def _unit(text: str, *ents: dict):
    return parse_record({"id": "u", "text": text, "entities": list(ents)}, "test.jsonl", 1)


def _q(text: str, whole: str, value, unit: str, **extra) -> dict:
    start = whole.index(text)
    return {"label": "QUANTITY", "start": start, "end": start + len(text), "text": text, "value": value,
            "unit": unit, **extra}


def test_a_part_of_a_sum_read_as_the_sum_is_a_money_error():
    text = "奖补壹佰贰拾万元，培训五百卅四人"
    gold = _unit(text, _q("壹佰贰拾万元", text, 1200000, "元"), _q("五百卅四人", text, 534, "人"))
    pred = [_q("贰拾万元", text, 200000, "元"), _q("四人", text, 4, "人")]
    d = score([gold], {"u": pred}).to_dict()
    assert d["labels"]["QUANTITY"]["misread"] == 2
    assert d["money_errors"] == 1
    assert [e["text"] for e in d["misread"]] == ["贰拾万元", "四人"]
    assert "money errors: 1" in format_report(score([gold], {"u": pred}))


def test_strict_wrong_values_are_listed_per_label():
    text = "工期三年半，投资5万元以上"
    gold = _unit(text, _q("三年半", text, 3.5, "年"), _q("5万元", text, 50000, "元", comparator=">="))
    pred = [_q("三年半", text, 3, "年"), _q("5万元", text, 50000, "元")]
    d = score([gold], {"u": pred}).to_dict()
    assert d["labels"]["QUANTITY"]["value_errors"] == 2
    assert d["money_errors"] == 0   # the sum is right; only the comparator is missing
    assert {e["text"] for e in d["wrong_value"]} == {"三年半", "5万元"}


def test_one_end_of_a_range_is_no_misread():
    text = "补助1万元--5万元"
    gold = _unit(text, _q("1万元--5万元", text, 10000, "元", value_max=50000))
    pred = [_q("1万元", text, 10000, "元"), _q("5万元", text, 50000, "元")]
    d = score([gold], {"u": pred}).to_dict()
    assert d["labels"]["QUANTITY"]["misread"] == 0 and d["money_errors"] == 0
