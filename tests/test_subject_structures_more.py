"""More subject structures (subjaud5, rules/subjects.yaml), generated: constructed sentences of the
genre, numbers written as digits or by cn2an's writer; the expected subject is the noun the
sentence was built around, never read back from the extractor."""
import random

import pytest

import minsheng_ie

from .subject_cases import cases, subjects
from .subject_cases import written as written_by

RNG = random.Random(55)

# (verb, thing counted, measure word) of the genre's works
THINGS = [("新建", "公办幼儿园", "所"), ("改造", "老旧小区", "个"), ("新开工", "安置房", "套"),
          ("新(改)扩建", "旅游厕所", "座"), ("建成", "区域性居家养老服务中心", "个"), ("增加", "入学名额", "个")]
TASKS = ["年度目标任务", "年度任务", "全年任务", "目标任务"]
DONE = ["超额完成", "完成", "已完成"]


def written(n: int) -> str:
    return written_by(n, RNG)


# ---- 完成 + a count + 的 + the year's task: the target's amount of the things counted before it ----

def target_amount(_):
    verb, thing, unit = RNG.choice(THINGS)
    target = RNG.randint(10, 90)
    done = target + RNG.randint(1, 30)
    figure = f"{target}{unit}"
    text = f"全年{verb}{thing}{done}{unit}，{RNG.choice(DONE)}{figure}的{RNG.choice(TASKS)}。"
    return text, thing, figure


@pytest.mark.parametrize("text,thing,figure", cases(14, target_amount))
def test_a_count_of_the_years_task_counts_the_things_counted_before_it(text, thing, figure):
    assert subjects(text).get(figure) == thing, (text, subjects(text))


def test_a_count_of_the_task_alone_keeps_the_task():
    # nothing counted before it: the count is of the task named after it
    assert subjects("超额完成40所的年度目标任务。").get("40所") == "年度目标任务"


def test_a_count_of_another_unit_carries_nothing():
    # 个 cannot count what 所 counted: the carry needs the same unit
    assert subjects("新建公办幼儿园48所，超额完成40个的年度目标任务。").get("40个") != "公办幼儿园"


def test_a_figure_per_head_is_no_total_to_carry():
    text = "全年开展食品抽检5.48万批次，样本量达到每千人6.8批次，超额完成4.7万批次的年度目标任务。"
    assert subjects(text).get("4.7万批次") == "食品抽检"


@pytest.mark.parametrize("verb,thing,unit", THINGS[:5])
def test_the_task_stated_after_a_count_is_the_target_the_count_before_it_answers(verb, thing, unit):
    # item facts: the count of the year's task is the target, the count before it its progress
    text = f"全年{verb}{thing}60{unit}，超额完成50{unit}的年度目标任务。"
    facts = minsheng_ie.item_facts([("name", f"{thing}建设工程"), ("progress", text)], ref_date="2019-01-12")
    inds = facts.to_dict()["indicators"]
    assert len(inds) == 1, (text, inds)
    assert abs(inds[0]["completion"] - 1.2) < 1e-9, (text, inds)
    assert inds[0]["status"] == "done"


# ---- works verbs before their object open no subject -------------------------------------------

WORKS = ["栽种", "新栽种"]
TREES = ["香樟", "银杏", "红枫", "桂花", "水杉"]


def planted(_):
    kinds = RNG.sample(TREES, RNG.randint(1, 3))
    n = RNG.randint(200, 9000)
    return f"在城区道路两侧{RNG.choice(WORKS)}{'、'.join(kinds)}{n}株", "、".join(kinds), f"{n}株"


@pytest.mark.parametrize("text,trees,figure", cases(8, planted))
def test_planting_verbs_open_no_subject(text, trees, figure):
    assert subjects(text).get(figure) == trees, (text, subjects(text))


@pytest.mark.parametrize("verb,thing,unit", [("提标加固", "海塘", "公里"), ("除险加固", "江堤", "公里"),
                                             ("改加装", "电梯", "台"), ("加装", "电梯", "部")])
def test_reinforcing_and_fitting_verbs_open_no_subject(verb, thing, unit):
    n = RNG.randint(3, 90)
    text = f"全年新开工{verb}{thing}{n}{unit}"
    assert subjects(text).get(f"{n}{unit}") == thing, (text, subjects(text))


# ---- upkeep works after the thing measured ------------------------------------------------------

