"""The examples of ../shared/ANNOTATION.md come out exactly as the guide says."""
import pytest

import minsheng_ie

REF = "2020-03-31"

# (text, span, label, value, extra attributes) — the QUANTITY table row by row
QUANTITY_TABLE = [
    ("已完成87间", "87间", 87, {"unit": "间"}),
    ("可新增1.6萬噸儲備糧", "1.6萬噸", 16000, {"unit": "吨"}),
    ("总投资1.2亿元", "1.2亿元", 120000000, {"unit": "元"}),
    ("贷款任务数额25565万元", "25565万元", 255650000, {"unit": "元"}),
    ("按1200元/生标准", "1200元/生", 1200, {"unit": "元/生"}),
    ("城镇新增就业600人以上", "600人", 600, {"unit": "人", "comparator": ">="}),
    ("不少于200场次", "200场次", 200, {"unit": "场次", "comparator": ">="}),
    ("开展活动130余场次", "130余场次", 130, {"unit": "场次", "comparator": ">"}),
    ("打造3-4个镇级示范点", "3-4个", 3, {"unit": "个", "value_max": 4}),
    ("5万元以下", "5万元", 50000, {"unit": "元", "comparator": "<="}),
    ("约8公里", "8公里", 8, {"unit": "公里", "comparator": "~"}),
    ("0-17歲殘疾兒童", "0-17歲", 0, {"unit": "岁", "value_max": 17}),
    ("3年以内", "3年", 3, {"unit": "年", "comparator": "<="}),
]


def _only(text, label, **kw):
    ents = minsheng_ie.extract(text, ref_date=kw.pop("ref_date", REF), **kw).by_label(label)
    return ents


@pytest.mark.parametrize("text,span,value,attrs", QUANTITY_TABLE, ids=[r[0] for r in QUANTITY_TABLE])
def test_quantity_table(text, span, value, attrs):
    ents = _only(text, "QUANTITY")
    assert [e.text for e in ents] == [span]
    e = ents[0]
    assert text[e.start:e.end] == span
    assert e.value == value
    for k in ("unit", "comparator", "value_max"):
        assert getattr(e, k) == attrs.get(k), k


def test_quantity_two_in_one():
    ents = _only("为16所高中各配备一台AED", "QUANTITY")
    assert [(e.text, e.value, e.unit) for e in ents] == [("16所", 16, "所"), ("一台", 1, "台")]


@pytest.mark.parametrize("text", [
    "第九批", "第二轮", "二级医院", "一级", "(1)", "琼民便函〔2020〕175号", "5G", "12355热线",
    "“游9”公交", "两癌", "一网通办", "“一年一村一场戏”", "人均亮码率为19.28",
])
def test_not_quantity(text):
    assert _only(text, "QUANTITY") == []


@pytest.mark.parametrize("text,span,value,attrs", [
    ("完成年度任务的22.85%", "22.85%", 22.85, {}),
    ("达到百分之八十", "百分之八十", 80, {}),
    ("提高5个百分点", "5个百分点", 5, {"points": True}),
    ("比例≥60%", "60%", 60, {"comparator": ">="}),
])
def test_percent(text, span, value, attrs):
    ents = _only(text, "PERCENT")
    assert [(e.text, e.value) for e in ents] == [(span, value)]
    for k, v in attrs.items():
        assert getattr(ents[0], k) == v


@pytest.mark.parametrize("text,span,value", [
    ("2020年3月10日", "2020年3月10日", ["2020-03-10", "2020-03-10"]),
    ("2024年5月", "2024年5月", ["2024-05-01", "2024-05-31"]),
    ("8月份", "8月份", ["2020-08-01", "2020-08-31"]),
    ("4月15日", "4月15日", ["2020-04-15", "2020-04-15"]),
    ("6月底", "6月底", ["2020-06-30", "2020-06-30"]),
    ("上半年", "上半年", ["2020-01-01", "2020-06-30"]),
    ("二季度", "二季度", ["2020-04-01", "2020-06-30"]),
    ("第二季度", "第二季度", ["2020-04-01", "2020-06-30"]),
    ("7月中旬", "7月中旬", ["2020-07-11", "2020-07-20"]),
    ("年初", "年初", ["2020-01-01", "2020-01-31"]),
    ("1-10月份", "1-10月份", ["2020-01-01", "2020-10-31"]),
    ("4.8-7.19", "4.8-7.19", ["2020-04-08", "2020-07-19"]),
    ("2024.3.30-2025.3.30", "2024.3.30-2025.3.30", ["2024-03-30", "2025-03-30"]),
    ("今年", "今年", ["2020-01-01", "2020-12-31"]),
    ("截至2020年2月底", "2020年2月底", ["2020-02-29", "2020-02-29"]),
    ("6月27日开工", "6月27日", ["2020-06-27", "2020-06-27"]),
    ("2020年", "2020年", ["2020-01-01", "2020-12-31"]),
    ("年底", "年底", ["2020-12-31", "2020-12-31"]),
    ("今年以来", "今年", ["2020-01-01", "2020-12-31"]),
    ("今年上半年", "今年上半年", ["2020-01-01", "2020-06-30"]),
    ("4月1日起", "4月1日", ["2020-04-01", "2020-04-01"]),
    ("前三季度", "前三季度", ["2020-01-01", "2020-09-30"]),
    ("首季度", "首季度", ["2020-01-01", "2020-03-31"]),
    ("本月", "本月", ["2020-03-01", "2020-03-31"]),
    ("提前完成7、8月份节点任务", "7、8月份", ["2020-07-01", "2020-08-31"]),
])
def test_date(text, span, value):
    ents = _only(text, "DATE")
    assert [(e.text, e.value) for e in ents] == [(span, value)]


