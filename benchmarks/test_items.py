"""Item facts against the item gold (`pytest benchmarks/`, ITEMS.md "Gold and scoring"):
links (precision, recall, F1 of target ↔ progress), completion within 0.001, indicator and
item status, no crash. Each gold item is assessed as an outside scorer would, through
`minsheng_ie.item_facts(units, ref_date=…)`; a second run gives it what the document reader
gives it too: the date its report's title names (…3月进展表, 半年度进度表) and what the report
says of a group of items it is in (上述6项实事均超额完成年度目标任务)."""
import json

import pytest

import minsheng_ie
from minsheng_ie.evaluation.gold import load_jsonl
from minsheng_ie.evaluation.items import item_units, load_items, score_items
from minsheng_ie.core.dates import parse_ref_date
from minsheng_ie.facts.documents import title_as_of

from .conftest import RESULTS, ROOT, add_report
from .test_accuracy import FLOORS, frozen_at

GOLD = ROOT / "gold"


def _items_of(units_dir):
    """The item gold of the reports whose text units are in `units_dir`."""
    return sorted(p for p in (GOLD / "items").glob("*.jsonl") if (units_dir / p.name).exists())


ITEM_SETS = {
    # the development items: seeds 000, 001, 002, 004
    "seeds": sorted(p for p in (GOLD / "items").glob("*.jsonl") if p.name[0].isdigit()),
    # held-out reports spent on development (their units are in gold/dev/)
    "dev": _items_of(GOLD / "dev"),
    # held-out reports, never used to tune a rule or a word
    "heldout": _items_of(GOLD / "heldout"),
}
UNIT_FILES = (sorted(GOLD.glob("*.jsonl")) + sorted((GOLD / "heldout").glob("*.jsonl"))
              + sorted((GOLD / "dev").glob("*.jsonl"))   # held-out reports spent on entities
              + sorted((GOLD / "challenge").glob("*.jsonl")))


def _units():
    return {u.id: u for f in UNIT_FILES for u in load_jsonl(f)}


def _item_key(unit_id: str) -> str | None:
    """The item number of a unit (000-002-target → 002), None for a text unit (000-t01-text)."""
    part = unit_id.split("-")[1]
    return None if part.startswith("t") else part


def _predict(items, units, as_reader: bool):
    ext = minsheng_ie.default_extractor()
    titles: dict[str, object] = {}
    groups: dict[str, dict] = {}
    preds = {}
    for it in items:
        us = item_units(it, units)
        as_of, said = None, []
        if as_reader:
            if it["doc"] not in titles:
                mine = [u for u in units.values() if u.doc == it["doc"]]   # in reading order
                front = [ext.extract(u.text, ref_date=u.ref_date, field=u.field) for u in mine if _item_key(u.id) is None]
                titles[it["doc"]] = title_as_of(front, parse_ref_date(it["ref_date"]))
                groups[it["doc"]] = minsheng_ie.group_statements([(_item_key(u.id), u.text) for u in mine])
            as_of, said = titles[it["doc"]], groups[it["doc"]].get(it["item"], [])
        try:
            facts = minsheng_ie.item_facts([(u.field, u.text) for u in us], ref_date=it["ref_date"], as_of=as_of,
                                           said=said)
        except Exception:   # a crash is scored as such, not raised: the benchmark counts them
            preds[(it["doc"], it["item"])] = None
            continue
        d = facts.to_dict()
        for ind in d["indicators"]:
            for f in [ind["target"]] + ind["progress"]:
                if f:
                    f["unit_id"] = us[f.pop("unit_index")].id
        preds[(it["doc"], it["item"])] = d
    return preds


def _line(name: str, row: dict) -> str:
    return (f"{name:<22} items {row['items']:>3}  crashes {row['crashes']}  indicators {row['indicators']:>3}  "
            f"links P {row['link_p']:.3f} R {row['link_r']:.3f} F1 {row['link_f1']:.3f}  "
            f"indicators found {row['indicator_recall']:.3f}  completion {row['completion_acc']:.3f}  "
            f"stated {row['stated_acc']:.3f}  "
            f"status {row['status_acc']:.3f}  item status {row['item_status_acc']:.3f}")


@pytest.mark.parametrize("name", [n for n, files in ITEM_SETS.items() if files])
def test_items(name):
    gold = [it for f in ITEM_SETS[name] for it in load_items(f)]
    units = _units()
    rows = {}
    for mode, as_reader in (("item_facts", False), ("as the reader", True)):
        sc = score_items(gold, _predict(gold, units, as_reader))
        rows[mode] = sc.row()
        if mode == "item_facts" and not name.startswith("heldout"):
            errors = sc.errors   # a held-out set shows its figures only
    frozen = f", frozen at {frozen_at(ITEM_SETS[name])}" if name.startswith("heldout") else ""
    lines = [f"== item facts on {name} gold ({len(gold)} items{frozen}) =="]
    lines += [_line(mode, row) for mode, row in rows.items()]
    if not name.startswith("heldout"):
        lines += [f"  {e}" for e in errors[:15]]
    add_report("\n".join(lines))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"items_{name}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    row = rows["item_facts"]
    assert row["crashes"] == 0
    floors = FLOORS.get(f"items_{name}")
    if floors is None:
        return
    for key, floor in floors.items():
        assert row[key] >= floor, key
