"""Every example kept beside a rule is a test case (Duckling's corpus habit)."""
import pytest

from minsheng_ie import default_extractor
from minsheng_ie.loading.examples import check, example_cases

CASES = list(example_cases(default_extractor()))


def test_every_rule_has_both_kinds_of_examples():
    rules = default_extractor().rules
    assert rules
    assert [r.id for r in rules if not r.examples.match] == []
    assert [r.id for r in rules if not r.examples.no_match] == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_example(case, extractor):
    assert check(case, extractor) == []
