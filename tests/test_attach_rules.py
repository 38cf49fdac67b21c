"""Attaching rules (label SUBJECT): a user rule is data like any other, walked outwards
from each figure; malformed ones are refused by name; subjects keep their offsets."""
import random
import textwrap

import pytest

import minsheng_ie
from minsheng_ie import Extractor, RuleError

from .conftest import GOLD

# a subject in brackets after its figure (建成3个（服务站）), above every bundled rule; TEXT
# compares the normalised token, where full-width brackets are ( )
BRACKET_RULE = """
rules:
  - id: user.bracketed_subject
    label: SUBJECT
    priority: 99
    value: subject
    pattern:
      - {ENT: QUANTITY, NAME: figure}
      - {TEXT: "("}
      - {IS_HAN: true, NAME: subject, OP: "+"}
      - {TEXT: ")"}
    examples:
      match:
        - text: 建成3个（服务站）
          expect: [{text: 3个, subject: 服务站}]
      no_match:
        - 建成3个服务站
"""


def write(tmp_path, body):
    (tmp_path / "subjects.yaml").write_text(textwrap.dedent(body), encoding="utf-8")


def test_user_attaching_rule(tmp_path):
    write(tmp_path, BRACKET_RULE)
    ext = Extractor(rules=tmp_path)
    text = "今年新建养老设施10个，目前建成3个（日间照料中心）"
    figs = {e.text: e for e in ext.extract(text).entities}
    assert figs["3个"].subject.text == "日间照料中心" and figs["3个"].subject_rule == "user.bracketed_subject"
    s = figs["3个"].subject
    assert text[s.start:s.end] == s.text
    # the bundled rules still attach to the other figure, and nothing changes without the rule
    assert figs["10个"].subject.text == "养老设施"
    assert minsheng_ie.extract(text).entities[1].subject_rule != "user.bracketed_subject"


@pytest.mark.parametrize("pattern, message", [
    ("[{IS_HAN: true, NAME: subject}, {ENT: QUANTITY}]", "one ENT step named 'figure'"),
    ("[{IS_HAN: true, NAME: subject}, {ENT: QUANTITY, NAME: figure, OP: '?'}]", "no OP"),
    ("[{ENT: QUANTITY, NAME: figure}, {ENT: QUANTITY, NAME: figure}]", "one ENT step named 'figure'"),
])
def test_malformed_attaching_rule_is_refused(tmp_path, pattern, message):
    body = BRACKET_RULE.replace(BRACKET_RULE[BRACKET_RULE.index("    pattern:"):BRACKET_RULE.index("    examples:")],
                                f"    pattern: {pattern}\n")
    write(tmp_path, body)
    with pytest.raises(RuleError) as err:
        Extractor(rules=tmp_path)
    assert "user.bracketed_subject" in str(err.value) and message in str(err.value)


def test_outside_ent_only_in_attaching_rules(tmp_path):
    body = BRACKET_RULE.replace("label: SUBJECT", "label: QUANTITY").replace(
        "{IS_HAN: true, NAME: subject, OP: \"+\"}", "{IS_HAN: true, OUTSIDE_ENT: true, OP: \"+\"}")
    write(tmp_path, body)
    with pytest.raises(RuleError) as err:
        Extractor(rules=tmp_path)
    assert "OUTSIDE_ENT is for attaching rules" in str(err.value)


def test_subject_is_carried_to_each_later_figure_of_the_same_unit():
    r = minsheng_ie.extract("新建村级养老服务站5个，建成3个，在建2个，投资300万元")
    subjects = {e.text: (e.subject.text if e.subject else None) for e in r.entities}
    assert subjects == {"5个": "村级养老服务站", "3个": "村级养老服务站", "2个": "村级养老服务站", "300万元": "投资"}


def test_no_subject_from_beyond_the_window():
    # the same figure, its noun 60 filler figures away: nothing is carried that far
    filler = "，".join(f"第{i}批" for i in range(1, 60))
    r = minsheng_ie.extract(f"新建服务站5个，{filler}，建成3个")
    last = r.entities[-1]
    assert last.text == "3个" and last.subject is None


def test_subject_offsets_hold_on_every_seed_and_shuffled_text():
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    rng = random.Random(13)
    lines = [line for t in texts for line in t.splitlines() if line.strip()]
    texts += ["".join(rng.sample(lines, 8)) for _ in range(20)]
    for text in texts:
        for e in minsheng_ie.extract(text).entities:
            if e.subject is not None:
                s = e.subject
                assert text[s.start:s.end] == s.text and (s.end <= e.start or s.start >= e.end), (e, s)
