"""Item facts: the rules of linking and stated completion that keep false links out
(ITEMS.md "Linking rules" and the hard cases), each stated with generated cases whose
expected values are computed here, not read from the library."""
import random

import opencc
import pytest

import minsheng_ie

REF = "2024-09-30"
NOUNS = ["公办幼儿园", "村级养老服务站", "农村公路", "老旧小区", "公共充电桩", "农贸市场"]


def _facts(units):
    return minsheng_ie.item_facts(units, ref_date=REF)


def _texts(facts, ind):
    """(target text, [progress texts]) of an indicator, read back through the offsets."""
    read = lambda f: facts.units[f.unit_index][1][f.start:f.end]  # noqa: E731
    return (read(ind.target) if ind.target else None), [read(p) for p in ind.progress]


def _dimensioned_units():
    """Units of the bundled lexicon with their dimension, one per dimension in the genre."""
    lexicon = minsheng_ie.default_extractor().lexicons["unit"]
    picks = {}
    for form in ("个", "公里", "元", "人", "亩", "平方米", "吨", "台"):
        entry = lexicon.forms[form]
        picks.setdefault(entry.dimension, form)
    return sorted(picks.items())


@pytest.mark.parametrize("seed", range(12))
def test_a_progress_figure_of_another_dimension_is_never_linked(seed):
    rnd = random.Random(seed)
    units = _dimensioned_units()
    (dim_t, unit_t), (dim_p, unit_p) = rnd.sample(units, 2)
    assert dim_t != dim_p
    noun = rnd.choice(NOUNS)
    target, done = rnd.randint(10, 900), rnd.randint(1, 900)
    facts = _facts([("target", f"建设{noun}{target}{unit_t}"), ("progress", f"已完成{noun}{done}{unit_p}")])
    assert facts.indicators, "the target figure is an indicator"
    for ind in facts.indicators:
        assert ind.progress == [] and ind.completion is None


@pytest.mark.parametrize("seed", range(12))
def test_a_bare_share_after_a_figure_is_its_stated_completion(seed):
    rnd = random.Random(seed)
    noun, total = rnd.choice(NOUNS), rnd.randint(4, 400)
    done = rnd.randint(1, total)
    printed = round(done / total * 100)
    shape = rnd.choice(["{noun}{total}个，已完成{done}个（{p}%）", "{total}个{noun}建设已完成{done}个（{p}%）",
                        "新建{noun}{total}个。已建成{done}个，达到{p}%"])
    facts = _facts([("progress", shape.format(noun=noun, total=total, done=done, p=printed))])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == (f"{total}个", [f"{done}个"])
    assert ind.completion == round(done / total, 4) and ind.stated_completion == round(printed / 100, 4)


