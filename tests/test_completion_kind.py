"""Which percentages are completions (kind "completion", ANNOTATION.md "Subject"), generated:
lists of tasks and shares, levels to reach and shares due, built from the genre's words; the
expected kind follows from the shape the sentence was built with."""
import random

import pytest

from minsheng_ie import default_extractor

TASKS = ["困难群体法律援助", "送戏进万村活动", "残疾人培训", "老有所学行动", "健康口腔行动", "重点群体稳定就业",
         "放心家政行动", "食品安全检测"]
FIELDS = [None, "progress", "rate", "text"]


def kinds(text: str, field: str | None) -> dict[str, str | None]:
    return {e.text: e.kind for e in default_extractor().extract(text, field=field).entities if e.label == "PERCENT"}


def shares(rnd: random.Random, n: int) -> list[str]:
    return [f"{v}%" for v in dict.fromkeys(round(rnd.uniform(5, 100), rnd.choice([0, 1, 2])) for _ in range(n * 3))][:n]


@pytest.mark.parametrize("seed", range(16))
def test_every_share_of_a_completion_rate_list_is_a_completion(seed):
    """…等5项完成率分别达38%、64%、67.5%: the first share and every one listed after it."""
    rnd = random.Random(seed)
    n = rnd.randint(2, 5)
    tasks, listed = rnd.sample(TASKS, n), shares(rnd, n)
    text = (f"{'、'.join(tasks)}等{n}项完成率{rnd.choice(['分别', '依次'])}"
            f"{rnd.choice(['达', '为', '达到', ''])}{'、'.join(listed)}；")
    got = kinds(text, rnd.choice(FIELDS))
    assert [got.get(p) for p in listed] == ["completion"] * n


@pytest.mark.parametrize("seed", range(16))
def test_a_completion_rate_to_reach_is_no_completion(seed):
    """投资完成率达到50%及以上: a target level; the rate reached after it is a completion."""
    rnd = random.Random(seed)
    task = rnd.choice(["投资", "项目投资", "筛查", "缴费", ""])
    level, reached = shares(rnd, 2)
    text = f"{task}完成率{rnd.choice(['达到', '达', ''])}{level}{rnd.choice(['以上', '及以上'])}。截至8月底，{task}完成率{reached}。"
    got = kinds(text, rnd.choice(FIELDS))
    assert (got[level], got[reached]) == (None, "completion")


@pytest.mark.parametrize("seed", range(16))
def test_a_share_due_is_no_completion(seed):
    """按序时进度应完成75%，实际完成68%: the share due is a plan, the share done a completion."""
    rnd = random.Random(seed)
    due, done = shares(rnd, 2)
    who = rnd.choice(["序时进度", "按序时进度", "截至目前", "项目投资", "全年"])
    text = f"{who}{rnd.choice(['应', '应当', '应该'])}完成{due}，实际完成{done}"
    got = kinds(text, rnd.choice(FIELDS))
    assert (got[due], got[done]) == (None, "completion")
