"""Build gold/*.jsonl from the hand annotations in gold/annotations/*.yaml.

An annotation file maps unit ids to entity lists, each entity written as
    [LABEL, surface, value, {extra keys}]      # extra keys optional
`surface` is the exact text of the span in the unit; if it occurs more than once,
append '#k' for the k-th occurrence (1-based): "87间#2". Units are taken from the
seed document by minsheng_ie.read_document, so ids and texts match the reader.

    python scripts/build_gold.py            # all documents
    python scripts/build_gold.py 000        # one
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minsheng_ie.documents import read_text  # noqa: E402


def _plain(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _entities(uid: str, text: str, specs, errors: list[str]) -> list[dict]:
    ents = []
    for spec in specs or []:
        label, surface, value, *rest = spec
        extra = rest[0] if rest else {}
        occ = 1
        if "#" in surface and surface.rsplit("#", 1)[1].isdigit():
            surface, k = surface.rsplit("#", 1)
            occ = int(k)
        pos = -1
        for _ in range(occ):
            pos = text.find(surface, pos + 1)
            if pos < 0:
                break
        if pos < 0:
            errors.append(f"{uid}: '{surface}' (occurrence {occ}) not in unit text")
            continue
        ent = {"label": label, "start": pos, "end": pos + len(surface), "text": surface,
               "value": _plain(value)}
        ent.update({k: _plain(v) for k, v in extra.items()})
        ents.append(ent)
    ents.sort(key=lambda e: (e["start"], e["end"]))
    return ents


def build_challenge(src: Path) -> int:
    """gold/challenge/NAME.src.yaml (a list of units with their entities) → NAME.jsonl."""
    units = yaml.safe_load(src.read_text(encoding="utf-8")) or []
    errors: list[str] = []
    out = []
    for u in units:
        text = u["text"]
        out.append({"id": u["id"], "doc": src.name.split(".")[0], "ref_date": _plain(u.get("ref_date")),
                    "field": u.get("field"), "text": text,
                    "entities": _entities(u["id"], text, u.get("entities"), errors)})
    if errors:
        raise SystemExit("\n".join(errors))
    dest = src.with_name(src.name.replace(".src.yaml", ".jsonl"))
    with open(dest, "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return sum(len(r["entities"]) for r in out)


def build(stem: str) -> int:
    text = (ROOT / "gold" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = read_text(text, stem)
    ann: dict = {}
    ann_path = ROOT / "gold" / "annotations" / f"{stem}*.yaml"
    for part in sorted(ann_path.parent.glob(ann_path.name)):   # one file or several parts
        for uid, ents in (yaml.safe_load(part.read_text(encoding="utf-8")) or {}).items():
            if uid in ann:
                raise SystemExit(f"{part}: unit {uid} annotated twice")
            ann[uid] = ents
    units = dict(doc.units())
    unknown = set(ann) - set(units)
    if unknown:
        raise SystemExit(f"{ann_path}: unknown unit ids {sorted(unknown)}")
    out, errors = [], []
    for uid, unit in doc.units():
        out.append({"id": uid, "doc": stem, "ref_date": doc.ref_date.isoformat(),
                    "field": unit.field, "text": unit.text,
                    "entities": _entities(uid, unit.text, ann.get(uid), errors)})
    if errors:
        raise SystemExit("\n".join(errors))
    with open(ROOT / "gold" / f"{stem}.jsonl", "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return sum(len(r["entities"]) for r in out)


if __name__ == "__main__":
    stems = sorted(p.stem for p in (ROOT / "gold").glob("*.txt"))
    wanted = sys.argv[1:]
    for stem in stems:
        if not wanted or any(stem.startswith(w) for w in wanted):
            print(stem, build(stem), "entities")
    for src in sorted((ROOT / "gold" / "challenge").glob("*.src.yaml")):
        if not wanted or any(src.name.startswith(w) for w in wanted):
            print(src.name, build_challenge(src), "entities")
