"""Generated durations of hours, minutes and seconds (两小时十分, 五分三十秒, 五分半钟), written
with cn2an's own writer or Arabic digits, in Simplified or Traditional script: each part is
one QUANTITY with the value drawn; 分 alone is minutes only inside such a duration."""
import cn2an
import hypothesis.strategies as st
import opencc
from hypothesis import given

from minsheng_ie import default_extractor

EXT = default_extractor()
S2T = opencc.OpenCC("s2t")
BEFORE = ["", "用时", "平均响应时间", "全程耗时", "急救车到达现场用时"]
AFTER = ["", "。", "，比去年缩短", "；"]


def _write(n: int, chinese: bool) -> str:
    return cn2an.an2cn(n, "low") if chinese else str(n)


def _found(text: str) -> list[tuple[str, float, str]]:
    return [(e.text, e.value, e.unit) for e in EXT.extract(text).entities if e.label == "QUANTITY"]


@given(st.integers(1, 59), st.integers(1, 59), st.booleans(), st.booleans(), st.sampled_from(BEFORE),
       st.sampled_from(AFTER))
def test_minutes_then_seconds(m, s, chinese, traditional, before, after):
    mins, secs = f"{_write(m, chinese)}分", f"{_write(s, chinese)}秒"
    text = before + mins + secs + after
    text = S2T.convert(text) if traditional else text
    want = [(S2T.convert(mins) if traditional else mins, m, "分"), (S2T.convert(secs) if traditional else secs, s, "秒")]
    assert _found(text) == want


@given(st.integers(1, 23), st.integers(1, 59), st.booleans(), st.booleans(), st.sampled_from(BEFORE))
def test_hours_then_minutes(h, m, chinese, traditional, before):
    hours, mins = f"{_write(h, chinese)}小时", f"{_write(m, chinese)}分"
    text = S2T.convert(before + hours + mins + "。") if traditional else before + hours + mins + "。"
    got = _found(text)
    assert [(v, u) for _, v, u in got] == [(h, "小时"), (m, "分")]


@given(st.integers(1, 59), st.booleans(), st.booleans(), st.sampled_from(BEFORE), st.sampled_from(AFTER))
def test_minutes_and_a_half(m, chinese, traditional, before, after):
    span = f"{_write(m, chinese)}分半钟"
    text = S2T.convert(before + span + after) if traditional else before + span + after
    assert _found(text) == [(S2T.convert(span) if traditional else span, m + 0.5, "分钟")]


@given(st.integers(1, 100), st.sampled_from(["得分", "比分", "考核得", "每人补贴"]), st.sampled_from(["", "钱", "，"]))
def test_minutes_alone_are_no_duration(n, before, after):
    """A score or a cent (得分五分, 五分钱) is no duration: nothing measured in 分."""
    assert all(u != "分" for _, _, u in _found(f"{before}{cn2an.an2cn(n, 'low')}分{after}"))
