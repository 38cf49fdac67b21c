"""Property tests: whatever the text, extract() never fails and never lies about offsets."""
import json

import hypothesis.strategies as st
from hypothesis import given

import minsheng_ie
from minsheng_ie import default_extractor

from .conftest import GOLD

EXT = default_extractor()
GOLD_TEXTS = [json.loads(line)["text"] for f in sorted(GOLD.glob("*.jsonl"))
              for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
LEXICON_WORDS = sorted({f for lex in EXT.lexicons.values() for f in lex.forms})
SEED_CHARS = sorted({c for t in GOLD_TEXTS for c in t})
NOISE = ["\n", "\r", "\t", "\x00", "\x0b", "\u3000", " ", "\u200b", "\ufeff", "０", "１", "９", "％",
         "．", "，", "－", "萬", "億", "歲", "年", "月", "日", "前", "余", "多", "第", "“", "”", "(", ")"]


def check(text, ref_date=None, field=None):
    r = EXT.extract(text, ref_date=ref_date, field=field)
    starts = [e.start for e in r.entities]
    assert starts == sorted(starts)
    last_end = -1
    for e in r.entities:
        assert text[e.start:e.end] == e.text, e
        assert e.start >= last_end, "entities overlap"
        last_end = e.end
        assert e.rule
    again = EXT.extract(text, ref_date=ref_date, field=field)
    assert again == r
    return r


@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    check(text)


chinese_heavy = st.lists(st.one_of(st.sampled_from(LEXICON_WORDS), st.sampled_from(SEED_CHARS),
                                   st.sampled_from(NOISE), st.integers(0, 10 ** 7).map(str),
                                   st.decimals(0, 10 ** 5, places=2).map(str)), max_size=60).map("".join)


@given(chinese_heavy, st.sampled_from([None, "2020-03-31", "2024-07-10"]),
       st.sampled_from([None, "target", "progress", "responsible", "plan", "status"]))
def test_chinese_heavy(text, ref_date, field):
    check(text, ref_date, field)


@st.composite
def mutated_gold(draw):
    text = draw(st.sampled_from(GOLD_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "swap_script", "fullwidth", "noise"]))
        if op == "insert":
            text = text[:i] + draw(st.sampled_from(SEED_CHARS + NOISE)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + 1:]
        elif op == "duplicate":
            j = draw(st.integers(i, min(len(text), i + 8)))
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap_script":
            text = text.translate(str.maketrans("万亿岁国区县门发单处个会数卫", "萬億歲國區縣門發單處個會數衛"))
        elif op == "fullwidth":
            text = text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        else:
            text = text[:i] + draw(st.sampled_from(["\n", "\x00", "\x1b", "\r\n", "\u2028", "\t\t"])) + text[i:]
    return text


@given(mutated_gold(), st.sampled_from([None, "target", "progress", "responsible"]))
def test_mutated_gold_texts(text, field):
    check(text, "2024-07-10", field)


@given(st.lists(mutated_gold(), min_size=1, max_size=8))
def test_extract_many_equals_one_by_one(texts):
    assert minsheng_ie.extract_many(texts, ref_date="2024-07-10") == [
        minsheng_ie.extract(t, ref_date="2024-07-10") for t in texts]
