"""Item facts of a table row with bare-number columns (ITEMS.md, "Bare numbers in unit
columns"): a number alone in a cell that is no target or progress (总投资, a project's scope)
is no progress figure, and a share alone in a rate column states the completion of the one
pair it equals. Generated rows; expected values computed here."""
import random

import pytest

import minsheng_ie

NAMES = ["学校周边停车场地改造工程", "敬老院电梯加装工程", "菜市场提升改造工程", "医疗急救能力提升工程"]


def _row(rnd: random.Random):
    total = rnd.randint(1000, 9000)                 # the project's whole investment (总投资)
    target = rnd.randint(100, total)                # the year's planned investment
    done = rnd.randint(1, target)                   # invested so far
    rate = round(100 * done / target, 1)
    units = [("name", rnd.choice(NAMES)), ("target", f"新建停车位{rnd.randint(50, 400)}个"),
             ("text", str(total)), ("target", str(target)), ("progress", str(done)), ("rate", f"{rate:g}")]
    return units, target, done, rate


@pytest.mark.parametrize("seed", range(20))
def test_bare_column_pair_links_progress_not_the_scope_cell(seed):
    units, target, done, rate = _row(random.Random(seed))
    facts = minsheng_ie.item_facts(units, ref_date="2022-12-31")
    read = lambda f: facts.units[f.unit_index][1][f.start:f.end]  # noqa: E731
    pairs = [ind for ind in facts.indicators if ind.target and read(ind.target) == str(target)]
    assert len(pairs) == 1
    ind = pairs[0]
    assert [facts.units[p.unit_index][0] for p in ind.progress] == ["progress"]
    assert [read(p) for p in ind.progress] == [str(done)]
    assert ind.completion == pytest.approx(done / target, abs=1e-4)
    # the printed share is kept as printed, on the pair whose quotient it prints
    assert ind.stated_completion == pytest.approx(rate / 100, abs=1e-4)
    assert all(i.stated_completion is None for i in facts.indicators if i is not ind)


def test_a_share_equal_to_no_pair_states_none_of_them():
    units = [("name", NAMES[0]), ("target", "新建停车位120个"), ("text", "3000"), ("target", "1800"),
             ("progress", "1000"), ("rate", "80")]
    facts = minsheng_ie.item_facts(units, ref_date="2022-12-31")
    assert all(i.stated_completion != pytest.approx(0.8) for i in facts.indicators if i.completion is not None)
