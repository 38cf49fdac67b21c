"""Item facts (ITEMS.md): the Python contract minsheng_ie.item_facts, completion, status
and schedule against values computed here with datetime and plain arithmetic, conditions
left out, status words, and the document level (rows, table, DataFrame, CLI)."""
import calendar
import datetime as dt
import random

import pytest

import minsheng_ie
from minsheng_ie.cli import _sample_path, main

SAMPLE = str(_sample_path())


def expected_share(as_of: dt.date, start: dt.date, deadline: dt.date) -> float:
    return round(min(1.0, max(0.0, ((as_of - start).days + 1) / ((deadline - start).days + 1))), 4)


def status(share: float, expected: float) -> str:
    return "done" if share >= 1 else "behind" if share < expected - 0.10 else "on_track"


def test_contract_example():
    facts = minsheng_ie.item_facts(
        [("target", "新建公办幼儿园15所，年底前建成"), ("progress", "已建成公办幼儿园12所"),
         ("responsible", "县教育局")], ref_date="2024-09-30")
    assert facts.deadline == "2024-12-31" and facts.end == dt.date(2024, 12, 31)
    (ind,) = facts.indicators
    assert (ind.subject, ind.unit, ind.completion, ind.stated_completion, ind.met) == ("公办幼儿园", "所", 0.8, None, None)
    exp = expected_share(dt.date(2024, 9, 30), dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert facts.expected == exp and ind.status == status(0.8, exp) == facts.status
    d = ind.to_dict()
    assert d["target"] == {"unit_index": 0, "start": 7, "end": 10}
    assert d["progress"] == [{"unit_index": 1, "start": 8, "end": 11}]
    # a dict is accepted too
    assert minsheng_ie.item_facts({"target": "新建公办幼儿园15所", "progress": "已建成公办幼儿园12所"},
                                  ref_date="2024-09-30").indicators[0].completion == 0.8


@pytest.mark.parametrize("seed", range(20))
def test_completion_and_status_against_arithmetic(seed):
    rnd = random.Random(seed)
    target, done = rnd.randint(5, 900), rnd.randint(1, 1000)
    year, month = rnd.randint(2015, 2030), rnd.randint(1, 11)
    unit, noun = rnd.choice([("所", "公办幼儿园"), ("公里", "农村公路"), ("户", "农村危房"), ("个", "5G基站")])
    last = calendar.monthrange(year, month)[1]
    facts = minsheng_ie.item_facts(
        [("target", f"{year}年改造{noun}{target}{unit}"),
         ("progress", f"截至{year}年{month}月底，累计完成{noun}{done}{unit}")], ref_date=f"{year}-12-31")
    (ind,) = facts.indicators
    share = round(done / target, 4)
    exp = expected_share(dt.date(year, month, last), dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert facts.as_of == dt.date(year, month, last)
    assert ind.completion == share and facts.expected == exp
    assert ind.status == status(share, exp) == facts.status
    p = ind.progress[0]
    text = facts.units[p.unit_index][1]
    assert text[p.start:p.end] == p.entity.text == f"{done}{unit}"


def test_upper_bound_target_is_met_or_not():
    for progress, met in (("5.1%", True), ("5.9%", False)):
        facts = minsheng_ie.item_facts([("target", "城镇调查失业率控制在5.5%以内"), ("progress", f"9月末城镇调查失业率为{progress}")],
                                       ref_date="2024-09-30")
        (ind,) = facts.indicators
        assert ind.completion is None and ind.met is met
        assert ind.status == ("done" if met else "behind")


def test_stated_completion_is_kept_as_printed():
    facts = minsheng_ie.item_facts([("target", "改造农村公路180公里"),
                                    ("progress", "完成改造农村公路156公里，占年度任务的86.7%")], ref_date="2024-06-30")
    (ind,) = facts.indicators
    assert ind.completion == round(156 / 180, 4) and ind.stated_completion == 0.867


def test_conditions_and_context_are_no_indicators():
    facts = minsheng_ie.item_facts(
        [("target", "为全县60岁以上老年人免费接种流感疫苗27758人；离校2年内未就业高校毕业生每人每月补贴1050元"),
         ("progress", "已接种流感疫苗12000人")], ref_date="2024-06-30")
    assert [i.target.entity.text for i in facts.indicators] == ["27758人"]


def test_progress_only_figures_and_other_units_link_nothing():
    facts = minsheng_ie.item_facts([("target", "发放补贴资金320万元"),
                                    ("progress", "已发放补贴资金280万元，惠及农户1200户")], ref_date="2024-06-30")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "280万元" and ind.completion == 0.875


def test_status_words():
    lagging = minsheng_ie.item_facts([("target", "新建村级养老服务站5个"), ("progress", "受资金影响，项目进度滞后")],
                                     ref_date="2024-06-30")
    assert lagging.status == "behind" and "滞后" in lagging.status_words
    whole = minsheng_ie.item_facts([("target", "新建村级养老服务站5个"), ("progress", "项目建设中"), ("status", "已完成")],
                                   ref_date="2024-06-30")
    assert whole.status == "done" and whole.indicators[0].status == "done"
    node = minsheng_ie.item_facts([("target", "新建村级养老服务站5个"), ("status", "已完成二季度任务")],
                                  ref_date="2024-07-10")
    assert node.status == "on_track"
    nothing = minsheng_ie.item_facts([("target", "新建村级养老服务站5个"), ("progress", "正在起草实施方案")],
                                     ref_date="2024-06-30")
    assert nothing.status == "unknown" and nothing.indicators[0].status == "unknown"


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="pairs"):
        minsheng_ie.item_facts([("target",)])
    with pytest.raises(ValueError, match="unknown field"):
        minsheng_ie.item_facts([("goal", "新建15所")])


def test_document_rows_table_and_cli(capsys):
    facts = minsheng_ie.document_facts(minsheng_ie.read_document(SAMPLE))
    rows = facts.rows()
    assert rows and {"file", "item", "subject", "completion", "status", "expected"} <= set(rows[0])
    assert main(["parse", "--sample", "--format", "indicators"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("file,item,name,subject,unit,target") and len(out) == len(rows) + 1
    assert main(["parse", "--sample"]) == 0
    assert "status    " in capsys.readouterr().out


def test_indicators_dataframe():
    pd = pytest.importorskip("pandas")
    df = minsheng_ie.read_document(SAMPLE).indicators_dataframe()
    assert isinstance(df, pd.DataFrame) and len(df) == len(minsheng_ie.document_facts(SAMPLE).rows())
