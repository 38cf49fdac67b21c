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
    with pytest.raises(ValueError, match="unknown field") as error:
        minsheng_ie.item_facts([("goal", "新建15所")])
    assert "probably" not in str(error.value)
    # a report's column headers are not fields, but the error says which field each names
    for header, field in (("目标任务", "target"), ("进展情况", "progress"), ("牵头单位", "responsible")):
        with pytest.raises(ValueError, match=f"unknown field '{header}', a column header: its field is probably '{field}'"):
            minsheng_ie.item_facts([(header, "新建15所")])


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


@pytest.mark.parametrize("seed", range(6))
def test_stated_completions_stand_for_unprinted_targets(seed):
    """Progress figures, each with its share of the year's task, and no target figure: each
    figure is an indicator of its own (target null) with its stated completion and the
    status that share gives at the as-of date (ITEMS.md, "Stated completion")."""
    rnd = random.Random(seed)
    month = rnd.randint(2, 11)
    shares = [round(rnd.uniform(10, 130), 2) for _ in range(3)]
    counts = [rnd.randint(100, 9000) for _ in range(3)]
    text = (f"截至{month}月底，已完成职业技能培训{counts[0]}人次，新建改建农村公路{counts[1]}公里，"
            f"改造危旧桥梁{counts[2]}座，分别完成年度目标任务的{shares[0]}%、{shares[1]}%、{shares[2]}%。")
    facts = minsheng_ie.item_facts([("name", "关于民生实事"), ("progress", text)], ref_date="2024-12-31")
    last = calendar.monthrange(2024, month)[1]
    exp = expected_share(dt.date(2024, month, last), dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    got = [(i.target, i.progress[0].entity.value, i.stated_completion, i.status) for i in facts.indicators]
    assert got == [(None, n, round(s / 100, 4), status(s / 100, exp)) for n, s in zip(counts, shares)]
    assert facts.status == min((status(s / 100, exp) for s in shares), key=["behind", "on_track", "done"].index)


def test_stated_completion_is_not_of_those_reached():
    facts = minsheng_ie.item_facts(
        [("name", "关于开展城镇老旧小区改造"),
         ("progress", "截至6月底，已新开工改造城镇老旧小区1727个、涉及居民22.98万户，完成年度目标任务的89.78%。")],
        ref_date="2024-06-30")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "1727个" and ind.stated_completion == 0.8978 and ind.status == "on_track"


def test_status_words_name_what_they_speak_of():
    # a lagging remainder: the part before it in its sentence is behind, though its share is within 0.10
    remainder = minsheng_ie.item_facts(
        [("target", "实施县乡道安全生命防护工程50公里"),
         ("progress", "安全生命防护工程完成46公里，剩余4公里因征地问题进度滞后")], ref_date="2024-12-31")
    (ind,) = remainder.indicators
    assert ind.completion == 0.92 and ind.status == "behind" == remainder.status
    # a task word after an unanswered figure speaks for that figure, like a stated share
    task = minsheng_ie.item_facts(
        [("name", "关于深入推进厕所革命"), ("progress", "截至11月底，全省城市公共厕所已完工3268座，超额完成年度目标任务。")],
        ref_date="2024-12-20")
    (ind,) = task.indicators
    assert ind.target is None and ind.progress[0].entity.text == "3268座" and ind.status == "done" == task.status
    # a bare 已完成 in a progress cell speaks for the whole item; so does one naming an item with no target figure
    bare = minsheng_ie.item_facts([("target", "提高城乡低保补差水平"), ("progress", "已完成。自1月1日起执行新标准")],
                                  ref_date="2024-12-31")
    assert bare.status == "done"
    named = minsheng_ie.item_facts([("target", "10月底之前完成西平县腾云气体有限公司关闭退出"),
                                    ("progress", "9月28日，西平县腾云气体有限公司已完成关闭退出任务。")],
                                   ref_date="2024-12-31")
    assert named.status == "done"
    # a month's node done in a progress cell is a finished part: it says nothing of the item
    node = minsheng_ie.item_facts([("name", "落实残疾人“两项补贴”"),
                                   ("progress", "各地均已完成11月份残疾人“两项补贴”资金发放工作")],
                                  ref_date="2024-12-20")
    assert node.status == "unknown"


def test_a_plan_issued_is_no_progress():
    facts = minsheng_ie.item_facts(
        [("target", "50万人高山生态扶贫搬迁"),
         ("progress", "累计下达搬迁计划53.8万人,累计完成搬迁安置42.3万人")], ref_date="2024-06-30")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "42.3万人" and ind.completion == round(42.3 / 50, 4)


def test_a_bare_measure_answers_what_its_sentence_names():
    facts = minsheng_ie.item_facts(
        [("target", "地区生产总值增长6%左右"), ("progress", "2024年度地区生产总值初步核算数为5061亿元，增幅为5.1%。")],
        ref_date="2024-12-31")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "5.1%" and ind.completion == round(5.1 / 6, 4)


def test_targets_stated_in_a_progress_unit_take_the_figures_after_them():
    """Two tasks stated in one progress cell, each followed by its progress: a construction
    (建设) is answered by what is started of it, each figure by the task it follows."""
    facts = minsheng_ie.item_facts(
        [("name", "关于推进青年人才公寓建设"),
         ("progress", "一是省直2.5万套人才公寓建设。截至11月底，已有20190套进场施工。"
                      "二是郑州市2.5万套人才公寓建设任务。截至11月底，已开工建设25600套，完成年度目标任务。")],
        ref_date="2018-12-20")
    got = [(i.target.entity.text, i.progress[0].entity.text, i.completion) for i in facts.indicators]
    assert got == [("2.5万套", "20190套", round(20190 / 25000, 4)), ("2.5万套", "25600套", round(25600 / 25000, 4))]


def test_a_construction_prefers_what_is_built_and_other_stages_stay_apart():
    built = minsheng_ie.item_facts([("target", "建设公办幼儿园15所"), ("progress", "在建公办幼儿园5所，已建成公办幼儿园8所")],
                                   ref_date="2024-09-30")
    assert [p.entity.text for p in built.indicators[0].progress] == ["8所"]
    new = minsheng_ie.item_facts([("target", "新建公办幼儿园15所"), ("progress", "在建公办幼儿园5所")], ref_date="2024-09-30")
    assert new.indicators[0].progress == []


def test_expected_and_intended_states_are_no_status():
    """A done word after an expectation or an intent states nothing done (ITEMS.md: status
    words count for what they name); coverage reached (实现…全覆盖) is done."""
    for said in ("主体工程已封顶，预计10月底全部完工", "力争年底前全面完成", "确保不出现进度滞后"):
        facts = minsheng_ie.item_facts([("target", "建设县级养老服务中心"), ("progress", said)], ref_date="2024-09-30")
        assert facts.status == "unknown", said
    covered = minsheng_ie.item_facts([("target", "农村义务教育学生营养餐实现全覆盖"),
                                      ("progress", "惠及学生88.27万人,实现农村义务教育学生全覆盖。")], ref_date="2024-06-30")
    assert covered.status == "done"


def test_a_bare_measure_measures_the_figure_before_it():
    """增幅 after 固定资产投资完成N亿元 is the growth of that investment; a later 增幅 after a
    completion share measures something else."""
    facts = minsheng_ie.item_facts(
        [("target", "全社会固定资产投资增长10%"),
         ("progress", "1-9月,武昌区固定资产投资完成281.82亿元,增幅57.74%,完成全年目标进度92.10%,对比2019年同期增幅20.13%。")],
        ref_date="2021-11-23")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "57.74%" and ind.completion == round(57.74 / 10, 4) and ind.status == "done"


def test_a_done_word_speaks_for_the_item_only_when_it_names_nothing_else():
    units = [("target", "建设县级养老服务中心，年底前投入使用")]
    for said, expected in (("此项工作已完成。", "done"), ("项目已全面完成", "done"),
                           ("主体已完工，正在内部装修", "unknown"), ("消防设施已完工", "unknown")):
        facts = minsheng_ie.item_facts(units + [("progress", said)], ref_date="2024-09-30")
        assert facts.status == expected, said
    # with no target figure, a done word naming nothing but the item's target speaks for it; a part does not
    units = [("target", "建设县级养老服务中心")]
    for said, expected in (("县级养老服务中心已建成", "done"), ("养老服务中心主体已完工", "unknown")):
        assert minsheng_ie.item_facts(units + [("progress", said)], ref_date="2024-09-30").status == expected, said


def test_a_standard_raised_to_a_level_is_a_deliverable():
    """The level a standard is raised to is what the item promises (提高到每人每月609元), and
    a rate per person however written answers it (616元/人); the level it starts from and a
    standard a payment follows (每人每月补贴1050元) stay conditions."""
    raised = minsheng_ie.item_facts([("target", "将城乡低保补差水平由每人每月574元提高到每人每月609元"),
                                     ("progress", "城乡低保补差水平已提高到616元/人")], ref_date="2020-12-31")
    (ind,) = raised.indicators
    assert (ind.target.entity.text, ind.progress[0].entity.text) == ("609元", "616元/人")
    assert ind.completion == round(616 / 609, 4) and ind.status == "done"
    floor = minsheng_ie.item_facts([("target", "确保城市低保月人均补助不低于330元"),
                                    ("progress", "城市低保月人均补助365.95元/人.月")], ref_date="2018-12-31")
    assert floor.indicators[0].completion == round(365.95 / 330, 4)


def test_a_rate_per_person_never_answers_a_total():
    facts = minsheng_ie.item_facts([("target", "发放高龄津贴1000万元"),
                                    ("progress", "高龄津贴标准100元/人，已发放高龄津贴800万元")], ref_date="2024-12-31")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "800万元" and ind.completion == 0.8


def test_what_is_still_missing_is_no_progress():
    facts = minsheng_ie.item_facts([("target", "完成宫颈癌筛查2000例"), ("progress", "已筛查700例，还差1300多例")],
                                   ref_date="2024-12-31")
    (ind,) = facts.indicators
    assert ind.progress[0].entity.text == "700例" and ind.completion == 0.35 and ind.status == "behind"


def test_half_the_time_half_the_task_is_on_track():
    facts = minsheng_ie.item_facts([("target", "建设县级养老服务中心"), ("progress", "项目实现时间过半、任务过半")],
                                   ref_date="2024-07-31")
    assert facts.status == "on_track"
