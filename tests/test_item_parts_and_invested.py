"""Item facts: what a completing verb, a part's label and a plan's breakdown say in a progress
unit that states its own target (itemaud2 audit), each with generated cases whose expected
links and completions are computed here."""
import random

import pytest

import minsheng_ie

REF = "2020-12-30"
PROJECTS = ["农村公路升级改造工程", "区第四幼儿园建设", "城区充电桩建设", "农村危桥改造工程", "水环境治理工程"]
PLACES = ["安化县", "桃江县", "船山区", "安居区", "射洪县", "大英县"]
PEOPLE = ["农村通自来水人口", "新增城镇就业人员", "农村适龄妇女两癌检查人数"]
PROGRAMMES = ["千万元以上重点建设项目", "省重点项目", "民生实事项目"]


def _read(facts, fig):
    return facts.units[fig.unit_index][1][fig.start:fig.end]


def _links(facts):
    return sorted((_read(facts, i.target), _read(facts, p)) for i in facts.indicators if i.target for p in i.progress)


@pytest.mark.parametrize("seed", range(10))
def test_a_plan_named_after_the_completed_figure_is_the_target(seed):
    """全年建成…20个，超额完成15个的年度目标任务: the figure before the plan named after it states the
    target, though a completing verb stands before it, with no stage of its own (hg02: 新开工安置房16768套,
    超额完成1万套的年度目标任务); the delivered figure answers it."""
    rnd = random.Random(seed)
    unit = rnd.choice(["个", "所", "座", "套"])
    target = rnd.randint(5, 400)
    done = target + rnd.randint(1, 50)
    noun = rnd.choice(["区域性居家养老服务中心", "幼儿园", "公共厕所", "安置房"])
    plan = rnd.choice(["年度目标任务", "年度目标", "目标任务"])
    verb = rnd.choice(["建成", "新开工", "开工建设", "完成"])   # the plan's 完成 fulfils it, whatever the stage
    text = f"全年{verb}{noun}{done}{unit},超额完成{target}{unit}的{plan}。"
    facts = minsheng_ie.item_facts([("name", noun + "建设"), ("progress", text)], ref_date=REF)
    assert _links(facts) == [(f"{target}{unit}", f"{done}{unit}")]


@pytest.mark.parametrize("seed", range(10))
def test_what_was_completed_of_an_investment_is_progress(seed):
    """完成项目投资Y万元 after 计划投资X万元: Y answers X (a completing verb before a figure whose
    subject names a plan noun reports what was done)."""
    rnd = random.Random(seed)
    plan = rnd.randint(100, 5000) + rnd.choice([0, 0.5, 0.36])
    done = round(plan * rnd.uniform(0.3, 1.0), 1)
    verb = rnd.choice(["完成项目投资", "完成投资", "累计完成投资"])
    text = f"该项目计划投资{plan:g}万元,建设内容包括{rnd.choice(PROJECTS)}。{verb}{done:g}万元,正在施工。"
    facts = minsheng_ie.item_facts([("name", rnd.choice(PROJECTS) + "项目"), ("progress", text)], ref_date=REF)
    assert _links(facts) == [(f"{plan:g}万元", f"{done:g}万元")]
    (ind,) = [i for i in facts.indicators if i.progress]
    assert ind.completion == round(done / plan, 4)


@pytest.mark.parametrize("seed", range(10))
def test_a_part_is_answered_by_the_figure_naming_its_label(seed):
    """目标…N万人(其中A a万人、B b万人) ← A…a'万人, B…b'万人, 共计N'万人: each part by the figure
    whose words name its place, the total by the remaining total, whatever the order."""
    rnd = random.Random(seed)
    noun = rnd.choice(PEOPLE)
    a, b = rnd.sample(PLACES, 2)
    ta, tb = round(rnd.uniform(1, 5), 2), round(rnd.uniform(1, 5), 2)
    da, db = round(ta * rnd.uniform(0.8, 1.2), 4), round(tb * rnd.uniform(0.8, 1.2), 4)
    total, done = round(ta + tb, 2), round(da + db, 4)
    target = f"目标任务为新增{noun}{total:g}万人(其中{a}{ta:g}万人、{b}{tb:g}万人)。"
    parts = [f"{a}新增{noun}{da:g}万人", f"{b}新增{noun}{db:g}万人"]
    rnd.shuffle(parts)
    progress = f"截止年底,{parts[0]},{parts[1]},共计新增{noun}{done:g}万人。"
    facts = minsheng_ie.item_facts([("target", target), ("progress", progress)], ref_date=REF)
    assert _links(facts) == sorted([(f"{total:g}万人", f"{done:g}万人"), (f"{ta:g}万人", f"{da:g}万人"),
                                    (f"{tb:g}万人", f"{db:g}万人")])


@pytest.mark.parametrize("seed", range(10))
def test_a_part_of_a_plan_stated_in_a_progress_unit_is_no_progress(seed):
    """计划实施…项目N个,…。其中…项目M个,…: M is a share of the plan, not what was done of it;
    the investment done still answers the year's plan."""
    rnd = random.Random(seed)
    n = rnd.randint(20, 90)
    m = rnd.randint(1, n - 1)
    plan, done = round(rnd.uniform(10, 60), 2), None
    done = round(plan * rnd.uniform(0.3, 0.9), 2)
    text = (f"2020年计划实施{rnd.choice(PROGRAMMES)}{n}个,年度计划完成投资{plan:g}亿元,1-6月份累计完成投资{done:g}亿元。"
            f"其中亿元以上项目{m}个,总投资{plan * 3:.2f}亿元。")
    facts = minsheng_ie.item_facts([("progress", text)], ref_date="2020-07-15")
    assert (f"{n}个", f"{m}个") not in _links(facts)
    assert (f"{plan:g}亿元", f"{done:g}亿元") in _links(facts)
