"""Every document of the development corpus (gold/documents/) reads with the expected item
count, numbers, names, sections and fields; its .xlsx sheet can be chosen."""
import json
from pathlib import Path

import pytest

import minsheng_ie
from minsheng_ie.evaluation.document_gold import load_expect, score_document

CORPUS = Path(__file__).resolve().parent.parent / "gold" / "documents"
EXPECTS = sorted(CORPUS.glob("*.expect.yaml"))


def _document(expect_path):
    stem = expect_path.name[:-len(".expect.yaml")]
    return next(p for p in CORPUS.glob(stem + ".*") if not p.name.endswith(".expect.yaml"))


def test_corpus_is_large_enough():
    assert len(EXPECTS) >= 15


@pytest.mark.parametrize("expect_path", EXPECTS, ids=[p.name.split(".")[0] for p in EXPECTS])
def test_document_reads_as_expected(expect_path):
    expect = load_expect(expect_path)
    doc = minsheng_ie.read_document(_document(expect_path))
    score = score_document(doc.name, expect, doc.to_dict()["items"])
    assert score.perfect, score.problems
    assert [it.number for it in doc.items] == [it["number"] for it in expect["items"]]
    for _, u in doc.units():
        assert doc.text[u.start:u.end] == u.text
    json.dumps(minsheng_ie.extract_document(doc).to_dict(), ensure_ascii=False)
    if expect.get("sheet"):
        chosen = minsheng_ie.read_document(_document(expect_path), sheet=expect["sheet"])
        assert [it.name for it in chosen.items] == [it.name for it in doc.items]
