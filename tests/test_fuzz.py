"""Fuzzing with the characters that break text pipelines: lone surrogates (JSON from the
web), format characters (ZWSP, ZWJ, BOM, soft hyphen …), combining marks, variation
selectors, control characters, private use, unassigned code points. Whatever the text,
extract(), extract_many() and read_text() return, with exact offsets.

`pytest --hypothesis-profile=long tests/test_fuzz.py` runs 100,000 examples per test."""
import hypothesis.strategies as st
import pytest
from hypothesis import given

import minsheng_ie
from minsheng_ie import default_extractor, read_text

EXT = default_extractor()

# every general category, surrogates (Cs) and format characters (Cf) included
ANY_CHAR = st.characters(categories=["Cc", "Cf", "Cs", "Co", "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc",
                                     "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm",
                                     "Sc", "Sk", "So", "Zs", "Zl", "Zp"])
INVISIBLE = st.characters(categories=["Cs", "Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"])
REPORT_WORDS = ["30万元", "2024年6月底前", "完成率85%", "区教育局牵头", "一百二十个", "１２３４", "萬元", "第三季度",
                "\n", "\t", "，", "。", "、", "(", ")", "年", "月", "日", "约", "余", "个百分点", "3.5", "1,234"]
REPORT_ISH = st.lists(st.one_of(st.sampled_from(REPORT_WORDS), INVISIBLE, ANY_CHAR,
                                st.integers(0, 10 ** 9).map(str)), max_size=40).map("".join)


def check(text):
    r = EXT.extract(text, ref_date="2024-07-10")
    last_end = -1
    for e in r.entities:
        assert text[e.start:e.end] == e.text, e
        assert e.start >= last_end, "entities overlap"
        last_end = e.end
    assert EXT.extract(text, ref_date="2024-07-10") == r
    return r


@given(st.text(ANY_CHAR, max_size=300))
def test_any_code_point(text):
    check(text)


@given(REPORT_ISH)
def test_report_text_with_invisible_and_broken_characters(text):
    check(text)


@given(st.lists(REPORT_ISH, min_size=1, max_size=5))
def test_extract_many_with_surrogates(texts):
    assert minsheng_ie.extract_many(texts) == [minsheng_ie.extract(t) for t in texts]


@given(st.lists(st.one_of(REPORT_ISH, st.just("\n"), st.just("\t"), st.just("序号\t项目名称\t目标任务\t进展情况\n")),
                max_size=12).map("".join))
def test_read_text_with_surrogates(text):
    doc = read_text(text)
    assert doc.text == text
    for _, unit in doc.units():
        assert text[unit.start:unit.end] == unit.text


def test_twenty_hostile_texts_leave_memory_where_it_was():
    """Caches are bounded in bytes: 20 hostile texts of 100,000 characters in a row
    (numeral runs that once left 535 MB each in the word caches, digit, year, bracket
    and surrogate runs) leave the resident memory within 100 MB of where it started."""
    from .watchdog import run_guarded
    out = run_guarded("""
import gc
import minsheng_ie
ext = minsheng_ie.default_extractor()
for t in ("今年完成30万元", "2024年6月底前完成", "区教育局牵头"):
    ext.extract(t)
gc.collect()
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2 ** 20
""", """
    texts = [c * 100_000 for c in "一二三四五六七八九十百千万两零"]
    texts += ["1" * 100_000, "年" * 100_000, "(" * 50_000 + ")" * 50_000, "\\ud800" * 100_000,
              "三\\u200b" * 50_000]
    before = rss()
    for t in texts:
        ext.extract(t)
    gc.collect()
    return [len(texts), round(rss() - before)]""", cpu_seconds=40, megabytes=2048)
    assert out.status == "ok", str(out)
    count, grown = out.result
    assert count == 20 and grown <= 100, f"resident memory grew by {grown} MB"


# ---------------------------------------------------------------- invisible characters in numbers

FORMAT_OR_MARK = st.characters(categories=["Cf", "Mn", "Me"])
UNITS = {"万元": (10_000, "元"), "元": (1, "元"), "个": (1, "个"), "亿元": (10 ** 8, "元"), "人": (1, "人")}


@st.composite
def number_with_invisibles(draw):
    """A number (Arabic or Chinese, written by cn2an) with format characters, combining
    marks or variation selectors inside it, then a unit; and the value it must have."""
    import cn2an
    n = draw(st.integers(1, 10 ** 8))
    written = draw(st.sampled_from([str(n), cn2an.an2cn(n, "low")]))
    chars = list(written)
    for _ in range(draw(st.integers(1, 3))):
        if len(chars) > 1:
            chars.insert(draw(st.integers(1, len(chars) - 1)), draw(FORMAT_OR_MARK))
    unit = draw(st.sampled_from(sorted(UNITS)))
    prefix = draw(st.sampled_from(["", "完成", "共", "累计投入"]))
    return prefix, "".join(chars) + unit, n * UNITS[unit][0], UNITS[unit][1]


