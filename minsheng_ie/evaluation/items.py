"""Item gold (gold/items/*.jsonl, ITEMS.md "Gold and scoring") and the scores of item facts
against it: precision, recall and F1 of (target figure, progress figure) links,
completion within 0.001, and the accuracy of indicator and item status.

Predictions are the ITEMS.md dict shape with figures named by unit id (`unit_id`, start,
end), as `Assessment.to_dict()` gives them once each `unit_index` is turned into the id
of that unit."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..core.errors import GoldError
from .gold import GoldUnit, json_lines

COMPLETION_TOLERANCE = 0.001
Fig = tuple[str, int, int]   # (unit id, start, end)


def load_items(path: str | Path) -> list[dict[str, Any]]:
    """Item gold records, checked for the keys scoring reads."""
    out = []
    for n, rec in json_lines(path):
        if not isinstance(rec, dict):
            raise GoldError(str(path), n, "(json)", "a record must be an object")
        for key in ("doc", "item", "status", "indicators"):
            if key not in rec:
                raise GoldError(str(path), n, key, "missing")
        out.append(rec)
    return out


def item_units(item: dict[str, Any], units: dict[str, GoldUnit]) -> list[GoldUnit]:
    """The text units of a gold item, in order: the units of its document whose id has its
    document prefix and its item number (000-002-target, 000-002-progress …)."""
    ids = [f["unit_id"] for ind in item["indicators"] for f in [ind.get("target")] + ind.get("progress", []) if f]
    if ids:
        prefix = "-".join(ids[0].split("-")[:2]) + "-"
        return [u for uid, u in units.items() if uid.startswith(prefix)]
    return [u for u in units.values() if u.doc == item["doc"] and u.id.split("-")[1:2] == [item["item"]]]


@dataclass
class ItemScores:
    items: int = 0
    item_status_ok: int = 0
    crashes: int = 0
    indicators: int = 0                 # gold indicators
    indicator_found: int = 0            # with the same target (or progress) figure predicted
    status_ok: int = 0
    completion_ok: int = 0
    stated_ok: int = 0
    links_gold: int = 0
    links_pred: int = 0
    links_tp: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        p = self.links_tp / self.links_pred if self.links_pred else 1.0 if not self.links_gold else 0.0
        r = self.links_tp / self.links_gold if self.links_gold else 1.0 if not self.links_pred else 0.0
        share = lambda a, b: a / b if b else 1.0  # noqa: E731
        return {"items": self.items, "crashes": self.crashes, "indicators": self.indicators,
                "link_p": p, "link_r": r, "link_f1": 2 * p * r / (p + r) if p + r else 0.0,
                "links_gold": self.links_gold, "links_pred": self.links_pred, "links_tp": self.links_tp,
                "indicator_recall": share(self.indicator_found, self.indicators),
                "completion_acc": share(self.completion_ok, self.indicators),
                "stated_acc": share(self.stated_ok, self.indicators),
                "status_acc": share(self.status_ok, self.indicators),
                "item_status_acc": share(self.item_status_ok, self.items)}


def _fig(f: dict[str, Any] | None) -> Fig | None:
    return (f["unit_id"], f["start"], f["end"]) if f else None


def _key(ind: dict[str, Any]) -> tuple[str, Fig | None]:
    """An indicator is its target figure; one with no target (a progress figure whose
    stated completion stands for the target, ITEMS.md) is its first progress figure."""
    if ind.get("target"):
        return ("target", _fig(ind["target"]))
    return ("progress", _fig(ind["progress"][0]) if ind.get("progress") else None)


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= COMPLETION_TOLERANCE)


def score_items(gold: Iterable[dict[str, Any]], predicted: dict[tuple[str, str], dict[str, Any] | None]) -> ItemScores:
    """`predicted` maps (doc, item) to the predicted dict, or None when item facts raised."""
    sc = ItemScores()
    for g in gold:
        key = (g["doc"], g["item"])
        sc.items += 1
        pred = predicted.get(key)
        if pred is None:
            sc.crashes += 1
            pred = {"status": None, "indicators": []}
        by_key = {_key(i): i for i in pred["indicators"]}
        # a link joins a target figure to the progress figure that answers it
        pred_links = {(_fig(i["target"]), _fig(p)) for i in pred["indicators"] if i.get("target")
                      for p in i["progress"][:1]}
        gold_links = {(_fig(i["target"]), _fig(p)) for i in g["indicators"] if i.get("target")
                      for p in i["progress"][:1]}
        sc.links_gold += len(gold_links)
        sc.links_pred += len(pred_links)
        sc.links_tp += len(gold_links & pred_links)
        for gi in g["indicators"]:
            sc.indicators += 1
            pi = by_key.get(_key(gi))
            if pi is None:
                sc.errors.append({"item": key, "indicator": _key(gi), "error": "no indicator"})
                continue
            sc.indicator_found += 1
            ok = {"status": gi["status"] == pi["status"],
                  "completion": _close(gi["completion"], pi["completion"]),
                  "stated": _close(gi["stated_completion"], pi["stated_completion"])}
            sc.status_ok += ok["status"]
            sc.completion_ok += ok["completion"]
            sc.stated_ok += ok["stated"]
            if not all(ok.values()):
                sc.errors.append({"item": key, "indicator": _key(gi),
                                  "gold": {k: gi[k] for k in ("status", "completion", "stated_completion")},
                                  "pred": {k: pi[k] for k in ("status", "completion", "stated_completion")}})
        if g["status"] == pred["status"]:
            sc.item_status_ok += 1
        else:
            sc.errors.append({"item": key, "error": "item status", "gold": g["status"], "pred": pred["status"]})
        for miss in sorted(gold_links - pred_links, key=str):
            sc.errors.append({"item": key, "error": "missed link", "link": miss})
        for extra in sorted(pred_links - gold_links, key=str):
            sc.errors.append({"item": key, "error": "false link", "link": extra})
    return sc
