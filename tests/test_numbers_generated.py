"""Generated numbers, checked against values the extractor does not compute.

Hypothesis draws a number (an integer up to 10^12, or a decimal), writes it with cn2an's
own writer (`an2cn`) in every mode — plain (一百二十三), formal (壹佰贰拾叁) and money
(壹佰贰拾叁元肆角伍分) — or mixed with Arabic digits (1.5万, 3万4000), in Simplified or
Traditional script (OpenCC s2t), puts a unit drawn from the unit lexicon after it and a
short context around it, and checks that extract() finds exactly that QUANTITY: the
span as written, the number drawn, the unit's canonical name.

CI runs the default profile; `pytest --hypothesis-profile=long tests/test_numbers_generated.py`
runs 100,000 cases per property.
"""
from decimal import Decimal

import cn2an
import hypothesis.strategies as st
import opencc
from hypothesis import given

from minsheng_ie import default_extractor

EXT = default_extractor()
S2T = opencc.OpenCC("s2t")
UNITS = EXT.lexicons["unit"].forms
PHRASES = EXT.lexicons["fixed_phrase"].forms
# after Chinese numerals 期 is a project phase (三期, veto.phase) and 方 counts parties (三方,
# veto.parties): they are units after Arabic digits only
UNIT_FORMS = sorted((form, entry.canonical) for form, entry in UNITS.items() if form not in ("期", "方"))
PREFIXES = ["", "共", "新增", "完成", "累计投入", "其中，", "目前已有", "全年", "预计达到", "：", "（二）"]
SUFFIXES = ["", "。", "，", "；", "，其中", "（见附表）", "\n下一步"]


def _integers():
    return st.one_of(st.integers(0, 100), st.integers(0, 10 ** 6), st.integers(0, 10 ** 12))


def _decimals(places: int):
    return st.decimals(min_value=0, max_value=10 ** 8, places=places, allow_nan=False, allow_infinity=False)


@st.composite
def written_numbers(draw) -> tuple[str, Decimal, str | None]:
    """(the number as written, its value, its unit when the writing carries one)."""
    mode = draw(st.sampled_from(["low", "up", "rmb", "mixed"]))
    if mode == "rmb":   # 元角分: two decimals at most, the unit is part of the writing
        value = draw(st.one_of(_integers().map(Decimal), _decimals(2).filter(lambda d: d > 0)))
        text = cn2an.an2cn(str(value), "rmb")
        return text.removesuffix("整"), value, "元"
    if mode == "mixed":  # Arabic digits with Chinese magnitudes: 1.5万, 3千万, 3万4000
        scale, factor = draw(st.sampled_from([("百", 100), ("千", 1000), ("万", 10 ** 4), ("千万", 10 ** 7),
                                              ("亿", 10 ** 8), ("万亿", 10 ** 12)]))
        coef = draw(st.one_of(st.integers(1, 9999).map(Decimal), _decimals(2).filter(lambda d: 0 < d < 10 ** 4)))
        value, text = coef * factor, f"{coef.normalize():f}{scale}"
        if scale in ("万", "亿") and coef == coef.to_integral_value() and draw(st.booleans()):
            rest = draw(st.integers(10, 9999))
            written = f"{rest:,}" if rest >= 1000 and draw(st.booleans()) else f"{rest}"   # 227万2,000
            value, text = value + rest, f"{text}{written}"
        return text, value, None
    value = draw(st.one_of(_integers().map(Decimal), _decimals(draw(st.integers(1, 3)))))
    return cn2an.an2cn(f"{value:f}", mode), value, None


@st.composite
def cases(draw):
    number, value, unit = draw(written_numbers())
    if unit is None:
        form, unit = draw(st.sampled_from(UNIT_FORMS))
        # a four-digit number of 年 is a year, not a duration (annotation.md); a magnitude
        # that begins a unit is the unit's (1千帕 is 1 千帕, ANNOTATION.md: 千伏, 千米)
        # a lone formal 陆 (6) begins words (陆路, 陆续, 陆架): it is read inside a longer
        # formal numeral only (陆万, 叁拾陆)
        glued = any(number[-1] + form[:k] in UNITS for k in range(1, len(form) + 1))
        phrase = any(p.startswith(number + form) for p in PHRASES)   # 一度 is "once" (phrases.yaml)
        if unit == "年" and 1000 <= value < 3000 or glued or phrase or number == "陆":
            form, unit = "人", "人"
            number = "六" if number == "陆" else number
        number += form
    if draw(st.booleans()):
        number = S2T.convert(number)
    prefix, suffix = draw(st.sampled_from(PREFIXES)), draw(st.sampled_from(SUFFIXES))
    return prefix + number + suffix, len(prefix), number, value, unit


@given(cases())
def test_a_written_number_is_one_quantity_with_its_value(case):
    text, start, number, value, unit = case
    found = [e for e in EXT.extract(text).entities if e.label == "QUANTITY"]
    assert [(e.start, e.text, e.unit) for e in found] == [(start, number, unit)], text
    assert Decimal(str(found[0].value)) == value, text


