"""Item facts: structures of unseen reports (docs/annotation-notes/itemaud.md) — plans named
after their figure, plan sentences that report, planned shares, standards set, a label's
comparator on a bare target, approvals. Each stated with generated cases whose expected values
are computed here."""
import random

import pytest

import minsheng_ie

REF = "2024-09-30"
PERSONS = ["城镇新增就业", "新增农村劳动力转移就业", "新增高校毕业生就业"]   # a report word inside the plan
EVENTS = [("心理健康讲座", "场"), ("送戏下乡", "场"), ("公益电影放映", "场"), ("健康义诊", "次")]


def _facts(units, ref=REF, as_of=None):
    return minsheng_ie.item_facts(units, ref_date=ref, as_of=as_of)


def _links(facts):
    read = lambda f: facts.units[f.unit_index][1][f.start:f.end]  # noqa: E731
    return [(read(i.target), read(p)) for i in facts.indicators if i.target for p in i.progress]


@pytest.mark.parametrize("seed", range(12))
def test_a_plan_named_after_its_figure_is_the_target_the_figure_after_it_answers(seed):
    """承诺了新增就业1100万人以上的目标，实际…1361万人; but 已完成1500户的目标任务 reports the target
    reached: a completing word before the figure makes it progress."""
    rnd = random.Random(seed)
    plan = rnd.choice(["目标", "承诺", "目标任务", "预期目标"])
    noun = rnd.choice(PERSONS)
    target, done = rnd.randint(500, 1200), rnd.randint(100, 1500)
    post = rnd.choice(["", "以上"])
    facts = _facts([("progress", f"报告承诺了{noun}{target}万人{post}的{plan}，实际全年{noun}{done}万人")],
                   as_of="2024-12-31")
    assert _links(facts) == [(f"{target}万人", f"{done}万人")]
    assert facts.indicators[0].completion == round(done / target, 4)
    count = rnd.randint(100, 3000)
    facts = _facts([("target", f"改造农村危房{count}户"),
                    ("progress", f"{rnd.choice(['已完成', '已全面完成', '累计完成'])}{count}户的{plan}")])
    assert _links(facts) == [(f"{count}户", f"{count}户")] and facts.status == "done"


@pytest.mark.parametrize("seed", range(12))
def test_a_plan_sentence_reaches_on_until_it_reports(seed):
    """原计划全年开展讲座50场，截至6月底已开展60场: the plan is the target, what was done answers it."""
    rnd = random.Random(seed)
    (event, unit), (target, done) = rnd.choice(EVENTS), (rnd.randint(10, 90), rnd.randint(5, 120))
    report = rnd.choice(["截至6月底已开展", "目前已完成", "实际完成"])
    facts = _facts([("name", f"{event}项目"), ("progress", f"原计划全年开展{event}{target}{unit}，{report}{done}{unit}")])
    assert _links(facts) == [(f"{target}{unit}", f"{done}{unit}")]


@pytest.mark.parametrize("seed", range(12))
def test_a_done_word_in_the_figures_clause_beats_a_plan_word_of_an_earlier_clause(seed):
    """2021年计划完成投资为6000万元，截至12月底，实际完成投资7249万元."""
    rnd = random.Random(seed)
    target, done = rnd.randint(1000, 9000), rnd.randint(500, 12000)
    facts = _facts([("name", "市政道路建设"), ("progress", f"2024年计划完成投资为{target}万元，截至9月底，"
                                                      f"{rnd.choice(['实际', '已', '累计'])}完成投资{done}万元")])
    assert _links(facts) == [(f"{target}万元", f"{done}万元")]


@pytest.mark.parametrize("seed", range(12))
def test_a_planned_share_is_answered_by_the_actual_share_on_schedule_or_not(seed):
    """计划完成工程量5%，实际完成工程量6% → on_track; fewer done than planned → behind (ITEMS.md)."""
    rnd = random.Random(seed)
    planned, actual = rnd.randint(5, 80), rnd.randint(1, 99)
    word = rnd.choice(["计划完成", "应完成"])
    facts = _facts([("name", "人行过街天桥项目"), ("progress", f"{word}工程量{planned}%，实际完成工程量{actual}%")])
    assert _links(facts) == [(f"{planned}%", f"{actual}%")]
    assert facts.status == ("on_track" if actual >= planned else "behind")


@pytest.mark.parametrize("seed", range(12))
def test_a_review_answers_no_target(seed):
    """既有住宅加装电梯300台。完成联合审批755台，竣工517台: the 竣工 figure answers, the approvals do not."""
    rnd = random.Random(seed)
    target, approved, built = rnd.randint(100, 400), rnd.randint(401, 900), rnd.randint(50, 600)
    review = rnd.choice(["联合审批", "审批", "方案批复"])
    facts = _facts([("target", f"既有住宅加装电梯{target}台"), ("progress", f"完成{review}{approved}台，竣工{built}台")])
    assert _links(facts) == [(f"{target}台", f"{built}台")]


@pytest.mark.parametrize("seed", range(12))
def test_the_levels_of_a_standard_link_however_written(seed):
    """提高…标准: 不低于60元 ← a 元/月/人 column's 60; a row 城市低保标准 (元/月/人) 600 ← 已达到644元/月;
    75 ← 已按每人每月75元的标准发放. The level it starts from (由…) stays a condition."""
    rnd = random.Random(seed)
    who = rnd.choice(["困难残疾人生活补贴", "重度残疾人护理补贴", "农村低保", "城市低保"])
    level = rnd.randint(40, 900)
    reached = level + rnd.randint(0, 80)
    facts = _facts([("target", f"提高{who}发放标准"), ("unit", "元/月/人"), ("target", f"不低于{level}元"),
                    ("progress", str(reached))])
    assert _links(facts) == [(f"{level}元", str(reached))] and facts.status == "done"
    facts = _facts([("target", f"{who}标准"), ("unit", "元/月/人"), ("target", str(level)),
                    ("text", rnd.choice([f"1-9月{who}标准已达到{reached}元/月", f"已按每人每月{reached}元的标准发放"]))])
    (ind,) = facts.indicators
    assert ind.completion == round(reached / level, 4) and ind.status == "done"
    old = level - rnd.randint(5, 30)
    facts = _facts([("target", f"将{who}标准由每人每月{old}元提高到每人每月{level}元")])
    assert [i.target.entity.value for i in facts.indicators] == [level]


@pytest.mark.parametrize("seed", range(12))
def test_a_label_ending_with_a_comparator_bounds_the_bare_target(seed):
    """城镇登记失业率低于(%) | 4.3 | 4.2: an upper bound met (done) or missed (behind)."""
    rnd = random.Random(seed)
    word, comparator = rnd.choice([("低于", "<"), ("控制在", "<="), ("不超过", "<=")])
    bound = round(rnd.uniform(3.0, 6.0), 1)
    reached = round(bound + rnd.choice([-1, 1]) * rnd.uniform(0.1, 0.9), 2)
    facts = _facts([("target", f"城镇登记失业率{word}(%)"), ("target", str(bound)), ("progress", str(reached))])
    (ind,) = facts.indicators
    met = reached < bound if comparator == "<" else reached <= bound
    assert ind.met is met and ind.completion is None and ind.status == ("done" if met else "behind")
