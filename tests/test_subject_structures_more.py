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
