"""Item facts: causes of false links and of lost stated completions found on the development
item gold, each stated with generated cases built from sentences written here (not from gold
texts), whose expected values are computed here, not read from the library."""
import random

import pytest

import minsheng_ie

REF = "2024-09-30"
PROJECTS = ["实验小学教学楼改建工程", "社区卫生服务中心迁建工程", "城区污水管网改造工程", "全民健身中心建设工程"]


def _facts(units, ref=REF):
    return minsheng_ie.item_facts(units, ref_date=ref)


def _read(facts, f):
    return facts.units[f.unit_index][1][f.start:f.end]


def _links(facts):
    return [(_read(facts, i.target), _read(facts, p)) for i in facts.indicators if i.target for p in i.progress]


def _figures(facts):
    """(unit index, text) of every figure of every indicator."""
    return {(f.unit_index, _read(facts, f)) for i in facts.indicators for f in [i.target, *i.progress] if f}


def _row(rnd, total, plan, done, rate):
    """A project table's row: 项目名称 | 建设内容 | 总投资 (a column no field names) | 年度计划投资 |
    完成投资 | % — every money cell a bare number."""
    rooms = rnd.randint(6, 40)
    return [("name", rnd.choice(PROJECTS)), ("target", f"拆除重建一幢教学楼，共{rooms}个教室"),
            ("text", str(total)), ("target", str(plan)), ("progress", str(done)), ("rate", rate),
            ("responsible", "县教育局")]


@pytest.mark.parametrize("seed", range(12))
def test_a_bare_number_in_a_column_no_field_names_is_neither_target_nor_progress(seed):
    """总投资 3685 | 年度计划 1800 | 完成 1000: the project total stands in a `text` cell, whose
    column says nothing of what it counts; the year's plan is answered by the amount done, never
    by the total (which, being the largest, would be taken as the cumulative figure)."""
    rnd = random.Random(seed)
    plan = rnd.randint(200, 3000)
    done = rnd.randint(50, plan)
    total = rnd.randint(plan + 1, plan * 3)
    facts = _facts(_row(rnd, total, plan, done, f"{100 * done / plan:.1f}"))
    assert _links(facts) == [(str(plan), str(done))]
    assert (2, str(total)) not in _figures(facts)


@pytest.mark.parametrize("seed", range(12))
def test_a_rate_cell_states_the_completion_of_the_pair_it_is_the_quotient_of(seed):
    """计划 1800 | 完成 1000 | % 55.6 in a row whose target cell has figures of its own (教室): the
    printed share is the stated completion of the pair it is the quotient of, to its printed
    decimals, not of the other indicators; a printed share that is no pair's quotient stays the
    item's."""
    rnd = random.Random(seed)
    plan = rnd.randint(200, 3000)
    done = rnd.randint(50, plan)
    decimals = rnd.choice([0, 1, 2])
    printed = f"{100 * done / plan:.{decimals}f}"
    facts = _facts(_row(rnd, plan * 2, plan, done, printed))
    paired = [i for i in facts.indicators if i.progress]
    assert len(paired) == 1 and _read(facts, paired[0].target) == str(plan)
    assert paired[0].completion == round(done / plan, 4)
    assert paired[0].stated_completion == round(float(printed) / 100, 4)
    assert all(i.stated_completion is None for i in facts.indicators if not i.progress)
    wrong = f"{100 * done / plan + 9:.{decimals}f}"
    facts = _facts(_row(rnd, plan * 2, plan, done, wrong))
    assert all(i.stated_completion is None for i in facts.indicators if i.target is not None)
    assert facts.stated_completion == round(float(wrong) / 100, 4)


OTHER_THINGS = [("路口", "处", "交警部门还新增了{n}处电子警察进行违法抓拍"),
                ("农贸市场", "个", "同步新建了{n}个公交候车亭"),
                ("村卫生室", "间", "另配套建设{n}间医护周转房")]


