"""The tokenizer runs on jieba (default) or spaCy's Chinese tokenizer with jieba or pkuseg."""
import pytest

from minsheng_ie import Extractor

TEXT = "截至2020年2月底，已完成87间，牵头单位：市教育局"
EXPECTED = [("DATE", "2020年2月底"), ("QUANTITY", "87间"), ("ORG", "市教育局")]

TRAIN = ["已 完成 87 间", "计划 8 月份 完成", "牵头 单位 : 市 教育局", "新增 就业 600 人 以上",
         "截至 2020 年 2 月底", "总 投资 1.2 亿 元", "区 民政局 、 区 医保局", "年底 前 完成 改造"]


@pytest.fixture(scope="module")
def pkuseg_model(tmp_path_factory):
    """A tiny pkuseg model trained here (no model can be downloaded in CI)."""
    import spacy_pkuseg
    d = tmp_path_factory.mktemp("pkuseg")
    train = d / "train.txt"
    train.write_text("\n".join(TRAIN * 3) + "\n", encoding="utf-8")  # pkuseg needs ≥ 10 lines
    spacy_pkuseg.train(str(train), str(train), str(d / "model"), train_iter=2)
    return d / "model"


def _labels(ext):
    r = ext.extract(TEXT, ref_date="2020-03-31")
    return [(e.label, e.text) for e in r.entities]


def test_default_is_jieba():
    assert _labels(Extractor()) == EXPECTED
    assert _labels(Extractor(segmenter="jieba-py")) == EXPECTED


def test_spacy_jieba():
    assert _labels(Extractor(segmenter="spacy-jieba")) == EXPECTED


def test_spacy_pkuseg(pkuseg_model):
    assert _labels(Extractor(segmenter="spacy-pkuseg", pkuseg_model=pkuseg_model)) == EXPECTED


def test_pkuseg_needs_a_model():
    with pytest.raises(ValueError, match="pkuseg_model"):
        Extractor(segmenter="spacy-pkuseg")


def test_unknown_segmenter():
    with pytest.raises(ValueError, match="unknown segmenter"):
        Extractor(segmenter="thulac")


def test_rjieba_tokens_identical_to_jieba_on_gold():
    """rjieba (jieba in Rust) is only offered because its tokens serve the rules the same."""
    import json

    from minsheng_ie.engine.normalize import normalize

    from .conftest import GOLD
    a, b = Extractor(segmenter="jieba-py"), Extractor(segmenter="rjieba")
    texts = [json.loads(line)["text"] for f in sorted(GOLD.glob("*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        n = normalize(text)
        assert [(t.start, t.end) for t in a.tokenizer.tokenize(text, n)] == \
            [(t.start, t.end) for t in b.tokenizer.tokenize(text, n)], text