@pytest.mark.parametrize("seed", range(12))
def test_a_rate_column_states_the_completion_of_the_rows_one_indicator(seed):
    """name | target | progress | 完成率 cells of one table row: the printed rate is the stated
    completion of the row's indicator, next to the computed one (hg05)."""
    rnd = random.Random(seed)
    noun, unit, total = rnd.choice(NOUNS), rnd.choice(["个", "人", "公里", "户"]), rnd.randint(40, 9000)
    done = rnd.randint(1, total * 3 // 2)
    printed = round(done / total * 100)
    facts = _facts([("name", "新增" + noun), ("target", f"{total}{unit}"), ("progress", f"{done}{unit}"),
                    ("rate", f"{printed}%")])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == (f"{total}{unit}", [f"{done}{unit}"])
    assert ind.completion == round(done / total, 4) and ind.stated_completion == round(printed / 100, 4)


@pytest.mark.parametrize("seed", range(12))
def test_the_whole_a_done_part_is_counted_in_is_answered_by_that_part(seed):
    """30个小区中已有3个完成改造、12个正在施工: the whole is the task stated in the progress
    cell, the part right after 中已有 its progress; the stages listed after it are not."""
    rnd = random.Random(seed)
    noun, total = rnd.choice(NOUNS), rnd.randint(20, 400)
    done, busy = rnd.randint(1, total // 3), rnd.randint(1, total // 3)
    cue = rnd.choice(["中已有", "中，已有", "中已", "当中已有"])
    text = f"截至6月底，{total}个{noun}{cue}{done}个完成建设、{busy}个正在施工。"
    facts = _facts([("progress", text)])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == (f"{total}个", [f"{done}个"])
    assert ind.completion == round(done / total, 4)


def test_a_share_with_its_own_subject_or_another_word_is_no_stated_completion():
    facts = _facts([("target", "新增城镇就业5000人"), ("progress", "新增城镇就业4200人，同比增长15%")])
    (ind,) = facts.indicators
    assert ind.stated_completion is None and ind.completion == 0.84


@pytest.mark.parametrize("seed", range(12))
def test_a_total_answers_before_the_parts_listed_under_it(seed):
    rnd = random.Random(seed)
    parts = [rnd.randint(1, 300) for _ in range(rnd.randint(2, 4))]
    total, target = sum(parts), sum(parts) + rnd.randint(0, 300)
    names = rnd.sample(["城区", "乡镇", "幼儿园", "小学", "个人贷款", "园区", "开发区"], len(parts))
    listed = "、".join(f"{n}{v}个" for n, v in zip(names, parts))
    noun = rnd.choice(NOUNS)
    facts = _facts([("target", f"建设{noun}{target}个"), ("progress", f"累计完成{total}个，其中{listed}")])
    (ind,) = facts.indicators
    assert _texts(facts, ind)[1] == [f"{total}个"] and ind.completion == round(total / target, 4)


def test_a_part_under_its_total_answers_only_a_target_it_names():
    # the total answers another stage (开工); a part under it naming another thing answers nothing
    facts = _facts([("target", "新建、改扩建学校40所"), ("progress", "已开工39所，其中幼儿园11所、小学10所")])
    (ind,) = facts.indicators
    assert ind.progress == []
    # parts answer parts that name the same thing
    facts = _facts([("target", "新增就业5000人，其中高校毕业生1500人"), ("progress", "新增就业4200人，其中高校毕业生1100人")])
    assert [(_texts(facts, i)) for i in facts.indicators] == [("5000人", ["4200人"]), ("1500人", ["1100人"])]


@pytest.mark.parametrize("cue", ["另有", "其余", "余下"])
def test_the_rest_beside_what_was_done_is_no_progress(cue):
    rnd = random.Random(cue)
    target = rnd.randint(10, 90)
    done = rnd.randint(1, target - 1)
    facts = _facts([("target", f"改造老旧小区{target}个"), ("progress", f"已完成{done}个，{cue}{target - done}个正在施工")])
    (ind,) = facts.indicators
    assert _texts(facts, ind)[1] == [f"{done}个"] and ind.completion == round(done / target, 4)


@pytest.mark.parametrize("seed", range(6))
def test_a_count_of_the_programme_is_no_indicator(seed):
    rnd = random.Random(seed)
    n = rnd.randint(8, 40)
    m = rnd.randint(1, n)
    noun = rnd.choice(["民生实事", "民生工程", "民生项目"])
    facts = _facts([("text", f"今年确定的{n}件{noun}，已完成{m}件。")])
    assert facts.indicators == []


@pytest.mark.parametrize("seed", range(6))
def test_a_progress_figure_far_beyond_its_target_answers_something_else(seed):
    rnd = random.Random(seed)
    target = rnd.randint(10, 99)
    beyond = target * rnd.randint(21, 400)
    facts = _facts([("progress", f"{target}名个体经营者获得创业担保贷款；全年新增就业{beyond}人")])
    assert all(ind.completion is None for ind in facts.indicators)


def test_a_stated_target_needs_the_figure_after_it_to_name_the_same_thing():
    facts = _facts([("progress", "新建公办幼儿园10所。目前已建成公办幼儿园8所")])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == ("10所", ["8所"])
    facts = _facts([("progress", "74名个体经营者获得创业担保贷款；全年新增城镇就业名额98人")])
    assert all(ind.progress == [] for ind in facts.indicators)


def test_a_target_restated_in_the_progress_cell_is_no_progress():
    facts = _facts([("target", "新建2个嵌入式养老机构"), ("progress", "2个嵌入式养老机构建设已完成1个（50%）")])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == ("2个", ["1个"]) and ind.completion == 0.5 and ind.stated_completion == 0.5


def test_a_whole_task_share_goes_to_the_target_its_sentence_names():
    facts = _facts([("target", "1）完成成人学历提升416人；\n2）完成大专及以上学历提升902人。"),
                    ("progress", "1）成人学历提升：完成提升人数895人，完成率达215%；\n"
                                 "2）大专及以上学历提升：完成大专及以上学历提升1937，完成率214.75%")])
    first, second = facts.indicators
    assert first.completion == round(895 / 416, 4) and first.stated_completion == 2.15
    assert second.progress == [] and second.stated_completion == 2.1475 and second.status == "done"


def test_a_label_before_a_colon_names_the_figure_after_it():
    facts = _facts([("target", "就读公办学校比例：泰顺>85.8%"), ("progress", "就读公办学校比例达86.18%")])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == ("85.8%", ["86.18%"])


def test_an_on_track_word_speaks_where_no_figure_does():
    unreported = _facts([("target", "完成结对帮扶学校1所"), ("status", "基本完成。")])
    assert unreported.status == "on_track" and unreported.indicators[0].status == "on_track"
    done = _facts([("target", "完成学历提升416人"), ("progress", "完成提升人数895人"), ("status", "基本完成。")])
    assert done.indicators[0].status == "done" and done.status == "done"
    lagging = _facts([("target", "完成学历提升416人"), ("progress", "完成提升人数95人"), ("status", "基本完成。")])
    assert lagging.status == "behind"


PAIRS = [("城镇", "农村"), ("城市", "农村"), ("城区", "农村")]
PLACES = ["中心区", "山区县", "端州区、鼎湖区", "广宁县、德庆县", "高新区"]
STANDARDS = ["低保人均最低补差水平", "孤儿养育标准", "低保标准"]


@pytest.mark.parametrize("seed", range(12))
def test_a_respectively_list_pairs_targets_with_the_things_by_position(seed):
    """分别…x元、y元 after A、B: a progress figure that names A answers x, one that names B
    answers y; of several for one thing (one per place), the largest (ITEMS.md)."""
    rnd = random.Random(seed)
    (a, b), std = rnd.choice(PAIRS), rnd.choice(STANDARDS)
    x, y = rnd.randint(300, 900), rnd.randint(200, 600)
    first, second = rnd.sample(PLACES, 2)
    got = {a: [rnd.randint(x, x + 200) for _ in range(2)], b: [rnd.randint(y, y + 200) for _ in range(2)]}
    target = f"将{a}、{b}{std}分别提高到每人每月{x}元、{y}元。"
    progress = "已完成。" + "；".join(f"{place}{std}提高到{a}{got[a][k]}元/人月、{b}{got[b][k]}元/人月"
                                   for k, place in enumerate((first, second))) + "。"
    facts = _facts([("target", target), ("progress", progress)])
    expected = {f"{x}元": (a, x), f"{y}元": (b, y)}
    assert len(facts.indicators) == 2
    for ind in facts.indicators:
        t, ps = _texts(facts, ind)
        thing, value = expected[t]
        best = max(got[thing])
        assert ps == [f"{best}元/人月"], (target, progress)
        assert ind.completion == round(best / value, 4)


@pytest.mark.parametrize("seed", range(12))
def test_parallel_targets_by_place_align_by_list_position(seed):
    """One measure given per place in the target and in the progress: the k-th target takes
    the k-th figure, whichever is larger."""
    rnd = random.Random(seed)
    std = rnd.choice(STANDARDS[1:])
    places = rnd.sample(PLACES, 2)
    targets = [rnd.randint(800, 2400) for _ in places]
    done = [t + rnd.randint(0, 100) for t in targets]
    target = "，".join(f"{p}{std}提高到每人每月{t}元" for p, t in zip(places, targets)) + "。"
    progress = "；".join(f"{p}{std}已提高到{d}元/人月" for p, d in zip(places, done)) + "。"
    facts = _facts([("target", target), ("progress", progress)])
    got = {_texts(facts, ind)[0]: (_texts(facts, ind)[1], ind.completion) for ind in facts.indicators}
    assert got == {f"{t}元": ([f"{d}元/人月"], round(d / t, 4)) for t, d in zip(targets, done)}, (target, progress)


DONE_PHRASES = ["已完工", "已竣工", "已完工并投入使用", "已建成并交付使用", "已于{m}月底完工", "于2024年{m}月竣工",
                "已完成全年任务", "已完成年度目标任务", "已全面完成", "已竣工验收"]
WHOLE = ["", "该项目", "项目", "此项工作", "目前"]


@pytest.mark.parametrize("seed", range(16))
def test_a_done_word_that_names_nothing_but_the_item_makes_it_done(seed):
    """A progress cell whose done clause says nothing but the item, the done words, what joins
    them and the date (项目已于8月底完工并投入使用) makes the item done; simplified or traditional."""
    rnd = random.Random(seed)
    phrase = rnd.choice(DONE_PHRASES).format(m=rnd.randint(1, 8))
    text = rnd.choice(WHOLE) + phrase + rnd.choice(["", "。"])
    text = opencc.OpenCC("s2t").convert(text) if seed % 3 == 0 else text
    target = f"新建{rnd.choice(NOUNS)}" + rnd.choice(["", f"{rnd.randint(1, 9)}个"])
    facts = _facts([("target", target), ("progress", text)])
    assert facts.status == "done", (target, text)


@pytest.mark.parametrize("seed", range(12))
def test_a_done_word_after_a_deadline_or_an_intent_states_a_plan(seed):
    """年底前完工, 预计10月底竣工, 力争全面完成: nothing is done yet."""
    rnd = random.Random(seed)
    lead = rnd.choice(["年底前", f"{rnd.randint(10, 12)}月底前", "预计年底", "力争", f"计划{rnd.randint(10, 12)}月"])
    word = rnd.choice(["完工", "竣工", "全面完成", "投入使用"])
    facts = _facts([("target", f"新建{rnd.choice(NOUNS)}"), ("progress", f"正在施工，{lead}{word}")])
    assert facts.status == "unknown", (lead, word)


@pytest.mark.parametrize("word", ["主体工程已完工", "一期已竣工", "东区已投入使用"])
def test_a_finished_part_does_not_make_the_item_done(word):
    facts = _facts([("target", "新建城市公园1座"), ("progress", f"{word}，正在进行绿化")])
    assert facts.status != "done"


@pytest.mark.parametrize("seed", range(12))
def test_a_figure_in_the_items_quoted_name_is_its_target(seed):
    rnd = random.Random(seed)
    noun, total = rnd.choice(NOUNS), rnd.randint(10, 900)
    done = rnd.randint(1, total)
    verb, quotes, head = rnd.choice(["新建", "完成", "改造"]), rnd.choice(["“”", "「」"]), rnd.choice(["项目", "工程", "行动"])
    text = f"{quotes[0]}{verb}{noun}{total}个{quotes[1]}{head}，已完成{done}个；"
    text = opencc.OpenCC("s2t").convert(text) if rnd.random() < 0.5 else text
    facts = _facts([("progress", text)])
    (ind,) = facts.indicators
    assert (ind.target.entity.value, [p.entity.value for p in ind.progress]) == (total, [done])
    assert ind.completion == round(done / total, 4)


def test_a_short_quoted_slogan_states_no_target():
    facts = _facts([("progress", "打造“15分钟生活圈”项目，已完成12个。")])
    assert all(ind.target is None or ind.target.entity.text != "15分钟" for ind in facts.indicators)


@pytest.mark.parametrize("seed", range(12))
def test_a_plan_bound_after_a_figure_bounds_it(seed):
    rnd = random.Random(seed)
    bound = rnd.randint(30, 60) / 10
    value = round(bound - rnd.randint(1, 20) / 10, 1)
    measure, word, plan = rnd.choice(["城镇登记失业率", "城镇调查失业率"]), rnd.choice(["低于", "不高于"]), rnd.choice(
        ["控制目标", "预期目标", "年度目标"])
    facts = _facts([("progress", f"{measure}{value}%，{word}{bound}%的{plan}。")])
    (ind,) = facts.indicators
    assert (ind.target.entity.value, [p.entity.value for p in ind.progress]) == (bound, [value])
    assert ind.met is True and ind.completion is None and ind.status == "done"


def test_a_ceiling_broken_or_a_target_beaten_is_not_read_as_met():
    """高于X的控制目标 breaks a ceiling, 高于X的预期目标 beats a target: no figure says which."""
    for text in ("城镇调查失业率6.1%，高于5.5%的控制目标。", "城镇调查失业率6.1%，高于5.5%的预期目标。"):
        facts = _facts([("progress", text)])
        assert all(ind.status == "unknown" and ind.met is None for ind in facts.indicators)


@pytest.mark.parametrize("seed", range(12))
def test_a_part_that_names_its_own_target_answers_it(seed):
    """新增托位1155个，其中普惠托位1155个: the part answers 普惠托位685个, the total 托位1140个."""
    rnd = random.Random(seed)
    noun, kind = rnd.choice(["托位", "学位", "床位", "停车位"]), rnd.choice(["普惠", "公办", "公共"])
    whole, part = rnd.randint(500, 2000), rnd.randint(100, 499)
    done_whole, done_part = rnd.randint(100, 2500), rnd.randint(50, 600)
    facts = _facts([("target", f"新增{noun}{whole}个，{kind}{noun}{part}个"),
                    ("progress", f"新增{noun}{done_whole}个，其中新增{kind}{noun}{done_part}个。")])
    got = sorted((ind.target.entity.value, [p.entity.value for p in ind.progress]) for ind in facts.indicators)
    assert got == sorted([(whole, [done_whole]), (part, [done_part])])


TASKS = ["投资", "筛查", "缴费", "接种", "项目投资"]


@pytest.mark.parametrize("seed", range(12))
def test_a_completion_rate_to_reach_is_answered_by_the_share_done(seed):
    """投资完成率达到50%及以上 ← 投资完成率37.44%: the share reached is the progress of the rate
    to reach (completion reached ÷ level), no stated completion; in cells, or in one narrative
    unit whose plan label (目标任务为：) heads every clause of its list."""
    rnd = random.Random(seed)
    task, noun = rnd.choice(TASKS), rnd.choice(NOUNS)
    level, reached = rnd.choice([50, 60, 80, 90]), round(rnd.uniform(10, 99), 2)
    count, started = rnd.randint(200, 2000), rnd.randint(10, 199)
    cells = [("target", f"{task}完成率达到{level}%及以上"), ("progress", f"{task}完成率{reached}%")]
    story = [("progress", f"年度目标任务为：开工改造{noun}{count}个，{task}完成率达到{level}%及以上。"
                          f"截至8月底，已开工{noun}{started}个，{task}完成率{reached}%。")]
    reached_level = [cells[0], ("progress", f"{task}完成率达到{reached}%以上")]   # a level reached, no kind
    for units in (cells, story, reached_level):
        facts = _facts(units)
        rate = [ind for ind in facts.indicators if ind.unit == "%"]
        assert len(rate) == 1 and _texts(facts, rate[0]) == (f"{level}%", [f"{reached}%"])
        assert rate[0].completion == round(reached / level, 4) and rate[0].stated_completion is None
    counted = [ind for ind in _facts(story).indicators if ind.unit == "个"]
    assert [_texts(_facts(story), ind) for ind in counted] == [(f"{count}个", [f"{started}个"])]


@pytest.mark.parametrize("seed", range(12))
def test_members_of_one_list_are_not_target_and_progress_of_each_other(seed):
    """新建或改造153个社区老年活动中心、10个社区老年日间照料中心: two things delivered, not a target
    and its progress, however alike their names."""
    rnd = random.Random(seed)
    head = rnd.choice(["社区老年", "农村幸福", "城市社区"])
    first, second = (f"{head}{rnd.choice(['活动中心', '服务中心'])}", f"{head}日间照料中心")
    a, b = rnd.randint(50, 300), rnd.randint(2, 49)
    facts = _facts([("progress", f"{rnd.choice(['新建或改造', '建设', '新建'])}{a}个{first}、{b}个{second}")])
    for ind in facts.indicators:
        assert ind.target is None or not ind.progress, _texts(facts, ind)


@pytest.mark.parametrize("seed", range(12))
def test_a_level_set_in_a_narrative_unit_is_a_target_with_no_progress(seed):
    """发放标准提高到每人每月55元, then the money paid out: the level set is the item's target,
    which nothing reached answers (a standard, not an amount)."""
    rnd = random.Random(seed)
    who = rnd.choice(["困难残疾人生活补贴", "重度残疾人护理补贴", "城乡低保", "高龄津贴"])
    level, paid = rnd.randint(40, 900), round(rnd.uniform(0.5, 9.9), 2)
    facts = _facts([("progress", f"{who}发放标准{rnd.choice(['提高到', '提高至'])}每人每月{level}元,"
                                 f"{who}累计发放金额{paid}亿元")])
    levels = [ind for ind in facts.indicators if ind.target is not None and ind.target.entity.value == level]
    assert len(levels) == 1 and levels[0].progress == [] and levels[0].status == "unknown"


@pytest.mark.parametrize("seed", range(12))
def test_a_done_word_naming_as_many_things_as_the_target_counts_answers_it(seed):
    """公办幼儿园3所 ← 新建成投用清江幼儿园、…园区和仙溪幼儿园卓南园区: as many names as the target
    counts, each of its head noun, make it done; one name short, nothing is said of it (a head
    shorter than the four characters that name a target by themselves)."""
    rnd = random.Random(seed)
    kind, head, measure = rnd.choice([("公办", "幼儿园", "所"), ("乡镇", "卫生院", "个"), ("农村", "小学", "所")])
    n = rnd.randint(2, 5)
    places = rnd.sample(["清江", "芙蓉", "仙溪", "岭底", "智仁", "雁荡", "大荆", "虹桥"], n)
    names = [f"{p}{head}" + rnd.choice(["", "东园区", "新址"]) for p in places]
    listed = "、".join(names[:-1]) + "和" + names[-1]
    for count, status in ((n, "done"), (n + 1, "unknown")):
        facts = _facts([("target", f"新改扩建{kind}{head}{count}{measure}"),
                        ("progress", f"{rnd.choice(['新建成投用', '已建成投用'])}{listed}")])
        (ind,) = facts.indicators
        assert ind.status == status


@pytest.mark.parametrize("seed", range(8))
def test_a_task_done_in_a_status_cell_is_done_and_a_share_of_it_is_not(seed):
    rnd = random.Random(seed)
    noun, count = rnd.choice(NOUNS), rnd.randint(2, 30)
    facts = _facts([("target", f"新增{count}个{noun}"), ("progress", f"完成新增{noun}建设。"), ("status", "完成任务")])
    assert facts.status == "done" and [ind.status for ind in facts.indicators] == ["done"]
    share = rnd.randint(10, 90)
    facts = _facts([("target", f"新增{count}个{noun}"), ("progress", f"完成任务的{share}%")])
    assert facts.status == "on_track" if share / 100 >= facts.expected - 0.10 else facts.status == "behind"


TASK_WORDS = ["完成年度目标任务", "完成年度任务", "完成全年目标任务", "完成全年任务", "超额完成年度目标任务",
              "已完成年度目标任务", "提前完成全年目标任务"]


@pytest.mark.parametrize("seed", range(12))
def test_a_task_done_in_a_clause_of_its_own_makes_each_figure_done(seed):
    """…建成X共N座，新增Y M吨/天，完成年度目标任务: the whole task is done; it speaks of the last
    figure of each unit in its sentence (the parts before a total are the total's)."""
    rnd = random.Random(seed)
    parts = [rnd.randint(2, 90) for _ in range(rnd.randint(0, 3))]
    total = sum(parts) or rnd.randint(2, 90)
    capacity = rnd.randint(100, 9000)
    listed = "、".join(f"第{k + 1}站（{n}座）" for k, n in enumerate(parts))
    word = rnd.choice(TASK_WORDS)
    text = (f"全年建成{listed}{'共计' if parts else ''}{total}座生活垃圾中转站，"
            f"新增转运能力{capacity}吨，{word}。")
    facts = _facts([("name", "生活垃圾转运设施建设"), ("progress", text)])
    got = sorted(_texts(facts, ind)[1][0] for ind in facts.indicators)
    assert got == sorted([f"{total}座", f"{capacity}吨"])
    assert facts.status == "done" and all(ind.status == "done" for ind in facts.indicators)


@pytest.mark.parametrize("seed", range(12))
def test_a_share_after_a_task_word_is_no_done_task(seed):
    """完成年度任务85% and 完成年度任务的85% state a share; 完成55%的年度目标 the plan done."""
    rnd = random.Random(seed)
    noun, target = rnd.choice(NOUNS), rnd.randint(20, 400)
    done = rnd.randint(1, target // 3)
    share = round(done / target * 100, 1)
    word = rnd.choice([w for w in TASK_WORDS if not w.startswith(("超额", "提前"))])
    glue = rnd.choice(["", "的"])
    facts = _facts([("target", f"新建{noun}{target}个"), ("progress", f"已建成{done}个，{word}{glue}{share}%")])
    (ind,) = facts.indicators
    assert ind.status == "behind" and facts.status == "behind"   # a third or less at the end of September
    facts = _facts([("target", f"{noun}占比达到{share}%"), ("progress", f"已提前完成{share}%的年度目标")])
    assert facts.status == "done"


@pytest.mark.parametrize("seed", range(12))
def test_a_bare_progress_number_takes_the_target_unit_its_printed_rate_confirms(seed):
    """目标 2500人 | 完成 3321 | 完成率 133%: the quotient is the printed rate, so the two count
    alike and link; a rate that is not their quotient links nothing, nor does a target written
    with a multiplier (316万元: the bare number's scale is unknown)."""
    rnd = random.Random(seed)
    unit = rnd.choice(["人", "户", "个", "公里", "吨"])
    target, done = rnd.randint(50, 5000), rnd.randint(10, 6000)
    decimals = rnd.choice([0, 1, 2])
    rate = round(done / target * 100, decimals)
    printed = f"{rate:.{decimals}f}%"
    facts = _facts([("name", "免费检查"), ("target", f"{target}{unit}"), ("progress", str(done)), ("rate", printed)])
    (ind,) = facts.indicators
    assert _texts(facts, ind) == (f"{target}{unit}", [str(done)])
    assert ind.completion == round(done / target, 4)
    wrong = f"{rate + 7:.{decimals}f}%"
    (ind,) = _facts([("name", "免费检查"), ("target", f"{target}{unit}"), ("progress", str(done)),
                     ("rate", wrong)]).indicators
    assert ind.progress == [] and ind.completion is None
    (ind,) = _facts([("name", "免费检查"), ("target", f"{target}万元"), ("progress", str(done)),
                     ("rate", printed)]).indicators
    assert ind.progress == [] and ind.completion is None