@pytest.mark.parametrize("seed", range(12))
def test_the_only_target_of_its_unit_is_not_answered_by_a_figure_of_another_thing(seed):
    """对10处路口进行渠化改造 ↚ 新增了36处电子警察: the unit is the only one in the item, but the
    progress figure says it counts another thing (no character in common with the target's
    subject, neither named in the other's clause). A figure with no subject, with the target's,
    or with a verb read as its subject (竣工8处) still answers it."""
    rnd = random.Random(seed)
    noun, unit, other = rnd.choice(OTHER_THINGS)
    target, extra, done = rnd.randint(5, 60), rnd.randint(5, 90), rnd.randint(1, 60)
    facts = _facts([("target", f"对全县{target}{unit}{noun}进行提升改造"),
                    ("progress", f"已完成{noun}改造{done}{unit}，" + other.format(n=extra))])
    assert _links(facts) == [(f"{target}{unit}", f"{done}{unit}")]
    facts = _facts([("target", f"对全县{target}{unit}{noun}进行提升改造"),
                    ("progress", "目前各项工作有序推进，" + other.format(n=extra))])
    assert _links(facts) == []
    facts = _facts([("target", f"对全县{target}{unit}{noun}进行提升改造"),
                    ("progress", f"截至目前，已完成{done}{unit}")])
    assert _links(facts) == [(f"{target}{unit}", f"{done}{unit}")]


@pytest.mark.parametrize("seed", range(12))
def test_a_count_of_kinds_before_what_it_qualifies_is_no_figure_of_the_item(seed):
    """3类重点对象危房改造任务300户, 为4类困难群体发放慰问金: the 类 figure says which things the item
    covers, not how many it delivers — no target, and no progress figure answers it."""
    rnd = random.Random(seed)
    kinds, target = rnd.randint(2, 9), rnd.randint(100, 900)
    done = rnd.randint(10, target)
    facts = _facts([("progress", f"计划年底前完成2024年度{kinds}类重点对象危房改造任务{target}户，"
                                 f"截至目前已完成{done}户")])
    assert _links(facts) == [(f"{target}户", f"{done}户")]
    assert {t for _, t in _figures(facts)} == {f"{target}户", f"{done}户"}
    money, paid = rnd.randint(20, 90), rnd.randint(5, 90)
    facts = _facts([("target", f"为{kinds}类困难群体发放慰问金{money}万元"), ("progress", f"已发放慰问金{paid}万元")])
    assert _links(facts) == [(f"{money}万元", f"{paid}万元")]
    assert len(facts.indicators) == 1


@pytest.mark.parametrize("seed", range(12))
def test_a_figure_outside_the_group_the_item_serves_answers_no_target(seed):
    """改造农村危房300户 ↚ 对不属于重点对象、但住房鉴定为危房的450户进行了改造: things done beside the
    task (an outside cue before the figure in its sentence), never its progress."""
    rnd = random.Random(seed)
    target, done, beside = rnd.randint(100, 900), rnd.randint(10, 900), rnd.randint(10, 900)
    cue = rnd.choice(["不属于重点对象", "未纳入年度计划"])
    beside_text = f"对{cue}、但住房鉴定为危房的{beside}户进行了改造"
    facts = _facts([("target", f"改造农村危房{target}户"), ("progress", beside_text)])
    assert _links(facts) == []
    facts = _facts([("target", f"改造农村危房{target}户"), ("progress", f"已完成农村危房改造{done}户；{beside_text}")])
    assert _links(facts) == [(f"{target}户", f"{done}户")]


@pytest.mark.parametrize("seed", range(12))
def test_a_figure_of_another_year_answers_no_target_of_this_year(seed):
    """2024年改造农村危房300户 ↚ 2023年…520户已全部竣工; 2019-2020年度…任务21335户 ↚ 2018-2019年度…
    49255户: both figures labelled with years, neither the same first nor the same last year. The
    figure of the target's year answers it, and so does one with no year."""
    rnd = random.Random(seed)
    year = rnd.randint(2016, 2024)
    target, last, done = rnd.randint(100, 900), rnd.randint(100, 2000), rnd.randint(10, 900)
    label = rnd.choice(["年", "年度"])
    facts = _facts([("target", f"{year}{label}改造农村危房{target}户"),
                    ("progress", f"{year - 1}{label}农村危房改造{last}户已全部竣工；{year}{label}已竣工{done}户")],
                   ref=f"{year}-09-30")
    assert _links(facts) == [(f"{target}户", f"{done}户")]
    facts = _facts([("target", f"{year}{label}改造农村危房{target}户"),
                    ("progress", f"{year - 1}{label}农村危房改造{last}户已全部竣工")], ref=f"{year}-09-30")
    assert _links(facts) == []
    facts = _facts([("progress", f"{year - 2}-{year - 1}年度农村危房改造任务{last}户已全部竣工。计划年底前竣工的"
                                 f"{year - 1}-{year}年度农村危房改造任务{target}户，已竣工{done}户")],
                   ref=f"{year}-09-30")
    assert (f"{target}户", f"{last}户") not in _links(facts)
    facts = _facts([("target", f"{year}{label}改造农村危房{target}户"), ("progress", f"截至9月底，已竣工{done}户")],
                   ref=f"{year}-09-30")
    assert _links(facts) == [(f"{target}户", f"{done}户")]
    # a year within the programme's years
    facts = _facts([("target", f"{year - 3}-{year + 1}年改造农村危房{target * 5}户"),
                    ("progress", f"{year}年已竣工{done}户")], ref=f"{year}-09-30")
    assert _links(facts) == [(f"{target * 5}户", f"{done}户")]


