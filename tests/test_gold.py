"""The gold files load and validate; malformed records are reported with file, line and key."""
import json

import pytest

from minsheng_ie import GoldError
from minsheng_ie.evaluation.gold import load_jsonl

from .conftest import GOLD

GOLD_FILES = sorted(GOLD.glob("*.jsonl")) + [p for d in ("challenge", "dev", "heldout", "peers") for p in sorted((GOLD / d).glob("*.jsonl"))]


def test_gold_files_exist():
    assert len(sorted(GOLD.glob("*.jsonl"))) == 5


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_file_valid(path):
    units = load_jsonl(path)
    assert units
    for u in units:
        for e in u.entities:
            assert u.text[e["start"]:e["end"]] == e["text"]


def test_seed_gold_covers_every_item():
    from minsheng_ie import read_text
    for txt in sorted(GOLD.glob("*.txt")):
        doc = read_text(txt.read_text(encoding="utf-8"), txt.stem)
        ids = {u.id for u in load_jsonl(txt.with_suffix(".jsonl"))}
        assert ids == {uid for uid, _ in doc.units()}


GOOD = {"id": "x-1", "doc": "x", "ref_date": "2020-03-31", "field": "progress", "text": "已完成87间",
        "entities": [{"label": "QUANTITY", "start": 3, "end": 6, "text": "87间", "value": 87, "unit": "间"}]}


def _write(tmp_path, records):
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                 encoding="utf-8")
    return p


def _bad(tmp_path, mutate, line=2):
    rec = json.loads(json.dumps(GOOD))
    mutate(rec)
    rec["id"] = "x-2"
    with pytest.raises(GoldError) as err:
        load_jsonl(_write(tmp_path, [GOOD, rec]))
    assert err.value.line == line and "g.jsonl" in str(err.value)
    return err.value


def test_good_file(tmp_path):
    assert len(load_jsonl(_write(tmp_path, [GOOD]))) == 1


def test_offsets_must_match(tmp_path):
    err = _bad(tmp_path, lambda r: r["entities"][0].update(start=2))
    assert err.key == "entities[0].text"


def test_unknown_label(tmp_path):
    assert _bad(tmp_path, lambda r: r["entities"][0].update(label="MONEY")).key == "entities[0].label"


def test_value_type(tmp_path):
    assert _bad(tmp_path, lambda r: r["entities"][0].update(value="87")).key == "entities[0].value"


def test_date_value_shape(tmp_path):
    def m(r):
        r["entities"][0].update(label="DATE", value="2020-01-01")
    assert _bad(tmp_path, m).key == "entities[0].value"


def test_same_label_overlap(tmp_path):
    def m(r):
        r["entities"].append({"label": "QUANTITY", "start": 4, "end": 6, "text": "7间", "value": 7, "unit": "间"})
    assert "overlaps" in str(_bad(tmp_path, m))


def test_missing_key(tmp_path):
    assert _bad(tmp_path, lambda r: r.pop("text")).key == "text"


def test_duplicate_id(tmp_path):
    with pytest.raises(GoldError) as err:
        load_jsonl(_write(tmp_path, [GOOD, GOOD]))
    assert err.value.key == "id" and err.value.line == 2


def test_broken_json_line_is_reported_not_skipped(tmp_path):
    with pytest.raises(GoldError) as err:
        load_jsonl(_write(tmp_path, [GOOD, '{"id": "x-2", "text": ']))
    assert err.value.line == 2 and "invalid JSON" in str(err.value)


def test_every_built_file_is_what_its_source_builds(tmp_path, monkeypatch):
    """The JSONL files are built from YAML sources (scripts/build_gold.py): rebuilt from
    them now, each comes out as committed — no built file was edited by hand."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("build_gold", GOLD.parent / "scripts" / "build_gold.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    copy = tmp_path / "gold"
    shutil.copytree(GOLD, copy)
    monkeypatch.setattr(build, "GOLD", copy)
    for path in sorted(copy.glob("*.jsonl")):
        build.build_seed(path.stem)
    for d in build.UNIT_LIST_DIRS:
        for src in sorted((copy / d).glob("*.src.yaml")):
            build.build_unit_list(src)
    texts = build._unit_texts()
    for src in sorted((copy / "items").glob("*.yaml")):
        build.build_items(src, texts)
    built = sorted(copy.rglob("*.jsonl"))
    assert len(built) > 50
    for path in built:
        assert path.read_bytes() == (GOLD / path.relative_to(copy)).read_bytes(), path.relative_to(copy)
