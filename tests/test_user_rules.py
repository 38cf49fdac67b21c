"""Users extend the extractor with YAML only: a new unit and a new deadline cue."""
import textwrap

import pytest

from minsheng_ie import Extractor, RuleError


# a user rule counting wells (眼井); `value` is what its example expects
WELL_RULE = """
    rules:
      - id: {id}
        label: QUANTITY
        priority: 51
        value: quantity
        pattern:
          - {{IS_NUM: true, NAME: num}}
          - {{TEXT: 眼井, NAME: unit}}
        examples:
          match:
            - text: 新打10眼井
              expect: [{{text: 10眼井, value: {value}, unit: 眼井}}]
"""


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_new_unit_and_deadline_cue_from_user_directory(tmp_path):
    base = Extractor()
    text = "建设充电桩30根桩位，务求9月完成"
    before = base.extract(text, ref_date="2024-09-30")
    assert not any(e.text == "30根桩位" for e in before.entities)
    assert not before.by_label("DEADLINE")

    write(tmp_path / "my_lexicons.yaml", """
        lexicons:
          unit:
            entries:
              根桩位: {dimension: count}
          deadline_cue:
            entries:
              务求: plan
    """)
    write(tmp_path / "my_rules.yaml", WELL_RULE.format(id="user.example_rule", value=10))
    ext = Extractor(rules=tmp_path)
    after = ext.extract(text, ref_date="2024-09-30")
    q = [e for e in after.entities if e.label == "QUANTITY"]
    assert [(e.text, e.value, e.unit) for e in q] == [("30根桩位", 30, "根桩位")]
    assert [(e.text, e.value) for e in after.by_label("DEADLINE")] == [("9月", "2024-09-30")]
    assert ext.extract("新打10眼井").entities[0].rule == "user.example_rule"


def test_failing_user_example_is_an_error(tmp_path):
    write(tmp_path / "r.yaml", WELL_RULE.format(id="user.broken_example", value=11))
    with pytest.raises(RuleError) as err:
        Extractor(rules=tmp_path)
    msg = str(err.value)
    assert "r.yaml" in msg and "user.broken_example" in msg and "examples" in msg and "value" in msg
