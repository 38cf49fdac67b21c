"""Every non-empty line of the five seed reports goes through extract() with valid offsets."""
import pytest

import minsheng_ie

from .conftest import GOLD

SEEDS = sorted(GOLD.glob("*.txt"))


def test_five_seeds_present():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_every_line_extracts(path):
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    total = 0
    for line in lines:
        r = minsheng_ie.extract(line, ref_date="2024-01-01")
        starts = [e.start for e in r.entities]
        assert starts == sorted(starts)
        for e in r.entities:
            assert line[e.start:e.end] == e.text
            assert e.rule
        total += len(r.entities)
    assert total > 20  # each seed is full of facts


def test_traditional_seed_offsets_on_original_text():
    text = (GOLD / "001_5b83448298b42065.txt").read_text(encoding="utf-8")
    r = minsheng_ie.extract(text, ref_date="2024-07-10")
    assert any(e.text == "1.6萬噸" and e.value == 16000 and e.unit == "吨" for e in r.entities)
    assert all(text[e.start:e.end] == e.text for e in r.entities)
