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
    assert "user.ok" in msg and "REGEX" in msg and "backtracks" in msg


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


# ---- the contract between rule files and the code that reads them

def test_capture_no_normaliser_reads(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("NAME: unit}", "NAME: units}"))
    assert "bad.yaml" in msg and "user.ok" in msg and "'rules -> 0 -> pattern'" in msg
    assert "capture 'units' is not read by normaliser 'quantity'" in msg


def test_lexicon_a_normaliser_needs_is_missing(tmp_path):
    (tmp_path / "org.yaml").write_text(textwrap.dedent("""
        rules:
          - id: user.org
            label: ORG
            priority: 10
            value: org
            description: a body
            pattern: [{TEXT: 教育局}]
            examples:
              match: [{text: 教育局, expect: [{text: 教育局}]}]
        """), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        Extractor(rules=tmp_path, bundled=False)
    msg = str(err.value)
    assert "org.yaml" in msg and "user.org" in msg and "'rules -> 0 -> value'" in msg
    assert "needs lexicon 'agency'" in msg


def test_lexicon_nobody_reads_gets_a_suggestion(tmp_path):
    msg = load(tmp_path, """
        lexicons:
          units:
            entries:
              根桩位: {dimension: count}
        """, name="my_units.yaml")
    assert "my_units.yaml" in msg and "'lexicons -> units'" in msg and "(line 4)" in msg
    assert "no rule or code reads a lexicon named 'units'" in msg and "did you mean 'unit'?" in msg


def test_lexicon_a_user_rule_reads_is_fine(tmp_path):
    (tmp_path / "lex.yaml").write_text("lexicons:\n  my_units:\n    entries:\n      根桩位: {dimension: count}\n",
                                       encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("rules:" + GOOD_RULE.replace("LEX: unit", "LEX: my_units")
                                         .replace("3座", "3根桩位").replace("unit: 座", "unit: 根桩位"),
                                         encoding="utf-8")
    ext = Extractor(rules=tmp_path)
    assert [e.text for e in ext.extract("3根桩位").entities] == ["3根桩位"]


def test_example_expects_a_key_entities_do_not_have(tmp_path):
    msg = load(tmp_path, "rules:" + GOOD_RULE.replace("unit: 座}", "units: 座}"))
    assert "bad.yaml" in msg and "user.ok" in msg and "examples -> match -> 0 -> expect" in msg
    assert "unknown key(s) units" in msg


def test_joins_an_unknown_lexicon(tmp_path):
    msg = load(tmp_path, """
        lexicons:
          my_rel_year:
            splits_words: true
            joins: [no_such_lexicon]
            entries:
              今年: 0
    """)
    assert "bad.yaml" in msg and "joins" in msg and "no_such_lexicon" in msg
