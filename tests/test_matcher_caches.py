"""The matcher's shortcuts change nothing: token classes answer every step test as its
spec says, and an extractor gives the same results on first contact with a text as
after its caches (words, automaton states, plans) have filled."""
import json
import random
import re
import textwrap

import hypothesis.strategies as st
from hypothesis import given

from minsheng_ie import Extractor, default_extractor
from minsheng_ie.engine.matcher import WORD_BITS
from minsheng_ie.engine.normalize import normalize

from .conftest import GOLD

EXT = default_extractor()
KINDS = ["num", "cnum", "alnum", "word", "punct", "space", "edge"]
GOLD_UNITS = [json.loads(line) for f in sorted(p for p in GOLD.rglob("*.jsonl") if "items" not in p.parts)
              for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
WORDS = sorted({f for lex in EXT.lexicons.values() for f in lex.forms}
               | {t.norm for u in GOLD_UNITS[:200] for t in EXT.tokenizer.tokenize(u["text"], normalize(u["text"]))})
HAN = re.compile(r"[\u3400-\u9fff]+")


def reference(spec: dict):
    """A token test read straight from its spec (docs/rules.md), the slow way: all its
    keys hold, and one of its ANY alternatives; the empty token at a text's ends (kind
    edge) passes only an alternative that asks for it with IS_EDGE: true."""
    own = _reference(spec)
    alts = [_reference({**spec, **alt}) for alt in spec.get("ANY", [{}])]
    asks_edge = [alt.get("IS_EDGE", spec.get("IS_EDGE")) is True for alt in spec.get("ANY", [{}])]
    return lambda n, kind: own(n, kind) and any(
        a(n, kind) and (kind != "edge" or e) for a, e in zip(alts, asks_edge))


def _reference(spec: dict):
    def forms(names):
        names = [names] if isinstance(names, str) else names
        return set().union(*(EXT.lexicons[n].forms for n in names))
    checks = []
    for k, v in spec.items():
        if k == "TEXT":
            checks.append(lambda n, kind, v=v: n == v)
        elif k in ("IN", "LEX"):
            words = set(v) if k == "IN" else forms(v)
            if k == "LEX" and "DIMENSION" in spec:
                words = {f for f in words if EXT.lexicons[v].forms[f].dimension in spec["DIMENSION"]}
            checks.append(lambda n, kind, w=words: n in w)
        elif k in ("NOT_IN", "NOT_LEX"):
            words = set(v) if k == "NOT_IN" else forms(v)
            checks.append(lambda n, kind, w=words: n not in w)
        elif k == "ENDS_WITH_LEX":
            checks.append(lambda n, kind, w=tuple(forms(v)): n.endswith(w))
        elif k == "NOT_ENDS_WITH_LEX":
            checks.append(lambda n, kind, w=tuple(forms(v)): not n.endswith(w))
        elif k == "REGEX":
            checks.append(lambda n, kind, v=v: re.fullmatch(v, n) is not None)
        elif k == "IS_NUM":
            checks.append(lambda n, kind, v=v: (kind in ("num", "cnum")) == v)
        elif k == "IS_PUNCT":
            checks.append(lambda n, kind, v=v: (kind == "punct") == v)
        elif k == "IS_SPACE":
            checks.append(lambda n, kind, v=v: (kind == "space") == v)
        elif k == "IS_HAN":
            checks.append(lambda n, kind, v=v: (HAN.fullmatch(n) is not None) == v)
        elif k == "IS_EDGE":
            checks.append(lambda n, kind, v=v: (kind == "edge") == v)
        elif k == "LENGTH":
            checks.append(lambda n, kind, v=v: len(n) == v)
    return lambda n, kind: all(c(n, kind) for c in checks)


def _tested(spec: dict) -> dict:
    """The token test a step reads: a zero-width PREV/NEXT step's bit is its nested test's."""
    return next((spec[k] for k in ("PREV", "NOT_PREV", "NEXT", "NOT_NEXT") if k in spec), spec)


# the second pass's rules have their bits in their group's MaskView's numbering (view 1 + group),
# the first's in the full one (view 0)
STEPS = [(cr.rule.id, _tested(spec), bit, reference(_tested(spec)), view)
         for view, cr in [*((0, cr) for cr in EXT.matcher._first),
                          *((1 + g, cr) for cr, g in zip(EXT.matcher._second, EXT.matcher._second_group))]
         for spec, step, bit in zip(cr.pattern, cr.steps, cr.bits) if step.ent is None]


def assert_classes_agree(norm: str, kind: str) -> None:
    classes = EXT.matcher.classes
    cls = classes.of(norm, kind)
    masks = [classes.masks[cls], *(view.masks()[cls] for view in EXT.matcher._second_views)]
    for rule_id, spec, bit, passes, view in STEPS:
        assert bool(masks[view] & bit) == passes(norm, kind), (rule_id, spec, norm, kind)


def test_token_classes_answer_like_the_specs_on_known_words():
    for word in WORDS:
        for kind in KINDS:
            assert_classes_agree(word, kind)


@given(st.text(alphabet=st.sampled_from(sorted({c for w in WORDS for c in w}) + list("0123456789.,")), max_size=8),
       st.sampled_from(KINDS))
def test_token_classes_answer_like_the_specs_on_any_word(norm, kind):
    assert_classes_agree(norm, kind)


def test_first_contact_equals_warm_caches():
    warm = [EXT.extract(u["text"], ref_date=u["ref_date"], field=u["field"]) for u in GOLD_UNITS]
    fresh = Extractor()   # its caches fill in the opposite order
    cold = [fresh.extract(u["text"], ref_date=u["ref_date"], field=u["field"]) for u in reversed(GOLD_UNITS)]
    assert warm == cold[::-1]


def test_regex_with_its_own_flags(tmp_path):
    """Regexes are asked only of the words their characters allow (regex_chars.py); a
    case-insensitive one (its flags its own) is asked of every word."""
    (tmp_path / "r.yaml").write_text(textwrap.dedent("""
        rules:
          - id: user.wells_flagged
            label: QUANTITY
            priority: 60
            value: quantity
            pattern:
              - {REGEX: "(?i)[0-9]+", NAME: num}
              - {TEXT: 眼井, NAME: unit}
            examples:
              match:
                - text: 新打10眼井
                  expect: [{text: 10眼井, value: 10, unit: 眼井}]
    """), encoding="utf-8")
    ext = Extractor(rules=tmp_path)
    assert [(e.text, e.rule) for e in ext.extract("再打3眼井").entities] == [("3眼井", "user.wells_flagged")]
    classes = ext.matcher.classes
    i = [rx.pattern for _, rx in classes._regexes].index("(?i)[0-9]+")
    assert classes._regex_filter.candidates("眼井") >> i & 1


def _pieces(seed: int, n: int) -> list[tuple[str, str | None]]:
    """`n` new texts: two random cuts of gold texts joined, with a gold unit's field."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(GOLD_UNITS), rng.choice(GOLD_UNITS)
        i, j = sorted(rng.randrange(len(a["text"]) + 1) for _ in range(2))
        k = rng.randrange(len(b["text"]) + 1)
        out.append((a["text"][i:j] + rng.choice(["", "，", "。", " ", "、"]) + b["text"][k:], a["field"]))
    return out


def test_caches_give_the_same_answers_in_any_order():
    """What the automata remember (states, moves, plans: by the class numbers of their own
    MaskViews) and the side filters of the attach pass give the same entities, values and
    subjects whatever texts came before: two fresh extractors read the same new texts in
    two random orders, and the warm one reads them after all the gold."""
    texts = _pieces(11, 400)
    order = list(range(len(texts)))
    random.Random(5).shuffle(order)
    one, two = Extractor(), Extractor()
    first = [one.extract(t, ref_date="2024-06-30", field=f) for t, f in texts]
    second = {i: two.extract(texts[i][0], ref_date="2024-06-30", field=texts[i][1]) for i in order}
    warm = [EXT.extract(t, ref_date="2024-06-30", field=f) for t, f in texts]
    assert first == [second[i] for i in range(len(texts))] == warm
    assert sum(e.subject is not None for x in first for e in x.entities) > 100   # subjects were attached


def test_automata_number_classes_by_what_their_rules_read():
    """An automaton tells token classes apart only by the tests its rules read: classes
    share a number when their masks agree on every bit of its rules, and the number's
    mask answers each of those bits as the class's own mask does."""
    matcher = EXT.matcher
    EXT.extract("截至2020年2月底，累计发放5842万元，完成年度任务的22.85%，牵头单位：市金融局")  # builds side filters
    side_filters = [f.auto for pair in matcher._filters.values() for f in pair if f.auto is not None]
    assert len(side_filters) > 10   # a left and a right filter per group of attaching rules met
    automata = [*{id(a): a for a in matcher._automata.values()}.values(), *side_filters]
    full = matcher.classes.masks
    for auto in automata:
        numbers = auto.numbers
        numbers.number([])
        assert len(numbers.numbers) == len(full) > 100
        bits = sorted({bit for cr in auto.rules for bit in cr.bits if bit})
        for c, number in enumerate(numbers.numbers):
            assert [numbers.distinct[number] & bit for bit in bits] == [full[c] & bit for bit in bits]
        answers = {tuple(bool(m & bit) for bit in bits) for m in numbers.distinct}
        assert len(answers) == len(numbers.distinct)   # one number per way of answering


def test_views_renumber_masks_bit_for_bit():
    """A MaskView's renumbering (byte by byte, from tables) is the bit-by-bit one."""
    matcher = EXT.matcher
    for view in (*matcher._second_views, *matcher._attach_views):
        masks = view.masks()
        assert masks == [view._local_bits(m) for m in matcher.classes.masks]


def test_views_fit_a_machine_word():
    """Every group of second- and third-pass rules reads at most 62 tests (its masks are plain
    ints, not long integers), and every rule is in the group whose view numbers its bits."""
    matcher = EXT.matcher
    for views, rules, groups in ((matcher._second_views, matcher._second, matcher._second_group),
                                 (matcher._attach_views, [side.rule for side in matcher._attach],
                                  [side.group for side in matcher._attach])):
        assert len(views) > 1   # the bundled rules read more than one word's worth of tests
        for view in views:
            assert len(view._positions) <= WORD_BITS
            assert all(m < 1 << WORD_BITS for m in view.masks())
        for cr, g in zip(rules, groups):
            width = len(views[g]._positions)
            assert all(bit < 1 << width for bit in cr.bits)