@given(number_with_invisibles())
def test_invisible_characters_inside_a_number_are_skipped(case):
    """`3\\u200b0万元` is 300000 or no entity, never 0: the number grammar skips them, and the
    entity's offsets still index the text as given."""
    prefix, body, value, unit = case
    text = prefix + body
    found = [e for e in check(text).entities if e.end > len(prefix) and e.label == "QUANTITY"]
    for e in found:
        assert (e.start, e.end, e.value, e.unit) == (len(prefix), len(text), value, unit), (text, e)


# ---------------------------------------------------------------- broken files

def _valid_files():
    """One small valid report of each kind, as bytes."""
    import tempfile
    from pathlib import Path

    from .hostile import HEADER, docx_table, docx_with_body, xlsx_row, xlsx_with_rows
    rows = [HEADER, ("1", "新建幼儿园", "建成5所", "完成3所"), ("2", "老旧小区", "改造10个", "完成80%")]
    out = {"csv": "\n".join(",".join(r) for r in rows).encode("gb18030"),
           "txt": "\n".join("\t".join(r) for r in rows).encode(),
           "html": ("<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
                    + "</table>").encode()}
    with tempfile.TemporaryDirectory() as d:
        out["docx"] = docx_with_body(Path(d) / "a.docx", docx_table(*rows), 1).read_bytes()
        out["xlsx"] = xlsx_with_rows(Path(d) / "a.xlsx", b"".join(xlsx_row(*r) for r in rows[1:]), 1,
                                     head_rows=xlsx_row(*rows[0])).read_bytes()
    return out


VALID_FILES = _valid_files()


@st.composite
def broken_file(draw):
    kind = draw(st.sampled_from(sorted(VALID_FILES)))
    data = bytearray(VALID_FILES[kind])
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[i:i + draw(st.integers(1, 64))]
        if not data:
            break
    return kind, bytes(data)


@given(broken_file())
def test_broken_files_give_a_document_or_a_document_error(case):
    """A corrupt file of any kind is read or refused with a DocumentError, never another
    exception."""
    import tempfile
    from pathlib import Path

    from minsheng_ie import DocumentError, read_document
    kind, data = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"report.{kind}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except DocumentError:
            return
    for _, unit in doc.units():
        assert doc.text[unit.start:unit.end] == unit.text


def test_memory_plateaus_over_a_million_distinct_texts():
    """The long run (--hypothesis-profile=long) only: 1,500,000 distinct report texts (gold
    texts with their numbers and some characters changed) through one extractor; the
    resident memory stops growing once the byte-bounded caches are full."""
    from hypothesis import settings

    from .watchdog import run_guarded
    if settings().max_examples < 100_000:
        pytest.skip("long profile only (--hypothesis-profile=long)")
    out = run_guarded("""
import random, re
import minsheng_ie
from tests.test_properties import GOLD_TEXTS
ext = minsheng_ie.default_extractor()
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2 ** 20
rng = random.Random(14)
chars = sorted({c for t in GOLD_TEXTS for c in t if "\\u4e00" <= c <= "\\u9fff"})
def text(k):
    t = rng.choice(GOLD_TEXTS)
    t = re.sub(r"\\d+", lambda m: str(rng.randrange(10 ** len(m.group()))), t)
    return "".join(rng.choice(chars) for _ in range(3)) + t + str(k)
""", """
    marks = []
    for k in range(1_500_000):
        ext.extract(text(k))
        if k % 250_000 == 249_999:
            marks.append(round(rss()))
    return marks""", cpu_seconds=7200, wall_seconds=14400, megabytes=1024)
    assert out.status == "ok", str(out)
    marks = out.result
    assert marks[-1] - marks[len(marks) // 2] <= 50, f"resident memory (MB) every 250,000 texts: {marks}"


def test_spacy_vocabulary_is_rebuilt_before_it_grows_for_good(monkeypatch):
    """spaCy keeps every new word in its vocabulary; the spaCy segmenters build the
    tokenizer afresh past SpacySegmenter.MAX_STRINGS (300 here), with the same results."""
    import random

    from minsheng_ie import Extractor
    from minsheng_ie.engine.tokenizer import SpacySegmenter
    monkeypatch.setattr(SpacySegmenter, "MAX_STRINGS", 300)
    ext = Extractor(segmenter="spacy-jieba")
    rng = random.Random(14)
    most = 0
    for _ in range(1000):
        name = "".join(rng.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥") for _ in range(6))
        r = ext.extract(f"{name}项目完成30万元")
        assert [(e.text, e.value) for e in r.entities][-1] == ("30万元", 300000)
        most = max(most, len(ext.tokenizer._seg._nlp.vocab.strings))
    assert most <= 300