@pytest.mark.parametrize("seed", range(12))
def test_a_cell_of_one_completing_word_states_the_whole_item_done(seed):
    """A 形象进度 cell that holds nothing but 完成 or 建成 says the item is done: its count targets
    with no progress figure are done too. Inside a clause the word says nothing of the item
    (完成主体工程: a part)."""
    rnd = random.Random(seed)
    schools, rooms = rnd.randint(5, 90), rnd.randint(100, 2000)
    word = rnd.choice(["完成", "建成", "完成。"])
    target = ("target", f"对全县{schools}所中小学校{rooms}间教室照明进行提升")
    facts = _facts([("name", rnd.choice(PROJECTS)), target, ("progress", word)])
    assert facts.status == "done"
    assert [i.status for i in facts.indicators] == ["done", "done"]
    facts = _facts([("name", rnd.choice(PROJECTS)), target, ("progress", "完成主体工程")])
    assert facts.status != "done"
    assert all(i.status == "unknown" for i in facts.indicators)


PARTS = [("绿化", "照明设施改造"), ("道路硬化", "路灯安装"), ("主体工程", "室外配套工程")]


@pytest.mark.parametrize("seed", range(12))
def test_a_part_done_while_another_is_prepared_or_started_is_no_item_done(seed):
    """绿化工作已完成，启动照明设施改造前期工作: in an item with no target figure, a done word whose
    clause names only what the item names states the item done — unless another clause says a
    part is still being prepared or started (前期工作, 正在施工, 开工)."""
    rnd = random.Random(seed)
    done, other = rnd.choice(PARTS)
    park = rnd.choice(["滨河公园", "人民广场", "文化中心"])
    name = ("name", f"{park}{done}及{other}")
    target = ("target", f"实施{park}{done}，完成{other}")
    later = rnd.choice([f"启动{other}前期工作", f"{other}正在施工", f"{other}已开工"])
    assert _facts([name, target, ("progress", f"{done}工作已完成，{later}")]).status != "done"
    assert _facts([name, target, ("progress", f"{done}及{other}已完成")]).status == "done"


HOSPITALS = ["市第一医院门诊楼扩建", "区妇幼保健院迁建", "中医院康复大楼", "县人民医院住院楼"]


@pytest.mark.parametrize("seed", range(12))
def test_what_a_year_will_see_done_is_a_target_not_progress(seed):
    """今年将完成…等项目，新增床位约4000张: 将完成 makes its sentence a plan, up to a report in it; the
    figure is the target a later report answers."""
    rnd = random.Random(seed)
    a, b = rnd.sample(HOSPITALS, 2)
    beds, done = rnd.randint(500, 5000), rnd.randint(50, 500)
    verb = rnd.choice(["将完成", "将建成"])
    plan = f"今年{verb}{a}、{b}等项目，新增床位约{beds}张。"
    facts = _facts([("name", "医疗卫生方面"), ("progress", plan + f"{b}已于近日启动试运营。")])
    assert [(_read(facts, i.target), i.progress, i.status) for i in facts.indicators] == [(f"{beds}张", [], "unknown")]
    facts = _facts([("name", "医疗卫生方面"), ("progress", plan + f"截至目前已新增床位{done}张。")])
    assert _links(facts) == [(f"{beds}张", f"{done}张")]


