"""Item facts: the rules of linking and stated completion that keep false links out
(ITEMS.md "Linking rules" and the hard cases), each stated with generated cases whose
expected values are computed here, not read from the library."""
import random

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
