"""Build the gold JSONL files from the hand annotations (YAML).

Entity gold. An annotation maps a text unit to its entities, each written as
    [LABEL, surface, value, {extra keys}]      # extra keys optional
`surface` is the exact text of the span in the unit; if it occurs more than once,
append '#k' for the k-th occurrence (1-based): "87间#2". QUANTITY and PERCENT carry the
extra key `subject`: the surface of what the figure counts (same '#k' convention) or
null; completion percentages also carry `kind: completion` (ANNOTATION.md, "Subject").

- Seeds: gold/annotations/STEM*.yaml map unit ids to entity lists. The units (ids and
  texts) are the ones already in gold/STEM.jsonl: they were cut by the reader once and
  are frozen (tests/test_gold.py checks the reader still cuts them so).
- Unit lists: gold/{challenge,heldout,dev,peers}/NAME.src.yaml hold a list of units
  {id, field, ref_date, text, entities} → NAME.jsonl beside it (doc: NAME).

Item gold. gold/items/DOC.yaml holds a list of items (ITEMS.md, "Gold and scoring"):
    - item: "002"
      ref_date: "2020-03-31"
      deadline: "2020-12-31"          # or null
      status: on_track
      indicators:
        - subject: 考场               # text or null
          unit: 间
          target: [000-002-target, "429间"]          # [unit id, surface(#k)] or null
          progress: [[000-002-progress, "87间"]]
          completion: 0.2028
          stated_completion: null
          met: null
          status: on_track
The unit ids are looked up in the entity gold; each figure becomes {unit_id, start, end}.

    python scripts/build_gold.py            # everything
    python scripts/build_gold.py 000 heldout # names starting with these
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
UNIT_LIST_DIRS = ("challenge", "heldout", "dev", "peers")


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _find(text: str, surface: str) -> tuple[int, str] | None:
    """(start, surface) of 'surface#k' in text, or None."""
    occ = 1
    if "#" in surface and surface.rsplit("#", 1)[1].isdigit():
        surface, k = surface.rsplit("#", 1)
        occ = int(k)
    pos = -1
    for _ in range(occ):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return None
    return pos, surface


def _entities(uid: str, text: str, specs, errors: list[str]) -> list[dict]:
    ents = []
    for spec in specs or []:
        label, surface, value, *rest = spec
        extra = dict(rest[0]) if rest else {}
        found = _find(text, surface)
        if found is None:
            errors.append(f"{uid}: '{surface}' not in unit text")
            continue
        pos, surface = found
        ent = {"label": label, "start": pos, "end": pos + len(surface), "text": surface,
               "value": _plain(value)}
        if "subject" in extra:
            subj = extra.pop("subject")
            if subj is None:
                ent["subject"] = None
            else:
                where = _find(text, str(subj))
                if where is None:
                    errors.append(f"{uid}: subject '{subj}' of '{surface}' not in unit text")
                    continue
                s, subj_text = where
                ent["subject"] = {"start": s, "end": s + len(subj_text), "text": subj_text}
        ent.update({k: _plain(v) for k, v in extra.items()})
        ents.append(ent)
    ents.sort(key=lambda e: (e["start"], e["end"]))
    return ents


def _write_jsonl(dest: Path, records: list[dict]) -> None:
    with open(dest, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def build_unit_list(src: Path) -> int:
    """gold/<set>/NAME.src.yaml (a list of units with their entities) → NAME.jsonl."""
    units = yaml.safe_load(src.read_text(encoding="utf-8")) or []
    errors: list[str] = []
    out = []
    for u in units:
        text = u["text"]
        out.append({"id": u["id"], "doc": src.name.split(".")[0], "ref_date": _plain(u.get("ref_date")),
                    "field": u.get("field"), "text": text,
                    "entities": _entities(u["id"], text, u.get("entities"), errors)})
    if errors:
        raise SystemExit(f"{src}:\n" + "\n".join(errors))
    _write_jsonl(src.with_name(src.name.replace(".src.yaml", ".jsonl")), out)
    return sum(len(r["entities"]) for r in out)


def build_seed(stem: str) -> int:
    """gold/annotations/STEM*.yaml → gold/STEM.jsonl, over the frozen units of that file."""
    dest = GOLD / f"{stem}.jsonl"
    units = [json.loads(line) for line in dest.read_text(encoding="utf-8").splitlines() if line.strip()]
    ann: dict = {}
    for part in sorted((GOLD / "annotations").glob(f"{stem}*.yaml")):   # one file or several parts
        for uid, ents in (yaml.safe_load(part.read_text(encoding="utf-8")) or {}).items():
            if uid in ann:
                raise SystemExit(f"{part}: unit {uid} annotated twice")
            ann[uid] = ents
    unknown = set(ann) - {u["id"] for u in units}
    if unknown:
        raise SystemExit(f"gold/annotations/{stem}*.yaml: unknown unit ids {sorted(unknown)}")
    errors: list[str] = []
    out = [{**{k: v for k, v in u.items() if k != "entities"},
            "entities": _entities(u["id"], u["text"], ann.get(u["id"]), errors)} for u in units]
    if errors:
        raise SystemExit("\n".join(errors))
    _write_jsonl(dest, out)
    return sum(len(r["entities"]) for r in out)


def _unit_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    paths = sorted(GOLD.glob("*.jsonl")) + [p for d in UNIT_LIST_DIRS for p in sorted((GOLD / d).glob("*.jsonl"))]
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = rec["text"]
    return texts


def build_items(src: Path, texts: dict[str, str]) -> int:
    """gold/items/DOC.yaml → DOC.jsonl, figures as {unit_id, start, end}."""
    items = yaml.safe_load(src.read_text(encoding="utf-8")) or []
    doc = src.stem
    errors: list[str] = []

    def figure(ref, where: str) -> dict | None:
        if ref is None:
            return None
        uid, surface = ref
        if uid not in texts:
            errors.append(f"{where}: unknown unit id {uid!r}")
            return None
        found = _find(texts[uid], str(surface))
        if found is None:
            errors.append(f"{where}: '{surface}' not in unit {uid}")
            return None
        s, text = found
        return {"unit_id": uid, "start": s, "end": s + len(text)}

    out = []
    for it in items:
        where = f"{src.name}: item {it.get('item')}"
        inds = []
        for k, ind in enumerate(it.get("indicators") or []):
            w = f"{where} indicator {k}"
            inds.append({"subject": ind.get("subject"), "unit": ind.get("unit"),
                         "target": figure(ind.get("target"), w),
                         "progress": [figure(p, w) for p in ind.get("progress") or []],
                         "completion": ind.get("completion"),
                         "stated_completion": ind.get("stated_completion"),
                         "met": ind.get("met"), "status": ind.get("status")})
        out.append({"doc": it.get("doc", doc), "item": str(it["item"]), "ref_date": _plain(it.get("ref_date")),
                    "deadline": _plain(it.get("deadline")), "status": it.get("status"), "indicators": inds})
    if errors:
        raise SystemExit("\n".join(errors))
    _write_jsonl(src.with_suffix(".jsonl"), out)
    return len(out)


if __name__ == "__main__":
    wanted = sys.argv[1:]

    def chosen(name: str) -> bool:
        return not wanted or any(name.startswith(w) for w in wanted)

    for path in sorted(GOLD.glob("*.jsonl")):
        if chosen(path.stem):
            print(path.stem, build_seed(path.stem), "entities")
    for d in UNIT_LIST_DIRS:
        for src in sorted((GOLD / d).glob("*.src.yaml")):
            if chosen(src.name) or chosen(d):
                print(f"{d}/{src.name}", build_unit_list(src), "entities")
    texts = _unit_texts()
    for src in sorted((GOLD / "items").glob("*.yaml")):
        if chosen(src.name) or chosen("items"):
            print(f"items/{src.name}", build_items(src, texts), "items")
