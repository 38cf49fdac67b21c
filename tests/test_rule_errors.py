"""A broken rule file gives one clear error naming the file, the rule id, the line and the key."""
import textwrap

import pytest

from minsheng_ie import Extractor, RuleError

GOOD_RULE = """
  - id: user.ok
    label: QUANTITY
    priority: 10
    value: quantity
    pattern:
      - {IS_NUM: true, NAME: num}
      - {LEX: unit, NAME: unit}
    examples:
      match:
        - text: 3座
          expect: [{text: 3座, value: 3, unit: 座}]
"""


def load(tmp_path, body, name="bad.yaml"):
    (tmp_path / name).write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        Extractor(rules=tmp_path)
    return str(err.value)


def test_malformed_yaml(tmp_path):
    msg = load(tmp_path, "rules:\n  - id: user.x\n    label: [QUANTITY\n")
    assert "bad.yaml" in msg and "malformed YAML" in msg and "line" in msg


def test_unknown_label(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("label: QUANTITY", "label: MONEY"))
    assert "bad.yaml" in msg and "user.ok" in msg and "label" in msg and "line 2" in msg


def test_missing_id(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("  - id: user.ok\n    label", "  - label"))
    assert "bad.yaml" in msg and "'rules -> 0 -> id'" in msg and "Field required" in msg


def test_duplicate_id(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE + GOOD_RULE)
    assert "bad.yaml" in msg and "duplicate rule id 'user.ok'" in msg


def test_duplicate_of_bundled_id(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("user.ok", "quantity.number_unit"))
    assert "duplicate rule id 'quantity.number_unit'" in msg


def test_invalid_regex(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("{IS_NUM: true, NAME: num}", '{REGEX: "[0-9", NAME: num}'))
    assert "user.ok" in msg and "REGEX" in msg and "invalid regex" in msg


def test_catastrophic_regex_refused(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("{IS_NUM: true, NAME: num}", '{REGEX: "(a+)+b", NAME: num}'))
    assert "user.ok" in msg and "REGEX" in msg and "nested" in msg


def test_unknown_lexicon(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("LEX: unit", "LEX: units_typo"))
    assert "user.ok" in msg and "LEX" in msg and "unknown lexicon 'units_typo'" in msg


def test_unknown_key_in_token_spec(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("NAME: unit}", "NAME: unit, LEXX: unit}"))
    assert "user.ok" in msg and "pattern -> 1 -> LEXX" in msg and "Extra inputs" in msg


def test_unknown_normaliser(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("value: quantity", "value: qty"))
    assert "user.ok" in msg and "unknown value normaliser 'qty'" in msg


def test_rule_without_examples(tmp_path):
    body = "rules:" + GOOD_RULE.split("    examples:")[0]
    msg = load(tmp_path, body)
    assert "user.ok" in msg and "examples" in msg


def test_bad_lexicon_file(tmp_path):
    msg = load(tmp_path, "lexicons:\n  unit:\n    entries:\n      座: {dimension: count, colour: red}\n",
               name="lex.yaml")
    assert "lex.yaml" in msg and "colour" in msg


def test_unit_dimension_from_the_fixed_list(tmp_path):
    msg = load(tmp_path, "lexicons:\n  unit:\n    entries:\n      根桩位: {dimension: counts}\n", name="lex.yaml")
    assert "lex.yaml" in msg and "根桩位 -> dimension" in msg and "'counts'" in msg and "count," in msg
    msg = load(tmp_path, "lexicons:\n  unit:\n    entries:\n      根桩位: {forms: [根桩]}\n", name="lex.yaml")
    assert "根桩位 -> dimension" in msg and "every unit has one" in msg


def test_file_of_neither_kind(tmp_path):
    msg = load(tmp_path, "hello: world\n")
    assert "bad.yaml" in msg and "rules" in msg


def test_all_problems_reported_together(tmp_path):
    body = "rules:" + GOOD_RULE.replace("label: QUANTITY", "label: MONEY") + GOOD_RULE.replace(
        "user.ok", "user.two").replace("priority: 10", "priority: -5")
    msg = load(tmp_path, body)
    assert "user.ok" in msg and "user.two" in msg and "priority" in msg