@pytest.mark.parametrize("seed", range(12))
def test_a_figure_a_plan_follows_in_its_clause_is_the_target_and_its_date_the_deadline(seed):
    """已完成…等6处园林设施提升改造，…，全部7处公园计划7月1日前对外开放: the figure a plan cue follows
    (with its subject between) is the target the figure before it answers, and the deadline of
    its clause is the item's. A done word before the figure keeps it progress."""
    rnd = random.Random(seed)
    total = rnd.randint(5, 40)
    done = rnd.randint(1, total - 1)
    month = rnd.randint(5, 8)
    cue = rnd.choice(["计划", "预计", "力争"])
    facts = _facts([("name", "增加群众休闲场所"),
                    ("progress", f"已完成滨河公园等{done}处园林设施提升改造，其余正在收尾，"
                                 f"全部{total}处公园{cue}{month}月1日前对外开放")], ref="2024-10-15")
    assert _links(facts) == [(f"{total}处", f"{done}处")]
    assert facts.deadline == f"2024-{month:02d}-01"
    status = "behind" if done / total < 0.9 else "on_track"   # the deadline has passed: expected 1.0
    assert facts.expected == 1.0 and facts.indicators[0].status == status and facts.status == status
    facts = _facts([("name", "增加群众休闲场所"), ("target", f"改造提升公园{total}处"),
                    ("progress", f"已完成{done}处公园改造，计划年底前全部完成")], ref="2024-10-15")
    assert _links(facts) == [(f"{total}处", f"{done}处")]


@pytest.mark.parametrize("seed", range(12))
def test_a_larger_count_later_in_the_sentence_is_another_report_not_progress(seed):
    """新建或改造153个社区老年活动中心，完成224个社区老年活动场所条件改善: no plan word marks the first
    figure, and the larger one after it in its sentence is another thing reported beside it — no
    target, no link. A smaller one is the progress on it (建设50家示范店，已建成49家), and so is
    a later sentence's (新建10所。目前已建成8所)."""
    rnd = random.Random(seed)
    first = rnd.randint(20, 300)
    more, less = first + rnd.randint(1, 300), rnd.randint(1, first)
    opening = f"新建或改造{first}个社区老年活动中心"
    facts = _facts([("progress", f"{opening}，完成{more}个社区老年活动场所条件改善和设施购置")])
    assert _links(facts) == []
    facts = _facts([("progress", f"{opening}，已建成{less}个社区老年活动中心")])
    assert _links(facts) == [(f"{first}个", f"{less}个")]
    facts = _facts([("progress", f"{opening}。目前已完成{more}个社区老年活动中心")])
    assert _links(facts) == [(f"{first}个", f"{more}个")]


@pytest.mark.parametrize("seed", range(12))
def test_the_opening_of_a_year_in_a_reports_lead_is_no_as_of_date(seed):
    """年初，区人大代表票决确定10项民生实事项目: 年初 says when the plan was set, not the date the
    report's figures are as of; a title's month (9月份民生工程进展情况) still is."""
    import datetime as dt

    from minsheng_ie.facts.documents import title_as_of

    rnd = random.Random(seed)
    year, month = rnd.randint(2015, 2025), rnd.randint(3, 11)
    ref = dt.date(year, month, 28)
    ext = minsheng_ie.default_extractor()
    lead = ext.extract(f"{year}年初，区人大代表票决确定{rnd.randint(8, 12)}项民生实事项目。", ref_date=ref, field="text")
    assert title_as_of([lead], ref) is None
    title = ext.extract(f"{month - 1}月份民生实事项目进展情况", ref_date=ref, field="text")
    end = dt.date(year, month, 1) - dt.timedelta(days=1)
    assert title_as_of([lead, title], ref) == end


@pytest.mark.parametrize("seed", range(12))
def test_a_statement_of_the_items_group_speaks_for_the_item_not_its_indicators(seed):
    """上述N项实事均超额完成年度目标任务 (said of the item's group): the item is done, but a target of it
    with no progress figure stays unknown — the statement names none of its figures. A status cell
    of the item's own (已完成) still makes it done."""
    rnd = random.Random(seed)
    n, seats = rnd.randint(2, 9), rnd.randint(100, 900)
    units = [("name", "学前教育扩容"), ("target", f"新增公办幼儿园学位{seats}个"), ("progress", "各项工作有序推进")]
    said = [f"上述{n}项实事均{rnd.choice(['超额完成年度目标任务', '已全面完成'])}"]
    facts = minsheng_ie.item_facts(units, ref_date=REF, said=said)
    assert facts.status == "done"
    assert [i.status for i in facts.indicators] == ["unknown"]
    facts = minsheng_ie.item_facts(units + [("status", "已完成")], ref_date=REF)
    assert facts.status == "done" and [i.status for i in facts.indicators] == ["done"]
