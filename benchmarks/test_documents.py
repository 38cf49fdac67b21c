"""Whole documents: item count, name and field accuracy of the reader (`pytest benchmarks/`).

The development corpus (gold/documents/) is what the reader is tuned on; the held-out
corpus (gold/documents/heldout/) is never used to tune it: only its totals are printed.
Floors are in benchmarks/floors.json ("documents", "documents_heldout")."""
import json

import pytest

from minsheng_ie import read_document
from minsheng_ie.evaluation.document_gold import load_expect, score_document, summarise

from .conftest import RESULTS, ROOT, add_report

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
CORPORA = {"documents": ROOT / "gold" / "documents", "documents_heldout": ROOT / "gold" / "documents" / "heldout"}


def score_corpus(folder):
    scores = []
    for expect_path in sorted(folder.glob("*.expect.yaml")):
        stem = expect_path.name[:-len(".expect.yaml")]
        doc_path = next(p for p in folder.glob(stem + ".*") if not p.name.endswith(".expect.yaml"))
        items = read_document(doc_path).to_dict()["items"]
        scores.append(score_document(doc_path.name, load_expect(expect_path), items))
    return scores


@pytest.mark.parametrize("name", [n for n, folder in CORPORA.items() if any(folder.glob("*.expect.yaml"))])
def test_document_accuracy(name):
    scores = score_corpus(CORPORA[name])
    totals = summarise(scores)
    lines = [f"== documents: {name} ({totals['documents']} documents, {totals['items']} items) ==",
             f"item count right  {totals['count_acc']:.3f} of documents",
             f"names right       {totals['name_acc']:.3f} of items (sections {totals['section_acc']:.3f})",
             f"fields right      {totals['field_acc']:.3f} of items"]
    if name == "documents":          # the held-out corpus shows its totals only
        lines += [f"  {s.name}: {'; '.join(s.problems[:3])}" for s in scores if not s.perfect]
    add_report("\n".join(lines))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(totals, indent=1), encoding="utf-8")
    floors = FLOORS[name]
    for key in ("count_acc", "name_acc", "field_acc"):
        assert totals[key] >= floors[key], (key, totals[key])