@pytest.mark.parametrize("thing,unit", [("排水设施", "公里"), ("城区道路", "平方米"), ("农村公路", "公里"), ("绿化带", "平方米")])
def test_upkeep_is_works_dropped_after_the_thing(thing, unit):
    n = RNG.randint(2, 900)
    after = f"完成约{n}{unit}{thing}养护"
    before = f"全年完成{thing}养护{n}{unit}"
    assert subjects(after).get(f"{n}{unit}") == thing, (after, subjects(after))
    assert subjects(before).get(f"{n}{unit}") == thing, (before, subjects(before))


# ---- a count, an adjective of worth, 的, the thing counted ---------------------------------------

ADJECTIVES = ["满意", "必要", "优质", "良好", "舒适", "安全"]
NOUNS = ["民生答卷", "居住环境", "出行环境", "托育服务", "学习空间"]


def worth(_):
    adj, noun = RNG.choice(ADJECTIVES), RNG.choice(NOUNS)
    figure = RNG.choice(["一份", "一个", "两个"])
    lead = RNG.choice(["", "更加", "非常"])
    return f"为群众提供了{figure}{lead}{adj}的{noun}", noun, figure


@pytest.mark.parametrize("text,noun,figure", cases(8, worth))
def test_an_adjective_of_worth_before_de_is_no_noun(text, noun, figure):
    assert subjects(text).get(figure) == noun, (text, subjects(text))


def test_a_noun_before_de_is_still_counted():
    # 51个村的入户自来水工程: 村 is counted, no adjective
    assert subjects("完成51个村的入户自来水工程").get("51个") == "村"


# ---- 基本建成, the housing statistics' stage ----------------------------------------------------

@pytest.mark.parametrize("place", ["全省", "全市", "全县"])
def test_a_programme_before_basically_built_is_the_subject(place):
    n = RNG.randint(100, 9000)
    text = f"{place}棚户区改造基本建成{n}套"
    assert subjects(text).get(f"{n}套") == f"{place}棚户区改造", (text, subjects(text))


def test_basically_built_after_a_stage_count_is_the_stage():
    text = "今年保障性住房开工任务为1.5万套；实际开工1.2万套，基本建成8000套，超额完成年度任务。"
    assert subjects(text).get("8000套") == "基本建成", (text, subjects(text))


def test_basically_built_after_things_named_carries_them():
    text = "全年新建公办幼儿园12所，基本建成9所。"
    assert subjects(text).get("9所") == "公办幼儿园", (text, subjects(text))


# ---- a deadline between the noun and the verb of its figure -------------------------------------

FUNDS = ["省级专项资金", "预算内专项资金", "中央补助资金", "市级财政资金"]
VERBS = ["下达", "拨付"]


def by_deadline(_):
    fund, verb = RNG.choice(FUNDS), RNG.choice(VERBS)
    modal = RNG.choice(["须于", "需于", "应于", "确保", ""])
    a, b = RNG.randint(30, 60), RNG.randint(61, 95)
    text = f"{fund}{modal}2023年6月底前{verb}{a}%以上、9月底前{verb}{b}%以上、11月底前全部{verb}到位。"
    return text, fund, [f"{a}%", f"{b}%"]


@pytest.mark.parametrize("text,fund,figures", cases(10, by_deadline))
def test_a_deadline_before_the_verb_leaves_the_noun_the_subject(text, fund, figures):
    found = subjects(text)
    for figure in figures:
        assert found.get(figure) == fund, (text, found)


def test_a_deadline_and_a_verb_alone_name_the_verb():
    assert subjects("须于2023年6月底前下达60%以上。").get("60%") != "2023年6月底前"


# ---- bodies a count counts; 筹建 before its object ----------------------------------------------

@pytest.mark.parametrize("body", ["行业主管部门", "市直部门", "重点部门"])
def test_a_count_of_bodies_ends_at_the_body(body):
    text = f"对8个{body}投资目标任务实施年度考核"
    assert subjects(text).get("8个") == body, (text, subjects(text))


def test_a_site_before_a_verb_of_setting_up_is_the_subject():
    text = "利用学校南侧约6000平方米场地筹建临时停车场"
    assert subjects(text).get("6000平方米") == "场地", (text, subjects(text))


# ---- a task's progress in the next sentence, opened by 截至 + a date -----------------------------

HOUSING = ["人才公寓", "公租房", "保障性租赁住房", "安置房"]


def date_line(_):
    thing = RNG.choice(HOUSING)
    total = RNG.randint(2000, 9000)
    done = RNG.randint(100, 1999)
    month = RNG.randint(3, 11)
    tail = RNG.choice([f"已有{done}套进场施工", f"已开工建设{done}套", f"已开工{done}套"])
    return f"一是{thing}{total}套建设任务。截至{month}月底，{tail}。", thing, f"{done}套"


