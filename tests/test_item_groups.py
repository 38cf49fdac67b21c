"""What a report says of several items at once (minsheng_ie.group_statements, facts/groups.py):
generated reports of items and text units, with the items each statement covers computed here."""
import random

import cn2an
import pytest

import minsheng_ie

DONE = ["均超额完成年度目标任务", "均已完成", "已全部完成", "均已建成投用"]
ON_TRACK = ["均实现时间过半任务过半", "均已达到序时进度"]
GROUP = ["上述", "以上", "前述"]


def _report(rnd, n_items):
    """Items 1..n_items, each one progress unit, under a heading."""
    return [(None, "一、促进就业方面")] + [(f"{k:03d}", f"完成创建充分就业社区{rnd.randint(2, 90)}个；")
                                     for k in range(1, n_items + 1)]


@pytest.mark.parametrize("seed", range(16))
def test_a_counted_statement_covers_the_items_it_counts_before_it(seed):
    rnd = random.Random(seed)
    n_items = rnd.randint(2, 9)
    n = rnd.randint(1, n_items)
    count = str(n) if rnd.random() < 0.5 else cn2an.an2cn(n)
    statement = f"{rnd.choice(GROUP)}{count}项实事{rnd.choice(DONE)}。"
    units = _report(rnd, n_items) + [(None, statement), ("999", "开展培训1200人次")]
    said = minsheng_ie.group_statements(units)
    expected = {f"{k:03d}" for k in range(n_items - n + 1, n_items + 1)}
    assert set(said) == expected and all(said[k] == [statement] for k in expected)


@pytest.mark.parametrize("seed", range(16))
def test_an_uncounted_statement_covers_the_items_since_the_text_before_them(seed):
    rnd = random.Random(seed)
    before, listed = rnd.randint(0, 4), rnd.randint(1, 6)
    units = [(f"{k:03d}", "新建公办幼儿园3所") for k in range(1, before + 1)]
    units += [(None, "上半年完成较好的有以下几件，包括")]
    units += [(f"{k:03d}", "新建公办幼儿园3所") for k in range(before + 1, before + listed + 1)]
    statement = "这些项目" + rnd.choice(ON_TRACK + DONE) + "。"
    units.append((None, statement))
    said = minsheng_ie.group_statements(units)
    assert set(said) == {f"{k:03d}" for k in range(before + 1, before + listed + 1)}


@pytest.mark.parametrize("text", ["共完成培训100人以上，均已完成", "上述项目正在推进", "以上为本月进展情况",
                                  "力争上述5项实事年底前全部完成"])
def test_a_sentence_that_is_no_statement_of_the_group_covers_nothing(text):
    """以上 inside a clause is "more than"; a group word with no status word, or after an
    intent word, says nothing done."""
    units = [("001", "新建公办幼儿园3所"), ("002", "新建公办幼儿园3所"), (None, text)]
    assert minsheng_ie.group_statements(units) == {}


@pytest.mark.parametrize("seed", range(8))
def test_a_statement_of_the_group_decides_an_item_with_no_figure_of_its_own(seed):
    """he12: an item clause with a progress figure only, under 上述6项实事均超额完成年度目标任务."""
    rnd = random.Random(seed)
    done = rnd.randint(10, 900)
    units = [("progress", f"完成创建充分就业社区{done}个；")]
    assert minsheng_ie.item_facts(units, ref_date="2014-12-29").status == "unknown"
    facts = minsheng_ie.item_facts(units, ref_date="2014-12-29", said=[f"上述6项实事{rnd.choice(DONE)}。"])
    assert facts.status == "done"
    # the statement's own count (6项) is the group's, never an indicator of the item
    assert all(f.unit_index == 0 for ind in facts.indicators for f in [ind.target, *ind.progress] if f)


@pytest.mark.parametrize("seed", range(12))
def test_a_lead_that_says_every_item_is_done_covers_every_item(seed):
    """hd02: 截至2020年底,10个方面的24项民生实事已全面完成 before the items; not with an exception
    (除…外, 其余97件…) and not when it says no item is done (总体进展顺利)."""
    rnd = random.Random(seed)
    n_items, total = rnd.randint(1, 8), rnd.randint(8, 60)
    count = str(total) if rnd.random() < 0.5 else cn2an.an2cn(total)
    lead = f"截至2020年底，{rnd.randint(2, 9)}个方面的{count}{rnd.choice(['项', '件'])}民生实事" + rnd.choice(
        ["已全面完成。", "均已完成。", "已全部完成。"])
    items = [(f"{k:03d}", "新建公办幼儿园3所") for k in range(1, n_items + 1)]
    said = minsheng_ie.group_statements([(None, lead)] + items)
    assert said == {f"{k:03d}": [lead] for k in range(1, n_items + 1)}
    for other in [f"{count}件实事已全部落实，除跨年度实施的3件实事，其余均已完成。", f"全省{count}件民生实事总体进展顺利。"]:
        assert minsheng_ie.group_statements([(None, other)] + items) == {}