def test_every_prefix_before_every_leading_digit():
    """Every context word before numbers of every leading digit, written by cn2an: a
    segmenter that glues the first digits to the word before (共五|十二万) must not leave
    the rest to be read alone (十二万四千 = 124000 for 524000)."""
    numbers = list(range(1, 121)) + [k * 10 ** 4 + 4000 for k in range(1, 100)] + [k * 10 ** 8 for k in range(1, 30)]
    wrong = []
    for prefix in PREFIXES + ["计", "合计", "投入", "达", "约", "近", "新建", "改造", "惠及", "培训"]:
        for n in numbers + [Decimal(k) + Decimal("0.5") for k in range(1, 100)]:
            number = cn2an.an2cn(f"{n}", "low") + "个"
            found = [(e.text, Decimal(str(e.value))) for e in EXT.extract(prefix + number).entities
                     if e.label == "QUANTITY"]
            if found != [(number, n)]:
                wrong.append((prefix + number, found))
    assert not wrong, wrong[:10]


def test_an_approximate_figure_after_any_measure_noun():
    """A noun, then 约/近, then a number: the comparator is ~, whatever word the segmenter's
    dictionary has for the noun and the comparator together (占地约, 耗资近: lexicon
    glued_comparator)."""
    wrong = []
    for noun in ["占地", "全长", "耗资", "总额", "相差", "已有", "产品", "面积", "长度", "投资", "总长", "规模"]:
        for approx in ["约", "近"]:
            for n in [7, 22, 530, Decimal("3.5"), 12000]:
                for number in (f"{n}", cn2an.an2cn(f"{n}", "low")):
                    text = f"项目{noun}{approx}{number}亩"
                    found = [(e.text, Decimal(str(e.value)), e.comparator) for e in EXT.extract(text).entities
                             if e.label == "QUANTITY"]
                    if found != [(number + "亩", Decimal(n), "~")]:
                        wrong.append((text, found))
    assert not wrong, wrong[:10]


@given(st.integers(1, 99_999), st.sampled_from(["约", "完成", "长", "全长约"]),
       st.sampled_from([("公里", 1), ("万元", 10 ** 4), ("亩", 1)]))
def test_a_decimal_that_lost_its_zero(digits, before, unit_scale):
    """约.7公里 is 0.7 km as written, never 7 km (a copy that dropped the 0)."""
    unit, scale = unit_scale
    number = f".{digits}"
    text = f"道路{before}{number}{unit}养护"
    found = [(e.text, Decimal(str(e.value))) for e in EXT.extract(text).entities if e.label == "QUANTITY"]
    assert found == [(number + unit, Decimal(number) * scale)], text


@given(st.sampled_from(sorted(p for p in PHRASES if p.startswith("零"))), st.integers(1, 10 ** 6),
       st.sampled_from(["家庭", "服务", ""]), st.booleans())
def test_a_zero_term_is_no_number(term, n, noun, traditional):
    """零 + a noun or verb is a term (城镇零就业家庭, 零跑腿), never the number 0: the only
    figure is the one written in digits."""
    text, figure = f"累计消除城镇{term}{noun}{n}户", f"{n}户"
    if traditional:
        text, figure = S2T.convert(text), S2T.convert(figure)
    found = [(e.text, e.value) for e in EXT.extract(text).entities if e.label == "QUANTITY"]
    assert found == [(figure, n)], text


@given(st.integers(1, 999), st.integers(0, 999), st.integers(0, 10 ** 5), st.sampled_from(["五", "多", "万", "三季度", "个"]),
       st.sampled_from(["", "多\u200b多增加到1557834.89三季度328388162多", "共"]))
def test_a_run_with_a_group_of_thousands_that_is_no_number(a, b, c, tail, head):
    """622 155.78385五: a group of thousands by a space (622 155) inside a run of numerals that is
    no number as a whole is not a place to split the run. It was: the run split into itself
    without end, and the compiled build overflowed the C stack (issue 14). Offsets stay exact."""
    run = f"{a} {b:03d}.{c}{tail}"
    text = head + run
    r = EXT.extract(text, ref_date="2020-03-31")
    for e in r.entities:
        assert text[e.start:e.end] == e.text
    whole = f"{a}{b:03d}.{c}"
    for e in r.entities:   # a figure read off the run takes its digits whole, never a part
        if e.label == "QUANTITY" and e.start >= len(head):
            assert e.text.replace(" ", "").startswith(whole), (text, e.text)


def test_the_run_that_crashed_the_long_fuzz():
    """The input of issue 14's segmentation fault (test_chinese_heavy, long profile)."""
    text = "多\u200b多增加到1557834.89三季度328388162多622 155.78385五"
    r = EXT.extract(text, ref_date="2020-03-31")
    assert all(text[e.start:e.end] == e.text for e in r.entities)
    assert not [e for e in r.entities if e.start >= text.index("622")], r.entities