@pytest.mark.parametrize("text,thing,figure", cases(10, date_line))
def test_progress_after_a_date_line_counts_the_tasks_things(text, thing, figure):
    assert subjects(text).get(figure) == thing, (text, subjects(text))


def test_a_date_line_with_another_unit_carries_nothing():
    text = "一是公租房1200套。截至9月底，已有800户居民入住。"
    assert subjects(text).get("800户") == "居民", (text, subjects(text))


# ---- a count, the year of what it counts, the noun -----------------------------------------------

@pytest.mark.parametrize("verb,noun", [("确定了", "政府为民办实事项目"), ("全面完成", "民生实事"), ("推出", "重点民生工程")])
def test_a_year_between_a_count_and_its_noun(verb, noun):
    n = RNG.randint(5, 30)
    text = f"通过票选{verb}{n}项{RNG.randint(2015, 2025)}年{noun}。"
    assert subjects(text).get(f"{n}项") == noun, (text, subjects(text))


# ---- a count whose noun follows another figure ----------------------------------------------------

SITES = [("市区公厕", "个"), ("公办幼儿园", "所"), ("农贸市场", "个"), ("社区食堂", "家")]


def joined_counts(_):
    noun, unit = RNG.choice(SITES)
    a, b = RNG.randint(2, 40), RNG.randint(41, 90)
    joint = RNG.choice(["和", "及", "、"])
    verbs = RNG.sample(["新建", "改造", "改扩建", "提升改造"], 2)
    return f"全年{verbs[0]}{a}{unit}{joint}{verbs[1]}{b}{unit}{noun}", noun, [f"{a}{unit}", f"{b}{unit}"]


@pytest.mark.parametrize("text,noun,figures", cases(10, joined_counts))
def test_counts_joined_before_one_noun_share_it(text, noun, figures):
    found = subjects(text)
    for figure in figures:
        assert found.get(figure) == noun, (text, found)


@pytest.mark.parametrize("count,size,noun", [("一幢", "四层", "教学楼"), ("1座", "3000平方米", "图书馆"), ("2栋", "六层", "宿舍楼")])
def test_a_count_before_a_size_counts_the_noun_after_it(count, size, noun):
    text = f"拆除翻建{count}{size}{noun}"
    assert subjects(text).get(count) == noun, (text, subjects(text))


def test_counts_in_separate_clauses_share_nothing():
    assert subjects("新建5个，改造24个市区公厕").get("5个") != "市区公厕"


# ---- a count of tasks before the activity it counts --------------------------------------------

@pytest.mark.parametrize("noun", ["绿化达标活动", "培训提升行动", "整治专项行动"])
def test_a_count_of_tasks_keeps_the_activitys_noun_phrase(noun):
    n = RNG.randint(2, 12)
    text = f"启动{n}项{noun}"
    assert subjects(text).get(f"{n}项") == noun, (text, subjects(text))


# ---- a programme named by an area and its works ------------------------------------------------

@pytest.mark.parametrize("area", ["城镇棚户区", "棚户区", "全市城中村"])
def test_an_areas_works_stay_in_the_programme(area):
    n = RNG.randint(100, 90000)
    text = f"完成{area}改造{n}套"
    assert subjects(text).get(f"{n}套") == f"{area}改造", (text, subjects(text))


def test_a_thing_fused_with_its_works_still_drops_them():
    assert subjects("完成农村危房改造1236户").get("1236户") == "农村危房"


# ---- 后 after the things counted ------------------------------------------------------------------

@pytest.mark.parametrize("noun", ["点", "项目", "小区"])
def test_a_locative_of_time_ends_the_noun_after_a_count(noun):
    n = RNG.randint(2, 9)
    text = f"市人大代表在走访完{n}个{noun}后表示，进展很快"
    assert subjects(text).get(f"{n}个") == noun, (text, subjects(text))


# ---- a whole-area word alone names nothing --------------------------------------------------------

@pytest.mark.parametrize("area", ["全市", "全省", "全县"])
def test_a_whole_area_word_before_the_verb_carries_the_things(area):
    total, done = RNG.randint(20000, 30000), RNG.randint(10000, 19999)
    text = f"建设保障性住房{total}套，目前{area}新开工近{done}套。"
    found = subjects(text)
    assert found.get(f"{done}套") == "保障性住房", (text, found)
    assert area not in found.values()
