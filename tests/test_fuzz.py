"""Fuzzing with the characters that break text pipelines: lone surrogates (JSON from the
web), format characters (ZWSP, ZWJ, BOM, soft hyphen …), combining marks, variation
selectors, control characters, private use, unassigned code points. Whatever the text,
extract(), extract_many() and read_text() return, with exact offsets.

`pytest --hypothesis-profile=long tests/test_fuzz.py` runs 100,000 examples per test."""
import hypothesis.strategies as st
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