@pytest.mark.parametrize("text", ["目前", "近期", "下一步", "当前", "3年"])
def test_not_date(text):
    assert _only(text, "DATE") == [] and _only(text, "DEADLINE") == []


@pytest.mark.parametrize("text,span,value,field", [
    ("2024年12月底前", "2024年12月底前", "2024-12-31", None),
    ("年底前", "年底前", "2020-12-31", None),
    ("年内", "年内", "2020-12-31", None),
    ("预计2024年5月完工", "2024年5月", "2024-05-31", None),
    ("计划8月份新认定", "8月份", "2020-08-31", None),
    ("2020年计划完成429间", "2020年", "2020-12-31", None),
    ("争取2024年底达到70%", "2024年底", "2024-12-31", None),
    ("力争年底前完成", "年底前", "2020-12-31", None),
    ("上半年完成", "上半年", "2020-06-30", "target"),
    ("7月中旬完成", "7月中旬", "2020-07-20", "target"),
    ("10月份前", "10月份前", "2020-10-31", None),
    ("9月投入使用", "9月", "2020-09-30", "target"),
    ("计划二季度完成", "二季度", "2020-06-30", None),
    ("二季度计划完成", "二季度", "2020-06-30", None),
    ("2024年重点筛查7400人", "2024年", "2024-12-31", "target"),
])
def test_deadline(text, span, value, field):
    ents = _only(text, "DEADLINE", field=field)
    assert [(e.text, e.value) for e in ents] == [(span, value)]


@pytest.mark.parametrize("text,span", [
    ("预计9月份开始接种", "9月份"), ("3月上旬开工", "3月上旬"), ("于8月2日公开招标", "8月2日"),
    ("2016年民生实事目标任务", "2016年"),
])
def test_planned_start_is_date(text, span):
    assert [e.text for e in _only(text, "DATE")] == [span]
    assert _only(text, "DEADLINE") == []


@pytest.mark.parametrize("text,field,expected", [
    ("市教育局", "responsible", [("市教育局", "lead")]),
    ("區住建局", "responsible", [("区住建局", "lead")]),
    ("县卫健局", "responsible", [("县卫健局", "lead")]),
    ("省医保局要求", None, [("省医保局", "mention")]),
    ("发改局", "responsible", [("发改局", "lead")]),
    ("大數據服務中心", "responsible", [("大数据服务中心", "lead")]),
    ("供电公司", "responsible", [("供电公司", "lead")]),
    ("团区委", "responsible", [("团区委", "lead")]),
    ("区妇联", "responsible", [("区妇联", "lead")]),
    ("红十字会", "responsible", [("红十字会", "lead")]),
    ("海州公安分局", "responsible", [("海州公安分局", "lead")]),
    ("瀛洲集团", "responsible", [("瀛洲集团", "lead")]),
    ("市政府督查室", None, [("市政府督查室", "mention")]),
    ("各鎮街", "responsible", [("各镇街", "lead")]),
    ("各相关镇街", "responsible", [("各相关镇街", "lead")]),
    ("区民政局、区医保局、区工会", "responsible", [("区民政局", "lead"), ("区医保局", "lead"), ("区工会", "lead")]),
    ("文旅局 各鎮街", "responsible", [("文旅局", "lead"), ("各镇街", "lead")]),
    ("牵头单位：市金融局", None, [("市金融局", "lead")]),
    ("配合单位：区财政局", None, [("区财政局", "support")]),
    ("区委、区政府督查组", None, [("区委", "mention"), ("区政府督查组", "mention")]),
    ("市发改委(代建办)", "responsible", [("市发改委(代建办)", "lead")]),
])
def test_org(text, field, expected):
    ents = _only(text, "ORG", field=field)
    assert [(e.value, e.role) for e in ents] == expected
    assert all(text[e.start:e.end] == e.text for e in ents)


@pytest.mark.parametrize("text", ["镜湖区", "项目位于松山街道", "松山中学", "我市", "上级"])
def test_not_org(text):
    assert _only(text, "ORG") == []


def test_issue_example():
    text = "截至2020年2月底，累计发放5842万元，完成年度任务的22.85%，计划8月份前完成，牵头单位：市金融局"
    r = minsheng_ie.extract(text, ref_date="2020-03-31", field="progress")
    got = [(e.label, e.text, e.value) for e in r.entities]
    assert got == [
        ("DATE", "2020年2月底", ["2020-02-29", "2020-02-29"]),
        ("QUANTITY", "5842万元", 58420000),
        ("PERCENT", "22.85%", 22.85),
        ("DEADLINE", "8月份前", "2020-08-31"),
        ("ORG", "市金融局", "市金融局"),
    ]
    assert r.by_label("ORG")[0].role == "lead"
    assert all(e.rule for e in r.entities)
