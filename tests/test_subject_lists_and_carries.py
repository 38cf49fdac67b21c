"""Subject structures of issue subj7 (rules/subjects.yaml), generated: sentences are built from
lists of the genre's nouns, measure words and verbs; the expected subject is the noun (or list)
the sentence was built around, never read back from the extractor."""
import random

import pytest

from .subject_cases import cases, figures
from .subject_cases import written as written_by

TASKS = ["困难群体法律援助", "送戏进万村活动", "残疾人培训", "老有所学行动", "健康口腔行动",
         "重点群体稳定就业", "老旧小区改造", "农村公路养护"]
PERSONS = ["低保老人", "三无老人", "困难重点优抚对象", "困难儿童", "残疾人", "失业人员", "退役军人"]
PLACES = ["乡镇", "社区服务站", "公共就业服务所", "卫生服务中心", "村卫生室"]
ALTERNATIVES = ["街道", "站", "中心"]
ROOMS = ["考场", "教室", "学生宿舍", "卫生室", "功能室"]
THINGS = ["空调", "电子白板", "直饮水机", "监控设备"]
GROUPS = ["高校毕业生", "城镇人员", "农民工", "退役军人", "失业人员"]
PLACING = ["实现", "安置", "帮助", "促进"]
SETS = ["民生实事", "重点民生实事", "为民办实事项目"]
RNG = random.Random(7)


def written(n: int) -> str:
    return written_by(n, RNG)




def completion_rates(_):
    tasks = RNG.sample(TASKS, RNG.randint(2, 4))
    shares = [f"{RNG.randint(10, 99)}.{RNG.randint(1, 9)}%" for _ in tasks]
    closing = RNG.choice([f"等{len(tasks)}项", ""])
    word = RNG.choice(["分别达", "分别为", "依次为"])
    return f"截至4月底,{'、'.join(tasks)}{closing}完成率{word}{'、'.join(shares)};", tasks, shares


@pytest.mark.parametrize("text,tasks,shares", cases(12, completion_rates))
def test_each_completion_rate_takes_the_task_in_its_place(text, tasks, shares):
    found = figures(text)
    for task, share in zip(tasks, shares):
        assert found.get(share) == (task, "completion"), (text, found)


def room_counts(_):
    room, thing = RNG.choice(ROOMS), RNG.choice(THINGS)
    total, done = RNG.randint(200, 600), RNG.randint(10, 99)
    return f"全市共有{total}间{room}，已经安装{thing}{done}间，剩余{total - done}间年内完成", room, [f"{done}间", f"{total - done}间"]


@pytest.mark.parametrize("text,room,counts", cases(10, room_counts))
def test_a_count_in_jian_takes_the_rooms_named_before_it(text, room, counts):
    found = figures(text)
    for figure in counts:
        assert found.get(figure, (None,))[0] == room, (text, found)


def person_lists(_):
    members = RNG.sample(PERSONS, RNG.randint(2, 3))
    joined = "、".join(members[:-1]) + RNG.choice(["和", "及", "、"]) + members[-1]
    n = RNG.randint(100, 3000)
    return f"为{n}名{joined}购买意外伤害保险", joined, f"{n}名"


@pytest.mark.parametrize("text,joined,figure", cases(10, person_lists))
def test_a_count_before_a_list_of_persons_takes_the_list(text, joined, figure):
    assert figures(text).get(figure, (None,))[0] == joined, text


def alternatives(_):
    place, alt = RNG.choice(PLACES), RNG.choice(ALTERNATIVES)
    n = RNG.randint(2, 60)
    bracket = RNG.choice([("（", "）"), ("(", ")")])
    noun = f"{place}{bracket[0]}{alt}{bracket[1]}"
    return f"新建{n}个{noun}，年内投入使用", noun, f"{n}个"


@pytest.mark.parametrize("text,noun,figure", cases(8, alternatives))
def test_a_bracket_of_alternatives_stays_with_the_counted_place(text, noun, figure):
    assert figures(text).get(figure, (None,))[0] == noun, text


def placed_in_work(_):
    verb, group = RNG.choice(PLACING), RNG.choice(GROUPS)
    n = f"{RNG.randint(1, 30)}.{RNG.randint(1, 9)}万人"
    return f"2024年,我市{verb}{group}就业{n}", group, n


@pytest.mark.parametrize("text,group,figure", cases(8, placed_in_work))
def test_persons_placed_in_work_are_the_subject(text, group, figure):
    assert figures(text).get(figure, (None,))[0] == group, text


def qualified_parts(_):
    noun = RNG.choice(SETS)
    total = RNG.randint(30, 60)
    part = f"{written(RNG.randint(10, total - 1))}项"
    return f"{total}项{noun}中区级承担具体任务的{part}", noun, part


@pytest.mark.parametrize("text,noun,figure", cases(6, qualified_parts))
def test_a_qualified_part_of_a_set_takes_the_set_noun(text, noun, figure):
    assert figures(text).get(figure, (None,))[0] == noun, text
